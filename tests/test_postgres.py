"""PostgreSQL specifics beyond the shared store tests (test_store.py runs those on both
engines): a killed ingest resumes on PostgreSQL too, migrations upgrade an old database in
place on both engines, and two processes opening a fresh database migrate it once."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rasd.store import open_store, sql
from rasd.store.store import Store
from test_store import BACKENDS, backend_url, make_doc, pg_schema_url
from test_store_resume import BATCH, kill, start_child, wait_for


def pg_counts(url: str) -> tuple[int, int, int]:
    with open_store(url) as s:
        counts = s.table_counts()
        distinct = s._execute("SELECT COUNT(DISTINCT doc_id) FROM documents").fetchone()[0]
    assert distinct == counts["documents"]
    return counts["documents"], counts["events"], counts["places"]


def rerun(url: str, total: int, already: int) -> None:
    with open_store(url) as s:
        stats = s.ingest((make_doc(i) for i in range(total)), batch_size=BATCH)
        assert (stats.stored, stats.replaced, stats.unchanged) == (total - already, 0, already)
        assert s.get_document("doc00000") == make_doc(0)
    assert pg_counts(url) == (total, 2 * total, total)


def test_postgres_kill_between_batches_resumes(tmp_path):
    with pg_schema_url() as url:
        child = start_child(tmp_path, url, total=50, pause_at=35)
        wait_for(lambda: (tmp_path / "paused").exists(), child)
        kill(child)
        assert pg_counts(url) == (30, 60, 30)
        rerun(url, total=50, already=30)


def test_postgres_kill_inside_a_transaction_rolls_back_that_batch(tmp_path):
    with pg_schema_url() as url:
        child = start_child(tmp_path, url, total=50, pause_in_write=23)
        wait_for(lambda: (tmp_path / "paused").exists(), child)
        kill(child)
        # The server notices the dead client and rolls its open transaction back.
        assert pg_counts(url) == (20, 40, 20)
        rerun(url, total=50, already=20)


@pytest.mark.parametrize("backend", BACKENDS)
def test_old_database_is_upgraded_in_place(backend, tmp_path, monkeypatch):
    from rasd.api.filters import EventFilters
    from rasd.api.queries import count_events

    with backend_url(backend, tmp_path) as url:
        # A store written by the first schema's code: no folded evidence column yet.
        old_columns = tuple(c for c in sql.EVENT_COLUMNS if c != "evidence_folded")
        monkeypatch.setattr(sql, "MIGRATIONS", sql.MIGRATIONS[:1])
        monkeypatch.setattr(sql, "EVENT_COLUMNS", old_columns)
        monkeypatch.setitem(sql.TABLE_COLUMNS, "events", old_columns)
        with open_store(url) as s:
            s.ingest([make_doc(1)])
            assert s.schema_version() == 1
        monkeypatch.undo()
        with open_store(url) as s:
            assert s.schema_version() == sql.MIGRATIONS[-1][0]
            assert s.get_document("doc00001") == make_doc(1)
            assert s.table_counts()["stories"] == 0
            assert count_events(s, EventFilters(q="للمره 1")) == 1  # "للمرة", folded by the migration


OPEN_AND_REPORT = """
import sys
from rasd.store import open_store
with open_store(sys.argv[1]) as s:
    print(s.schema_version())
"""


def test_concurrent_first_opens_migrate_once(tmp_path):
    with pg_schema_url() as url:  # an empty schema: three processes create it at once
        children = [subprocess.Popen([sys.executable, "-c", OPEN_AND_REPORT, url],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                    for _ in range(3)]
        outputs = [child.communicate(timeout=60) for child in children]
        assert [c.returncode for c in children] == [0, 0, 0], outputs
        newest = str(sql.MIGRATIONS[-1][0])
        assert [out.strip() for out, _ in outputs] == [newest] * 3
        with open_store(url) as s:
            versions = s._execute("SELECT version FROM schema_version ORDER BY version").fetchall()
        assert [v[0] for v in versions] == [v for v, _ in sql.MIGRATIONS]


def test_store_names_its_backend(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as s:
        assert isinstance(s, Store) and s.backend == "sqlite"
    with pg_schema_url() as url, open_store(url) as s:
        assert s.backend == "postgresql"


@pytest.mark.parametrize("backend", BACKENDS)
def test_text_search_folds_spelling_variants_on_both_engines(backend, tmp_path):
    """The folded LIKE of the API's q filter is SQL both engines run: "مصرِ" finds "مصر"."""
    from rasd.api.filters import EventFilters
    from rasd.api.queries import count_events

    with backend_url(backend, tmp_path) as url:
        with open_store(url) as s:
            s.ingest([make_doc(1)])
            assert count_events(s, EventFilters(q="واتهمت مصرِ")) == 1
            assert count_events(s, EventFilters(q="للمره 1")) == 1  # "للمرة": ة and ه are one letter
            assert count_events(s, EventFilters(q="اتهمت مصر تنظيم")) == 1
            assert count_events(s, EventFilters(q="لا يوجد")) == 0
