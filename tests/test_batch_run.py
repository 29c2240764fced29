"""run_batch as a library: engines, progress, outputs, the fingerprint and the failed files."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from analyzer.batch import BatchOptions, FileResult, analyze_path
from analyzer.batch_run import FAILED_LISTED, failed_files_text, run_batch, run_fingerprint
from analyzer.errors import OutputExistsError
from analyzer.report import Report


class InProcessEngine:
    """An engine that analyzes each path in this process, in reverse order (any order is allowed)."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.closed = False

    def results(self, paths: Sequence[str], options: BatchOptions) -> Iterator[FileResult]:
        for path in reversed(paths):
            self.seen.append(path)
            yield analyze_path(path, options)

    def close(self) -> None:
        self.closed = True


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def start(self, total: int) -> None:
        self.events.append(("start", total))

    def advance(self, status: str) -> None:
        self.events.append(("advance", status))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cvs"
    folder.mkdir()
    (folder / "a.txt").write_text("SKILLS\nPython, PyTorch, SQL, Docker")
    (folder / "b.md").write_text("# Skills\nLangChain, FastAPI, OpenAI API")
    (folder / "c.pdf").write_text("<html>not a pdf</html>")
    (folder / "d.xyz").write_text("nothing")
    return folder


def _lines(output: Path) -> list[dict]:
    return [json.loads(line) for line in output.read_text().splitlines()]


def test_any_engine_analyzes_the_candidates_and_is_closed(folder: Path, tmp_path: Path) -> None:
    engine = InProcessEngine()
    run = run_batch(folder, output=tmp_path / "o.jsonl", engine=engine)
    assert sorted(Path(path).name for path in engine.seen) == ["a.txt", "b.md", "c.pdf"]
    assert engine.closed
    assert (run.files, run.summary.analyzed, run.failed, run.summary.skipped) == (4, 2, 1, 1)


def test_each_result_carries_the_report_as_a_dataclass(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "o.jsonl"
    run_batch(folder, output=output, engine=InProcessEngine())
    [row] = [row for row in _lines(output) if row["file"].endswith("a.txt")]
    result = analyze_path(str(folder / "a.txt"))
    assert isinstance(result.report, Report)
    assert row["paths"] == result.report.to_dict()["paths"]


def test_the_progress_total_is_every_file_and_known_before_the_first(folder: Path, tmp_path: Path) -> None:
    recorder = Recorder()
    run_batch(folder, output=tmp_path / "o.jsonl", engine=InProcessEngine(), progress=recorder)
    assert recorder.events[0] == ("start", 4)
    assert sorted(str(status) for kind, status in recorder.events[1:]) == ["failed", "ok", "ok", "skipped"]


def test_an_output_with_rows_is_refused_without_resume_or_force(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "o.csv"
    run_batch(folder, output=output, engine=InProcessEngine())
    before = output.read_text()
    with pytest.raises(OutputExistsError, match="already holds"):
        run_batch(folder, output=output, engine=InProcessEngine())
    assert output.read_text() == before


@pytest.mark.parametrize("extension", [".jsonl", ".csv", ".sqlite"])
def test_a_resumed_run_ends_with_one_row_per_file(folder: Path, tmp_path: Path, extension: str) -> None:
    output = tmp_path / f"o{extension}"
    run_batch(folder, output=output, engine=InProcessEngine())
    (folder / "a.txt").write_text("SKILLS\nPython, Kubernetes")
    engine = InProcessEngine()
    run = run_batch(folder, output=output, engine=engine, retry_failed=True)
    assert sorted(Path(path).name for path in engine.seen) == ["a.txt", "c.pdf"]
    assert run.reused == 2  # b.md unchanged, d.xyz skipped for the same reason
    if extension == ".sqlite":
        with sqlite3.connect(output) as db:
            files = [row[0] for row in db.execute("SELECT file FROM resumes")]
            orphans = db.execute("SELECT count(*) FROM skills WHERE resume_id NOT IN (SELECT id FROM resumes)")
            assert orphans.fetchone()[0] == 0
    elif extension == ".csv":
        files = [line.split(",")[0] for line in output.read_text().splitlines()[1:]]
    else:
        files = [row["file"] for row in _lines(output)]
    assert sorted(Path(file).name for file in files) == ["a.txt", "b.md", "c.pdf", "d.xyz"]


def test_the_fingerprint_changes_with_the_options_that_change_results() -> None:
    base = BatchOptions()
    assert run_fingerprint(base) == run_fingerprint(BatchOptions())
    for changed in (
        replace(base, paths=("ml_engineer",)),
        replace(base, redact=True),
        replace(base, as_of=24000),
        replace(base, max_pages=3),
    ):
        assert run_fingerprint(changed) != run_fingerprint(base)
    # Limits on time and memory decide whether a row fails, not what an ok row says.
    assert run_fingerprint(replace(base, timeout=5.0)) == run_fingerprint(base)


def test_the_fingerprint_follows_the_content_of_a_taxonomy_file(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    skill = '[[skill]]\nid = "zig"\nname = "Zig"\nkind = "tool"\ncompetencies = ["data_pipelines"]\n'
    extra.write_text(skill)
    first = run_fingerprint(BatchOptions(taxonomy_files=(str(extra),)))
    extra.write_text(skill + 'aliases = ["ziglang"]\n')
    assert run_fingerprint(BatchOptions(taxonomy_files=(str(extra),))) != first


def test_failed_files_are_listed_up_to_the_limit_then_counted(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for index in range(FAILED_LISTED + 2):
        (folder / f"x{index:02}.pdf").write_text("<html></html>")
    output = tmp_path / "o.jsonl"
    run = run_batch(folder, output=output, engine=InProcessEngine())
    lines = failed_files_text(run, output)
    assert run.failed == FAILED_LISTED + 2 and len(lines) == FAILED_LISTED + 1
    assert lines[0].endswith("x21.pdf: not a PDF (looks like HTML)")  # the engine ran in reverse
    assert lines[-1] == f"and 2 more: see the rows of {output} with status failed"
