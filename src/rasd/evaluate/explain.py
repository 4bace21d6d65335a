"""`rasd explain`: each sentence with its events and the rule or lexicon entry behind each decision."""

from __future__ import annotations

from rasd.document import ActorRef, Document, Event


def explain(doc: Document) -> str:
    lines = [f"{doc.doc_id}  published {doc.published or '?'}  language {doc.language}", ""]
    for n, (start, end) in enumerate(doc.sentences, 1):
        events = [e for e in doc.events if e.evidence and start <= e.evidence.start < end]
        mentions = sorted((m.start, m.text, e.type, e.actor) for e in doc.entities for m in e.mentions if start <= m.start < end)
        if not events and not mentions:
            continue
        lines.append(f"[{n}] {doc.text[start:end]}")
        for _, text, etype, actor in mentions:
            lines.append(f"    entity  {text}  {etype}  {actor or '-'}")
        for ev in events:
            lines.extend(_event_lines(ev))
        lines.append("")
    if not doc.events:
        lines.append("no events found")
    return "\n".join(lines)


def _event_lines(ev: Event) -> list[str]:
    trigger = ev.trigger.text if ev.trigger else "?"
    out = [f"    EVENT {ev.type} (CAMEO {ev.cameo or '-'}, mode {ev.mode or '-'})  trigger «{trigger}»  confidence {ev.confidence}",
           f"          source {_actor(ev.source)}   target {_actor(ev.target)}",
           f"          status {ev.status}" + (f" reported by {_actor(ev.reported_by)}" if ev.reported_by else "")]
    if ev.date or ev.location:
        out.append(f"          date {ev.date or '-'} ({ev.date_precision or '-'})   place {ev.location.name if ev.location else '-'}")
    out.append(f"          because {' ; '.join(ev.rules)}")
    return out


def _actor(ref: ActorRef | None) -> str:
    if ref is None:
        return "-"
    return f"{ref.code or '?'} [{ref.name or ref.text or ''}]"
