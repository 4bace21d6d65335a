"""Flatten a ``Document`` into table rows (tuples in the column order of ``sql``).

The JSON record is the truth the store gives back; these rows are an index over it for
queries, so they copy fields and split actor codes but never decide anything.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from rasd.document import ActorRef, Document, Entity, Event, Place
from rasd.store import sql
from rasd.store.fold import fold


def record_json(doc: Document) -> str:
    return doc.to_json()


def record_hash(record: str) -> str:
    return hashlib.sha256(record.encode("utf-8")).hexdigest()


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """``"LBY MIL"`` -> ``("LBY", "MIL")``; the literal ``None`` half becomes NULL."""
    if not code:
        return None, None
    country, _, sector = code.partition(" ")
    return _none_to_null(country), _none_to_null(sector)


def _none_to_null(part: str) -> str | None:
    return None if part in ("", "None") else part


def document_row(doc: Document, record: str, digest: str, ingested_at: str) -> tuple:
    values = {
        "doc_id": doc.doc_id, "source": doc.source, "url": doc.url, "title": doc.title,
        "published": doc.published, "language": doc.language, "text": doc.text,
        "record": record, "record_hash": digest, "ingested_at": ingested_at,
    }
    return _ordered(values, sql.DOCUMENT_COLUMNS)


def entity_rows(doc: Document) -> list[tuple]:
    return [_ordered(_entity_values(doc.doc_id, i, e), sql.ENTITY_COLUMNS)
            for i, e in enumerate(doc.entities)]


def _entity_values(doc_id: str, seq: int, entity: Entity) -> dict:
    country, sector = split_code(entity.actor)
    return {
        "doc_id": doc_id, "seq": seq, "entity_id": entity.id, "type": entity.type,
        "name": entity.name, "name_ar": entity.name_ar, "actor": entity.actor,
        "actor_country": country, "actor_sector": sector, "kb_id": entity.kb_id,
        "mentions": json.dumps([asdict(m) for m in entity.mentions], ensure_ascii=False),
    }


def event_rows(doc: Document) -> list[tuple]:
    return [_ordered(_event_values(doc.doc_id, i, e), sql.EVENT_COLUMNS)
            for i, e in enumerate(doc.events)]


def _event_values(doc_id: str, seq: int, event: Event) -> dict:
    values = {
        "doc_id": doc_id, "seq": seq, "event_id": event.id, "type": event.type,
        "mode": event.mode, "cameo": event.cameo, "status": event.status,
        "date": event.date, "date_precision": event.date_precision,
        "trigger_text": event.trigger.text if event.trigger else None,
        "confidence": event.confidence,
    }
    values |= _actor_values("source", event.source, with_parts=True)
    values |= _actor_values("target", event.target, with_parts=True)
    values |= _actor_values("reported_by", event.reported_by, with_parts=False)
    values |= _location_values(event)
    values |= _evidence_values(event)
    return values


def _actor_values(role: str, ref: ActorRef | None, with_parts: bool) -> dict:
    code = ref.code if ref else None
    values = {f"{role}_code": code, f"{role}_name": ref.name if ref else None}
    if with_parts:
        values[f"{role}_country"], values[f"{role}_sector"] = split_code(code)
    return values


def _location_values(event: Event) -> dict:
    loc = event.location
    return {
        "location_name": loc.name if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "location_country": loc.country if loc else None,
    }


def _evidence_values(event: Event) -> dict:
    ev = event.evidence
    return {
        "evidence_text": ev.text if ev else None,
        "evidence_folded": fold(ev.text) if ev else None,
        "evidence_start": ev.start if ev else None,
        "evidence_end": ev.end if ev else None,
    }


def place_rows(doc: Document) -> list[tuple]:
    return [_ordered(_place_values(doc.doc_id, i, p), sql.PLACE_COLUMNS)
            for i, p in enumerate(doc.places)]


def _place_values(doc_id: str, seq: int, place: Place) -> dict:
    return {
        "doc_id": doc_id, "seq": seq, "form": place.form, "name": place.name,
        "geonames_id": place.geonames_id, "lat": place.lat, "lon": place.lon,
        "country": place.country, "start": place.start, "end": place.end,
    }


def _ordered(values: dict, columns: tuple[str, ...]) -> tuple:
    # A KeyError here means a column was added to sql without a value: fail loudly.
    return tuple(values[c] for c in columns)
