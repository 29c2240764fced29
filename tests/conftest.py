"""Shared fixtures: resumes drawn as real PDFs, and the CLI run in-process."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from analyzer.cli import main
from tests.resume_pdf import Resume, Section, render_resume

ML_RESUME = Resume(
    name="Avery Quinn",
    contact="avery.quinn@example.com | +1 555 0199 | github.com/averyq",
    main=(
        Section(
            "Summary",
            ("Machine learning engineer who trains and ships models; ready to go live with any launch.",),
        ),
        Section(
            "Experience",
            (
                "**ML Engineer, Acme AI Labs** (2021 - present)",
                "• Trained ranking models in PyTorch and served them with Docker on Kubernetes.",
                "• Built feature pipelines with Apache Airflow; reacted to incidents within minutes.",
                "• Currently learning Rust for systems work.",
            ),
        ),
        Section("Education", ("**M.S. Computer Science**, State University, 2019",)),
    ),
    side=(
        Section(
            "Skills",
            (
                "Languages: Python, SQL, C++",
                "ML: scikit-learn, TensorFlow, XGBoost",
                "Ops: MLflow, Terraform, AWS",
            ),
        ),
        Section("Certifications", ("AWS Certified Machine Learning - Specialty",)),
    ),
)


@pytest.fixture(scope="session", autouse=True)
def no_child_process_outlives_the_suite() -> Iterator[None]:
    """At exit, multiprocessing joins every child still running; one stuck writing to a pipe
    nobody reads would hold the whole run. Children the tests left behind are ended instead."""
    yield
    import multiprocessing

    for child in multiprocessing.active_children():
        child.kill()
        child.join(5)


@pytest.fixture
def ml_resume() -> Resume:
    return ML_RESUME


@pytest.fixture
def write_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Render a resume to a PDF file in tmp_path and return its path."""

    def write(resume: Resume, layout: str = "single", name: str = "resume.pdf", **options: object) -> Path:
        path = tmp_path / name
        path.write_bytes(render_resume(resume, layout, **options))  # type: ignore[arg-type]
        return path

    return write


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``skillgap ARGS`` in-process and capture exit code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
