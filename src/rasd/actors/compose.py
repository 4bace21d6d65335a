"""From matched forms to coded actor mentions: the composition rules.

General rules, applied to the hits of one text in order (ANNOTATION.md §1):

* role chain: role nouns joined by a genitive ("قائد الجيش", "الناطق باسم القيادة العامة
  للجيش") form one phrase; a nisba that agrees in definiteness ("الليبي"), a country after a
  construct noun ("وزير خارجية قطر"), an organisation or a person ("قوات حفتر") ends it.
  The country comes from that last part; the sector from the outermost body or group in the
  chain, else from the organisation, else from the person noun ("رئيس المخابرات المصرية" is
  EGY SPY, "وزير الخارجية الأمريكي" USA GOV).
* state words: "دولة قطر", "الجمهورية التركية" name the state itself.
* organisation + agreeing nisba: "حزب الله اللبناني" (the nisba gives the country).
* a known person keeps their knowledge-base code unless a role with a country stands in
  apposition right before ("وزير الخارجية السعودي عادل الجبير") or after it with a comma.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rasd.actors.codes import make_code
from rasd.actors.kb import ActorKB, Entry
from rasd.actors.match import Hit, OffsetMap, matcher_for, matching_text
from rasd.text.normalize import normalize, normalize_char

CHAIN_ROLES = ("person", "body", "group", "bound")
NON_STATE = ("REB", "OPP", "PTY", "UAF")
# Words between two parts of one actor phrase, normalised ("الناطق باسم الجيش").
_LINKS = {"باسم": "bism", "التابع": "affil", "التابعه": "affil", "التابعين": "affil",
          "الموالي": "affil", "الموالين": "affil", "المواليه": "affil", "الموالون": "affil"}
_PUNCTUATION = re.compile(r"[^\w\s\u0610-\u061A\u064B-\u065F\u0670\u0640]")
_APPOSITION_GAP = re.compile(r"^[\s\"'«»“”‘’:]*$")
_AFTER_GAP = re.compile(r"^\s*[،,(]?\s*$")


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int  # offsets into the original text, clitics excluded, article kept
    end: int
    text: str
    code: str | None
    name_en: str | None
    kb_id: str | None
    entity_type: str | None  # PER | ORG | GPE | LOC, None for a generic role phrase
    kind: str  # country | capital | nisba | org | person | role_phrase
    rule: str  # which entry or rule produced the code
    needs_country: bool = False  # a role phrase whose country must come from context
    evidence: tuple[str, ...] = field(default=(), compare=False)  # "form=FILE:LINE" parts


@dataclass(slots=True)
class _Part:
    """A hit with the entry chosen for it."""

    hit: Hit
    entry: Entry


def find_actor_mentions(text: str, kb: ActorKB, start: int = 0, end: int | None = None,
                        date: str | int | None = None) -> list[ActorMention]:
    """Coded actor mentions in ``text[start:end]``, offsets into ``text``.

    ``date`` (a year or an ISO date) picks the role a person held then; without it the
    most recent role is used.
    """
    end = len(text) if end is None else end
    mtext, index = matching_text(text[start:end])
    hits = matcher_for(kb).hits(mtext)
    spans = _Spans(text, start, index)
    year = int(str(date)[:4]) if date else None
    units = _compose(hits, spans, year)
    return _resolve_people(units, text)


class _Spans:
    """Maps matching-text offsets of a slice back to the original text."""

    def __init__(self, text: str, base: int, offsets: OffsetMap | None):
        self.text, self.base, self.offsets = text, base, offsets

    def orig(self, s: int, e: int) -> tuple[int, int]:
        if self.offsets is None:
            return self.base + s, self.base + e
        end = self.base + self.offsets(e - 1) + 1
        while end < len(self.text) and normalize_char(self.text[end]) == "":
            end += 1  # keep the word's last diacritics inside the span
        return self.base + self.offsets(s), end

    def gap(self, a: Hit, b: Hit) -> str:
        """Original text between two hits, including b's clitic prefix."""
        return self.text[self.orig(a.start, a.end)[1]:self.orig(b.start, b.end)[0]]


