"""Every SQL statement the store runs, in one place, written as portable SQL.

The text here runs unchanged on SQLite and PostgreSQL: standard types (TEXT, INTEGER,
BIGINT, DOUBLE PRECISION), ``"end"`` quoted because it is a reserved word, ``?`` as the
only placeholder (a PostgreSQL backend swaps it for ``%s`` in ``Dialect.prepare``), no
``INSERT OR REPLACE``/``ON CONFLICT`` (replacement is delete + insert), and NULL ordering
spelled out instead of left to each engine's default. Values are always bound, never
formatted in; the only text spliced into SQL is column names from the constants below
and a run of ``?`` marks.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.store.fold import folded_sql

DOCUMENT_COLUMNS = (
    "doc_id", "source", "url", "title", "published", "language", "text",
    "record", "record_hash", "ingested_at",
)
ENTITY_COLUMNS = (
    "doc_id", "seq", "entity_id", "type", "name", "name_ar", "actor",
    "actor_country", "actor_sector", "kb_id", "mentions",
)
EVENT_COLUMNS = (
    "doc_id", "seq", "event_id", "type", "mode", "cameo",
    "source_code", "source_country", "source_sector", "source_name",
    "target_code", "target_country", "target_sector", "target_name",
    "status", "reported_by_code", "reported_by_name",
    "location_name", "lat", "lon", "location_country", "date", "date_precision",
    "trigger_text", "evidence_text", "evidence_start", "evidence_end", "confidence",
    "evidence_folded",
)
PLACE_COLUMNS = (
    "doc_id", "seq", "form", "name", "geonames_id", "lat", "lon", "country", "start", "end",
)
DUPLICATE_COLUMNS = ("doc_id", "duplicate_of", "similarity")
STORY_COLUMNS = (
    "story_id", "type", "source_code", "source_country", "target_code", "target_country",
    "location", "location_country", "lat", "lon", "date",
    "num_articles", "num_sources", "num_events", "first_seen", "last_seen",
)
STORY_EVENT_COLUMNS = ("story_id", "doc_id", "seq", "event_id", "source", "published", "evidence_text")
TABLE_COLUMNS = {
    "documents": DOCUMENT_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "events": EVENT_COLUMNS,
    "places": PLACE_COLUMNS,
}
# The derived tables of rasd.scale.stories, written by Store.replace_stories.
DERIVED_COLUMNS = {
    "duplicates": DUPLICATE_COLUMNS,
    "stories": STORY_COLUMNS,
    "story_events": STORY_EVENT_COLUMNS,
}
ALL_TABLES = tuple(TABLE_COLUMNS) + tuple(DERIVED_COLUMNS)
# What `query_events` returns per row, in this order (also the CSV header).
EVENT_ROW_COLUMNS = ("doc_id", "title", "url", "published") + tuple(
    c for c in EVENT_COLUMNS if c not in ("doc_id", "seq", "evidence_folded")  # the last is for search only
)


@dataclass(frozen=True)
class Dialect:
    """What differs between engines; everything else in this module is shared."""

    name: str
    begin: str  # statement that opens a write transaction
    placeholder: str  # the engine's positional parameter mark
    no_limit: int | None  # LIMIT value meaning "all rows" (SQLite needs one to use OFFSET)
    # Held around the whole migration (schema_version table included), so that processes
    # opening a new database at once migrate it one after the other.
    migration_lock: str | None = None
    migration_unlock: str | None = None

    def prepare(self, sql: str) -> str:
        if self.placeholder == "?":
            return sql
        # psycopg's %s style: a literal % must be doubled before the marks are swapped in.
        return sql.replace("%", "%%").replace("?", self.placeholder)


# BEGIN IMMEDIATE takes the write lock up front, so two writers wait instead of deadlocking.
SQLITE = Dialect(name="sqlite", begin="BEGIN IMMEDIATE", placeholder="?", no_limit=-1)
# PostgreSQL: row locks need no up-front lock; LIMIT NULL means no limit; DDL is transactional,
# so a migration is all-or-nothing, and a session advisory lock (a fixed key, "Rasd" in ASCII)
# makes concurrent first opens wait for each other (CREATE TABLE IF NOT EXISTS alone races).
POSTGRES = Dialect(name="postgresql", begin="BEGIN", placeholder="%s", no_limit=None,
                   migration_lock="SELECT pg_advisory_lock(1382118500)",
                   migration_unlock="SELECT pg_advisory_unlock(1382118500)")


COMMIT = "COMMIT"
ROLLBACK = "ROLLBACK"


# -- schema ----------------------------------------------------------------------------------

SCHEMA_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)"""

