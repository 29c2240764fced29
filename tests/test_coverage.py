"""Coverage: weights over covered competencies, implied parents, best fit and suggestions."""

from __future__ import annotations

import pytest

from analyzer import analyze_text
from analyzer.coverage import best_fit
from analyzer.report import PathResult
from skills import load_taxonomy


def _path(path_id: str, coverage: float) -> PathResult:
    return PathResult(id=path_id, name=path_id, coverage=coverage, competencies=(), missing=())


def test_coverage_is_covered_weight_over_total_weight() -> None:
    report = analyze_text("Skills: Python, PyTorch, Docker, pandas, SQL")
    for path in report.paths:
        total = sum(item.weight for item in path.competencies)
        covered = sum(item.weight for item in path.competencies if item.covered)
        assert path.coverage == pytest.approx(covered / total, abs=1e-4)


def test_nothing_claimed_covers_nothing_and_has_no_fit() -> None:
    report = analyze_text("Enjoys hiking and cooking.")
    assert all(path.coverage == 0 for path in report.paths)
    assert report.best_fit is None


def test_an_implied_parent_covers_competencies_but_is_not_a_claimed_skill() -> None:
    taxonomy = load_taxonomy()
    closure = taxonomy.implied_closure("pytorch")
    assert len(closure) > 1, "PyTorch should imply a broader skill"
    reachable = {cid for member in closure for cid in taxonomy.skills[member].competencies}
    report = analyze_text("Skills: PyTorch")
    assert [skill.id for skill in report.skills] == ["pytorch"]
    for path in report.paths:
        covered = {item.id for item in path.competencies if item.covered}
        assert covered == reachable & {item.id for item in path.competencies}
        assert all(item.skills == ("pytorch",) for item in path.competencies if item.covered)
    assert reachable - set(taxonomy.skills["pytorch"].competencies), "the parent adds competencies"


def test_each_competency_lists_the_skills_that_cover_it() -> None:
    report = analyze_text("Skills: Python, Java")
    programming = next(item for item in report.path("ai_engineer").competencies if item.id == "programming")
    assert programming.covered and {"python", "java"} <= set(programming.skills)


def test_missing_competencies_come_with_suggestions_not_already_claimed() -> None:
    report = analyze_text("Skills: Python")
    for path in report.paths:
        assert path.missing
        for gap in path.missing:
            assert gap.suggested_skills
            assert "python" not in {skill.id for skill in gap.suggested_skills}


def test_suggestions_rank_skills_closing_more_gaps_first() -> None:
    report = analyze_text("Skills: Python")
    for gap in report.path("ml_engineer").missing:
        covers = [skill.covers for skill in gap.suggested_skills]
        assert covers == sorted(covers, reverse=True)


def test_missing_competencies_are_listed_heaviest_first() -> None:
    weights = [gap.weight for gap in analyze_text("Skills: Python").path("ml_engineer").missing]
    assert weights == sorted(weights, reverse=True)


def test_best_fit_is_the_higher_coverage() -> None:
    assert best_fit([_path("ai_engineer", 0.4), _path("ml_engineer", 0.6)]) == "ml_engineer"


def test_best_fit_is_none_on_a_tie_or_below_the_minimum() -> None:
    assert best_fit([_path("ai_engineer", 0.5), _path("ml_engineer", 0.5)]) is None
    assert best_fit([_path("ai_engineer", 0.05), _path("ml_engineer", 0.09)]) is None


def test_an_ml_resume_fits_ml_engineer() -> None:
    text = (
        "SKILLS\nPython, PyTorch, scikit-learn, pandas, feature engineering, cross-validation, "
        "MLflow, Airflow, statistics, linear algebra, XGBoost, model deployment, precision and recall"
    )
    assert analyze_text(text).best_fit == "ml_engineer"
