"""Batch: mixed folders, the three output formats, isolation, resume and the text cache."""

from __future__ import annotations

import csv
import functools
import io
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from analyzer.batch import BatchOptions, analyze_file, analyze_folder
from analyzer.cache import READER_VERSION
from tests import hostile
from tests.conftest import CliResult
from tests.resume_pdf import Resume, Section, encrypted_pdf, render_resume

Run = Callable[..., CliResult]


def _resume(name: str, skills: str) -> Resume:
    return Resume(
        name=name,
        contact=f"{name.split()[0].lower()}@example.com",
        main=(Section("Experience", (f"• Built production systems with {skills}.",)),),
        side=(Section("Skills", (skills,)),),
    )


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "resumes"
    folder.mkdir()
    (folder / "ml.pdf").write_bytes(render_resume(_resume("Ada Lin", "Python, PyTorch, Docker")))
    (folder / "ai.pdf").write_bytes(
        render_resume(_resume("Bo Chan", "Python, LangChain, FastAPI"), "two_column")
    )
    (folder / "notes.md").write_text("# Cy Dee\n## Skills\nSQL, pandas, Tableau\n")
    (folder / "fake.pdf").write_text("<html><body>not a pdf</body></html>")
    (folder / "locked.pdf").write_bytes(encrypted_pdf())
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    return folder


@functools.cache
def _slow_pdf() -> bytes:
    """A legitimate PDF that takes seconds to read: a file to time out or interrupt a batch in."""
    return hostile.dense_pages_pdf(60)


def _rows(output: Path) -> list[dict]:
    return [json.loads(line) for line in output.read_text().splitlines()]


