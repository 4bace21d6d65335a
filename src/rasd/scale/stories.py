"""Cross-article merging: near-duplicate articles, and story events (one real-world event
told by several articles, as GDELT's NumArticles / NumSources count it).

Two events are the same story when they agree on
  - type, source actor code and target actor code (both null counts as agreeing),
  - place (the same location name, or both without one),
  - date: the story's first day (event date, else the article's publication day) and the
    event's are at most ``window_days`` apart;
and they are actual reports: ``asserted`` or ``claimed`` (a denied or hypothetical event did
not happen by its own article's account, so it joins nothing). An event that knows fewer
than two of source, target and place ("the Saudi government supported ...", nothing else), or
has no date at all, is too vague to match and stays a story of its own: on the corpus such
one-actor events chained dozens of unrelated articles.

``build_stories(store)`` reads the stored events and texts and swaps in new ``duplicates``,
``stories`` and ``story_events`` tables; ``merge_events`` and ``find_duplicates`` work on
plain rows, so records that never saw a store can be merged too (``merge_documents``).
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from rasd.document import Document
from rasd.scale.errors import ScaleError
from rasd.scale.minhash import THRESHOLD, near_duplicate_pairs
from rasd.store import sql
from rasd.store.rows import split_code

WINDOW_DAYS = 1
MERGED_STATUSES = ("asserted", "claimed")


# -- stories ---------------------------------------------------------------------------------

@dataclass
class Story:
    key: tuple
    day: date | None
    members: list[dict] = field(default_factory=list)

    @property
    def first(self) -> dict:
        return self.members[0]

    def story_id(self) -> str:
        # From the key and the first report: stable across rebuilds while that report stands.
        anchor = "|".join(str(p) for p in self.key + (self.first["doc_id"], self.first["seq"]))
        return "st_" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:16]

    def row(self) -> tuple:
        first, published = self.first, [m["published"] for m in self.members if m["published"]]
        values = {
            "story_id": self.story_id(), "type": first["type"],
            "source_code": first["source_code"], "source_country": split_code(first["source_code"])[0],
            "target_code": first["target_code"], "target_country": split_code(first["target_code"])[0],
            "location": first["location_name"], "location_country": first["location_country"],
            "lat": first["lat"], "lon": first["lon"],
            "date": self.day.isoformat() if self.day else None,
            "num_articles": len({m["doc_id"] for m in self.members}),
            "num_sources": len({_outlet(m) for m in self.members}),
            "num_events": len(self.members),
            "first_seen": min(published, default=None), "last_seen": max(published, default=None),
        }
        return tuple(values[c] for c in sql.STORY_COLUMNS)

    def member_rows(self) -> list[tuple]:
        story_id = self.story_id()
        return [(story_id, m["doc_id"], m["seq"], m["event_id"], m["outlet"], m["published"],
                 m["evidence_text"]) for m in self.members]


def _outlet(member: dict) -> str:
    # An article that names no outlet cannot be shown to share one: it counts alone.
    return f"outlet:{member['outlet']}" if member["outlet"] else f"doc:{member['doc_id']}"


def event_day(event: dict) -> date | None:
    """The event's own day, else its article's publication day (a month or year is too coarse)."""
    for value in (event.get("date"), event.get("published")):
        if value and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def merge_key(event: dict) -> tuple | None:
    """What two reports of one event share; None when the event is too vague to merge."""
    if event["status"] not in MERGED_STATUSES:
        return None
    known = [event["source_code"], event["target_code"], event["location_name"]]
    if sum(1 for part in known if part) < 2:
        return None
    return (event["type"], event["source_code"], event["target_code"], event["location_name"])


def merge_events(events: Iterable[dict], window_days: int = WINDOW_DAYS) -> list[Story]:
    """Stories from event rows (``sql.MERGE_EVENT_COLUMNS``), each event in exactly one
    story; ordered by day, then first report."""
    if window_days < 0:
        raise ScaleError(f"E604 window_days must be >= 0, got {window_days}")
    groups: dict[tuple, list[tuple[date, dict]]] = defaultdict(list)
    stories: list[Story] = []
    for event in events:
        key, day = merge_key(event), event_day(event)
        if key is None or day is None:
            stories.append(Story(_singleton_key(event), day, [event]))
        else:
            groups[key].append((day, event))
    for key, dated in groups.items():
        stories += _chain(key, sorted(dated, key=lambda p: (p[0], p[1]["doc_id"], p[1]["seq"])), window_days)
    return sorted(stories, key=lambda s: (s.day or date.max, s.first["doc_id"], s.first["seq"]))


def _singleton_key(event: dict) -> tuple:
    return (event["type"], event["source_code"], event["target_code"], event["location_name"], "alone")


def _chain(key: tuple, dated: list[tuple[date, dict]], window_days: int) -> list[Story]:
    """Split one key's events into stories: a story spans ``window_days`` from its first day
    (anchored, so a daily series of strikes does not chain into one endless story)."""
    window, stories = timedelta(days=window_days), []
    for day, event in dated:
        if not stories or day - stories[-1].day > window:
            stories.append(Story(key, day))
        stories[-1].members.append(event)
    return stories


# -- duplicates ------------------------------------------------------------------------------

def find_duplicates(texts: Iterable[dict], threshold: float = THRESHOLD) -> tuple[list[tuple], int]:
    """``(doc_id, duplicate_of, similarity)`` rows: every article of a group of near-copies
    points at the group's earliest (then smallest id) article. ``texts`` are dicts with
    ``doc_id``, ``published`` and ``text``. Returns the rows and the number of texts signed."""
    published: dict[str, str] = {}

    def pairs_input():
        for row in texts:
            published[row["doc_id"]] = row.get("published") or "9999"
            yield row["doc_id"], row["text"]

    pairs, signed = near_duplicate_pairs(pairs_input(), threshold)
    similar = {(a, b): s for a, b, s in pairs}
    rows = []
    for group in _groups(pairs):
        first = min(group, key=lambda d: (published[d], d))
        rows += [(d, first, _pair_similarity(similar, d, first)) for d in sorted(group) if d != first]
    return sorted(rows), signed


def _groups(pairs: list[tuple[str, str, float]]) -> list[set[str]]:
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        parent[root(a)] = root(b)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[root(x)].add(x)
    return list(groups.values())


def _pair_similarity(similar: dict, a: str, b: str) -> float:
    # Linked through a third copy, not directly: the threshold is what is known of them.
    return similar.get(tuple(sorted((a, b))), THRESHOLD)


# -- over a store, over records --------------------------------------------------------------

def build_stories(store, window_days: int = WINDOW_DAYS, threshold: float = THRESHOLD) -> dict:
    """Rebuild ``duplicates``, ``stories`` and ``story_events`` from what the store holds."""
    began = time.perf_counter()
    duplicates, signed = find_duplicates(store.iter_texts(), threshold)
    events = list(store.iter_merge_events())
    stories = merge_events(events, window_days)
    members = [row for story in stories for row in story.member_rows()]
    store.replace_stories(duplicates, [s.row() for s in stories], members)
    return _summary(signed, duplicates, events, stories, time.perf_counter() - began)


def merge_documents(docs: Iterable[Document], window_days: int = WINDOW_DAYS,
                    threshold: float = THRESHOLD) -> tuple[list[tuple], list[Story]]:
    """Duplicates and stories of coded records that are not in a store."""
    docs = list(docs)
    texts = [{"doc_id": d.doc_id, "published": d.published, "text": d.text} for d in docs if d.language == "ar"]
    duplicates, _ = find_duplicates(texts, threshold)
    return duplicates, merge_events((e for d in docs for e in merge_rows(d)), window_days)


def merge_rows(doc: Document) -> list[dict]:
    """One document's events as ``sql.MERGE_EVENT_COLUMNS`` dicts (what the store would give)."""
    return [{
        "doc_id": doc.doc_id, "seq": seq, "event_id": e.id, "type": e.type, "status": e.status,
        "source_code": e.source.code if e.source else None,
        "target_code": e.target.code if e.target else None,
        "location_name": e.location.name if e.location else None,
        "location_country": e.location.country if e.location else None,
        "lat": e.location.lat if e.location else None, "lon": e.location.lon if e.location else None,
        "date": e.date, "published": doc.published, "outlet": doc.source,
        "evidence_text": e.evidence.text if e.evidence else None,
    } for seq, e in enumerate(doc.events)]


def _summary(signed: int, duplicates: list, events: list, stories: list[Story], seconds: float) -> dict:
    merged = [s for s in stories if len({m["doc_id"] for m in s.members}) > 1]
    return {
        "documents_signed": signed, "duplicates": len(duplicates),
        "events": len(events), "stories": len(stories),
        "multi_article_stories": len(merged),
        "events_in_multi_article_stories": sum(len(s.members) for s in merged),
        "largest_story_articles": max((len({m["doc_id"] for m in s.members}) for s in stories), default=0),
        "seconds": round(seconds, 2),
    }
