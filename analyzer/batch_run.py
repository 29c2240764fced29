"""A folder's batch as one library call: scan, resume, analyze on an engine, write rows, summarize.

:func:`run_batch` is what ``skillgap batch`` runs; the command only parses options, calls it and
renders the :class:`BatchRun` it returns. The folder is scanned first (so the number of files is
known before any is read), then each candidate is hashed and either reused from the output's
earlier row or handed to the engine. Ctrl-C ends the run early, keeping every finished row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol

from analyzer import __version__
from analyzer.batch import (
    BatchOptions,
    Engine,
    FileResult,
    LocalEngine,
    engine_results,
    hash_or_failure,
    scan_folder,
)
from analyzer.batch_output import PriorRow, drop_partial_row, keep_last_rows, open_writer, prior_rows
from analyzer.cohort import CohortSummary
from analyzer.document import display_name
from analyzer.errors import OutputError, OutputExistsError
from analyzer.output_lock import locked_outputs
from analyzer.report import SCHEMA_VERSION

# How many failed files a run names with their reasons; the rest are in the output.
FAILED_LISTED = 20


class Progress(Protocol):
    """Told the number of files once the folder is scanned, then once per file as it is done."""

    def start(self, total: int) -> None: ...

    def advance(self, status: str) -> None: ...


class _NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, status: str) -> None:
        pass


@dataclass(frozen=True)
class FailedFile:
    file: str
    error: str


@dataclass
class BatchRun:
    """What a batch did: counts of this run, the output's failed files, the cohort summary of the
    files analyzed in this run, and whether Ctrl-C ended it early."""

    summary: CohortSummary
    files: int = 0
    # Rows an earlier run wrote that this run kept (same file content and fingerprint).
    reused: int = 0
    # The first FAILED_LISTED failed files of the output (this run's and kept ones), and how many.
    failures: list[FailedFile] = field(default_factory=list)
    failed: int = 0
    interrupted: bool = False

    @property
    def unlisted_failures(self) -> int:
        return self.failed - len(self.failures)

    def _failure(self, file: str, error: str | None) -> None:
        self.failed += 1
        if len(self.failures) < FAILED_LISTED:
            self.failures.append(FailedFile(file, error or "failed"))


def _taxonomy_digest(options: BatchOptions) -> tuple[str, str]:
    """The merged taxonomy's version and a hash of every file it is read from."""
    from skills import load_taxonomy

    digest = hashlib.sha256()
    data = resources.files("skills") / "data"
    pending = [data]
    shipped = []
    while pending:
        for entry in pending.pop().iterdir():
            if entry.is_dir():
                pending.append(entry)
            elif entry.name.endswith(".toml"):
                shipped.append(entry)
    for entry in sorted(shipped, key=lambda item: str(item)):
        digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    for extra in options.taxonomy_files:
        digest.update(Path(extra).read_bytes())
    return load_taxonomy(options.taxonomy_files).version, digest.hexdigest()


