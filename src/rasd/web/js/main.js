// The single-page app: a hash router over four views (events dashboard, article, actor
// network, code-an-article). Filters live in the URL (#/events?type=AID&source_country=TUR),
// so every view can be bookmarked and shared.

import { renderArticle } from "./article.js";
import { initMap, refreshSize, showEvents } from "./map.js";
import { renderNetwork } from "./network.js";
import { renderTimeline } from "./timeline.js";
import {
  QUAD_LABELS, STATUS_AR, TYPE_AR, actorLabel, clear, el, getJSON, postForm, postJSON,
  shorten, showError, statusBadge, typeBadge,
} from "./util.js";

const FILTER_NAMES = ["type", "quad", "status", "actor", "source_country", "target_country",
  "mode", "place", "since", "until", "q"];
const PAGE = 50;
const MAP_LIMIT = 3000;
const $ = (id) => document.getElementById(id);
const SORT_LABELS = {
  "-published": "الأحدث نشرًا · newest article", published: "الأقدم نشرًا · oldest article",
  "-date": "الأحدث تاريخًا · newest event date", date: "الأقدم تاريخًا · oldest event date",
  type: "النوع · type", "-confidence": "الأعلى ثقة · most confident",
  confidence: "الأدنى ثقة · least confident", doc_id: "المعرف · doc_id",
};

// -- routing --------------------------------------------------------------------------------

function route() {
  const hash = location.hash.replace(/^#/, "") || "/events";
  const [path, query = ""] = hash.split("?");
  const params = new URLSearchParams(query);
  const parts = path.split("/").filter(Boolean);
  const view = parts[0] || "events";
  for (const section of document.querySelectorAll(".view")) section.hidden = true;
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    link.classList.toggle("current", link.dataset.view === view || (view === "doc" && link.dataset.view === "events"));
  }
  if (view === "doc") return showDocument(decodeURIComponent(parts.slice(1).join("/")), params);
  if (view === "network") return showNetwork(params);
  if (view === "extract") { $("view-extract").hidden = false; return null; }
  return showEvents_(params);
}

// -- events dashboard -----------------------------------------------------------------------

let lastEventsKey = null;

function filtersFrom(params) {
  const out = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = (params.get(name) || "").trim();
    if (value) out.set(name, value);
  }
  return out;
}

function fillForm(params) {
  const form = $("filters");
  for (const name of [...FILTER_NAMES, "sort"]) {
    if (form.elements[name]) form.elements[name].value = params.get(name) || (name === "sort" ? "-published" : "");
  }
  $("period").value = params.get("period") || "day";
}

async function showEvents_(params) {
  $("view-events").hidden = false;
  fillForm(params);
  const filters = filtersFrom(params);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const sort = params.get("sort") || "-published";
  const period = params.get("period") || "day";
  const key = `${filters}|${period}`;
  showError($("error"), null);
  setExports(filters, sort);
  const jobs = [loadTable(filters, sort, offset)];
  if (key !== lastEventsKey) {
    lastEventsKey = key;
    jobs.push(loadStats(filters, period), loadMap(filters));
  }
  try {
    await Promise.all(jobs);
  } catch (error) {
    lastEventsKey = null;
    showError($("error"), error);
  }
  refreshSize();
}

function setExports(filters, sort) {
  const query = new URLSearchParams(filters);
  query.set("sort", sort);
  for (const [id, path] of [["x-csv", "events.csv"], ["x-jsonl", "events.jsonl"],
    ["x-geojson", "events.geojson"], ["x-plover", "events.plover.json"]]) {
    $(id).href = `/api/${path}?${query}`;
  }
}

async function loadTable(filters, sort, offset) {
  const query = new URLSearchParams(filters);
  query.set("sort", sort); query.set("limit", PAGE); query.set("offset", offset);
  const page = await getJSON("/api/events", query);
  const body = $("events-table").tBodies[0];
  clear(body);
  for (const row of page.items) body.append(eventRow(row));
  if (!page.items.length) body.append(el("tr", {}, el("td", { colspan: 8, class: "muted" }, "لا أحداث تطابق المرشحات · no events match")));
  const more = page.total_is_lower_bound ? "+" : "";
  $("events-total").textContent = `(${page.total.toLocaleString("ar-EG")}${more})`;
  $("page-info").textContent = page.total ? `${offset + 1}–${offset + page.items.length} / ${page.total}${more}` : "";
  $("prev").disabled = offset <= 0;
  $("next").disabled = page.items.length < PAGE || (!more && offset + page.items.length >= page.total);
  $("prev").dataset.offset = Math.max(0, offset - PAGE);
  $("next").dataset.offset = offset + PAGE;
}

