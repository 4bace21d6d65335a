"""Quality gate: the pipeline on ../shared/gold/dev must stay at or above the pinned floors.

Floors are in eval_floors.json with the digest of the gold they were pinned on; raise them
with `rasd eval ../shared/gold/dev ../shared/corpus/saudinewsnet.jsonl.gz ../shared/examples
--pin tests/eval_floors.json` after an improvement. They are never lowered silently.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from conftest import CORPUS, GOLD_DEV, SHARED, need_shared
from rasd.evaluate.gate import below_floors, gold_digest
from rasd.evaluate.score import load_gold, score_records
from rasd.read import read_inputs
from rasd.run import code_documents

FLOORS = Path(__file__).with_name("eval_floors.json")


@pytest.fixture(scope="module")
def dev_result():
    need_shared(GOLD_DEV, CORPUS)
    gold = load_gold(GOLD_DEV)
    wanted = {g["doc_id"] for g in gold}
    docs = (d for d in read_inputs([CORPUS, SHARED / "examples"]) if getattr(d, "doc_id", None) in wanted)
    records = {d.doc_id: d.to_dict() for d in code_documents(docs)}
    assert set(records) == wanted, f"gold documents not found in the inputs: {sorted(wanted - set(records))}"
    return score_records(gold, records)


def test_dev_scores_at_or_above_floors(dev_result):
    pinned = json.loads(FLOORS.read_text())
    if pinned["gold_sha256"] != gold_digest(GOLD_DEV):
        warnings.warn("the dev gold changed since the floors were pinned; re-pin them with rasd eval --pin")
    failures = below_floors(dev_result, pinned["floors"])
    assert not failures, "dev scores fell below the pinned floors:\n" + "\n".join(failures)


def test_floors_file_names_every_gated_figure():
    from rasd.evaluate.gate import GATED

    pinned = json.loads(FLOORS.read_text())
    assert set(pinned["floors"]) == set(GATED) and len(pinned["gold_sha256"]) == 64
