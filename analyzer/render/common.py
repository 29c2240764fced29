"""Small pieces the renderers share: labels and orderings, never new numbers."""

from __future__ import annotations

from analyzer.report import Evidence, PathResult, Report, RequirementResult

IMPORTANCE_ORDER = {"core": 0, "important": 1, "nice": 2}


def percent(value: float) -> str:
    return f"{value:.0%}"


NO_FIT_LABEL = "Neither path yet"


def best_fit_label(report: Report) -> str:
    if report.best_fit is None:
        return NO_FIT_LABEL
    return report.path(report.best_fit).name


def plan_paths(report: Report) -> list[PathResult]:
    """The paths whose learning plans a report shows, best fit first; every career path when
    there is no best fit (the person moving into either needs both)."""
    careers = [path for path in report.paths if path.kind == "career" and path.plan]
    jobs = [path for path in report.paths if path.kind == "job" and path.plan]
    return [*sorted(careers, key=lambda path: path.id != report.best_fit), *jobs]


def career_paths(report: Report) -> tuple[PathResult, ...]:
    """The career paths of a report, without its job targets."""
    return tuple(path for path in report.paths if path.kind == "career")


def requirement_label(item: RequirementResult) -> str:
    """'PyTorch or TensorFlow', '3+ years of Python'."""
    names = " or ".join((item.name, *item.alternative_names))
    return f"{item.years}+ years of {names}" if item.years else names


def requirement_mark(item: RequirementResult) -> str:
    """✓ met, ◐ met with fewer years than asked, ✗ not shown."""
    if not item.met:
        return "✗"
    return "◐" if item.years_met is False else "✓"


def years_shown(item: RequirementResult) -> str:
    """How the resume's years compare with the posting's: '' when none are asked."""
    if item.years is None:
        return ""
    if not item.met:
        return f"{item.years}+ y asked"
    if item.months is None:
        return f"{item.years}+ y asked; years not dated"
    return f"{item.years}+ y asked; {item.months / 12:.1f} y shown"


IMPORTANCE_WORDS = {"core": "must-have", "important": "important", "nice": "nice-to-have"}


def strength_mark(strength: float, covered: bool) -> str:
    """✓ covered, ◐ shown in part, ✗ not shown."""
    return "✓" if covered else ("◐" if strength > 0 else "✗")


def skill_names(report: Report, skill_ids: tuple[str, ...]) -> list[str]:
    names = {skill.id: skill.name for skill in report.skills}
    return [names.get(skill_id, skill_id) for skill_id in skill_ids]


def where(evidence: Evidence) -> str:
    return f"{evidence.section}, p{evidence.page} l{evidence.line}"


def ordered_competencies(path: PathResult) -> list:
    """Covered first, then by importance and strength, keeping the path's order among equals."""
    return sorted(
        path.competencies,
        key=lambda item: (not item.covered, IMPORTANCE_ORDER.get(item.importance, 3), -item.strength),
    )
