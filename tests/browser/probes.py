"""Measurements taken inside the page: each is a JavaScript function body that returns plain data.

They read only what the browser computed (boxes, computed styles), so they hold for any report
content: the tests never pin a report's wording.
"""

from __future__ import annotations

# Elements that stick out of the viewport sideways: only the outermost of each overflowing branch.
OVERFLOWING = """
const limit = document.documentElement.clientWidth + 0.5;
const out = [];
function describe(el) {
  const cls = typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "";
  return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + cls;
}
function visit(el) {
  const box = el.getBoundingClientRect();
  if (box.width > 0 && (box.right > limit || box.left < -0.5)) {
    out.push(describe(el) + " spans " + Math.round(box.left) + ".." + Math.round(box.right));
    return;
  }
  for (const child of el.children) visit(child);
}
visit(document.body);
// Text that runs out of its element (an unbreakable string) widens the page without widening a box.
const range = document.createRange();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode() && out.length < 12) {
  range.selectNodeContents(walker.currentNode);
  const box = range.getBoundingClientRect();
  if (box.width > 0 && box.right > limit) {
    out.push("text in " + describe(walker.currentNode.parentElement) + " ends at " + Math.round(box.right));
  }
}
return {
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  elements: out.slice(0, 12),
};
"""

# Every chart: its drawn size, the smallest drawn font size of its labels, and labels that overlap.
CHARTS = """
const charts = [];
for (const svg of document.querySelectorAll("svg[role=img]")) {
  const box = svg.getBoundingClientRect();
  const visible = svg.getClientRects().length > 0 && getComputedStyle(svg).visibility !== "hidden";
  const label = (svg.querySelector("title") || {}).textContent || svg.id;
  const view = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal : null;
  const scale = view ? box.width / view.width : 1;
  const texts = [];
  for (const text of svg.querySelectorAll("text")) {
    const r = text.getBoundingClientRect();
    if (r.width === 0 || !text.textContent.trim()) continue;
    texts.push({text: text.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(text).fontSize) * scale,
                left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  }
  const overlaps = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i], b = texts[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      // Glyph boxes include the line's leading: overlapping by a pixel or two is not touching ink.
      if (w > 1.5 && h > 2.5) overlaps.push([a.text, b.text]);
    }
  }
  charts.push({label: label.slice(0, 60), visible: visible, width: box.width, height: box.height,
               smallest: texts.length ? Math.min(...texts.map(t => t.size)) : null,
               overlaps: overlaps.slice(0, 5)});
}
return charts;
"""

# Text whose colour against what lies behind it falls under a contrast ratio.
LOW_CONTRAST = """
const minimum = arguments[0];
function parse(colour) {
  const m = colour.match(/rgba?\\(([^)]+)\\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
}
function over(top, bottom) {
  const a = top.a;
  return {r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1};
}
function luminance(c) {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
function ratio(a, b) {
  const x = luminance(a), y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
const white = {r: 255, g: 255, b: 255, a: 1};
function htmlBackground(el) {
  const layers = [];
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    if (node instanceof SVGElement && node.tagName.toLowerCase() !== "svg") continue;
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg && bg.a > 0) { layers.push(bg); if (bg.a >= 1) break; }
  }
  let colour = white;
  for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
  return colour;
}
function svgBackground(text) {
  // What the label sits on: the topmost filled shape under its centre, drawn before it.
  const box = text.getBoundingClientRect();
  const x = (box.left + box.right) / 2, y = (box.top + box.bottom) / 2;
  const svg = text.ownerSVGElement;
  let colour = htmlBackground(svg);
  for (const shape of svg.querySelectorAll("rect, circle")) {
    if (shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_PRECEDING) continue;
    const r = shape.getBoundingClientRect();
    if (x < r.left || x > r.right || y < r.top || y > r.bottom) continue;
    const fill = parse(getComputedStyle(shape).fill);
    if (fill && fill.a > 0) colour = over(fill, colour);
  }
  return colour;
}
const low = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const seen = new Set();
while (walker.nextNode()) {
  const node = walker.currentNode;
  const el = node.parentElement;
  if (!node.textContent.trim() || seen.has(el) || el.closest("title, desc, style, script, noscript")) continue;
  seen.add(el);
  const style = getComputedStyle(el);
  if (el.getClientRects().length === 0 || style.visibility === "hidden") continue;
  const box = el.getBoundingClientRect();
  if (box.width <= 1 && box.height <= 1) continue;  // visually hidden, for screen readers
  const inSvg = el instanceof SVGElement;
  let ink = parse(inSvg ? style.fill : style.color);
  if (!ink) continue;
  const back = inSvg ? svgBackground(el.closest("text") || el) : htmlBackground(el);
  ink = over(ink, back);
  const value = ratio(ink, back);
  if (value < minimum) {
    low.push({text: node.textContent.trim().slice(0, 40), tag: el.tagName.toLowerCase(),
              ratio: Math.round(value * 100) / 100, ink: style.color, fill: style.fill});
  }
}
return low.slice(0, 12);
"""

# Marks that tell covered from not covered: how far apart the two kinds are besides hue.
STATE_MARKS = """
function parse(colour) {
  const m = colour.match(/rgba?\\(([^)]+)\\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2]};
}
function luminance(c) {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
const out = [];
for (const svg of document.querySelectorAll("svg[role=img]")) {
  if (svg.getClientRects().length === 0) continue;
  const kinds = {};
  for (const mark of svg.querySelectorAll("[data-covered]")) {
    const style = getComputedStyle(mark);
    const fill = parse(style.fill);
    kinds[mark.dataset.covered] = {
      luminance: fill ? luminance(fill) : null,
      outline: style.stroke !== "none" && parseFloat(style.strokeWidth) > 0 ? style.stroke : "none",
    };
  }
  if (kinds.true && kinds.false) {
    const [a, b] = [kinds.true.luminance, kinds.false.luminance];
    out.push({label: (svg.querySelector("title") || {}).textContent.slice(0, 60),
              luminanceRatio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
              sameOutline: kinds.true.outline === kinds.false.outline});
  }
}
return out;
"""

# The rows of a sortable table as the values its cells sort by, column by column.
SORTABLE_COLUMN = """
const table = document.querySelector("table.sortable");
const col = arguments[0];
return Array.from(table.tBodies[0].rows, row => [row.dataset.fileNumber, row.cells[col].dataset.sort]);
"""

# Whether consecutive values are in order, the way the page compares them (empty values last).
IN_ORDER = """
const [values, numeric, ascending] = arguments;
const bad = [];
for (let i = 1; i < values.length; i++) {
  const x = values[i - 1], y = values[i];
  if (x === "" || y === "") { if (x === "" && y !== "") bad.push([x, y]); continue; }
  let d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
  if (!ascending) d = -d;
  if (d > 0) bad.push([x, y]);
}
return bad.slice(0, 5);
"""

# Charts the page hides (too wide to stay readable here): what their section still shows besides
# its headings, which is the list that replaces the chart.
HIDDEN_CHARTS = """
const out = [];
for (const svg of document.querySelectorAll("svg[role=img]")) {
  if (svg.getClientRects().length > 0) continue;
  const section = svg.closest("section");
  let shown = section ? section.innerText : "";
  for (const heading of section ? section.querySelectorAll("h1, h2, h3, h4") : []) {
    shown = shown.replace(heading.innerText, "");
  }
  out.push({label: (svg.querySelector("title") || {}).textContent.slice(0, 60), shown: shown.trim().length});
}
return out;
"""
