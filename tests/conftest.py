"""Shared fixtures. Tests that need ../shared (gold, corpus, training data) skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = SHARED / "examples" / "000_cd93055940a04ed1.txt"
CORPUS = SHARED / "corpus" / "saudinewsnet.jsonl.gz"
GOLD_DEV = SHARED / "gold" / "dev"


def need_shared(*paths: Path) -> None:
    """Skip the calling test, with the reason, when a ../shared file it reads is absent."""
    for path in paths:
        if not path.exists():
            pytest.skip(f"needs {path} (the ../shared data beside the checkout), which is absent")


@pytest.fixture
def example_path() -> Path:
    need_shared(EXAMPLE)
    return EXAMPLE
