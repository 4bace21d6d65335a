"""The pipeline's stages in order; the order follows the package folders (see DESIGN.md)."""

from __future__ import annotations

from rasd.text import segment_stage

STAGES = [
    segment_stage,
]
