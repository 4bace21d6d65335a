"""Event trigger and status cue matching over the words of one sentence.

The lexicons are built offline (``rasd.events.build_lexicon``) with every conjugated and
inflected form spelt out, so matching is dictionary lookups only: a word is read with and
without its proclitics (و/ف, سـ before an imperfect, ب/ل/ك and ال before a noun), the
longest reading the lexicon knows wins, multiword phrases beat single words, and a sense
with ``needs_next`` fires only when one of its words follows within a few words
(دعم عسكري -> AID, دعم alone -> SUPPORT).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasd.errors import ResourceError
from rasd.resources import data_path, read_tsv
from rasd.text.function_words import function_words
from rasd.text.normalize import normalize_with_map
from rasd.text.tokens import Token

NEXT_WINDOW = 4  # how many following words a verb's needs_next word may be away
NOUN_WINDOW = 2  # the same for a noun (its adjective or genitive comes right after it)
PHRASE_GAP = 8  # words (a subject, with its titles) allowed between a verb and the rest of its phrase: ألقت الشرطة القبض
BLOCK_TYPE = "NONE"
_PRONOUN_ENDINGS = ("", "ا", "ه", "ها", "هم", "هما", "هن")
_CACHE_LIMIT = 200_000

# What a reading with these proclitics stripped may be: any word, a noun, an imperfect verb.
ANY, NOUN, IMPF, NOUN_OR_IMPF = "any", "noun", "impf", "noun_or_impf"


@dataclass(frozen=True, slots=True)
class Sense:
    """One lexicon row: a form's reading as one lemma sense."""

    lemma: str
    pos: str
    type: str
    mode: str
    cameo: str
    voice: str
    persons: tuple[str, ...]
    aspect: str
    object_pronoun: str
    target_preps: tuple[str, ...]
    needs: tuple[tuple[str, ...], ...]  # alternatives, each a run of words
    rank: int

    @property
    def is_noun(self) -> bool:
        return "noun" in self.aspect

    @property
    def is_imperfect(self) -> bool:
        return "impf" in self.aspect or "subj" in self.aspect


@dataclass(frozen=True, slots=True)
class Phrase:
    rest: tuple[str, ...]  # the words after the head, article-free matching keys
    sense: Sense
    gap: int  # words allowed between the head and the rest


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    token_index: int
    end_token_index: int  # last word of a phrase (inclusive); = token_index for one word
    start: int  # character offsets of the trigger, proclitics (و ف ب ل ك س) excluded
    end: int
    form: str  # the normalised lexicon key that matched
    lemma: str
    pos: str
    type: str
    mode: str
    cameo: str
    voice: str  # "active", "passive" or "active|passive" when the spelling allows both
    person: str | None  # most likely subject (3ms, 3fs, 3mp, 3fp, 3md, 3fd, 1p ...), None for nouns
    persons: tuple[str, ...]  # every subject the spelling allows
    aspect: str  # perf | impf | juss | subj | noun (| joined when ambiguous)
    target_preps: tuple[str, ...]  # "-" = direct object
    has_object_pronoun: bool
    object_pronoun: str | None
    prefix: str  # normalised proclitics that were stripped ("و", "وس", "ب" ...)
    future: bool  # سـ on an imperfect: سيهاجم
    next_index: int | None  # the word that satisfied needs_next, if any


@dataclass(frozen=True, slots=True)
class Cue:
    token_index: int
    start: int
    end: int
    kind: str
    form: str
    end_token_index: int = -1


# ---------------------------------------------------------------- reading a word

def readings(norm: str) -> list[tuple[str, str, str]]:
    """(form, stripped proclitics, what the form may be) for a normalised word, longest first."""
    out = [(norm, "", ANY)]
    rest, pre = norm, ""
    if len(rest) >= 3 and rest[0] in "وف":
        rest, pre = rest[1:], rest[0]
        out.append((rest, pre, ANY))
    if len(rest) >= 4 and rest[0] == "س" and rest[1] in "يتنا":
        out.append((rest[1:], pre + "س", IMPF))
    if len(rest) >= 4 and rest[0] in "بلك":
        out.extend(_after_preposition(rest, pre))
    elif len(rest) >= 5 and rest.startswith("ال"):
        out.append((rest[2:], pre, NOUN))
    return out


