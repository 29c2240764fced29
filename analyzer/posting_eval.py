"""Scoring job-posting reading against gold labels, and the ranking of resumes by fit, for
``skillgap eval``.

A labelled folder holds ``postings/NAME.md`` (or ``.txt``, ``.pdf``) beside
``postings_gold/NAME.json``: ``required`` and ``preferred``, each a list of either-or groups of
skill names (any name or alias of the taxonomy), and ``matches`` (the resume ``kinds`` and
``focuses`` of the manifest the posting is meant for). Required and preferred skills are scored
apart: a posting's required skills are those of its ``core`` requirements (alternatives
included), its preferred ones those of its ``nice`` requirements; skills it names only in its
duties or description (``important``) count neither way. The ranking check orders the folder's
resumes by coverage of each posting and asks whether the resumes it is meant for rank above the
others on average.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer.posting import JobTarget, read_posting
from skills import Taxonomy
from skills.taxonomy import surface_key

POSTING_EXTENSIONS = (".md", ".txt", ".pdf")
DECIMALS = 3


@dataclass(frozen=True)
class PostingScore:
    """One posting: required and preferred skills found, missed and wrongly reported."""

    name: str
    required_found: frozenset[str]
    required_gold: frozenset[str]
    preferred_found: frozenset[str]
    preferred_gold: frozenset[str]

    def counts(self, found: frozenset[str], gold: frozenset[str]) -> tuple[int, int, int]:
        return len(found & gold), len(found - gold), len(gold - found)


@dataclass(frozen=True)
class RankScore:
    """One posting's ranking: the mean rank (1 = best fit) of the resumes it is meant for and of
    the others."""

    name: str
    matching_rank: float
    other_rank: float
    matching: int

    @property
    def passed(self) -> bool:
        return self.matching_rank < self.other_rank


@dataclass
class PostingEvalResult:
    postings: list[PostingScore] = field(default_factory=list)
    ranks: list[RankScore] = field(default_factory=list)

    def micro(self, kind: str) -> tuple[float, float, int, int, int]:
        tp = fp = fn = 0
        for score in self.postings:
            found = score.required_found if kind == "required" else score.preferred_found
            gold = score.required_gold if kind == "required" else score.preferred_gold
            a, b, c = score.counts(found, gold)
            tp, fp, fn = tp + a, fp + b, fn + c
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        return round(precision, DECIMALS), round(recall, DECIMALS), tp, fp, fn

    def to_dict(self) -> dict[str, Any]:
        def part(kind: str) -> dict[str, Any]:
            precision, recall, tp, fp, fn = self.micro(kind)
            return {"precision": precision, "recall": recall, "tp": tp, "fp": fp, "fn": fn}

        return {
            "postings": len(self.postings),
            "required": part("required"),
            "preferred": part("preferred"),
            "ranking": [
                {
                    "posting": rank.name,
                    "matching_rank": rank.matching_rank,
                    "other_rank": rank.other_rank,
                    "matching": rank.matching,
                    "passed": rank.passed,
                }
                for rank in self.ranks
            ],
            "ranking_passed": sum(rank.passed for rank in self.ranks),
        }


def posting_files(directory: Path) -> list[tuple[str, Path, Path]]:
    """(name, posting, gold) for every labelled posting of the folder; none without ``postings/``."""
    folder, gold_folder = directory / "postings", directory / "postings_gold"
    if not folder.is_dir():
        return []
    cases = []
    for posting in sorted(folder.iterdir()):
        gold = gold_folder / f"{posting.stem}.json"
        if posting.suffix in POSTING_EXTENSIONS and gold.is_file():
            cases.append((posting.stem, posting, gold))
    return cases


def _skill_index(taxonomy: Taxonomy) -> dict[str, str]:
    index: dict[str, str] = {}
    for skill in taxonomy.skills.values():
        for surface in (skill.id, skill.name, *skill.aliases):
            index.setdefault(surface_key(surface), skill.id)
    return index


def _gold_ids(groups: Iterable[Sequence[str]], index: Mapping[str, str], name: str) -> frozenset[str]:
    ids = set()
    for group in groups:
        for skill in group:
            if surface_key(skill) not in index:
                raise ValueError(f"postings_gold/{name}.json: {skill!r} is no skill of the taxonomy")
            ids.add(index[surface_key(skill)])
    return frozenset(ids)


def _found(target: JobTarget, importance: str) -> frozenset[str]:
    return frozenset(
        skill_id
        for item in target.requirements
        if item.importance == importance
        for skill_id in (item.skill_id, *item.alternatives)
    )


def score_postings(
    directory: Path, taxonomy: Taxonomy
) -> tuple[PostingEvalResult, list[JobTarget], dict[str, dict[str, Any]]]:
    """Every labelled posting read and scored; the targets and gold labels, for the ranking."""
    index = _skill_index(taxonomy)
    result = PostingEvalResult()
    targets: list[JobTarget] = []
    golds: dict[str, dict[str, Any]] = {}
    for name, posting, gold_path in posting_files(directory):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        target = read_posting(posting, taxonomy, [item.id for item in targets])
        targets.append(target)
        golds[target.id] = {**gold, "name": name}
        result.postings.append(
            PostingScore(
                name,
                _found(target, "core"),
                _gold_ids(gold.get("required", []), index, name),
                _found(target, "nice"),
                _gold_ids(gold.get("preferred", []), index, name),
            )
        )
    return result, targets, golds


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 2) if values else 0.0


def score_ranking(
    result: PostingEvalResult,
    coverages: Mapping[str, Mapping[str, float]],
    manifest: Mapping[str, Mapping[str, Any]],
    golds: Mapping[str, Mapping[str, Any]],
) -> None:
    """For each posting, the mean rank of the resumes it is meant for (their manifest ``kind`` or
    ``focus`` among its ``matches``) against the others', ranked by coverage of the posting.

    ``coverages`` maps each resume to each job target's coverage."""
    for target_id, gold in golds.items():
        matches = gold.get("matches", {})
        kinds, focuses = set(matches.get("kinds", [])), set(matches.get("focuses", []))
        ranked = sorted(
            (resume for resume in coverages if target_id in coverages[resume]),
            key=lambda resume: -coverages[resume][target_id],
        )
        matching: list[int] = []
        others: list[int] = []
        for rank, resume in enumerate(ranked, start=1):
            row = manifest.get(resume, {})
            (matching if row.get("kind") in kinds or row.get("focus") in focuses else others).append(rank)
        if matching and others:
            result.ranks.append(RankScore(gold["name"], _mean(matching), _mean(others), len(matching)))


