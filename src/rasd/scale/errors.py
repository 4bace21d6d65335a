"""The scale-out error class (codes E6xx, after rasd.errors' E1xx-E5xx)."""

from __future__ import annotations

from rasd.errors import RasdError


class ScaleError(RasdError):
    """A Spark job, a Parquet load or a story build cannot run as asked.

    E601 Spark is not installed or cannot start   E602 no input files found
    E603 not a Parquet output directory of `rasd spark`   E604 invalid parameter
    """
