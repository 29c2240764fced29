"""Hostile inputs: every one ends in a report or one clear error line, never a traceback or a hang.

The error contract (README, "Exit codes and errors"): a problem the user caused is one line on
stderr, ``skillgap: error: <file>: <what happened>``, with exit code 1 (the input could not be
analyzed) or 2 (usage); in ``batch`` a bad file is a ``failed`` row and the batch goes on.

Files that are merely wrong (not a PDF, damaged, encrypted, a scan, fonts without text) run
through the CLI in-process. Files built to exhaust time or memory (a Flate bomb, 100k-deep
nesting, reference cycles, a deep page tree, 300 pages) run ``python -m analyzer analyze`` in a
subprocess with a wall-clock timeout, and the child's peak RSS (from ``os.wait4``, which reports
that child and the reader process it waited for, unlike ``RUSAGE_CHILDREN``, which keeps the
maximum of every child this test process ever had) is held to a bound.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from analyzer.batch import FileResult, analyze_folder
from analyzer.cli import main
from tests import hostile

ERROR_LINE = re.compile(r"^skillgap: error: .+: .+$")
WALL_CLOCK_SECONDS = 60.0
MAX_RSS_BYTES = int(1.5 * 1024**3)
LIMIT_OPTIONS = ("--timeout", "20", "--max-memory", "1G")
GIB = 1024**3
ROOT = Path(__file__).resolve().parent.parent


def assert_one_error_line(stderr: str, name: str, *fragments: str) -> str:
    """stderr is exactly one contract error line naming the file (and saying ``fragments``)."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip("\n").splitlines()
    assert len(lines) == 1, f"expected one error line, got {lines!r}"
    line = lines[0]
    assert ERROR_LINE.match(line), line
    assert name in line, line
    assert "internal error" not in line, f"an undocumented exception reached the CLI: {line}"
    for fragment in fragments:
        assert fragment.lower() in line.lower(), line
    return line


# -- files that cannot be analyzed ---------------------------------------------------------------

# name -> (file name, bytes, what the error line must say)
BAD_FILES: dict[str, tuple[str, Callable[[], bytes], tuple[str, ...]]] = {
    "empty": ("empty.pdf", hostile.empty, ("not a pdf", "empty")),
    "random-bytes": ("random.pdf", hostile.random_bytes, ("not a pdf",)),
    "truncated": ("truncated.pdf", hostile.truncated_pdf, ("damaged",)),
    "broken-xref": ("broken-xref.pdf", hostile.broken_xref_pdf, ()),
    "html-named-pdf": ("html.pdf", hostile.html_named_pdf, ("not a pdf", "html")),
    "docx-named-pdf": ("docx.pdf", hostile.zip_named_pdf, ("not a pdf", "zip")),
    "png-named-pdf": ("png.pdf", hostile.png_named_pdf, ("not a pdf", "png")),
    "encrypted": ("encrypted.pdf", hostile.encrypted, ("encrypted", "--password")),
    "image-only": ("scan.pdf", hostile.image_only, ("ocr",)),
    "cid-only-type1": ("cid-only.pdf", hostile.cid_only_pdf, ("text",)),
    "identity-h-no-tounicode": ("identity-h.pdf", hostile.identity_h_no_tounicode_pdf, ("text",)),
    "type3-font": ("type3.pdf", hostile.type3_font_pdf, ("text",)),
}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_one_error_line_and_exit_1(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file_name, make, fragments = BAD_FILES[case]
    path = tmp_path / file_name
    path.write_bytes(make())
    code, out, err = run_cli(capsys, "analyze", str(path), "--format", "json")
    assert code == 1, (code, err)
    assert out == ""
    assert_one_error_line(err, file_name, *fragments)


def test_the_wrong_password_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "encrypted.pdf"
    path.write_bytes(hostile.encrypted())
    code, _, err = run_cli(capsys, "analyze", str(path), "--password", "not-it")
    assert code == 1
    assert_one_error_line(err, "encrypted.pdf", "wrong password")


def test_the_right_password_opens_the_encrypted_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "encrypted.pdf"
    path.write_bytes(hostile.encrypted())
    code, out, err = run_cli(capsys, "analyze", str(path), "--password", "secret", "-f", "json")
    assert (code, err) == (0, "")
    assert "pytorch" in {skill["id"] for skill in json.loads(out)["skills"]}


def test_an_empty_text_file_is_a_report_with_a_warning_or_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, out, err = run_cli(capsys, "analyze", str(path), "-f", "json")
    if code == 0:
        assert err == ""
        assert json.loads(out)["warnings"], "an empty resume must at least warn"
    else:
        assert code == 1
        assert_one_error_line(err, "empty.txt")


def test_random_bytes_named_txt_are_not_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "random.txt"
    path.write_bytes(hostile.random_bytes(99))
    code, _, err = run_cli(capsys, "analyze", str(path))
    assert code == 1
    assert_one_error_line(err, "random.txt", "not text")


# -- paths that are not readable files -------------------------------------------------------------


def test_a_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "analyze", str(tmp_path / "nowhere.pdf"))
    assert code == 2
    assert_one_error_line(err, "nowhere.pdf", "no such file")


