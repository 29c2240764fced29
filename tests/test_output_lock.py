"""One batch run per output: a second run on an output another run holds is a usage error that
names the holder, and touches nothing.

The first run is a separate process holding the output's lock (as ``skillgap batch`` does for its
whole run), so the lock is tested across processes, as two runs meet in real use.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from analyzer.output_lock import OutputInUseError, acquire, lock_path, locked_outputs, release
from tests.conftest import CliResult

Run = Callable[..., CliResult]
ROOT = Path(__file__).resolve().parent.parent
HOLD = """
import sys
from pathlib import Path
from analyzer.output_lock import locked_outputs
with locked_outputs([Path(sys.argv[1])]):
    print("locked", flush=True)
    sys.stdin.read()
"""
FORMATS = ("jsonl", "csv", "sqlite")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    resumes = tmp_path / "resumes"
    resumes.mkdir()
    (resumes / "a.txt").write_text("SKILLS\nPython, PyTorch, Docker\n")
    (resumes / "b.txt").write_text("SKILLS\nSQL, pandas, Airflow\n")
    return resumes


@pytest.fixture
def hold() -> Iterator[Callable[[Path], int]]:
    """Start a process that holds an output's lock until the test ends; returns its pid."""
    holders: list[subprocess.Popen[str]] = []

    def start(output: Path) -> int:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(output)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        holders.append(process)
        assert process.stdout is not None and process.stdout.readline() == "locked\n"
        return process.pid

    yield start
    for process in holders:
        process.communicate("")


def _rows(output: Path) -> int:
    if output.suffix == ".sqlite":
        with sqlite3.connect(output) as connection:
            return connection.execute("SELECT count(*) FROM resumes").fetchone()[0]
    lines = output.read_text().splitlines()
    return len(lines) - (1 if output.suffix == ".csv" else 0)


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("resume", [False, True], ids=["fresh", "resume"])
def test_a_second_run_on_a_held_output_is_a_usage_error_and_touches_nothing(
    run_cli: Run, folder: Path, tmp_path: Path, hold: Callable[[Path], int], kind: str, resume: bool
) -> None:
    output = tmp_path / f"out.{kind}"
    first = run_cli("batch", str(folder), "-o", str(output), "--workers", "1", "--no-cache", "-q")
    assert first.exit_code == 0, first.stderr
    before = output.read_bytes()
    holder = hold(output)
    second = run_cli(
        "batch", str(folder), "-o", str(output), "--workers", "1", "--no-cache", "-q",
        *(("--resume",) if resume else ()),
    )  # fmt: skip
    assert second.exit_code == 2
    lines = second.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"skillgap: error: {output}: in use by another skillgap run"
    )
    assert f"process {holder}" in lines[0]
    assert output.read_bytes() == before
    assert _rows(output) == 2


@pytest.mark.parametrize("option, name", [("--summary", "summary.md"), ("--report", "cohort.html")])
def test_a_held_summary_or_report_stops_the_run_before_the_output_is_touched(
    run_cli: Run, folder: Path, tmp_path: Path, hold: Callable[[Path], int], option: str, name: str
) -> None:
    output, held = tmp_path / "out.jsonl", tmp_path / name
    output.write_text("earlier\n")
    holder = hold(held)
    result = run_cli("batch", str(folder), "-o", str(output), option, str(held), "-q", "--no-cache")
    assert result.exit_code == 2
    assert f"{held}: in use by another skillgap run (process {holder})" in result.stderr
    assert output.read_text() == "earlier\n"
    assert not held.exists()


@pytest.mark.parametrize("kind", FORMATS)
def test_runs_one_after_the_other_share_an_output_and_leave_no_lock_file(
    run_cli: Run, folder: Path, tmp_path: Path, kind: str
) -> None:
    output = tmp_path / f"out.{kind}"
    for rerun in ((), ("--force",)):
        result = run_cli("batch", str(folder), "-o", str(output), "--workers", "1", "--no-cache", "-q", *rerun)
        assert result.exit_code == 0, result.stderr
    assert _rows(output) == 2
    assert not lock_path(output).exists()


def test_a_lock_file_left_by_a_killed_run_does_not_block(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    lock_path(output).write_text("999999\n")  # nobody holds a lock on it
    lock = acquire(output)
    assert lock is not None
    assert lock_path(output).read_text() == f"{os.getpid()}\n"
    release(lock)


def test_the_lock_holds_within_one_process_too(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    # Standard output (None) and an output named twice are fine.
    with (
        locked_outputs([output, None, output]),
        pytest.raises(OutputInUseError, match=f"process {os.getpid()}"),
    ):
        acquire(output)
    release(acquire(output))


@pytest.mark.parametrize("kind", FORMATS)
def test_two_concurrent_batch_runs_on_one_output(
    run_cli: Run, folder: Path, tmp_path: Path, kind: str
) -> None:
    """A real first run, held mid-run (one of its files is a named pipe, which it waits on while
    hashing), meets a second run: the second is refused naming the first; the first then ends
    with every row of its own."""
    output = tmp_path / f"out.{kind}"
    pipe = folder / "z.txt"
    os.mkfifo(pipe)
    first = subprocess.Popen(
        [sys.executable, "-m", "analyzer", "batch", str(folder), "-o", str(output), "-q", "--no-cache"],
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 120  # a safety net against a hang, not a timed assertion
        while not lock_path(output).exists() or not lock_path(output).read_text().strip():
            assert first.poll() is None and time.monotonic() < deadline, "the first run never took its lock"
            time.sleep(0.05)
        second = run_cli("batch", str(folder), "-o", str(output), "-q", "--no-cache", "--resume")
        assert second.exit_code == 2
        assert f"in use by another skillgap run (process {first.pid})" in second.stderr
    finally:
        with open(pipe, "w") as writer:  # lets the first run go on
            writer.write("SKILLS\nKubernetes\n")
        first.wait(timeout=300)
    assert _rows(output) == 3  # a.txt, b.txt and the pipe (a failed row: not a regular file)
    assert not lock_path(output).exists()
