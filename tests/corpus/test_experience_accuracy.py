"""Experience over time on the development corpus may not fall: dated entries found, total months
and months per skill against the hand labels that ``build.py`` writes to ``OUT/experience/``.

The floors sit a little under what the current code reaches (README, "Experience over time").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import analyze
from analyzer.experience_eval import ExperienceResult, evaluate_experience, load_labels
from skills import load_taxonomy
from tests.corpus.build import build_corpus

MIN_ENTRY_PRECISION = 0.95
MIN_ENTRY_RECALL = 0.98
MIN_TOTAL_MONTHS_RIGHT = 0.97
MIN_SKILL_MONTHS_RIGHT = 0.85
# Every resume of the corpus when experience labels were added; resumes added later may follow.
MIN_LABELLED_RESUMES = 45


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> ExperienceResult:
    folder = tmp_path_factory.mktemp("corpus")
    build_corpus(folder)
    labels = load_labels(folder)
    taxonomy = load_taxonomy()
    aliases = {skill.id: skill.aliases for skill in taxonomy.skills.values()}

    def report_for(name: str) -> dict:
        pdf = Path(folder) / "pdfs" / f"{name}.pdf"
        return analyze(pdf, taxonomy, as_of=labels[name].as_of).to_dict()

    return evaluate_experience(folder, labels, report_for, aliases)


def test_the_corpus_keeps_its_experience_labels(scored: ExperienceResult) -> None:
    assert len(scored.files) >= MIN_LABELLED_RESUMES


def test_dated_entries_are_found_with_their_dates(scored: ExperienceResult) -> None:
    assert scored.entry_precision >= MIN_ENTRY_PRECISION
    assert scored.entry_recall >= MIN_ENTRY_RECALL


def test_total_months_are_right_within_three_months(scored: ExperienceResult) -> None:
    assert scored.total_right_share >= MIN_TOTAL_MONTHS_RIGHT


def test_months_per_labelled_skill_are_right_within_three_months(scored: ExperienceResult) -> None:
    assert scored.skills_right_share >= MIN_SKILL_MONTHS_RIGHT