def test_a_directory_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "resumes.pdf"
    folder.mkdir()
    code, _, err = run_cli(capsys, "analyze", str(folder))
    assert code == 2
    assert_one_error_line(err, "resumes.pdf", "directory")


def test_an_unreadable_file_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: root reads a chmod 000 file anyway")
    path = tmp_path / "locked.pdf"
    path.write_bytes(hostile.sample_resume_pdf())
    path.chmod(0)
    try:
        code, _, err = run_cli(capsys, "analyze", str(path))
    finally:
        path.chmod(0o600)
    assert code == 1
    assert_one_error_line(err, "locked.pdf", "permission denied")


# -- awkward names for good files ----------------------------------------------------------------

AWKWARD_NAMES = ("my resume (final) v2.pdf", "résumé Zoë Ñúñez.pdf", "cv 🚀✨.pdf", "履歷.pdf")


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_awkward_names_are_analyzed(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / name).write_bytes(hostile.sample_resume_pdf())
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "analyze", name, "-f", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["source"]["path"] == name
    assert "pytorch" in {skill["id"] for skill in report["skills"]}


@pytest.mark.parametrize(
    "spelling", [("--", "-resume.pdf"), ("./-resume.pdf",)], ids=["double-dash", "dot-slash"]
)
def test_a_leading_dash_name_is_analyzed_when_spelled_as_a_path(
    spelling: tuple[str, ...],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "-resume.pdf").write_bytes(hostile.sample_resume_pdf())
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "analyze", "-f", "json", *spelling)
    assert (code, err) == (0, "")
    assert json.loads(out)["source"]["pages"] == 1


def test_a_bare_leading_dash_name_is_one_usage_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "-resume.pdf").write_bytes(hostile.sample_resume_pdf())
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "analyze", "-resume.pdf")
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("skillgap: error: "), lines


def _subprocess(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "analyzer", *args],
        cwd=cwd,
        check=False,
        capture_output=True,
        timeout=WALL_CLOCK_SECONDS,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _non_utf8_resume(tmp_path: Path) -> str:
    raw = os.fsencode(tmp_path) + b"/cv-\xff\xfe.pdf"
    with open(raw, "wb") as handle:
        handle.write(hostile.sample_resume_pdf())
    return os.fsdecode(raw)


def test_a_name_that_is_not_utf8_is_analyzed(tmp_path: Path) -> None:
    """A file name with bytes that are not UTF-8 (legal on Linux) must be read."""
    result = _subprocess("analyze", _non_utf8_resume(tmp_path), cwd=tmp_path)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 0, result.stderr
    assert b"PyTorch" in result.stdout


