"""The cohort summary of a batch: counts, coverage distribution, common gaps, best fits, and the
ranking of resumes against each job posting.

One :class:`CohortSummary` feeds every view of a batch: ``--summary`` (Markdown or JSON), the
cohort HTML page and the table on the terminal. It is built one result at a time. Coverage is
kept as a histogram of values rounded to 0.001 (with the exact sum for the mean), gaps and steps
as counters, a posting's best fits as a bounded heap, so memory stays the same whatever the number
of resumes; only the HTML page's per-resume table keeps a few numbers per file, and only when
asked for (``keep_rows``).

Quartiles and the median are interpolated linearly between the two nearest ranks (the "inclusive"
method of :func:`statistics.quantiles`, numpy's default), to the histogram's resolution. Every
ranking breaks ties by name, then id, so identical runs print identical summaries.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from analyzer.batch import FileResult
from analyzer.report import PathResult
from analyzer.terminal import json_safe

TOP_GAPS = 10
TOP_STEPS = 10
# A resume's plan counts toward the cohort's most common first steps with this many steps.
FIRST_STEPS = 3
# A kept row names this many of the resume's gaps per path.
GAPS_PER_RESUME = 3
COVERAGE_RESOLUTION = 3
# A job posting's summary ranks this many resumes by fit to it (kept in a bounded heap, so memory
# stays flat over any folder).
TOP_FITS = 20
# The importance of a posting's must-have requirements.
MUST_HAVE = "core"


@dataclass
class ResumeRow:
    """What the cohort page's per-resume table shows of one file."""

    number: int
    file: str
    status: str
    error: str | None
    best_fit: str | None = None
    skills: int = 0
    coverage: dict[str, float] = field(default_factory=dict)
    covered: dict[str, frozenset[str]] = field(default_factory=dict)
    gaps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    steps: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class Fit:
    """A resume's place in a job posting's ranking."""

    coverage: float
    file: str
    missing_must_haves: tuple[str, ...]


@dataclass
class PathTally:
    """Running totals of one path (or job posting) over the analyzed resumes."""

    id: str
    name: str
    kind: str
    # Competency id to name, in the taxonomy's order.
    competencies: dict[str, str] = field(default_factory=dict)
    coverage: Counter[float] = field(default_factory=Counter)
    coverage_sum: float = 0.0
    # Resumes showing each competency, and missing each (by id), with the gap's name.
    covered: Counter[str] = field(default_factory=Counter)
    gaps: Counter[str] = field(default_factory=Counter)
    gap_names: dict[str, str] = field(default_factory=dict)
    first_steps: Counter[str] = field(default_factory=Counter)
    # Job postings only: the best fits (a min-heap of (coverage, negated file order)) and how
    # often each must-have is missing.
    fits: list[tuple[float, _Descending, Fit]] = field(default_factory=list)
    missing_must_haves: Counter[str] = field(default_factory=Counter)

    @property
    def resumes(self) -> int:
        return sum(self.coverage.values())

    def add(self, file: str, path: PathResult) -> None:
        for item in path.competencies:
            self.competencies.setdefault(item.id, item.name)
            self.covered[item.id] += item.covered
        self.coverage[round(path.coverage, COVERAGE_RESOLUTION)] += 1
        self.coverage_sum += path.coverage
        for gap in path.missing:
            self.gaps[gap.id] += 1
            self.gap_names.setdefault(gap.id, gap.name)
        self.first_steps.update(step.name for step in path.plan[:FIRST_STEPS])
        if path.kind == "job":
            missing = tuple(gap.name for gap in path.missing if gap.importance == MUST_HAVE)
            self.missing_must_haves.update(missing)
            # The heap's smallest entry is the one to drop: lowest coverage, then last file name.
            entry = (path.coverage, _Descending(file), Fit(path.coverage, file, missing))
            if len(self.fits) < TOP_FITS:
                heapq.heappush(self.fits, entry)
            else:
                heapq.heappushpop(self.fits, entry)

    def common_gaps(self, limit: int = TOP_GAPS) -> list[tuple[str, str, int]]:
        """The most common gaps as (id, name, resumes), most first, ties by name then id."""
        ranked = sorted(self.gaps.items(), key=lambda item: (-item[1], self.gap_names[item[0]], item[0]))
        return [(gap_id, self.gap_names[gap_id], count) for gap_id, count in ranked[:limit]]

    def ranking(self) -> list[Fit]:
        """A job posting's best-fitting resumes, best first (ties by file name)."""
        return sorted((fit for _, _, fit in self.fits), key=lambda fit: (-fit.coverage, fit.file))

    def distribution(self) -> dict[str, float]:
        """Mean, quartiles, median, minimum and maximum of the coverage."""
        return {
            "mean": round(self.coverage_sum / self.resumes, 4),
            "q1": quantile(self.coverage, 0.25),
            "median": quantile(self.coverage, 0.5),
            "q3": quantile(self.coverage, 0.75),
            "min": min(self.coverage),
            "max": max(self.coverage),
        }


@dataclass(frozen=True)
class _Descending:
    """A file name that sorts backwards, so a heap of fits drops the later name on a tie."""

    name: str

    def __lt__(self, other: object) -> bool:
        return isinstance(other, _Descending) and self.name > other.name


