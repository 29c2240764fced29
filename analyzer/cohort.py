"""The cohort summary of a batch: counts, coverage distribution, common gaps, best fits.

Built one result at a time. Coverage is kept as a histogram of values rounded to 0.001, so memory
stays the same whatever the number of resumes and the quartiles are exact to that resolution.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from analyzer.batch import FileResult
from analyzer.terminal import json_safe

TOP_GAPS = 10
TOP_STEPS = 10
# A resume's plan counts toward the cohort's most common first steps with this many steps.
FIRST_STEPS = 3
COVERAGE_RESOLUTION = 3
# A job posting's summary ranks this many resumes by fit to it (kept in a bounded heap, so memory
# stays flat over any folder).
TOP_FITS = 20


@dataclass
class CohortSummary:
    """Running totals over a batch's results."""

    analyzed: int = 0
    failed: int = 0
    skipped: int = 0
    coverage: dict[str, Counter[float]] = field(default_factory=dict)
    path_names: dict[str, str] = field(default_factory=dict)
    gaps: dict[str, Counter[str]] = field(default_factory=dict)
    first_steps: dict[str, Counter[str]] = field(default_factory=dict)
    best_fit: Counter[str] = field(default_factory=Counter)
    # Job postings only: the best-fitting resumes (coverage, file, missing must-haves) and how
    # often each must-have is missing.
    fits: dict[str, list[tuple[float, str, tuple[str, ...]]]] = field(default_factory=dict)
    missing_must_haves: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, result: FileResult) -> None:
        if result.status == "skipped":
            self.skipped += 1
            return
        if result.status != "ok" or result.report is None:
            self.failed += 1
            return
        self.analyzed += 1
        self.best_fit[result.report.get("best_fit") or "none"] += 1
        for path in result.report.get("paths", []):
            self.path_names[path["id"]] = path["name"]
            self.coverage.setdefault(path["id"], Counter())[round(path["coverage"], COVERAGE_RESOLUTION)] += 1
            self.gaps.setdefault(path["id"], Counter()).update(gap["name"] for gap in path["missing"])
            steps = path.get("plan", [])[:FIRST_STEPS]
            self.first_steps.setdefault(path["id"], Counter()).update(step["name"] for step in steps)
            if path.get("kind") == "job":
                self._add_fit(result.file, path)

    def _add_fit(self, file: str, path: dict[str, Any]) -> None:
        missing = tuple(gap["name"] for gap in path["missing"] if gap["importance"] == "core")
        self.missing_must_haves.setdefault(path["id"], Counter()).update(missing)
        fits = self.fits.setdefault(path["id"], [])
        entry = (path["coverage"], file, missing)
        if len(fits) < TOP_FITS:
            heapq.heappush(fits, entry)
        else:
            heapq.heappushpop(fits, entry)

    def ranking(self, path_id: str) -> list[dict[str, Any]]:
        """The best-fitting resumes for a job posting, best first."""
        ordered = sorted(self.fits.get(path_id, []), key=lambda entry: (-entry[0], entry[1]))
        return [
            {"file": file, "coverage": coverage, "missing_must_haves": list(missing)}
            for coverage, file, missing in ordered
        ]

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain data (the JSON form of ``--summary FILE.json``)."""
        return {
            "analyzed": self.analyzed,
            "failed": self.failed,
            "skipped": self.skipped,
            "paths": [
                {
                    "id": path_id,
                    "name": self.path_names[path_id],
                    "coverage": _distribution(values),
                    "most_common_gaps": [
                        {"name": name, "resumes": count}
                        for name, count in _most_common(self.gaps[path_id], TOP_GAPS)
                    ],
                    "most_common_first_steps": [
                        {"name": name, "resumes": count}
                        for name, count in _most_common(self.first_steps.get(path_id, Counter()), TOP_STEPS)
                    ],
                    **self._job_part(path_id),
                }
                for path_id, values in self.coverage.items()
            ],
            "best_fit": dict(self.best_fit.most_common()),
        }

    def _job_part(self, path_id: str) -> dict[str, Any]:
        if path_id not in self.fits:
            return {"kind": "career"}
        common = _most_common(self.missing_must_haves.get(path_id, Counter()), TOP_GAPS)
        return {
            "kind": "job",
            "ranking": self.ranking(path_id),
            "most_common_missing_must_haves": [{"name": name, "resumes": count} for name, count in common],
        }

    def to_json(self) -> str:
        return json_safe(json.dumps(self.to_dict(), indent=2, ensure_ascii=False)) + "\n"

    def to_markdown(self) -> str:
        data = self.to_dict()
        out = [
            "# skillgap cohort summary",
            "",
            f"Analyzed: {data['analyzed']} · failed: {data['failed']} · skipped: {data['skipped']}",
            "",
            "| Path | Mean | Q1 | Median | Q3 | Min | Max |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for path in data["paths"]:
            c = path["coverage"]
            out.append(
                f"| {path['name']} | {c['mean']:.0%} | {c['q1']:.0%} | {c['median']:.0%} | "
                f"{c['q3']:.0%} | {c['min']:.0%} | {c['max']:.0%} |"
            )
        for path in data["paths"]:
            out += ["", f"## Most common gaps: {path['name']}", ""]
            out += [f"- {gap['name']}: {gap['resumes']} resumes" for gap in path["most_common_gaps"]]
        for path in data["paths"]:
            out += ["", f"## Most common first steps: {path['name']}", ""]
            out += [
                f"- {step['name']}: {step['resumes']} resumes" for step in path["most_common_first_steps"]
            ]
        for path in data["paths"]:
            if path["kind"] != "job":
                continue
            out += ["", f"## Ranked by fit to the posting: {path['name']}", ""]
            out += ["| # | File | Coverage | Missing must-haves |", "|---:|---|---:|---|"]
            for number, row in enumerate(path["ranking"], start=1):
                missing = ", ".join(row["missing_must_haves"]) or "none"
                out.append(f"| {number} | {row['file']} | {row['coverage']:.0%} | {missing} |")
            out += ["", f"Most common missing must-haves: {path['name']}", ""]
            out += [
                f"- {gap['name']}: {gap['resumes']} resumes" for gap in path["most_common_missing_must_haves"]
            ]
        out += ["", "## Best fit", ""]
        out += [f"- {name}: {count}" for name, count in data["best_fit"].items()]
        return "\n".join(out) + "\n"


def _most_common(counts: Counter[str], limit: int) -> list[tuple[str, int]]:
    """The most frequent names, ties in name order so identical runs print identical lists."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def _quantile(histogram: Counter[float], share: float) -> float:
    """The value below which ``share`` of the observations fall (lower value on a tie)."""
    total = sum(histogram.values())
    rank = share * (total - 1)
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen > rank:
            return value
    return max(histogram)


def _distribution(histogram: Counter[float]) -> dict[str, float]:
    total = sum(histogram.values())
    return {
        "mean": round(sum(value * count for value, count in histogram.items()) / total, 4),
        "q1": _quantile(histogram, 0.25),
        "median": _quantile(histogram, 0.5),
        "q3": _quantile(histogram, 0.75),
        "min": min(histogram),
        "max": max(histogram),
    }