_MIGRATION_1 = (
    """CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY,
        source TEXT,
        url TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        record_hash TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    )""",
    """CREATE TABLE entities (
        doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        entity_id TEXT,
        type TEXT,
        name TEXT,
        name_ar TEXT,
        actor TEXT,
        actor_country TEXT,
        actor_sector TEXT,
        kb_id TEXT,
        mentions TEXT,
        PRIMARY KEY (doc_id, seq)
    )""",
    """CREATE TABLE events (
        doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        event_id TEXT,
        type TEXT,
        mode TEXT,
        cameo TEXT,
        source_code TEXT,
        source_country TEXT,
        source_sector TEXT,
        source_name TEXT,
        target_code TEXT,
        target_country TEXT,
        target_sector TEXT,
        target_name TEXT,
        status TEXT,
        reported_by_code TEXT,
        reported_by_name TEXT,
        location_name TEXT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        location_country TEXT,
        date TEXT,
        date_precision TEXT,
        trigger_text TEXT,
        evidence_text TEXT,
        evidence_start INTEGER,
        evidence_end INTEGER,
        confidence DOUBLE PRECISION,
        PRIMARY KEY (doc_id, seq)
    )""",
    """CREATE TABLE places (
        doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        form TEXT,
        name TEXT,
        geonames_id BIGINT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        country TEXT,
        start INTEGER,
        "end" INTEGER,
        PRIMARY KEY (doc_id, seq)
    )""",
    # The primary keys already index doc_id first; these serve the query_events filters.
    "CREATE INDEX events_type ON events (type)",
    "CREATE INDEX events_date ON events (date)",
    "CREATE INDEX events_source_country ON events (source_country)",
    "CREATE INDEX events_target_country ON events (target_country)",
    "CREATE INDEX events_status ON events (status)",
    "CREATE INDEX events_doc_id ON events (doc_id)",
    "CREATE INDEX entities_doc_id ON entities (doc_id)",
    "CREATE INDEX entities_actor ON entities (actor)",
    "CREATE INDEX places_doc_id ON places (doc_id)",
    "CREATE INDEX documents_published ON documents (published)",
)

# Cross-article merging (rasd.scale.stories): near-duplicate articles, and story events that
# gather the same real-world event from several articles. Derived tables: `rasd stories`
# rebuilds them whole; deleting a document drops its rows here by cascade.
_MIGRATION_2 = (
    """CREATE TABLE duplicates (
        doc_id TEXT PRIMARY KEY REFERENCES documents (doc_id) ON DELETE CASCADE,
        duplicate_of TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
        similarity DOUBLE PRECISION NOT NULL
    )""",
    """CREATE TABLE stories (
        story_id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        source_code TEXT,
        source_country TEXT,
        target_code TEXT,
        target_country TEXT,
        location TEXT,
        location_country TEXT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        date TEXT,
        num_articles INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        num_events INTEGER NOT NULL,
        first_seen TEXT,
        last_seen TEXT
    )""",
    """CREATE TABLE story_events (
        story_id TEXT NOT NULL REFERENCES stories (story_id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        event_id TEXT,
        source TEXT,
        published TEXT,
        evidence_text TEXT,
        PRIMARY KEY (story_id, doc_id, seq)
    )""",
    "CREATE INDEX duplicates_duplicate_of ON duplicates (duplicate_of)",
    "CREATE INDEX stories_type ON stories (type)",
    "CREATE INDEX stories_date ON stories (date)",
    "CREATE INDEX stories_source_country ON stories (source_country)",
    "CREATE INDEX stories_target_country ON stories (target_country)",
    "CREATE INDEX story_events_doc_id ON story_events (doc_id)",
)

