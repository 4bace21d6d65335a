"""Where the bundled data files live, and a reader for their TSV convention (data/README.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rasd.errors import ResourceError

DATA_DIR = Path(__file__).parent / "data"


def data_path(*parts: str) -> Path:
    return DATA_DIR.joinpath(*parts)


def read_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a data TSV as (line number, {column: value}); comments and blank lines skipped."""
    if not path.exists():
        raise ResourceError(f"E301 {path}: data file missing")
    header: list[str] | None = None
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) > len(header):
                raise ResourceError(f"E302 {path}:{lineno}: {len(cells)} fields, header has {len(header)}")
            yield lineno, dict(zip(header, cells + [""] * (len(header) - len(cells))))
