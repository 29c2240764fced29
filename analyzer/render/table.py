"""The terminal view: a coverage bar and a competency table per path, gaps, skills found.

Written for 80 columns. Colour comes from rich, which turns it off when output is not a terminal
or ``NO_COLOR`` is set; the text itself stays readable without it.

With ``explain``, each skill lists the resume lines behind it, each line once however many of the
skill's names it holds, wrapped under its own start, with the matched words bold and underlined
on a terminal and between « » where styles cannot show (a pipe, a file).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from analyzer.render import experience as timeline
from analyzer.render.common import (
    IMPORTANCE_WORDS,
    best_fit_label,
    ordered_competencies,
    percent,
    plan_paths,
    requirement_label,
    requirement_mark,
    skill_names,
    strength_mark,
    where,
    years_shown,
)
from analyzer.report import Evidence, PathResult, Report, SkillFound

BAR_WIDTH = 30
# Competency rows name at most this many skills, so the table stays readable.
SHOWN_SKILLS = 4
# Evidence lines stand this far in, under their skill's name, and wrap at no less than this width.
EVIDENCE_INDENT = 6
MIN_EVIDENCE_WIDTH = 24
MATCH_STYLE = "bold underline"
# Where styles cannot show, the matched words stand between these.
MATCH_OPEN, MATCH_CLOSE = "«", "»"


def _bar(coverage: float) -> Text:
    filled = round(coverage * BAR_WIDTH)
    bar = Text("█" * filled, style="green")
    bar.append("░" * (BAR_WIDTH - filled), style="grey50")
    bar.append(f" {percent(coverage)}", style="bold")
    return bar


def _shown_by(names: list[str]) -> str:
    if not names:
        return "—"
    shown = ", ".join(names[:SHOWN_SKILLS])
    return f"{shown} +{len(names) - SHOWN_SKILLS} more" if len(names) > SHOWN_SKILLS else shown


def _job_view(path: PathResult, explain: bool, *, styled: bool) -> Group:
    """A job posting's target: each requirement, met or not, with the resume's evidence; with
    ``explain``, the posting's line and the resume's line side by side under it, the words that
    matched marked in each."""
    title = Text(f"Job: {path.name}  ", style="bold magenta")
    title.append_text(_bar(path.coverage))
    source = path.posting.path if path.posting else ""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("", width=1)
    table.add_column("Requirement", ratio=3, overflow="fold")
    table.add_column("Importance", width=12, no_wrap=True)
    table.add_column("Resume shows", ratio=3, overflow="fold")
    marks = {"✓": "green", "◐": "yellow", "✗": "red"}
    for item in path.requirements:
        symbol = requirement_mark(item)
        shown = ", ".join(filter(None, [item.evidence[0].text if item.evidence else "", years_shown(item)]))
        table.add_row(
            Text(symbol, style=marks[symbol]),
            Text(requirement_label(item)),
            IMPORTANCE_WORDS[item.importance],
            Text(shown or "—"),
        )
        if explain:
            resume_line = Text()
            if item.evidence:
                resume_line = Text.assemble("resume: ", _marked_evidence(item.evidence[0], styled=styled))
            posting_line = Text.assemble("posting: ", _marked_evidence(item.posting_evidence, styled=styled))
            resume_line.style = posting_line.style = "dim"
            table.add_row("", posting_line, "", resume_line)
    parts: list[Text | Table] = [title, Text(f"{source}: {path.reason}", style="dim"), table]
    if path.posting and path.posting.degrees:
        degrees = "; ".join(text for text, _ in path.posting.degrees)
        parts.append(Text(f"Degrees asked (not scored): {degrees}", style="dim"))
    missing = [gap for gap in path.missing if gap.importance == "core"]
    if missing:
        parts.append(Text("Missing must-haves: " + ", ".join(gap.name for gap in missing), style="bold red"))
    parts.append(Text(""))
    return Group(*parts)


def _path_view(report: Report, path: PathResult) -> Group:
    title = Text(f"{path.name}  ", style="bold cyan")
    title.append_text(_bar(path.coverage))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("", width=1)
    table.add_column("Competency", ratio=3, overflow="fold")
    table.add_column("Importance", width=10, no_wrap=True)
    table.add_column("Strength", width=8, justify="right", no_wrap=True)
    table.add_column("Shown by", ratio=3, overflow="fold")
    marks = {"✓": "green", "◐": "yellow", "✗": "red"}
    for item in ordered_competencies(path):
        symbol = strength_mark(item.strength, item.covered)
        table.add_row(
            Text(symbol, style=marks[symbol]),
            Text(item.name),
            item.importance,
            percent(item.strength),
            Text(_shown_by(skill_names(report, item.skills))),
        )
    parts: list[Text | Table] = [title, Text(path.reason, style="dim"), table]
    if path.missing:
        gaps = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, title_justify="left")
        gaps.add_column("Gap", ratio=2, overflow="fold")
        gaps.add_column("Learn next", ratio=3, overflow="fold")
        for gap in path.missing:
            name = Text(gap.name)
            name.append(f" ({gap.importance}, {percent(gap.strength)})", style="dim")
            gaps.add_row(name, ", ".join(skill.name for skill in gap.suggested_skills) or "—")
        parts += [Text("What to learn next", style="bold"), gaps]
    parts.append(Text(""))
    return Group(*parts)


def _plan_view(path: PathResult) -> Group:
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", no_wrap=True)
    steps.add_column(ratio=1, overflow="fold")
    steps.add_column(ratio=2, overflow="fold")
    for number, step in enumerate(path.plan, start=1):
        steps.add_row(f"{number}.", Text(step.name, style="bold"), Text(step.why, style="dim"))
    return Group(Text(f"Learning plan for {path.name}", style="bold"), steps, Text(""))


def render_table(report: Report, console: Console, *, explain: bool = False) -> None:
    """Print the terminal view of a report on ``console``."""
    header = Text("skillgap ", style="bold")
    header.append(f"{report.source.path} ({report.source.pages} page")
    header.append("s" if report.source.pages != 1 else "")
    header.append(f", {report.source.format})")
    console.print(header)
    fit = Text("Best fit: ", style="bold")
    fit.append(best_fit_label(report), style="bold green" if report.best_fit else "yellow")
    console.print(fit)
    console.print(Text(report.best_fit_reason, style="dim"))
    console.print()
    for path in report.paths:
        if path.kind == "job":
            console.print(_job_view(path, explain, styled=_styles_show(console)))
        else:
            console.print(_path_view(report, path))
    for path in plan_paths(report):
        console.print(_plan_view(path))
    experience_lines = timeline.table_lines(report)
    if experience_lines:
        console.print(Text("Experience over time", style="bold"))
        for text in experience_lines:
            console.print(Text(text))
        console.print()
    console.print(Text(f"Skills found ({len(report.skills)})", style="bold"))
    for skill in report.skills:
        line = Text(f"  {skill.name}", style="bold")
        line.append(f" ({skill.kind})", style="dim")
        if not explain:
            line.append(f"  {where(skill.evidence[0])}", style="dim")
        else:
            line.append(f"  {timeline.skill_time(skill)}", style="dim")
        console.print(line)
        if explain:
            for evidence_line in _evidence_lines(skill, console):
                console.print(evidence_line)
    if report.learning:
        console.print(
            Text("Learning (not counted): ", style="bold") + Text(", ".join(s.name for s in report.learning))
        )
    for warning in report.warnings:
        console.print(Text("warning: ", style="yellow") + Text(warning))


def _evidence_lines(skill: SkillFound, console: Console) -> list[Text]:
    """The resume lines behind a skill, each once with every name matched on it marked, after its
    place; a long line wraps under its own start, so the places stay a column of their own."""
    by_line = _evidence_by_line(skill.evidence)
    place_width = max(len(where(first)) for first, _ in by_line) + len(": ")
    text_width = max(console.width - EVIDENCE_INDENT - place_width, MIN_EVIDENCE_WIDTH)
    styled = _styles_show(console)
    printed: list[Text] = []
    for first, texts in by_line:
        place = f"{where(first)}: ".ljust(place_width)
        wrapped = _marked(first.line_text, texts, styled=styled).wrap(console, text_width)
        for number, piece in enumerate(wrapped):
            piece.rstrip()
            indent = " " * EVIDENCE_INDENT + (place if number == 0 else " " * place_width)
            printed.append(Text.assemble((indent, "dim"), piece))
    return printed


def _styles_show(console: Console) -> bool:
    """Whether rich writes styles on this console: on a terminal, not into a pipe or a file."""
    return console.color_system is not None


def _marked_evidence(evidence: Evidence, *, styled: bool) -> Text:
    return _marked(evidence.line_text, [evidence.text], styled=styled)


def _evidence_by_line(evidence: Sequence[Evidence]) -> list[tuple[Evidence, list[str]]]:
    """Evidence grouped by the line it stands on, in order: the first piece and every text matched."""
    lines: dict[tuple[int, int], tuple[Evidence, list[str]]] = {}
    for item in evidence:
        lines.setdefault((item.page, item.line), (item, []))[1].append(item.text)
    return list(lines.values())


def _marked(line: str, texts: Iterable[str], *, styled: bool) -> Text:
    """The line with the matched texts marked: styled, or between « » where styles cannot show."""
    if styled:
        marked = Text(line)
        for start, end in _matched_spans(line, texts):
            marked.stylize(MATCH_STYLE, start, end)
        return marked
    marked = Text()
    cursor = 0
    for start, end in _matched_spans(line, texts):
        marked.append(line[cursor:start])
        marked.append(f"{MATCH_OPEN}{line[start:end]}{MATCH_CLOSE}")
        cursor = end
    marked.append(line[cursor:])
    return marked


def _matched_spans(line: str, texts: Iterable[str]) -> list[tuple[int, int]]:
    """Where the matched texts (as written, so case and all) stand in their line as whole words,
    in order, overlapping ones merged: "R" is not marked inside "Research"."""
    spans: list[tuple[int, int]] = []
    for text in {text for text in texts if text}:
        start = line.find(text)
        while start != -1:
            end = start + len(text)
            if not (_runs_on(line, start - 1, text[0]) or _runs_on(line, end, text[-1])):
                spans.append((start, end))
            start = line.find(text, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _runs_on(line: str, index: int, edge: str) -> bool:
    """Whether the character at ``index`` joins the matched text's ``edge`` into one longer word."""
    return 0 <= index < len(line) and line[index].isalnum() and edge.isalnum()
