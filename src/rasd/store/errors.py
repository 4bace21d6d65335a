"""The store's error class (codes E4xx, see rasd.errors)."""

from __future__ import annotations

from rasd.errors import RasdError


class StoreError(RasdError):
    """The store cannot be opened, migrated or queried as asked.

    E401 unsupported or malformed store URL    E402 database cannot be opened
    E403 invalid query filter                  E404 unknown output format
    E405 database schema newer than this code
    """
