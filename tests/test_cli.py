"""The skillgap command: formats, output files, and one-line errors with their exit codes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from analyzer import analyze
from tests.conftest import CliResult
from tests.resume_pdf import Resume, encrypted_pdf, image_only_pdf

Run = Callable[..., CliResult]


def test_json_output_follows_the_v2_contract(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume
) -> None:
    result = run_cli("analyze", str(write_pdf(ml_resume)), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["schema_version"] == "2"
    assert data["tool"]["name"] == "skillgap" and data["tool"]["taxonomy_version"]
    assert set(data["source"]) >= {"path", "sha256", "pages"} and data["source"]["pages"] == 1
    skill = next(item for item in data["skills"] if item["name"] == "PyTorch")
    assert set(skill) >= {"id", "name", "kind", "evidence"}
    assert set(skill["evidence"][0]) >= {"text", "section", "page", "line", "score"}
    path_ids = [path["id"] for path in data["paths"]]
    assert path_ids == ["ai_engineer", "ml_engineer"]
    for path in data["paths"]:
        assert path["kind"] == "career" and path["reason"]
        assert 0.0 <= path["coverage"] <= 1.0 and 0.0 <= path["focus"] <= 1.0
        competency_keys = {"id", "name", "importance", "weight", "strength", "covered", "skills"}
        assert set(path["competencies"][0]) >= competency_keys
        for gap in path["missing"]:
            assert set(gap) >= {"id", "name", "importance", "strength", "suggested_skills"}
        for step in path["plan"]:
            assert set(step) >= {"id", "name", "closes", "why"}
    assert data["best_fit"] in (None, "ai_engineer", "ml_engineer")
    assert data["best_fit_reason"]
    assert isinstance(data["warnings"], list)


def test_python_api_report_equals_the_cli_json(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume
) -> None:
    path = write_pdf(ml_resume)
    assert analyze(str(path)).to_dict() == run_cli("analyze", str(path), "--format", "json").json()


def test_table_view_shows_paths_gaps_and_skills(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume
) -> None:
    result = run_cli("analyze", str(write_pdf(ml_resume, "sidebar_left")))
    assert result.exit_code == 0
    for expected in ("AI Engineer", "ML Engineer", "What to learn next", "Skills found", "PyTorch"):
        assert expected in result.stdout
    assert "\x1b[" not in result.stdout  # no colour codes when not a terminal


def test_explain_shows_the_line_behind_a_skill(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume
) -> None:
    result = run_cli("analyze", str(write_pdf(ml_resume)), "--explain")
    assert "Trained ranking models in PyTorch" in result.stdout


def test_markdown_written_to_a_file(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    result = run_cli("analyze", str(write_pdf(ml_resume)), "--format", "markdown", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    text = target.read_text()
    assert text.startswith("# skillgap report:") and "| Path | Coverage |" in text


def test_path_option_limits_the_report(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume
) -> None:
    data = run_cli("analyze", str(write_pdf(ml_resume)), "-f", "json", "--path", "ml_engineer").json()
    assert [path["id"] for path in data["paths"]] == ["ml_engineer"]


def test_standard_input_is_read_as_text(run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Skills: Python, PyTorch\n")))
    data = run_cli("analyze", "-", "--format", "json").json()
    assert data["source"]["path"] == "-"
    assert {"Python", "PyTorch"} <= {skill["name"] for skill in data["skills"]}


@pytest.mark.parametrize(
    ("make", "name", "code", "message"),
    [
        (None, "missing.pdf", 2, "missing.pdf: no such file"),
        ("dir", "folder", 2, "folder: is a directory"),
        (b"<html><body>hi</body></html>", "cv.pdf", 1, "cv.pdf: not a PDF (looks like HTML)"),
        (b"PK\x03\x04...", "cv.docx", 1, "cv.docx: not a Word document"),
        (encrypted_pdf(), "locked.pdf", 1, "locked.pdf: encrypted; pass its password with --password"),
        (
            image_only_pdf(),
            "scan.pdf",
            1,
            "scan.pdf: no text layer (a scan or image-only PDF): rerun with --ocr",
        ),
        (b"%PDF-1.4\n1 0 obj garbage", "broken.pdf", 1, "broken.pdf: "),
    ],
)
def test_user_errors_are_one_line_with_their_exit_code(
    run_cli: Run, tmp_path: Path, make: bytes | str | None, name: str, code: int, message: str
) -> None:
    target = tmp_path / name
    if make == "dir":
        target.mkdir()
    elif isinstance(make, bytes):
        target.write_bytes(make)
    result = run_cli("analyze", str(target))
    assert result.exit_code == code
    assert result.stderr.startswith(f"skillgap: error: {tmp_path}")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_encrypted_pdf_opens_with_its_password(run_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "locked.pdf"
    target.write_bytes(encrypted_pdf("s3cret"))
    assert run_cli("analyze", str(target), "--password", "s3cret", "-f", "json").exit_code == 0


def test_bad_option_is_a_one_line_usage_error(run_cli: Run) -> None:
    result = run_cli("analyze", "x.pdf", "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr.startswith("skillgap: error: ") and result.stderr.count("\n") == 1


def test_unknown_path_id_is_a_usage_error(run_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "cv.txt"
    target.write_text("Skills: Python")
    result = run_cli("analyze", str(target), "--path", "astronaut")
    assert result.exit_code == 2 and "unknown path 'astronaut'" in result.stderr


def test_version(run_cli: Run) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("skillgap ")


@pytest.mark.skipif(shutil.which("skillgap") is None, reason="console script not installed")
def test_installed_console_script_analyzes_a_resume(
    write_pdf: Callable[..., Path], ml_resume: Resume
) -> None:
    completed = subprocess.run(
        ["skillgap", "analyze", str(write_pdf(ml_resume)), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert completed.returncode == 0, completed.stderr
    assert '"schema_version": "2"' in completed.stdout


def test_python_dash_m_runs_the_cli() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "analyzer", "--version"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0 and completed.stdout.startswith("skillgap ")


def test_redact_removes_contact_details_from_evidence(run_cli: Run, tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(
        "SKILLS\nPython (code at github.com/jane/py, mail jane@example.com, call +1 555 010 0199), Docker\n"
    )
    output = run_cli("analyze", str(resume), "-f", "json", "--redact").stdout
    for detail in ("github.com", "jane@example.com", "555 010 0199"):
        assert detail not in output
    assert "[url]" in output and "[email]" in output and "[phone]" in output
    assert "Docker" in output


def test_html_report_is_one_self_contained_file(
    run_cli: Run, write_pdf: Callable[..., Path], ml_resume: Resume, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    assert run_cli("analyze", str(write_pdf(ml_resume)), "-f", "html", "-o", str(target)).exit_code == 0
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "PyTorch" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
