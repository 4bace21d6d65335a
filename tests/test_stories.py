"""Cross-article merging: MinHash near-duplicates on planted copies, story events from
hand-made groups of articles, different events kept apart, on records and in both stores."""

from __future__ import annotations

import gzip
import json
import random
import re
from itertools import islice

import pytest

from conftest import CORPUS, ROOT
from rasd.document import ActorRef, Document, Event, Location, Span
from rasd.scale.minhash import MinHasher, near_duplicate_pairs, shingle_hashes, similarity
from rasd.scale.stories import build_stories, find_duplicates, merge_documents, merge_events, merge_rows
from rasd.store import open_store
from test_store import BACKENDS, backend_url

SAMPLES = ROOT / "src" / "rasd" / "data" / "samples"


# -- MinHash ---------------------------------------------------------------------------------

def test_minhash_estimates_jaccard():
    hasher = MinHasher(num_perm=256)
    words = [f"w{i}" for i in range(400)]
    a = " ".join(words[:300])
    b = " ".join(words[100:400])  # 3-grams: 198 shared of 398 -> J ~ 0.50
    sa, sb = (shingle_hashes(t) for t in (a, b))
    exact = len(set(sa) & set(sb)) / len(set(sa) | set(sb))
    assert abs(similarity(hasher.signature(sa), hasher.signature(sb)) - exact) < 0.08
    assert similarity(hasher.signature(sa), hasher.signature(sa)) == 1.0


def test_signatures_do_not_depend_on_the_process():
    # crc32 rather than hash(): fixed values, whatever PYTHONHASHSEED is.
    sig = MinHasher().signature(shingle_hashes("قصف التحالف مواقع الحوثيين في عدن"))
    assert sig[:3].tolist() == MinHasher().signature(shingle_hashes("قصف التحالف مواقع الحوثيين في عدن"))[:3].tolist()
    assert shingle_hashes("أحمد قال إن").tolist() == shingle_hashes("احمد قال ان").tolist()  # normalised


def test_empty_text_has_no_signature():
    assert MinHasher().signature(shingle_hashes("  ... ")) is None


# -- near-duplicates on planted copies -------------------------------------------------------

def corpus_articles(n: int) -> list[dict]:
    if not CORPUS.exists():
        pytest.skip(f"needs {CORPUS} (the ../shared corpus), which is absent")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in islice(fh, n)]
    return [{"doc_id": r["doc_id"], "published": r["date"], "text": f"{r['title']}\n\n{r['text']}"} for r in rows]


def edit(text: str, rng: random.Random, changes: int = 5) -> str:
    """A syndicated copy: another headline, a few words changed, the agency's tag added."""
    words = text.split("\n\n", 1)[-1].split(" ")
    for _ in range(changes):
        words[rng.randrange(len(words))] = rng.choice(["وقال", "أمس", "المصدر", "كذلك"])
    return "عنوان آخر للخبر نفسه\n\n" + " ".join(words) + "\n\n(واس)"


def exact_jaccard(a: str, b: str) -> float:
    sa, sb = set(shingle_hashes(a).tolist()), set(shingle_hashes(b).tolist())
    return len(sa & sb) / len(sa | sb)


def test_planted_copies_are_found_and_other_articles_are_not():
    articles = [a for a in corpus_articles(300) if len(a["text"].split()) > 150][:120]
    rng = random.Random(7)
    originals = rng.sample(articles, 4)
    copies = [{"doc_id": f"copy_{i}", "published": "2099-01-01", "text": edit(o["text"], rng)}
              for i, o in enumerate(originals)]
    rows, signed = find_duplicates(articles + copies)
    assert signed == len(articles) + len(copies)
    found = {(d, of) for d, of, _ in rows}
    for i, original in enumerate(originals):
        assert (f"copy_{i}", original["doc_id"]) in found  # the earlier article is the original
    texts = {a["doc_id"]: a["text"] for a in articles + copies}
    others = [(d, of) for d, of in found if not d.startswith("copy_")]
    # Whatever else is linked is a real copy in the corpus, not a different article.
    assert all(exact_jaccard(texts[d], texts[of]) >= 0.5 for d, of in others), others


def test_samples_are_not_duplicates_of_each_other_but_a_copy_is():
    texts = [{"doc_id": p.stem, "published": "2015-08-01", "text": p.read_text(encoding="utf-8")}
             for p in sorted(SAMPLES.glob("*.txt"))]
    assert find_duplicates(texts)[0] == []
    copy = {"doc_id": "zz_copy", "published": "2015-08-02",
            "text": re.sub(r"^[^\n]*", "عنوان مختلف", texts[0]["text"])}
    rows, _ = find_duplicates(texts + [copy])
    assert [(d, of) for d, of, _ in rows] == [("zz_copy", texts[0]["doc_id"])]
    assert rows[0][2] > 0.8


