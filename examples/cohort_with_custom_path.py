"""Rank a folder of resumes for a third path defined in a user taxonomy file.

    python examples/cohort_with_custom_path.py examples/resumes examples/taxonomies/data_engineer.toml

Prints, for each resume, its coverage of every path (the shipped two and the data engineer path
the taxonomy file adds) and the data engineer gaps, most important first. Files skillgap cannot
read are reported on stderr and skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analyzer import SkillgapError, analyze
from skills import load_taxonomy

RESUME_SUFFIXES = {".pdf", ".txt", ".md"}


def main(folder: Path, taxonomy_file: Path) -> None:
    taxonomy = load_taxonomy([taxonomy_file])
    for resume in sorted(path for path in folder.iterdir() if path.suffix in RESUME_SUFFIXES):
        try:
            report = analyze(resume, taxonomy)
        except SkillgapError as error:
            print(f"skipped: {error}", file=sys.stderr)
            continue
        coverage = ", ".join(f"{path.name} {path.coverage:.0%}" for path in report.paths)
        print(f"{resume.name}: {coverage}")
        gaps = report.path("data_engineer").missing
        print("   data engineer gaps:", ", ".join(gap.name for gap in gaps) or "none")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
