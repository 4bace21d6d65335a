"""Attribution: who says each event happened, and whether it did (see status.py)."""

from __future__ import annotations

from rasd.attribution.status import decide_status
from rasd.document import Document
from rasd.pipeline import Stage


def attribute_events(doc: Document) -> Document:
    """Set status and reported_by on every event; the last speaker carries over sentences
    ("وأضاف أن ..." repeats no speaker)."""
    from rasd.events.stage import actor_ref

    speaker = None
    for p in doc.annotations.get("pending_status", []):
        # A report verb with no subject of its own ("وأكد أن ...") speaks for the document's
        # topic when it opens its sentence, else for the last speaker.
        opener = any(c.kind == "report" and c.index <= 1 for c in p.cues) and p.topic is not None
        st = decide_status(p.view, p.trigger_first, p.event.type, p.source, p.cues, p.future_prefix,
                           p.topic if opener else speaker)
        if st.reported_by is not None:
            speaker = st.reported_by
        p.event.status, p.event.reported_by = st.status, actor_ref(st.reported_by)
        p.event.rules.append(st.rule)
    return doc


attribution_stage = Stage("attribution", attribute_events, requires=("events",), assigns=("status",))
