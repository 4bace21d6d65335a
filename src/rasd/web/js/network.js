// The actor network: a plain force layout (springs on edges, repulsion between nodes,
// a pull to the centre) run a fixed number of steps, then drawn once as SVG. Node area
// follows events, edge width follows events on that directed pair.

import { clear, el } from "./util.js";

const SVG = "http://www.w3.org/2000/svg";
const COUNTRY_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
  "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

/** Deterministic layout: nodes start on a circle (by weight), then relax. */
export function layout(nodes, edges, width, height, steps = 300) {
  const index = new Map(nodes.map((n, i) => [n.code, i]));
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
    const r = Math.min(width, height) * (0.15 + 0.3 * (i / Math.max(1, nodes.length)));
    return { x: width / 2 + r * Math.cos(angle), y: height / 2 + r * Math.sin(angle) };
  });
  const k = Math.sqrt((width * height) / Math.max(1, nodes.length)) * 0.6;
  for (let step = 0; step < steps; step++) {
    const temp = (1 - step / steps) * k * 0.5 + 1;
    const force = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const dx = pos[i].x - pos[j].x || 0.01, dy = pos[i].y - pos[j].y || 0.01;
        const d2 = dx * dx + dy * dy, push = (k * k) / d2;
        force[i].x += dx * push; force[i].y += dy * push;
        force[j].x -= dx * push; force[j].y -= dy * push;
      }
    }
    for (const e of edges) {
      const a = index.get(e.source), b = index.get(e.target);
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01, pull = d / k;
      force[a].x -= dx * pull; force[a].y -= dy * pull;
      force[b].x += dx * pull; force[b].y += dy * pull;
    }
    pos.forEach((p, i) => {
      force[i].x += (width / 2 - p.x) * 0.02 * k / 10;
      force[i].y += (height / 2 - p.y) * 0.02 * k / 10;
      const f = Math.sqrt(force[i].x ** 2 + force[i].y ** 2) || 1;
      p.x = Math.min(width - 30, Math.max(30, p.x + (force[i].x / f) * Math.min(f, temp)));
      p.y = Math.min(height - 20, Math.max(20, p.y + (force[i].y / f) * Math.min(f, temp)));
    });
  }
  return pos;
}

function countryColor(code, palette) {
  const country = (code || "").split(" ")[0];
  if (!palette.has(country)) palette.set(country, COUNTRY_COLORS[palette.size % COUNTRY_COLORS.length]);
  return palette.get(country);
}

export function renderNetwork(container, graph, onPick) {
  clear(container);
  const { nodes, edges } = graph;
  if (!nodes.length) { container.append(el("p", { class: "muted" }, "لا علاقات · no actor pairs")); return; }
  const width = 900, height = 620;
  const pos = layout(nodes, edges, width, height);
  const index = new Map(nodes.map((n, i) => [n.code, i]));
  const maxNode = Math.max(...nodes.map((n) => n.events));
  const maxEdge = Math.max(...edges.map((e) => e.events));
  const radius = (n) => 5 + 18 * Math.sqrt(n.events / maxNode);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "network-svg" },
    svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse" }, svg("path", { d: "M0,0L10,5L0,10z", fill: "#7b8794" }))));
  for (const e of edges) {
    const a = pos[index.get(e.source)], b = pos[index.get(e.target)];
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    const rb = radius(nodes[index.get(e.target)]) + 2;
    chart.append(svg("line", { x1: a.x, y1: a.y, x2: b.x - (dx / d) * rb, y2: b.y - (dy / d) * rb,
      "stroke-width": 0.6 + 6 * (e.events / maxEdge), class: "edge", "marker-end": "url(#arrow)" },
    svg("title", {}, `${e.source} → ${e.target}: ${e.events}`)));
  }
  const palette = new Map();
  nodes.forEach((n, i) => {
    const g = svg("g", { class: "node", tabindex: 0, "data-code": n.code },
      svg("title", {}, `${n.code} ${n.name_ar || ""} ${n.name || ""}: ${n.events}`),
      svg("circle", { cx: pos[i].x, cy: pos[i].y, r: radius(n), fill: countryColor(n.code, palette) }),
      svg("text", { x: pos[i].x, y: pos[i].y - radius(n) - 3, "text-anchor": "middle" }, n.name_ar || n.code),
      svg("text", { x: pos[i].x, y: pos[i].y + 4, "text-anchor": "middle", class: "code" }, n.code));
    g.addEventListener("click", () => onPick(n.code));
    chart.append(g);
  });
  container.append(el("div", { class: "ltr" }, chart));
}
