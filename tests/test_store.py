"""The document store: round trip, replacement, idempotence, queries, errors, renderings.

Every test that takes ``db_url`` or ``store`` runs twice: on SQLite and on PostgreSQL (the
server named by ``RASD_TEST_PG_URL``, each test in a schema of its own; skipped with the
reason when the variable is unset or the server does not answer). ``scripts/ci-postgres.sh``
starts such a server and prints its URL.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sqlite3
import uuid
from urllib.parse import quote

import pytest

from rasd.document import ActorRef, Document, Entity, Event, Location, Place, Span
from rasd.errors import RasdError
from rasd.store import StoreError, open_store, render_document, render_events, sql

# -- synthetic documents ---------------------------------------------------------------------

HAFTAR = "المشير خليفة حفتر"
RUSSIA = "روسيا"
MISRATA = "مصراتة"


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span.of(text, start, start + len(part))


def _actor(code, name, entity=None, text=None):
    return ActorRef(code=code, name=name, entity=entity, text=text)


def make_doc(i: int, published: str | None = "2015-08-06", title: str | None = None) -> Document:
    """One article with two entities, two events and a place, every span slicing the text."""
    s1 = f"طالب {HAFTAR} {RUSSIA} بتقديم الدعم العسكري في {MISRATA} للمرة {i}."
    s2 = f" واتهمت مصر تنظيم داعش بتنفيذ الهجوم {i}."
    text = s1 + s2
    haftar = Entity("e1", "PER", "Khalifa Haftar", "خليفة حفتر", "LBY MIL",
                    mentions=[_span(text, "خليفة حفتر")])
    russia = Entity("e2", "GPE", "Russia", RUSSIA, "RUS None", kb_id="Q159",
                    mentions=[_span(text, RUSSIA)])
    request = Event(
        "v1", "REQUEST", _actor("LBY MIL", "Khalifa Haftar", "e1", HAFTAR),
        _actor("RUS None", "Russia", "e2", RUSSIA), cameo="023",
        location=Location("Misrata", MISRATA, 2214846, 32.37535, 15.09254, "LBY"),
        date="2015-08-05", date_precision="day",
        trigger=_span(text, "طالب"), evidence=Span.of(text, 0, len(s1)), confidence=0.87,
        rules=["lex:طالب"],
    )
    accuse = Event(
        "v2", "ACCUSE", _actor("EGY GOV", "Egypt"), _actor("None REB", "ISIS"),
        status="claimed", reported_by=_actor("EGY GOV", "Egypt"),
        trigger=_span(text, "واتهمت"), evidence=Span.of(text, len(s1) + 1, len(text)),
    )
    misrata = _span(text, MISRATA)
    place = Place(MISRATA, "Misrata", 2214846, 32.37535, 15.09254, "LBY",
                  misrata.start, misrata.end, feature="PPLA")
    doc = Document(
        doc_id=f"doc{i:05d}", text=text, title=title or f"خبر رقم {i}", source="synthetic",
        url=f"http://example.org/{i}", published=published, language="ar",
        sentences=[(0, len(s1)), (len(s1) + 1, len(text))],
        entities=[haftar, russia], events=[request, accuse], places=[place],
    )
    doc.check_spans()
    return doc


def assault_doc() -> Document:
    text = "نفت القوات الليبية أن مسلحين مجهولين هاجموا المدنيين في سرت."
    event = Event(
        "v1", "ASSAULT", _actor("None UAF", None), _actor("LBY CVL", "civilians"),
        status="denied", reported_by=_actor("LBY MIL", "Libyan forces"),
        date="2016-01-09", trigger=_span(text, "هاجموا"), evidence=Span.of(text, 0, len(text)),
    )
    return Document("assault", text, title="Sirte", published="2016-01-10", events=[event])


def undated_doc() -> Document:
    text = "استقبل الرئيس التركي وزير الخارجية الليبي."
    event = Event("v1", "CONSULT", _actor("TUR GOV", "Erdogan"), _actor("LBY GOV", "Libyan FM"),
                  trigger=_span(text, "استقبل"))
    return Document("undated", text, title="Ankara", published=None, events=[event])


@pytest.fixture
def docs() -> list[Document]:
    return [make_doc(1), make_doc(2, published="2015-09-01"), assault_doc(), undated_doc()]


# -- backends --------------------------------------------------------------------------------

PG_URL_VARIABLE = "RASD_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")
_pg_unreachable: list[str] = []  # the reason, once a first test found the server down


def pg_base_url() -> str:
    """The test server's URL, or skip the calling test saying why there is none."""
    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_URL_VARIABLE} (e.g. from scripts/ci-postgres.sh)")
    if _pg_unreachable:
        pytest.skip(_pg_unreachable[0])
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=5).close()
    except Exception as exc:  # noqa: BLE001 - any failure means: no server to test against
        _pg_unreachable.append(f"PostgreSQL at {PG_URL_VARIABLE} is unreachable: {exc}".strip())
        pytest.skip(_pg_unreachable[0])
    return url