function docLink(row) {
  return `#/doc/${encodeURIComponent(row.doc_id)}?event=${encodeURIComponent(row.event_id)}`;
}

function eventRow(row) {
  const place = [row.location_name, row.location_country].filter(Boolean).join(" · ");
  const tr = el("tr", { class: "event-row", "data-doc": row.doc_id, "data-event": row.event_id },
    el("td", { class: "nowrap" }, row.date || row.published || "", row.date ? null : el("small", { class: "muted" }, " (نشر)")),
    el("td", {}, typeBadge(row.type), row.mode ? el("small", { class: "mode" }, ` ${row.mode}`) : null),
    el("td", {}, actorLabel(row.source_code, row.source_name)),
    el("td", {}, actorLabel(row.target_code, row.target_name)),
    el("td", {}, statusBadge(row.status), row.reported_by_code || row.reported_by_name
      ? el("div", { class: "small muted" }, "حسب ", row.reported_by_name || row.reported_by_code) : null),
    el("td", {}, place),
    el("td", { class: "evidence-cell" }, shorten(row.evidence_text, 140)),
    el("td", {}, el("a", { href: docLink(row), class: "doc-link" }, shorten(row.title || row.doc_id, 60))));
  tr.addEventListener("click", (e) => { if (e.target.tagName !== "A") location.hash = docLink(row); });
  return tr;
}

async function loadStats(filters, period) {
  const query = new URLSearchParams(filters);
  query.set("period", period);
  const stats = await getJSON("/api/stats", query);
  renderTimeline($("timeline"), stats);
  const summary = clear($("summary"));
  summary.append(el("div", {}, el("b", {}, stats.events.toLocaleString("ar-EG")), " حدثًا في ",
    el("b", {}, stats.documents.toLocaleString("ar-EG")), " مقالًا ", el("small", {}, `· ${stats.events} events in ${stats.documents} articles`)));
  const types = Object.entries(stats.by_type).slice(0, 8).map(([t, n]) => el("span", { class: "chip" }, typeBadge(t), ` ${n}`));
  summary.append(el("div", { class: "chips" }, ...types));
  const countries = Object.entries(stats.by_source_country).slice(0, 10).map(([c, n]) =>
    el("a", { class: "chip", href: `#/events?${withFilter(filters, "source_country", c)}` }, el("bdi", {}, c), ` ${n}`));
  summary.append(el("div", { class: "chips" }, el("small", { class: "muted" }, "دول المصدر · source countries: "), ...countries));
}

function withFilter(filters, name, value) {
  const query = new URLSearchParams(filters);
  query.set(name, value);
  return query;
}

async function loadMap(filters) {
  await initMap($("map"));
  const query = new URLSearchParams(filters);
  query.set("limit", MAP_LIMIT); query.set("sort", "-published");
  const response = await fetch(`/api/events.geojson?${query}`);
  const collection = await response.json();
  const n = showEvents(collection);
  $("map-note").textContent = `${n} حدثًا بإحداثيات · located events${n >= MAP_LIMIT ? ` (من أحدث المقالات · from the newest articles)` : ""}`;
}

function submitFilters(event) {
  event.preventDefault();
  const form = $("filters");
  const query = new URLSearchParams();
  for (const name of [...FILTER_NAMES, "sort"]) {
    const value = (form.elements[name].value || "").trim();
    if (value) query.set(name, ["source_country", "target_country"].includes(name) ? value.toUpperCase() : value);
  }
  if ($("period").value !== "day") query.set("period", $("period").value);
  location.hash = `#/events?${query}`;
}

function page(offset) {
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query);
  params.set("offset", offset);
  location.hash = `#${path || "/events"}?${params}`;
}

// -- article --------------------------------------------------------------------------------

