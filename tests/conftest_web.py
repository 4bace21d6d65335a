"""A small store for the API and browser tests (imported by tests/test_api*.py, test_web*.py).

Hand-built documents make the assertions exact (a Turkish AID event with its evidence, an
article whose text is a script injection, located events for the map); the bundled sample
articles, coded by the real pipeline, make sure real records load and render too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.document import ActorRef, Document, Entity, Event, Location, Place, Span
from rasd.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "rasd" / "data" / "samples"
XSS_TITLE = '<script>window.__xss = 1; alert("x")</script> خبر عاجل'


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def _event(doc_text: str, id_: str, type_: str, source: str | None, target: str | None,
           trigger: str, evidence: str, **extra) -> Event:
    return Event(id=id_, type=type_, source=ActorRef(source, None, None, None) if source else None,
                 target=ActorRef(target, None, None, None) if target else None,
                 trigger=_span(doc_text, trigger), evidence=_span(doc_text, evidence), **extra)


def aid_document() -> Document:
    title = "تركيا ترسل مساعدات إلى سوريا"
    s1 = "أرسلت الحكومة التركية قافلة مساعدات إنسانية إلى حلب يوم الاثنين."
    s2 = "وقال مسؤول روسي إن أنقرة تشاورت مع موسكو بشأن الحدود."
    text = f"{title}\n\n{s1} {s2}"
    aleppo = Location("Aleppo", "حلب", 170063, 36.20124, 37.16117, "SYR")
    doc = Document(doc_id="t_aid_tur", text=text, title=title, source="test", url="http://example.org/aid",
                   published="2015-07-20", language="ar", sentences=[(0, len(title)), (len(title) + 2, len(text))])
    doc.entities = [Entity("e1", "ORG", "Turkish government", "الحكومة التركية", "TUR GOV",
                           mentions=[_span(text, "الحكومة التركية")]),
                    Entity("e2", "GPE", "Syria", "سوريا", "SYR None", mentions=[_span(text, "سوريا")])]
    doc.places = [Place("حلب", "Aleppo", 170063, 36.20124, 37.16117, "SYR", *_offsets(text, "حلب"))]
    doc.events = [
        _event(text, "v1", "AID", "TUR GOV", "SYR None", "أرسلت", s1, mode="humanitarian",
               cameo="0233", location=aleppo, date="2015-07-20", date_precision="day", confidence=0.9),
        _event(text, "v2", "CONSULT", "TUR GOV", "RUS GOV", "تشاورت", s2, status="claimed",
               reported_by=ActorRef("RUS GOV", "Russian official"), date="2015-07-19",
               date_precision="day", confidence=0.6),
    ]
    return doc


def yemen_document() -> Document:
    title = "غارات على صنعاء"
    s1 = "شنت طائرات التحالف غارات على مواقع الحوثيين في صنعاء، وقتل 20 مسلحا."
    s2 = "وتظاهر مئات في عدن احتجاجا على انقطاع الكهرباء بنسبة 100% تقريبا."
    text = f"{title}\n\n{s1} {s2}"
    sanaa = Location("Sanaa", "صنعاء", 71137, 15.35472, 44.20667, "YEM")
    aden = Location("Aden", "عدن", 415189, 12.77944, 45.03667, "YEM")
    doc = Document(doc_id="t_yemen", text=text, title=title, source="test", published="2015-07-25",
                   language="ar", sentences=[(0, len(title)), (len(title) + 2, len(text))])
    doc.places = [Place("صنعاء", "Sanaa", 71137, 15.35472, 44.20667, "YEM", *_offsets(text, "صنعاء", 5)),
                  Place("عدن", "Aden", 415189, 12.77944, 45.03667, "YEM", *_offsets(text, "عدن"))]
    doc.events = [
        _event(text, "v1", "ASSAULT", "SAU MIL", "YEM REB", "غارات", s1, mode="aerial",
               location=sanaa, date="2015-07-24", date_precision="day", confidence=0.8),
        _event(text, "v2", "PROTEST", "YEM CVL", "YEM GOV", "وتظاهر", s2, mode="demo",
               location=aden, confidence=0.7),
    ]
    return doc


def xss_document() -> Document:
    body = ('قال "=HYPERLINK(\\"http://evil\\")" المتحدث <img src=x onerror="window.__xss=2"> '
            "إن الحكومة رفضت الاتهامات.")
    text = f"{XSS_TITLE}\n\n{body}"
    doc = Document(doc_id="t_xss", text=text, title=XSS_TITLE, source="test", url="javascript:alert(1)",
                   published="2015-07-22", language="ar", sentences=[(0, len(XSS_TITLE)), (len(XSS_TITLE) + 2, len(text))])
    doc.events = [_event(text, "v1", "REJECT", "EGY GOV", None, "رفضت", body, date="2015-07-22",
                         date_precision="day")]
    return doc


def empty_document() -> Document:
    text = "مقال بلا أحداث\n\nنص قصير عن الطقس."
    return Document(doc_id="t_empty", text=text, title="مقال بلا أحداث", published="2015-07-01", language="ar",
                    sentences=[(0, len(text))])


def _offsets(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def sample_documents() -> list[Document]:
    """The bundled sample articles, coded by the real pipeline."""
    from rasd.pipeline import default_pipeline
    from rasd.read import ReadOptions, read_path

    pipeline = default_pipeline().load()
    docs = []
    for path in sorted(SAMPLES.glob("*.txt")):
        docs += [pipeline(d) for d in read_path(path, ReadOptions()) if isinstance(d, Document)]
    return docs


def synthetic_documents() -> list[Document]:
    return [aid_document(), yemen_document(), xss_document(), empty_document()]


def build_store(path: Path, with_samples: bool = True) -> str:
    url = f"sqlite:///{path}"
    docs = synthetic_documents() + (sample_documents() if with_samples else [])
    with open_store(url) as store:
        store.ingest(docs)
    return url


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> str:
    """URL of a store with the synthetic documents and the coded samples."""
    return build_store(tmp_path_factory.mktemp("web") / "web.db")
