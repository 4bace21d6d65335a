"""Scoring against gold (score.py), the quality gate (gate.py), benchmarks (bench.py) and `rasd explain` (explain.py)."""