def run_fingerprint(options: BatchOptions) -> str:
    """What makes a row what it is besides the file: tool and schema version, the taxonomy's
    version and files, and the options that change results. Equal fingerprints, equal rows."""
    from analyzer.experience import current_month

    taxonomy_version, taxonomy_files = _taxonomy_digest(options)
    parts = {
        "tool": __version__,
        "schema": SCHEMA_VERSION,
        "taxonomy_version": taxonomy_version,
        "taxonomy_files": taxonomy_files,
        "paths": list(options.paths),
        "redact": options.redact,
        # "Present" is this month unless fixed: a row made last month counted months to then.
        "as_of": options.as_of if options.as_of is not None else current_month(),
        "jobs": [[target.id, target.sha256] for target in options.jobs],
        "ocr": options.ocr.cache_key if options.ocr is not None else None,
        "max_pages": options.max_pages,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def _reusable(earlier: PriorRow | None, sha256: str, fingerprint: str, *, retry_failed: bool) -> bool:
    if earlier is None or earlier.sha256 != sha256 or earlier.fingerprint != fingerprint:
        return False
    return earlier.status == "ok" or (earlier.status == "failed" and not retry_failed)


def _holds_results(output: Path) -> bool:
    try:
        return output.stat().st_size > 0
    except OSError:
        return False


def _column_ids(options: BatchOptions) -> list[str]:
    """The path and posting ids a CSV output has columns for."""
    from skills import load_taxonomy

    path_ids = list(options.paths) or list(load_taxonomy(options.taxonomy_files).paths)
    return [*path_ids, *(target.id for target in options.jobs)]


def run_batch(
    directory: str | Path,
    options: BatchOptions | None = None,
    *,
    output: Path | None = None,
    summary: Path | None = None,
    report: Path | None = None,
    engine: Engine | None = None,
    resume: bool = False,
    retry_failed: bool = False,
    force: bool = False,
    recursive: bool = False,
    follow_symlinks: bool = False,
    progress: Progress | None = None,
) -> BatchRun:
    """Analyze every resume of a folder into ``output`` (JSONL on standard output when None), with
    the cohort summary in ``summary`` (.md or .json) and the cohort page in ``report`` (.html).

    ``resume`` keeps each earlier row whose file has the same content and whose fingerprint
    (:func:`run_fingerprint`) is this run's, failed rows included unless ``retry_failed`` (which
    implies ``resume``); every other file is analyzed again and its row replaced. Without either,
    an output that already holds rows is an :class:`OutputExistsError` unless ``force``. The
    engine is a :class:`LocalEngine` unless one is given.
    """
    options = options or BatchOptions()
    resume = resume or retry_failed
    progress = progress or _NoProgress()
    engine = engine or LocalEngine()
    with locked_outputs((output, summary, report)):
        entries = list(
            scan_folder(directory, recursive=recursive, follow_symlinks=follow_symlinks, ocr=options.ocr is not None)
        )
        fingerprint = run_fingerprint(options)
        prior: dict[str, PriorRow] = {}
        if output is not None and resume:
            drop_partial_row(output)
            prior = prior_rows(output)
        elif output is not None and not force and _holds_results(output):
            raise OutputExistsError(str(output), "already holds the results of an earlier run")
        writer = open_writer(output, _column_ids(options), fingerprint, append=resume)
        run = BatchRun(CohortSummary(keep_rows=report is not None), files=len(entries))
        redone: set[str] = set()

        def record(result: FileResult) -> None:
            writer.write(result)
            run.summary.add(result)
            if result.status == "failed":
                run._failure(result.file, result.error)
            if result.file in prior:
                redone.add(result.file)
            progress.advance(result.status)

        def reuse(name: str, earlier: PriorRow) -> None:
            run.reused += 1
            if earlier.status == "failed":
                run._failure(name, earlier.error)
            progress.advance(earlier.status)

        progress.start(len(entries))
        try:
            hashes: dict[str, str] = {}
            for path, skip_reason in entries:
                name = display_name(path)
                earlier = prior.get(name)
                if skip_reason is not None:
                    if earlier is not None and earlier.status == "skipped" and earlier.error == skip_reason:
                        reuse(name, earlier)
                    else:
                        record(FileResult(name, "skipped", None, skip_reason))
                    continue
                sha256 = hash_or_failure(path)
                if isinstance(sha256, FileResult):
                    record(sha256)
                elif _reusable(earlier, sha256, fingerprint, retry_failed=retry_failed):
                    reuse(name, earlier)  # type: ignore[arg-type]
                else:
                    hashes[path] = sha256
            for result in engine_results(engine, hashes, options):
                record(result)
        except KeyboardInterrupt:
            run.interrupted = True
        finally:
            engine.close()
            writer.close()
        if output is not None:
            keep_last_rows(output, redone)
        _write_cohort(run.summary, summary, report, title=f"skillgap cohort report: {directory}")
    return run


def _write_cohort(cohort: CohortSummary, summary: Path | None, report: Path | None, *, title: str) -> None:
    """The summary as Markdown or JSON (by extension) and the cohort page."""
    if summary is not None:
        _write(summary, cohort.to_json() if summary.suffix.lower() == ".json" else cohort.to_markdown())
    if report is not None:
        from analyzer.render.cohort_html import render_summary_html

        _write(report, render_summary_html(cohort, title=title))


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(str(path), f"cannot write ({error.strerror or error})") from None


def failed_files_text(run: BatchRun, output: Path | None) -> Sequence[str]:
    """The lines that name the run's failed files: the first FAILED_LISTED with reasons, then
    where the rest are."""
    lines = [f"failed: {failure.file}: {failure.error}" for failure in run.failures]
    if run.unlisted_failures:
        where = f"see the rows of {output} with status failed" if output else "see the rows with status failed"
        lines.append(f"and {run.unlisted_failures} more: {where}")
    return lines
