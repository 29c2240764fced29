"""End to end on generated PDFs: the same resume in every layout gives the same skills, with
evidence in the right section, page and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from analyzer import analyze
from tests.resume_pdf import LAYOUTS, Resume, Section

EXPECTED = {
    "PyTorch",
    "Docker",
    "Kubernetes",
    "Apache Airflow",
    "Python",
    "SQL",
    "C++",
    "scikit-learn",
    "TensorFlow",
    "XGBoost",
    "MLflow",
    "Terraform",
    "Amazon Web Services",
}
TRAPS = {"Go", "React", "Rust", "Artificial intelligence"}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_finds_the_same_skills_and_no_traps(
    layout: str, write_pdf: Callable[..., Path], ml_resume: Resume
) -> None:
    report = analyze(write_pdf(ml_resume, layout))
    names = {skill.name for skill in report.skills}
    assert EXPECTED <= names
    assert not names & TRAPS
    assert "Rust" in {skill.name for skill in report.learning}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_evidence_points_at_the_section_and_line_it_came_from(
    layout: str, write_pdf: Callable[..., Path], ml_resume: Resume
) -> None:
    report = analyze(write_pdf(ml_resume, layout))
    by_name = {skill.name: skill for skill in report.skills}
    pytorch = by_name["PyTorch"].evidence[0]
    assert (pytorch.section, pytorch.page, pytorch.text) == ("experience", 1, "PyTorch")
    assert "Trained ranking models in PyTorch" in pytorch.line_text
    xgboost = by_name["XGBoost"].evidence[0]
    # A narrow sidebar wraps the list, so the line may hold only the end of it.
    assert xgboost.section == "skills" and xgboost.line_text.endswith("XGBoost")


def test_a_skill_on_the_second_page_has_page_two(write_pdf: Callable[..., Path]) -> None:
    filler = tuple(f"• Delivered quarterly objective number {n} on time." for n in range(70))
    resume = Resume(
        name="Robin Vale",
        contact="robin@example.com",
        main=(Section("Experience", filler), Section("Skills", ("Python, Apache Kafka",))),
    )
    report = analyze(write_pdf(resume))
    kafka = next(skill for skill in report.skills if skill.name == "Apache Kafka")
    assert report.source.pages == 2
    assert (kafka.evidence[0].page, kafka.evidence[0].section) == (2, "skills")


def test_source_records_the_file_and_its_hash(write_pdf: Callable[..., Path], ml_resume: Resume) -> None:
    import hashlib

    path = write_pdf(ml_resume)
    report = analyze(path)
    assert report.source.path == str(path)
    assert report.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (report.source.pages, report.source.format) == (1, "pdf")


def test_bytes_are_analyzed_like_the_file(write_pdf: Callable[..., Path], ml_resume: Resume) -> None:
    path = write_pdf(ml_resume)
    from_bytes = analyze(path.read_bytes())
    assert [skill.id for skill in from_bytes.skills] == [skill.id for skill in analyze(path).skills]
