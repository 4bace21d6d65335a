"""Where the bundled data files live, and a reader for their TSV convention (data/README.md)."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from rasd.errors import ResourceError

DATA_DIR = Path(__file__).parent / "data"


def data_path(*parts: str) -> Path:
    return DATA_DIR.joinpath(*parts)


def read_tsv(path: Path, columns: tuple[str, ...] | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a data TSV (plain or .gz) as (line number, {column: value}).

    The first non-comment line is the header; ``columns``, when given, is the header it must
    be. Comments (``#``) and blank lines are skipped; a row with fewer cells than the header is
    padded with empty ones (editors drop trailing tabs), one with more is refused as FILE:LINE.
    """
    if not path.exists():
        raise ResourceError(f"E301 {path}: data file missing")
    header: list[str] | None = None
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                if columns is not None and tuple(header) != tuple(columns):
                    raise ResourceError(f"E303 {path}:{lineno}: header {header}, expected {list(columns)}")
                continue
            if len(cells) > len(header):
                raise ResourceError(f"E302 {path}:{lineno}: {len(cells)} fields, header has {len(header)}")
            yield lineno, dict(zip(header, cells + [""] * (len(header) - len(cells))))