def _after_preposition(rest: str, pre: str) -> list[tuple[str, str, str]]:
    p, body = rest[0], rest[1:]
    if p == "ل" and body.startswith("ل") and len(body) >= 4:  # للغارات = ل + (ا)لغارات
        return [("ا" + body, pre + p, NOUN), (body[1:], pre + p, NOUN)]
    # ل before a verb is لِـ of purpose on a third-person or we-imperfect (ليهاجم، لتقصف).
    may_be_verb = p == "ل" and body[0] in "يتن"
    out = [(body, pre + p, NOUN_OR_IMPF if may_be_verb else NOUN)]
    if len(body) >= 5 and body.startswith("ال"):
        out.append((body[2:], pre + p, NOUN))
    return out


def compatible(sense: Sense, allowed: str) -> bool:
    if allowed == ANY:
        return True
    if allowed == NOUN:
        return sense.is_noun
    if allowed == IMPF:
        return sense.is_imperfect
    return sense.is_noun or sense.is_imperfect


def word_keys(norm: str) -> tuple[str, ...]:
    """Every clitic-free key of a word, for matching needs_next and phrase words."""
    keys = [form for form, _, _ in readings(norm)]
    return tuple(dict.fromkeys(keys))


def key_matches(keys: tuple[str, ...], want: str) -> bool:
    """Does a word (its keys) satisfy one needs_next item? '=w' exact, 'w' prefix (3+ letters)."""
    if want.startswith("="):
        return want[1:] in keys
    if len(want) < 3:
        return want in keys
    return any(k.startswith(want) for k in keys)


# ---------------------------------------------------------------- verb or verbal noun

# What may stand right before a verb: a clause boundary, أن/إن, قد/لم/كان (data/syntax).
_VERB_OPENERS = frozenset({"clause_break", "complementizer", "verb_particle"})
# What stands only before a noun.
_NOUN_OPENERS = frozenset({"preposition", "location_prep", "time_prep"})


def _verb_or_noun(senses: tuple[Sense, ...], tokens: list[Token], i: int, pre: str) -> tuple[Sense, ...]:
    """"دعمها" is "he supported her" or "its support", "إدانته" "she condemned him" or "his
    condemnation": with a pronoun suffix the spelling alone does not tell. The noun it is
    after a preposition ("عن إدانته") or another content word ("مؤكدة دعمها"), or when the
    next word opens the noun's object and not the verb's ("ودعمها لكل الجهود"); the verb it is
    at the head of a clause (sentence start, و/ف, حيث، الذي، قد، لم ...). Any verb-noun
    homograph after a preposition ("بعد طلب من", "خلال لقاء") is the noun."""
    nouns = tuple(s for s in senses if s.is_noun)
    verbs = tuple(s for s in senses if not s.is_noun)
    if not nouns or not verbs:
        return senses
    if i > 0 and function_words().get(tokens[i - 1].norm) in _NOUN_OPENERS:
        return nouns  # no verb follows a preposition: "بعد طلب من", "خلال لقاء"
    if not any(s.object_pronoun not in ("", "-") for s in senses):
        return senses
    if i + 1 < len(tokens) and _opens_object(tokens[i + 1].norm, nouns) and not _opens_object(tokens[i + 1].norm, verbs):
        return nouns
    if i == 0 or any(c in pre for c in "وف") or _ends_clause(tokens[i - 1]):
        return verbs
    return verbs if function_words().get(tokens[i - 1].norm) in _VERB_OPENERS else nouns


def _opens_object(norm: str, senses: tuple[Sense, ...]) -> bool:
    """Whether a word starts with a preposition (free or a clitic ب/ل) the senses take a target with."""
    for s in senses:
        for prep in s.target_preps:
            if prep == "-":
                continue
            if norm == prep or (len(prep) == 1 and len(norm) > 2 and norm.startswith(prep)):
                return True
    return False


