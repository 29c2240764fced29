"""Analyze a folder of resumes in parallel and write one CSV row per file.

    python examples/folder_to_csv.py examples/resumes results.csv

Each row: file, status, error, best fit, coverage of each path, and the most important missing
competency of the best-fitting path. Bad files get a row with their error; the script goes on.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from analyzer import analyze_folder


def main(folder: Path, output: Path) -> None:
    with output.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "status", "error", "best_fit", "ai_engineer", "ml_engineer", "first_gap"])
        for result in analyze_folder(folder, workers=2):
            report = result.report
            paths = {path.id: path for path in report.paths} if report else {}
            coverage = {path_id: path.coverage for path_id, path in paths.items()}
            best = paths.get(report.best_fit) if report and report.best_fit else None
            first_gap = best.missing[0].name if best and best.missing else ""
            writer.writerow(
                [
                    result.file,
                    result.status,
                    result.error or "",
                    (report.best_fit or "") if report else "",
                    coverage.get("ai_engineer", ""),
                    coverage.get("ml_engineer", ""),
                    first_gap,
                ]
            )
            print(f"{result.status:8} {result.file}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
