"""rasd's scorer prints exactly the figures of ../shared/tools/score.py (which stays the referee)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import GOLD_DEV, SHARED, need_shared
from rasd.evaluate.score import format_scores, load_gold, score_records

SCORE_PY = SHARED / "tools" / "score.py"


def test_same_figures_as_score_py_on_made_up_predictions(tmp_path):
    need_shared(GOLD_DEV, SCORE_PY)
    gold = load_gold(GOLD_DEV)
    # Predictions built from the gold itself, then damaged: some events dropped, some codes
    # changed, entities and places thinned, so every figure is exercised away from 1.0.
    records = {}
    for n, g in enumerate(gold):
        events = [dict(e, evidence={"text": e["evidence"]}) for i, e in enumerate(g["events"]) if (i + n) % 3]
        for i, e in enumerate(events):
            if i % 4 == 0 and e.get("target"):
                e["target"] = {"code": "XXX GOV"}
        entities = [{"type": e["type"], "mentions": [{"text": f} for f in e["forms"]]} for e in g["entities"][::2]]
        places = [dict(p, lat=(p["lat"] + 0.3 * (i % 2)) if p.get("lat") is not None else None)
                  for i, p in enumerate(g.get("places", []))]
        records[g["doc_id"]] = {"doc_id": g["doc_id"], "entities": entities, "events": events, "places": places}
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values()), encoding="utf-8")
    referee = subprocess.run([sys.executable, str(SCORE_PY), str(GOLD_DEV), str(pred)], capture_output=True, text=True)
    assert referee.returncode == 0, referee.stderr
    assert format_scores(score_records(gold, records)).strip() == referee.stdout.strip()
