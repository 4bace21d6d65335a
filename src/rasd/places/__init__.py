"""Places: the Arabic gazetteer and place resolution (see gazetteer.py, mentions.py, resolve.py)."""

from rasd.places.gazetteer import Gazetteer, PlaceRecord, default_gazetteer
from rasd.places.mentions import Mention, find_place_mentions
from rasd.places.resolve import location_for, lookup_place, resolve_places, to_location

__all__ = [
    "Gazetteer", "PlaceRecord", "default_gazetteer", "Mention", "find_place_mentions",
    "resolve_places", "location_for", "lookup_place", "to_location",
]
