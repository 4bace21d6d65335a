"""The document store: SQLite by default, PostgreSQL later behind the same interface.

    with open_store("sqlite:///rasd.db") as store:
        store.ingest(docs)
        store.get_document("snn_...")
        store.query_events(type="ACCUSE", country="LBY", since="2015-08")
"""

from rasd.store.errors import StoreError
from rasd.store.render import FORMATS, render_document, render_events
from rasd.store.store import IngestStats, Store, open_store

__all__ = [
    "FORMATS", "IngestStats", "Store", "StoreError", "open_store", "render_document",
    "render_events",
]
