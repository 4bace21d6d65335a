"""The pipeline: an ordered list of stages, each ``(doc) -> doc`` with one job.

Stages say what they need and what they add (spaCy's ``requires``/``assigns``); the order is
checked once, when the pipeline is built. Resources (models, lexicons, gazetteer) are loaded
by each stage's ``load`` on first use and kept for the life of the process, so a worker pool
or a Spark executor pays for them once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rasd.document import Document
from rasd.errors import RasdError


@dataclass
class Stage:
    name: str
    func: Callable[[Document], Document]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    # Runs on non-Arabic documents too (reading, segmentation); coding stages do not.
    language_neutral: bool = False
    load: Callable[[], object] | None = None


@dataclass
class Pipeline:
    stages: list[Stage]
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.check_order()

    def check_order(self) -> None:
        have: set[str] = {"text", "title", "published", "language"}
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in have]
            if missing:
                raise RasdError(f"E001 stage {stage.name!r} needs {missing}, which no earlier stage assigns")
            have.update(stage.assigns)

    def load(self) -> "Pipeline":
        """Load every stage's resources now (before forking workers, before timing)."""
        for stage in self.stages:
            if stage.load:
                stage.load()
        return self

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            if doc.language != "ar" and not stage.language_neutral:
                continue
            # CPU time of this process: a stage's cost, whatever else the machine is running.
            began = time.process_time()
            result = stage.func(doc)
            self.timings[stage.name] = self.timings.get(stage.name, 0.0) + time.process_time() - began
            if not isinstance(result, Document):
                raise RasdError(f"E002 stage {stage.name!r} returned {type(result).__name__}, not a Document")
            doc = result
        doc.annotations.clear()  # working state is not part of the record
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]


def default_pipeline() -> Pipeline:
    """Rasd's stages in folder order: text, entities, actors, places, events, attribution."""
    from rasd.stages import STAGES

    return Pipeline(list(STAGES))
