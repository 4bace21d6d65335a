"""Errors with stable codes (spaCy's errors.py habit): the code names the kind of failure.

E1xx  document records     E2xx  reading input     E3xx  resources and data files
E4xx  store                E5xx  evaluation
"""

from __future__ import annotations


class RasdError(Exception):
    """Base class of every error Rasd raises on purpose."""


class RecordError(RasdError):
    """A document record is malformed or its spans do not slice its text."""


class InputError(RasdError):
    """One input document cannot be read; carries where it came from (``FILE:LINE``)."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class ResourceError(RasdError):
    """A data file (lexicon, model, gazetteer) is missing or invalid."""
