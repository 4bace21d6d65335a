"""Throughput benchmark: the whole pipeline on one worker, per stage, against a plain pass.

Timings are only meaningful as ratios measured in one run on one machine: the baseline
(read + sentence split + tokenise) and the full pipeline run over the same documents, in
the same process, one after the other. Throughput is CPU time of the process (one worker's
real cost, even on a machine busy with other work); wall-clock time is reported beside it.
"""

from __future__ import annotations

import itertools
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

from rasd.document import Document
from rasd.pipeline import Pipeline, default_pipeline
from rasd.read import read_inputs
from rasd.text import segment

DEFAULT_CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


@dataclass
class BenchResult:
    documents: int
    characters: int
    baseline_seconds: float
    pipeline_seconds: float
    load_seconds: float
    pipeline_wall_seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.pipeline_seconds if self.pipeline_seconds else 0.0

    @property
    def baseline_docs_per_second(self) -> float:
        return self.documents / self.baseline_seconds if self.baseline_seconds else 0.0

    def report(self) -> str:
        lines = [
            f"documents          {self.documents} ({self.characters / max(1, self.documents):.0f} characters each on average)",
            f"resources loaded   {self.load_seconds:.2f} s (once per process)",
            f"baseline           {self.baseline_docs_per_second:,.1f} documents/s (read, split sentences, tokenise)",
            f"pipeline           {self.docs_per_second:,.1f} documents/s on one worker "
            f"(CPU time; {self.documents / max(self.pipeline_wall_seconds, 1e-9):,.1f} by the wall clock)",
            f"ratio              {self.pipeline_seconds / max(self.baseline_seconds, 1e-9):.1f}x the baseline's time",
            f"peak memory        {self.peak_rss_mb:.0f} MB (resident)",
            "stages             share of pipeline time, documents/s of the stage alone",
        ]
        total = sum(self.stage_seconds.values()) or 1e-9
        for name, secs in self.stage_seconds.items():
            rate = self.documents / secs if secs else float("inf")
            lines.append(f"  {name:16} {100 * secs / total:5.1f}%  {rate:,.0f} documents/s")
        return "\n".join(lines)


def load_documents(paths: list[str], limit: int) -> list[Document]:
    docs = (d for d in read_inputs(paths) if isinstance(d, Document) and d.text)
    return list(itertools.islice(docs, limit))


def run_bench(paths: list[str], limit: int = 3000, pipeline: Pipeline | None = None) -> BenchResult:
    clock = time.process_time
    began = clock()
    docs = load_documents(paths, limit)
    read_seconds = clock() - began
    began = clock()
    for doc in docs:
        segment(_copy(doc))
    baseline = read_seconds + clock() - began
    began = clock()
    pipeline = (pipeline or default_pipeline()).load()
    load_seconds = clock() - began
    pipeline.timings.clear()
    began, began_wall = clock(), time.perf_counter()
    for doc in docs:
        pipeline(_copy(doc))
    coded = read_seconds + clock() - began
    return BenchResult(
        documents=len(docs), characters=sum(len(d.text) for d in docs), baseline_seconds=baseline,
        pipeline_seconds=coded, load_seconds=load_seconds, stage_seconds=dict(pipeline.timings),
        pipeline_wall_seconds=time.perf_counter() - began_wall,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def _copy(doc: Document) -> Document:
    return Document(doc_id=doc.doc_id, text=doc.text, title=doc.title, published=doc.published, language=doc.language)