@dataclass
class CohortSummary:
    """Running totals over a batch's results; ``keep_rows`` also keeps the per-resume table."""

    keep_rows: bool = False
    analyzed: int = 0
    failed: int = 0
    skipped: int = 0
    paths: dict[str, PathTally] = field(default_factory=dict)
    best_fit: Counter[str] = field(default_factory=Counter)
    rows: list[ResumeRow] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        report = result.report
        if result.status == "skipped":
            self.skipped += 1
        elif result.status != "ok" or report is None:
            self.failed += 1
        else:
            self.analyzed += 1
            self.best_fit[report.best_fit or "none"] += 1
            for path in report.paths:
                tally = self.paths.setdefault(path.id, PathTally(path.id, path.name, path.kind))
                tally.add(result.file, path)
        if self.keep_rows:
            self.rows.append(_row(len(self.rows) + 1, result))

    @property
    def files(self) -> int:
        return self.analyzed + self.failed + self.skipped

    def path_name(self, path_id: str | None) -> str | None:
        """The name of a path id, None for no best fit."""
        if path_id is None or path_id == "none":
            return None
        tally = self.paths.get(path_id)
        return tally.name if tally else path_id

    def best_fits(self) -> list[tuple[str, int]]:
        """Path ids (or "none") with their resumes, most first, ties by id."""
        return most_common(self.best_fit, len(self.best_fit))

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain data (the JSON form of ``--summary FILE.json``)."""
        return {
            "analyzed": self.analyzed,
            "failed": self.failed,
            "skipped": self.skipped,
            "paths": [_path_dict(tally) for tally in self.paths.values()],
            "best_fit": dict(self.best_fits()),
        }

    def to_json(self) -> str:
        return json_safe(json.dumps(self.to_dict(), indent=2, ensure_ascii=False)) + "\n"

    def to_markdown(self) -> str:
        out = [
            "# skillgap cohort summary",
            "",
            f"Analyzed: {self.analyzed} · failed: {self.failed} · skipped: {self.skipped}",
            "",
            "| Path | Mean | Q1 | Median | Q3 | Min | Max |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for tally in self.paths.values():
            c = tally.distribution()
            out.append(
                f"| {tally.name} | {c['mean']:.0%} | {c['q1']:.0%} | {c['median']:.0%} | "
                f"{c['q3']:.0%} | {c['min']:.0%} | {c['max']:.0%} |"
            )
        for tally in self.paths.values():
            out += ["", f"## Most common gaps: {tally.name}", ""]
            out += [f"- {name}: {count} resumes" for _, name, count in tally.common_gaps()]
        for tally in self.paths.values():
            out += ["", f"## Most common first steps: {tally.name}", ""]
            out += [f"- {name}: {count} resumes" for name, count in most_common(tally.first_steps, TOP_STEPS)]
        for tally in self.paths.values():
            if tally.kind != "job":
                continue
            out += ["", f"## Ranked by fit to the posting: {tally.name}", ""]
            out += ["| # | File | Coverage | Missing must-haves |", "|---:|---|---:|---|"]
            for number, fit in enumerate(tally.ranking(), start=1):
                missing = ", ".join(fit.missing_must_haves) or "none"
                out.append(f"| {number} | {fit.file} | {fit.coverage:.0%} | {missing} |")
            out += ["", f"Most common missing must-haves: {tally.name}", ""]
            out += [
                f"- {name}: {count} resumes" for name, count in most_common(tally.missing_must_haves, TOP_GAPS)
            ]
        out += ["", "## Best fit", ""]
        out += [f"- {name}: {count}" for name, count in self.best_fits()]
        return "\n".join(out) + "\n"


def _row(number: int, result: FileResult) -> ResumeRow:
    row = ResumeRow(number, result.file, result.status, result.error)
    report = result.report
    if result.status != "ok" or report is None:
        if result.status == "ok":
            row.status, row.error = "failed", row.error or "no report in this row"
        return row
    row.best_fit, row.skills = report.best_fit, len(report.skills)
    for path in report.paths:
        row.coverage[path.id] = path.coverage
        row.covered[path.id] = frozenset(item.id for item in path.competencies if item.covered)
        row.gaps[path.id] = tuple(gap.name for gap in path.missing[:GAPS_PER_RESUME])
        row.steps[path.id] = tuple(step.name for step in path.plan[:FIRST_STEPS])
    return row


def _path_dict(tally: PathTally) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": tally.id,
        "name": tally.name,
        "kind": tally.kind,
        "coverage": tally.distribution(),
        "most_common_gaps": _counted([(name, count) for _, name, count in tally.common_gaps()]),
        "most_common_first_steps": _counted(most_common(tally.first_steps, TOP_STEPS)),
    }
    if tally.kind == "job":
        data["ranking"] = [
            {"file": fit.file, "coverage": fit.coverage, "missing_must_haves": list(fit.missing_must_haves)}
            for fit in tally.ranking()
        ]
        data["most_common_missing_must_haves"] = _counted(most_common(tally.missing_must_haves, TOP_GAPS))
    return data


def _counted(items: list[tuple[str, int]]) -> list[dict[str, Any]]:
    return [{"name": name, "resumes": count} for name, count in items]


def most_common(counts: Counter[str], limit: int) -> list[tuple[str, int]]:
    """The most frequent names, ties in name order so identical runs print identical lists."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def quantile(histogram: Counter[float], share: float) -> float:
    """The ``share`` quantile of a histogram's values, interpolated linearly between the two
    nearest ranks (so the median of an even count is the mean of the middle two)."""
    total = sum(histogram.values())
    rank = share * (total - 1)
    below, above = int(rank), min(int(rank) + 1, total - 1)
    low = high = None
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if low is None and seen > below:
            low = value
        if seen > above:
            high = value
            break
    assert low is not None and high is not None
    return round(low + (high - low) * (rank - below), COVERAGE_RESOLUTION + 1)
