"""The document model: one object per article, as ../shared/spec/SCHEMA.md defines it.

Character offsets into ``Document.text`` are the only coordinates (spaCy's Doc/Span idea).
Stages add entities, events and places to a ``Document``; ``to_dict``/``from_dict`` give an
exact JSON round-trip and ``from_dict`` checks every span against the text, so a record
that points outside its text is refused on load rather than stored.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from rasd.errors import RecordError

ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC")
STATUSES = ("asserted", "claimed", "denied", "hypothetical")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass
class Span:
    """A stretch of the text; ``text`` always equals ``doc.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])


@dataclass
class Entity:
    id: str
    type: str
    name: str | None
    name_ar: str
    actor: str | None
    kb_id: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class ActorRef:
    """One end of an event: the actor code, and the entity and words it came from."""

    code: str | None
    name: str | None = None
    entity: str | None = None
    text: str | None = None


@dataclass
class Location:
    name: str
    name_ar: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None


@dataclass
class Event:
    id: str
    type: str
    source: ActorRef | None
    target: ActorRef | None
    status: str = "asserted"
    mode: str | None = None
    cameo: str | None = None
    reported_by: ActorRef | None = None
    location: Location | None = None
    date: str | None = None
    date_precision: str | None = None
    trigger: Span | None = None
    evidence: Span | None = None
    confidence: float = 0.5
    # Why the coder decided what it did: lexicon entries and rule names, for `rasd explain`.
    rules: list[str] = field(default_factory=list)


@dataclass
class Place:
    form: str
    name: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    start: int
    end: int
    feature: str | None = None


@dataclass
class Document:
    doc_id: str
    text: str
    title: str = ""
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # Where the record came from (FILE:LINE), for error messages; not part of the record.
    origin: str | None = field(default=None, compare=False)
    # Working annotations that stages share (tokens, actor mentions); never serialised.
    annotations: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    # -- spans ---------------------------------------------------------------------------

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    def sentence_of(self, offset: int) -> tuple[int, int] | None:
        """The sentence span holding character ``offset``, by binary search."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            start, end = self.sentences[mid]
            if offset < start:
                hi = mid - 1
            elif offset >= end:
                lo = mid + 1
            else:
                return self.sentences[mid]
        return None

    # -- JSON ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "sentences": [list(s) for s in self.sentences],
            "entities": [asdict(e) for e in self.entities],
            "events": [asdict(e) for e in self.events],
            "places": [asdict(p) for p in self.places],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        try:
            doc = cls(
                doc_id=data["doc_id"],
                text=data["text"],
                title=data.get("title") or "",
                source=data.get("source"),
                url=data.get("url"),
                published=data.get("published"),
                language=data.get("language"),
                sentences=[(int(s), int(e)) for s, e in data.get("sentences", [])],
                entities=[_entity(e) for e in data.get("entities", [])],
                events=[_event(e) for e in data.get("events", [])],
                places=[Place(**p) for p in data.get("places", [])],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RecordError(f"E101 malformed document record: {exc}") from exc
        doc.check_spans()
        return doc

    @classmethod
    def from_json(cls, line: str) -> "Document":
        return cls.from_dict(json.loads(line))

    def check_spans(self) -> None:
        """Raise ``RecordError`` if any span does not slice the text it claims to."""
        n = len(self.text)
        for start, end in self.sentences:
            if not 0 <= start <= end <= n:
                raise RecordError(f"E102 {self.doc_id}: sentence [{start}, {end}) outside text of {n} chars")
        spans: list[Span] = [m for e in self.entities for m in e.mentions]
        spans += [s for ev in self.events for s in (ev.trigger, ev.evidence) if s is not None]
        spans += [Span(p.start, p.end, p.form) for p in self.places]
        for s in spans:
            if not (0 <= s.start <= s.end <= n) or self.text[s.start:s.end] != s.text:
                raise RecordError(f"E103 {self.doc_id}: span [{s.start}, {s.end}) {s.text!r} does not slice the text")


def _span(d: dict | None) -> Span | None:
    return Span(**d) if d else None


def _actor(d: dict | None) -> ActorRef | None:
    return ActorRef(**d) if d else None


def _entity(d: dict) -> Entity:
    d = dict(d)
    d["mentions"] = [Span(**m) for m in d.get("mentions", [])]
    return Entity(**d)


def _event(d: dict) -> Event:
    d = dict(d)
    for key in ("source", "target", "reported_by"):
        d[key] = _actor(d.get(key))
    for key in ("trigger", "evidence"):
        d[key] = _span(d.get(key))
    d["location"] = Location(**d["location"]) if d.get("location") else None
    return Event(**d)
