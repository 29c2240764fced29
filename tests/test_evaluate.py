"""Specification of how skill extraction is scored against gold labels."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from analyzer.evaluate import (
    EvalResult,
    FileScore,
    Gold,
    GoldFormatError,
    evaluate,
    find_cases,
    format_grouped,
    format_result,
    grouped_results,
    grouped_to_dict,
    load_gold,
    normalize,
    score_report,
)


def write_gold(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def gold_from(tmp_path: Path, data: dict[str, Any]) -> Gold:
    return load_gold(write_gold(tmp_path / "gold.json", data))


def skill(name: str, *evidence: str, skill_id: str | None = None) -> dict[str, Any]:
    return {
        "id": skill_id if skill_id is not None else name.lower(),
        "name": name,
        "kind": "tool",
        "evidence": [
            {"text": text, "section": "skills", "page": 1, "line": 1, "score": 100.0} for text in evidence
        ],
    }


def report(*skills: dict[str, Any]) -> dict[str, Any]:
    return {"skills": list(skills), "warnings": []}


PYTORCH_GOLD = {
    "skills": ["PyTorch", "Kubernetes"],
    "canonical": ["pytorch", "kubernetes"],
    "surface_variants": {"kubernetes": ["k8s"]},
}


# --- matching ---------------------------------------------------------------


def test_reported_name_matching_gold_surface_is_a_true_positive(tmp_path: Path) -> None:
    gold = gold_from(tmp_path, PYTORCH_GOLD)
    score = score_report("r", report(skill("PyTorch")), gold)
    assert score.reported_tp == 1
    assert score.found == ("PyTorch",)
    assert score.misses == ("Kubernetes",)
    assert score.false_positives == ()


def test_evidence_text_can_match_when_name_differs(tmp_path: Path) -> None:
    gold = gold_from(tmp_path, {"skills": ["Torch"], "canonical": ["torch"]})
    score = score_report("r", report(skill("PyTorch", "Torch", skill_id="pytorch")), gold)
    assert score.found == ("Torch",)
    assert score.reported_tp == 1


def test_id_with_underscores_read_as_spaces_can_match(tmp_path: Path) -> None:
    gold = gold_from(tmp_path, {"skills": ["Machine Learning"], "canonical": ["machine learning"]})
    score = score_report("r", report(skill("ML", skill_id="machine_learning")), gold)
    assert score.found == ("Machine Learning",)


def test_reported_name_matching_canonical_is_a_true_positive(tmp_path: Path) -> None:
    gold = gold_from(tmp_path, {"skills": ["Scikit-Learn (sklearn)"], "canonical": ["scikit-learn"]})
    score = score_report("r", report(skill("scikit-learn")), gold)
    assert score.found == ("Scikit-Learn (sklearn)",)


def test_reported_name_matching_surface_variant_is_a_true_positive(
    tmp_path: Path,
) -> None:
    gold = gold_from(tmp_path, PYTORCH_GOLD)
    score = score_report("r", report(skill("K8s")), gold)
    assert score.found == ("Kubernetes",)


def test_one_reported_skill_may_find_several_gold_skills(tmp_path: Path) -> None:
    gold = gold_from(
        tmp_path,
        {"skills": ["AWS", "Amazon Web Services"], "canonical": ["aws", "aws"]},
    )
    score = score_report("r", report(skill("AWS")), gold)
    assert score.reported_tp == 1
    assert score.found == ("AWS", "Amazon Web Services")
    assert score.recall == 1.0


# --- normalization ------------------------------------------------------------


def test_soft_hyphens_ligatures_and_case_are_ignored(tmp_path: Path) -> None:
    gold = gold_from(
        tmp_path,
        {
            "skills": ["Ku\u00adber\u00adnetes", "\ufb01ne-tuning"],
            "canonical": ["kubernetes", "fine-tuning"],
        },
    )
    score = score_report("r", report(skill("KUBERNETES"), skill("Fine-Tuning")), gold)
    assert score.misses == ()
    assert score.found == ("Kubernetes", "fine-tuning")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Py\u00adTorch\u200b,  ", "pytorch"),
        ("Con\u00ad sul", "consul"),
        ("\ufb01ne-tuning", "fine-tuning"),
        ('"Docker".', "docker"),
        ("(PyTorch)", "pytorch"),
        ("C++", "c++"),
        ("C#", "c#"),
        ("CI/CD", "ci/cd"),
        ("Node.js.", "node.js"),
        (".NET", ".net"),
        ("A/B   testing", "a/b testing"),
        ("Python (3.x)", "python (3.x)"),
    ],
)
def test_normalize_strips_only_surrounding_punctuation(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


# --- borderline, false positives, traps ----------------------------------------


def test_borderline_skill_counts_neither_way(tmp_path: Path) -> None:
    gold = gold_from(
        tmp_path,
        {
            "skills": ["PyTorch"],
            "canonical": ["pytorch"],
            "borderline": [{"surface": "Agile", "canonical": "agile", "why": "process, not skill"}],
        },
    )
    score = score_report("r", report(skill("PyTorch"), skill("Agile")), gold)
    assert score.borderline == ("Agile",)
    assert score.false_positives == ()
    assert (score.reported_tp, score.precision) == (1, 1.0)


def test_unmatched_reported_skill_is_a_false_positive(tmp_path: Path) -> None:
    gold = gold_from(tmp_path, PYTORCH_GOLD)
    score = score_report("r", report(skill("PyTorch"), skill("Excel", "Excellent communication")), gold)
    assert score.false_positives == ('Excel ("Excellent communication")',)
    assert score.precision == 0.5


def test_evidence_inside_a_trap_is_a_trap_hit(tmp_path: Path) -> None:
    gold = gold_from(
        tmp_path,
        {
            "skills": ["PyTorch"],
            "canonical": ["pytorch"],
            "traps": ["Go-to person for onboarding"],
            "trap_reasons": ["'Go' here is not the language"],
        },
    )
    score = score_report("r", report(skill("Go", "Go")), gold)
    assert score.false_positives == ('Go ("Go")',)
    assert score.trap_hits == ('Go ("Go") [trap: Go-to person for onboarding]',)


def test_trap_containment_needs_whole_words(tmp_path: Path) -> None:
    gold = gold_from(tmp_path, {"skills": [], "traps": ["Excellent communication"]})
    score = score_report("r", report(skill("Excel", "Excel")), gold)
    assert score.false_positives == ('Excel ("Excel")',)
    assert score.trap_hits == ()


def test_true_positive_sharing_words_with_a_trap_is_no_trap_hit(
    tmp_path: Path,
) -> None:
    gold = gold_from(tmp_path, {"skills": ["Go"], "canonical": ["go"], "traps": ["Go-to person"]})
    score = score_report("r", report(skill("Go", "Go")), gold)
    assert score.trap_hits == ()


# --- per-file and micro-averaged numbers -------------------------------------


def test_nothing_reported_and_nothing_expected_is_perfect() -> None:
    score = FileScore(name="empty")
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_f1_is_zero_when_precision_and_recall_are_zero() -> None:
    score = FileScore(name="bad", false_positives=("X",), misses=("Y",))
    assert score.f1 == 0.0


def test_micro_average_sums_counts_over_files_unlike_macro() -> None:
    small = FileScore(name="small", reported_tp=1, found=("A",))
    large = FileScore(
        name="large",
        reported_tp=1,
        false_positives=("X", "Y", "Z"),
        found=("B",),
        misses=("C", "D", "E"),
    )
    result = EvalResult(files=(small, large))
    macro_f1 = (small.f1 + large.f1) / 2
    assert result.micro_precision == pytest.approx(2 / 5)
    assert result.micro_recall == pytest.approx(2 / 5)
    assert result.micro_f1 == pytest.approx(0.4)
    assert macro_f1 == pytest.approx(0.625)
    assert result.to_dict()["micro"]["f1"] == pytest.approx(0.4)


# --- gold files ------------------------------------------------------------------


def test_missing_gold_keys_are_treated_as_empty(tmp_path: Path) -> None:
    gold = gold_from(tmp_path, {"skills": ["PyTorch"]})
    assert gold.canonical == ("pytorch",)
    assert (gold.traps, gold.borderline_surfaces) == ((), frozenset())


def test_malformed_gold_json_raises_value_error_naming_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="broken.json"):
        load_gold(path)


def test_gold_format_error_is_a_value_error() -> None:
    assert issubclass(GoldFormatError, ValueError)


def test_canonical_must_parallel_skills(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="parallel"):
        gold_from(tmp_path, {"skills": ["A", "B"], "canonical": ["a"]})


# --- directories -----------------------------------------------------------------


def make_case_dir(tmp_path: Path) -> Path:
    write_gold(tmp_path / "gold" / "alice.json", PYTORCH_GOLD)
    write_gold(tmp_path / "gold" / "bob.json", {"skills": ["SQL"], "canonical": ["sql"]})
    write_gold(tmp_path / "gold" / "nobody.json", {"skills": ["R"]})
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "alice.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "pdfs" / "bob.txt").write_text("SQL", encoding="utf-8")
    return tmp_path


def test_find_cases_pairs_gold_files_with_resumes(tmp_path: Path) -> None:
    directory = make_case_dir(tmp_path)
    cases = find_cases(directory)
    assert [(name, resume.name) for name, resume, _ in cases] == [
        ("alice", "alice.pdf"),
        ("bob", "bob.txt"),
    ]


def test_find_cases_without_gold_folder_raises_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no gold/ folder"):
        find_cases(tmp_path)


def test_evaluate_scores_every_case_with_the_given_analyzer(tmp_path: Path) -> None:
    directory = make_case_dir(tmp_path)

    def analyze(resume: Path) -> Mapping[str, Any]:
        if resume.stem == "alice":
            return report(skill("PyTorch"), skill("Excel", "Excellent"))
        return report(skill("SQL"))

    result = evaluate(directory, analyze)
    assert [f.name for f in result.files] == ["alice", "bob"]
    assert (result.reported_tp, result.false_positive_count) == (2, 1)
    assert (result.found_count, result.miss_count) == (2, 1)


def test_evaluate_records_an_analyzer_error_and_scores_the_rest(
    tmp_path: Path,
) -> None:
    directory = make_case_dir(tmp_path)

    def analyze(resume: Path) -> Mapping[str, Any]:
        if resume.stem == "alice":
            raise RuntimeError("could not read PDF")
        return report(skill("SQL"))

    alice, bob = evaluate(directory, analyze).files
    assert alice.error == "could not read PDF"
    assert alice.misses == ("PyTorch", "Kubernetes")
    assert alice.recall == 0.0
    assert (bob.error, bob.f1) == (None, 1.0)


def test_evaluate_records_a_malformed_report_as_an_error(tmp_path: Path) -> None:
    directory = make_case_dir(tmp_path)

    def analyze(resume: Path) -> Mapping[str, Any]:
        return {"skills": "PyTorch"} if resume.stem == "alice" else report()

    alice, bob = evaluate(directory, analyze).files
    assert alice.error is not None and "list of objects" in alice.error
    assert bob.misses == ("SQL",)


def test_format_result_shows_table_micro_line_and_details(tmp_path: Path) -> None:
    gold = gold_from(tmp_path, PYTORCH_GOLD)
    score = score_report(
        "alice",
        report(skill("PyTorch"), skill("Excel", "Excellent communication")),
        gold,
    )
    text = format_result(EvalResult(files=(score,)))
    assert "alice" in text and "MICRO" in text
    assert 'false positive: Excel ("Excellent communication")' in text
    assert "miss: Kubernetes" in text
    short = format_result(EvalResult(files=(score,)), details=False)
    assert "false positive" not in short


# --- per layout, kind and language ------------------------------------------------


def _grouped_case_dir(tmp_path: Path) -> Path:
    directory = make_case_dir(tmp_path)
    write_gold(directory / "gold" / "carla.json", {"skills": []})
    (directory / "pdfs" / "carla.txt").write_text("Teacher", encoding="utf-8")
    manifest = [
        {"file": "pdfs/alice.pdf", "layout": "single", "kind": "ml", "language": "en"},
        {"file": "pdfs/bob.txt", "layout": "single", "kind": "data", "language": "es"},
        {"file": "pdfs/carla.txt", "layout": "two-column", "kind": "non-tech"},
    ]
    (directory / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return directory


def _analyze_grouped(resume: Path) -> Mapping[str, Any]:
    if resume.stem == "alice":
        return report(skill("PyTorch"))
    if resume.stem == "carla":
        return report(skill("Excel"), skill("Word"))
    return report(skill("SQL"))


def test_results_are_grouped_by_every_manifest_field_a_resume_has(tmp_path: Path) -> None:
    directory = _grouped_case_dir(tmp_path)
    grouped = grouped_results(directory, evaluate(directory, _analyze_grouped))
    assert {field: sorted(results) for field, results in grouped.items()} == {
        "layout": ["single", "two-column"],
        "kind": ["data", "ml", "non-tech"],
        "language": ["en", "es"],
    }
    assert grouped["language"]["es"].micro_f1 == 1.0
    assert grouped["kind"]["non-tech"].false_positive_count == 2


def test_grouped_figures_print_per_field_with_false_positives_of_non_technical_resumes(
    tmp_path: Path,
) -> None:
    directory = _grouped_case_dir(tmp_path)
    text = format_grouped(grouped_results(directory, evaluate(directory, _analyze_grouped)))
    assert text.splitlines()[0].split() == ["layout", "P", "R", "F1", "files", "fp"]
    assert any(line.split()[0] == "kind" for line in text.splitlines() if line)
    assert any(line.split()[0] == "language" for line in text.splitlines() if line)
    assert "non-tech: 2 false positives in 1 resumes (carla 2)" in text


def test_grouped_figures_in_json_carry_counts(tmp_path: Path) -> None:
    directory = _grouped_case_dir(tmp_path)
    data = grouped_to_dict(grouped_results(directory, evaluate(directory, _analyze_grouped)))
    assert set(data) == {"by_layout", "by_kind", "by_language"}
    assert data["by_kind"]["non-tech"]["false_positives"] == 2
    assert data["by_language"]["en"]["files"] == 1


def test_without_a_manifest_there_are_no_groups(tmp_path: Path) -> None:
    directory = make_case_dir(tmp_path)
    assert grouped_results(directory, evaluate(directory, _analyze_grouped)) == {}
