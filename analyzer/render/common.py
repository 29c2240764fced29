"""Small pieces the renderers share: labels and orderings, never new numbers."""

from __future__ import annotations

from analyzer.report import Evidence, PathResult, Report

IMPORTANCE_ORDER = {"core": 0, "important": 1, "nice": 2}


def percent(value: float) -> str:
    return f"{value:.0%}"


def best_fit_label(report: Report) -> str:
    if report.best_fit is None:
        return "no clear fit yet"
    return report.path(report.best_fit).name


def skill_names(report: Report, skill_ids: tuple[str, ...]) -> list[str]:
    names = {skill.id: skill.name for skill in report.skills}
    return [names.get(skill_id, skill_id) for skill_id in skill_ids]


def where(evidence: Evidence) -> str:
    return f"{evidence.section}, p{evidence.page} l{evidence.line}"


def ordered_competencies(path: PathResult) -> list:
    """Covered first, then by importance, keeping the path's order within each group."""
    return sorted(
        path.competencies, key=lambda item: (not item.covered, IMPORTANCE_ORDER.get(item.importance, 3))
    )
