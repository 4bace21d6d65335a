"""Code a pasted article or an uploaded file without storing it (``POST /api/extract``).

The pipeline is loaded once per process, on the first request, and runs under a lock:
stages keep timings and working state on shared objects, and one article takes tens of
milliseconds, so serialising is simpler than proving every stage thread-safe.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from pydantic import BaseModel, Field

from rasd.api.errors import CannotCode, UnsupportedUpload
from rasd.errors import InputError
from rasd.read import ReadOptions, read_path
from rasd.read.clean import clean_lines
from rasd.read.source import make_document

MAX_DOCUMENTS_PER_UPLOAD = 20
UPLOAD_SUFFIXES = (".txt", ".text", ".html", ".htm", ".json", ".jsonl", ".ndjson")

_lock = threading.Lock()
_pipeline = None


class ArticleIn(BaseModel):
    """A pasted article: the headline, the body, and the publication date if known."""

    title: str = Field("", max_length=2000, description="Headline (may be empty)")
    text: str = Field(..., min_length=1, max_length=1_000_000, description="Article body")
    published: str | None = Field(None, max_length=40, description="Publication date, ISO (YYYY-MM-DD)")


def pipeline():
    global _pipeline
    with _lock:
        if _pipeline is None:
            from rasd.pipeline import default_pipeline

            _pipeline = default_pipeline().load()
        return _pipeline


def code_documents(docs: list) -> list[dict]:
    nlp = pipeline()
    with _lock:
        return [nlp(doc).to_dict() for doc in docs]


def code_article(article: ArticleIn) -> dict:
    """A pasted article, cleaned like a .txt file (share bars, "اظهر المزيد" removed)."""
    lines = [ln.strip() for ln in article.text.splitlines() if ln.strip()]
    try:
        doc = make_document(where="paste:1", title=article.title, body="\n\n".join(clean_lines(lines)),
                            published=article.published)
    except InputError as err:
        raise CannotCode(err.reason) from None
    return {"documents": code_documents([doc]), "errors": []}


def code_upload(filename: str, data: bytes, max_bytes: int) -> dict:
    """Every document in one uploaded file (at most ``MAX_DOCUMENTS_PER_UPLOAD``), coded."""
    suffix = _upload_suffix(filename)
    with tempfile.TemporaryDirectory(prefix="rasd-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"  # never the client's name: no path tricks
        path.write_bytes(data)
        docs, errors = _read_upload(path, filename, max_bytes)
    if not docs:
        reason = errors[0]["reason"] if errors else "no document in the file"
        raise CannotCode(f"{filename}: {reason}")
    return {"documents": code_documents(docs), "errors": errors}


def _upload_suffix(filename: str) -> str:
    name = (filename or "").lower().removesuffix(".gz")
    suffix = Path(name).suffix
    if suffix not in UPLOAD_SUFFIXES:
        raise UnsupportedUpload(f"cannot read {filename!r}: upload a file ending in "
                                f"{', '.join(UPLOAD_SUFFIXES)}")
    return suffix


def _read_upload(path: Path, filename: str, max_bytes: int) -> tuple[list, list[dict]]:
    docs, errors = [], []
    for item in read_path(path, ReadOptions(max_bytes=max_bytes)):
        if isinstance(item, InputError):
            where = item.where.replace(str(path), filename)
            errors.append({"where": where, "reason": item.reason})
        elif len(docs) < MAX_DOCUMENTS_PER_UPLOAD:
            docs.append(item)
    return docs, errors
