"""Folders of resumes: candidates, worker processes, per-file isolation, cache and resume.

Every file in the folder yields exactly one :class:`FileResult`: ``ok`` with its report,
``failed`` with the reason, or ``skipped`` (not a resume format, or a link out of the folder).
Files are analyzed in worker processes that load the taxonomy and spaCy once; a worker that
crashes, hangs past the timeout or exceeds its memory limit costs only the file it was working
on: it is replaced and the batch goes on.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Protocol

from analyzer.document import (
    DOCX_EXTENSIONS,
    IMAGE_EXTENSIONS,
    PDF_EXTENSIONS,
    TEXT_EXTENSIONS,
    display_name,
    too_large,
)
from analyzer.errors import InputNotFoundError, NotAFileError, SkillgapError, WorkerError
from analyzer.isolation import Limits, limit_memory
from analyzer.ocr import OcrSettings
from analyzer.report import Report
from analyzer.storage import is_url, list_url_folder, location_sha256

BATCH_EXTENSIONS = (PDF_EXTENSIONS | DOCX_EXTENSIONS | TEXT_EXTENSIONS) - {""}
# Without OCR an image is no resume to read, and a folder may hold headshots: skipped, not failed.
IMAGE_SKIPPED = "an image: read only with --ocr"
# A batch always has a per-file timeout: a hung file must not hold a worker forever.
DEFAULT_TIMEOUT: float = Limits.timeout or 60.0
DEFAULT_MAX_MEMORY = Limits.max_memory
DEFAULT_MAX_PAGES = Limits.max_pages
DEFAULT_MAX_SIZE = Limits.max_size
# How often the scheduler wakes to check timeouts when no worker has answered.
POLL_SECONDS = 0.2
# A worker gets this long to load the taxonomy and spaCy before it counts as broken.
STARTUP_SECONDS = 120.0
# The exit code of a worker that failed outside any file's analysis (out of memory while sending).
WORKER_FAILED = 3
# What a worker analyzes once before its first file (see _serve).
WARM_UP_TEXT = "Experience\nML Engineer, Example Corp, Jan 2020 - Present\n- Python, PyTorch, Docker\n"


@dataclass(frozen=True)
class BatchOptions:
    """Everything a worker needs to analyze a file the same way as ``skillgap analyze``."""

    taxonomy_files: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    max_memory: int | None = DEFAULT_MAX_MEMORY
    max_pages: int | None = DEFAULT_MAX_PAGES
    max_size: int | None = DEFAULT_MAX_SIZE
    cache_dir: str | None = None
    redact: bool = False
    # The month "Present" stands for (a month index); None is the current month.
    as_of: int | None = None
    # Job postings read once (analyzer.posting.JobTarget), each a target in every report.
    jobs: tuple[Any, ...] = ()
    # How to OCR images and PDF pages without text; None reads no image.
    ocr: OcrSettings | None = None


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file of a folder."""

    file: str
    status: str
    sha256: str | None = None
    error: str | None = None
    report: Report | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """One JSONL row: the full report (when ok) with ``file``, ``status``, ``error`` and ``sha256``."""
        row: dict[str, Any] = self.report.to_dict() if self.report else {}
        row.update({"file": self.file, "status": self.status, "error": self.error, "sha256": self.sha256})
        return row


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


def skip_reason(name: str, *, ocr: bool = False) -> str | None:
    """Why a file of this name (without its folder) is no candidate resume; None when it is one."""
    suffix = Path(name).suffix
    hidden = name.startswith(".")
    if suffix.lower() in IMAGE_EXTENSIONS and not hidden:
        return None if ocr else IMAGE_SKIPPED
    if suffix.lower() not in BATCH_EXTENSIONS or hidden:
        return f"not a resume format ({suffix or 'no extension'})"
    return None


def scan_folder(
    directory: str | Path, *, recursive: bool = False, follow_symlinks: bool = False, ocr: bool = False
) -> Iterator[tuple[str, str | None]]:
    """Every file of a folder (a path, or an fsspec URL) in a stable order: (path, None) for a
    candidate resume, or (path, reason) for a file that is skipped (images are candidates only
    with ``ocr``)."""
    if is_url(directory):
        for url in list_url_folder(str(directory), recursive=recursive):
            yield url, skip_reason(url.rsplit("/", 1)[-1], ocr=ocr)
        return
    root = Path(directory)
    if not root.exists():
        raise InputNotFoundError(str(directory), "no such folder")
    if not root.is_dir():
        raise NotAFileError(str(directory), "not a folder; use 'skillgap analyze' for one file")
    resolved_root = root.resolve()
    entries = sorted(root.rglob("*") if recursive else root.iterdir())
    for entry in entries:
        if entry.is_symlink() and not follow_symlinks and not _inside(entry, resolved_root):
            yield str(entry), "symbolic link to outside the folder (use --follow-symlinks)"
            continue
        if not entry.is_dir():
            yield str(entry), skip_reason(entry.name, ocr=ocr)


