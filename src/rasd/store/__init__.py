"""The document store: SQLite or PostgreSQL behind one interface, one schema, one migration list.

    with open_store("sqlite:///rasd.db") as store:          # or "postgresql://user:pw@host/db"
        store.ingest(docs)
        store.get_document("snn_...")
        store.query_events(type="ACCUSE", country="LBY", since="2015-08")
        store.query_stories(min_sources=2)                   # after rasd.scale.stories.build_stories
"""

from rasd.store.errors import StoreError
from rasd.store.render import FORMATS, render_document, render_events, render_stories
from rasd.store.store import IngestStats, Store, open_store

__all__ = [
    "FORMATS", "IngestStats", "Store", "StoreError", "open_store", "render_document",
    "render_events", "render_stories",
]
