"""Read-only statements written outside the store (the API's filters and aggregates).

``rasd.api.queries`` builds its own SELECTs from fixed fragments, with every value bound as
``?``; this runs them through the store's connection and dialect, so they work on any
backend the store supports without the API touching the connection itself.
"""

from __future__ import annotations

from typing import Any, Iterable

from rasd.store.store import Store


def fetch_all(store: Store, statement: str, params: Iterable[Any] = ()) -> list[tuple]:
    """Every row of one read-only ``statement``; ``params`` are bound, never formatted in."""
    return store._execute(statement, params).fetchall()
