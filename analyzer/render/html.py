"""The report as one self-contained HTML page: summary cards, inline SVG charts, tables.

Nothing is fetched: the style sheet is inline, the charts are inline SVG, there is no script.
Every piece of text that came from the resume, its file name or a taxonomy file is escaped with
:func:`esc`. Chart marks carry the report's own numbers as data attributes (``data-path``,
``data-coverage``, ``data-competency``, ``data-covered``) so a reader or a test can check them.
"""

from __future__ import annotations

import html
import math
import re

from analyzer.render import experience as timeline
from analyzer.render.common import (
    IMPORTANCE_WORDS,
    best_fit_label,
    career_paths,
    ordered_competencies,
    percent,
    plan_paths,
    requirement_label,
    requirement_mark,
    skill_names,
    strength_mark,
    years_shown,
)
from analyzer.report import CompetencyResult, Evidence, PathResult, Report, SkillFound

# A chart drawn with a viewBox may shrink to this share of its size and keep its smallest (11 px)
# labels readable (at least 10 px); where it would shrink more, the page shows its list instead.
READABLE_SCALE = 0.92
# Horizontal room a chart in a card loses to the page's side padding, the card's padding and border.
CARD_CHROME_PX = 2 * 24 + 2 * 20 + 2
MAIN_MAX_WIDTH_PX = 1080
# Print: A4 at 96 px per inch inside Chromium's default margins, less the card's padding and border.
PRINT_CHART_WIDTH_PX = 718 - (2 * 20 + 2)

