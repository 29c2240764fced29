"""One run per output: an exclusive lock on each file a batch writes, for the whole run.

Two runs writing one output destroy each other: a fresh SQLite run deletes the file the other is
writing, and two resumed JSONL or CSV runs each write every file. So ``skillgap batch`` takes
``fcntl.flock`` on a sidecar lock file beside each of its outputs (``out.sqlite.lock``) before it
touches any of them, writes its process id into it, and holds it until the run ends; a second
run on the same output stops at once with :class:`OutputInUseError`, naming the holder.

The lock is advisory and local: it stops other skillgap runs, not other programs, and on network
file systems it may not be seen from other machines. Where ``fcntl`` does not exist (Windows)
there is no lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from analyzer.errors import OutputInUseError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class OutputLock:
    """A held lock: the lock file and the open descriptor the lock lives on."""

    path: Path
    descriptor: int


def lock_path(output: Path) -> Path:
    """The sidecar lock file of an output: ``out.jsonl`` -> ``out.jsonl.lock``."""
    return output.with_name(output.name + LOCK_SUFFIX)


def _holder(descriptor: int) -> str:
    try:
        pid = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "a process that is starting"


def acquire(output: Path) -> OutputLock | None:
    """Lock one output for this process, or raise :class:`OutputInUseError` naming the holder."""
    if fcntl is None:
        return None
    path = lock_path(output)
    while True:
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise OutputInUseError(
                str(output), f"cannot create the lock file {path.name} ({error.strerror or error})"
            ) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(descriptor)
            os.close(descriptor)
            raise OutputInUseError(
                str(output),
                f"in use by another skillgap run ({holder}); wait for it to end or choose another output",
            ) from None
        except OSError as error:
            os.close(descriptor)
            raise OutputInUseError(
                str(output), f"cannot lock {path.name} ({error.strerror or error})"
            ) from None
        # The run before us removes its lock file as it ends; if it did so after we opened it,
        # we hold a lock on a file nobody else will open: start again on the one there now.
        try:
            current = os.path.samestat(os.fstat(descriptor), os.stat(path))
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(descriptor)
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
    return OutputLock(path, descriptor)


def release(lock: OutputLock | None) -> None:
    """Remove the lock file, then let go of the lock (in that order, see :func:`acquire`)."""
    if lock is None:
        return
    try:
        os.unlink(lock.path)
    except OSError:
        pass
    os.close(lock.descriptor)


@contextmanager
def locked_outputs(outputs: Iterable[Path | None]) -> Iterator[None]:
    """Hold the lock of every output given (None, standard output, is skipped) while inside.

    >>> with locked_outputs([Path("out.jsonl"), Path("summary.md")]):  # doctest: +SKIP
    ...     ...  # no other skillgap run can write either file now
    """
    held: list[OutputLock | None] = []
    seen: set[Path] = set()
    try:
        for output in outputs:
            if output is None:
                continue
            key = Path(os.path.abspath(output))
            if key in seen:
                continue
            seen.add(key)
            held.append(acquire(output))
        yield
    finally:
        for lock in reversed(held):
            release(lock)
