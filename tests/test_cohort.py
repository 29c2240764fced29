"""The one cohort summary behind --summary, --report and the terminal table."""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections import Counter

import pytest
from rich.console import Console

from analyzer import analyze_text
from analyzer.batch import FileResult
from analyzer.cohort import CohortSummary, quantile
from analyzer.posting import read_posting_text
from analyzer.render.cohort_html import render_summary_html
from analyzer.render.cohort_table import render_cohort_table
from skills import load_taxonomy

POSTING = """ML Engineer

Requirements
- 3+ years of Python
- PyTorch
- Kubernetes
"""

TEXTS = {
    "ml.txt": "SKILLS\nPython, PyTorch, scikit-learn, MLflow, Airflow, SQL, statistics",
    "ai.txt": "SKILLS\nPython, LangChain, FastAPI, Docker, OpenAI API, RAG",
    "ops.txt": "SKILLS\nKubernetes, Docker, Terraform, Python",
    "data.txt": "SKILLS\nSQL, pandas, Tableau",
}


def _result(name: str, text: str, jobs: tuple = ()) -> FileResult:
    report = analyze_text(text, jobs=jobs)
    return FileResult(name, "ok", hashlib.sha256(text.encode()).hexdigest(), None, report)


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    target = read_posting_text(POSTING, load_taxonomy())
    made = [_result(name, text, (target,)) for name, text in TEXTS.items()]
    return [*made, FileResult("bad.pdf", "failed", None, "damaged PDF"), FileResult("x.png", "skipped")]


def _summary(results: list[FileResult], *, keep_rows: bool = False) -> CohortSummary:
    summary = CohortSummary(keep_rows=keep_rows)
    for result in results:
        summary.add(result)
    return summary


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    histogram = Counter({0.1: 1, 0.2: 1, 0.4: 1, 0.9: 1})
    assert quantile(histogram, 0.5) == pytest.approx(0.3)
    assert quantile(histogram, 0.25) == pytest.approx(0.175)
    assert quantile(Counter({0.5: 3}), 0.75) == 0.5


def test_the_order_files_finish_in_changes_nothing(results: list[FileResult]) -> None:
    forward, backward = _summary(results), _summary(results[::-1])
    assert forward.to_markdown() == backward.to_markdown()
    assert forward.to_json() == backward.to_json()


def test_equal_counts_are_ordered_by_name(results: list[FileResult]) -> None:
    data = json.loads(_summary(results).to_json())
    for path in data["paths"]:
        ranked = [(-gap["resumes"], gap["name"]) for gap in path["most_common_gaps"]]
        assert ranked == sorted(ranked)
    assert list(data["best_fit"].values()) == sorted(data["best_fit"].values(), reverse=True)


def test_the_page_shows_the_summarys_median(results: list[FileResult]) -> None:
    summary = _summary(results, keep_rows=True)
    page = render_summary_html(summary)
    for tally in summary.paths.values():
        median = f"Median {tally.distribution()['median']:.0%}"
        assert median in page and f"| {tally.name} |" in summary.to_markdown()


def test_the_page_ranks_the_resumes_against_each_posting(results: list[FileResult]) -> None:
    summary = _summary(results, keep_rows=True)
    [job] = [tally for tally in summary.paths.values() if tally.kind == "job"]
    page = render_summary_html(summary)
    ranked = re.findall(rf'<tr data-path="{re.escape(job.id)}" data-rank="(\d+)">.*?<th scope="row">([^<]+)</th>', page)
    assert [file for _, file in ranked] == [fit.file for fit in job.ranking()]
    assert len(ranked) == len(TEXTS)
    assert "Most common missing must-haves" in page


def test_the_terminal_table_names_paths_not_ids(results: list[FileResult]) -> None:
    summary = _summary(results)
    console = Console(file=io.StringIO(), width=100, record=True)
    render_cohort_table(summary, console, reused=2)
    text = console.export_text()
    assert "ML Engineer" in text and "AI Engineer" in text
    assert "ml_engineer" not in text and "ai_engineer" not in text
    assert "#" not in text.splitlines()[0] and "|---" not in text  # tables, not Markdown
    assert "Analyzed 4 · failed 1 · skipped 1 · kept from the earlier run 2" in text
