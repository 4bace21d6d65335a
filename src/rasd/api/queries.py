"""The API's queries: one event query for every rendering, and the aggregates over it.

SQL is assembled from the fixed fragments below and ``?`` marks only; every value a client
sends is bound (datasette's habit). ``select_events`` feeds the JSON page, the CSV, JSON
Lines, GeoJSON and PLOVER exports alike; actors, the network and the stats run their
GROUP BYs over the same filtered events (``_filtered``), so a filter means one thing
everywhere.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterator

from rasd.api.filters import QUAD_OF_TYPE, EventFilters, EventSort
from rasd.store import sql
from rasd.store.aggregate import fetch_all
from rasd.store.fold import fold
from rasd.store.store import Store

EVENT_DATE = sql.EVENT_DATE  # the event's own date, else its document's publication date
EVENT_COLUMNS = ("doc_id", "title", "url", "published", "seq") + sql.EVENT_ROW_COLUMNS[4:] + ("filed_date",)
_SELECT_EVENT = ", ".join(
    ["e.doc_id", "d.title", "d.url", "d.published", "e.seq"]
    + [f"e.{c}" for c in sql.EVENT_ROW_COLUMNS[4:]] + [f"{EVENT_DATE}"])
_FROM = "FROM events e JOIN documents d ON d.doc_id = e.doc_id"
_FROM_EVENTS = "FROM events e"  # when no condition reads documents (every event has one)
# SQLite reads CROSS JOIN as "this table order": walk documents by the published index and
# stop after one page. PostgreSQL plans it as a plain join.
_FROM_DOCUMENTS_FIRST = "FROM documents d CROSS JOIN events e"
_PUBLISHED_SORTS = (EventSort.published, EventSort.published_desc)
_UNDATED_LAST = f"CASE WHEN {EVENT_DATE} IS NULL THEN 1 ELSE 0 END"
_ORDER = {
    # By article publication date: walks the documents_published index, so the unfiltered
    # newest-first page stops after one page instead of sorting every event.
    EventSort.published: "d.published NULLS LAST, e.doc_id, e.seq",
    EventSort.published_desc: "d.published DESC NULLS LAST, e.doc_id, e.seq",
    EventSort.date: f"{_UNDATED_LAST}, {EVENT_DATE}, e.doc_id, e.seq",
    EventSort.date_desc: f"{_UNDATED_LAST}, {EVENT_DATE} DESC, e.doc_id, e.seq",
    EventSort.type: f"e.type, {_UNDATED_LAST}, {EVENT_DATE}, e.doc_id, e.seq",
    EventSort.confidence: "e.confidence, e.doc_id, e.seq",
    EventSort.confidence_desc: "e.confidence DESC, e.doc_id, e.seq",
    EventSort.doc_id: "e.doc_id, e.seq",
}


def like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere; ``!`` escapes the % and _ a user typed."""
    escaped = value.strip().lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def folded_like(value: str) -> str:
    """The LIKE pattern for ``value`` over a folded column (rasd.store.fold)."""
    return like(fold(value))


def marks(n: int) -> str:
    return ", ".join("?" * n)


# -- the filtered events ---------------------------------------------------------------------

