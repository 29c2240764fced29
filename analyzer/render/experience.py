"""Experience over time in every renderer: the dated entries, total months, seniority, and each
skill's months and last use. Kept apart from the renderers' other sections so each stays small."""

from __future__ import annotations

import html
from collections.abc import Callable

from analyzer.experience import Entry, month_text
from analyzer.report import Report, SkillFound

PRESENT = "present"


def when(entry: Entry) -> str:
    """An entry's dates as written in reports: ``2020-01 – present``; a year-precise entry in years."""
    if entry.precision == "year":
        start, end = str(entry.start // 12), PRESENT if entry.end is None else str(entry.end // 12)
    else:
        start, end = month_text(entry.start), PRESENT if entry.end is None else month_text(entry.end)
    return start if start == end else f"{start} – {end}"


def skill_time(skill: SkillFound) -> str:
    """A skill's months and last use, or that no dated experience names it."""
    if skill.months is None:
        return "no dated experience"
    unit = "month" if skill.months == 1 else "months"
    return f"{skill.months} {unit}, last used {skill.last_used}"


def summary(report: Report) -> str:
    """One sentence: total experience, seniority and its reason, as of which month."""
    experience = report.experience
    if experience is None:
        return ""
    return f"Seniority: {experience.seniority} ({experience.seniority_reason}), as of {report.as_of}."


def entry_label(entry: Entry) -> str:
    parts = [part for part in (entry.title, entry.org) if part]
    return " · ".join(parts) or "(untitled)"


def table_lines(report: Report) -> list[str]:
    """Plain lines for the terminal view."""
    if report.experience is None:
        return []
    lines = [summary(report)]
    lines += [
        f"  {when(entry)}  {entry.section}: {entry_label(entry)}" for entry in report.experience.entries
    ]
    return lines


def markdown_section(report: Report, md: Callable[[str], str]) -> list[str]:
    """The Markdown section (``md`` makes resume text inert): a sentence, then a table of the
    entries with the skills used in each."""
    experience = report.experience
    if experience is None:
        return []
    names = {skill.id: skill.name for skill in report.skills}
    out = ["", "## Experience over time", "", md(summary(report))]
    if experience.entries:
        out += ["", "| When | Kind | Entry | Skills used |", "|---|---|---|---|"]
        for entry in experience.entries:
            skills = ", ".join(md(names.get(skill_id, skill_id)) for skill_id in entry.skills) or "—"
            out.append(f"| {when(entry)} | {entry.section} | {md(entry_label(entry))} | {skills} |")
    return out


TIMELINE_CSS = """
.timeline{list-style:none;margin:0;padding:0}
.timeline li{border-left:3px solid #4a78b5;margin:0 0 12px 6px;padding:2px 0 2px 12px;overflow-wrap:anywhere}
.timeline li.education{border-color:#8a63b8}.timeline li.projects{border-color:#3f8f5f}
.timeline li.volunteering{border-color:#b5803a}
.timeline .when{font-variant-numeric:tabular-nums;color:#444;display:block;font-size:.9em}
.timeline .span{position:relative;height:6px;background:#eef1f5;border-radius:3px;margin:4px 0;max-width:100%}
.timeline .span i{position:absolute;top:0;height:6px;border-radius:3px;background:#4a78b5}
.timeline .used{margin:2px 0 0;font-size:.9em;color:#333}
"""


def html_section(report: Report) -> str:
    """A timeline: each entry with its dates, a bar placing it between the earliest entry and
    ``as_of``, and the skills used in it. Plain HTML and CSS, no script; it wraps on narrow screens."""
    experience = report.experience
    if experience is None:
        return ""
    esc = html.escape
    names = {skill.id: skill.name for skill in report.skills}
    head = '<section aria-labelledby="experience"><h2 id="experience">Experience over time</h2>'
    text = f"<p>{esc(summary(report))}</p>"
    if not experience.entries:
        return f"{head}{text}<p>No dated entries were found.</p></section>"
    first = min(entry.start for entry in experience.entries)
    last = max([experience.as_of, *(entry.last_month(experience.as_of) for entry in experience.entries)])
    width = max(last - first + 1, 1)
    items = []
    for entry in experience.entries:
        left = (entry.start - first) / width * 100
        span = (entry.last_month(experience.as_of) - entry.start + 1) / width * 100
        skills = ", ".join(esc(names.get(skill_id, skill_id)) for skill_id in entry.skills)
        used = f'<p class="used">Skills used: {skills}</p>' if skills else ""
        items.append(
            f'<li class="{esc(entry.section)}"><span class="when">{esc(when(entry))} · {esc(entry.section)}</span>'
            f"<strong>{esc(entry_label(entry))}</strong>"
            f'<div class="span" aria-hidden="true"><i style="left:{left:.1f}%;width:{max(span, 0.5):.1f}%"></i></div>'
            f"{used}</li>"
        )
    return f'{head}{text}<ol class="timeline">{"".join(items)}</ol></section>'
