"""Benchmarks of the scale-out paths, each measured in one run (for ``rasd bench``):

    bench_spark(inputs, docs=N)               the Spark job with 1 and 2 local workers
    bench_ingest(docs, sqlite_url, pg_url)    ingest into SQLite vs PostgreSQL

Figures are wall-clock seconds on this machine; Spark's session start (JVM, Python workers)
is timed apart from the job, so the scaling efficiency compares the work itself.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from rasd.document import Document
from rasd.scale.inputs import RECORD_SUFFIXES, input_uris
from rasd.store import open_store


def bench_spark(inputs: Iterable[str], docs: int = 1000, workers: tuple[int, ...] = (1, 2),
                partitions_per_worker: int = 4, keep_output: str | None = None) -> dict:
    """Code the first ``docs`` documents of ``inputs`` with ``local[w]`` for each ``w``;
    returns per-worker-count timings and the scaling efficiency of the largest count.
    ``keep_output``: write the last run's Parquet tables there instead of a temporary folder."""
    from rasd.scale.spark_job import run_spark_job, start_session

    with tempfile.TemporaryDirectory(prefix="rasd-bench-spark-") as tmp:
        sample = _first_documents(inputs, docs, Path(tmp) / "sample")
        runs = {}
        for count in workers:
            began = time.perf_counter()
            spark = start_session(f"local[{count}]")
            started = time.perf_counter() - began
            try:
                out = keep_output if keep_output and count == workers[-1] else str(Path(tmp) / f"out{count}")
                result = run_spark_job([str(sample)], out, spark=spark,
                                       partitions=count * partitions_per_worker)
            finally:
                spark.stop()
            runs[count] = _run_figures(result, started)
    return {"documents": docs, "runs": runs} | _scaling(runs)


def _run_figures(result: dict, started: float) -> dict:
    return {
        "session_start_s": round(started, 2), "job_s": result["seconds"],
        "docs_per_second": result["docs_per_second"], "documents": result["documents"],
        "events": result["events"], "skipped": result["skipped"],
    }


def _scaling(runs: dict[int, dict]) -> dict:
    if len(runs) < 2:
        return {}
    low, high = min(runs), max(runs)
    speedup = runs[low]["job_s"] / runs[high]["job_s"] if runs[high]["job_s"] else 0.0
    return {"speedup": round(speedup, 2), "scaling_efficiency": round(speedup * low / high, 2)}


def _first_documents(inputs: Iterable[str], limit: int, folder: Path) -> Path:
    """A folder with the first ``limit`` documents of local ``inputs``: JSON Lines records
    copied line by line (into one .jsonl.gz), any other file copied whole (one document)."""
    folder.mkdir(parents=True)
    taken = 0
    with gzip.open(folder / "records.jsonl.gz", "wb") as records:
        for uri in input_uris(inputs):
            if taken >= limit:
                break
            path = Path(uri.removeprefix("file://"))
            if _is_records(path):
                taken += _copy_lines(path, records, limit - taken)
            else:
                shutil.copy(path, folder / f"{taken:07d}_{path.name}")
                taken += 1
    return folder


def _is_records(path: Path) -> bool:
    return Path(path.name.lower().removesuffix(".gz")).suffix in RECORD_SUFFIXES


def _copy_lines(path: Path, out, limit: int) -> int:
    opener = gzip.open if path.read_bytes()[:2] == b"\x1f\x8b" else open
    copied = 0
    with opener(path, "rb") as fh:
        for line in fh:
            if copied >= limit:
                break
            if line.strip():
                out.write(line.rstrip(b"\r\n") + b"\n")
                copied += 1
    return copied


def bench_ingest(docs: Iterable[Document], sqlite_url: str, pg_url: str | None,
                 batch_size: int = 200) -> dict:
    """Ingest the same coded documents into each store (first removing any with the same
    ids, untimed), then once more (every document unchanged: the resume path); per store,
    seconds and documents per second of both."""
    docs = list(docs)
    figures = {"documents": len(docs), "events": sum(len(d.events) for d in docs)}
    for name, url in (("sqlite", sqlite_url), ("postgresql", pg_url)):
        if url:
            figures[name] = _time_ingest(docs, url, batch_size)
    if "sqlite" in figures and "postgresql" in figures:
        figures["postgresql_vs_sqlite"] = round(figures["sqlite"]["ingest_s"] / figures["postgresql"]["ingest_s"], 2)
    return figures


def _time_ingest(docs: list[Document], url: str, batch_size: int) -> dict:
    with open_store(url) as store:
        for doc in docs:
            store.delete_document(doc.doc_id)
        began = time.perf_counter()
        first = store.ingest(docs, batch_size=batch_size)
        ingest_s = time.perf_counter() - began
        began = time.perf_counter()
        again = store.ingest(docs, batch_size=batch_size)
        rerun_s = time.perf_counter() - began
    return {
        "ingest_s": round(ingest_s, 3), "ingest_docs_per_second": round(len(docs) / ingest_s, 1),
        "rerun_s": round(rerun_s, 3), "rerun_docs_per_second": round(len(docs) / rerun_s, 1),
        "stored": first.stored, "unchanged_on_rerun": again.unchanged,
    }
