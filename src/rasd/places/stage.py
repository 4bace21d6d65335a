"""The places stage: resolve every place mention, and name the places the entity stages missed.

A resolved place that no entity mention covers becomes an entity too (GPE for countries,
divisions and towns, LOC for bases, mountains, regions): the gazetteer knows place names the
NER model did not tag.
"""

from __future__ import annotations

from functools import lru_cache

from rasd.actors.translit import english_name
from rasd.document import Document, Entity, Place, Span
from rasd.entities.stage import entity_key
from rasd.pipeline import Stage
from rasd.places.gazetteer import default_gazetteer
from rasd.places.resolve import resolve_places
from rasd.resources import data_path, read_tsv
from rasd.text.normalize import normalize_phrase, strip_proclitics

# GeoNames feature classes whose places have a government of their own (ANNOTATION.md: GPE).
GPE_CLASSES = ("A.", "P.")


def place_stage_func(doc: Document) -> Document:
    doc.places = resolve_places(doc)
    _merge_split_places(doc)
    _add_place_entities(doc)
    _name_facilities(doc)
    return doc


@lru_cache(maxsize=1)
def _facility_words() -> frozenset[str]:
    return frozenset(normalize_phrase(r["word"]) for _, r in read_tsv(data_path("gazetteer", "facilities.tsv")))


def _name_facilities(doc: Document) -> None:
    """"ميناء البريقة", "حي سومر": a facility word before a place name makes one LOC entity of
    the phrase; the town's own entity keeps its other mentions. A place that acts (a capital
    standing for its government) keeps all of its mentions."""
    words = _facility_words()
    named: dict[str, Entity] = {}
    for entity in [e for e in doc.entities if e.type in ("GPE", "LOC") and not e.actor]:
        kept = []
        for m in entity.mentions:
            start = _facility_start(doc.text, m.start, words)
            if start is None:
                kept.append(m)
                continue
            phrase = doc.text[start:m.end]
            home = named.get(entity_key(phrase))
            if home is None:
                home = named[entity_key(phrase)] = Entity(id=_next_entity_id(doc), type="LOC", name=english_name(phrase),
                                                          name_ar=phrase, actor=None, kb_id=None)
                doc.entities.append(home)
            home.mentions.append(Span(start, m.end, phrase))
        entity.mentions = kept
    doc.entities = [e for e in doc.entities if e.mentions]


def _merge_split_places(doc: Document) -> None:
    """"المدينة المنورة" tagged as two places by the NER model is one place the gazetteer knows:
    unlinked GPE/LOC mentions lying inside a longer resolved place give way to it."""
    multiword = [p for p in doc.places if " " in p.form]
    if not multiword:
        return
    for entity in doc.entities:
        if entity.type in ("GPE", "LOC") and not entity.kb_id:
            entity.mentions = [m for m in entity.mentions if not any(
                p.start <= m.start and m.end <= p.end and (m.end - m.start) < (p.end - p.start) for p in multiword)]
    doc.entities = [e for e in doc.entities if e.mentions]


def _add_place_entities(doc: Document) -> None:
    covered = [(m.start, m.end) for e in doc.entities for m in e.mentions]
    by_key: dict[str, Entity] = {}
    for e in doc.entities:
        for m in e.mentions:
            by_key.setdefault(entity_key(m.text), e)
        if e.name:
            by_key.setdefault(e.name, e)
    for place in doc.places:
        if any(a < place.end and place.start < b for a, b in covered):
            continue
        entity = by_key.get(entity_key(place.form)) or by_key.get(place.name)
        if entity is None:
            entity = Entity(id=_next_entity_id(doc), type=_type(place), name=place.name, name_ar=place.form,
                            actor=None, kb_id=f"geonames:{place.geonames_id}" if place.geonames_id else None)
            doc.entities.append(entity)
            by_key[place.name] = by_key[entity_key(place.form)] = entity
        entity.mentions.append(Span(place.start, place.end, place.form))


def _facility_start(text: str, name_start: int, words: frozenset[str]) -> int | None:
    """Where the facility word right before a name starts ("وصلت إلى ميناء البريقة"), its
    proclitic و/ب/ل left out ("بميناء" -> "ميناء"), or None when there is none."""
    before = text[max(0, name_start - 16):name_start].split()
    if not before or not text[name_start - 1:name_start].isspace():
        return None
    word = before[-1]
    for form, cut in strip_proclitics(normalize_phrase(word)):
        if form in words:
            return name_start - 1 - len(word) + cut
    return None


def _next_entity_id(doc: Document) -> str:
    """A fresh id: one past the highest "eN" so far (entities merged away leave gaps)."""
    taken = [int(e.id[1:]) for e in doc.entities if e.id[:1] == "e" and e.id[1:].isdigit()]
    return f"e{max(taken, default=0) + 1}"


def _type(place: Place) -> str:
    return "GPE" if (place.feature or "P.").startswith(GPE_CLASSES) else "LOC"


places_stage = Stage("places", place_stage_func, requires=("sentences", "entities"), assigns=("places",),
                     load=default_gazetteer)