def file_sha256(path: str | Path) -> str:
    """The content hash that names a file (a path or an fsspec URL) in outputs, caches and resumed
    runs; OSError when it cannot be read."""
    return location_sha256(path)


def analyze_file(data: bytes, name: str, options: BatchOptions = BatchOptions()) -> FileResult:
    """One resume's bytes to its batch result, never raising for a problem of the file itself.

    Pure over its arguments (the text cache, when ``options.cache_dir`` names one, only saves
    time) and a plain module-level function over picklable values, so a script can hand it to any
    executor: ``executor.submit(analyze_file, data, "cv.pdf", options)``.
    """
    from analyzer.analysis import report_for_document
    from analyzer.cache import cached_document, cached_taxonomy

    sha256 = hashlib.sha256(data).hexdigest()
    try:
        if options.max_size and len(data) > options.max_size:
            raise too_large(name, options.max_size)
        document = cached_document(data, name, options.cache_dir, max_pages=options.max_pages, ocr=options.ocr)
        taxonomy = cached_taxonomy(options.taxonomy_files, options.cache_dir)
        report = report_for_document(
            document, taxonomy, paths=options.paths, as_of=options.as_of, jobs=options.jobs
        )
        if options.redact:
            from analyzer.redact import redact_report

            report = redact_report(report)
    except SkillgapError as error:
        return FileResult(name, "failed", sha256, error.message)
    except MemoryError:
        return FileResult(name, "failed", sha256, "ran out of memory (raise --max-memory)")
    except Exception as error:  # noqa: BLE001 - one file's bug must not end the batch
        return FileResult(name, "failed", sha256, f"internal error ({error.__class__.__name__})")
    return FileResult(name, "ok", sha256, None, report)


def analyze_path(path: str, options: BatchOptions = BatchOptions()) -> FileResult:
    """:func:`analyze_file` for a file on disk or at an fsspec URL (shared storage a cluster's
    workers read from); a file that cannot be read gets a failed result."""
    from analyzer.storage import read_location

    try:
        name, data = read_location(path, max_size=options.max_size)
    except SkillgapError as error:
        return FileResult(path, "failed", None, error.message)
    return replace(analyze_file(data, name, options), file=path)


# -- worker processes ---------------------------------------------------------------------------


def _worker_main(connection: Connection, options: BatchOptions) -> None:
    """A worker: warm up once, then analyze the paths it is sent until told to stop."""
    # Ctrl-C is the parent's to handle: it stops the batch and ends the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # An exception escaping a multiprocessing target prints "Process SpawnProcess-1:" and a
    # traceback on the batch's stderr; the parent already reports a worker that ends mid-file.
    try:
        _serve(connection, options)
    except BaseException:  # noqa: BLE001 - see above
        os._exit(WORKER_FAILED)


def _serve(connection: Connection, options: BatchOptions) -> None:
    limit_memory(options.max_memory)
    import analyzer.pdf  # noqa: F401 - pdfminer.six loads now, not within a first PDF's time limit
    from analyzer.analysis import analyze_text
    from analyzer.cache import cached_taxonomy
    from analyzer.mentions import matcher_for

    try:
        taxonomy = cached_taxonomy(options.taxonomy_files, options.cache_dir)
        matcher_for(taxonomy, options.cache_dir)
        # The stages import their modules on first use: one small analysis now keeps that second
        # out of the first file's time limit (a replaced worker's first file is often a short one).
        analyze_text(WARM_UP_TEXT, taxonomy, paths=options.paths, as_of=options.as_of)
    except SkillgapError as error:
        connection.send(("broken", error))
        return
    # What is loaded now lives as long as the worker: leaving it out of garbage collection spares
    # every collection during a PDF's parse from walking spaCy and the taxonomy (~13% per file).
    gc.freeze()
    connection.send(("ready", None))
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        connection.send(("done", analyze_path(task, options)))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    ready: bool = False
    # Paths sent and not yet answered, oldest first: the worker is analyzing the first one.
    tasks: deque[str] = field(default_factory=deque)
    started: float = 0.0


