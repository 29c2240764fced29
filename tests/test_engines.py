"""Choosing an engine: the local one by default, Dask by name, clear errors otherwise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.batch import LocalEngine
from analyzer.engines import make_engine
from analyzer.errors import ExitCode, UsageError

# The command line as a user without the dask extra runs it: importing dask distributed fails.
WITHOUT_DASK = """
import sys
sys.modules["distributed"] = None
from analyzer.cli import run
sys.argv = ["skillgap", *sys.argv[1:]]
run()
"""


def test_the_local_engine_is_the_default() -> None:
    assert isinstance(make_engine(workers=2), LocalEngine)


def test_an_unknown_engine_is_a_usage_error_naming_the_choices() -> None:
    with pytest.raises(UsageError, match="choose one of: local, dask") as raised:
        make_engine("spark")
    assert raised.value.exit_code == ExitCode.USAGE


def test_a_scheduler_address_with_the_local_engine_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="for the dask engine"):
        make_engine("local", scheduler="tcp://127.0.0.1:8786")


def test_the_dask_engine_without_its_extra_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "cv.md").write_text("Skills: Python")
    command = [sys.executable, "-c", WITHOUT_DASK, "batch", str(tmp_path), "--engine", "dask", "-q"]
    finished = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert finished.returncode == ExitCode.USAGE
    assert finished.stderr == "skillgap: error: dask: the dask engine needs: pip install 'skillgap[dask]'\n"
    assert finished.stdout == ""
