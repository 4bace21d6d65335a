"""Benchmark helpers: the sample they code, the scaling figure, ingest on both engines.
(`bench_spark` itself starts Spark twice; it is run by `rasd bench`, not here.)"""

from __future__ import annotations

import gzip

import pytest

from rasd.scale.bench import _first_documents, _scaling, bench_ingest
from test_store import make_doc, pg_schema_url


def test_first_documents_takes_records_line_by_line_and_files_whole(tmp_path):
    records = tmp_path / "in" / "a.jsonl.gz"
    records.parent.mkdir()
    with gzip.open(records, "wt", encoding="utf-8") as fh:
        fh.write("".join(f'{{"doc_id": "d{i}", "text": "نص"}}\n\n' for i in range(5)))
    (tmp_path / "in" / "b.txt").write_text("عنوان\n\nنص", encoding="utf-8")
    sample = _first_documents([str(tmp_path / "in")], 6, tmp_path / "sample")
    lines = gzip.open(sample / "records.jsonl.gz", "rt", encoding="utf-8").read().splitlines()
    assert len(lines) == 5 and sorted(p.name for p in sample.iterdir()) == ["0000005_b.txt", "records.jsonl.gz"]
    small = _first_documents([str(tmp_path / "in")], 3, tmp_path / "small")
    assert len(gzip.open(small / "records.jsonl.gz", "rt").read().splitlines()) == 3
    assert [p.name for p in small.iterdir()] == ["records.jsonl.gz"]


def test_scaling_efficiency():
    runs = {1: {"job_s": 100.0}, 2: {"job_s": 62.5}}
    assert _scaling(runs) == {"speedup": 1.6, "scaling_efficiency": 0.8}
    assert _scaling({1: {"job_s": 1.0}}) == {}


def test_bench_ingest_measures_both_engines(tmp_path):
    docs = [make_doc(i) for i in range(30)]
    try:
        pg = pg_schema_url()
        pg_url = pg.__enter__()
    except pytest.skip.Exception:
        pg, pg_url = None, None
    try:
        figures = bench_ingest(docs, f"sqlite:///{tmp_path / 'b.db'}", pg_url)
    finally:
        if pg:
            pg.__exit__(None, None, None)
    assert figures["documents"] == 30 and figures["events"] == 60
    for name in ("sqlite",) + (("postgresql",) if pg_url else ()):
        assert figures[name]["stored"] == 30 and figures[name]["unchanged_on_rerun"] == 30
        assert figures[name]["ingest_docs_per_second"] > 0
    assert ("postgresql_vs_sqlite" in figures) == bool(pg_url)
