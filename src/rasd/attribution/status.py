"""Who says an event happened: asserted, claimed (with who claims it), denied, or hypothetical.

Cues come from the cue lexicon (data/events/cues.tsv) as word positions in the sentence.
The rules, first match wins (each is named in the event's ``rules``):
- negation right before the trigger (لم، لن، لا، ليس، غير، عدم) -> hypothetical;
- future or intention before it in its clause (سوف، سـ on the verb, يعتزم، من المقرر) -> hypothetical;
- a condition earlier in the sentence (إذا، في حال، لو) -> hypothetical;
- a threat cue governing it ("هدد بقصف") -> hypothetical;
- a denial earlier in the sentence (نفى، تنفي) -> denied, reported by the denier;
- a report or allegation verb earlier in the sentence whose content holds the trigger (قال ...
  إن، أكد أن، زعم، ":" or a quotation), or unnamed sources before it (مصادر، أنباء) -> claimed,
  reported by the speaker; when the speaker is also the one acting in a speech-act event
  (an accusation, a demand) the report is the event itself -> asserted;
- otherwise the outlet says it in its own voice -> asserted, even when it names its source
  ("وفق بيان للوزارة", ANNOTATION.md: a cited source does not make a claim).
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.events.roles import SPEECH_ACT_TYPES
from rasd.events.sentence import ActorSpan, SentenceView

# Cue kinds (data/events/cues.tsv) that make what follows them not (yet) happen, and how near
# before the trigger, in words, the cue must stand. "clause" means anywhere earlier in the
# trigger's clause or the one before it.
HYPOTHETICAL_REACH = {
    "negation": 2, "future": 4, "possible": 2, "modal": 3, "attempt": 3, "purpose": 2,
    "request": 4, "threat": 3, "hedge": 3, "question": "clause", "conditional": "clause",
}
CLAIM_KINDS = frozenset({"report", "allege"})


@dataclass(frozen=True)
class CueAt:
    """A cue placed in the sentence: its word position and kind (report, deny, negation ...)."""

    index: int
    kind: str
    form: str = ""


@dataclass
class Status:
    status: str
    reported_by: ActorSpan | None
    rule: str


def decide_status(view: SentenceView, trig_first: int, trig_type: str, source: ActorSpan | None,
                  cues: list[CueAt], future_prefix: bool, speaker_topic: ActorSpan | None) -> Status:
    before = [c for c in cues if c.index < trig_first]
    if future_prefix:
        return Status("hypothetical", None, "future:sa-prefix")
    rule = _hypothetical(view, trig_first, before)
    if rule:
        return Status("hypothetical", None, rule)
    deny = [c for c in before if c.kind == "deny"]
    if deny and any(c.kind in CLAIM_KINDS and c.index > deny[-1].index for c in before):
        deny = []  # "نفت ... وأكدت أن المعارك مستمرة": a later report verb takes over the content
    if deny:
        return Status("denied", view.speaker_at(deny[-1].index) or speaker_topic, "deny:" + deny[-1].form)
    claim = _claim(view, trig_first, before, cues)
    if claim is not None:
        cue, speaker, how = claim
        speaker = speaker or (speaker_topic if how == "report" else None)
        if speaker is not None and source is not None and trig_type in SPEECH_ACT_TYPES and speaker.code == source.code:
            return Status("asserted", None, "speech-act-of-speaker")
        return Status("claimed", speaker, f"{how}:{cue.form}")
    return Status("asserted", None, "outlet-voice")


def _hypothetical(view: SentenceView, i: int, before: list[CueAt]) -> str | None:
    for cue in reversed(before):
        reach = HYPOTHETICAL_REACH.get(cue.kind)
        if reach is None:
            continue
        if reach == "clause":
            if view.clause_of[i] - view.clause_of[cue.index] <= 1:
                return f"{cue.kind}:{cue.form}"
        elif i - cue.index <= reach and view.same_clause(cue.index, i):
            return f"{cue.kind}:{cue.form}"
    return None


def _claim(view: SentenceView, i: int, before: list[CueAt], cues: list[CueAt]) -> tuple[CueAt, ActorSpan | None, str] | None:
    """The cue that makes the event someone's claim, its speaker, and how ("report", "source")."""
    reports = [c for c in before if c.kind in CLAIM_KINDS and view.kind(c.index) != "report_source"
               and _opens_content(view, c.index, i)]
    if reports:
        return reports[-1], view.speaker_at(reports[-1].index), "report"
    sources = [c for c in before if view.kind(c.index) == "report_source"]
    if sources:
        return sources[-1], None, "source"
    return None


_CONTENT_MARKS = set(":«“\"")


def _opens_content(view: SentenceView, cue: int, trig: int) -> bool:
    """Whether the trigger stands in what the report verb at ``cue`` says: a complementizer
    (أن، إن), a colon or an opening quotation stands between them. A report verb with a noun
    object ("أعلن مقتل أربعة") is the outlet relaying an announcement as fact."""
    if any(view.kind(k) == "complementizer" for k in range(cue + 1, trig + 1)):
        return True
    gap = view.text[view.words[cue].end:view.words[trig].start]
    return any(ch in _CONTENT_MARKS for ch in gap)
