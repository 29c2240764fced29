"""Everything ``skillgap eval`` measures on a labelled folder, in one call.

Skill extraction against ``gold/`` (overall, and per layout, kind and language from
``manifest.json``), the best fit against the manifest's ``focus`` labels, experience over time
against ``experience/`` labels, and job postings' requirements and ranking against ``postings/``
labels. Each part is scored by its own module; this one runs the analyzer once per resume and
gathers the scores.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer.evaluate import (
    EvalResult,
    evaluate,
    format_grouped,
    format_result,
    grouped_results,
    grouped_to_dict,
)
from analyzer.experience_eval import ExperienceResult, evaluate_experience, format_experience, load_labels
from analyzer.fit_eval import FitResult, format_fit, load_manifest, score_fit
from analyzer.ocr import OcrSettings
from analyzer.posting_eval import PostingEvalResult, format_postings, score_postings, score_ranking
from skills import Taxonomy, load_taxonomy


@dataclass(frozen=True)
class Scorecard:
    """The scores of one labelled folder."""

    skills: EvalResult
    grouped: Mapping[str, Mapping[str, EvalResult]]
    fit: FitResult
    experience: ExperienceResult | None
    postings: PostingEvalResult

    def to_dict(self) -> dict[str, Any]:
        """What ``skillgap eval --json`` prints."""
        data = {**self.skills.to_dict(), **grouped_to_dict(self.grouped), "best_fit": self.fit.to_dict()}
        if self.experience is not None:
            data["experience"] = self.experience.to_dict()
        if self.postings.postings:
            data["postings"] = self.postings.to_dict()
        return data

    def format(self, *, details: bool = True) -> str:
        """The plain-text tables ``skillgap eval`` prints, each part present in the folder."""
        sections = [format_result(self.skills, details=details)]
        if self.grouped:
            sections.append(format_grouped(self.grouped))
        if self.fit.cases:
            false_positives = {score.name: len(score.false_positives) for score in self.skills.files}
            sections.append(format_fit(self.fit, false_positives))
        if self.experience is not None:
            sections.append(format_experience(self.experience, details=details))
        if self.postings.postings:
            sections.append(format_postings(self.postings, details=details))
        return "\n".join(sections)


def score_folder(
    folder: str | Path,
    *,
    as_of: int | None = None,
    ocr: OcrSettings | None = None,
    taxonomy: Taxonomy | None = None,
) -> Scorecard:
    """Analyze every labelled resume of ``folder`` once and score it every way its labels allow.

    ``as_of`` (a month index) overrides each experience label's own. Raises ValueError or
    FileNotFoundError for a folder that is not laid out as a labelled corpus, and the
    analyzer's errors for an unreadable posting.
    """
    from analyzer.analysis import analyze

    folder = Path(folder)
    taxonomy = taxonomy or load_taxonomy()
    labels = load_labels(folder)
    postings, targets, posting_golds = score_postings(folder, taxonomy)
    reports: dict[str, dict[str, Any]] = {}
    job_coverage: dict[str, dict[str, float]] = {}

    def analyzed(resume: Path) -> dict[str, Any]:
        label = labels.get(resume.stem)
        resume_as_of = as_of if as_of is not None else (label.as_of if label else None)
        report = analyze(resume, taxonomy, as_of=resume_as_of, jobs=targets, ocr=ocr).to_dict()
        # The postings' targets are scored apart: the skill and advice scores see career paths only.
        jobs = [path for path in report["paths"] if path["kind"] == "job"]
        job_coverage[resume.stem] = {path["id"]: path["coverage"] for path in jobs}
        report["paths"] = [path for path in report["paths"] if path["kind"] != "job"]
        reports[resume.stem] = report
        return report

    skills = evaluate(folder, analyzed)
    experience = None
    if labels:
        aliases = {skill.id: skill.aliases for skill in taxonomy.skills.values()}
        experience = evaluate_experience(folder, labels, reports.get, aliases)
    manifest = load_manifest(folder)
    score_ranking(postings, job_coverage, manifest, posting_golds)
    return Scorecard(
        skills=skills,
        grouped=grouped_results(folder, skills),
        fit=score_fit(reports, manifest),
        experience=experience,
        postings=postings,
    )
