"""``skillgap taxonomy list`` never cuts or wraps an id, whatever the screen's width: names wrap
instead, and where the table cannot fit, each competency takes two lines."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from analyzer.render.taxonomy import render_taxonomy_list
from skills import Taxonomy, load_taxonomy
from tests.conftest import CliResult

Run = Callable[..., CliResult]

LONG_ID = "retrieval_augmented_generation_evaluation_at_scale"
LONG_IDS_FILE = f"""version = "long-ids-1"

[[competency]]
id = "{LONG_ID}"
name = "Evaluating retrieval-augmented generation systems at production scale"
description = "Measuring whether answers are grounded in the retrieved documents."

[[path]]
id = "llm_evaluation_engineer"
name = "LLM Evaluation Engineer"
description = "Builds the evaluations that decide whether a language-model product ships."
competencies = [
  {{ id = "{LONG_ID}", importance = "core", weight = 3 }},
  {{ id = "programming", importance = "core", weight = 3 }},
]
"""


def _competency_ids(taxonomy: Taxonomy) -> set[str]:
    return {entry.id for path in taxonomy.paths.values() for entry in path.competencies}


def _cut_or_missing(ids: set[str], screen: str) -> set[str]:
    """The ids that no line of the screen shows whole, as a word of its own."""
    return {item for item in ids if not re.search(rf"(^|\s){re.escape(item)}(\s|$)", screen, re.MULTILINE)}


@pytest.fixture
def long_ids_file(tmp_path: Path) -> Path:
    path = tmp_path / "long_ids.toml"
    path.write_text(LONG_IDS_FILE, encoding="utf-8")
    return path


def test_every_shipped_id_stands_whole_at_80_columns(run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("taxonomy", "list")
    assert result.exit_code == 0
    assert _cut_or_missing(_competency_ids(load_taxonomy()), result.stdout) == set()
    assert "…" not in result.stdout and max(map(len, result.stdout.splitlines())) <= 80


def test_an_id_too_long_for_the_table_stands_whole_on_its_own_line(
    run_cli: Run, monkeypatch: pytest.MonkeyPatch, long_ids_file: Path
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("taxonomy", "list", "--taxonomy", str(long_ids_file))
    assert result.exit_code == 0
    assert _cut_or_missing(_competency_ids(load_taxonomy([long_ids_file])), result.stdout) == set()
    assert f"  {LONG_ID}\n" in result.stdout and "…" not in result.stdout


@pytest.mark.parametrize("width", [40, 60, 100])
def test_no_id_is_cut_at_any_width(width: int, long_ids_file: Path) -> None:
    taxonomy = load_taxonomy([long_ids_file])
    screen = io.StringIO()
    render_taxonomy_list(taxonomy, Console(file=screen, width=width))
    assert _cut_or_missing(_competency_ids(taxonomy), screen.getvalue()) == set()
    assert "…" not in screen.getvalue()