def where(f: EventFilters) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``events e`` joined to ``documents d``) and its bound values."""
    parts: list[tuple[str, list[Any]]] = []
    if f.types:
        parts.append((f"e.type IN ({marks(len(f.types))})", list(f.types)))
    parts += [(text, [value]) for text, value in (
        ("e.mode = ?", f.mode), ("e.source_country = ?", f.source_country),
        ("e.target_country = ?", f.target_country), ("e.status = ?", f.status),
        ("e.doc_id = ?", f.doc_id)) if value]
    if f.country:
        parts.append((sql.event_filter("country"), [f.country, f.country]))
    if f.actor:
        parts.append((sql.event_filter("actor"), [like(f.actor)] * 4))
    parts += [(sql.event_filter(name), [len(value), value])
              for name, value in (("since", f.since), ("until", f.until)) if value]
    parts += _text_filters(f)
    if f.located:
        parts.append(("e.lat IS NOT NULL AND e.lon IS NOT NULL", []))
    text = " AND ".join(p for p, _ in parts) or "1 = 1"
    return text, [v for _, values in parts for v in values]


def _text_filters(f: EventFilters) -> list[tuple[str, list[Any]]]:
    parts = []
    if f.place:
        pattern = like(f.place)
        parts.append((
            "(e.location_country = ? OR LOWER(e.location_name) LIKE ? ESCAPE '!'"
            " OR e.location_name IN (SELECT p.name FROM places p WHERE p.form LIKE ? ESCAPE '!'))",
            [f.place.upper(), pattern, pattern]))
    if f.q:
        parts.append(("e.evidence_folded LIKE ? ESCAPE '!'", [folded_like(f.q)]))
    return parts


def select_events(store: Store, f: EventFilters, sort: EventSort = EventSort.date,
                  limit: int = 50, offset: int = 0) -> list[dict]:
    """The one event query: rows of ``EVENT_COLUMNS`` plus the PLOVER quad class."""
    condition, params = where(f)
    if sort in _PUBLISHED_SORTS and not _has_selective_filter(f):
        source, condition = _FROM_DOCUMENTS_FIRST, f"d.doc_id = e.doc_id AND {condition}"
    else:
        source = _FROM
    statement = f"SELECT {_SELECT_EVENT} {source} WHERE {condition} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?"
    rows = fetch_all(store, statement, params + [limit, offset])
    return [_event_dict(row) for row in rows]


def _has_selective_filter(f: EventFilters) -> bool:
    """An indexed equality that keeps few events: then start from events, sort the few."""
    return bool(f.types or f.mode or f.country or f.source_country or f.target_country or f.doc_id)


def iter_events(store: Store, f: EventFilters, sort: EventSort, limit: int,
                page: int = 2000) -> Iterator[dict]:
    """``select_events`` in pages, for exports: flat memory however many rows."""
    for offset in range(0, limit, page):
        rows = select_events(store, f, sort, min(page, limit - offset), offset)
        yield from rows
        if len(rows) < page:
            return


def _event_dict(row: tuple) -> dict:
    event = dict(zip(EVENT_COLUMNS, row))
    event["quad"] = QUAD_OF_TYPE.get(event["type"])
    return event


COUNT_CAP = 1000  # text filters scan evidence; counting stops here (a lower bound)


def count_events(store: Store, f: EventFilters, cap: int | None = None) -> int:
    """Matching events; with ``cap``, at most ``cap + 1`` (counting stops early)."""
    condition, params = where(f)
    if cap is None:
        return fetch_all(store, f"SELECT COUNT(*) {_from(f)} WHERE {condition}", params)[0][0]
    inner = f"SELECT 1 {_from(f)} WHERE {condition} LIMIT ?"
    return fetch_all(store, f"SELECT COUNT(*) FROM ({inner}) c", params + [cap + 1])[0][0]


def has_text_filter(f: EventFilters) -> bool:
    """Substring filters read every event row: their counts are capped."""
    return bool(f.q or f.actor or f.place)


def _from(f: EventFilters) -> str:
    """Only since/until read the document (its publication date): skip the join otherwise."""
    return _FROM if f.since or f.until else _FROM_EVENTS


# -- documents -------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentFilters:
    q: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    has_events: bool = False


def _document_where(f: DocumentFilters) -> tuple[str, list[Any]]:
    parts: list[tuple[str, list[Any]]] = []
    if f.q:
        parts.append(("LOWER(d.title) LIKE ? ESCAPE '!'", [like(f.q)]))
    if f.source:
        parts.append(("d.source = ?", [f.source]))
    if f.since:
        parts.append(("SUBSTR(d.published, 1, ?) >= ?", [len(f.since), f.since]))
    if f.until:
        parts.append(("SUBSTR(d.published, 1, ?) <= ?", [len(f.until), f.until]))
    if f.has_events:
        parts.append(("EXISTS (SELECT 1 FROM events e WHERE e.doc_id = d.doc_id)", []))
    return " AND ".join(p for p, _ in parts) or "1 = 1", [v for _, vs in parts for v in vs]


DOCUMENT_COLUMNS = ("doc_id", "title", "published", "source", "url", "language", "n_events")


def select_documents(store: Store, f: DocumentFilters, limit: int, offset: int) -> tuple[int, list[dict]]:
    condition, params = _document_where(f)
    total = fetch_all(store, f"SELECT COUNT(*) FROM documents d WHERE {condition}", params)[0][0]
    statement = (
        "SELECT d.doc_id, d.title, d.published, d.source, d.url, d.language,"
        " (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.doc_id)"
        f" FROM documents d WHERE {condition}"
        " ORDER BY CASE WHEN d.published IS NULL THEN 1 ELSE 0 END, d.published DESC, d.doc_id"
        " LIMIT ? OFFSET ?")
    rows = fetch_all(store, statement, params + [limit, offset])
    return total, [dict(zip(DOCUMENT_COLUMNS, row)) for row in rows]


# -- actors and the network ------------------------------------------------------------------

def _filtered(f: EventFilters) -> tuple[str, list[Any]]:
    """A CTE ``f`` of the filtered events' actor codes and names, for the GROUP BYs."""
    condition, params = where(f)
    return (f"WITH f AS (SELECT e.source_code, e.target_code, e.source_name, e.target_name,"
            f" e.type {_from(f)} WHERE {condition})"), params


