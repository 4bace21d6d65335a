"""The places stage: resolve every place mention, and name the places the entity stages missed.

A resolved place that no entity mention covers becomes an entity too (GPE for countries,
divisions and towns, LOC for bases, mountains, regions): the gazetteer knows place names the
NER model did not tag.
"""

from __future__ import annotations

from rasd.document import Document, Entity, Place, Span
from rasd.entities.stage import entity_key
from rasd.pipeline import Stage
from rasd.places.gazetteer import default_gazetteer
from rasd.places.resolve import resolve_places

# GeoNames feature classes whose places have a government of their own (ANNOTATION.md: GPE).
GPE_CLASSES = ("A.", "P.")


def place_stage_func(doc: Document) -> Document:
    doc.places = resolve_places(doc)
    _merge_split_places(doc)
    _add_place_entities(doc)
    return doc


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
            entity = Entity(id=f"e{len(doc.entities) + 1}", type=_type(place), name=place.name, name_ar=place.form,
                            actor=None, kb_id=f"geonames:{place.geonames_id}" if place.geonames_id else None)
            doc.entities.append(entity)
            by_key[place.name] = by_key[entity_key(place.form)] = entity
        entity.mentions.append(Span(place.start, place.end, place.form))


def _type(place: Place) -> str:
    return "GPE" if (place.feature or "P.").startswith(GPE_CLASSES) else "LOC"


places_stage = Stage("places", place_stage_func, requires=("sentences", "entities"), assigns=("places",),
                     load=default_gazetteer)
