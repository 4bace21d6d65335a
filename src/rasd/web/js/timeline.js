// The timeline: SVG bars of event counts per period, stacked by PLOVER quad class, with
// each bar's per-type counts in its tooltip. Periods are categories (no empty gaps). Dates
// read from article text reach back years ("the 2011 uprising"), so the long thin tail of
// the oldest 5% of events and the newest 0.5% are left out (and counted under the chart)
// rather than squashing the weeks the articles cover; since/until zoom anywhere.

import { QUAD_COLORS, QUAD_LABELS, QUAD_OF_TYPE, append, clear, el } from "./util.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const OLD_TAIL = 0.05, NEW_TAIL = 0.005;

function trimmed(periods) {
  const total = periods.reduce((n, p) => n + p.events, 0);
  let seen = 0, first = 0, last = periods.length - 1;
  for (let i = 0; i < periods.length; i++) { seen += periods[i].events; if (seen > total * OLD_TAIL) { first = i; break; } }
  seen = 0;
  for (let i = periods.length - 1; i >= 0; i--) { seen += periods[i].events; if (seen > total * NEW_TAIL) { last = i; break; } }
  const shown = periods.slice(first, last + 1);
  return { shown, hidden: total - shown.reduce((n, p) => n + p.events, 0) };
}

function quadCounts(byType) {
  const counts = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const [type, n] of Object.entries(byType)) counts[QUAD_OF_TYPE[type] || 4] += n;
  return counts;
}

export function renderTimeline(container, stats) {
  clear(container);
  const { shown, hidden } = trimmed(stats.by_period || []);
  if (!shown.length) { container.append(el("p", { class: "muted" }, "لا أحداث مؤرخة · no dated events")); return; }
  const width = 640, height = 220, left = 40, bottom = 36, top = 8;
  const max = Math.max(...shown.map((p) => p.events));
  const step = (width - left - 8) / shown.length;
  const bar = Math.max(1, step * 0.8);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "timeline-svg", role: "img",
    "aria-label": "events per period" });
  const y = (n) => top + (height - top - bottom) * (1 - n / max);
  for (const tick of [0, Math.round(max / 2), max]) {
    chart.append(svg("line", { x1: left, x2: width, y1: y(tick), y2: y(tick), class: "grid" }));
    chart.append(svg("text", { x: left - 4, y: y(tick) + 4, class: "axis", "text-anchor": "end" }, tick));
  }
  const labelEvery = Math.ceil(shown.length / 8);
  shown.forEach((p, i) => {
    // Time runs left to right even on a right-to-left page, as on any chart axis.
    const x = left + i * step + (step - bar) / 2;
    let base = 0;
    const counts = quadCounts(p.by_type);
    const tip = `${p.period}: ${p.events}\n` + Object.entries(p.by_type).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join("\n");
    const group = svg("g", { class: "bar" }, svg("title", {}, tip));
    for (const q of [4, 3, 2, 1]) {
      if (!counts[q]) continue;
      group.append(svg("rect", { x, width: bar, y: y(base + counts[q]), height: y(base) - y(base + counts[q]), fill: QUAD_COLORS[q] }));
      base += counts[q];
    }
    chart.append(group);
    if (i % labelEvery === 0) {
      chart.append(svg("text", { x: x + bar / 2, y: height - bottom + 14, class: "axis", "text-anchor": "middle" }, p.period));
    }
  });
  const legend = el("div", { class: "legend" }, ...[1, 2, 3, 4].map((q) => el("span", {}, el("i", { class: `dot q${q}` }), QUAD_LABELS[q], " ")));
  append(container, [el("div", { class: "ltr" }, chart), legend,
    hidden ? el("p", { class: "muted small" }, `${hidden} حدثًا خارج المدى المعروض · events outside the range shown`) : null,
    stats.undated ? el("p", { class: "muted small" }, `${stats.undated} بلا تاريخ · undated`) : null]);
}