def _pick(hit: Hit, year: int | None, kinds: tuple[str, ...] | None = None) -> Entry | None:
    entries = [e for e in hit.entries if kinds is None or e.kind in kinds]
    if not entries:
        return None
    named = [e for e in entries if e.kind in ("person", "org")]
    if named:
        # The role held in the document's year; in a transition year, or undated, the newer one.
        dated = [e for e in named if year is not None and e.valid_in(year)] or named
        latest = max(dated, key=lambda e: e.valid_from or 0)
        entries = [latest] + [e for e in entries if e is not latest]
    return entries[0]


def _link(spans: _Spans, a: Hit, b: Hit) -> str | None:
    """How hit b attaches to hit a: 'space', 'lam', 'bism', 'affil'; None when it does not."""
    if b.prefix[:1] in ("و", "ف"):
        return None  # a conjunction starts a new actor ("الجيش والشرطة")
    gap = spans.gap(a, b)
    if _PUNCTUATION.search(gap):
        return None  # a comma or a quote ends the phrase
    words = normalize(gap).split()
    if b.prefix and words and words[-1] == b.prefix:
        words = words[:-1]
    if not words:
        return "lam" if b.prefix == "ل" else "space"
    return _LINKS.get(words[0]) if len(words) == 1 else None


def _role(hit: Hit) -> Entry | None:
    for e in hit.entries:
        if e.kind == "role":
            return e
    return None


def _compose(hits: list[Hit], spans: _Spans, year: int | None) -> list[ActorMention]:
    units: list[ActorMention] = []
    i = 0
    while i < len(hits):
        role = _role(hits[i])
        named = _pick(hits[i], year, ("person", "org", "country", "capital"))
        if role is not None and named is None:
            unit, i = _chain(hits, i, spans, year)
        else:
            unit, i = _named(hits, i, spans, year)
        if unit is not None:
            units.append(unit)
    return units


def _chain(hits: list[Hit], i: int, spans: _Spans, year: int | None) -> tuple[ActorMention | None, int]:
    """A role chain from hits[i], with its terminal part when there is one."""
    head = _role(hits[i])
    if head.role_kind in ("block", "title"):
        return None, i + 1
    chain = [_Part(hits[i], head)]
    j = i
    while head.role_kind != "state" and j + 1 < len(hits):
        nxt = _role(hits[j + 1])
        if nxt is None or nxt.role_kind not in CHAIN_ROLES or _pick(hits[j + 1], year, ("person", "org", "country", "capital")):
            break
        if _link(spans, hits[j], hits[j + 1]) is None:
            break
        chain.append(_Part(hits[j + 1], nxt))
        j += 1
    terminal = None
    if j + 1 < len(hits):
        terminal = _terminal(chain[-1].hit, hits[j + 1], spans, year)
    if terminal is not None:
        j += 1
    return _chain_mention(chain, terminal, spans), j + 1


def _terminal(last: Hit, nxt: Hit, spans: _Spans, year: int | None) -> _Part | None:
    """The nisba, country, organisation or person that ends a role chain, if nxt is one."""
    link = _link(spans, last, nxt)
    if link is None:
        return None
    construct = not last.definite and link == "space"
    for entry in _ordered_for_terminal(nxt, year):
        if entry.kind == "nisba" and link == "space" and nxt.definite == last.definite:
            return _Part(nxt, entry)
        if entry.kind in ("country", "capital", "org", "person") and (construct or link != "space"):
            return _Part(nxt, entry)
    return None


def _ordered_for_terminal(hit: Hit, year: int | None) -> list[Entry]:
    first = _pick(hit, year, ("person", "org"))
    rest = [e for e in hit.entries if e.kind in ("nisba", "country", "capital")]
    # After a role, "السعودية" is the adjective before it is the country.
    rest.sort(key=lambda e: e.kind != "nisba")
    return ([first] if first else []) + rest


