"""Named entities: NER spans (the entities stage), mentions grouped into entities.

``recognise_entities`` runs the project's NER model over every sentence and leaves the spans
in ``doc.annotations["ner_spans"]``; the actors stage merges them with the knowledge-base
matches and calls ``group_entities``: mentions of one entity share a knowledge-base id, or a
normalised form, or (people) one name is the tail of the other ("حفتر" in "خليفة حفتر").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasd.document import Document, Entity, Span
from rasd.pipeline import Stage
from rasd.text.function_words import words_of_kind
from rasd.text.normalize import normalize, normalize_phrase


@dataclass
class Mention:
    """An actor or entity mention shared with later stages through ``doc.annotations["actors"]``."""

    start: int
    end: int
    text: str
    code: str | None
    name: str | None
    kb_id: str | None
    type: str | None  # PER | ORG | GPE | LOC; None for a generic role phrase ("المتظاهرون")
    kind: str
    rule: str
    entity: str | None = None

    @property
    def key(self) -> str:
        """Normalised form without a leading article (computed once: grouping compares it often)."""
        cached = self.__dict__.get("_key")
        if cached is None:
            cached = self.__dict__["_key"] = entity_key(self.text)
        return cached


def recognise_entities(doc: Document) -> Document:
    from rasd.entities.ner import default_ner

    model = default_ner()
    spans = [span for (start, end), words in zip(doc.sentences, doc.annotations["words"])
             for span in model.entities(doc.text, start, end, tokens=words)]
    doc.annotations["ner_spans"] = [t for t in (_without_leading_particle(doc.text, *s) for s in spans) if t]
    return doc


@lru_cache(maxsize=1)
def _leading_particles() -> frozenset[str]:
    """Words that open a clause and never start a name (data/syntax/function_words.tsv):
    "قال إن صالح" is not a person "إن صالح"."""
    return words_of_kind("complementizer", "verb_particle")


def _without_leading_particle(text: str, start: int, end: int, etype: str) -> tuple[int, int, str] | None:
    """A name the recogniser began one word early ("إن صالح"): the particle is cut off."""
    first, _, rest = text[start:end].partition(" ")
    if normalize(first) in _leading_particles():
        if not rest:
            return None
        return start + len(first) + 1, end, etype
    return start, end, etype


def group_entities(doc: Document, mentions: list[Mention], canonical=None) -> Document:
    """Group the named mentions into entities (``doc.entities``); link each mention to its entity.

    ``canonical(kb_id)`` gives a linked entity's usual Arabic name (its ``name_ar``)."""
    groups: list[list[Mention]] = []
    by_id: dict[tuple, list[Mention]] = {}  # (type, kb_id) and (type, key) -> group
    people: dict[str, list[list[Mention]]] = {}  # last word of a person's name -> their groups
    for m in sorted(mentions, key=lambda m: m.start):
        if m.type is None:
            continue
        home = by_id.get((m.type, m.kb_id)) if m.kb_id else None
        home = home or by_id.get((m.type, m.key)) or (_person_group(people, m) if m.type == "PER" else None)
        if home is None:
            home = []
            groups.append(home)
        home.append(m)
        if m.kb_id:
            by_id.setdefault((m.type, m.kb_id), home)
        by_id.setdefault((m.type, m.key), home)
        if m.type == "PER" and m.key:
            bucket = people.setdefault(m.key.rsplit(" ", 1)[-1], [])
            if home not in bucket:
                bucket.append(home)
    doc.entities = [_entity(doc.text, f"e{i}", g, canonical) for i, g in enumerate(groups, 1)]
    for entity, group in zip(doc.entities, groups):
        for m in group:
            m.entity = entity.id
    return doc


def _person_group(people: dict[str, list[list[Mention]]], m: Mention) -> list[Mention] | None:
    """The group of a person whose name ends with this one, or is its ending ("حفتر"/"خليفة حفتر");
    only groups sharing the name's last word can, so only those are compared."""
    for group in people.get(m.key.rsplit(" ", 1)[-1], ()):
        if any(_name_part(m.key, g.key) for g in group):
            return group
    return None


class CoveredSpans:
    """Character spans already taken, for fast "does this span overlap one" questions."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        from bisect import bisect_left

        k = bisect_left(self.starts, end)  # spans starting before ``end``
        return any(e > start for _, e in self.spans[max(0, k - 8):k])


def entity_key(form: str) -> str:
    """The key two surface forms of one entity share: normalised, without a leading article."""
    words = normalize_phrase(form).split()
    if words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return " ".join(words)


def _name_part(a: str, b: str) -> bool:
    """One name is the last words of the other ("حفتر" / "خليفة حفتر")."""
    short, long = sorted((a.split(), b.split()), key=len)
    return len(short) < len(long) and long[-len(short):] == short


def _entity(text: str, eid: str, group: list[Mention], canonical=None) -> Entity:
    from rasd.actors.translit import english_name

    best = max(group, key=lambda m: (m.kb_id is not None, m.code is not None, len(m.text)))
    coded = [m.code for m in group if m.code]
    longest = max(group, key=lambda m: len(m.text))
    name_ar = (canonical(best.kb_id) if canonical and best.kb_id else None) or _dictionary_form(text, longest)
    return Entity(
        id=eid, type=best.type, name=best.name or english_name(name_ar), name_ar=name_ar,
        actor=best.code or (coded[0] if coded else None), kb_id=best.kb_id,
        mentions=[Span(m.start, m.end, m.text) for m in group],
    )


def _dictionary_form(text: str, m: Mention) -> str:
    """A mention as a dictionary would write it: "للقيادة" leaves the span "لقيادة" (the
    preposition's ل is cut, the article's alef was never written); the name is "القيادة"."""
    if m.text.startswith("ل") and m.start > 0 and text[m.start - 1] == "ل":
        return "ا" + m.text
    return m.text


def _load() -> None:
    from rasd.entities.ner import default_ner

    default_ner()


entities_stage = Stage("entities", recognise_entities, requires=("sentences", "words"), assigns=("ner_spans",), load=_load)
