"""``analyze --explain`` in the terminal view: each resume line behind a skill once, its matched words
marked, a long line wrapped under its own start."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from analyzer import analyze
from analyzer.render import render_table
from tests.conftest import CliResult

Run = Callable[..., CliResult]

RESUME = """Avery Quinn
avery@example.com

Experience
ML Engineer, Acme (2021 - present)
- Applied machine learning (ML) to ranking and search.
- Trained retrieval models in PyTorch and served them with Docker on Kubernetes clusters across three regions for twelve million weekly users.

Skills
Languages: R for Research statistics, Python, SQL
"""
TWO_NAMES_LINE = "Applied machine learning (ML) to ranking and search."
LONG_LINE = "Trained retrieval models in PyTorch and served them with Docker on Kubernetes clusters"


@pytest.fixture
def resume(tmp_path: Path) -> Path:
    path = tmp_path / "cv.txt"
    path.write_text(RESUME, encoding="utf-8")
    return path


@pytest.fixture
def explained(run_cli: Run, resume: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("analyze", str(resume), "--explain")
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def _block(lines: list[str], skill: str) -> list[str]:
    """The lines under a skill's heading in "Skills found", up to the next skill."""
    start = next(number for number, line in enumerate(lines) if line.startswith(f"  {skill} ("))
    under = (number for number in range(start + 1, len(lines)) if not lines[number].startswith("      "))
    end = next(under, len(lines))
    return lines[start + 1 : end]


def test_a_line_holding_two_names_of_a_skill_is_printed_once(resume: Path, explained: list[str]) -> None:
    skill = next(skill for skill in analyze(str(resume)).skills if skill.id == "machine_learning")
    assert len({item.text for item in skill.evidence if item.line_text == TWO_NAMES_LINE}) == 2
    block = "\n".join(_block(explained, "Machine learning"))
    assert block.count("to ranking") == 1 and block.count("p1 l") == 1


def test_matched_words_stand_between_guillemets_when_not_on_a_terminal(explained: list[str]) -> None:
    block = " ".join(line.strip() for line in _block(explained, "Machine learning"))
    assert "«Applied machine learning» («ML») to ranking" in block
    assert "«PyTorch»" in " ".join(_block(explained, "PyTorch"))


def test_a_name_inside_a_longer_word_is_not_marked(explained: list[str]) -> None:
    (line,) = _block(explained, "R")
    assert line.endswith("Languages: «R» for Research statistics, Python, SQL")


def test_a_long_line_wraps_under_its_own_start(explained: list[str]) -> None:
    first, *rest = _block(explained, "PyTorch")
    text_column = first.index("Trained")
    assert rest and all(len(line) <= 80 for line in (first, *rest))
    for line in rest:
        assert line[:text_column].strip() == "" and line[text_column] != " "
    joined = " ".join(line.strip() for line in (first[text_column:], *rest))
    assert joined.startswith(LONG_LINE.replace("PyTorch", "«PyTorch»"))


def test_matched_words_are_bold_and_underlined_on_a_terminal(resume: Path) -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, color_system="standard", width=80)
    render_table(analyze(str(resume)), console, explain=True)
    bold_underline = "\x1b[1;4m"
    assert f"{bold_underline}Applied machine learning\x1b[0m ({bold_underline}ML\x1b[0m)" in screen.getvalue()
    assert "«" not in screen.getvalue()


def test_a_job_postings_line_and_the_resumes_line_are_marked_too(
    run_cli: Run, resume: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posting = tmp_path / "posting.md"
    posting.write_text("# Senior ML Engineer\n\n## Requirements\n\n- Experience with PyTorch\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "200")
    result = run_cli("analyze", str(resume), "--job", str(posting), "--jobs-only", "--explain")
    assert result.exit_code == 0, result.stderr
    assert "posting: Experience with «PyTorch»" in result.stdout
    assert "resume: Trained retrieval models in «PyTorch» and served" in result.stdout