def _chain_mention(chain: list[_Part], terminal: _Part | None, spans: _Spans) -> ActorMention | None:
    head = chain[0].entry
    first, last = chain[0].hit, (terminal or chain[-1]).hit
    s, e = spans.orig(first.start, last.end)
    evidence = tuple(f"{p.entry.form}={p.entry.where}" for p in chain + ([terminal] if terminal else []))
    if head.role_kind == "state":
        return _state_mention(s, e, spans.text, terminal, evidence)
    sector = _chain_sector(chain, terminal)
    if terminal is None:
        if sector is None or head.role_kind == "bound":
            return None  # a bound noun alone ("الجانب", "نظام") is no actor
        country_known = sector == "UAF"
        return ActorMention(s, e, spans.text[s:e], make_code(None, sector), None, None, None,
                            "role_phrase", "role", needs_country=not country_known, evidence=evidence)
    t = terminal.entry
    body_head = head.role_kind == "body" or (head.role_kind == "bound" and head.sector is not None)
    etype = "ORG" if body_head else None
    name = t.name_en if body_head and t.kind == "org" else None
    kb_id = t.kb_id if body_head and t.kind == "org" else None
    rule = f"role+{t.kind}"
    return ActorMention(s, e, spans.text[s:e], make_code(t.country, sector), name, kb_id, etype,
                        "role_phrase", rule, evidence=evidence)


def _chain_sector(chain: list[_Part], terminal: _Part | None) -> str | None:
    outer = next((p.entry.sector for p in chain if p.entry.role_kind in ("body", "group") and p.entry.sector), None)
    org_sector = terminal.entry.sector if terminal and terminal.entry.kind == "org" else None
    if org_sector and (outer is None or org_sector in NON_STATE):
        return org_sector
    if outer:
        return outer
    # Person nouns alone: the last one qualifies the others ("المسؤولين العسكريين" is MIL).
    return next((p.entry.sector for p in reversed(chain) if p.entry.sector), None)


def _state_mention(s: int, e: int, text: str, terminal: _Part | None,
                   evidence: tuple[str, ...]) -> ActorMention | None:
    if terminal is None or terminal.entry.kind not in ("country", "nisba"):
        return None
    t = terminal.entry
    return ActorMention(s, e, text[s:e], make_code(t.country, None), t.name_en, t.kb_id, "GPE",
                        "country", "state+" + t.kind, evidence=evidence)


def _named(hits: list[Hit], i: int, spans: _Spans, year: int | None) -> tuple[ActorMention | None, int]:
    """A country, capital, nisba, organisation or person, with an agreeing nisba after an organisation."""
    hit = hits[i]
    entry = _pick(hit, year)
    if entry is None:
        return None, i + 1
    s, e = spans.orig(hit.start, hit.end)
    evidence = (f"{entry.form}={entry.where}",)
    country, j = entry.country, i
    if entry.kind == "org" and i + 1 < len(hits):
        nisba = _agreeing_nisba(hit, hits[i + 1], spans)
        if nisba is not None:
            country, j = nisba.country, i + 1
            e = spans.orig(hits[j].start, hits[j].end)[1]
            evidence += (f"{nisba.form}={nisba.where}",)
    if entry.kind == "nisba" and _is_first_name(hit, hits[i + 1] if i + 1 < len(hits) else None, spans):
        return None, i + 1
    sector = entry.sector
    if entry.kind == "nisba" and entry.plural:
        sector = "CVL"  # "التونسيين" are people of the country (ANNOTATION.md §1)
    etype = entry.entity_type
    rule = entry.kind + ("+nisba" if j > i else "")
    return ActorMention(s, e, spans.text[s:e], make_code(country, sector), entry.name_en, entry.kb_id,
                        etype, entry.kind, rule, evidence=evidence), j + 1


def _is_first_name(hit: Hit, nxt: Hit | None, spans: _Spans) -> bool:
    """An indefinite nisba followed by a definite word is a first name ("تركي الفيصل")."""
    if hit.definite or hit.key.endswith(("ين", "ون", "ه")):
        return False
    s, e = spans.orig(hit.start, hit.end)
    follow = normalize(spans.text[e:e + 12]).split()
    return bool(follow) and (follow[0].startswith("ال") or follow[0] in ("بن", "ال", "ابن", "بنت"))