class _Pool:
    """Worker processes, each doing one file at a time, replaced when one dies or hangs."""

    def __init__(self, size: int, options: BatchOptions) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.options = options
        self.workers = [self._spawn() for _ in range(size)]

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(child, self.options), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent, started=time.monotonic())

    def replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.connection.close()
        self.workers[self.workers.index(worker)] = self._spawn()

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.connection.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 2
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(1)
            worker.connection.close()


# Paths each worker holds: the one it works on and the next, so it never waits for the parent to
# write a result before it can start on another file.
TASKS_PER_WORKER = 2


def _schedule(pool: _Pool, paths: Sequence[str], timeout: float) -> Iterator[FileResult]:
    """Results for the paths in the order they finish, each file isolated from the others."""
    pending = deque(paths)
    while pending or any(worker.tasks for worker in pool.workers):
        for worker in pool.workers:
            while worker.ready and pending and len(worker.tasks) < TASKS_PER_WORKER:
                if not worker.tasks:
                    worker.started = time.monotonic()
                worker.tasks.append(pending.popleft())
                worker.connection.send(worker.tasks[-1])
        busy = {worker.connection: worker for worker in pool.workers}
        sentinels = {worker.process.sentinel: worker for worker in pool.workers}
        for ready in wait([*busy, *sentinels], timeout=POLL_SECONDS):
            worker = busy[ready] if isinstance(ready, Connection) else sentinels[int(ready)]  # type: ignore[arg-type]
            if worker not in pool.workers:
                continue
            yield from _collect(pool, worker, ready is worker.connection, pending)
        yield from _expire(pool, timeout, pending)


def _collect(pool: _Pool, worker: _Worker, has_message: bool, pending: deque[str]) -> Iterator[FileResult]:
    message = None
    if has_message:
        try:
            message = worker.connection.recv()
        except (EOFError, OSError):
            message = None
    if message is not None and message[0] == "ready":
        worker.ready = True
        return
    if message is not None and message[0] == "done":
        worker.tasks.popleft()
        # The next path was already waiting in the worker's pipe: its clock starts now.
        worker.started = time.monotonic()
        yield message[1]
        return
    if message is not None and message[0] == "broken":
        raise message[1]
    # No message: the process ended. Only a file it was working on is lost.
    if worker.process.is_alive() and not has_message:
        return
    worker.process.join(1)
    if worker.tasks:
        code = worker.process.exitcode
        yield FileResult(
            worker.tasks[0], "failed", None, f"the worker analyzing it crashed (exit code {code})"
        )
    elif not worker.ready:
        raise WorkerError("workers", f"a worker process failed to start (exit code {worker.process.exitcode})")
    _requeue_and_replace(pool, worker, pending)


def _requeue_and_replace(pool: _Pool, worker: _Worker, pending: deque[str]) -> None:
    # Paths queued behind the lost one were never started: another worker takes them.
    queued = list(worker.tasks)[1:]
    pending.extendleft(reversed(queued))
    pool.replace(worker)


def _expire(pool: _Pool, timeout: float, pending: deque[str]) -> Iterator[FileResult]:
    now = time.monotonic()
    for worker in list(pool.workers):
        if worker.tasks and now - worker.started > timeout:
            task = worker.tasks[0]
            _requeue_and_replace(pool, worker, pending)
            yield FileResult(task, "failed", None, f"timed out after {timeout:g} s (raise --timeout)")
        elif not worker.ready and now - worker.started > STARTUP_SECONDS:
            raise WorkerError("workers", "a worker process did not start in time")


class Engine(Protocol):
    """Runs the per-file function over paths: this machine's worker processes, or a cluster.

    ``results`` gets the candidate paths still to analyze (already scanned, hashed and filtered by
    resume) and yields one :class:`FileResult` per path as each finishes, in any order, with
    ``file`` the path as given. Keeping one file's crash, hang or memory from the others is the
    engine's job. ``close`` stops whatever the engine started; results not yet yielded are lost.
    """

    def results(self, paths: Sequence[str], options: BatchOptions) -> Iterator[FileResult]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Worker processes on this machine, each loading the taxonomy and spaCy once, one file at a
    time, replaced when one crashes, hangs past the timeout or exceeds its memory limit."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._pool: _Pool | None = None

    def results(self, paths: Sequence[str], options: BatchOptions) -> Iterator[FileResult]:
        if not paths:
            return
        self.close()
        self._pool = _Pool(max(1, min(self.workers, len(paths))), options)
        try:
            yield from _schedule(self._pool, paths, options.timeout)
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.close()


