"""Actor knowledge base and actor coding: Arabic text -> "COUNTRY SECTOR" codes.

``default_kb()`` loads the bundled data once; ``find_actor_mentions(text, kb)`` codes every
country, capital, nisba, organisation, known person and role phrase in a text;
``code_for_person_in_context`` codes a person span by the role in apposition;
``lookup_phrase`` explains a coding; ``english_name`` renders an unknown Arabic name.
"""

from rasd.actors.compose import ActorMention, code_for_person_in_context, find_actor_mentions
from rasd.actors.kb import ActorKB, Entry, default_kb
from rasd.actors.lookup import explain, lookup_phrase
from rasd.actors.translit import english_name

__all__ = [
    "ActorKB", "ActorMention", "Entry", "code_for_person_in_context", "default_kb",
    "english_name", "explain", "find_actor_mentions", "lookup_phrase",
]
