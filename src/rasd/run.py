"""Running the pipeline over inputs: reading, coding, reporting bad input, counting.

A bad document is reported on stderr as ``FILE:LINE: reason`` and skipped; the run goes on.
With ``workers > 1`` documents are coded in a process pool (each worker loads resources
once) and come back in input order, so output is the same whatever the worker count.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rasd.document import Document
from rasd.errors import InputError
from rasd.pipeline import Pipeline, default_pipeline
from rasd.read import ReadOptions, read_inputs


@dataclass
class RunStats:
    processed: int = 0
    skipped: int = 0
    empty: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        empty = f" ({self.empty} empty, kept uncoded)" if self.empty else ""
        return (f"processed {self.processed} documents{empty}, skipped {self.skipped} "
                f"in {self.seconds:.1f}s ({self.docs_per_second:.1f} documents/s)")


_WORKER_PIPELINE: Pipeline | None = None


def _init_worker() -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = default_pipeline().load()


def code_one(pipeline: Pipeline, doc: Document) -> Document | InputError:
    """Code one document; a failure inside a stage becomes a report, never a crash of the run."""
    try:
        return pipeline(doc)
    except Exception as exc:  # noqa: BLE001 - reported with its place and skipped, by design
        return InputError(doc.origin or doc.doc_id, f"E003 pipeline failed: {type(exc).__name__}: {exc}")


def code_documents(inputs: Iterable[Document | InputError], workers: int = 1,
                   pipeline: Pipeline | None = None) -> Iterator[Document | InputError]:
    if workers <= 1:
        pipeline = (pipeline or default_pipeline()).load()
        for item in inputs:
            yield item if isinstance(item, InputError) else code_one(pipeline, item)
        return
    ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        yield from pool.imap(_pass_errors, inputs, chunksize=8)


def _pass_errors(item: Document | InputError) -> Document | InputError:
    """In a worker: a read error passes through, a document is coded by the worker's pipeline."""
    return item if isinstance(item, InputError) else code_one(_WORKER_PIPELINE, item)


class RunJob:
    """One run over some inputs: iterate it for documents, read ``stats`` afterwards."""

    def __init__(self, paths: Iterable[str], *, workers: int = 1, read_options: ReadOptions | None = None,
                 report: Callable[[str], None] | None = None, pipeline: Pipeline | None = None,
                 keep: Callable[[Document], bool] | None = None):
        self.paths = list(paths)
        self.workers = workers
        self.read_options = read_options or ReadOptions()
        self.report = report or (lambda line: print(line, file=sys.stderr, flush=True))
        self.pipeline = pipeline
        self.stats = RunStats()
        # Which read documents to code at all (e.g. only those a gold set has); None: all.
        self.keep = keep

    def __iter__(self) -> Iterator[Document]:
        began = time.perf_counter()
        inputs = read_inputs(self.paths, self.read_options)
        if self.keep is not None:
            inputs = (d for d in inputs if isinstance(d, InputError) or self.keep(d))
        for item in code_documents(inputs, self.workers, self.pipeline):
            if isinstance(item, InputError):
                self.stats.skipped += 1
                self.stats.errors.append(str(item))
                self.report(str(item))
                continue
            self.stats.processed += 1
            if not item.text:
                self.stats.empty += 1
                self.report(f"{item.origin}: W210 empty article: kept as an uncoded record")
            self.stats.seconds = time.perf_counter() - began
            yield item
        self.stats.seconds = time.perf_counter() - began
