"""Renderings of store results for the CLI: one query, several formats (datasette's habit)."""

from __future__ import annotations

import csv
import json
from typing import Iterable, TextIO

from rasd.document import ActorRef, Document, Entity, Event, Place
from rasd.store import sql
from rasd.store.errors import StoreError

FORMATS = ("table", "csv", "json")
_EVIDENCE_WIDTH = 80  # characters of evidence shown in a table cell
_PIPE_WIDTH = 160


def render_events(rows: Iterable[dict], fmt: str, out: TextIO) -> None:
    """Write ``query_events`` rows to ``out`` as a rich table, CSV with header, or JSON Lines."""
    writers = {"table": _events_table, "csv": _events_csv, "json": _events_jsonl}
    if fmt not in writers:
        raise StoreError(f"E404 unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    writers[fmt](list(rows), out)


def _events_csv(rows: list[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=_columns(rows), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _events_jsonl(rows: list[dict], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _columns(rows: list[dict]) -> list[str]:
    """The standard event columns, then any extra keys a caller added, in first-seen order."""
    columns = list(sql.EVENT_ROW_COLUMNS)
    for row in rows:
        columns += [k for k in row if k not in columns]
    return columns


def _events_table(rows: list[dict], out: TextIO) -> None:
    from rich.console import Console  # imported here: only the table format needs rich
    from rich.table import Table

    table = Table(show_lines=False)
    for header in ("date", "type", "status", "source", "target", "doc_id", "evidence"):
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*_table_cells(row))
    console = Console(file=out)
    if not console.is_terminal:  # a pipe or file: rich would assume 80 columns and fold
        console = Console(file=out, width=_PIPE_WIDTH)
    console.print(table)
    out.write(f"{len(rows)} event(s)\n")


def _table_cells(row: dict) -> list[str]:
    return [
        row.get("date") or f"({row.get('published') or '?'})",
        row.get("type") or "",
        row.get("status") or "",
        _actor_cell(row.get("source_code"), row.get("source_name")),
        _actor_cell(row.get("target_code"), row.get("target_name")),
        row.get("doc_id") or "",
        _shorten(row.get("evidence_text") or "", _EVIDENCE_WIDTH),
    ]


def _actor_cell(code: str | None, name: str | None) -> str:
    if not code and not name:
        return "-"
    return f"{code or '?'} ({name})" if name else code


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# -- one document ----------------------------------------------------------------------------

def render_document(doc: Document) -> str:
    """A plain-text account of one stored document, for ``rasd show DOC_ID``."""
    lines = _header_lines(doc)
    lines += _section("Entities", doc.entities, _entity_lines)
    lines += _section("Events", doc.events, _event_lines)
    lines += _section("Places", doc.places, _place_lines)
    return "\n".join(lines) + "\n"


def _header_lines(doc: Document) -> list[str]:
    lines = [f"{doc.doc_id}  {doc.title}".rstrip()]
    facts = [("published", doc.published), ("source", doc.source), ("language", doc.language)]
    lines.append("  ".join(f"{k}: {v}" for k, v in facts if v) or "(no metadata)")
    if doc.url:
        lines.append(f"url: {doc.url}")
    lines.append(f"text: {len(doc.text)} characters, {len(doc.sentences)} sentences")
    return lines


def _section(title: str, items: list, describe) -> list[str]:
    lines = ["", f"{title} ({len(items)})"]
    for item in items:
        lines += describe(item)
    return lines


def _entity_lines(e: Entity) -> list[str]:
    forms = sorted({m.text for m in e.mentions})
    parts = [e.id, e.type, e.name_ar, e.name or "-", f"[{e.actor or 'no actor'}]"]
    if e.kb_id:
        parts.append(f"kb:{e.kb_id}")
    line = "  " + "  ".join(parts) + f"  x{len(e.mentions)}"
    return [line] + ([f"      forms: {' | '.join(forms)}"] if forms else [])


def _event_lines(ev: Event) -> list[str]:
    head = [ev.id, ev.type, ev.status, ev.date or "no date", f"confidence {ev.confidence:.2f}"]
    if ev.cameo:
        head.insert(2, f"CAMEO {ev.cameo}")
    lines = ["  " + "  ".join(head)]
    lines.append(f"      source: {_actor_text(ev.source)}   target: {_actor_text(ev.target)}")
    if ev.reported_by:
        lines.append(f"      reported by: {_actor_text(ev.reported_by)}")
    if ev.location:
        loc = ev.location
        lines.append(f"      location: {loc.name} ({loc.country or '?'}) {_coords(loc.lat, loc.lon)}")
    if ev.trigger:
        lines.append(f"      trigger: {ev.trigger.text} [{ev.trigger.start}:{ev.trigger.end}]")
    if ev.evidence:
        lines.append(f"      evidence: {' '.join(ev.evidence.text.split())}")
    return lines


def _actor_text(ref: ActorRef | None) -> str:
    if ref is None or (ref.code is None and ref.name is None):
        return "-"
    label = ref.code or "?"
    return f"{label} ({ref.name})" if ref.name else label


def _place_lines(p: Place) -> list[str]:
    return [f"  {p.form} -> {p.name} ({p.country or '?'}) {_coords(p.lat, p.lon)}"
            f"  geonames:{p.geonames_id}  [{p.start}:{p.end}]"]


def _coords(lat: float | None, lon: float | None) -> str:
    return f"{lat:.4f},{lon:.4f}" if lat is not None and lon is not None else "(no coordinates)"


# -- story events ----------------------------------------------------------------------------

def render_stories(stories: Iterable[dict], fmt: str, out: TextIO) -> None:
    """``query_stories`` results as a table, CSV (one row per story, its member articles as
    ``doc_ids``) or JSON Lines (each story with every article's evidence)."""
    writers = {"table": _stories_table, "csv": _stories_csv, "json": _events_jsonl}
    if fmt not in writers:
        raise StoreError(f"E404 unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    writers[fmt](list(stories), out)


def _stories_csv(stories: list[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=list(sql.STORY_COLUMNS) + ["doc_ids"],
                            extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for story in stories:
        doc_ids = sorted({e["doc_id"] for e in story.get("events", [])})
        writer.writerow(story | {"doc_ids": "|".join(doc_ids)})


def _stories_table(stories: list[dict], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for header in ("date", "type", "source", "target", "location", "articles", "sources", "story_id"):
        table.add_column(header, overflow="fold")
    for s in stories:
        table.add_row(s["date"] or "?", s["type"], s["source_code"] or "-", s["target_code"] or "-",
                      s["location"] or "-", str(s["num_articles"]), str(s["num_sources"]), s["story_id"])
    console = Console(file=out)
    if not console.is_terminal:
        console = Console(file=out, width=_PIPE_WIDTH)
    console.print(table)
    out.write(f"{len(stories)} story event(s)\n")
