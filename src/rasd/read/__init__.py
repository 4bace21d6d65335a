"""Readers: files and directories in, ``Document`` objects (or ``InputError`` reports) out.

``read_inputs`` walks its paths (directories recursively), picks a reader by extension and,
when the extension says nothing, by content, and yields documents one at a time so a corpus
of any size streams through in flat memory. A bad document is yielded as an ``InputError``
naming ``FILE:LINE``; reading goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rasd.document import Document
from rasd.errors import InputError
from rasd.read.html import read_html
from rasd.read.records import read_records
from rasd.read.text import read_text_file

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read. ``max_bytes``: a document larger than this is reported and skipped."""

    max_bytes: int = DEFAULT_MAX_BYTES


READERS = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_records,
    ".jsonl": read_records,
    ".ndjson": read_records,
}


def read_inputs(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Document | InputError]:
    options = options or ReadOptions()
    for path in _walk(paths):
        yield from read_path(path, options)


def read_path(path: Path, options: ReadOptions) -> Iterator[Document | InputError]:
    """Every document in one file, by the reader its name or content calls for."""
    try:
        reader = READERS.get(_suffix(path)) or _sniff(path)
    except OSError as exc:
        yield InputError(f"{path}:0", f"E201 cannot open: {exc.strerror or exc}")
        return
    yield from reader(path, options)


def _walk(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def _suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def _sniff(path: Path):
    """Pick a reader from the first bytes when the extension is unknown."""
    from rasd.read.source import open_bytes

    with open_bytes(path) as fh:
        head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return read_records
    if head[:1] == b"<":
        return read_html
    return read_text_file
