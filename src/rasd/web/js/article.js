// The article view: the text with entities, places and triggers highlighted by their
// character offsets, and the events beside it; choosing an event highlights its evidence.

import {
  QUAD_OF_TYPE, actorLabel, append, clear, el, statusBadge, typeBadge,
} from "./util.js";

const ENTITY_AR = { PER: "شخص", ORG: "منظمة", GPE: "دولة/مدينة", LOC: "موقع" };

/** Spans of the record as {start, end, kind, ...}; offsets index doc.text. */
function spansOf(doc) {
  const spans = [];
  for (const entity of doc.entities || []) {
    for (const m of entity.mentions || []) {
      spans.push({ start: m.start, end: m.end, kind: "ent", type: entity.type,
        title: [entity.name_ar, entity.name, entity.actor].filter(Boolean).join(" · ") });
    }
  }
  for (const place of doc.places || []) {
    spans.push({ start: place.start, end: place.end, kind: "place",
      title: [place.name, place.country].filter(Boolean).join(" · ") });
  }
  for (const event of doc.events || []) {
    if (event.trigger) {
      spans.push({ start: event.trigger.start, end: event.trigger.end, kind: "trigger",
        event: event.id, quad: QUAD_OF_TYPE[event.type], title: `${event.type} (${event.id})` });
    }
    if (event.evidence) {
      spans.push({ start: event.evidence.start, end: event.evidence.end, kind: "evidence", event: event.id });
    }
  }
  return spans.filter((s) => s.end > s.start);
}

/** Cut the text at every span boundary; each piece knows the spans covering it. */
function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    pieces.push({ start: a, end: b, covering: spans.filter((s) => s.start <= a && s.end >= b) });
  }
  return pieces;
}

function pieceNode(text, piece) {
  const chunk = text.slice(piece.start, piece.end);
  if (!piece.covering.length) return document.createTextNode(chunk);
  const classes = new Set();
  const titles = [];
  const evidenceOf = [];
  const triggerOf = [];
  for (const s of piece.covering) {
    if (s.kind === "ent") { classes.add("m-ent"); classes.add(`m-${s.type}`); titles.push(s.title); }
    if (s.kind === "place") { classes.add("m-place"); titles.push(s.title); }
    if (s.kind === "trigger") { classes.add("m-trigger"); classes.add(`q${s.quad}`); triggerOf.push(s.event); titles.push(s.title); }
    if (s.kind === "evidence") evidenceOf.push(s.event);
  }
  return el("span", {
    class: [...classes].join(" "), title: titles.filter(Boolean).join(" | ") || null,
    "data-evidence": evidenceOf.length ? ` ${evidenceOf.join(" ")} ` : null,
    "data-trigger": triggerOf.length ? ` ${triggerOf.join(" ")} ` : null,
  }, chunk);
}

function eventCard(event, onSelect) {
  const when = event.date ? `${event.date}` : "";
  const where = event.location ? [event.location.name_ar || event.location.name, event.location.country].filter(Boolean).join(" · ") : "";
  const card = el("li", { class: "event-card", "data-event": event.id, tabindex: "0",
    onclick: () => onSelect(event.id),
    onkeydown: (e) => { if (e.key === "Enter") onSelect(event.id); } },
  el("div", { class: "line" }, typeBadge(event.type), event.mode ? el("small", { class: "mode" }, ` ${event.mode}`) : null,
    event.cameo ? el("small", { class: "muted" }, ` CAMEO ${event.cameo}`) : null, " ", statusBadge(event.status),
    el("small", { class: "muted id" }, ` ${event.id}`)),
  el("div", { class: "line" }, actorLabel(event.source && event.source.code, event.source && (event.source.text || event.source.name)),
    el("span", { class: "arrow" }, " ← "),
    actorLabel(event.target && event.target.code, event.target && (event.target.text || event.target.name))),
  event.reported_by ? el("div", { class: "line reported" }, "حسب ", el("small", {}, "reported by "),
    actorLabel(event.reported_by.code, event.reported_by.name || event.reported_by.text)) : null,
  (when || where) ? el("div", { class: "line muted" }, when, when && where ? " · " : "", where) : null,
  event.trigger ? el("div", { class: "line muted" }, "الفعل ", el("small", {}, "trigger"), ": ", el("mark", { class: `m-trigger q${QUAD_OF_TYPE[event.type]}` }, event.trigger.text)) : null);
  return card;
}

function legend() {
  return el("div", { class: "legend" },
    el("span", { class: "m-ent m-PER" }, "شخص PER"), " ", el("span", { class: "m-ent m-ORG" }, "منظمة ORG"), " ",
    el("span", { class: "m-ent m-GPE" }, "دولة GPE"), " ", el("span", { class: "m-place" }, "مكان place"), " ",
    el("span", { class: "m-trigger q4" }, "فعل الحدث trigger"), " ", el("span", { class: "evidence" }, "الدليل evidence"));
}

/** Render ``doc`` (a record) into ``container``; returns select(eventId). */
export function renderArticle(doc, container, { selected = null, onSelect = null } = {}) {
  clear(container);
  const text = doc.text || "";
  const textBox = el("div", { class: "article-text", dir: "rtl", lang: "ar" });
  for (const piece of segments(text, spansOf(doc))) textBox.append(pieceNode(text, piece));
  const list = el("ol", { class: "event-list" });
  const select = (id, scroll = true) => {
    for (const node of textBox.querySelectorAll(".evidence, .trigger-active")) node.classList.remove("evidence", "trigger-active");
    for (const node of list.querySelectorAll(".active")) node.classList.remove("active");
    if (!id) return;
    const evidence = [...textBox.querySelectorAll("[data-evidence]")].filter((n) => n.dataset.evidence.includes(` ${id} `));
    evidence.forEach((n) => n.classList.add("evidence"));
    [...textBox.querySelectorAll("[data-trigger]")].filter((n) => n.dataset.trigger.includes(` ${id} `))
      .forEach((n) => n.classList.add("trigger-active"));
    const card = list.querySelector(`[data-event="${CSS.escape(id)}"]`);
    if (card) card.classList.add("active");
    if (scroll && evidence.length) evidence[0].scrollIntoView({ block: "center", behavior: "instant" });
    if (onSelect) onSelect(id);
  };
  for (const event of doc.events || []) list.append(eventCard(event, select));
  const meta = el("p", { class: "muted" }, [doc.published, doc.source, doc.doc_id].filter(Boolean).join(" · "),
    doc.url ? [" · ", el("a", { href: safeUrl(doc.url), target: "_blank", rel: "noopener noreferrer" }, "المصدر source")] : null);
  append(container, [
    el("h1", { class: "doc-title" }, doc.title || doc.doc_id),
    meta,
    el("div", { class: "article" },
      el("div", { class: "article-main" }, legend(), textBox),
      el("aside", { class: "article-events" },
        el("h2", {}, `الأحداث (${(doc.events || []).length}) `, el("small", {}, "Events — click one to see its evidence")),
        (doc.events || []).length ? list : el("p", { class: "muted" }, "لا أحداث · no events coded"))),
  ]);
  if (selected) select(selected);
  return select;
}

/** Only http(s) links from the record become hrefs (no javascript: URLs). */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : "#";
  } catch (_) {
    return "#";
  }
}