def batch_options(
    *,
    taxonomy_files: Iterable[str | Path] = (),
    paths: Sequence[str] = (),
    timeout: float = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    max_pages: int | None = DEFAULT_MAX_PAGES,
    max_size: int | None = DEFAULT_MAX_SIZE,
    cache_dir: str | Path | None = None,
    redact: bool = False,
    as_of: int | None = None,
    jobs: Sequence[Any] = (),
    ocr: OcrSettings | None = None,
) -> BatchOptions:
    """The options of a folder's run; ``jobs`` are job postings (``JobTarget`` or file names, read
    here once) that every report measures the resume against."""
    files = tuple(str(Path(extra)) for extra in taxonomy_files)
    targets: tuple[Any, ...] = ()
    if jobs:
        from analyzer.analysis import job_targets
        from analyzer.cache import cached_taxonomy

        targets = tuple(job_targets(jobs, cached_taxonomy(files, cache_dir)))
    return BatchOptions(
        jobs=targets,
        taxonomy_files=files,
        paths=tuple(paths),
        timeout=timeout,
        max_memory=max_memory,
        max_pages=max_pages,
        max_size=max_size,
        cache_dir=str(cache_dir) if cache_dir else None,
        redact=redact,
        as_of=as_of,
        # Files are already read in parallel: one OCR process per file keeps to the cores.
        ocr=replace(ocr, workers=1) if ocr is not None else None,
    )


def hash_or_failure(candidate: str) -> str | FileResult:
    """A candidate's content hash, or its failed result when it cannot be read."""
    try:
        return file_sha256(candidate)
    except OSError as error:
        return FileResult(display_name(candidate), "failed", None, f"cannot read file ({error.strerror or error})")


def engine_results(engine: Engine, hashes: dict[str, str], options: BatchOptions) -> Iterator[FileResult]:
    """The engine's results for the hashed candidates, named as outputs name them."""
    for result in engine.results(list(hashes), options):
        # A crash or a timeout leaves the worker no time to say the hash; the scan knows it.
        yield replace(result, file=display_name(result.file), sha256=result.sha256 or hashes.get(result.file))


def analyze_folder(
    path: str | Path,
    *,
    workers: int | None = None,
    engine: Engine | None = None,
    recursive: bool = False,
    follow_symlinks: bool = False,
    done: frozenset[str] = frozenset(),
    **options: Any,
) -> FolderResults:
    """Analyze every resume in a folder; the results come as each file completes.

    Skipped files come first, then results in the order files finish. Files whose content hash
    is in ``done`` are not analyzed again and yield nothing. The other keywords are those of
    :func:`batch_options`. The folder is read when iteration begins; errors about the folder
    itself are raised then. For outputs, resume and a cohort summary use
    :func:`analyzer.batch_run.run_batch`.

    >>> for result in analyze_folder("examples/resumes", workers=2):  # doctest: +SKIP
    ...     print(result.file, result.status, result.report and result.report.best_fit)
    """
    settings = batch_options(**options)
    scanned = scan_folder(
        path, recursive=recursive, follow_symlinks=follow_symlinks, ocr=settings.ocr is not None
    )
    return FolderResults(
        functools.partial(_folder_results, scanned, settings, engine or LocalEngine(workers), done)
    )


class FolderResults(Iterator[FileResult]):
    """The results of :func:`analyze_folder`, each as its file completes.

    ``total`` is how many results there are in all (skipped and failed files included), known
    once the folder has been scanned and hashed, before the first analyzed file comes back; it is
    None until then.
    """

    def __init__(self, run: Callable[[FolderResults], Generator[FileResult, None, None]]) -> None:
        self.total: int | None = None
        self._results = run(self)

    def __next__(self) -> FileResult:
        return next(self._results)

    def close(self) -> None:
        """Stop the engine; results not yet come are not analyzed."""
        self._results.close()


def _folder_results(
    scanned: Iterator[tuple[str, str | None]],
    options: BatchOptions,
    engine: Engine,
    done: frozenset[str],
    results: FolderResults,
) -> Generator[FileResult, None, None]:
    candidates = []
    count = 0
    for candidate, skip_reason in scanned:
        if skip_reason is None:
            candidates.append(candidate)
        else:
            count += 1
            yield FileResult(display_name(candidate), "skipped", None, skip_reason)
    hashes: dict[str, str] = {}
    for candidate in candidates:
        sha256 = hash_or_failure(candidate)
        if isinstance(sha256, FileResult):
            count += 1
            yield sha256
        elif sha256 not in done:
            hashes[candidate] = sha256
    results.total = count + len(hashes)
    try:
        yield from engine_results(engine, hashes, options)
    finally:
        engine.close()
