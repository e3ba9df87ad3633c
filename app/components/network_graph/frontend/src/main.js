// The network view of the coopkg explorer (a Streamlit component, API version 1): Cytoscape.js
// with the fcose layout, nodes coloured by kind with a legend, zoom and pan, click-through.
//
// Python sends (args): nodes [{id, label, kind, size}], edges [{source, target, label}],
// kinds {kind: {label, colour}}, strings, height. The component sends (value): {iri, clicks}
// when a node is clicked (or chosen from the list, for the keyboard). Labels are drawn on the
// canvas by Cytoscape, and set as text (textContent, <option> text) elsewhere: never as HTML.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";
import { applyTheme, connect, followHeight, setComponentValue } from "../../../frontend_shared/streamlit-protocol.js";

cytoscape.use(fcose);

const FALLBACK_COLOUR = "#868e96";
const LABEL_WIDTH_PX = 120;
const READABLE_ZOOM = 0.8; // 12 px labels drawn at 9.6 px

const root = document.getElementById("root");
const toolbar = el("div", "toolbar");
const zoomIn = button("zoom-in", "+");
const zoomOut = button("zoom-out", "−");
const fit = button("fit", "");
const chooserLabel = el("label", "chooser-label");
const chooser = el("select", "chooser");
chooser.id = "chooser";
chooserLabel.htmlFor = "chooser";
const open = button("open", "");
toolbar.append(zoomIn, zoomOut, fit, el("span", "spacer"), chooserLabel, chooser, open);
const canvasHost = el("div", "graph");
canvasHost.setAttribute("role", "img");
const legend = el("ul", "legend");
root.append(toolbar, canvasHost, legend);

function el(tag, className) {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

function button(className, label) {
  const node = el("button", className);
  node.type = "button";
  node.textContent = label;
  return node;
}

let strings = {};
let kinds = {};
let clicks = 0;
let dataStamp = null;
let running = null;

const cy = cytoscape({
  container: canvasHost,
  minZoom: 0.1,
  maxZoom: 5,
  style: [
    { selector: "node", style: {
      "background-color": "data(colour)", width: "data(diameter)", height: "data(diameter)",
      label: "data(label)", "font-size": 12, "font-family": "\"Source Sans Pro\", \"Source Sans 3\", system-ui, sans-serif",
      color: "#31333f", "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "wrap",
      "text-max-width": `${LABEL_WIDTH_PX}px`, "text-background-color": "#ffffff", "text-background-opacity": 0.75,
      "text-background-padding": 1, "min-zoomed-font-size": 6, "border-width": 1, "border-color": "#ffffff" } },
    { selector: "node:active, node:selected", style: { "border-width": 3, "border-color": "#31333f" } },
    { selector: "edge", style: { width: 1, "line-color": "#ced4da", "curve-style": "haystack", opacity: 0.9 } },
  ],
  layout: { name: "preset" },
});
window.coopkgGraph = cy; // for the browser tests and for debugging in the console

function openNode(id) {
  if (!id) return;
  clicks += 1;
  setComponentValue({ iri: id, clicks });
}

cy.on("tap", "node", (event) => openNode(event.target.id()));
zoomIn.addEventListener("click", () => cy.zoom({ level: cy.zoom() * 1.3, renderedPosition: centre() }));
zoomOut.addEventListener("click", () => cy.zoom({ level: cy.zoom() / 1.3, renderedPosition: centre() }));
fit.addEventListener("click", () => cy.fit(undefined, 30));
open.addEventListener("click", () => openNode(chooser.value));
chooser.addEventListener("change", () => {
  const node = cy.getElementById(chooser.value);
  if (node.nonempty()) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 200 });
});

function centre() {
  return { x: canvasHost.clientWidth / 2, y: canvasHost.clientHeight / 2 };
}

function setLabels() {
  zoomIn.title = zoomIn.ariaLabel = strings.zoom_in || "Zoom in";
  zoomOut.title = zoomOut.ariaLabel = strings.zoom_out || "Zoom out";
  fit.textContent = strings.fit || "Fit";
  chooserLabel.textContent = strings.choose || "Node";
  open.textContent = strings.open || "Open";
  canvasHost.setAttribute("aria-label", strings.graph_label || "Network");
}

function renderLegend(present) {
  legend.replaceChildren();
  legend.setAttribute("aria-label", strings.legend || "Legend");
  const entries = Object.entries(kinds).filter(([kind]) => present.has(kind));
  if ([...present].some((kind) => !(kind in kinds))) entries.push(["", { label: strings.other || "Other", colour: FALLBACK_COLOUR }]);
  for (const [kind, style] of entries) {
    const item = el("li", "legend-item");
    const swatch = el("span", "swatch");
    swatch.style.backgroundColor = style.colour || FALLBACK_COLOUR;
    const name = el("span", "legend-label");
    name.textContent = style.label || kind;
    item.append(swatch, name);
    legend.append(item);
  }
}

