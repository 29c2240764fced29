"""Scoring dated entries, total experience and months per skill against hand labels.

Labels live beside the skill gold as ``DIR/experience/NAME.json`` (the format of the shared
corpus's experience README): ``as_of``, ``entries`` (``section``, ``title``, ``org``, ``start``,
``end``, ``precision``), ``total_months`` and ``skills_months``. ``skillgap eval DIR`` analyzes
each resume with its label's ``as_of`` and scores:

- entries: a reported entry matches a labelled one when both ends agree to the month, or to the
  year where the label is year-precise (an open end only matches an open end); precision and
  recall over all files;
- total months: right when within ``MONTHS_TOLERANCE`` of the label;
- months per labelled skill: right when the reported skill's months are within the tolerance.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer.experience import YEAR, parse_month

MONTHS_TOLERANCE = 3
EXPERIENCE_DIR = "experience"


@dataclass(frozen=True)
class LabelledEntry:
    section: str
    start: int
    end: int | None
    precision: str


@dataclass(frozen=True)
class ExperienceLabel:
    as_of: int
    entries: tuple[LabelledEntry, ...]
    total_months: int
    skills_months: Mapping[str, int]


def load_label(path: Path) -> ExperienceLabel:
    """One label file; ValueError naming the file when it is malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = tuple(
            LabelledEntry(
                item["section"],
                parse_month(item["start"]),
                None if item["end"] is None else parse_month(item["end"]),
                item["precision"],
            )
            for item in data["entries"]
        )
        return ExperienceLabel(
            parse_month(data["as_of"]),
            entries,
            int(data["total_months"]),
            {str(key).casefold(): int(value) for key, value in data.get("skills_months", {}).items()},
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: malformed experience label ({error})") from None


def load_labels(directory: Path) -> dict[str, ExperienceLabel]:
    """Every ``DIR/experience/NAME.json`` label by resume name (empty without the folder)."""
    folder = Path(directory) / EXPERIENCE_DIR
    if not folder.is_dir():
        return {}
    return {path.stem: load_label(path) for path in sorted(folder.glob("*.json"))}


def _bound_matches(reported: str | None, labelled: int | None, precision: str) -> bool:
    if labelled is None or reported is None:
        return labelled is None and reported is None
    month = parse_month(reported)
    return month // 12 == labelled // 12 if precision == YEAR else month == labelled


def _entry_matches(reported: Mapping[str, Any], label: LabelledEntry) -> bool:
    return _bound_matches(reported.get("start"), label.start, label.precision) and _bound_matches(
        reported.get("end"), label.end, label.precision
    )


def skill_key(text: str) -> str:
    """A skill name reduced for comparison: "GitLab CI", "gitlab-ci" and "GitLab-CI" agree."""
    return re.sub(r"[^\w+#]|_", "", text.casefold())


def _skill_keys(skill: Mapping[str, Any], aliases: Mapping[str, Sequence[str]]) -> set[str]:
    """Every name a reported skill answers to: its name, id, aliases and the text of its evidence."""
    names = [str(skill.get("name", "")), str(skill.get("id", "")), *aliases.get(str(skill.get("id")), ())]
    names += [str(item.get("text", "")) for item in skill.get("evidence", [])]
    return {skill_key(name) for name in names if name}


@dataclass(frozen=True)
class ExperienceScore:
    """One resume's experience scores."""

    name: str
    entries_reported: int
    entries_labelled: int
    entries_matched: int
    total_reported: int | None
    total_labelled: int
    skills_right: int
    skills_labelled: int
    wrong_skills: tuple[str, ...] = ()
    error: str | None = None

    @property
    def total_right(self) -> bool:
        return self.total_reported is not None and abs(self.total_reported - self.total_labelled) <= (
            MONTHS_TOLERANCE
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "entries_reported": self.entries_reported,
            "entries_labelled": self.entries_labelled,
            "entries_matched": self.entries_matched,
            "total_months": self.total_reported,
            "total_months_label": self.total_labelled,
            "total_right": self.total_right,
            "skills_right": self.skills_right,
            "skills_labelled": self.skills_labelled,
            "wrong_skills": list(self.wrong_skills),
            "error": self.error,
        }


def score_experience(
    name: str,
    report: Mapping[str, Any],
    label: ExperienceLabel,
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> ExperienceScore:
    """Score one report's experience against its label; ``aliases`` (skill id to its aliases, from
    the taxonomy) lets a label say "airflow" for the reported "Apache Airflow"."""
    experience = report.get("experience") or {}
    reported = list(experience.get("entries", []))
    unmatched = list(reported)
    matched: set[int] = set()
    # Labels of the same section are matched first, so a job and a degree with the same dates
    # each find their own entry.
    for same_section in (True, False):
        for position, label_entry in enumerate(label.entries):
            if position in matched:
                continue
            for candidate in unmatched:
                if same_section and candidate.get("section") != label_entry.section:
                    continue
                if _entry_matches(candidate, label_entry):
                    unmatched.remove(candidate)
                    matched.add(position)
                    break
    months_by_key: dict[str, int | None] = {}
    for skill in report.get("skills", []):
        for key in _skill_keys(skill, aliases or {}):
            if months_by_key.get(key) is None:
                months_by_key[key] = skill.get("months")
    wrong: list[str] = []
    for labelled, months in label.skills_months.items():
        found = months_by_key.get(skill_key(labelled))
        if found is None or abs(found - months) > MONTHS_TOLERANCE:
            wrong.append(f"{labelled} {found if found is not None else '-'}/{months}")
    return ExperienceScore(
        name=name,
        entries_reported=len(reported),
        entries_labelled=len(label.entries),
        entries_matched=len(matched),
        total_reported=experience.get("total_months"),
        total_labelled=label.total_months,
        skills_right=len(label.skills_months) - len(wrong),
        skills_labelled=len(label.skills_months),
        wrong_skills=tuple(wrong),
    )


@dataclass(frozen=True)
class ExperienceResult:
    """Experience scores over a folder."""

    files: tuple[ExperienceScore, ...]

    @property
    def entry_precision(self) -> float:
        reported = sum(score.entries_reported for score in self.files)
        return sum(score.entries_matched for score in self.files) / reported if reported else 0.0

    @property
    def entry_recall(self) -> float:
        labelled = sum(score.entries_labelled for score in self.files)
        return sum(score.entries_matched for score in self.files) / labelled if labelled else 0.0

    @property
    def total_right_share(self) -> float:
        return sum(score.total_right for score in self.files) / len(self.files) if self.files else 0.0

    @property
    def skills_right_share(self) -> float:
        labelled = sum(score.skills_labelled for score in self.files)
        return sum(score.skills_right for score in self.files) / labelled if labelled else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": [score.to_dict() for score in self.files],
            "entry_precision": self.entry_precision,
            "entry_recall": self.entry_recall,
            "total_months_right": self.total_right_share,
            "skill_months_right": self.skills_right_share,
        }


def evaluate_experience(
    directory: Path,
    labels: Mapping[str, ExperienceLabel],
    report_for: Callable[[str], Mapping[str, Any] | None],
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> ExperienceResult:
    """Score the report of every labelled resume; ``report_for(name)`` gives the report (analyzed
    with the label's ``as_of``), None when the resume could not be analyzed."""
    scores: list[ExperienceScore] = []
    for name, label in labels.items():
        report = report_for(name)
        if report is None:
            skills = len(label.skills_months)
            entries = len(label.entries)
            scores.append(
                ExperienceScore(
                    name, 0, entries, 0, None, label.total_months, 0, skills, error="not analyzed"
                )
            )
            continue
        scores.append(score_experience(name, report, label, aliases))
    return ExperienceResult(tuple(scores))


def format_experience(result: ExperienceResult, *, details: bool = True) -> str:
    """A plain-text table of the experience scores."""
    width = max([len("ALL"), len("file"), *(len(score.name) for score in result.files)])
    lines = [f"{'file':<{width}}  entries found/reported/labelled  total months (label)  skill months right"]
    for score in result.files:
        total = "-" if score.total_reported is None else str(score.total_reported)
        mark = "" if score.total_right else " ✗"
        lines.append(
            f"{score.name:<{width}}  {score.entries_matched:>5}/{score.entries_reported}/{score.entries_labelled:<14}"
            f"  {total:>6} ({score.total_labelled}){mark:<6}  {score.skills_right}/{score.skills_labelled}"
        )
        if details and score.wrong_skills:
            lines.append(
                f"{'':<{width}}    skill months off (reported/label): {', '.join(score.wrong_skills)}"
            )
    lines.append(
        f"{'ALL':<{width}}  entry precision {result.entry_precision:.3f}, recall {result.entry_recall:.3f}; "
        f"total months right {result.total_right_share:.3f}; skill months right {result.skills_right_share:.3f}"
    )
    return "\n".join(lines) + "\n"