def _ends_clause(tok: Token) -> bool:
    return tok.norm == "و" or tok.norm == "ف"


# ---------------------------------------------------------------- the trigger lexicon

class TriggerLexicon:
    """Normalised form -> senses, plus multiword phrases keyed by their first word."""

    def __init__(self, words: dict[str, tuple[Sense, ...]], phrases: dict[str, tuple[Phrase, ...]]):
        self.words = words
        self.phrases = phrases
        self._lookups: dict[str, tuple] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._heads: dict[str, tuple] = {}

    @classmethod
    def load(cls, path: Path | str | None = None) -> "TriggerLexicon":
        path = Path(path) if path else data_path("events", "triggers.tsv.gz")
        words: dict[str, list[Sense]] = {}
        phrases: dict[str, list[Phrase]] = {}
        for where, row in _read_rows(path):
            sense = _sense(where, row)
            head, *rest = row["form_norm"].split(" ")
            if rest:
                gap = PHRASE_GAP if "noun" not in sense.aspect else 0
                phrases.setdefault(head, []).append(Phrase(tuple(_bare(w) for w in rest), sense, gap))
            else:
                words.setdefault(head, []).append(sense)
        return cls(_ranked(words), _ranked_phrases(phrases))

    def has_noun(self, lemma: str, type_: str) -> bool:
        """Whether a lemma of this type also has a noun sense (its verbal noun, دعم / قصف)."""
        nouns = self.__dict__.get("_nouns")
        if nouns is None:
            nouns = self.__dict__["_nouns"] = {(normalize_with_map(x.lemma)[0], x.type) for senses in self.words.values()
                                               for x in senses if x.pos == "noun"}
        return (normalize_with_map(lemma)[0], type_) in nouns

    def match(self, tokens: list[Token]) -> list[TriggerMatch]:
        """Triggers in one sentence's words, left to right; phrases first, then single words."""
        used: set[int] = set()
        found = self._phrase_matches(tokens, used)
        found += self._word_matches(tokens, used)
        return sorted((m for m in found if m.type != BLOCK_TYPE), key=lambda m: m.token_index)

    # -- single words

    def lookup(self, norm: str) -> tuple[str, str, tuple[Sense, ...]] | None:
        """(form, stripped proclitics, senses) of the longest reading the lexicon knows."""
        hit = self._lookups.get(norm)
        if hit is None:
            hit = self._lookups[norm] = self._lookup(norm)
            if len(self._lookups) > _CACHE_LIMIT:
                self._lookups.clear()
        return hit or None

    def _lookup(self, norm: str) -> tuple:
        for form, pre, allowed in readings(norm):
            senses = self.words.get(form)
            if senses:
                fitting = tuple(s for s in senses if compatible(s, allowed))
                if fitting:
                    return (form, pre, fitting)
        return ()

    def keys(self, norm: str) -> tuple[str, ...]:
        keys = self._keys.get(norm)
        if keys is None:
            keys = self._keys[norm] = word_keys(norm)
            if len(self._keys) > _CACHE_LIMIT:
                self._keys.clear()
        return keys

    def _word_matches(self, tokens: list[Token], used: set[int]) -> list[TriggerMatch]:
        out = []
        for i, tok in enumerate(tokens):
            if i in used:
                continue
            hit = self.lookup(tok.norm)
            if not hit:
                continue
            form, pre, senses = hit
            senses = _verb_or_noun(senses, tokens, i, pre)
            chosen = self._choose_sense(senses, tokens, i)
            if chosen is None:
                continue
            sense, nxt = chosen
            used.add(i)
            if nxt is not None:
                used.add(nxt)  # شنت ... غارات is one event, not two
            out.append(_make_match(tokens, i, i, form, pre, sense, nxt))
        return out

    def _choose_sense(self, senses: tuple[Sense, ...], tokens: list[Token], i: int) -> tuple[Sense, int | None] | None:
        """The first sense (seed order) whose needs_next is met, else the first default sense."""
        default = None
        for sense in senses:
            if not sense.needs:
                default = default or sense
                continue
            j = self._find_next(sense, tokens, i)
            if j is not None:
                return sense, j
        return (default, None) if default else None

    def _find_next(self, sense: Sense, tokens: list[Token], i: int) -> int | None:
        # A noun's qualifier follows it closely (الدعم العسكري التركي); a verb's object may
        # come after its subject. Another word of the same lemma ends the search: in
        # "دعم سياسي لتركيا ودعم عسكري" the second دعم owns عسكري.
        window = NOUN_WINDOW if sense.aspect == "noun" else NEXT_WINDOW
        for j in range(i + 1, min(len(tokens), i + 1 + window)):
            if self._same_lemma(tokens[j].norm, sense.lemma):
                return None
            if not self._may_start_need(sense, tokens[j].norm):
                continue  # no run of this sense can start at this word: skip them all at once
            for run in sense.needs:
                if (j == i + 1 or not _is_function_word(run, sense)) and self._run_at(run, tokens, j):
                    return j
        return None

    def _may_start_need(self, sense: Sense, norm: str) -> bool:
        """Whether any needs_next run of ``sense`` can start at a word (remembered per spelling)."""
        cache = self.__dict__.setdefault("_need_starts", {})
        key = (sense.lemma, sense.type, sense.mode, norm)
        hit = cache.get(key)
        if hit is None:
            if len(cache) > 500_000:
                cache.clear()
            hit = cache[key] = any(self._meets(norm, run[0]) for run in sense.needs)
        return hit

    def _same_lemma(self, norm: str, lemma: str) -> bool:
        hit = self.lookup(norm)
        return bool(hit) and any(s.lemma == lemma for s in hit[2])

    def _run_at(self, run: tuple[str, ...], tokens: list[Token], j: int) -> bool:
        if j + len(run) > len(tokens):
            return False
        return all(self._meets(tokens[j + k].norm, w) for k, w in enumerate(run))

    def _meets(self, norm: str, want: str) -> bool:
        """key_matches for one spelling, remembered: the same few words meet the same needs."""
        cache = self.__dict__.setdefault("_needs_met", {})
        hit = cache.get((norm, want))
        if hit is None:
            if len(cache) > 500_000:
                cache.clear()  # bounded memory on an endless corpus
            hit = cache[(norm, want)] = key_matches(self.keys(norm), want)
        return hit

    # -- phrases

    def _phrase_matches(self, tokens: list[Token], used: set[int]) -> list[TriggerMatch]:
        candidates = []
        for i, tok in enumerate(tokens):
            for form, pre, phrase in self._phrase_heads(tok.norm):
                span = self._phrase_span(phrase, tokens, i)
                if span:
                    candidates.append((span, form, pre, phrase.sense))
        # Longest phrase first, then leftmost; a word belongs to one phrase at most.
        candidates.sort(key=lambda c: (-len(c[0]), c[0][0]))
        out = []
        for span, form, pre, sense in candidates:
            if used.isdisjoint(span):
                used.update(span)
                out.append(_make_match(tokens, span[0], span[-1], form, pre, sense, None))
        return out

    def _phrase_heads(self, norm: str) -> tuple[tuple[str, str, Phrase], ...]:
        """Phrases that may start at a word (cached per spelling: most words start none)."""
        heads = self._heads.get(norm)
        if heads is None:
            heads = tuple((form, pre, phrase) for form, pre, allowed in readings(norm)
                          for phrase in self.phrases.get(form, ()) if compatible(phrase.sense, allowed))
            self._heads[norm] = heads
            if len(self._heads) > _CACHE_LIMIT:
                self._heads.clear()
        return heads

    def _phrase_span(self, phrase: Phrase, tokens: list[Token], i: int) -> tuple[int, ...] | None:
        n = len(phrase.rest)
        for s in range(i + 1, min(len(tokens) - n, i + 1 + phrase.gap) + 1):
            if all(self._word_is(tokens[s + k].norm, w) for k, w in enumerate(phrase.rest)):
                return (i, *range(s, s + n))
        return None

    def _word_is(self, norm: str, word: str) -> bool:
        """A phrase word, allowing ال, proclitics, accusative ا and an attached pronoun."""
        for key in self.keys(norm):
            if key.startswith(word) and key[len(word):] in _PRONOUN_ENDINGS:
                return True
        return False