@contextlib.contextmanager
def pg_schema_url():
    """A URL whose connections see only a fresh, empty schema (dropped afterwards)."""
    import psycopg

    base = pg_base_url()
    schema = f"rasd_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')  # a generated name, not user data
    joiner = "&" if "?" in base else "?"
    try:
        yield f"{base}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextlib.contextmanager
def backend_url(backend: str, tmp_path):
    """A URL of an empty store on ``backend`` for one test."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'rasd.db'}"
    else:
        with pg_schema_url() as url:
            yield url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    with backend_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'rasd.db'}"


@pytest.fixture(params=BACKENDS)
def store(request, docs, tmp_path):
    if request.param == "sqlite":
        url_cm = contextlib.nullcontext("sqlite:///:memory:")
    else:
        url_cm = pg_schema_url()
    with url_cm as url, open_store(url) as s:
        s.ingest(docs)
        yield s


def table_counts(url: str) -> dict[str, int]:
    with open_store(url) as s:
        counts = s.table_counts()
    return {t: counts[t] for t in sql.TABLE_COLUMNS}


def raw_rows(url: str, statement: str) -> list[tuple]:
    """A read-only query straight on the store's connection (tests only)."""
    with open_store(url) as s:
        return [tuple(row) for row in s._execute(statement).fetchall()]


# -- storing ---------------------------------------------------------------------------------

def test_round_trip_is_exact(store, docs):
    for doc in docs:
        back = store.get_document(doc.doc_id)
        assert back == doc
        assert back.to_dict() == doc.to_dict()
    assert store.get_document("no-such-doc") is None
    assert store.count_documents() == len(docs)


def test_rows_index_every_part(db_url, docs):
    with open_store(db_url) as s:
        stats = s.ingest(docs)
    assert (stats.stored, stats.replaced, stats.unchanged) == (4, 0, 0)
    assert table_counts(db_url) == {"documents": 4, "entities": 4, "events": 6, "places": 2}


def test_reingest_replaces_without_duplicates(db_url, docs):
    with open_store(db_url) as s:
        s.ingest(docs)
        changed = make_doc(1, title="عنوان جديد")
        changed.events = changed.events[:1]
        stats = s.ingest([changed])
        assert (stats.stored, stats.replaced, stats.unchanged) == (0, 1, 0)
        assert s.get_document(changed.doc_id) == changed
        assert s.count_documents() == 4
    counts = table_counts(db_url)
    assert counts["events"] == 5 and counts["entities"] == 4 and counts["places"] == 2


def test_same_content_is_unchanged(db_url, docs):
    with open_store(db_url) as s:
        s.ingest(docs)
        stamps = _ingested_at(db_url)
        stats = s.ingest(docs + [make_doc(3)])
    assert (stats.stored, stats.replaced, stats.unchanged) == (1, 0, 4)
    assert {k: v for k, v in _ingested_at(db_url).items() if k in stamps} == stamps
    assert table_counts(db_url)["events"] == 8


def _ingested_at(url: str) -> dict[str, str]:
    return dict(raw_rows(url, "SELECT doc_id, ingested_at FROM documents"))


def test_duplicate_ids_in_one_batch_keep_the_last(db_url):
    first, second = make_doc(7), make_doc(7, title="later")
    with open_store(db_url) as s:
        stats = s.ingest([first, second, first], batch_size=10)
        assert s.get_document("doc00007") == first
    assert (stats.stored, stats.replaced) == (1, 2)
    assert table_counts(db_url)["documents"] == 1