def format_postings(result: PostingEvalResult, *, details: bool = True) -> str:
    """The posting scores as text: micro P/R of required and preferred skills, per posting, and
    the ranking check."""
    lines = ["", f"Job postings: requirement extraction ({len(result.postings)} postings)"]
    for kind in ("required", "preferred"):
        precision, recall, tp, fp, fn = result.micro(kind)
        lines.append(f"  {kind:<9} P {precision:.3f}  R {recall:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    if details:
        for score in result.postings:
            wrong = []
            for kind, found, gold in (
                ("required", score.required_found, score.required_gold),
                ("preferred", score.preferred_found, score.preferred_gold),
            ):
                if found - gold:
                    wrong.append(f"{kind} extra: {', '.join(sorted(found - gold))}")
                if gold - found:
                    wrong.append(f"{kind} missed: {', '.join(sorted(gold - found))}")
            if wrong:
                lines.append(f"  {score.name}: " + "; ".join(wrong))
    if result.ranks:
        passed = sum(rank.passed for rank in result.ranks)
        lines.append(
            f"Ranking by fit: the resumes a posting is meant for rank above the others in {passed} of {len(result.ranks)}"
        )
        for rank in result.ranks:
            verdict = "ok" if rank.passed else "NOT ABOVE"
            lines.append(
                f"  {rank.name:<32} meant-for mean rank {rank.matching_rank:>5} ({rank.matching} resumes), "
                f"others {rank.other_rank:>5}  {verdict}"
            )
    return "\n".join(lines) + "\n"
