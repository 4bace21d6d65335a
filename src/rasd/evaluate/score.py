"""Scoring document records against gold files, by the rules of ../shared/tools/score.py.

That script stays the referee; this module computes the same figures inside Rasd so that
``rasd eval`` and the quality gate need no copy of ../shared at run time. A test checks the
two agree on the same predictions.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_PUNCT = re.compile(r"[\"'«»“”‘’{}()\[\].,،:;!؟?\-–—_/\\|<>]")
SCORED_STATUSES = {"asserted", "claimed", "denied"}
UNORDERED_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
PLACE_TOLERANCE_KM = 50


def gold_form(form: str | None) -> str:
    """The scorer's key for a surface form: no marks or punctuation, unified letters, no leading و/ال."""
    s = _PUNCT.sub(" ", _MARKS.sub("", form or ""))
    s = re.sub("[إأآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    words = s.split()
    if words and len(words[0]) > 3 and words[0][0] in "وفبل" and words[0][1:3] == "ال":
        words[0] = words[0][1:]
    if words and len(words[0]) > 4 and words[0].startswith("ال"):
        words[0] = words[0][2:]
    return " ".join(words)


def _code_half(actor: dict | None, i: int) -> str | None:
    if not actor or not actor.get("code"):
        return None
    parts = str(actor["code"]).split()
    half = parts[i] if len(parts) > i else "None"
    return None if half == "None" else half


def dyad_key(event: dict, strict: bool = False) -> tuple:
    """(type, source country, target country) [+ sectors when strict]; unordered for mutual types."""
    ends = [(_code_half(event.get(k), 0), _code_half(event.get(k), 1) if strict else None) for k in ("source", "target")]
    if event.get("type") in UNORDERED_TYPES:
        ends.sort(key=str)
    key = (event.get("type"), ends[0][0], ends[1][0])
    return key + (ends[0][1], ends[1][1]) if strict else key


def _evidence(event: dict) -> str:
    e = event.get("evidence")
    return e.get("text", "") if isinstance(e, dict) else (e or "")


def evidence_overlap(a: str, b: str) -> float:
    ta, tb = set(gold_form(a).split()), set(gold_form(b).split())
    return len(ta & tb) / max(1, min(len(ta), len(tb)))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add_sets(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def matched_entities(gold: list[dict], pred: list[dict], typed: bool) -> int:
    """Greedy one-to-one matches: same type (when typed) and one shared normalised form."""
    used: set[int] = set()
    for g in gold:
        forms = {gold_form(f) for f in g.get("forms", [])}
        for i, p in enumerate(pred):
            if i in used or (typed and p.get("type") != g.get("type")):
                continue
            pforms = {gold_form(m.get("text", "")) for m in p.get("mentions", [])} | {gold_form(p.get("name_ar", ""))}
            if forms & pforms:
                used.add(i)
                break
    return len(used)


class Scorer:
    """Accumulates the figures over documents; ``result()`` gives score.py's dictionary."""

    def __init__(self) -> None:
        self.entities, self.entities_untyped = Counts(), Counts()
        self.dyad, self.strict = Counts(), Counts()
        self.status = [0, 0]
        self.date = [0, 0]
        self.place = [0, 0]
        self.gold_places = 0
        self.per_document: dict[str, dict] = {}

    def add(self, gold: dict, pred: dict) -> None:
        self._add_entities(gold.get("entities", []), pred.get("entities") or [])
        self._add_events(gold, pred.get("events") or [])
        self._add_places(gold.get("places", []), pred.get("places") or [])

    def _add_entities(self, gents: list[dict], pents: list[dict]) -> None:
        for counts, typed in ((self.entities, True), (self.entities_untyped, False)):
            hits = matched_entities(gents, pents, typed)
            counts.tp += hits
            counts.fp += len(pents) - hits
            counts.fn += len(gents) - hits

    def _add_events(self, gold: dict, allpred: list[dict]) -> None:
        gevents = [e for e in gold.get("events", []) if e.get("status") in SCORED_STATUSES]
        pevents = [e for e in allpred if e.get("status", "asserted") in SCORED_STATUSES]
        gk, pk = {dyad_key(e) for e in gevents}, {dyad_key(e) for e in pevents}
        self.dyad.add_sets(gk, pk)
        self.strict.add_sets({dyad_key(e, True) for e in gevents}, {dyad_key(e, True) for e in pevents})
        self.per_document[gold["doc_id"]] = {"gold": sorted(map(str, gk)), "missed": sorted(map(str, gk - pk)),
                                             "extra": sorted(map(str, pk - gk))}
        for g in gold.get("events", []):
            self._add_status_and_date(g, [p for p in allpred if dyad_key(p) == dyad_key(g)])

    def _add_status_and_date(self, g: dict, cands: list[dict]) -> None:
        if not cands:
            return
        best = max(cands, key=lambda p: evidence_overlap(_evidence(p), g.get("evidence", "")))
        if evidence_overlap(_evidence(best), g.get("evidence", "")) < 0.3:
            return
        self.status[1] += 1
        self.status[0] += best.get("status", "asserted") == g.get("status")
        if g.get("date"):
            self.date[1] += 1
            self.date[0] += best.get("date") == g["date"]

    def _add_places(self, gplaces_list: list[dict], pplaces: list[dict]) -> None:
        gplaces = {gold_form(p["form"]): p for p in gplaces_list}
        self.gold_places += sum(1 for p in gplaces_list if p.get("lat") is not None)
        for p in pplaces:
            gp = gplaces.get(gold_form(p.get("form", "")))
            if gp and gp.get("lat") is not None and p.get("lat") is not None:
                self.place[1] += 1
                self.place[0] += distance_km((gp["lat"], gp["lon"]), (p["lat"], p["lon"])) <= PLACE_TOLERANCE_KM

    def result(self) -> dict:
        ratio = lambda ok_n: round(ok_n[0] / ok_n[1], 3) if ok_n[1] else None  # noqa: E731
        return {
            "documents": len(self.per_document),
            "entities": self.entities.prf(), "entities_untyped": self.entities_untyped.prf(),
            "events_dyad": self.dyad.prf(), "events_strict": self.strict.prf(),
            "status_accuracy": ratio(self.status), "status_n": self.status[1],
            "date_accuracy": ratio(self.date), "date_n": self.date[1],
            "place_precision": ratio(self.place),
            "place_recall": round(self.place[0] / self.gold_places, 3) if self.gold_places else None,
            "per_document": self.per_document,
        }


def load_gold(gold_dir: str | Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(gold_dir).glob("*.json"))]


def score_records(gold: list[dict], records: dict[str, dict]) -> dict:
    """Score predicted records (by doc_id) against gold documents; a missing one counts empty."""
    scorer = Scorer()
    for g in gold:
        scorer.add(g, records.get(g["doc_id"], {}))
    return scorer.result()


def format_scores(result: dict) -> str:
    """The figures in score.py's plain-text layout."""
    lines = [f"documents {result['documents']}"]
    for k in ("entities", "entities_untyped", "events_dyad", "events_strict"):
        r = result[k]
        lines.append(f"{k:18} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}  (tp {r['tp']} fp {r['fp']} fn {r['fn']})")
    for k in ("status_accuracy", "date_accuracy", "place_precision", "place_recall"):
        lines.append(f"{k:18} {result[k]}")
    return "\n".join(lines)