def actor_counts(store: Store, f: EventFilters, search: str | None,
                 limit: int, offset: int) -> tuple[int, list[dict]]:
    """Actor codes by number of events (as source, as target), with names and top partners."""
    cte, params = _filtered(f)
    union = ("SELECT source_code AS code, 1 AS src, 0 AS tgt FROM f WHERE source_code IS NOT NULL"
             " UNION ALL SELECT target_code, 0, 1 FROM f WHERE target_code IS NOT NULL")
    having, extra = "", []
    if search:
        having = " WHERE LOWER(a.code) LIKE ? ESCAPE '!'"
        extra = [like(search)]
    grouped = f"SELECT a.code, SUM(a.src), SUM(a.tgt), COUNT(*) AS n FROM ({union}) a{having} GROUP BY a.code"
    total = fetch_all(store, f"{cte} SELECT COUNT(*) FROM ({grouped}) g", params + extra)[0][0]
    rows = fetch_all(store, f"{cte} {grouped} ORDER BY n DESC, a.code LIMIT ? OFFSET ?",
                     params + extra + [limit, offset])
    actors = [{"code": c, "as_source": s, "as_target": t, "events": n} for c, s, t, n in rows]
    _add_names(store, actors)
    _add_partners(store, f, actors)
    return total, actors


def _add_names(store: Store, actors: list[dict]) -> None:
    """Each code's most frequent Arabic and English entity names."""
    codes = [a["code"] for a in actors]
    if not codes:
        return
    rows = fetch_all(store, "SELECT actor, name_ar, name, COUNT(*) FROM entities"
                     f" WHERE actor IN ({marks(len(codes))}) GROUP BY actor, name_ar, name", codes)
    best: dict[str, tuple] = {}
    for code, name_ar, name, n in rows:
        if code not in best or n > best[code][2]:
            best[code] = (name_ar, name, n)
    for actor in actors:
        name_ar, name, _ = best.get(actor["code"], (None, None, 0))
        actor["name_ar"], actor["name"] = name_ar, name


def _add_partners(store: Store, f: EventFilters, actors: list[dict], top: int = 5) -> None:
    codes = [a["code"] for a in actors]
    if not codes:
        return
    cte, params = _filtered(f)
    statement = (f"{cte} SELECT source_code, target_code, COUNT(*) FROM f"
                 f" WHERE source_code IN ({marks(len(codes))}) OR target_code IN ({marks(len(codes))})"
                 " GROUP BY source_code, target_code")
    partners: dict[str, Counter] = defaultdict(Counter)
    for source, target, n in fetch_all(store, statement, params + codes + codes):
        if source and target:
            partners[source][target] += n
            partners[target][source] += n
    for actor in actors:
        actor["partners"] = [{"code": c, "events": n}
                             for c, n in partners[actor["code"]].most_common(top)]


def network(store: Store, f: EventFilters, max_edges: int) -> dict:
    """Who acts on whom: directed edges weighted by events, the heaviest ``max_edges``."""
    cte, params = _filtered(f)
    statement = (f"{cte} SELECT source_code, target_code, COUNT(*) AS n FROM f"
                 " WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code"
                 " GROUP BY source_code, target_code ORDER BY n DESC, source_code, target_code LIMIT ?")
    edges = [{"source": s, "target": t, "events": n}
             for s, t, n in fetch_all(store, statement, params + [max_edges])]
    weight: Counter = Counter()
    for edge in edges:
        weight[edge["source"]] += edge["events"]
        weight[edge["target"]] += edge["events"]
    nodes = [{"code": code, "events": n} for code, n in weight.most_common()]
    _add_names(store, nodes)
    return {"nodes": nodes, "edges": edges}


# -- places ----------------------------------------------------------------------------------