# Indexes for the API (rasd.api.queries) on a whole-corpus store: covering indexes so the
# events page, the stats and the network read index pages instead of event rows carrying
# evidence text, and the join to documents reads (doc_id, published) without the article.
_MIGRATION_3 = (
    "CREATE INDEX documents_id_published ON documents (doc_id, published)",
    "CREATE INDEX events_doc_facets ON events (doc_id, date, type, status, source_country, target_country)",
    "CREATE INDEX events_pairs ON events (source_code, target_code, type)",
    "CREATE INDEX events_location_name ON events (location_name)",
    "CREATE INDEX places_geonames ON places (geonames_id, name, country, doc_id, lat, lon)",
    "CREATE INDEX places_name_form ON places (name, form)",
)

# Text search (the API's q) over evidence folded for spelling variants (rasd.store.fold):
# written at ingest from now on, computed here once for the events already stored.
_MIGRATION_4 = (
    "ALTER TABLE events ADD COLUMN evidence_folded TEXT",
    f"UPDATE events SET evidence_folded = {folded_sql('evidence_text')}",
)

# (version, statements); append new migrations, never edit an applied one.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, _MIGRATION_1), (2, _MIGRATION_2), (3, _MIGRATION_3), (4, _MIGRATION_4))

CURRENT_VERSION = "SELECT MAX(version) FROM schema_version"
RECORD_VERSION = "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"


# -- documents -------------------------------------------------------------------------------

def insert_into(table: str) -> str:
    columns = TABLE_COLUMNS.get(table) or DERIVED_COLUMNS[table]
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks(len(columns))})"


def marks(n: int) -> str:
    return ", ".join("?" * n)


def hashes_of(n_ids: int) -> str:
    return f"SELECT doc_id, record_hash FROM documents WHERE doc_id IN ({marks(n_ids)})"


def count_rows(table: str) -> str:
    if table not in ALL_TABLES:  # the name is spliced in: only the schema's own tables
        raise KeyError(table)
    return f"SELECT COUNT(*) FROM {table}"


def delete_all(table: str) -> str:
    if table not in DERIVED_COLUMNS:  # only derived tables are ever emptied whole
        raise KeyError(table)
    return f"DELETE FROM {table}"


DELETE_DOCUMENT = "DELETE FROM documents WHERE doc_id = ?"
GET_RECORD = "SELECT record FROM documents WHERE doc_id = ?"
COUNT_DOCUMENTS = "SELECT COUNT(*) FROM documents"


# -- events query ----------------------------------------------------------------------------

# The date an event is filed under: its own, else its document's publication date.
EVENT_DATE = "COALESCE(e.date, d.published)"


def event_filter(field: str) -> str:
    """One WHERE condition of ``query_events`` by filter name; values are bound as ``?``."""
    return _EVENT_FILTERS[field]


_EVENT_FILTERS = {
    "type": "e.type = ?",
    "status": "e.status = ?",
    "country": "(e.source_country = ? OR e.target_country = ?)",
    # Pattern is lower-cased by the caller; '!' escapes % and _ the user typed.
    "actor": (
        "(LOWER(e.source_code) LIKE ? ESCAPE '!' OR LOWER(e.source_name) LIKE ? ESCAPE '!'"
        " OR LOWER(e.target_code) LIKE ? ESCAPE '!' OR LOWER(e.target_name) LIKE ? ESCAPE '!')"
    ),
    # Compare on the bound's own precision, so until=2015-08 keeps all of August and
    # until=2015-08-06 keeps 2015-08-06T10:00 (the length is bound too).
    "since": f"SUBSTR({EVENT_DATE}, 1, ?) >= ?",
    "until": f"SUBSTR({EVENT_DATE}, 1, ?) <= ?",
}


