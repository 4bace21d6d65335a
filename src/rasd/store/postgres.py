"""The PostgreSQL backend: a psycopg 3 connection shaped like the DB-API calls ``Store`` makes.

``Store`` runs the same SQL text on both engines (``rasd.store.sql``); this module only
opens the connection and gives it ``execute``/``executemany``. The connection is in
autocommit mode because ``Store`` opens and closes every transaction itself, exactly as it
does on SQLite.
"""

from __future__ import annotations

import re
from typing import Any

from rasd.store.errors import StoreError

PREFIXES = ("postgresql://", "postgres://")
_PASSWORD = re.compile(r"^(\w+://[^:/@]*:)[^@]*@")
CONNECT_TIMEOUT_S = 10


def is_postgres_url(url: object) -> bool:
    return isinstance(url, str) and url.startswith(PREFIXES)


def display_url(url: str) -> str:
    """The URL without its password, for messages and ``Document.origin``."""
    return _PASSWORD.sub(r"\1***@", url)


def connect(url: str) -> "PostgresConnection":
    try:
        import psycopg
    except ImportError as exc:  # a trimmed install without the driver
        raise StoreError(f"E402 {display_url(url)}: PostgreSQL needs psycopg (pip install 'psycopg[binary]')") from exc
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as exc:
        raise StoreError(f"E402 cannot open PostgreSQL database {display_url(url)}: {_first_line(exc)}") from exc
    return PostgresConnection(conn)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


class PostgresConnection:
    """``execute`` returns a cursor (like sqlite3's); ``executemany`` runs batched."""

    def __init__(self, conn: Any):
        self.raw = conn

    def execute(self, statement: str, params: tuple = ()) -> Any:
        # prepare=False: statements with a varying number of marks would fill the cache.
        return self.raw.execute(statement, params or None, prepare=False)

    def executemany(self, statement: str, rows: list[tuple]) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(statement, rows)

    def close(self) -> None:
        self.raw.close()
