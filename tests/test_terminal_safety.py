"""What came from a resume or a file name is shown on the terminal, never obeyed.

Resume text carrying escape sequences (clear screen, clear scrollback, the alternate screen, an
OSC 8 hyperlink), C1 controls and bidi overrides, and file names carrying a newline or an escape
sequence, go through every terminal output: the table, ``--explain``, Markdown, error lines, the
batch summary. None of those characters may reach the terminal as it is; JSON keeps the text
exactly, with C1 controls and bidi characters written as ``\\u`` escapes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from analyzer.isolation import Limits, _read_in_child
from tests.conftest import CliResult

Run = Callable[..., CliResult]

CLEAR_SCREEN = "\x1b[2J"
CLEAR_SCROLLBACK = "\x1b[3J"
ALTERNATE_SCREEN = "\x1b[?1049h"
HYPERLINK = "\x1b]8;;https://attacker.example/\x1b\\click\x1b]8;;\x1b\\"
WINDOW_TITLE = "\x1b]0;owned\x07"  # an OSC sequence that fits in a file name (no slash)
C1_CSI = "\x9b2J"
BIDI_OVERRIDE = "\u202e"
# A child process that cannot answer ends at once; a test stops waiting for it after this long.
CHILD_SECONDS = 60
HOSTILE_LINES = (
    f"Skills: Python, PyTorch {CLEAR_SCREEN}{CLEAR_SCROLLBACK}",
    f"Docker {ALTERNATE_SCREEN} and Kubernetes {HYPERLINK}",
    f"Built services in FastAPI {C1_CSI} with {BIDI_OVERRIDE}SQL{BIDI_OVERRIDE}",
)
HOSTILE_RESUME = "Robin Doe\n" + "\n".join(HOSTILE_LINES) + "\n"
# What a terminal acts on or reorders by: C0 controls but the line break, DEL, C1, bidi controls.
LIVE_CONTROL = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def assert_inert(text: str) -> None:
    found = LIVE_CONTROL.findall(text)
    assert not found, f"live control characters reached the terminal: {found!r}"


@pytest.fixture
def hostile_resume(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_RESUME, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "options", [(), ("--explain",), ("-f", "markdown"), ("-f", "markdown", "--explain")], ids=str
)
def test_resume_text_with_controls_is_shown_inert(run_cli: Run, hostile_resume: Path, options: tuple) -> None:
    result = run_cli("analyze", str(hostile_resume), *options)
    assert result.exit_code == 0, result.stderr
    assert {"Python", "PyTorch", "Docker", "FastAPI"} <= set(re.findall(r"\w+", result.stdout))
    assert_inert(result.stdout)
    assert_inert(result.stderr)


def test_explain_shows_the_controls_as_escapes(run_cli: Run, hostile_resume: Path) -> None:
    result = run_cli("analyze", str(hostile_resume), "--explain")
    assert "\\x1b[2J" in result.stdout
    assert "\\x9b2J" in result.stdout
    assert "\\u202e" in result.stdout


def test_json_keeps_the_text_and_escapes_c1_and_bidi(run_cli: Run, hostile_resume: Path) -> None:
    result = run_cli("analyze", str(hostile_resume), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert_inert(result.stdout)
    assert "\\u009b" in result.stdout and "\\u202e" in result.stdout
    lines = {item["line_text"] for skill in result.json()["skills"] for item in skill["evidence"]}
    assert HOSTILE_LINES[2] in lines  # the data itself is unchanged


def test_a_file_name_with_an_escape_sequence_is_shown_inert_in_the_table(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"cv{CLEAR_SCREEN}{BIDI_OVERRIDE}.txt"
    (tmp_path / name).write_text("Skills: Python, Docker\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a short name, so the table does not wrap it
    result = run_cli("analyze", name)
    assert result.exit_code == 0, result.stderr
    assert "cv\\x1b[2J\\u202e.txt" in result.stdout
    assert_inert(result.stdout)


@pytest.mark.parametrize("name", ["cv\nskillgap: error: forged.pdf", f"cv{CLEAR_SCREEN}{WINDOW_TITLE}.pdf"])
@pytest.mark.parametrize("exists", [True, False], ids=["bad-file", "missing-file"])
def test_an_error_about_a_hostile_file_name_is_one_inert_line(
    run_cli: Run, tmp_path: Path, name: str, exists: bool
) -> None:
    path = tmp_path / name
    if exists:
        path.write_bytes(b"<html>not a resume</html>")
    result = run_cli("analyze", str(path))
    assert result.exit_code == (1 if exists else 2)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("skillgap: error: "), lines
    assert_inert(result.stderr)


def test_batch_output_on_the_terminal_is_inert(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    (folder / f"a{CLEAR_SCREEN}\n.txt").write_text(HOSTILE_RESUME, encoding="utf-8")
    (folder / f"b{BIDI_OVERRIDE}.pdf").write_bytes(b"not a pdf")
    result = run_cli("batch", str(folder), "--workers", "1", "--no-cache")
    assert result.exit_code == 1  # the second file failed
    assert_inert(result.stdout)  # JSONL rows
    assert_inert(result.stderr)  # the summary
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {Path(row["file"]).name for row in rows} == {f"a{CLEAR_SCREEN}\n.txt", f"b{BIDI_OVERRIDE}.pdf"}


def test_a_reading_child_that_cannot_answer_ends_silently(capfd: pytest.CaptureFixture[str]) -> None:
    """The child's answer has nowhere to go (nobody holds the pipe's reading end): it must end
    without multiprocessing's "Process ForkProcess-1:" traceback under the parent's one error line."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    reading_end, writing_end = context.Pipe(duplex=False)
    # Both ends closed before the child starts: its answer cannot be sent at all, whatever any
    # other process of the run may hold (a pipe's broken-pipe error depends on every reader).
    reading_end.close()
    writing_end.close()
    child = context.Process(
        target=_read_in_child, args=(writing_end, b"Skills: Python\n", "cv.txt", "", Limits(), None)
    )
    child.start()
    child.join(CHILD_SECONDS)
    if child.is_alive():
        child.kill()
        pytest.fail(f"the reading child was still running after {CHILD_SECONDS} s")
    assert capfd.readouterr().err == ""
    assert child.exitcode != 0


def test_a_batch_worker_that_cannot_answer_ends_silently(capfd: pytest.CaptureFixture[str]) -> None:
    """Likewise a batch worker: no "Process SpawnProcess-1:" traceback on the batch's stderr."""
    import multiprocessing

    from analyzer.batch import BatchOptions, _worker_main

    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    parent.close()  # the worker's "ready" has nowhere to go
    worker = context.Process(target=_worker_main, args=(child, BatchOptions()))
    worker.start()
    child.close()
    worker.join(CHILD_SECONDS)
    if worker.is_alive():
        worker.kill()
        pytest.fail(f"the batch worker was still running after {CHILD_SECONDS} s")
    assert capfd.readouterr().err == ""
    assert worker.exitcode != 0