async function showDocument(docId, params) {
  $("view-doc").hidden = false;
  const box = $("doc");
  clear(box).append(el("p", { class: "muted" }, "…"));
  try {
    const doc = await getJSON(`/api/documents/${encodeURIComponent(docId)}`);
    renderArticle(doc, box, {
      selected: params.get("event"),
      onSelect: (id) => history.replaceState(null, "", `#/doc/${encodeURIComponent(docId)}?event=${encodeURIComponent(id)}`),
    });
  } catch (error) {
    clear(box).append(el("div", { class: "error" }, error.code ? `${error.code}: ` : "", error.message));
  }
}

// -- network --------------------------------------------------------------------------------

async function showNetwork(params) {
  $("view-network").hidden = false;
  const filters = filtersFrom(params);
  const graphQuery = new URLSearchParams(filters);
  graphQuery.set("max_edges", 90);
  const [graph, actors] = await Promise.all([getJSON("/api/network", graphQuery),
    getJSON("/api/actors", new URLSearchParams([...filters, ["limit", "30"]]))]);
  renderNetwork($("network"), graph, (code) => { location.hash = `#/events?${withFilter(filters, "actor", code)}`; });
  const body = clear($("actors-table").tBodies[0]);
  for (const a of actors.items) {
    body.append(el("tr", {},
      el("td", {}, el("a", { href: `#/events?${withFilter(filters, "actor", a.code)}` }, el("bdi", {}, a.code))),
      el("td", {}, a.name_ar || "", a.name ? el("small", { class: "muted" }, ` ${a.name}`) : null),
      el("td", {}, a.as_source), el("td", {}, a.as_target),
      el("td", { class: "small" }, a.partners.map((p) => `${p.code} (${p.events})`).join("، "))));
  }
}

// -- code an article ------------------------------------------------------------------------

async function runExtract(event) {
  event.preventDefault();
  const form = $("extract-form");
  const status = $("extract-status");
  showError($("extract-error"), null);
  const result = $("extract-result");
  clear(result);
  status.textContent = "جارٍ التحليل… coding…";
  try {
    const file = form.elements.file.files[0];
    let answer;
    if (file) {
      const data = new FormData();
      data.append("file", file);
      answer = await postForm("/api/extract", data);
    } else {
      answer = await postJSON("/api/extract", { title: form.elements.title.value,
        text: form.elements.text.value, published: form.elements.published.value || null });
    }
    status.textContent = `${answer.documents.length} مقال · document(s) coded`;
    for (const doc of answer.documents) {
      const box = el("div", { class: "extracted" });
      result.append(box);
      renderArticle(doc, box);
    }
    for (const problem of answer.errors || []) result.append(el("p", { class: "error" }, `${problem.where}: ${problem.reason}`));
  } catch (error) {
    status.textContent = "";
    showError($("extract-error"), error);
  }
}

// -- start ----------------------------------------------------------------------------------

async function start() {
  const meta = await getJSON("/api/meta");
  const typeSelect = $("f-type");
  for (const [q, info] of Object.entries(meta.quads)) {
    const group = el("optgroup", { label: QUAD_LABELS[q] || info.name });
    for (const t of info.types) group.append(el("option", { value: t }, `${TYPE_AR[t] || ""} ${t}`));
    typeSelect.append(group);
  }
  for (const q of Object.keys(meta.quads)) $("f-quad").append(el("option", { value: q }, QUAD_LABELS[q]));
  for (const s of meta.statuses) $("f-status").append(el("option", { value: s }, `${STATUS_AR[s] || ""} ${s}`));
  for (const s of meta.sorts) $("f-sort").append(el("option", { value: s }, SORT_LABELS[s] || s));
  $("store-size").textContent = `${meta.documents.toLocaleString("ar-EG")} مقال · articles`;
  $("filters").addEventListener("submit", submitFilters);
  $("reset").addEventListener("click", () => { location.hash = "#/events"; });
  $("period").addEventListener("change", submitFilters);
  $("prev").addEventListener("click", () => page($("prev").dataset.offset));
  $("next").addEventListener("click", () => page($("next").dataset.offset));
  $("extract-form").addEventListener("submit", runExtract);
  window.addEventListener("hashchange", () => Promise.resolve(route()).catch((e) => showError($("error"), e)));
  document.body.dataset.ready = "1";
  await route();
}

window.addEventListener("DOMContentLoaded", () => {
  start().catch((error) => showError($("error"), error));
});