# Colours chosen for at least 4.5:1 against white where they carry text or meaning.
BASE_CSS = """
:root {
  --ink: #1c2430; --muted: #4d5866; --line: #d9dee5; --soft: #f4f6f9; --paper: #ffffff;
  --accent: #28579a; --ok: #1d7453; --ok-soft: #e3f2eb; --gap: #a8421a; --gap-soft: #fbeee7;
  --track: #e7eaef; --warn: #7a5a00; --warn-soft: #fff6d9;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--soft); color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", sans-serif;
}
main { max-width: MAIN_MAX_WIDTH_PXpx; margin: 0 auto; padding: 28px 24px 48px; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
h1 { font-size: 1.75rem; font-weight: 700; letter-spacing: -0.01em; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; font-weight: 650; margin: 36px 0 12px; }
h3 { font-size: 1.05rem; font-weight: 650; margin: 20px 0 8px; }
p { margin: 0 0 10px; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.eyebrow {
  display: block; font-size: 0.8rem; font-weight: 600; letter-spacing: 0.08em;
  text-transform: uppercase; color: var(--muted); margin-bottom: 4px;
}
.masthead { padding-bottom: 14px; border-bottom: 1px solid var(--line); }
.fit-reason { margin: 10px 0 0; color: var(--muted); }
ol.plan { margin: 0; padding-left: 1.4em; }
ol.plan li { margin: 0 0 8px; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 12px 0 0; padding: 0; }
.meta div { display: flex; flex-direction: column; }
.meta dt { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.meta dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.card {
  background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 16px 20px; margin: 0 0 16px; break-inside: avoid; page-break-inside: avoid;
}
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.cards .card { margin: 0; }
.card h3 { margin-top: 0; }
.big { font-size: 2.4rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.sub { color: var(--muted); font-size: 0.9rem; }
.badge {
  display: inline-block; font-size: 0.75rem; font-weight: 650; padding: 1px 8px; border-radius: 999px;
  border: 1px solid currentColor; vertical-align: middle; white-space: nowrap;
}
.badge.fit { color: var(--ok); background: var(--ok-soft); }
.badge.core { color: var(--ink); border-width: 2px; }
.badge.important { color: var(--accent); }
.badge.nice { color: var(--muted); }
.badge.ok { color: var(--ok); }
.badge.failed { color: var(--gap); background: var(--gap-soft); }
.badge.skipped { color: var(--muted); }
.meter { height: 8px; background: var(--track); border-radius: 4px; overflow: hidden; margin: 8px 0 10px; }
.meter span { display: block; height: 100%; background: var(--accent); }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 6px; }
svg { max-width: 100%; height: auto; display: block; }
svg.fluid { width: 100%; }
svg text { font-family: inherit; fill: var(--ink); }
svg .lbl { font-size: 13px; }
svg .small { font-size: 11px; fill: var(--muted); }
svg .val { font-size: 13px; font-weight: 700; }
svg .track { fill: var(--track); }
svg .bar { fill: var(--accent); }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: #8a94a3; stroke-width: 1; }
svg .covered { fill: var(--ok); }
svg .uncovered { fill: var(--paper); stroke: var(--gap); stroke-width: 2; }
svg .na { font-size: 11px; fill: var(--muted); }
svg .band { fill: var(--soft); }
table { width: 100%; border-collapse: collapse; background: var(--paper); font-size: 0.92rem; }
caption { text-align: left; color: var(--muted); font-size: 0.85rem; padding: 0 0 6px; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
thead th {
  font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted);
  border-bottom: 2px solid var(--line); white-space: nowrap;
}
tbody th { font-weight: 600; }
tr { break-inside: avoid; page-break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.yes { color: var(--ok); font-weight: 650; white-space: nowrap; }
.no { color: var(--gap); font-weight: 650; white-space: nowrap; }
.none { color: var(--muted); }
.gaps { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.gaps li {
  background: var(--paper); border: 1px solid var(--line); border-left: 4px solid var(--gap);
  border-radius: 8px; padding: 10px 14px; break-inside: avoid; page-break-inside: avoid;
}
.gaps li.important { border-left-color: var(--warn); }
.gaps li.nice { border-left-color: #8a94a3; }
.gaps .name { font-weight: 650; }
.chips { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.chips li {
  border: 1px solid var(--line); border-left-width: 1px; background: var(--soft); border-radius: 6px;
  padding: 2px 8px; font-size: 0.88rem;
}
.chips .hint { color: var(--muted); font-size: 0.8rem; }
.ev { list-style: none; margin: 0; padding: 0; }
.ev li + li { margin-top: 4px; }
.where { color: var(--muted); font-size: 0.85rem; white-space: nowrap; }
.line {
  display: block; margin: 2px 0 0; padding: 3px 8px; border-left: 3px solid var(--line);
  background: var(--soft); font-size: 0.88rem; overflow-wrap: anywhere;
}
/* A posting's line beside the resume's: long words wrap anywhere so two text columns fit. */
table.sides th, table.sides td { overflow-wrap: anywhere; }
mark { background: #fde9a6; color: inherit; padding: 0 1px; border-radius: 2px; }
.warnings li { color: var(--warn); }
.notice {
  background: var(--warn-soft); border: 1px solid #e8d48a; border-radius: 8px; padding: 8px 12px;
}
footer { margin-top: 40px; color: var(--muted); font-size: 0.82rem; overflow-wrap: anywhere; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
/* Phones: less padding, and tables stacked into one block per row, each cell labelled by its column.
   Charts too wide to stay readable give way to a list (see chart_or_list_css). */
@media screen and (max-width: 640px) {
  main { padding: 18px 12px 32px; }
  .card { padding: 12px 12px; }
  h1 { font-size: 1.45rem; }
  table.stack, table.stack caption, table.stack tbody, table.stack tr, table.stack th, table.stack td {
    display: block;
  }
  table.stack thead {
    display: block; position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  }
  table.stack tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.stack th, table.stack td { border: 0; padding: 2px 10px; }
  table.stack td[data-label]::before {
    content: attr(data-label) ": "; color: var(--muted); font-size: 0.78rem; text-transform: uppercase;
    letter-spacing: 0.05em;
  }
  table.stack .num { text-align: left; }
  .where { white-space: normal; }
}
@media print {
  body { background: none; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .card, .gaps li, table { background: none; }
  .chips li, .line, .notice, .badge.fit { background: none; }
  svg .band { fill: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, .card, .gaps li, tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
""".replace("MAIN_MAX_WIDTH_PX", str(MAIN_MAX_WIDTH_PX))

VIEWBOX = re.compile(r'^<svg [^>]*viewBox="0 0 ([0-9.]+) ')
IMPORTANCE_LABEL = {"core": "core", "important": "important", "nice": "nice to have"}
# Competency names longer than this are shortened in charts (the full name stays in the tooltip).
CHART_NAME_LIMIT = 42
TOP_GAPS_IN_CARD = 3


