"""The Parquet tables of the Spark job: the store's row shapes (``rasd.store.rows``) plus a
``day`` partition column, so ``rasd load`` and any Spark SQL user read the same columns the
store has.

``day`` is the document's publication date (``YYYY-MM-DD``, null when unknown), the same for
all of a document's rows, so one day's partition holds whole documents.
"""

from __future__ import annotations

from rasd.document import Document
from rasd.store import rows, sql

TABLES = ("documents", "entities", "events", "places")
PARTITION_COLUMN = "day"
# Column types that are not text (the store's INTEGER / BIGINT / DOUBLE PRECISION columns).
_INT_COLUMNS = {"seq", "evidence_start", "evidence_end", "start", "end"}
_LONG_COLUMNS = {"geonames_id"}
_DOUBLE_COLUMNS = {"lat", "lon", "confidence"}


def columns(table: str) -> tuple[str, ...]:
    return sql.TABLE_COLUMNS[table] + (PARTITION_COLUMN,)


def spark_schema(table: str):
    """The Spark ``StructType`` of one table (pyspark imported here: only the job needs it)."""
    from pyspark.sql import types as T

    def field(name: str) -> "T.StructField":
        if name in _INT_COLUMNS:
            kind = T.IntegerType()
        elif name in _LONG_COLUMNS:
            kind = T.LongType()
        elif name in _DOUBLE_COLUMNS:
            kind = T.DoubleType()
        else:
            kind = T.StringType()
        return T.StructField(name, kind, nullable=True)

    return T.StructType([field(c) for c in columns(table)])


def day_of(doc: Document) -> str | None:
    return doc.published[:10] if doc.published and len(doc.published) >= 10 else None


def table_rows(doc: Document, ingested_at: str) -> list[tuple[str, tuple]]:
    """``(table, row)`` pairs for one coded document, rows in ``columns(table)`` order."""
    record = rows.record_json(doc)
    day = (day_of(doc),)
    pairs = [("documents", rows.document_row(doc, record, rows.record_hash(record), ingested_at) + day)]
    pairs += [("entities", row + day) for row in rows.entity_rows(doc)]
    pairs += [("events", _typed("events", row) + day) for row in rows.event_rows(doc)]
    pairs += [("places", _typed("places", row) + day) for row in rows.place_rows(doc)]
    return pairs


def _typed(table: str, row: tuple) -> tuple:
    # Spark refuses an int in a double column (a confidence of 1, a lat of 30): make floats.
    return tuple(float(v) if v is not None and c in _DOUBLE_COLUMNS else v
                 for c, v in zip(sql.TABLE_COLUMNS[table], row))
