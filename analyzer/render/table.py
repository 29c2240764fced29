"""The terminal view: a coverage bar and a competency table per path, gaps, skills found.

Written for 80 columns. Colour comes from rich, which turns it off when output is not a terminal
or ``NO_COLOR`` is set; the text itself stays readable without it.
"""

from __future__ import annotations

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
from analyzer.report import PathResult, Report

BAR_WIDTH = 30
# Competency rows name at most this many skills, so the table stays readable.
SHOWN_SKILLS = 4


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


def _job_view(path: PathResult, explain: bool) -> Group:
    """A job posting's target: each requirement, met or not, with the resume's evidence; with
    ``explain``, the posting's line and the resume's line side by side under it."""
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
            resume_line = f"resume: {item.evidence[0].line_text}" if item.evidence else ""
            posting_line = f"posting: {item.posting_evidence.line_text}"
            table.add_row("", Text(posting_line, style="dim"), "", Text(resume_line, style="dim"))
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
        console.print(_job_view(path, explain) if path.kind == "job" else _path_view(report, path))
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
            for item in skill.evidence:
                console.print(Text(f"      {where(item)}: ", style="dim") + Text(item.line_text))
    if report.learning:
        console.print(
            Text("Learning (not counted): ", style="bold") + Text(", ".join(s.name for s in report.learning))
        )
    for warning in report.warnings:
        console.print(Text("warning: ", style="yellow") + Text(warning))