def _is_function_word(run: tuple[str, ...], sense: Sense) -> bool:
    """A noun's needs_next function word (تحقيق في) must follow it directly."""
    word = run[0]
    return sense.aspect == "noun" and (word.startswith("=") or len(word) < 3)


def _make_match(tokens: list[Token], i: int, last: int, form: str, pre: str, sense: Sense,
                nxt: int | None) -> TriggerMatch:
    tok = tokens[i]
    cut = len(pre)
    start = tok.start + _char_index(tok.text, cut) if cut else tok.start
    person = sense.persons[0] if sense.persons else None
    obj = sense.object_pronoun
    voice = _voice_from_marks(tok.text, cut, sense) if "|" in sense.voice else sense.voice
    return TriggerMatch(
        token_index=i, end_token_index=last, start=start, end=tokens[last].end, form=form,
        lemma=sense.lemma, pos=sense.pos, type=sense.type, mode=sense.mode, cameo=sense.cameo,
        voice=voice, person=person, persons=sense.persons, aspect=sense.aspect,
        target_preps=sense.target_preps, has_object_pronoun=obj not in ("-", "") and "-" not in obj.split("|"),
        object_pronoun=None if obj == "-" else obj, prefix=pre, future="س" in pre, next_index=nxt,
    )


_DAMMA, _FATHA = "\u064f", "\u064e"


