"""The batch progress bar on standard error: count, rate and time left."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from analyzer.batch import FileResult


@contextmanager
def progress_reporter(*, enabled: bool) -> Iterator[Callable[[FileResult, int | None], None]]:
    """A function to call once per finished file, with the number of files in all once that is
    known (the time left needs it); it draws nothing unless enabled."""
    if not enabled:
        yield lambda result, total: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

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
        task = progress.add_task("files", total=None, rate="", failed="")
        failed = 0

        def advance(result: FileResult, total: int | None) -> None:
            nonlocal failed
            failed += result.status == "failed"
            progress.advance(task)
            speed = progress.tasks[0].speed
            progress.update(
                task,
                total=total,
                rate=f"{speed:.1f} files/s" if speed else "",
                failed=f"{failed} failed" if failed else "",
            )

        yield advance
