"""The API's endpoints. Each is a thin layer: validate, call ``rasd.api.queries``, shape.

Plain ``def`` endpoints run in the server's thread pool, each thread with its own store
connection (``request.app.state.stores.get()``).
"""

from __future__ import annotations

import io
from enum import Enum
from typing import Annotated, Any, Iterator

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from rasd.api import exports, queries
from rasd.api.errors import BadParameter, NotFound, TooLarge
from rasd.api.extract import ArticleIn, code_article, code_upload
from rasd.api.filters import QUAD_NAMES, QUADS, EventFilters, EventSort, event_filters
from rasd.document import PLOVER_TYPES, STATUSES
from rasd.store.render import render_stories

router = APIRouter(prefix="/api")

MAX_PAGE = 500
MAX_EXPORT = 100_000
MAX_OFFSET = 1_000_000
Filters = Annotated[EventFilters, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")]
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    jsonl = "jsonl"
    geojson = "geojson"
    plover = "plover"


def _store(request: Request):
    return request.app.state.stores.get()


def _cached(request: Request, key: tuple, compute) -> Any:
    return request.app.state.cache.get(key, compute)


# -- meta ------------------------------------------------------------------------------------

@router.get("/meta", summary="Vocabularies and store size")
def meta(request: Request) -> dict:
    """PLOVER types, quad classes, statuses and sort orders, for building filter forms."""
    store = _store(request)
    return {
        "documents": store.count_documents(),
        "types": list(PLOVER_TYPES),
        "quads": {str(q): {"name": QUAD_NAMES[q], "types": list(t)} for q, t in QUADS.items()},
        "statuses": list(STATUSES),
        "sorts": [s.value for s in EventSort],
        "formats": [f.value for f in ExportFormat],
    }


# -- documents -------------------------------------------------------------------------------

@router.get("/documents", summary="Stored documents, newest first")
def documents(
    request: Request, limit: Limit = 50, offset: Offset = 0,
    q: Annotated[str | None, Query(max_length=200, description="Words in the title")] = None,
    source: Annotated[str | None, Query(max_length=100)] = None,
    since: Annotated[str | None, Query(pattern=_DATE)] = None,
    until: Annotated[str | None, Query(pattern=_DATE)] = None,
    has_events: bool = False,
) -> dict:
    f = queries.DocumentFilters(q=(q or "").strip() or None, source=source, since=since,
                                until=until, has_events=has_events)
    total, items = queries.select_documents(_store(request), f, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/documents/{doc_id}", summary="One document's record, with every span")
def document(request: Request, doc_id: str) -> dict:
    """The record as SCHEMA.md defines it: text, sentences, entities, events and places,
    every span a pair of character offsets into ``text``."""
    if len(doc_id) > 200:
        raise BadParameter("doc_id", "longer than 200 characters")
    doc = _store(request).get_document(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id!r} in the store", "doc_id")
    return doc.to_dict()


# -- events ----------------------------------------------------------------------------------

@router.get("/events", summary="Events matching the filters (one page), or an export")
def events(request: Request, filters: Filters, limit: Limit = 50, offset: Offset = 0,
           sort: EventSort = EventSort.published_desc, format: ExportFormat = ExportFormat.json,
           with_total: Annotated[bool, Query(description="Count the matches too (text filters: "
                                                      "up to 1,000, then total_is_lower_bound)")] = True):
    if format != ExportFormat.json:  # an export: all matches unless a limit is given
        explicit = limit if "limit" in request.query_params else None
        return _export(request, format.value, filters, sort, explicit)
    store = _store(request)
    items = queries.select_events(store, filters, sort, limit, offset)
    total, capped = None, False
    if with_total:
        cap = queries.COUNT_CAP if queries.has_text_filter(filters) else None
        total = queries.count_events(store, filters, cap)
        if cap is not None and total > cap:
            total, capped = max(cap, offset + len(items)), True
    return {"total": total, "total_is_lower_bound": capped, "limit": limit, "offset": offset,
            "sort": sort.value, "items": items}


ExportLimit = Annotated[int | None, Query(ge=1, le=MAX_EXPORT, description=f"At most this many events (default and cap {MAX_EXPORT})")]


@router.get("/events.csv", summary="Export events as CSV")
def events_csv(request: Request, filters: Filters, sort: EventSort = EventSort.published_desc,
               limit: ExportLimit = None) -> StreamingResponse:
    return _export(request, "csv", filters, sort, limit)


@router.get("/events.jsonl", summary="Export events as JSON Lines")
def events_jsonl(request: Request, filters: Filters, sort: EventSort = EventSort.published_desc,
                 limit: ExportLimit = None) -> StreamingResponse:
    return _export(request, "jsonl", filters, sort, limit)


@router.get("/events.geojson", summary="Export located events as GeoJSON points")
def events_geojson(request: Request, filters: Filters, sort: EventSort = EventSort.published_desc,
                   limit: ExportLimit = None) -> StreamingResponse:
    return _export(request, "geojson", filters, sort, limit)


@router.get("/events.plover.json", summary="Export events as PLOVER-style JSON")
def events_plover(request: Request, filters: Filters, sort: EventSort = EventSort.published_desc,
                  limit: ExportLimit = None) -> StreamingResponse:
    return _export(request, "plover", filters, sort, limit)


def _export(request: Request, fmt: str, filters: EventFilters, sort: EventSort,
            limit: int | None) -> StreamingResponse:
    if fmt == "geojson":
        filters = EventFilters(**{**filters.__dict__, "located": True})
    pool = request.app.state.stores
    rows = _export_rows(pool, filters, sort, limit or MAX_EXPORT)
    headers = {"content-disposition": f'attachment; filename="rasd-events.{exports.SUFFIXES[fmt]}"'}
    return StreamingResponse(exports.render(fmt, rows), media_type=exports.MEDIA_TYPES[fmt],
                             headers=headers)


def _export_rows(pool, filters: EventFilters, sort: EventSort, limit: int,
                 page: int = 2000) -> Iterator[dict]:
    """Pages of the event query, each on the store of whichever thread asks for it
    (a streamed body is produced across the thread pool)."""
    for offset in range(0, limit, page):
        rows = queries.select_events(pool.get(), filters, sort, min(page, limit - offset), offset)
        yield from rows
        if len(rows) < page:
            return


# -- aggregates ------------------------------------------------------------------------------

@router.get("/actors", summary="Actor codes by number of events, with names and top partners")
def actors(request: Request, filters: Filters, limit: Annotated[int, Query(ge=1, le=200)] = 50,
           offset: Offset = 0,
           search: Annotated[str | None, Query(max_length=100, description="Substring of the actor code")] = None) -> dict:
    search = (search or "").strip() or None
    key = ("actors", filters, search, limit, offset)
    total, items = _cached(request, key, lambda: queries.actor_counts(
        _store(request), filters, search, limit, offset))
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/network", summary="Who acts on whom: actor-to-actor edges weighted by events")
def network(request: Request, filters: Filters,
            max_edges: Annotated[int, Query(ge=1, le=500)] = 120) -> dict:
    key = ("network", filters, max_edges)
    return _cached(request, key, lambda: queries.network(_store(request), filters, max_edges))


@router.get("/places", summary="Resolved places by number of mentions")
def places(request: Request, limit: Limit = 50, offset: Offset = 0,
           country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
           q: Annotated[str | None, Query(max_length=100, description="Name or Arabic form (substring)")] = None) -> dict:
    country = country.upper() if country else None
    q = (q or "").strip() or None
    key = ("places", country, q, limit, offset)
    total, items = _cached(request, key, lambda: queries.place_counts(
        _store(request), country, q, limit, offset))
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/stories", summary="Story events: one real-world event merged across the articles that report it")
def stories(request: Request, limit: Limit = 50, offset: Offset = 0,
            type: Annotated[str | None, Query(pattern=r"^[A-Za-z]{4,10}$", description="PLOVER type")] = None,
            country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="Source or target country")] = None,
            since: Annotated[str | None, Query(pattern=_DATE)] = None,
            until: Annotated[str | None, Query(pattern=_DATE)] = None,
            min_articles: Annotated[int | None, Query(ge=1, le=10_000)] = None,
            min_sources: Annotated[int | None, Query(ge=1, le=10_000)] = None,
            format: Annotated[str, Query(pattern=r"^(json|csv|jsonl)$")] = "json"):
    """Built by `rasd stories`; each story lists its articles and their evidence (JSON)."""
    if type and type.upper() not in PLOVER_TYPES:
        raise BadParameter("type", f"unknown PLOVER type {type!r}")
    rows = _store(request).query_stories(
        type=type.upper() if type else None, country=country.upper() if country else None, since=since,
        until=until, min_articles=min_articles, min_sources=min_sources, limit=limit, offset=offset,
        with_events=format == "json")
    if format == "json":
        return {"limit": limit, "offset": offset, "items": rows}
    out = io.StringIO()
    render_stories(rows, "csv" if format == "csv" else "json", out)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(iter([out.getvalue()]), media_type=media)


