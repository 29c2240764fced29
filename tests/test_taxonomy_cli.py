"""skillgap taxonomy list | show | validate | export, and a user path through --taxonomy."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import CliResult

Run = Callable[..., CliResult]
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "taxonomies" / "data_engineer.toml"


def test_list_shows_version_counts_and_both_paths(run_cli: Run) -> None:
    result = run_cli("taxonomy", "list")
    assert result.exit_code == 0
    assert "AI Engineer (ai_engineer)" in result.stdout and "ML Engineer (ml_engineer)" in result.stdout
    assert " skills, " in result.stdout and " aliases, " in result.stdout


def test_show_a_skill_lists_aliases_links_and_rule(run_cli: Run) -> None:
    result = run_cli("taxonomy", "show", "go")
    assert result.exit_code == 0
    assert "Golang" in result.stdout and "programming" in result.stdout and "surfaces: Go" in result.stdout


def test_show_a_competency_lists_the_paths_using_it(run_cli: Run) -> None:
    result = run_cli("taxonomy", "show", "math_statistics")
    assert "id=ml_engineer, importance=core" in result.stdout


def test_show_an_unknown_id_is_a_usage_error(run_cli: Run) -> None:
    result = run_cli("taxonomy", "show", "no_such_thing")
    assert result.exit_code == 2
    assert result.stderr == "skillgap: error: no_such_thing: no path, competency or skill has this id\n"


def test_export_is_one_json_object_of_the_documented_shape(run_cli: Run) -> None:
    data = json.loads(run_cli("taxonomy", "export", "--format", "json").stdout)
    assert set(data) >= {"version", "paths", "competencies", "skills"}
    assert set(data["skills"][0]) >= {"id", "name", "kind", "aliases", "competencies"}


def test_export_includes_user_files(run_cli: Run) -> None:
    data = json.loads(run_cli("taxonomy", "export", "--taxonomy", str(EXAMPLE)).stdout)
    assert "data_engineer" in {path["id"] for path in data["paths"]}


def test_validate_accepts_the_example_third_path(run_cli: Run) -> None:
    result = run_cli("taxonomy", "validate", str(EXAMPLE))
    assert result.exit_code == 0 and "valid" in result.stdout


def test_validate_reports_every_problem_with_its_place(run_cli: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[skill]]\nid = "widget"\nname = "Widget"\nkind = "tool"\ncompetencies = ["nope"]\n\n'
        '[[skill]]\nid = "widget"\nname = "Widget"\nkind = "tool"\ncompetencies = ["programming"]\n\n'
        '[[skill]]\nid = "gizmo"\nname = "Gizmo"\nkind = "tool"\naliases = ["PyTorch"]\n'
        'competencies = ["programming"]\n\n'
        '[[path]]\nid = "empty"\nname = "Empty"\ncompetencies = []\n'
    )
    result = run_cli("taxonomy", "validate", str(bad))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert f"skillgap: error: {bad}: line 8, [[skill]] 'widget': duplicate id 'widget' in this file" in lines
    assert any("line 2, [[skill]] 'widget'" in line and "unknown competency 'nope'" in line for line in lines)
    assert any(
        "line 14, [[skill]] 'gizmo'" in line and "already claimed by 'pytorch'" in line for line in lines
    )
    assert any("[[path]] 'empty'" in line and "at least one competency" in line for line in lines)


def test_analyze_with_a_user_path_reports_it(run_cli: Run, tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(
        "EXPERIENCE\nBuilt batch pipelines in Python and SQL with Apache Airflow and dbt; designed a star "
        "schema with SCD Type 2 dimensions.\n"
    )
    data = run_cli("analyze", str(resume), "-f", "json", "--taxonomy", str(EXAMPLE)).json()
    data_engineer = next(path for path in data["paths"] if path["id"] == "data_engineer")
    covered = {item["id"] for item in data_engineer["competencies"] if item["covered"]}
    assert {"data_pipelines", "data_modeling", "programming"} <= covered
    assert data["tool"]["taxonomy_version"].endswith("+data-engineer-1")


def test_a_third_path_from_a_taxonomy_file_can_be_the_best_fit(run_cli: Run, tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(
        "Jane Roe\nSenior Data Engineer\nEXPERIENCE\n"
        "- Built batch pipelines in Python and SQL with Apache Airflow and dbt on Snowflake.\n"
        "- Designed a star schema with SCD Type 2 dimensions; data quality checks with Great Expectations.\n"
    )
    data = run_cli("analyze", str(resume), "-f", "json", "--taxonomy", str(EXAMPLE)).json()
    assert data["best_fit"] == "data_engineer"
    assert data["best_fit_reason"].startswith("Data Engineer:")