def select_events(conditions: list[str]) -> str:
    columns = ", ".join(
        ["e.doc_id", "d.title", "d.url", "d.published"]
        + [f"e.{c}" for c in EVENT_ROW_COLUMNS[4:]]
    )
    where = " AND ".join(conditions) if conditions else "1 = 1"
    return (
        f"SELECT {columns} FROM events e JOIN documents d ON d.doc_id = e.doc_id"
        f" WHERE {where}"
        # Undated events last on every engine (SQLite sorts NULL first, PostgreSQL last).
        f" ORDER BY CASE WHEN {EVENT_DATE} IS NULL THEN 1 ELSE 0 END, {EVENT_DATE},"
        " e.doc_id, e.seq"
        " LIMIT ? OFFSET ?"
    )


# -- cross-article merging (rasd.scale.stories) ----------------------------------------------

# What story merging reads per event: its key fields, its date (own, else published) and
# the outlet that published it. Ordered so a run is the same on every engine.
MERGE_EVENT_COLUMNS = (
    "doc_id", "seq", "event_id", "type", "status", "source_code", "target_code",
    "location_name", "location_country", "lat", "lon", "date", "published", "outlet",
    "evidence_text",
)
SELECT_MERGE_EVENTS = (
    "SELECT e.doc_id, e.seq, e.event_id, e.type, e.status, e.source_code, e.target_code,"
    " e.location_name, e.location_country, e.lat, e.lon, e.date, d.published, d.source,"
    " e.evidence_text"
    " FROM events e JOIN documents d ON d.doc_id = e.doc_id"
    " ORDER BY e.doc_id, e.seq"
)
SELECT_TEXTS = (
    "SELECT doc_id, published, source, text FROM documents"
    " WHERE language = ? ORDER BY doc_id"
)

_STORY_FILTERS = {
    "type": "s.type = ?",
    "country": "(s.source_country = ? OR s.target_country = ?)",
    "since": "SUBSTR(s.date, 1, ?) >= ?",
    "until": "SUBSTR(s.date, 1, ?) <= ?",
    "min_articles": "s.num_articles >= ?",
    "min_sources": "s.num_sources >= ?",
}


def story_filter(field: str) -> str:
    return _STORY_FILTERS[field]


def select_stories(conditions: list[str]) -> str:
    columns = ", ".join(f"s.{c}" for c in STORY_COLUMNS)
    where = " AND ".join(conditions) if conditions else "1 = 1"
    return (
        f"SELECT {columns} FROM stories s WHERE {where}"
        " ORDER BY CASE WHEN s.date IS NULL THEN 1 ELSE 0 END, s.date,"
        " s.num_articles DESC, s.story_id"
        " LIMIT ? OFFSET ?"
    )


def select_story_events(n_ids: int) -> str:
    columns = ", ".join(f"m.{c}" for c in STORY_EVENT_COLUMNS)
    return (
        f"SELECT {columns}, d.title, d.url FROM story_events m"
        " JOIN documents d ON d.doc_id = m.doc_id"
        f" WHERE m.story_id IN ({marks(n_ids)})"
        " ORDER BY m.story_id, CASE WHEN m.published IS NULL THEN 1 ELSE 0 END, m.published,"
        " m.doc_id, m.seq"
    )


SELECT_DUPLICATES_OF = (
    "SELECT doc_id, duplicate_of, similarity FROM duplicates"
    " WHERE doc_id = ? OR duplicate_of = ? ORDER BY doc_id"
)