def test_every_file_gets_one_row_and_failures_set_the_exit_code(
    run_cli: Run, mixed_folder: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.jsonl"
    result = run_cli("batch", str(mixed_folder), "-o", str(output), "--workers", "2", "--no-cache", "-q")
    assert result.exit_code == 1
    rows = {Path(row["file"]).name: row for row in _rows(output)}
    assert set(rows) == {"ml.pdf", "ai.pdf", "notes.md", "fake.pdf", "locked.pdf", "photo.png"}
    assert {name: row["status"] for name, row in rows.items()} == {
        "ml.pdf": "ok",
        "ai.pdf": "ok",
        "notes.md": "ok",
        "fake.pdf": "failed",
        "locked.pdf": "failed",
        "photo.png": "skipped",
    }
    assert rows["fake.pdf"]["error"] == "not a PDF (looks like HTML)"
    assert "encrypted" in rows["locked.pdf"]["error"]
    assert rows["ml.pdf"]["schema_version"] == "2" and rows["ml.pdf"]["error"] is None
    assert "PyTorch" in {skill["name"] for skill in rows["ml.pdf"]["skills"]}


def test_a_folder_without_failures_exits_zero(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "ok"
    folder.mkdir()
    (folder / "a.txt").write_text("Skills: Python, Docker")
    (folder / "b.png").write_bytes(b"\x89PNG")
    result = run_cli("batch", str(folder), "--no-cache", "-q", "--workers", "1")
    assert result.exit_code == 0
    statuses = sorted(json.loads(line)["status"] for line in result.stdout.splitlines())
    assert statuses == ["ok", "skipped"]


def test_csv_has_a_summary_row_per_resume(run_cli: Run, mixed_folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    run_cli("batch", str(mixed_folder), "-o", str(output), "--no-cache", "-q", "--workers", "2")
    with output.open(newline="") as handle:
        rows = {Path(row["file"]).name: row for row in csv.DictReader(handle)}
    assert rows["ml.pdf"]["status"] == "ok" and float(rows["ml.pdf"]["coverage_ml_engineer"]) > 0
    assert rows["ml.pdf"]["missing_ai_engineer"]
    assert rows["photo.png"]["status"] == "skipped"


def test_sqlite_tables_answer_sql_questions(run_cli: Run, mixed_folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.sqlite"
    run_cli("batch", str(mixed_folder), "-o", str(output), "--no-cache", "-q", "--workers", "2")
    with sqlite3.connect(output) as db:
        statuses = dict(db.execute("SELECT status, COUNT(*) FROM resumes GROUP BY status").fetchall())
        with_pytorch = db.execute(
            "SELECT DISTINCT r.file FROM resumes r JOIN skills s ON s.resume_id = r.id WHERE s.skill_id = 'pytorch'"
        ).fetchall()
        coverage_rows = db.execute("SELECT COUNT(*) FROM path_coverage").fetchone()[0]
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert statuses == {"ok": 3, "failed": 2, "skipped": 1}
    assert [Path(row[0]).name for row in with_pytorch] == ["ml.pdf"]
    assert coverage_rows == 3 * 2
    assert {"skills_skill", "resumes_sha256", "missing_competency"} <= indexes


@pytest.mark.parametrize("extension", [".jsonl", ".csv", ".sqlite"])
def test_resume_keeps_unchanged_files_and_replaces_the_rows_of_edited_ones(
    run_cli: Run, tmp_path: Path, extension: str
) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.txt").write_text("Skills: Python")
    (folder / "b.txt").write_text("Skills: SQL")
    output = tmp_path / f"out{extension}"
    run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--workers", "1")
    (folder / "b.txt").write_text("Skills: SQL, Docker")  # edited: redone, its row replaced
    (folder / "c.txt").write_text("Skills: Go, Rust")  # new: done
    result = run_cli("batch", str(folder), "-o", str(output), "--no-cache", "--workers", "1", "--resume")
    assert "Analyzed 2" in result.stderr and "kept from the earlier run 1" in result.stderr
    assert _statuses(output) == {"a.txt": "ok", "b.txt": "ok", "c.txt": "ok"}


def test_resume_redoes_rows_made_by_other_options(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "o"
    folder.mkdir()
    (folder / "a.txt").write_text("Skills: Python, PyTorch")
    output = tmp_path / "out.jsonl"
    run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--path", "ml_engineer")
    [before] = _rows(output)
    run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--resume")
    [after] = _rows(output)
    assert [path["id"] for path in before["paths"]] == ["ml_engineer"]
    assert len(after["paths"]) > 1 and after["run_fingerprint"] != before["run_fingerprint"]


def test_resume_appends_no_second_row_for_skipped_or_failed_files(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a.txt").write_text("Skills: Python")
    (folder / "photo.xyz").write_text("not a resume")
    (folder / "fake.pdf").write_text("<html></html>")
    output = tmp_path / "out.jsonl"
    for _ in range(3):
        run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--resume")
    assert _statuses(output) == {"a.txt": "ok", "photo.xyz": "skipped", "fake.pdf": "failed"}


def test_retry_failed_analyzes_the_failed_files_again(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_text("Skills: Python")
    (folder / "big.txt").write_text("Skills: SQL " + "x" * 2048)
    output = tmp_path / "out.csv"
    first = run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--max-size", "1K")
    # A failure stays failed on --resume; --retry-failed reads the file again (here under a
    # size limit it now fits, which changes no row fingerprint).
    kept = run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--resume")
    retried = run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--retry-failed")
    assert (first.exit_code, kept.exit_code, retried.exit_code) == (1, 1, 0)
    assert _statuses(output) == {"a.txt": "ok", "big.txt": "ok"}


def test_an_existing_output_needs_resume_or_force(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "e"
    folder.mkdir()
    (folder / "a.txt").write_text("Skills: Python")
    output = tmp_path / "out.jsonl"
    run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q")
    refused = run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q")
    assert refused.exit_code == 2
    assert f"{output}: already holds" in refused.stderr and "--resume" in refused.stderr and "--force" in refused.stderr
    (folder / "b.txt").write_text("Skills: SQL")
    assert run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--force").exit_code == 0
    assert _statuses(output) == {"a.txt": "ok", "b.txt": "ok"}


def test_failed_files_are_named_with_their_reasons_even_when_quiet(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(23):
        (folder / f"bad_{index:02}.pdf").write_text("<html></html>")
    output = tmp_path / "out.jsonl"
    result = run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q")
    lines = result.stderr.splitlines()
    named = [line for line in lines if line.startswith("failed: ")]
    assert len(named) == 20 and all("not a PDF (looks like HTML)" in line for line in named)
    assert f"and 3 more: see the rows of {output} with status failed" in lines


def test_resume_with_nothing_left_does_no_work(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "done"
    folder.mkdir()
    (folder / "a.txt").write_text("Skills: Python")
    output = tmp_path / "out.csv"
    run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--workers", "1")
    before = output.read_text()
    assert run_cli("batch", str(folder), "-o", str(output), "--resume", "-q", "--no-cache").exit_code == 0
    assert output.read_text() == before


def test_text_is_cached_by_content_hash_and_reused(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    resume = folder / "cv.pdf"
    resume.write_bytes(render_resume(_resume("Di Eng", "Python")))
    cache = tmp_path / "cache"
    first = list(analyze_folder(folder, workers=1, cache_dir=cache))
    entries = list(cache.glob(f"documents/*/*-r{READER_VERSION}.json"))
    assert [entry.name.split("-")[0] for entry in entries] == [first[0].sha256]
    # The cached text is what the next run reads: change it and the report follows.
    entries[0].write_text(entries[0].read_text().replace("Python", "Haskell"))
    second = list(analyze_folder(folder, workers=1, cache_dir=cache))
    assert {skill.name for skill in second[0].report.skills} >= {"Haskell"}
    assert "Python" not in {skill.name for skill in second[0].report.skills}


def test_a_file_over_the_time_limit_fails_alone(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "huge.pdf").write_bytes(_slow_pdf())
    (folder / "small.txt").write_text("Skills: Python")
    results = {Path(r.file).name: r for r in analyze_folder(folder, workers=1, timeout=1.0, max_pages=None)}
    assert results["huge.pdf"].status == "failed" and "timed out after 1 s" in results["huge.pdf"].error
    assert results["huge.pdf"].sha256
    assert results["small.txt"].status == "ok"


def test_files_queued_behind_a_file_that_hangs_are_still_analyzed(tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "a_huge.pdf").write_bytes(_slow_pdf())
    for index in range(3):
        (folder / f"b_{index}.txt").write_text(f"Skills: Python, Docker, resume {index}")
    results = list(analyze_folder(folder, workers=1, timeout=1.0, max_pages=None))
    assert sorted(Path(result.file).name for result in results) == [
        "a_huge.pdf",
        "b_0.txt",
        "b_1.txt",
        "b_2.txt",
    ]
    assert [result.status for result in results if result.file.endswith(".txt")] == ["ok"] * 3


def test_a_runaway_allocation_fails_only_that_file(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "huge.pdf").write_bytes(hostile.flate_bomb_pdf())  # inflates to 2 GiB
    (folder / "small.txt").write_text("Skills: Python")
    results = {
        Path(r.file).name: r
        for r in analyze_folder(folder, workers=1, max_memory=330 * 1024**2, max_pages=None)
    }
    assert (results["huge.pdf"].status, results["huge.pdf"].error) == (
        "failed",
        "ran out of memory (raise --max-memory)",
    )
    assert results["small.txt"].status == "ok"


def test_summary_file_has_cohort_figures(run_cli: Run, mixed_folder: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    run_cli(
        "batch",
        str(mixed_folder),
        "-o",
        str(tmp_path / "o.jsonl"),
        "--summary",
        str(summary),
        "-q",
        "--no-cache",
    )
    data = json.loads(summary.read_text())
    assert (data["analyzed"], data["failed"], data["skipped"]) == (3, 2, 1)
    ml = next(path for path in data["paths"] if path["id"] == "ml_engineer")
    assert set(ml["coverage"]) == {"mean", "q1", "median", "q3", "min", "max"}
    assert ml["most_common_gaps"] and sum(data["best_fit"].values()) == 3


def test_links_out_of_the_folder_are_skipped(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Skills: Python")
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    results = list(analyze_folder(folder, workers=1))
    assert [(r.status, r.error) for r in results] == [
        ("skipped", "symbolic link to outside the folder (use --follow-symlinks)")
    ]


def test_unknown_output_type_is_a_usage_error(run_cli: Run, mixed_folder: Path, tmp_path: Path) -> None:
    result = run_cli("batch", str(mixed_folder), "-o", str(tmp_path / "out.xlsx"))
    assert result.exit_code == 2 and "unknown output type '.xlsx'" in result.stderr


def test_a_missing_folder_is_a_usage_error(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("batch", str(tmp_path / "nope"), "-q")
    assert (
        result.exit_code == 2 and result.stderr == f"skillgap: error: {tmp_path / 'nope'}: no such folder\n"
    )


def test_a_pdf_over_the_page_limit_fails_with_the_limit_named(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "long.pdf").write_bytes(hostile.dense_pages_pdf(5))
    [result] = analyze_folder(folder, workers=1, max_pages=3)
    assert (result.status, result.error) == ("failed", "has more than 3 pages (raise --max-pages)")


def test_cohort_report_links_every_resume(run_cli: Run, mixed_folder: Path, tmp_path: Path) -> None:
    report = tmp_path / "cohort.html"
    run_cli(
        "batch", str(mixed_folder), "-o", str(tmp_path / "o.csv"), "--report", str(report), "-q", "--no-cache"
    )
    page = report.read_text()
    for name in ("ml.pdf", "ai.pdf", "notes.md", "fake.pdf", "locked.pdf", "photo.png"):
        assert name in page
    assert page.count('href="#resume-') == 6


def _statuses(output: Path) -> dict[str, str]:
    """File name → status of every row of a batch output, checking no file has two rows."""
    if output.suffix == ".sqlite":
        with sqlite3.connect(output) as db:
            rows = db.execute("SELECT file, status FROM resumes").fetchall()
    elif output.suffix == ".csv":
        with output.open(newline="", encoding="utf-8") as handle:
            rows = [(row["file"], row["status"]) for row in csv.DictReader(handle)]
    else:
        rows = [(row["file"], row["status"]) for row in _rows(output)]
    names = [Path(file).name for file, _ in rows]
    assert len(names) == len(set(names)), f"a file has two rows: {sorted(names)}"
    return {Path(file).name: status for file, status in rows}


def _rows_written(output: Path) -> int:
    """Complete rows a running batch has written so far: none while it is still creating the
    output, and not the row it is writing (a long row reaches the file in several writes)."""
    if not output.exists():
        return 0
    if output.suffix == ".sqlite":
        try:
            return len(_statuses(output))
        except sqlite3.OperationalError:  # the tables are not there yet
            return 0
    text = output.read_text(encoding="utf-8")
    complete = text[: text.rfind("\n") + 1]
    if output.suffix == ".csv":
        return len(list(csv.DictReader(io.StringIO(complete))))
    return len(complete.splitlines())


def _wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


@pytest.mark.parametrize("extension", [".jsonl", ".csv", ".sqlite"])
def test_ctrl_c_keeps_finished_rows_and_resume_does_only_the_rest(tmp_path: Path, extension: str) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    quick = [f"a_{index}.txt" for index in range(4)]
    for index, name in enumerate(quick):
        (folder / name).write_text(f"Skills: Python, SQL, resume {index}")
    # One worker takes the files in name order: it is deep in the slow PDF when Ctrl-C comes.
    (folder / "m_slow.pdf").write_bytes(_slow_pdf())
    (folder / "z_last.txt").write_text("Skills: Go, Docker")
    output = tmp_path / f"out{extension}"
    command = [sys.executable, "-m", "analyzer", "batch", str(folder), "-o", str(output), "--workers", "1"]
    command += ["--no-cache", "--max-pages", "100", "-q"]
    # A session of its own, so the signal goes to the whole process group as a terminal's does.
    batch = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _wait_for(lambda: _rows_written(output) == len(quick), seconds=120)
        os.killpg(batch.pid, signal.SIGINT)
        _, stderr = batch.communicate(timeout=30)
    finally:
        if batch.poll() is None:
            batch.kill()
    assert batch.returncode == 130
    assert "rerun with --resume" in stderr
    assert _statuses(output) == dict.fromkeys(quick, "ok")

    resumed = subprocess.run(
        [*command, "--resume", "--timeout", "2"], capture_output=True, text=True, check=False
    )
    assert resumed.returncode == 1, resumed.stderr  # the slow PDF now fails on its time limit
    assert _statuses(output) == {**dict.fromkeys(quick, "ok"), "m_slow.pdf": "failed", "z_last.txt": "ok"}


@pytest.mark.parametrize("extension", [".jsonl", ".csv"])
def test_a_row_cut_short_by_a_killed_run_is_redone_on_resume(
    run_cli: Run, tmp_path: Path, extension: str
) -> None:
    folder = tmp_path / "k"
    folder.mkdir()
    (folder / "a.txt").write_text("Skills: Python")
    (folder / "b\nnewline in the name.txt").write_text("Skills: SQL")  # a quoted CSV cell with a break
    output = tmp_path / f"out{extension}"
    run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--workers", "1")
    whole = output.read_bytes()
    last_row = whole.rindex(str(folder / "b").encode())
    output.write_bytes(whole[: last_row + len(str(folder)) + 6])  # killed inside the file name
    result = run_cli("batch", str(folder), "-o", str(output), "--no-cache", "-q", "--resume")
    assert result.exit_code == 0, result.stderr
    assert _statuses(output) == {"a.txt": "ok", "b\nnewline in the name.txt": "ok"}


def test_a_worker_killed_mid_file_costs_only_that_file(tmp_path: Path) -> None:
    folder = tmp_path / "w"
    folder.mkdir()
    (folder / "a.txt").write_text("Skills: Python")
    (folder / "b_slow.pdf").write_bytes(_slow_pdf())
    (folder / "c.txt").write_text("Skills: SQL")
    results = analyze_folder(folder, workers=1, max_pages=None)
    first = next(results)
    # The worker holds the slow PDF next; killing it now is what the kernel's OOM killer would do.
    for worker in multiprocessing.active_children():
        os.kill(worker.pid, signal.SIGKILL)
    rest = {Path(result.file).name: result for result in results}
    assert Path(first.file).name == "a.txt" and first.status == "ok"
    slow = rest["b_slow.pdf"]
    assert slow.status == "failed" and "crashed" in slow.error and slow.sha256
    assert rest["c.txt"].status == "ok"


def test_the_per_file_function_is_pure_over_bytes_and_runs_in_any_executor(tmp_path: Path) -> None:
    resume = render_resume(_resume("Ed Fox", "Python, PyTorch, Docker"))
    options = BatchOptions(cache_dir=str(tmp_path / "cache"))
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as executor:
        ok = executor.submit(analyze_file, resume, "ed.pdf", options).result()
        bad = executor.submit(analyze_file, b"<html></html>", "fake.pdf", options).result()
    assert ok == analyze_file(resume, "ed.pdf", options)
    assert ok.report is not None and {skill.name for skill in ok.report.skills} >= {"Python", "PyTorch", "Docker"}
    assert (bad.status, bad.error) == ("failed", "not a PDF (looks like HTML)")


def _run_on_a_terminal(command: list[str]) -> str:
    """What a command draws on standard error when that is a terminal (a pseudo-terminal here)."""
    import pty

    controller, terminal = pty.openpty()
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    environment.pop("NO_COLOR", None)
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal, env=environment
    )
    os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        drawn += chunk
    os.close(controller)
    assert process.wait(timeout=60) == 0
    return drawn.decode("utf-8", "replace")


def test_on_a_terminal_a_progress_bar_shows_count_rate_and_time_left(tmp_path: Path) -> None:
    folder = tmp_path / "bar"
    folder.mkdir()
    for index in range(6):
        (folder / f"cv_{index}.txt").write_text(f"Skills: Python, SQL, resume {index}")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    drawn = _run_on_a_terminal(
        [sys.executable, "-m", "analyzer", "batch", str(folder), "-o", str(tmp_path / "o.csv"), "--no-cache"]
    )
    assert "7/7" in drawn  # the count, skipped files included, out of a known total
    assert "files/s" in drawn
    assert "0:00:00" in drawn  # the time left, which needs the total


def test_off_a_terminal_there_is_no_progress_bar_only_the_summary(
    run_cli: Run, mixed_folder: Path, tmp_path: Path
) -> None:
    result = run_cli("batch", str(mixed_folder), "-o", str(tmp_path / "o.csv"), "--no-cache")
    assert "files/s" not in result.stderr and "\x1b[" not in result.stderr
    assert "analyzed" in result.stderr.lower()