def test_a_name_that_is_not_utf8_still_gives_utf8_json(tmp_path: Path) -> None:
    result = _subprocess("analyze", _non_utf8_resume(tmp_path), "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.decode("utf-8"))
    assert Path(report["source"]["path"]).name.startswith("cv-")


def test_a_missing_name_that_is_not_utf8_is_one_error_line(tmp_path: Path) -> None:
    result = _subprocess("analyze", os.fsdecode(b"missing-\xff.pdf"), cwd=tmp_path)
    err = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("skillgap: error: "), err


# -- files built to exhaust time or memory ---------------------------------------------------------

# name -> (file name, bytes)
RESOURCE_FILES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "flate-bomb-2GiB": ("bomb.pdf", hostile.flate_bomb_pdf),
    "nested-flate-bomb-4GiB": ("nested-bomb.pdf", hostile.nested_flate_bomb_pdf),
    "array-100k-deep-in-page": ("deep-array.pdf", hostile.deep_nested_array_pdf),
    "array-100k-deep-in-catalog": (
        "deep-catalog.pdf",
        lambda: hostile.deep_nested_array_pdf(where="catalog"),
    ),
    "array-100k-deep-as-mediabox": (
        "deep-mediabox.pdf",
        lambda: hostile.deep_nested_array_pdf(where="mediabox"),
    ),
    "dict-100k-deep": ("deep-dict.pdf", hostile.deep_dict_pdf),
    "array-100k-deep-in-content": ("deep-content.pdf", hostile.deep_nested_content_pdf),
    "page-tree-50k-deep": ("deep-tree.pdf", hostile.deep_page_tree_pdf),
    "ref-cycle-pages": ("cycle-pages.pdf", hostile.reference_cycle_pdf),
    "ref-cycle-contents": ("cycle-contents.pdf", lambda: hostile.reference_cycle_pdf("contents")),
    "ref-cycle-resources": ("cycle-resources.pdf", lambda: hostile.reference_cycle_pdf("resources")),
    "length-is-the-stream": ("length-self.pdf", hostile.stream_length_loop_pdf),
    "length-bounces": ("length-bounce.pdf", lambda: hostile.stream_length_loop_pdf("bounce")),
    "kids-cycle": ("kids-cycle.pdf", hostile.kids_cycle_pdf),
    "parent-loop": ("parent-loop.pdf", hostile.parent_loop_pdf),
    "objstm-in-itself": ("objstm.pdf", hostile.objstm_self_reference_pdf),
    "300-pages": ("300-pages.pdf", hostile.many_pages_pdf),
}
REFERENCE_CYCLES = (
    "ref-cycle-pages",
    "ref-cycle-contents",
    "ref-cycle-resources",
    "length-is-the-stream",
    "length-bounces",
)


@pytest.fixture(scope="module")
def resource_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("resource")
    paths = {}
    for case, (file_name, make) in RESOURCE_FILES.items():
        paths[case] = folder / file_name
        paths[case].write_bytes(make())
    return paths


@pytest.fixture(scope="module")
def oversized_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("oversized") / "huge.pdf"
    path.write_bytes(hostile.oversized_pdf())
    return path


class Run:
    """A finished ``skillgap`` child: exit code, output, wall time and peak RSS."""

    def __init__(self, code: int | None, stdout: str, stderr: str, seconds: float, max_rss: int) -> None:
        self.code, self.stdout, self.stderr, self.seconds, self.max_rss = (
            code,
            stdout,
            stderr,
            seconds,
            max_rss,
        )

    def __repr__(self) -> str:
        return (
            f"Run(code={self.code}, {self.seconds:.1f} s, {self.max_rss / 1024**2:.0f} MiB, {self.stderr!r})"
        )


def run_measured(*args: str, wall_clock: float = WALL_CLOCK_SECONDS, cwd: Path | None = None) -> Run:
    """``python -m analyzer ARGS`` in a child, killed after ``wall_clock`` seconds (code None)."""
    out_path = (cwd or Path.cwd()) / f".out-{os.getpid()}-{time.monotonic_ns()}"
    started = time.monotonic()
    with open(f"{out_path}.stdout", "wb+") as out, open(f"{out_path}.stderr", "wb+") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "analyzer", *args],
            stdout=out,
            stderr=err,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        code: int | None
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() - started > wall_clock:
                process.kill()
                _, _, usage = os.wait4(process.pid, 0)
                code = None
                break
            time.sleep(0.05)
        process.returncode = -1  # reaped by wait4; keep Popen from waiting again
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    os.unlink(f"{out_path}.stdout")
    os.unlink(f"{out_path}.stderr")
    return Run(code, stdout, stderr, seconds, usage.ru_maxrss * 1024)


