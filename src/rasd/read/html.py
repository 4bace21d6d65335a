"""HTML pages: main text, title, date and URL by trafilatura, with jusText as the fallback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rasd.document import Document
from rasd.errors import InputError
from rasd.read.source import decode, make_document
from rasd.read.text import _read_limited


def read_html(path: Path, options) -> Iterator[Document | InputError]:
    try:
        html = decode(_read_limited(path, options.max_bytes), str(path))
        yield parse_html_article(html, str(path), doc_id=path.name.split(".")[0])
    except InputError as err:
        yield err


def parse_html_article(html: str, where: str, doc_id: str | None = None) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    result = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else extracted
    title = body = published = url = site = None
    if result:
        title, body = result.get("title"), result.get("text")
        published, url, site = result.get("date"), result.get("url"), result.get("sitename")
    if not body:
        body = _justext_body(html)
    if not body:
        raise InputError(f"{where}:1", "E206 no article text found in the HTML page")
    return make_document(where=f"{where}:1", title=title or "", body=body, doc_id=doc_id,
                         published=published, source=site, url=url)


def _justext_body(html: str) -> str:
    """Main text by jusText: paragraphs it does not class as boilerplate."""
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("Arabic"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)