def test_bad_span_is_refused_before_storing(db_url):
    bad = make_doc(1)
    bad.places[0].start += 1
    with open_store(db_url) as s:
        with pytest.raises(RasdError, match="E103 doc00001"):
            s.ingest([make_doc(0), bad])
        assert s.count_documents() == 0


def test_failed_batch_rolls_back_only_itself(db_url, monkeypatch):
    from rasd.store import rows

    real = rows.place_rows

    def fail_on_doc_12(doc):
        if doc.doc_id == "doc00012":
            raise RuntimeError("disk on fire")
        return real(doc)

    monkeypatch.setattr(rows, "place_rows", fail_on_doc_12)
    with open_store(db_url) as s, pytest.raises(RuntimeError):
        s.ingest((make_doc(i) for i in range(20)), batch_size=5)
    counts = table_counts(db_url)
    assert counts["documents"] == 10 and counts["events"] == 20 and counts["places"] == 10


def test_schema_version(db_url):
    newest = sql.MIGRATIONS[-1][0]
    with open_store(db_url) as s:
        assert s.schema_version() == newest
    assert raw_rows(db_url, "SELECT COUNT(*) FROM schema_version") == [(len(sql.MIGRATIONS),)]
    with open_store(db_url) as s:  # reopening does not migrate again
        assert s.schema_version() == newest
    assert raw_rows(db_url, "SELECT COUNT(*) FROM schema_version") == [(len(sql.MIGRATIONS),)]


def test_sqlite_settings(sqlite_url):
    open_store(sqlite_url).close()
    conn = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_delete_cascades_to_rows(db_url, docs):
    with open_store(db_url) as s:
        s.ingest(docs)
        assert s.delete_document("doc00001") is True
        assert s.delete_document("doc00001") is False
        assert s.get_document("doc00001") is None
        assert {r["doc_id"] for r in s.query_events(actor="haftar")} == {"doc00002"}
    assert table_counts(db_url) == {"documents": 3, "entities": 2, "events": 4, "places": 1}


def test_newer_schema_is_refused(db_url):
    with open_store(db_url) as s:
        s._execute("INSERT INTO schema_version VALUES (99, 'future')")
    with pytest.raises(StoreError, match="E405"):
        open_store(db_url)


# -- opening ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "mysql://x", "rasd.db", "sqlite://rasd.db", "sqlite:///", "", "postgresq://x/y",
])
def test_bad_url_is_E401(url):
    with pytest.raises(RasdError, match="E401"):
        open_store(url)


def test_unreachable_postgres_is_E402_without_the_password():
    # Port 1 on the loopback: refused at once, no server needed.
    with pytest.raises(StoreError, match="E402") as caught:
        open_store("postgresql://rasd:s3cret@127.0.0.1:1/rasd")
    assert "s3cret" not in str(caught.value) and "127.0.0.1" in str(caught.value)


def test_relative_and_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///sub.db") as s:
        s.ingest([make_doc(1)])
    assert (tmp_path / "sub.db").exists()
    with open_store(f"sqlite:///{tmp_path / 'sub.db'}") as s:  # sqlite:////abs/path
        assert s.count_documents() == 1


def test_missing_directory_is_E402(tmp_path):
    with pytest.raises(StoreError, match="E402"):
        open_store(f"sqlite:///{tmp_path / 'nowhere' / 'x.db'}")


# -- queries ---------------------------------------------------------------------------------

def ids(rows) -> list[tuple[str, str]]:
    return [(r["doc_id"], r["event_id"]) for r in rows]


def test_all_events_ordered_by_date_then_doc(store):
    rows = store.query_events()
    assert ids(rows) == [
        ("doc00001", "v1"), ("doc00002", "v1"),  # 2015-08-05
        ("doc00001", "v2"),  # no date -> published 2015-08-06
        ("doc00002", "v2"),  # published 2015-09-01
        ("assault", "v1"),  # 2016-01-09
        ("undated", "v1"),  # no date at all: last
    ]
    first = rows[0]
    assert first["title"] == "خبر رقم 1" and first["url"] == "http://example.org/1"
    assert first["source_country"] == "LBY" and first["source_sector"] == "MIL"
    assert first["target_sector"] is None and first["lat"] == 32.37535
    assert first["evidence_start"] == 0 and first["trigger_text"] == "طالب"
    assert tuple(first) == sql.EVENT_ROW_COLUMNS


