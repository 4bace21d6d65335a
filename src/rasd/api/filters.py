"""The event filters every event endpoint shares, as one validated value.

``EventFilters`` is what ``rasd.api.queries`` turns into WHERE conditions; ``event_filters``
is the FastAPI dependency that reads it from the query string, so the table, the map, the
timeline, the network and every export accept the same parameters with the same checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Annotated

from fastapi import Query

from rasd.document import PLOVER_TYPES, STATUSES
from rasd.api.errors import BadParameter

# PLOVER's four quad classes: verbal/material x cooperation/conflict.
QUADS: dict[int, tuple[str, ...]] = {
    1: ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    2: ("COOPERATE", "AID", "RETREAT"),
    3: ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    4: ("SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"),
}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}
QUAD_OF_TYPE = {t: q for q, types in QUADS.items() for t in types}

_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_COUNTRY = r"^[A-Za-z]{3}$"
_MODE = re.compile(r"^[a-z_]{1,40}$")


class EventSort(str, Enum):
    published = "published"
    published_desc = "-published"
    date = "date"
    date_desc = "-date"
    type = "type"
    confidence = "confidence"
    confidence_desc = "-confidence"
    doc_id = "doc_id"


@dataclass(frozen=True)
class EventFilters:
    types: tuple[str, ...] = ()
    mode: str | None = None
    actor: str | None = None
    country: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    q: str | None = None
    doc_id: str | None = None
    located: bool = False


def parse_types(type_: list[str] | None, quad: int | None) -> tuple[str, ...]:
    """``type=AID&type=AGREE`` or ``type=AID,AGREE``, and/or a quad class, as PLOVER types."""
    names = [t.strip().upper() for raw in type_ or [] for t in raw.split(",") if t.strip()]
    unknown = [t for t in names if t not in PLOVER_TYPES]
    if unknown:
        raise BadParameter("type", f"unknown PLOVER type(s) {', '.join(unknown)}; "
                           f"use one of {', '.join(PLOVER_TYPES)}")
    if quad is not None:
        in_quad = QUADS[quad]
        names = [t for t in names if t in in_quad] if names else list(in_quad)
        if not names:
            return ("",)  # the types asked for are all outside the quad: nothing matches
    return tuple(dict.fromkeys(names))


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def _mode(value: str | None) -> str | None:
    if value and not _MODE.match(value.strip().lower()):
        raise BadParameter("mode", "a PLOVER mode is lower-case letters and '_', e.g. kill, meet")
    return value.strip().lower() if value else None


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def event_filters(
    type: Annotated[list[str] | None, Query(description="PLOVER type(s): repeat or comma-separate, e.g. AID,ASSAULT")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="PLOVER quad class: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict")] = None,
    mode: Annotated[str | None, Query(max_length=40, description="PLOVER mode, e.g. kill, meet")] = None,
    actor: Annotated[str | None, Query(max_length=100, description="Actor code or name (substring) as source or target")] = None,
    country: Annotated[str | None, Query(pattern=_COUNTRY, description="ISO3 country of source or target")] = None,
    source_country: Annotated[str | None, Query(pattern=_COUNTRY, description="ISO3 country of the source actor")] = None,
    target_country: Annotated[str | None, Query(pattern=_COUNTRY, description="ISO3 country of the target actor")] = None,
    status: Annotated[str | None, Query(description="asserted | claimed | denied | hypothetical")] = None,
    since: Annotated[str | None, Query(pattern=_DATE, description="From this date: YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=_DATE, description="Up to this date, inclusive at its precision")] = None,
    place: Annotated[str | None, Query(max_length=100, description="Event location: ISO3 country, English name or Arabic form (substring)")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the evidence sentence (substring)")] = None,
    doc_id: Annotated[str | None, Query(max_length=200, description="Events of one document")] = None,
    located: Annotated[bool, Query(description="Only events with coordinates")] = False,
) -> EventFilters:
    if status and status.strip().lower() not in STATUSES:
        raise BadParameter("status", f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    return EventFilters(
        types=parse_types(type, quad), mode=_mode(mode), actor=_text(actor),
        country=_upper(country), source_country=_upper(source_country),
        target_country=_upper(target_country), status=status.strip().lower() if status else None,
        since=since, until=until, place=_text(place), q=_text(q), doc_id=_text(doc_id),
        located=located,
    )