def esc(value: object) -> str:
    """Any text made inert in HTML, in element content and in quoted attributes alike."""
    return html.escape(str(value), quote=True)


def number(value: float) -> str:
    """A number written exactly as the report holds it, for data attributes."""
    return repr(float(value))


def slug(value: str, index: int) -> str:
    """A safe, unique id fragment from an arbitrary id and its position."""
    return f"{re.sub(r'[^A-Za-z0-9_-]+', '-', value)[:40]}-{index}"


def short(text: str, limit: int = CHART_NAME_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def text_width(text: str, size: float = 13) -> float:
    """A generous estimate of the drawn width of text in a system sans-serif font."""
    return len(text) * size * 0.56


def chart_or_list_css(chart: str, alternative: str, chart_width: float, *, main_width: int) -> str:
    """CSS that shows the elements matching ``chart`` (a chart ``chart_width`` wide, drawn with a
    viewBox) wherever it keeps a readable size, and those matching ``alternative`` (the same
    information as a list) everywhere else: on screens narrower than the chart needs, and in print
    when the printed page is."""
    narrowest = chart_width * READABLE_SCALE
    swap = f"{chart} {{ display: none; }} {alternative} {{ display: block; }}"
    rules = [f"{alternative} {{ display: none; }}"]
    if narrowest > main_width - CARD_CHROME_PX:
        rules.append(f"@media screen {{ {swap} }}")
    else:
        rules.append(
            f"@media screen and (max-width: {math.ceil(narrowest + CARD_CHROME_PX) - 1}px) {{ {swap} }}"
        )
    if narrowest > PRINT_CHART_WIDTH_PX:
        rules.append(f"@media print {{ {swap} }}")
    return "\n".join(rules) + "\n"


def drawn_width(svg: str) -> float:
    """The width a chart made by :func:`svg_open` is drawn at (its viewBox); 0 for a fluid one."""
    found = VIEWBOX.search(svg)
    return float(found.group(1)) if found else 0.0


def document(title: str, body: str, *, extra_css: str = "", head_extra: str = "") -> str:
    """A complete HTML5 page around ``body``."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="skillgap">\n'
        f"<title>{esc(title)}</title>\n<style>{BASE_CSS}{extra_css}</style>\n{head_extra}</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def svg_open_fluid(height: float, title_id: str, title: str, desc: str = "") -> str:
    """The opening of a chart drawn in percentages of its width: it fills its box at any width and
    its text keeps its size."""
    return svg_open(0, height, title_id, title, desc)


def svg_open(width: float, height: float, title_id: str, title: str, desc: str = "") -> str:
    """The opening of an accessible inline SVG chart: role, title and description."""
    labelled = f"{title_id}-t" + (f" {title_id}-d" if desc else "")
    # Width 0: a fluid chart, as wide as its box, without a viewBox to scale its text down.
    box = (
        f'viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}"'
        if width
        else f'class="fluid" width="100%" height="{height:g}" style="height:{height:g}px"'
    )
    out = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" {box} aria-labelledby="{labelled}">'
        f'<title id="{title_id}-t">{esc(title)}</title>'
    )
    if desc:
        out += f'<desc id="{title_id}-d">{esc(desc)}</desc>'
    return out


# --- single report ---------------------------------------------------------------------------


def _masthead(report: Report) -> str:
    source = report.source
    rows = [
        ("Best fit", best_fit_label(report)),
        ("Pages", str(source.pages)),
        ("Format", source.format),
        ("Skills found", str(len(report.skills))),
        ("Tool", f"skillgap {report.tool_version}"),
        ("Taxonomy", report.taxonomy_version),
    ]
    items = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in rows)
    return (
        '<header class="masthead">'
        f'<h1><span class="eyebrow">skillgap report</span>{esc(source.path)}</h1>'
        f'<dl class="meta">{items}</dl>'
        f'<p class="fit-reason">{esc(report.best_fit_reason)}</p></header>'
    )


def _covered_count(path: PathResult) -> int:
    return sum(1 for item in path.competencies if item.covered)


def _card_counts(path: PathResult, shown: int) -> str:
    if path.kind == "job":
        return (
            f'<p class="sub">{shown} of {len(path.competencies)} requirements of the posting met; its '
            f"must-haves shown at {percent(path.focus)}.</p>"
        )
    return (
        f'<p class="sub">{shown} of {len(path.competencies)} competencies covered; what sets the path '
        f"apart shown at {percent(path.focus)}.</p>"
    )


def _summary_card(report: Report, path: PathResult) -> str:
    fit = ' <span class="badge fit">best fit</span>' if report.best_fit == path.id else ""
    shown = _covered_count(path)
    gaps = path.missing[:TOP_GAPS_IN_CARD]
    if gaps:
        names = ", ".join(esc(gap.name) for gap in gaps)
        more = len(path.missing) - len(gaps)
        extra = f" and {more} more" if more else ""
        gap_text = f"<p><strong>Biggest gaps:</strong> {names}{extra}.</p>"
    else:
        gap_text = "<p><strong>No gaps:</strong> every competency of this path is shown.</p>"
    return (
        f'<section class="card" aria-labelledby="card-{esc(slug(path.id, 0))}">'
        f'<h3 id="card-{esc(slug(path.id, 0))}">{esc(path.name)}{fit}</h3>'
        f'<div class="big">{percent(path.coverage)}</div>'
        f'<div class="meter" aria-hidden="true"><span style="width:{path.coverage * 100:.1f}%"></span></div>'
        f"{_card_counts(path, shown)}"
        f"<p>{esc(path.reason)}.</p>"
        f"{gap_text}</section>"
    )


def coverage_chart(report: Report) -> str:
    """A horizontal bar per path, its coverage as a percentage. The chart is as wide as its box and
    its labels sit above the bars, so it reads the same on a phone and on a wide screen."""
    row_h, top, bar_h = 50, 20, 22
    height = top + row_h * len(report.paths) + 4
    words = "; ".join(f"{path.name} {percent(path.coverage)}" for path in report.paths)
    title = f"Coverage per path: {words}." if report.paths else "No paths in this report."
    fit = best_fit_label(report)
    desc = f"Best fit: {fit}. Coverage is the weighted share of the path's competencies the resume shows."
    out = [svg_open_fluid(height, "chart-coverage", title, desc)]
    for tick in (0, 25, 50, 75, 100):
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        out.append(f'<text class="small" x="{tick}%" y="{top - 8}" text-anchor="{anchor}">{tick}%</text>')
    for index, path in enumerate(report.paths):
        y = top + index * row_h
        filled = 100 * max(0.0, min(1.0, path.coverage))
        out.append(
            f'<text class="lbl" x="0" y="{y + 15}">{esc(path.name)}</text>'
            f'<text class="val" x="100%" y="{y + 15}" text-anchor="end">{percent(path.coverage)}</text>'
            f'<rect class="track" x="0" y="{y + 21}" width="100%" height="{bar_h}" rx="4"/>'
        )
        for tick in (25, 50, 75):
            out.append(f'<line class="grid" x1="{tick}%" x2="{tick}%" y1="{y + 21}" y2="{y + 21 + bar_h}"/>')
        out.append(
            f'<rect class="bar" x="0" y="{y + 21}" width="{filled:.1f}%" height="{bar_h}" rx="4" '
            f'data-path="{esc(path.id)}" data-coverage="{number(path.coverage)}">'
            f"<title>{esc(path.name)}: {percent(path.coverage)}</title></rect>"
        )
    out.append("</svg>")
    return "".join(out)


def _competency_rows(paths: tuple[PathResult, ...]) -> list[tuple[str, str]]:
    """Every competency of any path, once, in the order the paths list them."""
    seen: dict[str, str] = {}
    for path in paths:
        for item in path.competencies:
            seen.setdefault(item.id, item.name)
    return list(seen.items())


def _mark_radius(weight: float) -> float:
    return 4.0 + 1.7 * max(0.5, min(float(weight), 4.0))


def competency_chart(report: Report) -> str:
    """A matrix: one row per competency, one column per path; a filled dot when covered, a hollow
    dot when it is a gap, its size by weight; n/a when the path does not ask for it."""
    paths = career_paths(report)
    rows = _competency_rows(paths)
    by_path = [{item.id: item for item in path.competencies} for path in paths]
    label_w = max([text_width(short(name)) for _, name in rows] + [120]) + 20
    col_w, row_h, top = 190, 26, 46
    width = label_w + col_w * len(paths) + 10
    height = top + row_h * len(rows) + 40
    counts = "; ".join(
        f"{path.name} shows {_covered_count(path)} of {len(path.competencies)} competencies" for path in paths
    )
    title = f"Competency coverage by path: {counts}." if paths else "No paths in this report."
    gap_words = []
    for path in paths:
        names = ", ".join(gap.name for gap in path.missing) or "none"
        gap_words.append(f"Gaps for {path.name}: {names}.")
    desc = (
        " ".join(gap_words)
        + " Filled dot: covered; hollow dot: gap; larger dots weigh more; n/a: not part of the path."
    )
    out = [svg_open(width, height, "chart-competencies", title, desc)]
    for col, path in enumerate(paths):
        cx = label_w + col_w * col + col_w / 2
        out.append(
            f'<text class="lbl" x="{cx:g}" y="18" text-anchor="middle" font-weight="700">{esc(path.name)}</text>'
        )
        out.append(
            f'<text class="small" x="{cx:g}" y="34" text-anchor="middle">'
            f"{_covered_count(path)} of {len(path.competencies)} · {percent(path.coverage)}</text>"
        )
    for row, (comp_id, name) in enumerate(rows):
        y = top + row * row_h
        if row % 2 == 0:
            out.append(f'<rect class="band" x="0" y="{y}" width="{width:g}" height="{row_h}"/>')
        out.append(
            f'<text class="lbl" x="{label_w - 12:g}" y="{y + 17}" text-anchor="end">{esc(short(name))}'
            f"<title>{esc(name)}</title></text>"
        )
        for col, path in enumerate(paths):
            cx = label_w + col_w * col + col_w / 2 - 22
            item = by_path[col].get(comp_id)
            if item is None:
                out.append(
                    f'<text class="na" x="{cx + 22:g}" y="{y + 17}" text-anchor="middle" '
                    f'data-path="{esc(path.id)}" data-competency="{esc(comp_id)}" data-applicable="false">'
                    f"n/a<title>{esc(name)}: not part of {esc(path.name)}</title></text>"
                )
                continue
            out.append(_competency_mark(report, path, item, cx, y + row_h / 2))
            out.append(
                f'<text class="small" x="{cx + 16:g}" y="{y + 17}">{esc(IMPORTANCE_LABEL.get(item.importance, item.importance))}</text>'
            )
    legend_y = top + row_h * len(rows) + 22
    out.append(
        f'<circle class="covered" cx="{label_w - 200:g}" cy="{legend_y - 4}" r="6"/>'
        f'<text class="small" x="{label_w - 190:g}" y="{legend_y}">covered</text>'
        f'<circle class="uncovered" cx="{label_w - 120:g}" cy="{legend_y - 4}" r="6"/>'
        f'<text class="small" x="{label_w - 110:g}" y="{legend_y}">gap</text>'
        f'<text class="small" x="{label_w - 70:g}" y="{legend_y}">Dot size: weight (core 3, important 2, nice 1)</text>'
    )
    out.append("</svg>")
    return "".join(out)


def _competency_mark(report: Report, path: PathResult, item: CompetencyResult, cx: float, cy: float) -> str:
    state = "covered" if item.covered else "gap"
    by = ", ".join(skill_names(report, item.skills))
    tip = f"{path.name}: {item.name}, {state} ({item.importance}, weight {item.weight:g})"
    if by:
        tip += f", shown by {by}"
    radius = _mark_radius(item.weight) - (0 if item.covered else 1.0)
    return (
        f'<circle class="{"covered" if item.covered else "uncovered"}" cx="{cx:g}" cy="{cy:g}" r="{radius:.1f}" '
        f'data-path="{esc(path.id)}" data-competency="{esc(item.id)}" '
        f'data-covered="{"true" if item.covered else "false"}" data-weight="{number(item.weight)}">'
        f"<title>{esc(tip)}</title></circle>"
    )


def _competency_table(report: Report, path: PathResult) -> str:
    rows = []
    for item in ordered_competencies(path):
        mark = {
            "✓": '<span class="yes">✓ Covered</span>',
            "◐": '<span class="no">◐ Partly</span>',
            "✗": '<span class="no">✗ Gap</span>',
        }[strength_mark(item.strength, item.covered)]
        names = skill_names(report, item.skills)
        by = ", ".join(esc(name) for name in names) if names else '<span class="none">—</span>'
        rows.append(
            f'<tr><td>{mark}</td><th scope="row">{esc(item.name)}</th>'
            f'<td data-label="Importance"><span class="badge {esc(item.importance)}">'
            f"{esc(IMPORTANCE_LABEL.get(item.importance, item.importance))}</span></td>"
            f'<td class="num" data-label="Weight">{item.weight:g}</td>'
            f'<td class="num" data-label="Strength" data-strength="{number(item.strength)}">'
            f'{percent(item.strength)}</td><td data-label="Shown by">{by}</td></tr>'
        )
    return (
        '<table class="stack">'
        f"<caption>{esc(path.name)}: {_covered_count(path)} of {len(path.competencies)} "
        "competencies covered; covered first, then by importance.</caption>"
        '<thead><tr><th scope="col">Status</th><th scope="col">Competency</th>'
        '<th scope="col">Importance</th><th scope="col" class="num">Weight</th>'
        '<th scope="col" class="num">Strength</th><th scope="col">Shown by</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _gap_list(path: PathResult) -> str:
    if not path.missing:
        return "<p>No gaps: the resume shows every competency of this path.</p>"
    items = []
    for gap in path.missing:
        chips = []
        for skill in gap.suggested_skills:
            hints = []
            if skill.covers > 1:
                hints.append(f"closes {skill.covers} gaps")
            if skill.hot:
                hints.append("★ in demand")
            hint = f' <span class="hint">({esc(", ".join(hints))})</span>' if hints else ""
            chips.append(f"<li>{esc(skill.name)}{hint}</li>")
        learn = (
            f'<ul class="chips" aria-label="Learn next for {esc(gap.name)}">{"".join(chips)}</ul>'
            if chips
            else '<p class="sub">No suggestion in the taxonomy.</p>'
        )
        label = IMPORTANCE_LABEL.get(gap.importance, gap.importance)
        items.append(
            f'<li class="{esc(gap.importance)}"><span class="name">{esc(gap.name)}</span> '
            f'<span class="badge {esc(gap.importance)}">{esc(label)} · weight {gap.weight:g}</span> '
            f'<span class="sub">shown at {percent(gap.strength)}</span>'
            f'<div class="sub">Learn next:</div>{learn}</li>'
        )
    return f'<ul class="gaps">{"".join(items)}</ul>'


def _plan_section(report: Report) -> str:
    """The learning plans, best fit first (both when there is no best fit)."""
    parts = []
    for path in plan_paths(report):
        steps = "".join(
            f'<li data-skill="{esc(step.id)}"><strong>{esc(step.name)}</strong>'
            f'<div class="sub">{esc(step.why)}</div></li>'
            for step in path.plan
        )
        parts.append(f'<div class="card"><h3>{esc(path.name)}</h3><ol class="plan">{steps}</ol></div>')
    if not parts:
        return ""
    return (
        '<section aria-labelledby="plan"><h2 id="plan">Learning plan</h2>'
        "<p>The next steps in order: prerequisites first, core gaps before nice-to-have ones.</p>"
        f'<div class="cards">{"".join(parts)}</div></section>'
    )


def _path_section(report: Report, path: PathResult, index: int) -> str:
    anchor = f"path-{esc(slug(path.id, index))}"
    fit = " (best fit)" if report.best_fit == path.id else ""
    return (
        f'<section aria-labelledby="{anchor}">'
        f'<h2 id="{anchor}">{esc(path.name)}: {percent(path.coverage)}{fit}</h2>'
        f"<p>{esc(path.reason)}.</p>"
        f"<h3>Competencies</h3>{_competency_table(report, path)}"
        f"<h3>Gaps and what to learn next</h3>{_gap_list(path)}</section>"
    )


def _job_section(path: PathResult, index: int) -> str:
    """A job posting's target: every requirement with the posting's line and the resume's line
    side by side, missing must-haves first with what to learn."""
    anchor = f"path-{esc(slug(path.id, index))}"
    source = path.posting.path if path.posting else ""
    marks = {
        "✓": '<span class="yes">✓ Met</span>',
        "◐": '<span class="no">◐ Fewer years</span>',
        "✗": '<span class="no">✗ Missing</span>',
    }
    rows = []
    for item in path.requirements:
        resume = (
            _highlight(item.evidence[0].line_text, item.evidence[0].text)
            if item.evidence
            else '<span class="none">—</span>'
        )
        years = f'<div class="sub">{esc(years_shown(item))}</div>' if item.years else ""
        rows.append(
            f'<tr><td data-label="Status">{marks[requirement_mark(item)]}</td>'
            f'<th scope="row">{esc(requirement_label(item))}</th>'
            f'<td data-label="Importance"><span class="badge {esc(item.importance)}">'
            f"{esc(IMPORTANCE_WORDS[item.importance])}</span></td>"
            f'<td data-label="Posting says">{_highlight(item.posting_evidence.line_text, item.posting_evidence.text)}</td>'
            f'<td data-label="Resume shows">{resume}{years}</td></tr>'
        )
    table = (
        '<table class="stack sides">'
        f"<caption>{esc(path.name)}: each requirement of the posting beside the resume's evidence.</caption>"
        '<thead><tr><th scope="col">Status</th><th scope="col">Requirement</th>'
        '<th scope="col">Importance</th><th scope="col">Posting says</th><th scope="col">Resume shows</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    degrees = ""
    if path.posting and path.posting.degrees:
        items = "".join(f"<li>{esc(text)}</li>" for text, _ in path.posting.degrees)
        degrees = f"<h3>Degrees asked (listed, not scored)</h3><ul>{items}</ul>"
    if path.posting and path.posting.unscored:
        items = "".join(f"<li>{esc(text)}</li>" for text, _ in path.posting.unscored)
        degrees += f"<h3>Also asked, naming no recognised skill (listed, not scored)</h3><ul>{items}</ul>"
    return (
        f'<section aria-labelledby="{anchor}">'
        f'<h2 id="{anchor}">Job: {esc(path.name)}: {percent(path.coverage)}</h2>'
        f"<p>{esc(source)}: {esc(path.reason)}.</p>"
        f"<h3>Requirements: posting and resume side by side</h3>{table}{degrees}"
        f"<h3>Missing, must-haves first, and what to learn</h3>{_gap_list(path)}</section>"
    )


def _highlight(line: str, text: str) -> str:
    """The line escaped, with the first occurrence of ``text`` marked."""
    at = line.find(text) if text else -1
    if at < 0:
        at = line.lower().find(text.lower()) if text else -1
    if at < 0:
        return esc(line)
    end = at + len(text)
    return f"{esc(line[:at])}<mark>{esc(line[at:end])}</mark>{esc(line[end:])}"


def _evidence_item(item: Evidence, explain: bool) -> str:
    where = f"{item.section}, page {item.page}, line {item.line}"
    out = f'<li>“{esc(item.text)}” <span class="where">{esc(where)}</span>'
    if explain and item.line_text:
        out += f'<q class="line">{_highlight(item.line_text, item.text)}</q>'
    return out + "</li>"


def _skill_rows(skills: tuple[SkillFound, ...], explain: bool) -> str:
    rows = []
    for skill in skills:
        evidence = "".join(_evidence_item(item, explain) for item in skill.evidence)
        rows.append(
            f'<tr><th scope="row">{esc(skill.name)}</th>'
            f'<td data-label="Kind">{esc(skill.kind)}<br><small>{esc(timeline.skill_time(skill))}</small></td>'
            f'<td data-label="Evidence"><ul class="ev">{evidence}</ul></td></tr>'
        )
    return "".join(rows)


def _skills_section(report: Report, explain: bool) -> str:
    head = f'<h2 id="skills">Skills found ({len(report.skills)})</h2>'
    if not report.skills:
        return f"<section>{head}<p>No skills from the taxonomy were found.</p></section>"
    note = (
        "Each piece of evidence shows the text as written, its section, page and line, and the whole line."
        if explain
        else "Each piece of evidence shows the text as written with its section, page and line."
    )
    return (
        f'<section aria-labelledby="skills">{head}<table class="stack"><caption>{note}</caption>'
        '<thead><tr><th scope="col">Skill</th><th scope="col">Kind</th><th scope="col">Evidence</th></tr></thead>'
        f"<tbody>{_skill_rows(report.skills, explain)}</tbody></table></section>"
    )


def _learning_section(report: Report, explain: bool) -> str:
    if not report.learning:
        return ""
    return (
        '<section aria-labelledby="learning"><h2 id="learning">Learning (not counted)</h2>'
        "<p>Named as being learned, so they cover no competency.</p>"
        '<table class="stack"><thead><tr><th scope="col">Skill</th><th scope="col">Kind</th>'
        '<th scope="col">Evidence</th>'
        f"</tr></thead><tbody>{_skill_rows(report.learning, explain)}</tbody></table></section>"
    )


def _warnings_section(report: Report) -> str:
    if not report.warnings:
        return ""
    items = "".join(f"<li>{esc(warning)}</li>" for warning in report.warnings)
    return f'<section aria-labelledby="warnings"><h2 id="warnings">Warnings</h2><ul class="warnings notice">{items}</ul></section>'


def _matrix_on_a_phone(report: Report) -> str:
    """What a narrow screen shows instead of the matrix, which cannot stay readable there: the
    per-path competency lists below say the same."""
    links = ", ".join(
        f'<a href="#path-{esc(slug(path.id, index))}">{esc(path.name)}</a>'
        for index, path in enumerate(report.paths)
        if path.kind == "career"
    )
    return f'<p class="matrix-list">Each path lists its competencies, covered or not, below: {links}.</p>'


def render_html(report: Report, *, explain: bool = False) -> str:
    """The whole report as one self-contained HTML page."""
    cards = "".join(_summary_card(report, path) for path in report.paths)
    body = [
        _masthead(report),
        '<section aria-labelledby="glance"><h2 id="glance">At a glance</h2>',
        f'<div class="cards">{cards}</div>' if cards else "<p>No paths in this report.</p>",
        '<figure class="card" style="margin-top:16px">',
        coverage_chart(report),
        (
            "<figcaption>Coverage: the weighted mean of the strength with which the resume shows each "
            "competency of the path (core 3, important 2, nice to have 1).</figcaption></figure></section>"
        ),
        _plan_section(report),
    ]
    extra_css = ""
    if career_paths(report):
        matrix = competency_chart(report)
        extra_css = chart_or_list_css(
            ".matrix", ".matrix-list", drawn_width(matrix), main_width=MAIN_MAX_WIDTH_PX
        )
        body += [
            '<section aria-labelledby="matrix"><h2 id="matrix">Competencies across paths</h2>',
            _matrix_on_a_phone(report),
            '<figure class="card matrix">',
            matrix,
            (
                "<figcaption>One row per competency. Filled dot: covered; hollow dot: a gap; larger "
                "dots weigh more; n/a: the path does not ask for it.</figcaption></figure></section>"
            ),
        ]
    body += [
        _job_section(path, index) if path.kind == "job" else _path_section(report, path, index)
        for index, path in enumerate(report.paths)
    ]
    body.append(timeline.html_section(report))
    body += [_skills_section(report, explain), _learning_section(report, explain), _warnings_section(report)]
    body.append(
        f"<footer>Made by skillgap {esc(report.tool_version)} with taxonomy {esc(report.taxonomy_version)}. "
        f"Source SHA-256: {esc(report.source.sha256)}. Includes information from O*NET (onetcenter.org), "
        "USDOL/ETA, under CC BY 4.0.</footer>"
    )
    page = "\n".join(part for part in body if part)
    return document(
        f"skillgap report: {report.source.path}", page, extra_css=extra_css + timeline.TIMELINE_CSS
    )