def test_pairs_below_the_threshold_are_dropped():
    a = " ".join(f"w{i}" for i in range(200))
    b = " ".join(f"w{i}" for i in range(100, 300))
    pairs, _ = near_duplicate_pairs([("a", a), ("b", b)], threshold=0.9)
    assert pairs == []


# -- story merging ---------------------------------------------------------------------------

ADEN = Location("Aden", "عدن", 415189, 12.77957, 45.03852, "YEM")
TAIZ = Location("Taizz", "تعز", 70225, 13.57952, 44.02091, "YEM")
COALITION = ActorRef("SAU MIL", "Saudi-led coalition")
HOUTHIS = ActorRef("YEM REB", "Houthis")


SAY = "قصفت طائرات التحالف مواقع الحوثيين في المدينة صباح اليوم وقال مصدر محلي إن القصف استمر ساعات"


def report(doc_id: str, outlet: str | None, published: str, *events: dict, tag: str | None = None) -> Document:
    """One article: a sentence per event, each event's evidence its sentence; the text has
    ``tag`` (else the id) in it, so different articles have different texts."""
    own = " ".join(f"{tag or doc_id}{k}" for k in range(20))  # words no other article has
    sentences = [f"{SAY} {own} {i}." for i, e in enumerate(events)]
    text = " ".join(sentences)
    doc = Document(doc_id, text, title=doc_id, source=outlet, published=published, language="ar")
    start = 0
    for i, (sentence, spec) in enumerate(zip(sentences, events)):
        evidence = Span.of(text, start, start + len(sentence))
        doc.events.append(Event(
            f"v{i + 1}", spec.get("type", "ASSAULT"), spec.get("source", COALITION),
            spec.get("target", HOUTHIS), status=spec.get("status", "asserted"),
            location=spec.get("location", ADEN), date=spec.get("date"), evidence=evidence,
            trigger=Span.of(text, start, start + 3)))
        doc.sentences.append((evidence.start, evidence.end))
        start += len(sentence) + 1
    doc.check_spans()
    return doc


def one_event_told_four_times() -> list[Document]:
    """Four articles, three outlets, one coalition strike on Aden on 2015-08-05."""
    return [
        report("a1", "alriyadh", "2015-08-05T09:00", {"date": "2015-08-05"}),
        report("a2", "okaz", "2015-08-06", {"date": "2015-08-05"}),
        report("a3", "okaz", "2015-08-06", {}),  # no event date: its publication day, in the window
        report("a4", "aawsat", "2015-08-05", {"date": "2015-08-05"}, {"date": "2015-08-05"}),  # told twice
    ]


def test_reports_of_one_event_become_one_story():
    _, stories = merge_documents(one_event_told_four_times())
    assert len(stories) == 1
    row = dict(zip(("story_id", "type", "source_code", "source_country", "target_code",
                    "target_country", "location", "location_country", "lat", "lon", "date",
                    "num_articles", "num_sources", "num_events", "first_seen", "last_seen"),
                   stories[0].row()))
    assert (row["num_articles"], row["num_sources"], row["num_events"]) == (4, 3, 5)
    assert (row["type"], row["source_code"], row["target_code"], row["location"]) == ("ASSAULT", "SAU MIL", "YEM REB", "Aden")
    assert (row["source_country"], row["target_country"], row["date"]) == ("SAU", "YEM", "2015-08-05")
    assert (row["first_seen"], row["last_seen"]) == ("2015-08-05", "2015-08-06")


def test_different_events_on_the_same_day_stay_apart():
    docs = one_event_told_four_times() + [
        report("b1", "okaz", "2015-08-05", {"date": "2015-08-05", "source": HOUTHIS, "target": COALITION}),  # roles reversed
        report("b2", "alyaum", "2015-08-05", {"date": "2015-08-05", "location": TAIZ}),  # another city
        report("b3", "alyaum", "2015-08-05", {"date": "2015-08-05", "type": "COERCE"}),  # another type
        report("b4", "sabq", "2015-08-05", {"date": "2015-08-05", "location": None}),  # no place vs Aden
        report("b5", "sabq", "2015-08-05", {"date": "2015-08-05", "location": None}),  # ... and another
    ]
    _, stories = merge_documents(docs)
    by_docs = sorted(sorted({m["doc_id"] for m in s.members}) for s in stories)
    assert by_docs == [["a1", "a2", "a3", "a4"], ["b1"], ["b2"], ["b3"], ["b4", "b5"]]


