// The event map: Leaflet with no tile server. The base layer is country outlines from the
// bundled Natural Earth TopoJSON (world-atlas); markers are clustered and coloured by
// PLOVER quad class, a cluster by the quad most of its events belong to.

import { QUAD_COLORS, QUAD_LABELS, TYPE_AR, el, statusBadge, typeBadge } from "./util.js";

let map = null;
let cluster = null;

async function baseLayer() {
  const response = await fetch("/static/vendor/world-atlas/countries-50m.json");
  const topology = await response.json();
  const countries = window.topojson.feature(topology, topology.objects.countries);
  return window.L.geoJSON(countries, {
    style: { color: "#8a97a8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
    interactive: false,
  });
}

function clusterIcon(group) {
  const counts = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const marker of group.getAllChildMarkers()) counts[marker.options.quad] += 1;
  const quad = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const n = group.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 38 : 46;
  const node = el("div", { class: `cluster q${quad}` }, el("span", {}, String(n)));
  return window.L.divIcon({ html: node, className: "cluster-icon", iconSize: [size, size] });
}

function legendControl() {
  const control = window.L.control({ position: "bottomleft" });
  control.onAdd = () => el("div", { class: "map-legend" },
    ...[1, 2, 3, 4].map((q) => el("div", {}, el("i", { class: `dot q${q}` }), QUAD_LABELS[q])));
  return control;
}

export async function initMap(container) {
  if (map) return map;
  const L = window.L;
  map = L.map(container, { worldCopyJump: false, minZoom: 2, maxZoom: 12, attributionControl: true,
    zoomSnap: 0.5 }).setView([26, 40], 3.5);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth (world-atlas)");
  (await baseLayer()).addTo(map);
  cluster = L.markerClusterGroup({ iconCreateFunction: clusterIcon, maxClusterRadius: 45,
    showCoverageOnHover: false });
  cluster.addTo(map);
  legendControl().addTo(map);
  return map;
}

function popup(props) {
  return el("div", { class: "popup", dir: "rtl" },
    el("div", {}, typeBadge(props.type), " ", statusBadge(props.status)),
    el("div", {}, el("bdi", {}, props.source_code || "—"), " ← ", el("bdi", {}, props.target_code || "—")),
    el("div", { class: "muted" }, [props.filed_date, props.location_name].filter(Boolean).join(" · ")),
    el("div", { class: "evidence-snippet" }, (props.evidence_text || "").slice(0, 220)),
    el("a", { href: `#/doc/${encodeURIComponent(props.doc_id)}?event=${encodeURIComponent(props.event_id)}` },
      "افتح المقال · open article"));
}

/** Replace the markers with the features of a GeoJSON FeatureCollection. */
export function showEvents(collection) {
  const L = window.L;
  cluster.clearLayers();
  const markers = [];
  for (const feature of collection.features || []) {
    const [lon, lat] = feature.geometry.coordinates;
    const props = feature.properties;
    const quad = props.quad || 4;
    const marker = L.circleMarker([lat, lon], { radius: 7, color: "#fff", weight: 1.5,
      fillColor: QUAD_COLORS[quad], fillOpacity: 0.95, quad });
    // Elements, not strings: Leaflet puts a string tooltip in as HTML.
    marker.bindTooltip(el("span", {}, `${TYPE_AR[props.type] || ""} ${props.type} · ${props.location_name || ""}`));
    marker.bindPopup(() => popup(props));
    markers.push(marker);
  }
  cluster.addLayers(markers);
  return markers.length;
}

export function refreshSize() {
  if (map) map.invalidateSize();
}
