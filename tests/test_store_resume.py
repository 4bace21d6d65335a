"""A killed ingest keeps its committed batches, and a rerun completes it without duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from rasd.store import open_store
from test_store import make_doc

BATCH = 10
TESTS_DIR = Path(__file__).parent

# The child ingests make_doc(0..total-1). It pauses forever (after writing `marker`)
# before reading document `pause_at`, or in the middle of writing document `pause_in_write`
# (inside the batch's open transaction), and sleeps `delay` seconds per document.
CHILD = """
import sys, time
sys.path.insert(0, {tests!r})
from test_store import make_doc
from rasd.store import open_store, rows

url, marker = sys.argv[1], sys.argv[2]
total, pause_at, pause_in_write, delay = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])

def pause():
    open(marker, "w").write("paused")
    time.sleep(600)

def docs():
    for i in range(total):
        if i == pause_at:
            pause()
        time.sleep(delay)
        yield make_doc(i)

real_place_rows = rows.place_rows

def place_rows(doc):
    if doc.doc_id == make_doc(pause_in_write).doc_id:
        pause()  # its document, entity and event rows are already written, uncommitted
    return real_place_rows(doc)

rows.place_rows = place_rows

with open_store(url) as store:
    store.ingest(docs(), batch_size={batch})
"""


def start_child(tmp_path: Path, url: str, total: int, pause_at: int = -1,
                pause_in_write: int = -1, delay: float = 0.0) -> subprocess.Popen:
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(tests=str(TESTS_DIR), batch=BATCH), encoding="utf-8")
    marker = tmp_path / "paused"
    args = [sys.executable, str(script), url, str(marker), str(total), str(pause_at),
            str(pause_in_write), str(delay)]
    return subprocess.Popen(args, stderr=subprocess.PIPE)


def kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def wait_for(condition, child: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if child.poll() is not None:
            raise AssertionError(f"child ended early: {child.stderr.read().decode()}")
        if time.monotonic() > deadline:
            kill(child)
            raise AssertionError("child did not reach the kill point in time")
        time.sleep(0.02)


def db_counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path, timeout=30)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = conn.execute("SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM documents").fetchone()
        assert docs[0] == docs[1]
        return docs[0], conn.execute("SELECT COUNT(*) FROM events").fetchone()[0], \
            conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0, 0, 0
    finally:
        conn.close()


def assert_rerun_completes(url: str, path: Path, total: int, already: int) -> None:
    with open_store(url) as store:
        stats = store.ingest((make_doc(i) for i in range(total)), batch_size=BATCH)
        assert (stats.stored, stats.replaced, stats.unchanged) == (total - already, 0, already)
        assert store.get_document("doc00000") == make_doc(0)
    assert db_counts(path) == (total, 2 * total, total)


def test_kill_between_batches_keeps_committed_batches(tmp_path):
    path = tmp_path / "rasd.db"
    url = f"sqlite:///{path}"
    child = start_child(tmp_path, url, total=50, pause_at=35)
    wait_for(lambda: (tmp_path / "paused").exists(), child)
    kill(child)
    assert db_counts(path) == (30, 60, 30)  # batches 1-3 committed; docs 30-34 were pending
    assert_rerun_completes(url, path, total=50, already=30)


def test_kill_inside_a_transaction_rolls_back_that_batch(tmp_path):
    path = tmp_path / "rasd.db"
    url = f"sqlite:///{path}"
    child = start_child(tmp_path, url, total=50, pause_in_write=23)
    wait_for(lambda: (tmp_path / "paused").exists(), child)
    kill(child)
    assert db_counts(path) == (20, 40, 20)  # docs 20-23 of the open batch are gone
    assert_rerun_completes(url, path, total=50, already=20)


def test_kill_at_an_arbitrary_moment_loses_only_the_open_batch(tmp_path):
    path = tmp_path / "rasd.db"
    url = f"sqlite:///{path}"
    child = start_child(tmp_path, url, total=2000, delay=0.002)
    wait_for(lambda: path.exists() and db_counts(path)[0] >= 3 * BATCH, child)
    kill(child)
    committed, events, places = db_counts(path)
    assert committed % BATCH == 0 and 3 * BATCH <= committed < 2000
    assert (events, places) == (2 * committed, committed)  # never half a document
    assert_rerun_completes(url, path, total=2000, already=committed)
