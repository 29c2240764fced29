"""Specification of experience over time in the CLI, every output format and ``skillgap eval``."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from analyzer import analyze_text
from analyzer.experience import parse_month
from analyzer.experience_eval import ExperienceLabel, LabelledEntry, score_experience
from analyzer.render import render_markdown
from analyzer.render.html import render_html

AS_OF = parse_month("2026-12")
RESUME = """Jane Doe
Experience
Machine Learning Engineer, Acme Corp, Jan 2020 – Present
- Trained models with PyTorch.
Data Analyst, Beta Inc, 01/2017 - 12/2019
- Dashboards in SQL.
Education
B.S. Computer Science, State University, 2013–2017
Skills
Python, Kubernetes
"""


def write_resume(folder: Path, name: str = "jane.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(RESUME, encoding="utf-8")
    return path


def test_analyze_takes_as_of_and_every_report_carries_it(run_cli: Callable, tmp_path: Path) -> None:
    result = run_cli("analyze", str(write_resume(tmp_path)), "--format", "json", "--as-of", "2024-06")
    report = result.json()
    assert report["as_of"] == "2024-06"
    assert report["experience"]["total_months"] == 54 + 36


def test_a_malformed_as_of_is_one_usage_error_line(run_cli: Callable, tmp_path: Path) -> None:
    result = run_cli("analyze", str(write_resume(tmp_path)), "--as-of", "June 2024")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "skillgap: error: --as-of: expected a month as YYYY-MM, got 'June 2024'"
    ]


def test_explain_shows_months_and_last_use_in_the_table(run_cli: Callable, tmp_path: Path) -> None:
    result = run_cli("analyze", str(write_resume(tmp_path)), "--explain", "--as-of", "2026-12")
    assert "PyTorch (framework)  84 months, last used 2026-12" in result.stdout
    assert "Kubernetes" in result.stdout and "no dated experience" in result.stdout


def test_markdown_has_the_entries_and_each_skills_use() -> None:
    text = render_markdown(analyze_text(RESUME, as_of=AS_OF))
    assert "## Experience over time" in text
    assert "| 2020-01 – present | experience | Machine Learning Engineer · Acme Corp |" in text
    assert "36 months, last used 2019-12" in text


def test_html_timeline_lists_entries_with_the_skills_used_in_each() -> None:
    page = render_html(analyze_text(RESUME, as_of=AS_OF))
    timeline = page[page.index('id="experience"') :]
    timeline = timeline[: timeline.index("</section>")]
    assert timeline.count("<li") == 3
    assert re.search(r"Skills used: [^<]*PyTorch", timeline)
    assert "<script" not in page


def test_batch_csv_has_experience_columns_and_empty_unknown_months(run_cli: Callable, tmp_path: Path) -> None:
    write_resume(tmp_path / "in")
    output = tmp_path / "out.csv"
    run_cli(
        "batch",
        str(tmp_path / "in"),
        "-o",
        str(output),
        "--as-of",
        "2026-12",
        "--no-cache",
        "-q",
        "--workers",
        "1",
    )
    row = next(csv.DictReader(output.open(encoding="utf-8")))
    assert (row["as_of"], row["total_months"], row["seniority"]) == ("2026-12", "120", "senior")
    assert "PyTorch: 84" in row["skill_months"]
    assert "Kubernetes: ;" in row["skill_months"] + ";"


def test_batch_sqlite_has_entries_and_null_months_for_undated_skills(
    run_cli: Callable, tmp_path: Path
) -> None:
    write_resume(tmp_path / "in")
    output = tmp_path / "out.sqlite"
    run_cli(
        "batch",
        str(tmp_path / "in"),
        "-o",
        str(output),
        "--as-of",
        "2026-12",
        "--no-cache",
        "-q",
        "--workers",
        "1",
    )
    with sqlite3.connect(output) as connection:
        entries = connection.execute(
            'SELECT section, start, "end" FROM experience_entries ORDER BY start'
        ).fetchall()
        months = dict(connection.execute("SELECT skill_id, months FROM skill_experience").fetchall())
    assert entries == [
        ("education", "2013-01", "2017-12"),
        ("experience", "2017-01", "2019-12"),
        ("experience", "2020-01", None),
    ]
    assert months["pytorch"] == 84
    assert months["kubernetes"] is None


def label(*entries: LabelledEntry, total: int = 0, skills: dict[str, int] | None = None) -> ExperienceLabel:
    return ExperienceLabel(AS_OF, entries, total, skills or {})


def reported(*entries: tuple[str, str | None], total: int = 0, skills: list[dict] | None = None) -> dict:
    return {
        "experience": {
            "entries": [{"section": "experience", "start": start, "end": end} for start, end in entries],
            "total_months": total,
        },
        "skills": skills or [],
    }


def test_a_year_precise_label_matches_any_month_of_its_years() -> None:
    year_label = label(LabelledEntry("experience", parse_month("2018-01"), parse_month("2020-12"), "year"))
    score = score_experience("cv", reported(("2018-03", "2020-06")), year_label)
    assert score.entries_matched == 1


def test_a_month_precise_label_needs_the_exact_months_and_an_open_end_only_matches_an_open_end() -> None:
    month_label = label(
        LabelledEntry("experience", parse_month("2018-01"), parse_month("2020-12"), "month"),
        LabelledEntry("experience", parse_month("2021-01"), None, "month"),
    )
    score = score_experience("cv", reported(("2018-02", "2020-12"), ("2021-01", "2026-12")), month_label)
    assert (score.entries_matched, score.entries_reported, score.entries_labelled) == (0, 2, 2)


def test_total_and_skill_months_are_right_within_three_months() -> None:
    skills = [
        {"id": "apache_airflow", "name": "Apache Airflow", "months": 40, "evidence": [{"text": "Airflow"}]}
    ]
    score = score_experience(
        "cv", reported(total=100, skills=skills), label(total=103, skills={"airflow": 44, "docker": 10})
    )
    assert score.total_right
    assert (score.skills_right, score.skills_labelled) == (0, 2)
    assert score.wrong_skills == ("airflow 40/44", "docker -/10")


def test_eval_scores_experience_labels_with_their_as_of(run_cli: Callable, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_resume(corpus / "pdfs", "jane.txt")
    (corpus / "gold").mkdir()
    (corpus / "gold" / "jane.json").write_text(json.dumps({"skills": ["PyTorch"]}), encoding="utf-8")
    (corpus / "experience").mkdir()
    experience = {
        "as_of": "2024-12",
        "entries": [
            {"section": "experience", "start": "2020-01", "end": None, "precision": "month"},
            {"section": "experience", "start": "2017-01", "end": "2019-12", "precision": "month"},
            {"section": "education", "start": "2013-01", "end": "2017-12", "precision": "year"},
        ],
        "total_months": 96,
        "skills_months": {"pytorch": 60},
    }
    (corpus / "experience" / "jane.json").write_text(json.dumps(experience), encoding="utf-8")
    data = run_cli("eval", str(corpus), "--json").json()["experience"]
    assert (data["entry_precision"], data["entry_recall"]) == (1.0, 1.0)
    assert (data["total_months_right"], data["skill_months_right"]) == (1.0, 1.0)


def test_redact_removes_contact_details_from_entries_too() -> None:
    from analyzer.redact import redact_report

    report = redact_report(
        analyze_text("Experience\nEngineer, jane@acme.com, 2019 - 2021\n- Python\n", as_of=AS_OF)
    )
    assert "jane@acme.com" not in json.dumps(report.to_dict())