def assert_report_or_one_error(run: Run, name: str) -> None:
    assert run.code is not None, f"still running after {WALL_CLOCK_SECONDS:g} s: {run!r}"
    assert run.max_rss < MAX_RSS_BYTES, f"peak RSS over {MAX_RSS_BYTES / GIB:g} GiB: {run!r}"
    assert "Traceback" not in run.stderr, run.stderr
    if run.code == 0:
        assert run.stderr == ""
        json.loads(run.stdout)
    else:
        assert run.code == 1, run
        assert_one_error_line(run.stderr, name)


@pytest.mark.parametrize("case", RESOURCE_FILES)
def test_a_resource_hungry_pdf_ends_in_time_and_memory(
    case: str, resource_files: dict[str, Path], tmp_path: Path
) -> None:
    path = resource_files[case]
    run = run_measured("analyze", str(path), "-f", "json", *LIMIT_OPTIONS, cwd=tmp_path)
    assert_report_or_one_error(run, path.name)


@pytest.mark.parametrize("case", REFERENCE_CYCLES)
def test_a_reference_cycle_is_a_damaged_pdf_at_once(
    case: str, resource_files: dict[str, Path], tmp_path: Path
) -> None:
    path = resource_files[case]
    run = run_measured("analyze", str(path), wall_clock=20, cwd=tmp_path)
    assert run.code == 1, run
    assert_one_error_line(run.stderr, path.name, "damaged", "references form a loop")


def test_a_flate_bomb_stops_at_the_memory_limit(resource_files: dict[str, Path], tmp_path: Path) -> None:
    path = resource_files["nested-flate-bomb-4GiB"]
    run = run_measured("analyze", str(path), "--timeout", "20", "--max-memory", "1G", cwd=tmp_path)
    assert run.code == 1, run
    assert run.max_rss < MAX_RSS_BYTES, run
    assert_one_error_line(run.stderr, path.name, "--max-memory")


def test_too_many_pages_stops_at_the_page_limit(resource_files: dict[str, Path], tmp_path: Path) -> None:
    path = resource_files["300-pages"]
    run = run_measured("analyze", str(path), "--max-pages", "50", cwd=tmp_path)
    assert run.code == 1, run
    assert_one_error_line(run.stderr, path.name, "50 pages", "--max-pages")


def test_the_300_pages_are_read_when_the_page_limit_allows(
    resource_files: dict[str, Path], tmp_path: Path
) -> None:
    path = resource_files["300-pages"]
    run = run_measured("analyze", str(path), "-f", "json", "--max-pages", "300", *LIMIT_OPTIONS, cwd=tmp_path)
    assert run.code == 0, run
    assert run.max_rss < MAX_RSS_BYTES, run
    assert json.loads(run.stdout)["source"]["pages"] == 300


def test_a_slow_file_stops_at_the_time_limit(tmp_path: Path) -> None:
    path = tmp_path / "dense.pdf"
    path.write_bytes(hostile.dense_pages_pdf())
    run = run_measured("analyze", str(path), "--timeout", "1", "--max-pages", "500", cwd=tmp_path)
    assert run.code == 1, run
    assert run.seconds < 30, run
    assert_one_error_line(run.stderr, path.name, "--timeout")


def test_a_large_file_stops_at_the_size_limit(oversized_file: Path, tmp_path: Path) -> None:
    run = run_measured("analyze", str(oversized_file), "--max-size", "20M", cwd=tmp_path)
    assert run.code == 1, run
    assert_one_error_line(run.stderr, oversized_file.name, "--max-size")


