"""The cohort report of a batch as one self-contained HTML page.

The batch rows are read once, and of each only the few numbers the page draws are kept (coverage
per path, covered competency ids, the first gaps, the skill count), so hundreds of full reports
are never held in memory. The page shows the coverage distribution per path, a heat map of
competencies against resumes, the most common gaps, a sortable table of resumes and a short
section per resume. The tiny inline script only sorts the table; without it the page is whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from analyzer.render.common import NO_FIT_LABEL, percent
from analyzer.render.html import (
    chart_or_list_css,
    document,
    drawn_width,
    esc,
    number,
    short,
    slug,
    svg_open,
    svg_open_fluid,
    text_width,
)

# The heat map draws at most this many resumes per path (the best covered first).
HEATMAP_COLUMNS = 60
TOP_GAPS = 10
GAPS_PER_RESUME = 3
# Each resume shows, and the cohort counts, the first steps of its learning plan per path.
FIRST_STEPS = 3
BINS = 10

# Wider than the single report, so that a heat map of HEATMAP_COLUMNS resumes keeps a readable size.
MAIN_MAX_WIDTH_PX = 1200

COHORT_CSS = """
main { max-width: MAIN_MAX_WIDTH_PXpx; }
.counts { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; padding: 0; list-style: none; }
.counts li {
  background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 10px 16px;
  min-width: 130px;
}
.counts strong { display: block; font-size: 1.8rem; line-height: 1.1; font-variant-numeric: tabular-nums; }
.counts span { color: var(--muted); font-size: 0.85rem; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 16px; }
.grid2 .card { margin: 0; }
svg .hm-yes { fill: var(--ok); }
svg .hm-no { fill: #eef0f3; stroke: #c9cfd8; stroke-width: 1; }
svg .hist { fill: var(--accent); }
svg .gapbar { fill: var(--gap); }
.resumes td.num { white-space: nowrap; }
.resumes thead th { white-space: normal; }
/* File names are long words; they may break anywhere rather than widen the table past the page. */
.resumes tbody th { min-width: 16ch; overflow-wrap: anywhere; }
svg .lbl12 { font-size: 12.5px; }
.resumes .err { color: var(--gap); font-size: 0.85rem; max-width: 24ch; overflow-wrap: anywhere; }
th button {
  all: unset; cursor: pointer; font: inherit; color: inherit; text-transform: inherit;
  letter-spacing: inherit; display: inline-flex; gap: 4px; align-items: center;
}
th button::after { content: "↕"; opacity: 0.55; }
th[aria-sort="ascending"] button::after { content: "↑"; opacity: 1; }
th[aria-sort="descending"] button::after { content: "↓"; opacity: 1; }
.resume h3 { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; overflow-wrap: anywhere; }
.resume h3 span { min-width: 0; }
.resume .paths {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr)); gap: 6px 24px;
}
.comp-counts ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.comp-counts .meter { margin: 2px 0 0; }
.comp-counts .sub { margin-left: 6px; white-space: nowrap; }
@media screen and (max-width: 640px) {
  table.resumes, table.resumes caption, table.resumes tbody, table.resumes tr, table.resumes td,
  table.resumes tbody th { display: block; }
  table.resumes thead { display: block; }
  table.resumes thead tr { display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 4px 0 8px; }
  table.resumes thead th { display: block; border: 0; padding: 4px 0; }
  table.resumes tbody tr {
    display: flex; flex-wrap: wrap; gap: 0 4px; border-bottom: 1px solid var(--line); padding: 6px 0;
  }
  table.resumes tbody th { flex-basis: 100%; }
  table.resumes td, table.resumes tbody th { border: 0; padding: 2px 10px; white-space: normal; text-align: left; }
  table.resumes td[data-label]::before {
    content: attr(data-label) ": "; color: var(--muted); font-size: 0.78rem; text-transform: uppercase;
    letter-spacing: 0.05em;
  }
}
.resume .meter { margin: 4px 0 4px; }
.back { font-size: 0.85rem; }
@media print {
  th button::after { content: none; }
  .back { display: none; }
}
""".replace("MAIN_MAX_WIDTH_PX", str(MAIN_MAX_WIDTH_PX))

NO_SCRIPT = "<noscript><style>th button::after{content:none}th button{cursor:default}</style></noscript>\n"

# Sorts the resumes table by the clicked column: numbers by value, text by locale; empty last.
SORT_SCRIPT = """<script>
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("thead button").forEach(function (button) {
    button.addEventListener("click", function () {
      var th = button.closest("th"), col = th.cellIndex, numeric = th.dataset.type === "number";
      var up = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
        if (x === "" || y === "") { return (x === "") - (y === ""); }
        var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return up ? d : -d;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
</script>
"""


@dataclass
class _Row:
    """What the page needs of one batch row."""

    number: int
    file: str
    status: str
    error: str | None
    best_fit: str | None = None
    skills: int = 0
    coverage: dict[str, float] = field(default_factory=dict)
    covered: dict[str, frozenset[str]] = field(default_factory=dict)
    gaps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    steps: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class _Path:
    id: str
    name: str
    competencies: dict[str, str] = field(default_factory=dict)
    gaps: Counter[str] = field(default_factory=Counter)
    gap_names: dict[str, str] = field(default_factory=dict)
    first_steps: Counter[str] = field(default_factory=Counter)


@dataclass
class CohortCollector:
    """What the cohort page needs of each batch row, gathered one row at a time."""

    rows: list[_Row] = field(default_factory=list)
    paths: dict[str, _Path] = field(default_factory=dict)

    def add(self, data: dict[str, Any]) -> None:
        status = str(data.get("status") or "failed")
        error = data.get("error")
        row = _Row(
            len(self.rows) + 1, str(data.get("file") or "?"), status, None if error is None else str(error)
        )
        if status == "ok" and isinstance(data.get("paths"), list):
            row.best_fit = data.get("best_fit")
            row.skills = len(data.get("skills") or [])
            for path_data in data["paths"]:
                path = self.paths.setdefault(path_data["id"], _Path(path_data["id"], path_data["name"]))
                for item in path_data.get("competencies", []):
                    path.competencies.setdefault(item["id"], item["name"])
                row.coverage[path.id] = float(path_data["coverage"])
                row.covered[path.id] = frozenset(
                    item["id"] for item in path_data.get("competencies", []) if item.get("covered")
                )
                missing = path_data.get("missing", [])
                row.gaps[path.id] = tuple(gap["name"] for gap in missing[:GAPS_PER_RESUME])
                for gap in missing:
                    path.gaps[gap["id"]] += 1
                    path.gap_names.setdefault(gap["id"], gap["name"])
                row.steps[path.id] = tuple(step["name"] for step in path_data.get("plan", [])[:FIRST_STEPS])
                path.first_steps.update(row.steps[path.id])
        elif status == "ok":
            row.status, row.error = "failed", row.error or "no report in this row"
        self.rows.append(row)

    def ok_rows(self) -> list[_Row]:
        return [row for row in self.rows if row.ok]

    def path_name(self, path_id: str | None) -> str:
        if path_id is None:
            return NO_FIT_LABEL
        path = self.paths.get(path_id)
        return path.name if path else path_id


def _breakable(path: str) -> str:
    """A file path escaped, allowed to wrap after each slash."""
    return "/<wbr>".join(esc(part) for part in path.split("/"))


def _anchor(row: _Row) -> str:
    return f"resume-{row.number}"


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)

    def at(share: float) -> float:
        position = share * (len(ordered) - 1)
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    return at(0.25), at(0.5), at(0.75)


def _bin_of(value: float) -> int:
    return min(BINS - 1, max(0, int(value * BINS + 1e-9)))


def histogram_chart(cohort: CohortCollector, path: _Path, index: int) -> str:
    """Resumes per tenth of coverage, with the count above each bar."""
    values = [row.coverage[path.id] for row in cohort.ok_rows() if path.id in row.coverage]
    counts = [0] * BINS
    for value in values:
        counts[_bin_of(value)] += 1
    top, plot_h = 24, 150
    height = top + plot_h + 44
    share = 100 / BINS
    tallest = max(counts + [1])
    words = ", ".join(f"{count} from {b * 10}% to {b * 10 + 10}%" for b, count in enumerate(counts) if count)
    title = f"{path.name} coverage across {len(values)} resumes: {words or 'none'}."
    desc = ""
    if values:
        q1, median, q3 = _quartiles(values)
        desc = (
            f"Median {percent(median)}, middle half from {percent(q1)} to {percent(q3)}, "
            f"lowest {percent(min(values))}, highest {percent(max(values))}."
        )
    # Drawn in percentages of its width, so it fills a phone or a wide card with text at full size.
    out = [svg_open_fluid(height, f"hist-{slug(path.id, index)}", title, desc)]
    base = top + plot_h
    out.append(f'<line class="axis" x1="0" x2="100%" y1="{base}" y2="{base}"/>')
    for b, count in enumerate(counts):
        h = plot_h * count / tallest
        out.append(
            f'<rect class="hist" x="{b * share + share * 0.08:g}%" y="{base - h:.1f}" width="{share * 0.84:g}%" '
            f'height="{h:.1f}" data-path="{esc(path.id)}" data-bin-start="{b / BINS:g}" '
            f'data-bin-end="{(b + 1) / BINS:g}" data-count="{count}">'
            f"<title>{b * 10}–{b * 10 + 10}%: {count} resumes</title></rect>"
        )
        if count:
            out.append(
                f'<text class="val" x="{(b + 0.5) * share:g}%" y="{base - h - 5:.1f}" text-anchor="middle">{count}</text>'
            )
    for b in range(0, BINS + 1, 2):
        anchor = "start" if b == 0 else "end" if b == BINS else "middle"
        out.append(
            f'<text class="small" x="{b * share:g}%" y="{base + 16}" text-anchor="{anchor}">{b * 10}%</text>'
        )
    out.append(
        f'<text class="small" x="50%" y="{base + 34}" text-anchor="middle">'
        "coverage (resumes per band of 10 points)</text></svg>"
    )
    return "".join(out)


def heatmap_chart(cohort: CohortCollector, path: _Path, index: int) -> tuple[str, int, int]:
    """Competencies (rows) against resumes (columns), best covered resumes first, capped.
    Returns the SVG, the columns drawn and the resumes there were."""
    rows = [row for row in cohort.ok_rows() if path.id in row.coverage]
    rows.sort(key=lambda row: (-row.coverage[path.id], row.number))
    shown = rows[:HEATMAP_COLUMNS]
    comps = list(path.competencies.items())
    label_w = max([text_width(short(name, 34), 12.5) for _, name in comps] + [100]) + 14
    cell_w = max(13, min(30, 720 // max(len(shown), 1)))
    cell_h, top = 20, 58
    grid_w = cell_w * max(len(shown), 1)
    width = label_w + max(grid_w, 300) + 104
    height = top + cell_h * len(comps) + 12
    totals = {comp_id: sum(1 for row in rows if comp_id in row.covered[path.id]) for comp_id, _ in comps}
    words = "; ".join(f"{name} {totals[cid]} of {len(rows)}" for cid, name in comps)
    title = f"{path.name}: resumes covering each competency: {words}."
    desc = f"Columns are the {len(shown)} best covered of {len(rows)} analyzed resumes, numbered as in the table."
    out = [svg_open(width, height, f"heat-{slug(path.id, index)}", title, desc)]
    out.append(
        f'<text class="small" x="{label_w:g}" y="12">resume # (best {esc(path.name)} coverage first)</text>'
    )
    for col, row in enumerate(shown):
        x = label_w + col * cell_w
        cov = row.coverage[path.id]
        out.append(
            f'<g data-path="{esc(path.id)}" data-file-number="{row.number}"><title>#{row.number} {esc(row.file)}: '
            f"{esc(path.name)} {percent(cov)}</title>"
            f'<text class="small" transform="translate({x + cell_w / 2 + 4:g},{top - 6}) rotate(-90)">{row.number}</text>'
        )
        for r, (comp_id, _name) in enumerate(comps):
            yes = comp_id in row.covered[path.id]
            out.append(
                f'<rect class="{"hm-yes" if yes else "hm-no"}" x="{x + 1:g}" y="{top + r * cell_h + 1}" '
                f'width="{cell_w - 2}" height="{cell_h - 2}" data-path="{esc(path.id)}" '
                f'data-competency="{esc(comp_id)}" data-covered="{"true" if yes else "false"}"/>'
            )
        out.append("</g>")
    for r, (comp_id, name) in enumerate(comps):
        y = top + r * cell_h + 14
        out.append(
            f'<text class="lbl12" x="{label_w - 8:g}" y="{y}" text-anchor="end">'
            f"{esc(short(name, 34))}<title>{esc(name)}</title></text>"
        )
        share = totals[comp_id] / len(rows) if rows else 0.0
        out.append(
            f'<text class="small" x="{label_w + grid_w + 8:g}" y="{y}" data-competency="{esc(comp_id)}" '
            f'data-count="{totals[comp_id]}">{totals[comp_id]} of {len(rows)} ({percent(share)})</text>'
        )
    out.append("</svg>")
    return "".join(out), len(shown), len(rows)


def gaps_chart(cohort: CohortCollector, path: _Path, index: int) -> str:
    """The most common gaps of a path as horizontal bars with their counts."""
    analyzed = sum(1 for row in cohort.ok_rows() if path.id in row.coverage)
    common = path.gaps.most_common(TOP_GAPS)
    names = [(gap_id, path.gap_names[gap_id], count) for gap_id, count in common]
    row_h, top, bar_end = 44, 4, 74
    height = top + row_h * max(len(names), 1) + 4
    words = "; ".join(f"{name} {count} of {analyzed}" for _, name, count in names)
    title = f"{path.name}: most common gaps: {words or 'none'}."
    # Drawn in percentages of its width: the name above the bar, the count right of the bar.
    out = [svg_open_fluid(height, f"gaps-{slug(path.id, index)}", title)]
    if not names:
        out.append(f'<text class="lbl" x="0" y="{top + 17}">No gaps in any resume.</text>')
    for r, (gap_id, name, count) in enumerate(names):
        y = top + r * row_h
        share = count / max(analyzed, 1)
        out.append(
            f'<text class="lbl" x="0" y="{y + 14}">{esc(short(name, 42))}<title>{esc(name)}</title></text>'
            f'<rect class="track" x="0" y="{y + 20}" width="{bar_end}%" height="16" rx="3"/>'
            f'<rect class="gapbar" x="0" y="{y + 20}" width="{bar_end * share:.1f}%" height="16" rx="3" '
            f'data-path="{esc(path.id)}" data-gap="{esc(gap_id)}" data-count="{count}"/>'
            f'<text class="val" x="{bar_end + 2}%" y="{y + 33}">{count}'
            f'<tspan class="small"> ({percent(share)})</tspan></text>'
        )
    out.append("</svg>")
    return "".join(out)


def _overview(cohort: CohortCollector, title: str) -> str:
    ok = cohort.ok_rows()
    failed = sum(1 for row in cohort.rows if row.status not in ("ok", "skipped"))
    skipped = sum(1 for row in cohort.rows if row.status == "skipped")
    counts = [("files", len(cohort.rows)), ("analyzed", len(ok)), ("failed", failed), ("skipped", skipped)]
    items = "".join(f"<li><strong>{n}</strong><span>{esc(w)}</span></li>" for w, n in counts)
    fits = Counter(row.best_fit for row in ok)
    fit_words = (
        ", ".join(f"{esc(cohort.path_name(fit))}: {n}" for fit, n in fits.most_common())
        or "no resume analyzed"
    )
    means = ", ".join(
        f"{esc(path.name)} {percent(mean(r.coverage[path.id] for r in ok if path.id in r.coverage))}"
        for path in cohort.paths.values()
    )
    mean_line = f"<p><strong>Mean coverage:</strong> {means}.</p>" if means else ""
    return (
        f'<header class="masthead"><h1><span class="eyebrow">skillgap cohort report</span>{esc(title)}</h1></header>'
        '<section aria-labelledby="overview"><h2 id="overview">Overview</h2>'
        f'<ul class="counts">{items}</ul>'
        f'<p style="margin-top:12px"><strong>Best fit:</strong> {fit_words}.</p>{mean_line}</section>'
    )


def _distribution_section(cohort: CohortCollector) -> str:
    cards = []
    for index, path in enumerate(cohort.paths.values()):
        values = [row.coverage[path.id] for row in cohort.ok_rows() if path.id in row.coverage]
        q1, median, q3 = _quartiles(values) if values else (0.0, 0.0, 0.0)
        caption = (
            f"{len(values)} resumes. Median {percent(median)}; middle half {percent(q1)}–{percent(q3)}; "
            f"range {percent(min(values, default=0))}–{percent(max(values, default=0))}."
        )
        cards.append(
            f'<section class="card" aria-labelledby="dist-{esc(slug(path.id, index))}">'
            f'<h3 id="dist-{esc(slug(path.id, index))}">{esc(path.name)}</h3><figure>'
            f"{histogram_chart(cohort, path, index)}<figcaption>{caption}</figcaption></figure></section>"
        )
    return (
        '<section aria-labelledby="distribution"><h2 id="distribution">Coverage distribution</h2>'
        f'<div class="grid2">{"".join(cards)}</div></section>'
    )


def _heatmap_section(cohort: CohortCollector) -> tuple[str, float]:
    """The heat map of each path with its list of counts, and the width of the widest map."""
    parts = []
    widest = 0.0
    for index, path in enumerate(cohort.paths.values()):
        chart, shown, total = heatmap_chart(cohort, path, index)
        widest = max(widest, drawn_width(chart))
        note = (
            f"Showing the first {shown} of {total} analyzed resumes, sorted by {path.name} coverage (highest first)."
            if shown < total
            else f"All {total} analyzed resumes, sorted by {path.name} coverage (highest first)."
        )
        parts.append(
            f'<section class="card" aria-labelledby="heat-h-{esc(slug(path.id, index))}">'
            f'<h3 id="heat-h-{esc(slug(path.id, index))}">{esc(path.name)}</h3>'
            f'<figure class="heat">{chart}<figcaption>{esc(note)} Dark cell: the resume '
            "shows the competency; light cell: a gap. Column numbers match the # column of the table; "
            "the right column counts the resumes that show each competency.</figcaption></figure>"
            f"{competency_counts(cohort, path)}</section>"
        )
    section = (
        '<section aria-labelledby="heatmap"><h2 id="heatmap">Competencies across resumes</h2>'
        f"{''.join(parts)}</section>"
    )
    return section, widest


def competency_counts(cohort: CohortCollector, path: _Path) -> str:
    """The heat map's totals as a list, for screens too narrow for the map and for print: each
    competency with how many analyzed resumes show it."""
    rows = [row for row in cohort.ok_rows() if path.id in row.coverage]
    items = []
    for comp_id, name in path.competencies.items():
        count = sum(1 for row in rows if comp_id in row.covered[path.id])
        share = count / len(rows) if rows else 0.0
        items.append(
            f"<li><strong>{esc(name)}</strong>"
            f'<span class="sub">{count} of {len(rows)} ({percent(share)})</span>'
            f'<div class="meter" aria-hidden="true"><span style="width:{share * 100:.1f}%"></span></div></li>'
        )
    label = f"{path.name}: resumes showing each competency"
    return f'<div class="comp-counts"><ul aria-label="{esc(label)}">{"".join(items)}</ul></div>'


def _gaps_section(cohort: CohortCollector) -> str:
    parts = [
        f'<section class="card" aria-labelledby="gaps-h-{esc(slug(path.id, index))}">'
        f'<h3 id="gaps-h-{esc(slug(path.id, index))}">{esc(path.name)}</h3>'
        f"<figure>{gaps_chart(cohort, path, index)}"
        f"<figcaption>Resumes missing each competency, top {TOP_GAPS}.</figcaption></figure></section>"
        for index, path in enumerate(cohort.paths.values())
    ]
    return (
        '<section aria-labelledby="common-gaps"><h2 id="common-gaps">Most common gaps</h2>'
        f"{''.join(parts)}</section>"
    )


def _steps_section(cohort: CohortCollector) -> str:
    parts = []
    for path in cohort.paths.values():
        ranked = sorted(path.first_steps.items(), key=lambda item: (-item[1], item[0]))[:TOP_GAPS]
        items = "".join(f"<li>{esc(name)}: {count} resume{'s' if count != 1 else ''}</li>" for name, count in ranked)
        parts.append(
            f'<div class="card"><h3>{esc(path.name)}</h3>'
            f"{f'<ol>{items}</ol>' if items else '<p>No plan steps.</p>'}</div>"
        )
    return (
        '<section aria-labelledby="first-steps"><h2 id="first-steps">Most common first steps</h2>'
        f"<p>The skills that most often open a resume's learning plan (its first {FIRST_STEPS} steps).</p>"
        f"{''.join(parts)}</section>"
    )


def _table_section(cohort: CohortCollector) -> str:
    paths = list(cohort.paths.values())
    heads = [("#", "number"), ("File", "text"), ("Status", "text"), ("Best fit", "text")]
    heads += [(path.name, "number") for path in paths] + [("Skills", "number")]
    head = "".join(
        f'<th scope="col" data-type="{kind}" class="{"num" if kind == "number" else "txt"}">'
        f'<button type="button">{esc(label)}</button></th>'
        for label, kind in heads
    )
    body = []
    for row in cohort.rows:
        status = f'<span class="badge {esc(row.status)}">{esc(row.status)}</span>'
        if row.error:
            status += f'<div class="err">{esc(row.error)}</div>'
        cells = [
            f'<td class="num" data-sort="{row.number}" data-label="#">{row.number}</td>',
            f'<th scope="row" data-sort="{esc(row.file.lower())}"><a href="#{_anchor(row)}">{_breakable(row.file)}</a></th>',
            f'<td data-sort="{esc(row.status)}" data-label="Status">{status}</td>',
        ]
        fit = cohort.path_name(row.best_fit) if row.ok else ""
        cells.append(f'<td data-sort="{esc(fit)}" data-label="Best fit">{esc(fit) or "—"}</td>')
        for path in paths:
            if path.id in row.coverage:
                cov = row.coverage[path.id]
                cells.append(
                    f'<td class="num" data-sort="{number(cov)}" data-label="{esc(path.name)}" data-path="{esc(path.id)}" '
                    f'data-coverage="{number(cov)}">{percent(cov)}</td>'
                )
            else:
                cells.append(f'<td class="num" data-sort="" data-label="{esc(path.name)}">—</td>')
        skills = str(row.skills) if row.ok else ""
        cells.append(f'<td class="num" data-sort="{skills}" data-label="Skills">{skills or "—"}</td>')
        body.append(f'<tr data-file-number="{row.number}">{"".join(cells)}</tr>')
    return (
        '<section aria-labelledby="resumes"><h2 id="resumes">Resumes</h2>'
        '<table class="sortable resumes">'
        "<caption>Every file of the batch in the order read, with its coverage per path; click a "
        "column header to sort. "
        "Each file name links to its section below.</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></section>"
    )


def _resume_sections(cohort: CohortCollector) -> str:
    parts = []
    for row in cohort.rows:
        status = f'<span class="badge {esc(row.status)}">{esc(row.status)}</span>'
        inner = []
        if row.ok:
            inner.append(
                f'<p class="sub">Best fit: <strong>{esc(cohort.path_name(row.best_fit))}</strong> · '
                f"{row.skills} skills found</p>"
            )
            blocks = []
            for path in cohort.paths.values():
                if path.id not in row.coverage:
                    continue
                cov = row.coverage[path.id]
                gaps = ", ".join(esc(name) for name in row.gaps.get(path.id, ())) or "none"
                steps = ", ".join(esc(name) for name in row.steps.get(path.id, ())) or "none"
                blocks.append(
                    f"<div><strong>{esc(path.name)}: {percent(cov)}</strong>"
                    f'<div class="meter" aria-hidden="true"><span style="width:{cov * 100:.1f}%"></span></div>'
                    f'<div class="sub">Top gaps: {gaps}</div><div class="sub">First steps: {steps}</div></div>'
                )
            inner.append(f'<div class="paths">{"".join(blocks)}</div>')
        else:
            inner.append(f'<p class="err">{esc(row.error or row.status)}</p>')
        parts.append(
            f'<section class="card resume" id="{_anchor(row)}" aria-labelledby="{_anchor(row)}-h">'
            f'<h3 id="{_anchor(row)}-h"><span>#{row.number} {esc(row.file)}</span> {status}</h3>'
            f'{"".join(inner)}<a class="back" href="#resumes">Back to the table</a></section>'
        )
    return (
        '<section aria-labelledby="each"><h2 id="each">Each resume</h2>'
        f"{''.join(parts) or '<p>No files.</p>'}</section>"
    )


def render_collected(cohort: CohortCollector, *, title: str = "skillgap cohort report") -> str:
    """The cohort page of the rows gathered so far."""
    body = [_overview(cohort, title)]
    css = COHORT_CSS
    if cohort.paths:
        heatmaps, widest = _heatmap_section(cohort)
        css += chart_or_list_css(".heat", ".comp-counts", widest, main_width=MAIN_MAX_WIDTH_PX)
        body += [_distribution_section(cohort), heatmaps, _gaps_section(cohort), _steps_section(cohort)]
    body += [
        _table_section(cohort),
        _resume_sections(cohort),
        "<footer>Made by skillgap. Includes information from O*NET (onetcenter.org), USDOL/ETA, under CC BY 4.0.</footer>",
        SORT_SCRIPT,
    ]
    return document(title, "\n".join(body), extra_css=css, head_extra=NO_SCRIPT)


def render_cohort_html(results: Iterable[dict], *, title: str = "skillgap cohort report") -> str:
    """The cohort page of batch rows as ``FileResult.to_dict()`` gives them (a full report with
    ``file``, ``status``, ``error`` and ``sha256``); each row is read once and reduced to the few
    numbers the page shows."""
    cohort = CohortCollector()
    for data in results:
        cohort.add(data)
    return render_collected(cohort, title=title)
