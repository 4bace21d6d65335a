"""A sentence as the role and attribution rules see it: words, clauses, actors, function words.

Built once per sentence from the words of the segment stage and the actor mentions of the
actor stage. Everything is indexed by word position so rules can ask "which actor comes
right after word i", "is word i in the same clause as word j", "what preposition governs
this actor" without rescanning the text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from rasd.text.function_words import function_words
from rasd.text.normalize import normalize_phrase
from rasd.text.tokens import Token


@dataclass
class ActorSpan:
    """An actor mention placed in its sentence."""

    start: int
    end: int
    first: int  # index of its first word in the sentence
    last: int  # index of its last word (inclusive)
    code: str | None
    name: str | None
    text: str
    entity: str | None = None
    kind: str | None = None
    governor: str | None = None  # preposition before it ("على", or a clitic "ل"/"ب"), if any
    joined: bool = False  # coordinated with the actor before it ("تركيا وقطر")




@lru_cache(maxsize=1)
def _light_verb_stems() -> frozenset[str]:
    return frozenset(form for form, kind in function_words().items() if kind == "light_verb")


_IMPERFECT_PREFIXES = "يتنا"
_PERSON_SUFFIXES = ("تا", "وا", "ون", "ان", "ت", "ا", "ن", "ها", "هم", "ه")
_OBJECT_PRONOUNS = ("ها", "هم", "ه")


@lru_cache(maxsize=65536)
def is_light_verb(norm: str) -> bool:
    """Whether a word is a form of a light verb (شنت، يشن، نفذوا، قامت): stem after person affixes."""
    stems = _light_verb_stems()
    word = norm[1:] if len(norm) > 3 and norm[0] in "وف" else norm
    words = [word] + [word[:-len(p)] for p in _OBJECT_PRONOUNS if word.endswith(p) and len(word) - len(p) >= 2]
    for w in words:  # "شنتها" = شنت + ها (the strikes "that it launched")
        heads = [w] + ([w[1:]] if len(w) > 2 and w[0] in _IMPERFECT_PREFIXES else [])
        for head in heads:
            if head in stems or any(head.endswith(x) and head[: -len(x)] in stems for x in _PERSON_SUFFIXES):
                return True
    return False


@lru_cache(maxsize=1)
def _multiword() -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for form, kind in function_words().items():
        parts = tuple(form.split())
        if len(parts) > 1:
            out.setdefault(parts[0], []).append(parts)
    return out


@dataclass
class SentenceView:
    start: int
    end: int
    words: list[Token]
    actors: list[ActorSpan] = field(default_factory=list)
    # kind of the function word starting at each word index (multiword ones at their first word)
    function_at: dict[int, tuple[str, int]] = field(default_factory=dict)
    clause_of: list[int] = field(default_factory=list)
    is_headline: bool = False
    text: str = ""  # the document text the offsets point into
    report_at: frozenset[int] = frozenset()  # word positions of report verbs (قال، أكد، أعلن)
    trigger_at: frozenset[int] = frozenset()  # word positions where event triggers start
    # triggers whose genitive is the one acted on ("قتل الطفل"): what a verb condemns there is
    # the event, and its genitive the victim, not the one condemned
    patient_trigger_at: frozenset[int] = frozenset()
    named_at: frozenset[int] = frozenset()  # word positions inside a name no actor code was found for

    def word_at(self, offset: int) -> int:
        """Index of the word containing (or the last word before) character ``offset``."""
        starts = self.__dict__.get("_starts")
        if starts is None:
            starts = self.__dict__["_starts"] = [w.start for w in self.words]
        return max(0, bisect_right(starts, offset) - 1)

    def kind(self, i: int) -> str | None:
        hit = self.function_at.get(i)
        return hit[0] if hit else None

    def actor_starting_after(self, i: int, limit: int | None = None) -> ActorSpan | None:
        for a in self.actors:
            if a.first > i and (limit is None or a.first <= limit):
                return a
        return None

    def actors_between(self, i: int, j: int) -> list[ActorSpan]:
        return [a for a in self.actors if i < a.first and a.last < j]

    def speaker_at(self, i: int) -> ActorSpan | None:
        """Who speaks through the report verb at word ``i``: the bare actor right after it (VSO,
        "قال المتحدث"), else the bare actor before it in its clause ("الوزير قال")."""
        for a in self.actors:
            if a.first > i:
                opened = any(self.kind(k) == "complementizer" for k in range(i + 1, a.first))
                if a.first - i <= 4 and a.governor is None and not opened:
                    return a  # "وأكد أن إيطاليا ...": past أن the actor is what is said, not who says it
                break
        before = [a for a in self.actors if a.last < i and a.governor is None and self.same_clause(a.last, i)]
        return before[-1] if before else None

    def same_clause(self, i: int, j: int) -> bool:
        return self.clause_of[i] == self.clause_of[j]

    def coordinated(self, actor: ActorSpan) -> list[ActorSpan]:
        """The actor and every actor joined to it by و/أو ("تركيا وقطر", "موسكو والقاهرة")."""
        group = [actor]
        if actor not in self.actors:
            return group  # the topic of an earlier sentence
        k = self.actors.index(actor)
        for nxt in self.actors[k + 1:]:
            if nxt.joined and nxt.first <= group[-1].last + 2:
                group.append(nxt)
            else:
                break
        return group


def build_view(text: str, start: int, end: int, words: list[Token], actors: list) -> SentenceView:
    view = SentenceView(start, end, words, text=text)
    view.function_at = _function_words_at(words)
    view.clause_of = _clauses(text, words, view.function_at)
    view.actors = [_place_actor(text, view, a) for a in actors if start <= a.start < end]
    _mark_coordination(text, view)
    _share_apposition_governor(view)
    return view


def _share_apposition_governor(view: SentenceView) -> None:
    """"القوات الموالية للرئيس اليمني عبد ربه منصور هادي": a name right after a title phrase is
    that phrase in apposition, governed as it is (here by لـ), never a bare subject. So is an
    actor coordinated with a governed one ("تجمعا لنساء وأطفال": the children are لـ too)."""
    for prev, cur in zip(view.actors, view.actors[1:]):
        if cur.governor is not None or prev.governor is None:
            continue
        if cur.joined or (cur.first == prev.last + 1 and cur.code == prev.code):
            cur.governor = prev.governor


def _function_words_at(words: list[Token]) -> dict[int, tuple[str, int]]:
    multi = _multiword()
    out: dict[int, tuple[str, int]] = {}
    for i, w in enumerate(words):
        for parts in multi.get(w.norm, ()):
            if tuple(x.norm for x in words[i:i + len(parts)]) == parts:
                out[i] = (function_words()[" ".join(parts)], len(parts))
                break
        else:
            kind = _single_word_kind(w.norm)
            if kind == "light_verb" and w.text.endswith("ة"):
                kind = None  # "إقامة" normalises like "أقامه"; a ta marbuta is a noun's
            if kind:
                out[i] = (kind, 1)
    return out


@lru_cache(maxsize=65536)
def _single_word_kind(norm: str) -> str | None:
    """The function-word kind of one word, with a leading و read off (وفيما، وحيث، وأن)."""
    table = function_words()
    if norm in table and table[norm] != "light_verb":
        return table[norm]
    if is_light_verb(norm):
        return "light_verb"
    if len(norm) > 2 and norm[0] == "و" and norm[1:] in table and table[norm[1:]] not in ("conjunction", "light_verb"):
        return table[norm[1:]]
    return None


_CLAUSE_PUNCT = set("،,؛;:")


def _clauses(text: str, words: list[Token], function_at: dict[int, tuple[str, int]]) -> list[int]:
    """Clause number of every word: a new clause at a subordinator, a complementizer, or a comma."""
    clause, out, prev_end = 0, [], None
    for i, w in enumerate(words):
        if prev_end is not None:
            gap = text[prev_end:w.start]
            kind = function_at[i][0] if i in function_at else None
            if kind in ("clause_break", "complementizer") or (gap != " " and not _CLAUSE_PUNCT.isdisjoint(gap)):
                clause += 1
        out.append(clause)
        prev_end = w.end
    return out


def _place_actor(text: str, view: SentenceView, a) -> ActorSpan:
    first = view.word_at(a.start)
    last = view.word_at(max(a.start, a.end - 1))
    span = ActorSpan(a.start, a.end, first, last, a.code, a.name, a.text, getattr(a, "entity", None),
                     getattr(a, "kind", None))
    clitic = normalize_phrase(text[view.words[first].start:a.start])
    if clitic and clitic[-1] in "بلك":
        span.governor = clitic[-1]
    elif first > 0 and view.kind(first - 1) in ("preposition", "location_prep", "agent"):
        span.governor = view.words[first - 1].norm
    elif view.kind(first - 1) == "counterpart" or (first > 1 and view.kind(first - 2) == "counterpart"):
        span.governor = "-"  # "التقى نظيره يوسف بن علوي": a direct object, never the subject
    elif first > 0 and view.kind(first - 1) == "according":
        span.governor = "according"  # "بحسب وكالة دوغان": a cited source, not a party to the event
    elif first > 1 and view.function_at.get(first - 2, (None, 0)) == ("agent", 2):
        span.governor = "agent"
    if span.governor == "من" and first > 1 and _quantifier(view.words[first - 2].norm):
        # "بعدد من المسؤولين": the partitive من passes on what governs the quantifier (here بـ).
        span.governor = _governor_of_word(view, first - 2)
    return span


def _quantifier(norm: str) -> bool:
    table = function_words()
    return table.get(norm) == "quantifier" or (len(norm) > 3 and norm[0] in "بلو" and table.get(norm[1:]) == "quantifier")


def _governor_of_word(view: SentenceView, k: int) -> str | None:
    """The preposition governing word k: a clitic on it (بعدد) or a preposition word before it."""
    norm = view.words[k].norm
    if norm[0] in "بل" and function_words().get(norm[1:]) == "quantifier":
        return norm[0]
    if k > 0 and view.kind(k - 1) in ("preposition", "location_prep"):
        return view.words[k - 1].norm
    return None


def _mark_coordination(text: str, view: SentenceView) -> None:
    for prev, cur in zip(view.actors, view.actors[1:]):
        word = view.words[cur.first]
        clitic = text[word.start:cur.start]
        between = view.words[prev.last + 1:cur.first]
        if clitic.startswith("و") or (len(between) == 1 and between[0].norm in ("و", "او")):
            cur.joined = not between or len(between) == 1
        elif prev.kind == cur.kind == "nisba" and cur.first == prev.last + 1:
            cur.joined = True  # "دعم عسكري تركي قطري": stacked nisba adjectives, one actor each
