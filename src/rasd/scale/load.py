"""``rasd load``: the Parquet output of ``rasd spark`` into a store (SQLite or PostgreSQL).

The ``documents`` table carries each document's full JSON record, which is the truth the
store keeps; loading goes through ``Store.ingest``, so it has ingest's semantics exactly
(a changed document replaces, an identical one is skipped, a killed load resumes) and the
store's entity, event and place rows come out as ``rasd ingest`` would write them. The other
Parquet tables are counted to check the load is whole.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from rasd.document import Document
from rasd.scale import tables
from rasd.scale.errors import ScaleError
from rasd.scale.inputs import has_scheme
from rasd.store import open_store

BATCH_ROWS = 500


def load_parquet(directory: str, db_url: str, batch_size: int = 200) -> dict:
    """Ingest ``directory/documents`` into the store at ``db_url``; return what was done:
    documents read, stored / replaced / unchanged, the Parquet row counts of every table and
    the rows the loaded records hold (they must agree), and the time taken."""
    began = time.perf_counter()
    datasets = {table: _dataset(directory, table) for table in tables.TABLES}
    held = dict.fromkeys(("entities", "events", "places"), 0)
    with open_store(db_url) as store:
        stats = store.ingest(_documents(datasets["documents"], held), batch_size=batch_size)
    seconds = time.perf_counter() - began
    return {
        "documents": stats.total, "stored": stats.stored, "replaced": stats.replaced,
        "unchanged": stats.unchanged,
        "parquet_rows": {table: data.count_rows() for table, data in datasets.items()},
        "record_rows": held,
        "seconds": round(seconds, 2),
        "docs_per_second": round(stats.total / seconds, 1) if seconds else 0.0,
    }


def _dataset(directory: str, table: str):
    import pyarrow.dataset as ds
    from pyarrow import fs

    if has_scheme(str(directory)):
        filesystem, root = fs.FileSystem.from_uri(str(directory))
    else:
        filesystem, root = fs.LocalFileSystem(), str(Path(directory).resolve())
    path = f"{root.rstrip('/')}/{table}"
    info = filesystem.get_file_info(path)
    if info.type != fs.FileType.Directory:
        raise ScaleError(f"E603 {directory}: no {table}/ table; is it the --output of rasd spark?")
    return ds.dataset(path, filesystem=filesystem, format="parquet", partitioning="hive",
                      exclude_invalid_files=True)


def _documents(dataset, held: dict[str, int]) -> Iterator[Document]:
    for batch in dataset.to_batches(columns=["record"], batch_size=BATCH_ROWS):
        for record in batch.column(0).to_pylist():
            doc = Document.from_json(record)
            held["entities"] += len(doc.entities)
            held["events"] += len(doc.events)
            held["places"] += len(doc.places)
            yield doc
