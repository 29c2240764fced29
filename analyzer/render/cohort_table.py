"""The cohort summary on a terminal: counts, coverage per path, common gaps, best fits and the
ranking against each job posting, as rich tables with path names.

Every name and file comes from resumes, postings or the folder: each goes in as plain text
(never rich markup) with control characters made inert.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from analyzer.cohort import CohortSummary, most_common
from analyzer.render.common import NO_FIT_LABEL, percent
from analyzer.terminal import terminal_safe

# A terminal shows this many gaps per path and resumes per posting; the files have them all.
TERMINAL_TOP = 5


def _text(value: object) -> Text:
    return Text(terminal_safe(str(value)))


def render_cohort_table(cohort: CohortSummary, console: Console, *, reused: int = 0) -> None:
    """Print the summary of a batch's analyzed files; ``reused`` counts rows kept from an earlier
    run, which the summary's figures do not include."""
    counts = f"Analyzed {cohort.analyzed} · failed {cohort.failed} · skipped {cohort.skipped}"
    if reused:
        counts += f" · kept from the earlier run {reused}"
    console.print(Text(counts, style="bold"))
    if not cohort.paths:
        return
    coverage = Table(title="Coverage", box=box.SIMPLE_HEAD, title_justify="left")
    coverage.add_column("Path")
    for label in ("Resumes", "Mean", "Q1", "Median", "Q3", "Min", "Max"):
        coverage.add_column(label, justify="right")
    for tally in cohort.paths.values():
        c = tally.distribution()
        figures = [percent(c[key]) for key in ("mean", "q1", "median", "q3", "min", "max")]
        coverage.add_row(_text(tally.name), str(tally.resumes), *figures)
    console.print(coverage)

    gaps = Table(title="Most common gaps", box=box.SIMPLE_HEAD, title_justify="left")
    gaps.add_column("Path")
    gaps.add_column("Gap")
    gaps.add_column("Resumes", justify="right")
    for tally in cohort.paths.values():
        for number, (_, name, count) in enumerate(tally.common_gaps(TERMINAL_TOP)):
            gaps.add_row(_text(tally.name) if number == 0 else "", _text(name), str(count))
    console.print(gaps)

    fits = Table(title="Best fit", box=box.SIMPLE_HEAD, title_justify="left")
    fits.add_column("Path")
    fits.add_column("Resumes", justify="right")
    for path_id, count in cohort.best_fits():
        fits.add_row(_text(cohort.path_name(path_id) or NO_FIT_LABEL), str(count))
    console.print(fits)

    for tally in cohort.paths.values():
        if tally.kind != "job":
            continue
        title = Text(f"Best fits for the posting {terminal_safe(tally.name)}")
        ranking = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
        ranking.add_column("#", justify="right")
        ranking.add_column("File", overflow="fold")
        ranking.add_column("Coverage", justify="right")
        ranking.add_column("Missing must-haves")
        for number, fit in enumerate(tally.ranking()[:TERMINAL_TOP], start=1):
            missing = ", ".join(fit.missing_must_haves) or "none"
            ranking.add_row(str(number), _text(fit.file), percent(fit.coverage), _text(missing))
        console.print(ranking)
        top = most_common(tally.missing_must_haves, TERMINAL_TOP)
        common = ", ".join(f"{name} ({count})" for name, count in top)
        if common:
            console.print(Text(f"Most often missing: {terminal_safe(common)}"))
