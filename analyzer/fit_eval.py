"""Score the best fit against each resume's ``focus`` label (``DIR/manifest.json``).

``focus`` is ``ml_engineer`` or ``ai_engineer`` (the path the resume's own work points to),
``none`` (non-technical, or technical without AI or ML work: the best fit should be null) or
``mixed`` (honestly both; left out of the accuracy). Reports are plain JSON-contract dicts, so
this module, like :mod:`analyzer.evaluate`, works with any analyzer.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

FOCUS_LABELS = ("ml_engineer", "ai_engineer", "none", "mixed")
# Focus labels whose best fit is scored: a path id, or none (a null best fit).
SCORED_FOCUS = ("ml_engineer", "ai_engineer", "none")
NO_FIT = "none"


@dataclass(frozen=True)
class FitCase:
    """One labelled resume: its focus, the best fit reported, and each path's coverage."""

    name: str
    focus: str
    best_fit: str  # a path id, or "none" for a null best fit
    coverage: Mapping[str, float]
    kind: str = ""

    @property
    def right(self) -> bool:
        return self.best_fit == self.focus


@dataclass(frozen=True)
class FitResult:
    """Best-fit accuracy over the labelled resumes."""

    cases: tuple[FitCase, ...]

    def scored(self, focuses: tuple[str, ...] = SCORED_FOCUS) -> list[FitCase]:
        return [case for case in self.cases if case.focus in focuses]

    def accuracy(self, focuses: tuple[str, ...] = ("ml_engineer", "ai_engineer")) -> float:
        """The share of resumes of these focuses whose best fit is their focus."""
        cases = self.scored(focuses)
        return sum(case.right for case in cases) / len(cases) if cases else 0.0

    def confusion(self) -> Counter[tuple[str, str]]:
        """(focus, best fit) counts over every labelled resume, mixed ones included."""
        return Counter((case.focus, case.best_fit) for case in self.cases)

    def median_coverage(self, path_id: str, focuses: tuple[str, ...], kind: str = "") -> float:
        values = [
            case.coverage[path_id]
            for case in self.cases
            if case.focus in focuses and path_id in case.coverage and (not kind or case.kind == kind)
        ]
        return median(values) if values else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "accuracy": self.accuracy(),
            "none_right": self.accuracy(("none",)),
            "confusion": [
                {"focus": focus, "best_fit": fit, "count": count}
                for (focus, fit), count in sorted(self.confusion().items())
            ],
            "cases": [
                {
                    "name": case.name,
                    "focus": case.focus,
                    "best_fit": case.best_fit,
                    "coverage": dict(case.coverage),
                }
                for case in self.cases
            ],
        }


def load_manifest(directory: Path) -> dict[str, dict[str, Any]]:
    """Each resume's manifest entry by name; empty when the folder has no readable manifest."""
    try:
        rows = json.loads((Path(directory) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entries = {}
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and ("name" in row or "file" in row):
            entries[str(row.get("name") or Path(str(row["file"])).stem)] = row
    return entries


def score_fit(reports: Mapping[str, Mapping[str, Any]], manifest: Mapping[str, Mapping[str, Any]]) -> FitResult:
    """Compare each report's best fit with its resume's focus label (unlabelled ones left out)."""
    cases = []
    for name, report in sorted(reports.items()):
        focus = manifest.get(name, {}).get("focus")
        if focus not in FOCUS_LABELS:
            continue
        coverage = {
            path["id"]: float(path["coverage"]) for path in report.get("paths", []) if path.get("kind") != "job"
        }
        kind = str(manifest[name].get("kind", ""))
        cases.append(FitCase(name, focus, report.get("best_fit") or NO_FIT, coverage, kind))
    return FitResult(tuple(cases))


def format_fit(result: FitResult, false_positives: Mapping[str, int]) -> str:
    """Best-fit accuracy, the confusion table, and every ``none`` resume's coverages."""
    if not result.cases:
        return ""
    focused = result.scored(("ml_engineer", "ai_engineer"))
    nones = result.scored(("none",))
    headline = (
        f"best fit right: {sum(c.right for c in focused)}/{len(focused)} ml/ai-focused "
        f"({result.accuracy():.0%}), {sum(c.right for c in nones)}/{len(nones)} none "
        f"({result.accuracy(('none',)):.0%}); mixed left out"
    )
    lines = [headline, ""]
    fits = sorted({case.best_fit for case in result.cases})
    corner = "focus \\ fit"
    width = max(len(corner), *(len(focus) for focus in FOCUS_LABELS))
    lines.append(f"{corner:<{width}}" + "".join(f"{fit:>13}" for fit in fits))
    confusion = result.confusion()
    for focus in FOCUS_LABELS:
        if any(case.focus == focus for case in result.cases):
            lines.append(f"{focus:<{width}}" + "".join(f"{confusion[(focus, fit)]:>13d}" for fit in fits))
    if nones:
        paths = sorted({path for case in nones for path in case.coverage})
        name_width = max(len(case.name) for case in nones)
        lines += ["", f"{'none-focus resume':<{name_width}}  {'best fit':<12}" + "".join(f"{p:>13}" for p in paths)]
        for case in nones:
            cells = "".join(f"{case.coverage.get(path, 0.0):>13.2f}" for path in paths)
            fp = f"  fp {false_positives[case.name]}" if case.name in false_positives else ""
            lines.append(f"{case.name:<{name_width}}  {case.best_fit:<12}{cells}{fp}")
    return "\n".join(lines) + "\n"
