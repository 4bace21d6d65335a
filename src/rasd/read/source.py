"""Opening files (plain or gzip) and turning their bytes into text, with errors that say where."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path
from typing import BinaryIO

from rasd.dates import parse_published
from rasd.document import Document
from rasd.errors import InputError
from rasd.read.clean import strip_share_bar
from rasd.read.language import detect_language


def open_bytes(path: Path) -> BinaryIO:
    with path.open("rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb")


def decode(data: bytes, where: str, first_line: int = 1) -> str:
    """UTF-8 text of ``data`` (BOM dropped); binary or undecodable bytes raise ``InputError``.

    ``where`` is the file name; the error names the line of the first bad byte.
    """
    if b"\x00" in data:
        line = first_line + data[: data.index(b"\x00")].count(b"\n")
        raise InputError(f"{where}:{line}", "E202 binary content (NUL bytes): not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data[: exc.start].count(b"\n")
        raise InputError(f"{where}:{line}", f"E203 undecodable bytes (not UTF-8) at byte {exc.start}") from None
    return text.lstrip("\ufeff")


def stable_id(text: str) -> str:
    """A document id from its text, for inputs that carry none: same text, same id."""
    return "h_" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def make_document(*, where: str, title: str, body: str, doc_id: str | None = None, published: str | None = None,
                  source: str | None = None, url: str | None = None) -> Document:
    """A ``Document`` whose text is the headline, a blank line, then the body.

    The headline is part of the text so that events stated only in it get evidence spans like
    any other sentence; ``sentences[0]`` is then the headline.
    """
    title, body = (title or "").strip(), strip_share_bar((body or "").strip())
    if not body and not title:
        raise InputError(where, "E204 empty article: no title and no text")
    text = f"{title}\n\n{body}" if title and body else (title or body)
    doc = Document(doc_id=doc_id or stable_id(text), text=text, title=title, source=source, url=url,
                   published=parse_published(published), origin=where)
    doc.language = detect_language(text)
    return doc

