"""The pipeline's stages in order; the order follows the package folders (see DESIGN.md)."""

from __future__ import annotations

from rasd.actors.stage import actors_stage
from rasd.attribution import attribution_stage
from rasd.entities.stage import entities_stage
from rasd.events.stage import events_stage
from rasd.places.stage import places_stage
from rasd.text import segment_stage

STAGES = [
    segment_stage,      # text/        sentences and words
    entities_stage,     # entities/    NER spans
    actors_stage,       # actors/      coded actor mentions, grouped entities
    places_stage,       # places/      resolved places (and place entities)
    events_stage,       # events/      PLOVER events with roles, dates, locations
    attribution_stage,  # attribution/ asserted / claimed / denied / hypothetical
]
