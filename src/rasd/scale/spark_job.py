"""``rasd spark``: the pipeline as a PySpark job, writing Parquet tables partitioned by day.

    files (binaryFiles) -> documents (rasd.read's parsers) -> repartition
        -> mapPartitions(code with the executor's pipeline) -> documents/entities/events/places

The pipeline is ``rasd.pipeline.default_pipeline``, the one ``rasd extract`` runs, loaded once
per executor process: a module-level cache here, filled by the first partition a Python worker
codes (Spark reuses its Python workers across tasks). The job runs where this package is
importable by the executors' Python: locally that is this interpreter; on a cluster install
Rasd on the nodes (or ship it with ``--py-files``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from rasd.document import Document
from rasd.pipeline import Pipeline, default_pipeline
from rasd.read import DEFAULT_MAX_BYTES
from rasd.run import code_one
from rasd.scale import tables
from rasd.scale.errors import ScaleError
from rasd.scale.inputs import documents_from_bytes, has_scheme, input_uris

ERROR = "error"
MAX_REPORTED_ERRORS = 1000
_WORKER_PIPELINE: Pipeline | None = None


# -- executor side ---------------------------------------------------------------------------

def worker_pipeline() -> Pipeline:
    """This process's loaded pipeline: resources load on first use, once per executor."""
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        _WORKER_PIPELINE = default_pipeline().load()
    return _WORKER_PIPELINE


def read_file(item: tuple[str, bytes], max_bytes: int) -> Iterator[Document | tuple[str, str]]:
    """Documents of one ``(uri, bytes)`` pair; a bad one as ``("error", "FILE:LINE: reason")``.

    Errors travel as text: an ``InputError`` does not survive pickling between processes.
    """
    uri, data = item
    for doc in documents_from_bytes(uri, bytes(data), max_bytes):
        yield doc if isinstance(doc, Document) else (ERROR, str(doc))


def code_partition(items: Iterable[Document | tuple[str, str]],
                   ingested_at: str) -> Iterator[tuple[str, tuple]]:
    """``(table, row)`` for every coded document of one partition, ``(error, (report,))`` else."""
    pipeline = worker_pipeline()
    for item in items:
        if not isinstance(item, Document):
            yield ERROR, (item[1],)
            continue
        coded = code_one(pipeline, item)
        if isinstance(coded, Document):
            yield from tables.table_rows(coded, ingested_at)
        else:
            yield ERROR, (str(coded),)


# -- driver side -----------------------------------------------------------------------------

def run_spark_job(inputs: Iterable[str], output: str, master: str = "local[*]", *,
                  partitions: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  spark=None, conf: dict[str, str] | None = None) -> dict:
    """Code ``inputs`` (local paths or Hadoop URIs; JSON/JSON Lines/text/HTML, gzip or not) on
    Spark and write ``output/{documents,entities,events,places}`` as Parquet partitioned by
    ``day``. Uses ``spark`` (a SparkSession) when given, else starts one on ``master`` and
    stops it at the end. Returns the counts, the skipped inputs' reports and the timing."""
    began = time.perf_counter()
    uris = input_uris(inputs)
    own_session = spark is None
    spark = spark or start_session(master, conf)
    try:
        result = _run(spark, uris, _spark_path(output), partitions, max_bytes)
    finally:
        if own_session:
            spark.stop()
    result["seconds"] = round(time.perf_counter() - began, 2)
    result["docs_per_second"] = round(result["documents"] / result["seconds"], 2) if result["seconds"] else 0.0
    result |= {"master": master if own_session else spark.sparkContext.master, "output": str(output)}
    return result


def start_session(master: str = "local[*]", conf: dict[str, str] | None = None, app_name: str = "rasd"):
    """A SparkSession on ``master``; local workers run this very interpreter."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ScaleError("E601 rasd spark needs pyspark (pip install pyspark) and Java 17+") from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName(app_name)
    settings = {
        "spark.ui.showConsoleProgress": "false",
        "spark.ui.enabled": "false",
        "spark.sql.session.timeZone": "UTC",
        # Directories given as Hadoop URIs are read recursively, like local ones.
        "spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive": "true",
        "spark.driver.memory": "2g",
    } | (conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - Java missing, a bad master URL: say which
        raise ScaleError(f"E601 cannot start Spark on {master!r}: {exc}") from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _spark_path(output: str) -> str:
    text = str(output)
    return text if has_scheme(text) else "file://" + str(Path(text).resolve())


def _run(spark, uris: list[str], output: str, partitions: int | None, max_bytes: int) -> dict:
    from pyspark import StorageLevel

    sc = spark.sparkContext
    n_parts = partitions or max(sc.defaultParallelism * 4, 1)
    ingested_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    files = sc.binaryFiles(",".join(uris), minPartitions=min(len(uris), n_parts))
    docs = files.flatMap(partial(read_file, max_bytes=max_bytes)).repartition(n_parts)
    coded = docs.mapPartitions(partial(code_partition, ingested_at=ingested_at))
    coded.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = dict(coded.map(lambda pair: pair[0]).countByValue())
        errors = coded.filter(lambda pair: pair[0] == ERROR).map(lambda pair: pair[1][0]).take(MAX_REPORTED_ERRORS)
        for table in tables.TABLES:
            _write_table(spark, coded, table, f"{output.rstrip('/')}/{table}")
    finally:
        coded.unpersist()
    result = {table: counts.get(table, 0) for table in tables.TABLES}
    return result | {"skipped": counts.get(ERROR, 0), "errors": sorted(errors),
                     "inputs": len(uris), "partitions": n_parts}


def _write_table(spark, coded, table: str, path: str) -> None:
    rows = coded.filter(lambda pair, t=table: pair[0] == t).map(lambda pair: pair[1])
    frame = spark.createDataFrame(rows, tables.spark_schema(table))
    # One file per day and table: few, large files are what Parquet readers want.
    (frame.repartition(tables.PARTITION_COLUMN).write.mode("overwrite")
     .partitionBy(tables.PARTITION_COLUMN).parquet(path))
