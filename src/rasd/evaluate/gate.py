"""The quality gate: score.py figures on frozen gold must not fall below pinned floors.

Floors live in a committed JSON file with the digest of the gold they were pinned on
(trafilatura's eval gate habit). ``raise_floors`` only ever moves a floor up: lowering one is
a deliberate edit of the file that a reviewer sees in the diff.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

# The figures the gate watches, as paths into score.py's result dictionary.
GATED = {
    "entities_f1": ("entities", "f1"),
    "events_dyad_f1": ("events_dyad", "f1"),
    "events_strict_f1": ("events_strict", "f1"),
    "status_accuracy": ("status_accuracy",),
    "date_accuracy": ("date_accuracy",),
    "place_precision": ("place_precision",),
    "place_recall": ("place_recall",),
}


def gold_digest(gold_dir: str | Path) -> str:
    h = hashlib.sha256()
    for path in sorted(Path(gold_dir).glob("*.json")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def figures(result: dict) -> dict[str, float]:
    out = {}
    for name, keys in GATED.items():
        value = result
        for k in keys:
            value = value.get(k) if isinstance(value, dict) else None
        out[name] = float(value or 0.0)
    return out


def below_floors(result: dict, floors: dict[str, float]) -> list[str]:
    got = figures(result)
    return [f"{name}: {got[name]:.3f} < floor {floor:.3f}" for name, floor in floors.items() if got[name] < floor]


def raise_floors(path: Path, result: dict, gold_dir: str | Path) -> dict:
    """Pin today's figures as floors where they beat the old ones; returns the new file content."""
    old = json.loads(path.read_text()) if path.exists() else {"floors": {}}
    got = figures(result)
    floors = {k: round(max(old["floors"].get(k, 0.0), got[k]), 3) for k in GATED}
    pinned = {"gold_sha256": gold_digest(gold_dir), "floors": floors}
    path.write_text(json.dumps(pinned, indent=2) + "\n")
    return pinned