class Period(str, Enum):
    day = "day"
    month = "month"
    year = "year"


@router.get("/stats", summary="Counts of the filtered events per type, quad, status, period, country")
def stats(request: Request, filters: Filters, period: Period = Period.day,
          top: Annotated[int, Query(ge=1, le=300, description="Countries listed")] = 30) -> dict:
    key = ("stats", filters, period.value, top)
    return _cached(request, key, lambda: queries.event_stats(
        _store(request), filters, period.value, top))


def warm_up(app) -> None:
    """Fill the cache with the dashboard's default, whole-store aggregates."""
    try:
        store, cache, f = app.state.stores.get(), app.state.cache, EventFilters()
        cache.get(("stats", f, "day", 30), lambda: queries.event_stats(store, f, "day", 30))
        cache.get(("network", f, 120), lambda: queries.network(store, f, 120))
        cache.get(("actors", f, None, 50, 0), lambda: queries.actor_counts(store, f, None, 50, 0))
    except Exception:  # a warm-up failure must not take the server down; requests will retry
        pass


# -- coding without storing ------------------------------------------------------------------

_EXTRACT_BODY = {
    "requestBody": {"content": {
        "application/json": {"schema": ArticleIn.model_json_schema()},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"}}}},
    }, "required": True},
}


@router.post("/extract", summary="Code a pasted article or an uploaded file (nothing is stored)",
             openapi_extra=_EXTRACT_BODY)