def _agreeing_nisba(a: Hit, b: Hit, spans: _Spans) -> Entry | None:
    if _link(spans, a, b) != "space" or a.definite != b.definite:
        return None
    return next((e for e in b.entries if e.kind == "nisba"), None)


def _resolve_people(units: list[ActorMention], text: str) -> list[ActorMention]:
    """Known persons take an explicit role in apposition; titles right before them go."""
    out: list[ActorMention] = []
    for i, unit in enumerate(units):
        if unit.kind == "person":
            found = _apposition(units, i, text)
            if found is not None and _same_country(unit.code, found[0].code):
                unit = replace(unit, code=found[0].code, rule=f"person+{found[1]}")
        elif _is_title_before_person(units, i, text):
            continue
        out.append(unit)
    return out


def _same_country(known: str | None, role: str | None) -> bool:
    """A role next to a known person restates their position only within their own country:
    "السيسي الرئيس اليمني" is Sisi and then Yemen's president, not a Yemeni Sisi."""
    role_country = (role or "None").split(" ")[0]
    known_country = (known or "None").split(" ")[0]
    return role_country != "None" and known_country in (role_country, "None")


def _is_title_before_person(units: list[ActorMention], i: int, text: str) -> bool:
    unit = units[i]
    if unit.kind != "role_phrase" or not unit.needs_country or i + 1 >= len(units):
        return False
    nxt = units[i + 1]
    return nxt.kind == "person" and bool(_APPOSITION_GAP.match(text[unit.end:nxt.start]))


def _apposition(units: list[ActorMention], i: int, text: str) -> tuple[ActorMention, str] | None:
    """The role phrase in apposition to units[i]: before it (over titles), or after a comma."""
    target = units[i]
    k, pos = i - 1, target.start
    while k >= 0 and units[k].kind == "role_phrase" and _APPOSITION_GAP.match(text[units[k].end:pos]):
        if not units[k].needs_country:
            return units[k], "apposition-before"
        pos, k = units[k].start, k - 1
    if i + 1 < len(units):
        nxt = units[i + 1]
        if nxt.kind == "role_phrase" and not nxt.needs_country and _AFTER_GAP.match(text[target.end:nxt.start]):
            return nxt, "apposition-after"
    return None


def code_for_person_in_context(text: str, start: int, end: int, kb: ActorKB,
                               date: str | int | None = None) -> tuple[str, str] | None:
    """The code a person at ``text[start:end]`` gets from a role in apposition, with the rule.

    "قائد الجيش الليبي خليفة حفتر" and "العميد أحمد المسماري، الناطق الرسمي باسم القيادة
    العامة للجيش الليبي" both give LBY MIL. A role with a country wins over a bare rank
    ("العميد" alone gives "None MIL": the sector is known, the country is not).
    """
    lo, hi = max(0, start - 200), min(len(text), end + 200)
    before = [m for m in find_actor_mentions(text, kb, lo, start, date) if m.end <= start]
    after = [m for m in find_actor_mentions(text, kb, end, hi, date) if m.start >= end]
    return code_for_person_among(text, start, end, before + after)


def code_for_person_among(text: str, start: int, end: int, mentions: list[ActorMention]) -> tuple[str, str] | None:
    """``code_for_person_in_context`` over mentions already found in the text (sorted by start),
    so a document's matches serve every unknown person in it without matching again."""
    before = [m for m in mentions if m.end <= start]
    after = [m for m in mentions if m.start >= end]
    placeholder = ActorMention(start, end, text[start:end], None, None, None, "PER", "person", "")
    units = before + [placeholder] + after
    found = _apposition(units, len(before), text)
    if found is not None:
        return found[0].code, f"{found[1]}:{found[0].text}"
    rank = _adjacent_rank(before, start, text)
    if rank is not None:
        return rank.code, f"rank-before:{rank.text}"
    return None


def _adjacent_rank(before: list[ActorMention], start: int, text: str) -> ActorMention | None:
    if before and before[-1].kind == "role_phrase" and _APPOSITION_GAP.match(text[before[-1].end:start]):
        return before[-1]
    return None