def _voice_from_marks(text: str, cut: int, sense: Sense) -> str:
    """A vocalised perfect tells its voice by its first vowel: قُتِل passive, قَتَل active."""
    if sense.aspect != "perf":
        return sense.voice
    i = _char_index(text, cut) + 1
    mark = text[i] if i < len(text) else ""
    if mark == "\u0651" and i + 1 < len(text):  # shadda first, then the vowel
        mark = text[i + 1]
    return {"\u064f": "passive", "\u064e": "active"}.get(mark, sense.voice)


def _char_index(text: str, letters: int) -> int:
    """Index in ``text`` of its ``letters``-th matching letter (diacritics skipped)."""
    _, index = normalize_with_map(text)
    return index[letters] if letters < len(index) else len(text)


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _ranked(words: dict[str, list[Sense]]) -> dict[str, tuple[Sense, ...]]:
    return {k: tuple(sorted(v, key=lambda s: s.rank)) for k, v in words.items()}


def _ranked_phrases(phrases: dict[str, list[Phrase]]) -> dict[str, tuple[Phrase, ...]]:
    # Longer phrases first so "وقف إطلاق النار" is tried before a shorter one on the same head.
    return {k: tuple(sorted(v, key=lambda p: (-len(p.rest), p.sense.rank))) for k, v in phrases.items()}


def _read_rows(path: Path):
    """(FILE:LINE, row) from a lexicon TSV, gzipped or not."""
    if not path.exists():
        raise ResourceError(f"E301 {path}: lexicon missing (rebuild with `rasd build lexicon`)")
    for number, row in read_tsv(path):
        yield f"{path}:{number}", row


def _sense(where: str, row: dict[str, str]) -> Sense:
    try:
        return Sense(
            lemma=row["lemma"], pos=row["pos"], type=row["type"], mode=row["mode"],
            cameo=row["cameo"], voice=row["voice"],
            persons=tuple(p for p in row["person"].split("|") if p != "-"),
            aspect=row["aspect"], object_pronoun=row["object"],
            target_preps=tuple(row["target_preps"].split("|")),
            needs=_needs(row["needs_next"]), rank=int(row["rank"]))
    except (KeyError, ValueError) as exc:
        raise ResourceError(f"E309 {where}: bad lexicon row ({exc})") from exc