function renderChooser(nodes) {
  const chosen = chooser.value;
  chooser.replaceChildren(new Option(strings.choose_placeholder || "…", ""));
  [...nodes].sort((a, b) => String(a.label).localeCompare(String(b.label)))
    .forEach((n) => chooser.add(new Option(`${n.label} (${(kinds[n.kind] || {}).label || n.kind})`, n.id)));
  chooser.value = chosen;
}

function setData(nodes, edges) {
  const ids = new Set(nodes.map((n) => n.id));
  const maxSize = Math.max(1, ...nodes.map((n) => Number(n.size) || 1));
  cy.elements().remove();
  cy.add(nodes.map((n) => ({ group: "nodes", data: {
    id: n.id, label: String(n.label ?? n.id), kind: n.kind,
    colour: (kinds[n.kind] || {}).colour || FALLBACK_COLOUR,
    diameter: 12 + 22 * Math.sqrt((Number(n.size) || 1) / maxSize) } })));
  cy.add(edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e, i) => ({ group: "edges",
    data: { id: `e${i}`, source: e.source, target: e.target } })));
  if (running) running.stop();
  document.body.dataset.layout = "running";
  // Labels count in the node sizes, so the layout keeps them apart; the seed-free layout is
  // made repeatable by placing nodes on a circle first (randomize: false).
  cy.layout({ name: "circle" }).run();
  running = cy.layout({
    name: "fcose", quality: "proof", randomize: false, animate: false, fit: true, padding: 30,
    nodeDimensionsIncludeLabels: true, nodeSeparation: 40, idealEdgeLength: 45, nodeRepulsion: 3500,
    edgeElasticity: 0.45, gravity: 0.6, gravityRange: 2.5, numIter: 4000, packComponents: true, tile: true,
  });
  running.one("layoutstop", () => {
    separateLabels();
    cy.fit(undefined, 30);
    // Never so far out that labels cannot be read: the rest is a pan (or "Fit") away.
    if (cy.zoom() < READABLE_ZOOM) cy.zoom({ level: READABLE_ZOOM, renderedPosition: centre() });
    document.body.dataset.layout = "done";
  });
  running.run();
}

// fcose keeps nodes (with their labels) from overlapping; what it leaves, this removes: nodes
// whose label boxes still meet are pushed apart, a few rounds at most.
function separateLabels(rounds = 60) {
  const nodes = cy.nodes();
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    const boxes = nodes.map((n) => ({ n, b: n.boundingBox({ includeLabels: true, includeOverlays: false }) }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].b, b = boxes[j].b;
        const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
        const dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
        if (dx <= 0 || dy <= 0) continue;
        moved = true;
        const pa = boxes[i].n.position(), pb = boxes[j].n.position();
        // push along the axis of least overlap, half each way
        if (dx < dy) {
          const s = (pa.x <= pb.x ? -1 : 1) * (dx / 2 + 2);
          boxes[i].n.position({ x: pa.x + s, y: pa.y });
          boxes[j].n.position({ x: pb.x - s, y: pb.y });
        } else {
          const s = (pa.y <= pb.y ? -1 : 1) * (dy / 2 + 2);
          boxes[i].n.position({ x: pa.x, y: pa.y + s });
          boxes[j].n.position({ x: pb.x, y: pb.y - s });
        }
        boxes[i].b = boxes[i].n.boundingBox({ includeLabels: true, includeOverlays: false });
        boxes[j].b = boxes[j].n.boundingBox({ includeLabels: true, includeOverlays: false });
      }
    }
    if (!moved) return;
  }
}

connect(({ args, theme }) => {
  applyTheme(theme);
  strings = args.strings || {};
  kinds = args.kinds || {};
  if (typeof args.clicks === "number" && args.clicks > clicks) clicks = args.clicks;
  setLabels();
  canvasHost.style.height = `${args.height || 600}px`;
  const nodes = args.nodes || [];
  const edges = args.edges || [];
  const stamp = JSON.stringify([nodes, edges, kinds]);
  if (stamp !== dataStamp) {
    dataStamp = stamp;
    cy.resize();
    setData(nodes, edges);
    renderLegend(new Set(nodes.map((n) => n.kind)));
    renderChooser(nodes);
  }
  document.body.dataset.ready = "true";
});
followHeight(root);