def test_window_and_status_and_vague_events():
    docs = [
        report("c1", "okaz", "2015-08-01", {"date": "2015-08-01"}),
        report("c2", "okaz", "2015-08-02", {"date": "2015-08-02"}),  # within a day of c1
        report("c3", "okaz", "2015-08-03", {"date": "2015-08-03"}),  # two days after c1: new story
        report("c4", "okaz", "2015-08-01", {"date": "2015-08-01", "status": "hypothetical"}),
        report("c5", "okaz", "2015-08-01", {"date": "2015-08-01", "source": None, "target": None}),
        report("c6", "okaz", "2015-08-01", {"date": "2015-08-01", "source": None, "target": None}),
        # One actor and nothing else: too little to tell two such reports are one event.
        report("c7", "okaz", "2015-08-01", {"date": "2015-08-01", "target": None, "location": None}),
        report("c8", "okaz", "2015-08-01", {"date": "2015-08-01", "target": None, "location": None}),
        # One actor and a place is enough (a bombing in a city, its perpetrator unknown).
        report("c9", "okaz", "2015-08-01", {"date": "2015-08-01", "source": None}),
        report("c10", "sabq", "2015-08-01", {"date": "2015-08-01", "source": None}),
    ]
    events = [e for d in docs for e in merge_rows(d)]
    groups = sorted(sorted(m["doc_id"] for m in s.members) for s in merge_events(events))
    assert groups == [["c1", "c2"], ["c10", "c9"], ["c3"], ["c4"], ["c5"], ["c6"], ["c7"], ["c8"]]
    wide = merge_events(events, window_days=2)
    assert sorted(sorted(m["doc_id"] for m in s.members) for s in wide)[0] == ["c1", "c2", "c3"]


def test_an_outlet_less_article_counts_as_its_own_source():
    docs = [report("d1", None, "2015-08-05", {"date": "2015-08-05"}),
            report("d2", None, "2015-08-05", {"date": "2015-08-05"}),
            report("d3", "okaz", "2015-08-05", {"date": "2015-08-05"})]
    _, stories = merge_documents(docs)
    assert len(stories) == 1 and stories[0].row()[12] == 3  # num_sources


@pytest.mark.parametrize("backend", BACKENDS)
def test_build_and_query_stories_in_the_store(backend, tmp_path):
    docs = one_event_told_four_times() + [
        report("b1", "okaz", "2015-08-05", {"date": "2015-08-05", "source": HOUTHIS, "target": COALITION}),
    ]
    copy = report("a1copy", "alweeam", "2015-08-07", {"date": "2015-08-05"}, tag="a1")  # a1's words
    with backend_url(backend, tmp_path) as url, open_store(url) as store:
        store.ingest(docs + [copy])
        summary = build_stories(store)
        assert summary["stories"] == 2 and summary["multi_article_stories"] == 1
        assert summary["duplicates"] == 1 and store.duplicates_of("a1copy")[0]["duplicate_of"] == "a1"
        stories = store.query_stories()
        assert [(s["num_articles"], s["num_sources"]) for s in stories] == [(5, 4), (1, 1)]
        big = stories[0]
        assert [e["doc_id"] for e in big["events"]] == ["a4", "a4", "a1", "a2", "a3", "a1copy"]  # by published
        assert all(e["evidence_text"] and e["title"] for e in big["events"])
        assert [s["story_id"] for s in store.query_stories(min_sources=2)] == [big["story_id"]]
        assert store.query_stories(country="SAU", type="assault", since="2015-08", with_events=False)[0]["story_id"] == big["story_id"]
        assert store.query_stories(since="2015-09") == []
        again = build_stories(store)  # a rebuild replaces, never adds
        assert again["stories"] == 2 and store.table_counts()["story_events"] == 7
        assert store.query_stories()[0]["story_id"] == big["story_id"]  # ids are stable


def test_stories_export_as_csv_and_json(tmp_path):
    import csv
    import io

    from rasd.store import render_stories

    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.ingest(one_event_told_four_times())
        build_stories(store)
        stories = store.query_stories()
    out = io.StringIO()
    render_stories(stories, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["num_articles"], r["num_sources"], r["doc_ids"]) for r in rows] == [("4", "3", "a1|a2|a3|a4")]
    out = io.StringIO()
    render_stories(stories, "json", out)
    back = json.loads(out.getvalue())
    assert len(back["events"]) == 5 and back["events"][0]["evidence_text"].startswith("قصفت")
    out = io.StringIO()
    render_stories(stories, "table", out)
    assert "1 story event(s)" in out.getvalue()