PLACE_COLUMNS = ("geonames_id", "name", "country", "lat", "lon", "mentions", "documents")


def place_counts(store: Store, country: str | None, search: str | None,
                 limit: int, offset: int) -> tuple[int, list[dict]]:
    parts: list[tuple[str, list[Any]]] = []
    if country:
        parts.append(("p.country = ?", [country]))
    if search:
        parts.append(("(LOWER(p.name) LIKE ? ESCAPE '!' OR p.form LIKE ? ESCAPE '!')", [like(search)] * 2))
    condition = " AND ".join(p for p, _ in parts) or "1 = 1"
    params = [v for _, vs in parts for v in vs]
    grouped = ("SELECT p.geonames_id, p.name, p.country, MIN(p.lat), MIN(p.lon), COUNT(*) AS n,"
               f" COUNT(DISTINCT p.doc_id) FROM places p WHERE {condition}"
               " GROUP BY p.geonames_id, p.name, p.country")
    total = fetch_all(store, f"SELECT COUNT(*) FROM ({grouped}) g", params)[0][0]
    rows = fetch_all(store, f"{grouped} ORDER BY n DESC, p.name LIMIT ? OFFSET ?", params + [limit, offset])
    places = [dict(zip(PLACE_COLUMNS, row)) for row in rows]
    _add_forms(store, places)
    return total, places


def _add_forms(store: Store, places: list[dict]) -> None:
    """Each place's most frequent Arabic form in the articles."""
    names = sorted({p["name"] for p in places if p["name"]})
    if not names:
        return
    rows = fetch_all(store, "SELECT name, form, COUNT(*) FROM places"
                     f" WHERE name IN ({marks(len(names))}) GROUP BY name, form", names)
    forms: dict[str, Counter] = defaultdict(Counter)
    for name, form, n in rows:
        forms[name][form] += n
    for place in places:
        common = forms[place["name"]].most_common(1) if place["name"] else []
        place["name_ar"] = common[0][0] if common else None


# -- stats -----------------------------------------------------------------------------------

PERIODS = {"day": 10, "month": 7, "year": 4}


def event_stats(store: Store, f: EventFilters, period: str, top_countries: int) -> dict:
    """Counts of the filtered events per type, quad, status, period and country."""
    condition, params = where(f)
    by_period_type = fetch_all(
        store, f"SELECT SUBSTR({EVENT_DATE}, 1, ?) AS p, e.type, e.status, COUNT(*) {_FROM}"
        f" WHERE {condition} GROUP BY p, e.type, e.status", [PERIODS[period]] + params)
    stats = _fold_period_rows(by_period_type)
    stats["period"] = period
    stats["documents"] = fetch_all(
        store, f"SELECT COUNT(DISTINCT e.doc_id) {_from(f)} WHERE {condition}", params)[0][0]
    stats |= _country_counts(store, f"{_from(f)} WHERE {condition}", params, top_countries)
    return stats


def _fold_period_rows(rows: list[tuple]) -> dict:
    by_type, by_status, by_quad = Counter(), Counter(), Counter()
    series: dict[str, Counter] = defaultdict(Counter)
    undated = 0
    for period, type_, status, n in rows:
        by_type[type_] += n
        by_status[status] += n
        by_quad[QUAD_OF_TYPE.get(type_)] += n
        if period is None:
            undated += n
        else:
            series[period][type_] += n
    return {
        "events": sum(by_type.values()),
        "by_type": dict(by_type.most_common()),
        "by_status": dict(by_status.most_common()),
        "by_quad": {str(q): n for q, n in sorted(by_quad.items(), key=lambda kv: kv[0] or 0)},
        "by_period": [{"period": p, "events": sum(c.values()), "by_type": dict(c)}
                      for p, c in sorted(series.items())],
        "undated": undated,
    }


def _country_counts(store: Store, from_where: str, params: list[Any], top: int) -> dict:
    rows = fetch_all(store, f"SELECT e.source_country, e.target_country, COUNT(*) {from_where}"
                     " GROUP BY e.source_country, e.target_country", params)
    as_source, as_target, either = Counter(), Counter(), Counter()
    for source, target, n in rows:
        if source:
            as_source[source] += n
            either[source] += n
        if target:
            as_target[target] += n
            if target != source:
                either[target] += n
    return {
        "by_source_country": dict(as_source.most_common(top)),
        "by_target_country": dict(as_target.most_common(top)),
        "by_country": dict(either.most_common(top)),
    }
