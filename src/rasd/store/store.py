"""The document store: ingest records, fetch them back, query events.

``open_store(url)`` picks the backend from the URL (``sqlite:///...`` or
``postgresql://...``); ``Store`` talks to it through a DB-API connection and the SQL text of
``rasd.store.sql``, so the PostgreSQL backend is a connect function (``rasd.store.postgres``)
and a ``Dialect``, not a second ``Store``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from typing import Any, Iterable, Iterator

from rasd.document import Document
from rasd.store import rows, sql
from rasd.store.errors import StoreError

SQLITE_PREFIX = "sqlite:///"
_MAX_PARAMS = 500
# since/until bounds: a year, year-month or full date, optionally with a time.
_DATE_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?$")


@dataclass
class IngestStats:
    stored: int = 0  # documents new to the store
    replaced: int = 0  # documents already present with a different record
    unchanged: int = 0  # documents already present with the identical record (skipped)

    @property
    def total(self) -> int:
        return self.stored + self.replaced + self.unchanged


# -- opening ---------------------------------------------------------------------------------

def open_store(url: str = "sqlite:///rasd.db") -> "Store":
    """Open (creating and migrating if needed) the store at ``url``.

    ``sqlite:///relative/path``, ``sqlite:////absolute/path``, ``sqlite:///:memory:``, and
    ``postgresql://user:password@host:port/database`` (also ``postgres://``; libpq query
    parameters such as ``?sslmode=require`` pass through).
    """
    from rasd.store import postgres

    if postgres.is_postgres_url(url):
        return Store(postgres.connect(url), sql.POSTGRES, postgres.display_url(url))
    path = sqlite_path(url)
    return Store(_connect_sqlite(path), sql.SQLITE, url)


def sqlite_path(url: str) -> str:
    if not isinstance(url, str) or not url.startswith(SQLITE_PREFIX):
        scheme = url.split(":", 1)[0] if isinstance(url, str) and ":" in url else url
        raise StoreError(
            f"E401 unsupported store URL {url!r} (scheme {scheme!r}); use sqlite:///relative/path, "
            "sqlite:////absolute/path, sqlite:///:memory: or postgresql://user:password@host/db"
        )
    path = url[len(SQLITE_PREFIX):]
    if not path:
        raise StoreError(f"E401 store URL {url!r} names no database file; use sqlite:///rasd.db")
    return path


def _connect_sqlite(path: str) -> sqlite3.Connection:
    try:
        # Autocommit mode: the Store opens and closes every transaction itself.
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
        conn.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            # Safe with WAL: a crash never corrupts, and committed batches survive a killed process.
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as exc:
        raise StoreError(f"E402 cannot open SQLite database {path!r}: {exc}") from exc
    return conn


# -- the store -------------------------------------------------------------------------------

class Store:
    def __init__(self, conn: Any, dialect: sql.Dialect, url: str = ""):
        self._conn = conn
        self._dialect = dialect
        self.url = url
        self._migrate()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    # -- low level -----------------------------------------------------------------------

    def _execute(self, statement: str, params: Iterable[Any] = ()) -> Any:
        return self._conn.execute(self._dialect.prepare(statement), tuple(params))

    def _executemany(self, statement: str, rows_: list[tuple]) -> None:
        if rows_:
            self._conn.executemany(self._dialect.prepare(statement), rows_)

    def _transaction(self) -> "_Transaction":
        return _Transaction(self)

    # -- schema --------------------------------------------------------------------------

    def schema_version(self) -> int:
        return self._execute(sql.CURRENT_VERSION).fetchone()[0] or 0

    def _migrate(self) -> None:
        if self._dialect.migration_lock:
            self._execute(self._dialect.migration_lock)
        try:
            self._migrate_unlocked()
        finally:
            if self._dialect.migration_unlock:
                self._execute(self._dialect.migration_unlock)

    def _migrate_unlocked(self) -> None:
        self._execute(sql.SCHEMA_VERSION_TABLE)
        if self._check_version() == sql.MIGRATIONS[-1][0]:
            return
        # Re-read under the write lock: another process may have migrated meanwhile.
        with self._transaction():
            current = self._check_version()
            for version, statements in sql.MIGRATIONS:
                if version > current:
                    self._apply_migration(version, statements)

    def _check_version(self) -> int:
        current, newest = self.schema_version(), sql.MIGRATIONS[-1][0]
        if current > newest:
            raise StoreError(
                f"E405 {self.url}: database schema version {current} is newer than this "
                f"Rasd understands ({newest}); upgrade Rasd"
            )
        return current

    def _apply_migration(self, version: int, statements: tuple[str, ...]) -> None:
        for statement in statements:
            self._execute(statement)
        self._execute(sql.RECORD_VERSION, (version, _now()))

    # -- ingest --------------------------------------------------------------------------

    def ingest(self, docs: Iterable[Document], batch_size: int = 200) -> IngestStats:
        """Store every document; one transaction per batch, so a killed run keeps what it
        committed and a rerun skips those documents by their record hash."""
        if batch_size < 1:
            raise StoreError(f"E403 batch_size must be at least 1, got {batch_size}")
        stats = IngestStats()
        for batch in _batches(docs, batch_size):
            self._ingest_batch(batch, stats)
        return stats

    def _ingest_batch(self, batch: list[Document], stats: IngestStats) -> None:
        for doc in batch:
            doc.check_spans()  # never store a record that get_document would refuse to load
        records = [(doc, rows.record_json(doc)) for doc in batch]
        known = self._known_hashes({doc.doc_id for doc in batch})
        ingested_at = _now()
        with self._transaction():
            for doc, record in records:
                digest = rows.record_hash(record)
                previous = known.get(doc.doc_id)
                if previous == digest:
                    stats.unchanged += 1
                    continue
                self._write_document(doc, record, digest, ingested_at, replace=previous is not None)
                stats.replaced += previous is not None
                stats.stored += previous is None
                known[doc.doc_id] = digest  # a later duplicate in this batch replaces it

    def _known_hashes(self, doc_ids: set[str]) -> dict[str, str]:
        ids, known = sorted(doc_ids), {}
        # Chunked: engines cap the number of bound parameters in one statement.
        for start in range(0, len(ids), _MAX_PARAMS):
            chunk = ids[start:start + _MAX_PARAMS]
            known.update(self._execute(sql.hashes_of(len(chunk)), chunk).fetchall())
        return known

    def _write_document(self, doc: Document, record: str, digest: str,
                        ingested_at: str, replace: bool) -> None:
        if replace:
            self._execute(sql.DELETE_DOCUMENT, (doc.doc_id,))  # children go by ON DELETE CASCADE
        self._execute(sql.insert_into("documents"), rows.document_row(doc, record, digest, ingested_at))
        self._executemany(sql.insert_into("entities"), rows.entity_rows(doc))
        self._executemany(sql.insert_into("events"), rows.event_rows(doc))
        self._executemany(sql.insert_into("places"), rows.place_rows(doc))

    def delete_document(self, doc_id: str) -> bool:
        """Remove one document and its rows; True if it was there."""
        with self._transaction():
            cursor = self._execute(sql.DELETE_DOCUMENT, (doc_id,))  # children by ON DELETE CASCADE
        return cursor.rowcount > 0

    # -- reading -------------------------------------------------------------------------

    def get_document(self, doc_id: str) -> Document | None:
        row = self._execute(sql.GET_RECORD, (doc_id,)).fetchone()
        if row is None:
            return None
        doc = Document.from_dict(json.loads(row[0]))
        doc.origin = f"{self.url}#{doc_id}"
        return doc

    def count_documents(self) -> int:
        return self._execute(sql.COUNT_DOCUMENTS).fetchone()[0]

    def table_counts(self) -> dict[str, int]:
        """Rows per table, for every table the schema has (documents ... story_events)."""
        return {table: self._execute(sql.count_rows(table)).fetchone()[0] for table in sql.ALL_TABLES}

    @property
    def backend(self) -> str:
        return self._dialect.name

    def query_events(self, type: str | None = None, actor: str | None = None,
                     country: str | None = None, since: str | None = None,
                     until: str | None = None, status: str | None = None,
                     limit: int | None = None, offset: int = 0) -> list[dict]:
        """Events matching every given filter, by date (event's, else published) then doc_id."""
        conditions, params = _event_conditions(
            type=type, actor=actor, country=country, since=since, until=until, status=status)
        params += [self._limit(limit), _non_negative("offset", offset)]
        cursor = self._execute(sql.select_events(conditions), params)
        return [dict(zip(sql.EVENT_ROW_COLUMNS, row)) for row in cursor.fetchall()]

    def _limit(self, limit: int | None) -> int | None:
        return self._dialect.no_limit if limit is None else _non_negative("limit", limit)

    # -- cross-article merging (tables built by rasd.scale.stories) -----------------------

    def iter_merge_events(self) -> Iterator[dict]:
        """Every stored event with what story merging compares (``sql.MERGE_EVENT_COLUMNS``)."""
        yield from self._iter_rows(sql.SELECT_MERGE_EVENTS, (), sql.MERGE_EVENT_COLUMNS)

    def iter_texts(self, language: str = "ar") -> Iterator[dict]:
        """``doc_id``, ``published``, ``source``, ``text`` of every document in ``language``."""
        yield from self._iter_rows(sql.SELECT_TEXTS, (language,), ("doc_id", "published", "source", "text"))

    def _iter_rows(self, statement: str, params: tuple, columns: tuple[str, ...]) -> Iterator[dict]:
        cursor = self._execute(statement, params)
        while chunk := cursor.fetchmany(1000):
            for row in chunk:
                yield dict(zip(columns, row))

    def replace_stories(self, duplicates: list[tuple], stories: list[tuple],
                        story_events: list[tuple]) -> None:
        """Swap in a new build of the derived tables, in one transaction (readers never see
        half a build); rows are tuples in the column order of ``sql.DERIVED_COLUMNS``."""
        with self._transaction():
            for table in ("story_events", "stories", "duplicates"):
                self._execute(sql.delete_all(table))
            self._executemany(sql.insert_into("duplicates"), duplicates)
            self._executemany(sql.insert_into("stories"), stories)
            self._executemany(sql.insert_into("story_events"), story_events)

    def query_stories(self, type: str | None = None, country: str | None = None,
                      since: str | None = None, until: str | None = None,
                      min_articles: int | None = None, min_sources: int | None = None,
                      limit: int | None = None, offset: int = 0,
                      with_events: bool = True) -> list[dict]:
        """Story events matching every filter, by date then size; each with its ``events``
        (every article and evidence sentence that reports it) unless ``with_events`` is off."""
        conditions, params = _story_conditions(type=type, country=country, since=since, until=until,
                                               min_articles=min_articles, min_sources=min_sources)
        params += [self._limit(limit), _non_negative("offset", offset)]
        rows_ = self._execute(sql.select_stories(conditions), params).fetchall()
        stories = [dict(zip(sql.STORY_COLUMNS, row)) for row in rows_]
        if with_events:
            self._attach_story_events(stories)
        return stories

    def _attach_story_events(self, stories: list[dict]) -> None:
        by_id = {story["story_id"]: story for story in stories}
        for story in stories:
            story["events"] = []
        ids = sorted(by_id)
        columns = sql.STORY_EVENT_COLUMNS + ("title", "url")
        for start in range(0, len(ids), _MAX_PARAMS):
            chunk = ids[start:start + _MAX_PARAMS]
            for row in self._execute(sql.select_story_events(len(chunk)), chunk).fetchall():
                member = dict(zip(columns, row))
                by_id[member.pop("story_id")]["events"].append(member)

    def duplicates_of(self, doc_id: str) -> list[dict]:
        """Stored near-duplicate links touching ``doc_id`` (either side)."""
        rows_ = self._execute(sql.SELECT_DUPLICATES_OF, (doc_id, doc_id)).fetchall()
        return [dict(zip(sql.DUPLICATE_COLUMNS, row)) for row in rows_]


class _Transaction:
    """BEGIN on entry; COMMIT on success, ROLLBACK on any exception (then re-raise)."""

    def __init__(self, store: Store):
        self._store = store

    def __enter__(self) -> None:
        self._store._execute(self._store._dialect.begin)

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self._store._execute(sql.ROLLBACK if exc_type else sql.COMMIT)


# -- query helpers ---------------------------------------------------------------------------

def _event_conditions(**filters: str | None) -> tuple[list[str], list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    for name, value in filters.items():
        if value is None or value == "":
            continue
        conditions.append(sql.event_filter(name))
        params += _filter_params(name, value)
    return conditions, params


def _story_conditions(**filters: Any) -> tuple[list[str], list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    for name, value in filters.items():
        if value is None or value == "":
            continue
        conditions.append(sql.story_filter(name))
        if name.startswith("min_"):
            params.append(_non_negative(name, value))
        else:
            params += _filter_params(name, value)
    return conditions, params


def _filter_params(name: str, value: str) -> list[Any]:
    if name == "type":
        return [value.strip().upper()]
    if name == "status":
        return [value.strip().lower()]
    if name == "country":
        return [value.strip().upper()] * 2
    if name == "actor":
        return [_like_pattern(value)] * 4
    return _date_bound(name, value.strip())


def _like_pattern(value: str) -> str:
    escaped = value.strip().lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def _date_bound(name: str, value: str) -> list[Any]:
    if not _DATE_BOUND.match(value):
        raise StoreError(f"E403 --{name} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return [len(value), value]


def _non_negative(name: str, value: int) -> int:
    if not isinstance(value, int) or value < 0:
        raise StoreError(f"E403 {name} must be a non-negative integer, got {value!r}")
    return value


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(docs)
    while batch := list(islice(iterator, size)):
        yield batch


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
