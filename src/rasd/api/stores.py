"""One store connection per server thread, and a cache for the whole-store aggregates.

FastAPI runs plain ``def`` endpoints in a thread pool and SQLite connections belong to the
thread that opened them, so each thread opens its own ``Store`` on first use (SQLite in WAL
mode serves many readers at once). The aggregates (stats, actors, network, places) scan
every event; they are cached under a fingerprint of the database that changes whenever a
writer commits (the SQLite file and its WAL grow or move), so an ingest shows at once.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Hashable

from rasd.store import open_store
from rasd.store.store import SQLITE_PREFIX, Store, sqlite_path

_SQLITE_CACHE_KIB = 64 * 1024  # page cache per connection: the covering indexes stay in memory
_SQLITE_MMAP_BYTES = 1 << 30
_TTL_SECONDS = 30.0  # fingerprint of a non-file store: time buckets


class StorePool:
    def __init__(self, db_url: str):
        self.db_url = db_url
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._open()
            self._local.store = store
        return store

    def _open(self) -> Store:
        store = open_store(self.db_url)
        if store.backend == "sqlite":
            for pragma in (f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}",
                           f"PRAGMA mmap_size = {_SQLITE_MMAP_BYTES}", "PRAGMA query_only = ON"):
                store._execute(pragma)
        with self._lock:
            self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
        for store in stores:
            try:
                store.close()
            except Exception:  # another thread's SQLite connection: it closes with its thread
                pass

    def fingerprint(self) -> Hashable:
        """Changes whenever the data may have: file size and mtime of a SQLite store and its WAL."""
        if not self.db_url.startswith(SQLITE_PREFIX):
            return int(time.time() // _TTL_SECONDS)
        path = sqlite_path(self.db_url)
        return tuple(_stat(p) for p in (path, path + "-wal"))


def _stat(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (0, 0)
    return (st.st_size, st.st_mtime_ns)


class AggregateCache:
    """A small LRU of aggregate answers, valid while the store's fingerprint is unchanged."""

    def __init__(self, pool: StorePool, size: int = 256):
        self._pool = pool
        self._size = size
        self._items: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        stamp = self._pool.fingerprint()
        with self._lock:
            hit = self._items.get(key)
            if hit and hit[0] == stamp:
                self._items.move_to_end(key)
                return hit[1]
        value = compute()  # outside the lock: two threads may compute the same key once each
        with self._lock:
            self._items[key] = (stamp, value)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value
