"""Actor codes: ``"<COUNTRY> <SECTOR>"`` as ANNOTATION.md defines them.

COUNTRY is an ISO 3166-1 alpha-3 code, ``IGO``, or the literal ``None`` (the actor belongs
to no state). SECTOR is one of ``SECTORS`` or ``None`` (the state as a whole).
"""

from __future__ import annotations

import re

SECTORS = (
    "GOV", "MIL", "COP", "SPY", "LEG", "JUD", "OPP", "PTY", "REB", "UAF",
    "CVL", "REF", "MED", "BUS", "HRI", "NGO", "EDU", "HLH", "REL",
)
_ISO3 = re.compile(r"[A-Z]{3}")


def is_country(value: str) -> bool:
    """An ISO alpha-3 shape, IGO, or the literal None."""
    return value in ("IGO", "None") or bool(_ISO3.fullmatch(value))


def is_sector(value: str) -> bool:
    return value == "None" or value in SECTORS


def parse_code(code: str) -> tuple[str, str] | None:
    """``"LBY MIL"`` -> ``("LBY", "MIL")``; None when the code is malformed."""
    parts = code.split(" ")
    if len(parts) != 2 or not is_country(parts[0]) or not is_sector(parts[1]):
        return None
    return parts[0], parts[1]


def make_code(country: str | None, sector: str | None) -> str:
    """Join the halves; a missing half is the literal ``None``."""
    return f"{country or 'None'} {sector or 'None'}"
