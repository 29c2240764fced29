"""The batch progress bar on standard error: count out of the folder's files, rate and time left."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn


class ProgressBar:
    """A :class:`analyzer.batch_run.Progress` drawing a rich bar whose total is the number of
    files the scan found, known before the first file is read."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None
        self.failed = 0

    def start(self, total: int) -> None:
        self.task = self.progress.add_task("files", total=total, rate="", failed="")

    def advance(self, status: str) -> None:
        if self.task is None:
            return
        self.failed += status == "failed"
        self.progress.advance(self.task)
        speed = self.progress.tasks[0].speed
        self.progress.update(
            self.task,
            rate=f"{speed:.1f} files/s" if speed else "",
            failed=f"{self.failed} failed" if self.failed else "",
        )


@contextmanager
def progress_bar(*, enabled: bool) -> Iterator[ProgressBar | None]:
    """A progress bar on standard error while inside, or None when not enabled."""
    if not enabled:
        yield None
        return
    with Progress(
        TextColumn("[bold]skillgap batch"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[failed]}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        yield ProgressBar(progress)
