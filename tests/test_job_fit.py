"""A resume against a job posting: the target's shape in the report, its grading, and the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from analyzer.analysis import analyze, analyze_text
from analyzer.posting import JobTarget, read_posting_text
from skills import load_taxonomy
from tests.conftest import CliResult
from tests.resume_pdf import Resume

Run = Callable[..., CliResult]

POSTING = """\
ML Platform Engineer

Requirements
- 2+ years of Python
- 8+ years of Kubernetes
- Spark or Ray
- Go

Nice to have
- Kafka
"""

RESUME = """\
Experience
ML Engineer, Acme, Jan 2020 - Dec 2023
- Built Ray pipelines in Python on Kubernetes.
Skills
Python, Kubernetes, Ray
"""


@pytest.fixture(scope="module")
def target() -> JobTarget:
    return read_posting_text(POSTING, load_taxonomy())


@pytest.fixture(scope="module")
def job(target: JobTarget) -> dict:
    report = analyze_text(RESUME, jobs=[target], as_of=2024 * 12)
    return report.to_dict()["paths"][-1]


def requirement(job: dict, skill_id: str) -> dict:
    return next(item for item in job["requirements"] if item["id"] == skill_id)


def test_a_posting_is_an_entry_of_paths_of_kind_job(job: dict) -> None:
    assert job["kind"] == "job" and job["id"].startswith("job")
    assert 0.0 < job["coverage"] < 1.0
    keys = {
        "id",
        "name",
        "importance",
        "alternatives",
        "met",
        "years",
        "years_met",
        "evidence",
        "posting_evidence",
    }
    assert all(set(item) >= keys for item in job["requirements"])


def test_an_alternative_meets_a_requirement(job: dict) -> None:
    spark = requirement(job, "apache_spark")
    assert spark["met"] and spark["met_by"] == "ray" and spark["alternatives"] == ["ray"]


def test_evidence_is_given_on_both_sides(job: dict) -> None:
    python = requirement(job, "python")
    assert python["posting_evidence"]["line_text"] == "2+ years of Python"
    assert "Python" in python["evidence"][0]["line_text"]


def test_years_are_met_when_dated_use_reaches_them(job: dict) -> None:
    assert requirement(job, "python")["years_met"] is True
    assert requirement(job, "kubernetes")["years_met"] is False


def test_years_short_of_the_ask_weigh_less_than_years_met(job: dict) -> None:
    assert requirement(job, "kubernetes")["strength"] < requirement(job, "python")["strength"]


def test_a_requirement_without_years_has_no_years_verdict(job: dict) -> None:
    assert requirement(job, "apache_spark")["years_met"] is None


def test_missing_must_haves_come_first_with_what_to_learn(job: dict) -> None:
    assert [gap["id"] for gap in job["missing"]] == ["go", "apache_kafka"]
    assert job["missing"][0]["suggested_skills"][0]["id"] == "go"
    assert job["plan"][0]["id"] == "go"


def test_requirement_lines_outside_the_taxonomy_are_listed_and_counted_in_the_reason() -> None:
    posting = read_posting_text(
        "Product Manager\nRequirements\n- 4+ years of product management\n- Strong SQL\n", load_taxonomy()
    )
    job = analyze_text(RESUME, jobs=[posting]).to_dict()["paths"][-1]
    assert job["posting"]["unscored"] == [{"text": "4+ years of product management", "importance": "core"}]
    assert "1 requirement line naming no recognised skill, not scored" in job["reason"]


def test_best_fit_stays_among_career_paths(target: JobTarget) -> None:
    report = analyze_text(RESUME, jobs=[target])
    assert report.best_fit in {None, "ai_engineer", "ml_engineer"}


def test_a_target_is_reused_across_resumes(target: JobTarget) -> None:
    strong = analyze_text(RESUME, jobs=[target]).path(target.id)
    weak = analyze_text("Skills: Excel, Word", jobs=[target]).path(target.id)
    assert strong.coverage > weak.coverage == 0.0


def test_a_resume_given_as_its_own_posting_gets_a_warning(tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(RESUME)
    report = analyze(resume, jobs=[resume])
    assert any("the job posting is the resume itself" in warning for warning in report.warnings)


def test_a_posting_without_skills_still_reports_the_paths(tmp_path: Path) -> None:
    posting = tmp_path / "manager.txt"
    posting.write_text("Office Manager\nRequirements\n- A friendly manner\n")
    report = analyze_text(RESUME, jobs=[read_posting_text(posting.read_text(), load_taxonomy())])
    assert [path.kind for path in report.paths] == ["career", "career", "job"]
    assert any("no skill" in warning for warning in report.warnings)


def test_cli_job_adds_a_target_in_json(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume, tmp_path: Path
) -> None:
    posting = tmp_path / "posting.md"
    posting.write_text(POSTING)
    result = run_cli("analyze", str(write_pdf(ml_resume)), "--job", str(posting), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert [path["kind"] for path in data["paths"]] == ["career", "career", "job"]
    assert data["best_fit"] in {"ai_engineer", "ml_engineer"}


def test_cli_jobs_only_leaves_the_career_paths_out(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume, tmp_path: Path
) -> None:
    posting = tmp_path / "posting.md"
    posting.write_text(POSTING)
    result = run_cli("analyze", str(write_pdf(ml_resume)), "--job", str(posting), "--jobs-only", "-f", "json")
    assert [path["kind"] for path in result.json()["paths"]] == ["job"]


@pytest.mark.parametrize("output_format", ["table", "markdown", "html"])
def test_every_renderer_shows_the_posting_line_and_the_resume_line(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume, tmp_path: Path, output_format: str
) -> None:
    posting = tmp_path / "posting.md"
    posting.write_text(POSTING)
    result = run_cli(
        "analyze", str(write_pdf(ml_resume)), "--job", str(posting), "-f", output_format, "--explain"
    )
    assert result.exit_code == 0, result.stderr
    assert "ML Platform Engineer" in result.stdout
    assert "2+ years of Python" in result.stdout.replace("\\", "")  # Markdown escapes the "+"


def test_cli_a_missing_posting_is_a_usage_error_naming_it(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume, tmp_path: Path
) -> None:
    result = run_cli("analyze", str(write_pdf(ml_resume)), "--job", str(tmp_path / "gone.md"))
    assert result.exit_code == 2
    assert result.stderr.startswith("skillgap: error: ") and "gone.md" in result.stderr
    assert result.stderr.count("\n") == 1


def test_cli_an_unreadable_posting_is_a_usage_error(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume, tmp_path: Path
) -> None:
    fake = tmp_path / "posting.pdf"
    fake.write_text("<html>not a pdf</html>")
    result = run_cli("analyze", str(write_pdf(ml_resume)), "--job", str(fake))
    assert result.exit_code == 2 and "posting.pdf" in result.stderr


def test_cli_standard_input_serves_one_input_only(run_cli: Run) -> None:
    result = run_cli("analyze", "-", "--job", "-")
    assert result.exit_code == 2 and "--job" in result.stderr


def test_batch_job_adds_the_postings_columns_and_ranks_the_folder_by_fit(
    run_cli: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    (folder / "strong.txt").write_text(RESUME)
    (folder / "weak.txt").write_text("Skills\nExcel, Word\n")
    posting = tmp_path / "posting.md"
    posting.write_text(POSTING)
    out, summary = tmp_path / "out.csv", tmp_path / "summary.json"
    result = run_cli(
        "batch",
        str(folder),
        "--job",
        str(posting),
        "-o",
        str(out),
        "--summary",
        str(summary),
        "--workers",
        "1",
        "--no-cache",
        "-q",
    )
    assert result.exit_code == 0, result.stderr
    header = out.read_text().splitlines()[0].split(",")
    assert "coverage_job_ml_platform_engineer" in header and "missing_job_ml_platform_engineer" in header
    job = next(path for path in json.loads(summary.read_text())["paths"] if path["kind"] == "job")
    assert [Path(row["file"]).name for row in job["ranking"]] == ["strong.txt", "weak.txt"]
    assert job["most_common_missing_must_haves"][0] == {"name": "Go", "resumes": 2}


def test_batch_an_unreadable_posting_is_a_usage_error_before_any_output(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run_cli("batch", str(tmp_path), "--job", str(tmp_path / "gone.md"), "-o", str(out), "-q")
    assert result.exit_code == 2 and "gone.md" in result.stderr
    assert not out.exists()