def _needs(text: str) -> tuple[tuple[str, ...], ...]:
    if text == "-":
        return ()
    return tuple(tuple(item.split(" ")) for item in text.split("|"))


@lru_cache(maxsize=1)
def default_lexicon() -> TriggerLexicon:
    """The bundled trigger lexicon, loaded once."""
    return TriggerLexicon.load()


# ---------------------------------------------------------------- cues

@dataclass(frozen=True, slots=True)
class CueEntry:
    kind: str
    rest: tuple[str, ...]
    needs: tuple[tuple[str, ...], ...]


class CueLexicon:
    """Status cue words and phrases (report, deny, negation, future, conditional, history ...)."""

    def __init__(self, entries: dict[str, tuple[CueEntry, ...]]):
        self.entries = entries

    @classmethod
    def load(cls, path: Path | str | None = None) -> "CueLexicon":
        path = Path(path) if path else data_path("events", "cues.tsv")
        entries: dict[str, list[CueEntry]] = {}
        for _, row in _read_rows(path):
            head, *rest = row["form"].split(" ")
            entries.setdefault(head, []).append(CueEntry(row["kind"], tuple(rest), _needs(row["needs_next"])))
        # Longer phrases first on the same head word.
        return cls({k: tuple(sorted(v, key=lambda e: -len(e.rest))) for k, v in entries.items()})

    def cues_in(self, tokens: list[Token]) -> list[Cue]:
        """Cues in one sentence's words, left to right; a phrase cue covers its words."""
        out = []
        i = 0
        while i < len(tokens):
            cue = self._cue_at(tokens, i)
            if cue:
                out.append(cue)
                i = cue.end_token_index + 1
            else:
                i += 1
        return out

    def _cue_at(self, tokens: list[Token], i: int) -> Cue | None:
        norm = tokens[i].norm
        for form, pre in ((norm, ""), (norm[1:], norm[0])) if len(norm) >= 3 and norm[0] in "وف" else ((norm, ""),):
            for entry in self.entries.get(form, ()):
                last = i + len(entry.rest)
                if last < len(tokens) and _rest_is(entry.rest, tokens, i + 1) and _cue_needs(entry.needs, tokens, last):
                    tok = tokens[i]
                    start = tok.start + _char_index(tok.text, len(pre)) if pre else tok.start
                    text = form if not entry.rest else " ".join((form,) + entry.rest)
                    return Cue(i, start, tokens[last].end, entry.kind, text, last)
        return None


def _rest_is(rest: tuple[str, ...], tokens: list[Token], j: int) -> bool:
    return all(tokens[j + k].norm == w for k, w in enumerate(rest))


def _cue_needs(needs: tuple[tuple[str, ...], ...], tokens: list[Token], last: int) -> bool:
    """A cue's condition on the word right after it (#year, #imperfect, =word, prefix)."""
    if not needs:
        return True
    if last + 1 >= len(tokens):
        return False
    nxt = tokens[last + 1].norm
    return any(_special_or_key(item[0], nxt) for item in needs)


def _special_or_key(want: str, norm: str) -> bool:
    if want == "#year":
        return len(norm) == 4 and norm.isdigit() and norm[:2] in ("19", "20")
    if want == "#imperfect":
        stem = norm[1:] if len(norm) >= 4 and norm[0] in "وف" else norm
        if len(stem) < 3 or stem[0] not in "يتن":
            return False
        # تـ also starts perfects (تحدثت، تم، تظاهروا): their endings give them away.
        return not (stem[0] == "ت" and (stem == "تم" or stem.endswith(("ت", "وا"))))
    return key_matches(word_keys(norm), want)


@lru_cache(maxsize=1)
def default_cues() -> CueLexicon:
    """The bundled cue list, loaded once."""
    return CueLexicon.load()
