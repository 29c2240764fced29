"""The cohort report of a batch as one self-contained HTML page.

The page draws a :class:`~analyzer.cohort.CohortSummary` kept with its rows (the few numbers per
file its table shows), the same summary that ``--summary`` writes, so both say the same figures.
The page shows the coverage distribution per path, a heat map of competencies against resumes,
the most common gaps, the ranking of resumes against each job posting, a sortable table of
resumes and a short section per resume. The tiny inline script only sorts the table; without it
the page is whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from analyzer.batch import FileResult
from analyzer.cohort import FIRST_STEPS, TOP_GAPS, TOP_STEPS, CohortSummary, PathTally, ResumeRow, most_common
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


def _breakable(path: str) -> str:
    """A file path escaped, allowed to wrap after each slash."""
    return "/<wbr>".join(esc(part) for part in path.split("/"))


def _anchor(row: ResumeRow) -> str:
    return f"resume-{row.number}"


def _bin_of(value: float) -> int:
    return min(BINS - 1, max(0, int(value * BINS + 1e-9)))


def histogram_chart(path: PathTally, index: int) -> str:
    """Resumes per tenth of coverage, with the count above each bar."""
    counts = [0] * BINS
    for value, resumes in path.coverage.items():
        counts[_bin_of(value)] += resumes
    top, plot_h = 24, 150
    height = top + plot_h + 44
    share = 100 / BINS
    tallest = max(counts + [1])
    words = ", ".join(f"{count} from {b * 10}% to {b * 10 + 10}%" for b, count in enumerate(counts) if count)
    title = f"{path.name} coverage across {path.resumes} resumes: {words or 'none'}."
    c = path.distribution()
    desc = (
        f"Median {percent(c['median'])}, middle half from {percent(c['q1'])} to {percent(c['q3'])}, "
        f"lowest {percent(c['min'])}, highest {percent(c['max'])}."
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


def heatmap_chart(cohort: CohortSummary, path: PathTally, index: int) -> tuple[str, int, int]:
    """Competencies (rows) against resumes (columns), best covered resumes first, capped.
    Returns the SVG, the columns drawn and the resumes there were."""
    rows = _ok_rows(cohort, path)
    rows.sort(key=lambda row: (-row.coverage[path.id], row.number))
    shown = rows[:HEATMAP_COLUMNS]
    comps = list(path.competencies.items())
    label_w = max([text_width(short(name, 34), 12.5) for _, name in comps] + [100]) + 14
    cell_w = max(13, min(30, 720 // max(len(shown), 1)))
    cell_h, top = 20, 58
    grid_w = cell_w * max(len(shown), 1)
    width = label_w + max(grid_w, 300) + 104
    height = top + cell_h * len(comps) + 12
    totals = path.covered
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


def gaps_chart(path: PathTally, index: int) -> str:
    """The most common gaps of a path as horizontal bars with their counts."""
    analyzed = path.resumes
    names = path.common_gaps(TOP_GAPS)
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


def _ok_rows(cohort: CohortSummary, path: PathTally) -> list[ResumeRow]:
    return [row for row in cohort.rows if row.ok and path.id in row.coverage]


def _overview(cohort: CohortSummary, title: str) -> str:
    counts = [
        ("files", cohort.files),
        ("analyzed", cohort.analyzed),
        ("failed", cohort.failed),
        ("skipped", cohort.skipped),
    ]
    items = "".join(f"<li><strong>{n}</strong><span>{esc(w)}</span></li>" for w, n in counts)
    fit_words = (
        ", ".join(f"{esc(cohort.path_name(fit) or NO_FIT_LABEL)}: {n}" for fit, n in cohort.best_fits())
        or "no resume analyzed"
    )
    means = ", ".join(
        f"{esc(path.name)} {percent(path.distribution()['mean'])}" for path in cohort.paths.values()
    )
    mean_line = f"<p><strong>Mean coverage:</strong> {means}.</p>" if means else ""
    return (
        f'<header class="masthead"><h1><span class="eyebrow">skillgap cohort report</span>{esc(title)}</h1></header>'
        '<section aria-labelledby="overview"><h2 id="overview">Overview</h2>'
        f'<ul class="counts">{items}</ul>'
        f'<p style="margin-top:12px"><strong>Best fit:</strong> {fit_words}.</p>{mean_line}</section>'
    )


def _distribution_section(cohort: CohortSummary) -> str:
    cards = []
    for index, path in enumerate(cohort.paths.values()):
        c = path.distribution()
        caption = (
            f"{path.resumes} resumes. Median {percent(c['median'])}; middle half "
            f"{percent(c['q1'])}–{percent(c['q3'])}; range {percent(c['min'])}–{percent(c['max'])}."
        )
        cards.append(
            f'<section class="card" aria-labelledby="dist-{esc(slug(path.id, index))}">'
            f'<h3 id="dist-{esc(slug(path.id, index))}">{esc(path.name)}</h3><figure>'
            f"{histogram_chart(path, index)}<figcaption>{caption}</figcaption></figure></section>"
        )
    return (
        '<section aria-labelledby="distribution"><h2 id="distribution">Coverage distribution</h2>'
        f'<div class="grid2">{"".join(cards)}</div></section>'
    )


def _heatmap_section(cohort: CohortSummary) -> tuple[str, float]:
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
            f"{competency_counts(path)}</section>"
        )
    section = (
        '<section aria-labelledby="heatmap"><h2 id="heatmap">Competencies across resumes</h2>'
        f"{''.join(parts)}</section>"
    )
    return section, widest


def competency_counts(path: PathTally) -> str:
    """The heat map's totals as a list, for screens too narrow for the map and for print: each
    competency with how many analyzed resumes show it."""
    items = []
    for comp_id, name in path.competencies.items():
        count = path.covered[comp_id]
        share = count / path.resumes if path.resumes else 0.0
        items.append(
            f"<li><strong>{esc(name)}</strong>"
            f'<span class="sub">{count} of {path.resumes} ({percent(share)})</span>'
            f'<div class="meter" aria-hidden="true"><span style="width:{share * 100:.1f}%"></span></div></li>'
        )
    label = f"{path.name}: resumes showing each competency"
    return f'<div class="comp-counts"><ul aria-label="{esc(label)}">{"".join(items)}</ul></div>'


def _gaps_section(cohort: CohortSummary) -> str:
    parts = [
        f'<section class="card" aria-labelledby="gaps-h-{esc(slug(path.id, index))}">'
        f'<h3 id="gaps-h-{esc(slug(path.id, index))}">{esc(path.name)}</h3>'
        f"<figure>{gaps_chart(path, index)}"
        f"<figcaption>Resumes missing each competency, top {TOP_GAPS}.</figcaption></figure></section>"
        for index, path in enumerate(cohort.paths.values())
    ]
    return (
        '<section aria-labelledby="common-gaps"><h2 id="common-gaps">Most common gaps</h2>'
        f"{''.join(parts)}</section>"
    )


def _steps_section(cohort: CohortSummary) -> str:
    parts = []
    for path in cohort.paths.values():
        ranked = most_common(path.first_steps, TOP_STEPS)
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


def _table_section(cohort: CohortSummary) -> str:
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
        fit = (cohort.path_name(row.best_fit) or NO_FIT_LABEL) if row.ok else ""
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


def _resume_sections(cohort: CohortSummary) -> str:
    parts = []
    for row in cohort.rows:
        status = f'<span class="badge {esc(row.status)}">{esc(row.status)}</span>'
        inner = []
        if row.ok:
            inner.append(
                f'<p class="sub">Best fit: <strong>{esc(cohort.path_name(row.best_fit) or NO_FIT_LABEL)}</strong> · '
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


def _postings_section(cohort: CohortSummary) -> str:
    """Per job posting: the best-fitting resumes with the must-haves each misses, and the
    must-haves the cohort misses most."""
    parts = []
    for path in cohort.paths.values():
        if path.kind != "job":
            continue
        rows = "".join(
            f'<tr data-path="{esc(path.id)}" data-rank="{number_}"><td class="num">{number_}</td>'
            f"<th scope=\"row\">{_breakable(fit.file)}</th>"
            f'<td class="num" data-coverage="{number(fit.coverage)}">{percent(fit.coverage)}</td>'
            f"<td>{esc(', '.join(fit.missing_must_haves)) or 'none'}</td></tr>"
            for number_, fit in enumerate(path.ranking(), start=1)
        )
        missing = "".join(
            f"<li>{esc(name)}: {count} resume{'s' if count != 1 else ''}</li>"
            for name, count in most_common(path.missing_must_haves, TOP_GAPS)
        )
        parts.append(
            f'<div class="card"><h3>{esc(path.name)}</h3>'
            '<table class="resumes"><caption>The best-fitting resumes, best first.</caption>'
            '<thead><tr><th scope="col">#</th><th scope="col">File</th><th scope="col">Coverage</th>'
            f'<th scope="col">Missing must-haves</th></tr></thead><tbody>{rows}</tbody></table>'
            "<h4>Most common missing must-haves</h4>"
            f"{f'<ol>{missing}</ol>' if missing else '<p>None: every resume meets every must-have.</p>'}</div>"
        )
    if not parts:
        return ""
    return (
        '<section aria-labelledby="postings"><h2 id="postings">Ranked by fit to each job posting</h2>'
        f"{''.join(parts)}</section>"
    )


def render_summary_html(cohort: CohortSummary, *, title: str = "skillgap cohort report") -> str:
    """The cohort page of a summary kept with its rows (``CohortSummary(keep_rows=True)``)."""
    body = [_overview(cohort, title)]
    css = COHORT_CSS
    if cohort.paths:
        heatmaps, widest = _heatmap_section(cohort)
        css += chart_or_list_css(".heat", ".comp-counts", widest, main_width=MAIN_MAX_WIDTH_PX)
        body += [
            _distribution_section(cohort),
            heatmaps,
            _gaps_section(cohort),
            _steps_section(cohort),
            _postings_section(cohort),
        ]
    body += [
        _table_section(cohort),
        _resume_sections(cohort),
        "<footer>Made by skillgap. Includes information from O*NET (onetcenter.org), USDOL/ETA, under CC BY 4.0.</footer>",
        SORT_SCRIPT,
    ]
    return document(title, "\n".join(body), extra_css=css, head_extra=NO_SCRIPT)


def render_cohort_html(results: Iterable[FileResult], *, title: str = "skillgap cohort report") -> str:
    """The cohort page of batch results; each is read once and reduced to the few numbers the
    page shows."""
    cohort = CohortSummary(keep_rows=True)
    for result in results:
        cohort.add(result)
    return render_summary_html(cohort, title=title)
