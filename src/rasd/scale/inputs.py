"""Input files for the Spark job: what to hand to Spark, and how one file's bytes become
documents with the project's own readers (the same parsing as ``rasd.read``, so the job and
``rasd extract`` see the same documents).

Local paths are expanded here (directories recursively, hidden files skipped, in the same
sorted order as ``rasd.read``); any other URI (``hdfs://``, ``s3a://``, ...) goes to Spark
as it is, directory or glob.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from rasd.document import Document
from rasd.errors import InputError
from rasd.read import DEFAULT_MAX_BYTES
from rasd.read import records as record_reader
from rasd.read.html import parse_html_article
from rasd.read.source import decode
from rasd.read.text import parse_text_article
from rasd.scale.errors import ScaleError

RECORD_SUFFIXES = (".json", ".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
_GZIP_MAGIC = b"\x1f\x8b"


def has_scheme(path: str) -> bool:
    """``hdfs://...``, ``s3a://...``, ``file:///...``: a URI; a Windows drive is not one."""
    head, sep, _ = path.partition("://")
    return bool(sep) and len(head) > 1 and head.replace("+", "").isalnum()


def input_uris(inputs: Iterable[str]) -> list[str]:
    """Spark paths for ``inputs``: local files as ``file://`` URIs, other URIs unchanged."""
    uris: list[str] = []
    for raw in inputs:
        raw = str(raw)
        uris += [raw] if has_scheme(raw) and not raw.startswith("file://") else _local_files(raw)
    if not uris:
        raise ScaleError(f"E602 no input files in {list(inputs)!r}")
    return uris


def _local_files(raw: str) -> list[str]:
    path = Path(raw.removeprefix("file://"))
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    elif path.exists():
        files = [path]
    else:
        raise ScaleError(f"E602 input {raw!r} does not exist")
    return [p.resolve().as_uri() for p in files]


def documents_from_bytes(uri: str, data: bytes,
                         max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """Every document in one file's bytes, by the reader its name (else its content) calls for."""
    name = PurePosixPath(uri.split("://", 1)[-1]).name
    where = _display(uri)
    try:
        data = _gunzip(data, where)
    except InputError as err:
        yield err
        return
    kind = _kind(name, data)
    if kind == "records":
        yield from _records(data, where, max_bytes)
    elif len(data) > max_bytes:
        yield InputError(f"{where}:1", f"E205 document larger than the {max_bytes:,}-byte limit")
    else:
        yield from _single(kind, data, where, name)


def _display(uri: str) -> str:
    # Local files are named as rasd.read names them (a plain path), others by their URI;
    # Hadoop spells local files file:/path, users file:///path.
    if uri.startswith("file:"):
        return "/" + uri[len("file:"):].lstrip("/")
    return uri


def _gunzip(data: bytes, where: str) -> bytes:
    if not data.startswith(_GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError) as exc:  # a truncated gzip stream
        raise InputError(f"{where}:0", f"E207 cannot read further: {exc}") from None


def _kind(name: str, data: bytes) -> str:
    suffix = PurePosixPath(name.lower().removesuffix(".gz")).suffix
    if suffix in RECORD_SUFFIXES:
        return "records"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")  # sniff as rasd.read does
    return {b"{": "records", b"[": "records", b"<": "html"}.get(head[:1], "text")


def _records(data: bytes, where: str, max_bytes: int) -> Iterator[Document | InputError]:
    # rasd.read.records' own line and array readers, over the bytes Spark handed us.
    fh = io.BytesIO(data)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":
        yield from record_reader._read_array(fh, where, max_bytes)
    else:
        yield from record_reader._read_lines(fh, where, max_bytes)


def _single(kind: str, data: bytes, where: str, name: str) -> Iterator[Document | InputError]:
    try:
        if kind == "html":
            yield parse_html_article(decode(data, where), where, doc_id=name.split(".")[0])
        else:
            yield parse_text_article(data, PurePosixPath(where))
    except InputError as err:
        yield err
