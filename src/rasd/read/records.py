"""JSON inputs: one object, a list of objects, or JSON Lines (plain or gzip).

Fields: ``doc_id``, ``title``, ``text`` or ``content``, ``published`` or ``date``, ``source``,
``url``. A cut or invalid line is reported as ``FILE:LINE`` and the rest of the file is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from rasd.document import Document
from rasd.errors import InputError
from rasd.dates import parse_published
from rasd.read.source import decode, make_document, open_bytes


def read_records(path: Path, options) -> Iterator[Document | InputError]:
    try:
        with open_bytes(path) as fh:
            first = _first_char(fh)
            fh.seek(0)
            if first == b"[":
                yield from _read_array(fh, path, options.max_bytes)
            else:
                yield from _read_lines(fh, path, options.max_bytes)
    except (OSError, EOFError) as exc:  # a truncated gzip stream, a vanished file
        yield InputError(f"{path}:0", f"E207 cannot read further: {exc}")


def _first_char(fh) -> bytes:
    while chunk := fh.read(1):
        if chunk not in b" \t\r\n\xef\xbb\xbf":
            return chunk
    return b""


def _read_lines(fh, path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    """JSON Lines, or one pretty-printed object (a line that does not parse alone then joins)."""
    for lineno, raw in enumerate(fh, 1):
        if len(raw) > max_bytes:
            yield InputError(f"{path}:{lineno}", f"E205 record larger than the {max_bytes:,}-byte limit")
            continue
        if not raw.strip():
            continue
        try:
            data = json.loads(decode(raw, str(path), lineno))
        except InputError as err:
            yield err
            continue
        except json.JSONDecodeError as exc:
            if lineno == 1 and raw.strip() == b"{":
                yield from _read_whole_object(fh, raw, path, max_bytes)
                return
            yield InputError(f"{path}:{lineno}", f"E208 invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield from _records(data, path, lineno)


def _read_whole_object(fh, head: bytes, path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    data = head + fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError(f"{path}:1", f"E205 document larger than the {max_bytes:,}-byte limit")
        return
    try:
        yield from _records(json.loads(decode(data, str(path))), path, 1)
    except json.JSONDecodeError as exc:
        yield InputError(f"{path}:{exc.lineno}", f"E208 invalid JSON ({exc.msg})")
    except InputError as err:
        yield err


def _read_array(fh, path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError(f"{path}:1", f"E205 file larger than the {max_bytes:,}-byte limit for a JSON array")
        return
    try:
        items = json.loads(decode(data, str(path)))
    except json.JSONDecodeError as exc:
        yield InputError(f"{path}:{exc.lineno}", f"E208 invalid JSON ({exc.msg})")
        return
    except InputError as err:
        yield err
        return
    yield from _records(items, path, 1)


def _records(data, path: Path, lineno: int) -> Iterator[Document | InputError]:
    items = data if isinstance(data, list) else [data]
    for item in items:
        try:
            yield record_to_document(item, f"{path}:{lineno}")
        except InputError as err:
            yield err


def record_to_document(item, where: str) -> Document:
    if not isinstance(item, dict):
        raise InputError(where, f"E209 expected a JSON object, found {type(item).__name__}")
    body = item.get("text") or item.get("content") or ""
    if not isinstance(body, str):
        raise InputError(where, "E209 'text' is not a string")
    doc_id = item.get("doc_id") or item.get("id")
    if doc_id and not body.strip() and not str(item.get("title") or "").strip():
        # A feed row with an id but no content is still a document the user has (its URL, its
        # date): keep it as an uncoded record so counts agree with the input; the run warns.
        return Document(doc_id=str(doc_id), text="", source=item.get("source"), url=item.get("url"),
                        published=parse_published(_text_field(item, "published", "date")), origin=where)
    return make_document(where=where, title=str(item.get("title") or ""), body=body,
                         doc_id=str(doc_id) if doc_id else None,
                         published=_text_field(item, "published", "date"),
                         source=item.get("source"), url=item.get("url"))


def _text_field(item: dict, *keys: str) -> str | None:
    """The first of ``keys`` present, as text (a feed may give a date as a number)."""
    for key in keys:
        if item.get(key) not in (None, ""):
            return str(item[key])
    return None