def test_a_huge_text_resume_is_analyzed_within_tight_limits_up_to_the_text_cap(tmp_path: Path) -> None:
    """5 MB of text (under the size limit) under --timeout 5 --max-memory 300M: matching is
    bounded by the text cap, so the whole analysis stays small; what lies past the cap is not
    analyzed, and the report says so."""
    from analyzer.document import MAX_TEXT_CHARACTERS

    filler = "Led weekly planning meetings with the product team and wrote the notes 2024.\n"
    path = tmp_path / "huge.txt"
    path.write_text("SKILLS\nPython\n" + filler * (5_000_000 // len(filler)) + "Kubernetes\n")
    run = run_measured(
        "analyze", str(path), "-f", "json", "--timeout", "5", "--max-memory", "300M", cwd=tmp_path
    )
    assert run.code == 0, run
    report = json.loads(run.stdout)
    skills = {skill["id"] for skill in report["skills"]}
    assert "python" in skills and "kubernetes" not in skills
    assert any(f"{MAX_TEXT_CHARACTERS:,}" in warning for warning in report["warnings"])
    assert run.max_rss < 600 * 1024**2, run


def test_all_limits_together_leave_a_good_file_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "good.pdf"
    path.write_bytes(hostile.sample_resume_pdf())
    options = ("--timeout", "20", "--max-memory", "1G", "--max-pages", "50", "--max-size", "20M")
    code, out, err = run_cli(capsys, "analyze", str(path), "-f", "json", *options)
    assert (code, err) == (0, "")
    assert "pytorch" in {skill["id"] for skill in json.loads(out)["skills"]}


# -- batch: one failed row per bad file, the good file still ok -----------------------------------


@pytest.fixture(scope="module")
def batch_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FileResult]:
    """One batch over every hostile file plus a good text resume and good PDFs with awkward names
    (one batch instead of one per case: a batch spends seconds starting its workers)."""
    folder = tmp_path_factory.mktemp("batch")
    for file_name, make, _ in BAD_FILES.values():
        (folder / file_name).write_bytes(make())
    for file_name, make in RESOURCE_FILES.values():
        (folder / file_name).write_bytes(make())
    for name in (*AWKWARD_NAMES, "-resume.pdf"):
        (folder / name).write_bytes(hostile.sample_resume_pdf())
    (folder / "good.txt").write_text(hostile.GOOD_TEXT_RESUME)
    started = time.monotonic()
    results = analyze_folder(folder, workers=2, timeout=20, max_memory=GIB, cache_dir=None)
    by_name = {Path(result.file).name: result for result in results}
    by_name["<seconds>"] = time.monotonic() - started  # type: ignore[assignment]
    return by_name


def test_batch_has_one_row_per_file_and_the_good_file_is_ok(batch_results: dict[str, FileResult]) -> None:
    expected = {name for name, _, _ in BAD_FILES.values()} | {name for name, _ in RESOURCE_FILES.values()}
    expected |= {*AWKWARD_NAMES, "-resume.pdf", "good.txt", "<seconds>"}
    assert set(batch_results) == expected
    good = batch_results["good.txt"]
    assert good.status == "ok" and good.report is not None, good
    assert {"python", "pytorch"} <= {skill.id for skill in good.report.skills}


@pytest.mark.parametrize("case", BAD_FILES)
def test_batch_reports_a_bad_file_as_a_failed_row(case: str, batch_results: dict[str, FileResult]) -> None:
    result = batch_results[BAD_FILES[case][0]]
    assert result.status == "failed", result
    assert result.error and "internal error" not in result.error and "crashed" not in result.error, result
    assert "\n" not in result.error


@pytest.mark.parametrize("case", RESOURCE_FILES)
def test_batch_survives_a_resource_hungry_pdf(case: str, batch_results: dict[str, FileResult]) -> None:
    result = batch_results[RESOURCE_FILES[case][0]]
    assert result.status in ("ok", "failed"), result
    if result.status == "failed":
        assert result.error and "internal error" not in result.error and "crashed" not in result.error, result


@pytest.mark.parametrize("name", (*AWKWARD_NAMES, "-resume.pdf"))
def test_batch_reads_awkward_names(name: str, batch_results: dict[str, FileResult]) -> None:
    assert batch_results[name].status == "ok", batch_results[name]


def test_batch_over_hostile_files_ends_in_bounded_time(batch_results: dict[str, FileResult]) -> None:
    # 30-odd files on two workers, the slowest stopped at 20 s each.
    assert batch_results["<seconds>"] < 240  # type: ignore[operator]


def test_a_pdf_of_one_repeated_line_per_page_is_not_called_a_scan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "repeated.pdf"
    canvas = Canvas(str(path), invariant=1)
    for number in range(1, 11):
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, 720, f"Page {number}: Skills Python and Docker")
        canvas.showPage()
    canvas.save()
    code, _, err = run_cli(capsys, "analyze", str(path), "-f", "json")
    assert "scan" not in err, err
    assert code == 0, err
