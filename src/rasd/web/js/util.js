// Shared helpers. Every piece of data reaches the page as a text node (el() children,
// textContent): article text is untrusted HTML and is never parsed as markup.

export const QUAD_COLORS = { 1: "#2e7d32", 2: "#1565c0", 3: "#ef8f00", 4: "#c62828" };
export const QUAD_LABELS = {
  1: "تعاون لفظي · verbal cooperation",
  2: "تعاون مادي · material cooperation",
  3: "نزاع لفظي · verbal conflict",
  4: "نزاع مادي · material conflict",
};
export const QUAD_OF_TYPE = {
  AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1, COOPERATE: 2, AID: 2, RETREAT: 2,
  REQUEST: 3, ACCUSE: 3, REJECT: 3, THREATEN: 3,
  SANCTION: 4, PROTEST: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4,
};
export const TYPE_AR = {
  AGREE: "اتفاق", CONSULT: "تشاور", SUPPORT: "دعم", CONCEDE: "تنازل", COOPERATE: "تعاون",
  AID: "مساعدة", RETREAT: "انسحاب", REQUEST: "طلب", ACCUSE: "اتهام", REJECT: "رفض",
  THREATEN: "تهديد", SANCTION: "عقوبة", PROTEST: "احتجاج", MOBILIZE: "تعبئة",
  COERCE: "إكراه", ASSAULT: "اعتداء",
};
export const STATUS_AR = {
  asserted: "مؤكَّد", claimed: "منسوب", denied: "منفي", hypothetical: "افتراضي",
};

/** el("a", {href: "#"}, "text", child) — strings become text nodes, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code;
    this.param = err.param;
  }
}

export async function getJSON(path, params) {
  const url = params ? `${path}?${params}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function postJSON(path, payload) {
  const response = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function postForm(path, form) {
  const response = await fetch(path, { method: "POST", body: form });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export function typeBadge(type) {
  const quad = QUAD_OF_TYPE[type];
  return el("span", { class: `badge q${quad || 0}`, title: QUAD_LABELS[quad] || "" },
    TYPE_AR[type] ? `${TYPE_AR[type]} ` : "", el("small", {}, type || "?"));
}

export function statusBadge(status) {
  return el("span", { class: `status s-${status}` }, STATUS_AR[status] || status || "",
    " ", el("small", {}, status || ""));
}

export function actorLabel(code, name) {
  if (!code && !name) return el("span", { class: "muted" }, "—");
  return el("span", { class: "actor" }, el("bdi", { class: "code" }, code || "?"),
    name ? el("small", {}, ` ${name}`) : null);
}

export function shorten(text, width) {
  const flat = (text || "").replace(/\s+/g, " ").trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

export function showError(box, error) {
  if (!error) { box.hidden = true; clear(box); return; }
  clear(box);
  append(box, [error.code ? `${error.code}: ` : "", error.message || String(error)]);
  box.hidden = false;
}
