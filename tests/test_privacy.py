"""Privacy and safety: no network, no resume text in errors, warnings or logs, safe outputs."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from analyzer.batch import FileResult
from analyzer.batch_output import CsvWriter
from analyzer.redact import redact_text
from tests.resume_pdf import Resume, Section, render_resume

SECRET = "Zanzibarquux"
AUDIT_HOOK = """
import sys

def _no_network(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "urllib.Request"):
        with open({log!r}, "a") as log:
            log.write(event + "\\n")
        raise RuntimeError("network access: " + event)

sys.addaudithook(_no_network)
"""


def _run_without_network(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir(exist_ok=True)
    log = tmp_path / "network.log"
    (hook_dir / "sitecustomize.py").write_text(AUDIT_HOOK.format(log=str(log)))
    # sitecustomize runs in every Python process started with this path: workers included.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook_dir), *sys.path])}
    return subprocess.run(
        [sys.executable, "-m", "analyzer", *args], capture_output=True, text=True, env=env, check=False
    )


def test_analyze_and_batch_open_no_network_connection(tmp_path: Path) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    resume = Resume("Ann Ode", "ann@example.com", (Section("Skills", ("Python, Docker",)),))
    (folder / "a.pdf").write_bytes(render_resume(resume))
    analyzed = _run_without_network(tmp_path, "analyze", str(folder / "a.pdf"), "-f", "json")
    batched = _run_without_network(
        tmp_path, "batch", str(folder), "-q", "--workers", "2", "--cache-dir", str(tmp_path / "c")
    )
    assert analyzed.returncode == 0, analyzed.stderr
    assert batched.returncode == 0, batched.stderr
    assert not (tmp_path / "network.log").exists()


def test_errors_and_warnings_never_quote_the_resume(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Title (" + SECRET.encode() + b") >>\nendobj\ntrailer <<")
    html = tmp_path / "page.pdf"
    html.write_text(f"<html><body>{SECRET}</body></html>")
    for path in (broken, html):
        completed = subprocess.run(
            [sys.executable, "-m", "analyzer", "analyze", str(path), "--debug"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 1
        assert SECRET not in completed.stderr and SECRET not in completed.stdout


def test_csv_cells_that_would_run_as_formulas_are_neutralized(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    writer = CsvWriter(output, ["ml_engineer"], "run", append=False)
    for name in ("=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        writer.write(FileResult(name, "failed", None, name))
    writer.close()
    with output.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["file"] for row in rows] == ["'=HYPERLINK(1)", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx"]
    assert all(row["error"].startswith("'") for row in rows)


def test_redaction_keeps_numbers_that_are_not_phone_numbers() -> None:
    text = "Cut p99 latency by 40% in 2019-2022 with Python 3.11; call +44 20 7946 0958"
    assert redact_text(text) == "Cut p99 latency by 40% in 2019-2022 with Python 3.11; call [phone]"


def test_redacted_batch_rows_hold_no_contact_details(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "cv.txt").write_text("SKILLS\nPython (see https://jane.dev/py or mail jane@example.com)\n")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "analyzer",
            "batch",
            str(folder),
            "--redact",
            "-q",
            "--no-cache",
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    row = json.loads(completed.stdout)
    assert "jane" not in json.dumps(row["skills"])
