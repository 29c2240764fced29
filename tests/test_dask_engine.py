"""The Dask engine: the same rows as the local engine, with each file isolated on the workers.

These tests need the ``dask`` extra (``pip install '.[dask]'``, which CI installs) and skip
without it. They share one local cluster of two worker processes, reached by its address as a
remote scheduler would be.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra is not installed: pip install '.[dask]'")

from analyzer.batch import BatchOptions, LocalEngine, analyze_folder
from analyzer.dask_engine import DaskEngine, local_cluster
from tests import hostile
from tests.conftest import CliResult
from tests.resume_pdf import Resume, Section, render_resume


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = local_cluster(2)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@functools.cache
def _slow_pdf() -> bytes:
    """A legitimate PDF that takes tens of seconds to read."""
    return hostile.dense_pages_pdf(60)


# Long enough for a short file's first analysis on a worker that just loaded spaCy, on a busy
# machine; far shorter than reading the slow PDF.
TIMEOUT = 8.0


def _rows(results: Iterator) -> list[dict]:
    return sorted((result.to_dict() for result in results), key=lambda row: row["file"])


def test_every_row_on_a_cluster_equals_the_local_engines(scheduler: str, tmp_path: Path) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    resume = Resume(
        name="Ada Lin",
        contact="ada@example.com",
        main=(Section("Experience", ("• Built production systems with Python, PyTorch and Docker.",)),),
        side=(Section("Skills", ("Python, PyTorch, Docker, LangChain",)),),
    )
    (folder / "good.pdf").write_bytes(render_resume(resume, "two_column"))
    (folder / "notes.md").write_text("# Cy Dee\n## Skills\nSQL, pandas, Tableau\n")
    (folder / "fake.pdf").write_text("<html><body>not a pdf</body></html>")
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04")

    local = _rows(analyze_folder(folder, engine=LocalEngine(1)))
    on_cluster = _rows(analyze_folder(folder, engine=DaskEngine(scheduler=scheduler)))

    assert on_cluster == local
    assert [(Path(row["file"]).name, row["status"]) for row in on_cluster] == [
        ("fake.pdf", "failed"),
        ("good.pdf", "ok"),
        ("notes.md", "ok"),
        ("sheet.xlsx", "skipped"),
    ]


def test_a_file_past_the_time_limit_on_a_worker_fails_alone(scheduler: str, tmp_path: Path) -> None:
    (tmp_path / "huge.pdf").write_bytes(_slow_pdf())
    (tmp_path / "small.txt").write_text("Skills: Python")
    paths = [str(tmp_path / "huge.pdf"), str(tmp_path / "small.txt")]
    with DaskEngine(scheduler=scheduler) as engine:
        options = BatchOptions(timeout=TIMEOUT, max_pages=None)
        results = {Path(result.file).name: result for result in engine.results(paths, options)}
    assert results["huge.pdf"].status == "failed"
    assert results["huge.pdf"].error == f"timed out after {TIMEOUT:g} s (raise --timeout)"
    assert (results["small.txt"].status, results["small.txt"].error) == ("ok", None)


def test_workers_read_files_from_a_url_of_shared_storage(scheduler: str, tmp_path: Path) -> None:
    resume = tmp_path / "cv.md"
    resume.write_text("# Bo Chan\n## Skills\nPython, FastAPI, LangChain\n")
    url = resume.as_uri()
    with DaskEngine(scheduler=scheduler) as engine:
        results = {result.file: result for result in engine.results([url, str(resume)], BatchOptions())}
    from_url, from_path = results[url], results[str(resume)]
    assert (from_url.file, from_url.status, from_url.sha256) == (url, "ok", from_path.sha256)
    assert from_url.to_dict()["skills"] == from_path.to_dict()["skills"] != []
    assert from_url.to_dict()["source"]["path"] == url


def test_batch_on_a_cluster_writes_the_outputs_and_resumes_as_the_local_engine_does(
    scheduler: str, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    folder = tmp_path / "cvs"
    folder.mkdir()
    (folder / "ai.md").write_text("# Bo Chan\n## Skills\nPython, LangChain, FastAPI, OpenAI API\n")
    (folder / "ml.txt").write_text("Skills: Python, PyTorch, scikit-learn, MLflow, Docker")
    (folder / "fake.pdf").write_text("<html>not a pdf</html>")
    outputs = {}
    for engine, extra in (("local", ["--workers", "1"]), ("dask", ["--scheduler", scheduler])):
        out, summary = tmp_path / f"{engine}.jsonl", tmp_path / f"{engine}.md"
        result = run_cli(
            "batch", str(folder), "-q", "-o", str(out), "--summary", str(summary), "--engine", engine, *extra
        )
        assert result.exit_code == 1  # fake.pdf failed
        outputs[engine] = (sorted(out.read_text().splitlines()), summary.read_text())
    assert outputs["dask"] == outputs["local"]

    rerun = run_cli(
        "batch",
        str(folder),
        "-q",
        "-o",
        str(tmp_path / "dask.jsonl"),
        "--resume",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    assert rerun.exit_code == 1
    assert sorted((tmp_path / "dask.jsonl").read_text().splitlines()) == outputs["local"][0]