def test_filter_type(store):
    assert ids(store.query_events(type="assault")) == [("assault", "v1")]
    assert len(store.query_events(type="REQUEST")) == 2


def test_filter_actor_code_and_name_substring_case_insensitive(store):
    assert {r["type"] for r in store.query_events(actor="haft")} == {"REQUEST"}
    assert {r["doc_id"] for r in store.query_events(actor="lby")} == {"doc00001", "doc00002", "assault", "undated"}
    assert ids(store.query_events(actor="CIVILIANS")) == [("assault", "v1")]
    assert store.query_events(actor="nobody") == []


def test_filter_country_source_or_target(store):
    assert {r["type"] for r in store.query_events(country="rus")} == {"REQUEST"}
    assert {r["type"] for r in store.query_events(country="LBY")} == {"REQUEST", "ASSAULT", "CONSULT"}
    assert store.query_events(country="FRA") == []


def test_filter_since_until_fall_back_to_published(store):
    assert ids(store.query_events(since="2015-08-06", until="2015-08-06")) == [("doc00001", "v2")]
    assert {r["doc_id"] for r in store.query_events(since="2015-09")} == {"doc00002", "assault"}
    assert len(store.query_events(until="2015-08")) == 3  # all of August
    assert ids(store.query_events(since="2016")) == [("assault", "v1")]
    with pytest.raises(StoreError, match="E403"):
        store.query_events(since="last week")


def test_filter_status_and_combinations(store):
    assert ids(store.query_events(status="denied")) == [("assault", "v1")]
    assert len(store.query_events(status="claimed")) == 2
    assert ids(store.query_events(status="claimed", country="EGY", until="2015-08-31")) == [("doc00001", "v2")]


def test_limit_and_offset(store):
    everything = ids(store.query_events())
    assert ids(store.query_events(limit=2)) == everything[:2]
    assert ids(store.query_events(limit=2, offset=3)) == everything[3:5]
    assert ids(store.query_events(offset=4)) == everything[4:]
    with pytest.raises(StoreError, match="E403"):
        store.query_events(limit=-1)


@pytest.mark.parametrize("attack", [
    "x' OR '1'='1", "REQUEST'; DROP TABLE events; --", "%", "_", "\" OR 1=1 --", "!",
])
def test_injection_in_filters_is_harmless(store, attack):
    for field in ("type", "actor", "country", "status"):
        assert store.query_events(**{field: attack}) == []
    assert len(store.query_events()) == 6
    assert store.count_documents() == 4


# -- rendering -------------------------------------------------------------------------------

def test_csv_has_header_and_round_trips(store):
    rows = store.query_events()
    out = io.StringIO()
    render_events(rows, "csv", out)
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(parsed[0]) == list(sql.EVENT_ROW_COLUMNS)
    assert [(p["doc_id"], p["event_id"]) for p in parsed] == ids(rows)
    assert parsed[0]["source_code"] == "LBY MIL" and parsed[0]["evidence_text"] == rows[0]["evidence_text"]


def test_csv_of_nothing_is_just_the_header():
    out = io.StringIO()
    render_events([], "csv", out)
    assert out.getvalue() == ",".join(sql.EVENT_ROW_COLUMNS) + "\n"


def test_json_lines(store):
    rows = store.query_events()
    out = io.StringIO()
    render_events(rows, "json", out)
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == rows
    assert "طالب" in lines[0]  # Arabic stays readable, not \\u escapes


def test_table(store):
    out = io.StringIO()
    render_events(store.query_events(), "table", out)
    text = out.getvalue()
    assert "doc00001" in text and "ASSAULT" in text and "LBY MIL" in text and "6 event(s)" in text


def test_unknown_format_is_E404():
    with pytest.raises(StoreError, match="E404"):
        render_events([], "xml", io.StringIO())


def test_render_document(store):
    shown = render_document(store.get_document("doc00001"))
    for part in ("doc00001", "خبر رقم 1", "2015-08-06", "synthetic", "LBY MIL", "RUS None",
                 "Khalifa Haftar", "REQUEST", "ACCUSE", "claimed", "reported by: EGY GOV (Egypt)",
                 "evidence: طالب", "Misrata", "geonames:2214846", "Entities (2)", "Places (1)"):
        assert part in shown, part
