"""Plain-text articles: first non-empty line is the title, then paragraphs; furniture removed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rasd.document import Document
from rasd.errors import InputError
from rasd.read.clean import clean_lines
from rasd.read.source import decode, make_document, open_bytes


def read_text_file(path: Path, options) -> Iterator[Document | InputError]:
    try:
        yield parse_text_article(_read_limited(path, options.max_bytes), path)
    except InputError as err:
        yield err


def _read_limited(path: Path, max_bytes: int) -> bytes:
    with open_bytes(path) as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{path}:1", f"E205 document larger than the {max_bytes:,}-byte limit")
    return data


def parse_text_article(data: bytes, path: Path) -> Document:
    text = decode(data, str(path))
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines:
        raise InputError(f"{path}:1", "E204 empty article")
    title, body = lines[0], clean_lines(lines[1:])
    return make_document(where=f"{path}:1", title=title, body="\n\n".join(body), doc_id=path.name.split(".")[0])