async def extract(request: Request) -> JSONResponse:
    """JSON ``{"title", "text", "published"}``, or a multipart upload in field ``file``
    (.txt, .html, .json, .jsonl; at most 20 documents). Answers ``{"documents": [record...],
    "errors": [...]}``. Bodies over the size limit get 413."""
    from starlette.concurrency import run_in_threadpool

    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        filename, data = await _uploaded_file(request)
        limit = request.app.state.max_body_bytes
        result = await run_in_threadpool(code_upload, filename, data, limit)
    elif kind in ("application/json", ""):
        article = _article(await request.body())
        result = await run_in_threadpool(code_article, article)
    else:
        raise BadParameter("content-type", f"send application/json or multipart/form-data, not {kind!r}")
    return JSONResponse(result)


def _article(body: bytes) -> ArticleIn:
    from pydantic import ValidationError

    try:
        return ArticleIn.model_validate_json(body or b"{}")
    except ValidationError as exc:
        err = exc.errors()[0]
        param = ".".join(str(p) for p in err.get("loc", ())) or "body"
        raise BadParameter(param, err.get("msg", "invalid")) from None


async def _uploaded_file(request: Request) -> tuple[str, bytes]:
    limit = request.app.state.max_body_bytes
    try:
        form = await request.form(max_files=1, max_fields=10, max_part_size=limit)
    except Exception as exc:  # malformed multipart, or a part over the limit
        if "exceed" in str(exc).lower() or "too large" in str(exc).lower():
            raise TooLarge(f"upload over the {limit:,}-byte limit") from None
        raise BadParameter("file", f"cannot parse the multipart body: {exc}") from None
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise BadParameter("file", "send the article as a file in the form field 'file'")
    data = await upload.read()
    if len(data) > limit:
        raise TooLarge(f"upload over the {limit:,}-byte limit")
    return upload.filename or "upload.txt", data
