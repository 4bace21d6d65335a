"""Renderings of one event query: CSV, JSON Lines, GeoJSON and PLOVER-style JSON.

Each renderer takes the rows of ``queries.iter_events`` and yields text chunks, so an export
of any size streams. Article text is untrusted: CSV cells that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@`` first) get a leading apostrophe (OWASP's advice); the
JSON renderings are plain JSON, escaped by the encoder.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Iterator

from rasd.api.filters import QUAD_NAMES
from rasd.api.queries import EVENT_COLUMNS

CSV_COLUMNS = EVENT_COLUMNS + ("quad",)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "geojson": "application/geo+json",
    "plover": "application/json",
}
SUFFIXES = {"csv": "csv", "jsonl": "jsonl", "geojson": "geojson", "plover": "plover.json"}


_CHUNK_CHARS = 64 * 1024


def render(fmt: str, rows: Iterable[dict]) -> Iterator[str]:
    """The rendering in chunks of about 64 KB: a streamed response hops threads per chunk."""
    pending, size = [], 0
    for piece in _RENDERERS[fmt](rows):
        pending.append(piece)
        size += len(piece)
        if size >= _CHUNK_CHARS:
            yield "".join(pending)
            pending, size = [], 0
    if pending:
        yield "".join(pending)


def csv_chunks(rows: Iterable[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for n, row in enumerate(rows, 1):
        writer.writerow([_safe_cell(row.get(c)) for c in CSV_COLUMNS])
        if n % 500 == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def jsonl_chunks(rows: Iterable[dict]) -> Iterator[str]:
    for row in rows:
        yield _dumps(row) + "\n"


def geojson_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """A FeatureCollection of the events that have coordinates (others are skipped)."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            continue
        yield ("" if first else ",\n") + _dumps(geojson_feature(row))
        first = False
    yield "]}\n"


def geojson_feature(row: dict) -> dict:
    properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": properties}


def plover_chunks(rows: Iterable[dict]) -> Iterator[str]:
    yield '{"format": "PLOVER", "events": ['
    for n, row in enumerate(rows):
        yield ("" if n == 0 else ",\n") + _dumps(plover_event(row))
    yield "]}\n"


def plover_event(row: dict) -> dict:
    """One event in PLOVER's vocabulary: event/mode/quad, actor and recipient, the text."""
    return {
        "id": f"{row['doc_id']}-{row['event_id']}",
        "date": row.get("filed_date"),
        "date_precision": row.get("date_precision") if row.get("date") else "published",
        "event": row.get("type"),
        "mode": row.get("mode"),
        "quad_class": row.get("quad"),
        "quad_name": QUAD_NAMES.get(row.get("quad")),
        "cameo": row.get("cameo"),
        "actor": _plover_actor(row, "source"),
        "recipient": _plover_actor(row, "target"),
        "status": row.get("status"),
        "reported_by": ({"code": row.get("reported_by_code"), "name": row.get("reported_by_name")}
                        if row.get("reported_by_code") or row.get("reported_by_name") else None),
        "location": _plover_location(row),
        "trigger": row.get("trigger_text"),
        "text": row.get("evidence_text"),
        "confidence": row.get("confidence"),
        "story": {"doc_id": row.get("doc_id"), "title": row.get("title"),
                  "url": row.get("url"), "published": row.get("published"), "language": "ar"},
    }


def _plover_actor(row: dict, role: str) -> dict | None:
    code = row.get(f"{role}_code")
    if not code and not row.get(f"{role}_name"):
        return None
    return {"code": code, "country": row.get(f"{role}_country"),
            "sector": row.get(f"{role}_sector"), "name": row.get(f"{role}_name")}


def _plover_location(row: dict) -> dict | None:
    if not row.get("location_name") and not row.get("location_country"):
        return None
    return {"placename": row.get("location_name"), "country": row.get("location_country"),
            "lat": row.get("lat"), "lon": row.get("lon")}


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


_RENDERERS = {"csv": csv_chunks, "jsonl": jsonl_chunks, "geojson": geojson_chunks,
              "plover": plover_chunks}
