"""The report as Markdown that renders well on code-hosting sites: headings, tables, lists."""

from __future__ import annotations

import re

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

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str) -> str:
    """Resume text made inert in Markdown: markup characters escaped, line breaks folded."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _job_section(path: PathResult) -> list[str]:
    """A job posting's target: each requirement with the posting's line beside the resume's."""
    source = md_escape(path.posting.path) if path.posting else ""
    out = [
        "",
        f"## Job: {md_escape(path.name)}: {percent(path.coverage)}",
        "",
        f"{source}: {md_escape(path.reason)}",
        "",
    ]
    out += ["| | Requirement | Importance | Posting says | Resume shows |", "|---|---|---|---|---|"]
    marks = {"✓": "✅", "◐": "◐", "✗": "❌"}
    for item in path.requirements:
        resume = "; ".join(
            filter(
                None,
                [
                    md_escape(item.evidence[0].line_text) if item.evidence else "",
                    md_escape(years_shown(item)),
                ],
            )
        )
        out.append(
            f"| {marks[requirement_mark(item)]} | {md_escape(requirement_label(item))} | "
            f"{IMPORTANCE_WORDS[item.importance]} | {md_escape(item.posting_evidence.line_text)} | {resume or '—'} |"
        )
    if path.posting and path.posting.degrees:
        out += [
            "",
            "**Degrees asked (not scored):** "
            + "; ".join(md_escape(text) for text, _ in path.posting.degrees),
        ]
    if path.posting and path.posting.unscored:
        out += [
            "",
            "**Also asked, naming no recognised skill (not scored):** "
            + "; ".join(md_escape(text) for text, _ in path.posting.unscored),
        ]
    if path.missing:
        out += ["", "### Missing, must-haves first", ""]
        for gap in path.missing:
            skills = ", ".join(md_escape(skill.name) for skill in gap.suggested_skills) or "—"
            out.append(f"- **{md_escape(gap.name)}** ({IMPORTANCE_WORDS[gap.importance]}): learn {skills}")
    return out


def render_markdown(report: Report, *, explain: bool = False) -> str:
    """The whole report as one Markdown document."""
    out = [f"# skillgap report: {md_escape(report.source.path)}", ""]
    out.append(f"**Best fit:** {md_escape(best_fit_label(report))}  ")
    out.append(f"{md_escape(report.best_fit_reason)}  ")
    out.append(
        f"**Skills found:** {len(report.skills)} · **Pages:** {report.source.pages} · "
        f"**Taxonomy:** {md_escape(report.taxonomy_version)}"
    )
    out += ["", "| Path | Coverage | Focus | Competencies covered |", "|---|---:|---:|---:|"]
    for path in report.paths:
        shown = sum(1 for item in path.competencies if item.covered)
        out.append(
            f"| {md_escape(path.name)} | {percent(path.coverage)} | {percent(path.focus)} | "
            f"{shown} of {len(path.competencies)} |"
        )
    for path in plan_paths(report):
        out += ["", f"## Learning plan for {md_escape(path.name)}", ""]
        for number, step in enumerate(path.plan, start=1):
            out.append(f"{number}. **{md_escape(step.name)}**: {md_escape(step.why)}")
    for path in report.paths:
        if path.kind == "job":
            out += _job_section(path)
            continue
        out += ["", f"## {md_escape(path.name)}: {percent(path.coverage)}", "", md_escape(path.reason), ""]
        out += ["| | Competency | Importance | Strength | Shown by |", "|---|---|---|---:|---|"]
        marks = {"✓": "✅", "◐": "◐", "✗": "❌"}
        for item in ordered_competencies(path):
            mark = marks[strength_mark(item.strength, item.covered)]
            shown_by = ", ".join(md_escape(name) for name in skill_names(report, item.skills)) or "—"
            out.append(
                f"| {mark} | {md_escape(item.name)} | {item.importance} | {percent(item.strength)} | {shown_by} |"
            )
        if path.missing:
            out += ["", "### What to learn next", ""]
            for gap in path.missing:
                skills = ", ".join(md_escape(skill.name) for skill in gap.suggested_skills) or "—"
                state = f"{gap.importance}, now {percent(gap.strength)}"
                out.append(f"- **{md_escape(gap.name)}** ({state}): {skills}")
    out += timeline.markdown_section(report, md_escape)
    out += ["", "## Skills found", ""]
    if report.skills:
        out += ["| Skill | Kind | Used | Evidence |", "|---|---|---|---|"]
        for skill in report.skills:
            pieces = skill.evidence if explain else skill.evidence[:1]
            evidence = "; ".join(
                f"“{md_escape(item.line_text if explain else item.text)}” ({where(item)})" for item in pieces
            )
            used = md_escape(timeline.skill_time(skill))
            out.append(f"| {md_escape(skill.name)} | {skill.kind} | {used} | {evidence} |")
    else:
        out.append("No skills from the taxonomy were found.")
    if report.learning:
        names = ", ".join(md_escape(skill.name) for skill in report.learning)
        out += ["", f"**Learning (not counted):** {names}"]
    if report.warnings:
        out += ["", "## Warnings", ""] + [f"- {md_escape(warning)}" for warning in report.warnings]
    return "\n".join(out) + "\n"
