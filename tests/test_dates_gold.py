"""rasd.dates against the dev gold: the date of each gold event from its sentence.

Each gold event's evidence is found in its article (SaudiNewsNet corpus, or the example text),
widened to its sentence, and ``date_for`` must give the gold date (None included) for at least
the pinned share of events. Needs ../shared beside the checkout.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from rasd.dates import date_for

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FLOOR = 0.62  # measured 116/175 = 0.663 on 2026-11 (gold dev as then)
SENTENCE_ENDS = ".\n!؟?"

pytestmark = pytest.mark.shared


def _gold() -> dict[str, dict]:
    return {d["doc_id"]: d for d in (json.loads(p.read_text(encoding="utf-8"))
                                     for p in sorted((SHARED / "gold" / "dev").glob("*.json")))}


def _texts(ids: set[str]) -> dict[str, str]:
    texts = {}
    with gzip.open(SHARED / "corpus" / "saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            if article["doc_id"] in ids:
                texts[article["doc_id"]] = article["title"] + "\n" + article["text"]
    for example in (SHARED / "examples").glob("*.txt"):
        texts.setdefault(example.stem, example.read_text(encoding="utf-8"))
    return texts


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in SENTENCE_ENDS) + 1
    rights = [i for i in (text.find(c, end) for c in SENTENCE_ENDS) if i >= 0]
    return left, min(rights, default=len(text))


def test_gold_event_dates() -> None:
    if not (SHARED / "gold" / "dev").is_dir() or not (SHARED / "corpus").is_dir():
        pytest.skip("../shared (gold/dev and corpus) is not beside the checkout")
    gold = _gold()
    texts = _texts(set(gold))
    right = total = 0
    for doc_id, doc in gold.items():
        text = texts.get(doc_id, "")
        for event in doc["events"]:
            at = text.find(event["evidence"])
            if at < 0:
                continue
            start, end = _sentence(text, at, at + len(event["evidence"]))
            total += 1
            right += date_for(text, start, end, doc["published"])[0] == event["date"]
    assert total > 50, "too few gold events found in their articles"
    assert right / total >= FLOOR, f"date accuracy {right}/{total} = {right / total:.3f} < {FLOOR}"
