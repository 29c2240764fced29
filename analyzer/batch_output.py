"""Where batch results go: JSONL, CSV or SQLite, chosen by the output's extension.

Each writer writes a row as soon as a file finishes and flushes it, so an interrupted batch
keeps everything finished so far, and :func:`prior_rows` can tell a resumed run what each file's
last row says (after :func:`drop_partial_row` has cut a row that a killed run left half-written).
Every row carries the run's fingerprint (``run_fingerprint``: a JSONL field, the last CSV column,
a column of SQLite's ``resumes``), so a resumed run reuses only rows made the way it would make
them. A file redone by a resumed run gets a new row: SQLite replaces the old one at once, JSONL and
CSV append it and :func:`keep_last_rows` rewrites the file at the end with one row per file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from analyzer.batch import FileResult
from analyzer.errors import OutputError
from analyzer.experience import month_text
from analyzer.report import PathResult, Report
from analyzer.terminal import json_safe

OUTPUT_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".sqlite": "sqlite", ".db": "sqlite"}
# How many learning-plan steps a CSV row names for each path.
CSV_PLAN_STEPS = 3
# How many missing competencies a CSV row names for each path.
CSV_TOP_MISSING = 3
# Cells starting with these are formulas to a spreadsheet; resume text must never run as one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Bytes read at a time when looking back from the end of an output for its last whole row.
TAIL_CHUNK = 64 * 1024


# The row field (JSONL), last column (CSV) and column (SQLite) naming how the row was made.
FINGERPRINT_FIELD = "run_fingerprint"


class ResultWriter(Protocol):
    def write(self, result: FileResult) -> None: ...
    def close(self) -> None: ...


def output_format(path: Path) -> str:
    """'jsonl', 'csv' or 'sqlite' by extension; OutputError for anything else."""
    try:
        return OUTPUT_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(OUTPUT_FORMATS)
        raise OutputError(
            str(path), f"unknown output type {path.suffix or '(none)'!r}: use one of {known}"
        ) from None


def neutralize(cell: Any) -> Any:
    """A CSV cell that a spreadsheet will show as text, never evaluate."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


class JsonlWriter:
    """One full report per line, with ``file``, ``status``, ``error``, ``sha256`` and
    ``run_fingerprint``."""

    def __init__(self, stream: IO[str], fingerprint: str, *, owned: bool) -> None:
        self.stream, self.fingerprint, self.owned = stream, fingerprint, owned

    def write(self, result: FileResult) -> None:
        row = result.to_dict() | {FINGERPRINT_FIELD: self.fingerprint}
        self.stream.write(json_safe(json.dumps(row, ensure_ascii=False)) + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.owned:
            self.stream.close()


class CsvWriter:
    """One summary row per resume."""

    def __init__(self, path: Path, path_ids: Sequence[str], fingerprint: str, *, append: bool) -> None:
        self.path_ids, self.fingerprint = list(path_ids), fingerprint
        # Rows under another header were made for other paths: none of them can be kept.
        append = append and csv_header(path) == self.header()
        new_file = not append or not path.exists() or path.stat().st_size == 0
        self.stream = path.open("a" if append else "w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.stream)
        if new_file:
            self.writer.writerow(self.header())
            self.stream.flush()

    def header(self) -> list[str]:
        columns = ["file", "sha256", "status", "error", "best_fit", "best_fit_reason", "skills"]
        for kind in ("coverage", "focus", "reason", "missing", "plan"):
            columns += [f"{kind}_{path_id}" for path_id in self.path_ids]
        return [*columns, *EXPERIENCE_COLUMNS, FINGERPRINT_FIELD]

    def write(self, result: FileResult) -> None:
        report = result.report
        paths = {path.id: path for path in report.paths} if report else {}
        row: list[Any] = [
            result.file,
            result.sha256 or "",
            result.status,
            result.error or "",
            (report.best_fit or "") if report else "",
            report.best_fit_reason if report else "",
            len(report.skills) if report else "",
        ]
        for cell in (_coverage, _focus, _reason, _missing, _plan):
            row += [cell(paths[pid]) if pid in paths else "" for pid in self.path_ids]
        row += [*experience_cells(report), self.fingerprint]
        self.writer.writerow([neutralize(cell) for cell in row])
        self.stream.flush()

    def close(self) -> None:
        self.stream.close()


def _coverage(path: PathResult) -> float:
    return path.coverage


def _focus(path: PathResult) -> float:
    return path.focus


def _reason(path: PathResult) -> str:
    return path.reason


def _missing(path: PathResult) -> str:
    """The first missing competencies with the strength each is shown at: 'Generative AI 0%; NLP 30%'."""
    return "; ".join(f"{gap.name} {gap.strength:.0%}" for gap in path.missing[:CSV_TOP_MISSING])


def _plan(path: PathResult) -> str:
    """The first steps of the path's learning plan, in order."""
    return "; ".join(step.name for step in path.plan[:CSV_PLAN_STEPS])


# Experience over time, after the coverage columns: the month "present" stands for, months of
# professional experience, the seniority level, and each skill's months ("Python: 36; SQL: " where
# an empty value means no dated experience names the skill).
EXPERIENCE_COLUMNS = ["as_of", "total_months", "seniority", "skill_months"]


def experience_cells(report: Report | None) -> list[Any]:
    """The CSV cells of EXPERIENCE_COLUMNS; empty for a failed file."""
    experience = report.experience if report else None
    if report is None or experience is None:
        return ["" for _ in EXPERIENCE_COLUMNS]
    months = "; ".join(f"{skill.name}: {'' if skill.months is None else skill.months}" for skill in report.skills)
    return [report.as_of or "", experience.total_months, experience.seniority, months]


SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS resumes (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    sha256 TEXT,
    status TEXT NOT NULL,
    error TEXT,
    best_fit TEXT,
    best_fit_reason TEXT,
    pages INTEGER,
    skill_count INTEGER,
    report TEXT,
    run_fingerprint TEXT
);
CREATE TABLE IF NOT EXISTS skills (
    resume_id INTEGER NOT NULL REFERENCES resumes(id),
    skill_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT,
    evidence TEXT,
    section TEXT,
    page INTEGER,
    line INTEGER,
    score REAL
);
CREATE TABLE IF NOT EXISTS path_coverage (
    resume_id INTEGER NOT NULL REFERENCES resumes(id),
    path_id TEXT NOT NULL,
    coverage REAL NOT NULL,
    focus REAL,
    reason TEXT
);
CREATE TABLE IF NOT EXISTS competency_strength (
    resume_id INTEGER NOT NULL REFERENCES resumes(id),
    path_id TEXT NOT NULL,
    competency_id TEXT NOT NULL,
    strength REAL NOT NULL,
    covered INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS missing_competencies (
    resume_id INTEGER NOT NULL REFERENCES resumes(id),
    path_id TEXT NOT NULL,
    competency_id TEXT NOT NULL,
    name TEXT,
    importance TEXT,
    weight REAL,
    strength REAL
);
CREATE TABLE IF NOT EXISTS plan_steps (
    resume_id INTEGER NOT NULL REFERENCES resumes(id),
    path_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    skill_id TEXT NOT NULL,
    name TEXT,
    closes TEXT,
    why TEXT
);
CREATE TABLE IF NOT EXISTS experience (
    resume_id INTEGER NOT NULL REFERENCES resumes(id),
    as_of TEXT NOT NULL,
    total_months INTEGER NOT NULL,
    seniority TEXT NOT NULL,
    seniority_reason TEXT
);
CREATE TABLE IF NOT EXISTS experience_entries (
    resume_id INTEGER NOT NULL REFERENCES resumes(id),
    section TEXT NOT NULL,
    title TEXT,
    org TEXT,
    start TEXT NOT NULL,
    "end" TEXT,
    precision TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS skill_experience (
    resume_id INTEGER NOT NULL REFERENCES resumes(id),
    skill_id TEXT NOT NULL,
    months INTEGER,
    first_used TEXT,
    last_used TEXT
);
CREATE INDEX IF NOT EXISTS experience_resume ON experience(resume_id);
CREATE INDEX IF NOT EXISTS entries_resume ON experience_entries(resume_id);
CREATE INDEX IF NOT EXISTS skill_experience_skill ON skill_experience(skill_id, months);
CREATE INDEX IF NOT EXISTS resumes_sha256 ON resumes(sha256);
CREATE INDEX IF NOT EXISTS resumes_file ON resumes(file);
CREATE INDEX IF NOT EXISTS resumes_status ON resumes(status);
CREATE INDEX IF NOT EXISTS skills_skill ON skills(skill_id);
CREATE INDEX IF NOT EXISTS skills_resume ON skills(resume_id);
CREATE INDEX IF NOT EXISTS coverage_path ON path_coverage(path_id, coverage);
CREATE INDEX IF NOT EXISTS missing_competency ON missing_competencies(path_id, competency_id);
CREATE INDEX IF NOT EXISTS strength_competency ON competency_strength(path_id, competency_id);
CREATE INDEX IF NOT EXISTS plan_step_skill ON plan_steps(path_id, position, skill_id);
"""


# The tables holding a resume's rows beside ``resumes``: a redone file's rows leave them all.
RESUME_TABLES = (
    "skills",
    "path_coverage",
    "competency_strength",
    "missing_competencies",
    "plan_steps",
    "experience",
    "experience_entries",
    "skill_experience",
)


class SqliteWriter:
    """Tables of resumes, skills with evidence, path coverage and missing competencies; one
    ``resumes`` row per file (a file written again replaces its rows)."""

    def __init__(self, path: Path, fingerprint: str, *, append: bool) -> None:
        self.fingerprint = fingerprint
        if not append:
            # A fresh run starts a fresh database: a journal left by an earlier run must not be
            # replayed into it. Only the run holding the output's lock gets here.
            for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
                stale.unlink(missing_ok=True)
        self.connection = sqlite3.connect(path)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        columns = {row[1] for row in self.connection.execute("PRAGMA table_info(resumes)")}
        if columns and FINGERPRINT_FIELD not in columns:  # made by a version before fingerprints
            self.connection.execute(f"ALTER TABLE resumes ADD COLUMN {FINGERPRINT_FIELD} TEXT")
        self.connection.executescript(SQLITE_SCHEMA)

    def write(self, result: FileResult) -> None:
        report = result.report
        with self.connection:
            stale = [row[0] for row in self.connection.execute("SELECT id FROM resumes WHERE file = ?", (result.file,))]
            for table in RESUME_TABLES:
                self.connection.executemany(f"DELETE FROM {table} WHERE resume_id = ?", [(i,) for i in stale])
            self.connection.executemany("DELETE FROM resumes WHERE id = ?", [(i,) for i in stale])
            cursor = self.connection.execute(
                "INSERT INTO resumes (file, sha256, status, error, best_fit, best_fit_reason, pages,"
                " skill_count, report, run_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    result.file,
                    result.sha256,
                    result.status,
                    result.error,
                    report.best_fit if report else None,
                    report.best_fit_reason if report else None,
                    report.source.pages if report else None,
                    len(report.skills) if report else None,
                    json.dumps(report.to_dict(), ensure_ascii=False) if report else None,
                    self.fingerprint,
                ),
            )
            if report is not None:
                _write_report(self.connection, cursor.lastrowid, report)

    def close(self) -> None:
        self.connection.close()


def _write_report(connection: sqlite3.Connection, resume_id: int | None, report: Report) -> None:
    """The rows of one report in the tables beside ``resumes``."""
    connection.executemany(
        "INSERT INTO skills VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (resume_id, skill.id, skill.name, skill.kind, item.text, item.section, item.page, item.line, item.score)
            for skill in report.skills
            for item in skill.evidence
        ],
    )
    connection.executemany(
        "INSERT INTO path_coverage VALUES (?, ?, ?, ?, ?)",
        [(resume_id, path.id, path.coverage, path.focus, path.reason) for path in report.paths],
    )
    connection.executemany(
        "INSERT INTO competency_strength VALUES (?, ?, ?, ?, ?)",
        [
            (resume_id, path.id, item.id, item.strength, item.covered)
            for path in report.paths
            for item in path.competencies
        ],
    )
    connection.executemany(
        "INSERT INTO missing_competencies VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (resume_id, path.id, gap.id, gap.name, gap.importance, gap.weight, gap.strength)
            for path in report.paths
            for gap in path.missing
        ],
    )
    connection.executemany(
        "INSERT INTO plan_steps VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (resume_id, path.id, position, step.id, step.name, " ".join(step.closes), step.why)
            for path in report.paths
            for position, step in enumerate(path.plan, start=1)
        ],
    )
    _write_experience(connection, resume_id, report)


def _write_experience(connection: sqlite3.Connection, resume_id: int | None, report: Report) -> None:
    """The experience rows of one report: totals, dated entries, and each skill's months (NULL
    when no dated experience names it)."""
    experience = report.experience
    if experience is None:
        return
    connection.execute(
        "INSERT INTO experience VALUES (?, ?, ?, ?, ?)",
        (resume_id, report.as_of, experience.total_months, experience.seniority, experience.seniority_reason),
    )
    connection.executemany(
        "INSERT INTO experience_entries VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                resume_id,
                entry.section,
                entry.title,
                entry.org,
                month_text(entry.start),
                None if entry.end is None else month_text(entry.end),
                entry.precision,
            )
            for entry in experience.entries
        ],
    )
    connection.executemany(
        "INSERT INTO skill_experience VALUES (?, ?, ?, ?, ?)",
        [(resume_id, skill.id, skill.months, skill.first_used, skill.last_used) for skill in report.skills],
    )


def _whole_jsonl_length(handle: IO[bytes], size: int) -> int:
    """Bytes up to and including the last line break, read backwards from the end."""
    position = size
    while position > 0:
        chunk_start = max(0, position - TAIL_CHUNK)
        handle.seek(chunk_start)
        chunk = handle.read(position - chunk_start)
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            return chunk_start + newline + 1
        position = chunk_start
    return 0


def _whole_csv_length(data: bytes) -> int:
    """Bytes of a CSV taken by whole rows; a cell may hold a quoted line break, so rows end where
    the csv module says they do."""
    text = data.decode("utf-8", "surrogateescape")
    lines = io.StringIO(text, newline="")
    consumed = 0
    row_ends = [0]

    def counted() -> Iterator[str]:
        nonlocal consumed
        for line in lines:
            consumed += len(line)
            yield line

    try:
        for _ in csv.reader(counted(), strict=True):
            row_ends.append(consumed)
        # Every row the writer writes ends its line: a last row without one was cut short.
        if not text.endswith("\n") and len(row_ends) > 1:
            row_ends.pop()
    except csv.Error:  # the text ends inside a quoted cell
        pass
    return len(text[: row_ends[-1]].encode("utf-8", "surrogateescape"))


def drop_partial_row(output: Path) -> None:
    """Cut the half-written row that a killed run (``kill -9``, a power cut) can leave at the end
    of a JSONL or CSV output, so that a resumed run appends after the last whole row. SQLite needs
    nothing: each file's rows are written in one transaction."""
    kind = output_format(output)
    if kind == "sqlite" or not output.exists():
        return
    try:
        with output.open("r+b") as handle:
            size = handle.seek(0, io.SEEK_END)
            if kind == "jsonl":
                whole = _whole_jsonl_length(handle, size)
            else:
                handle.seek(0)
                whole = _whole_csv_length(handle.read())
            if whole < size:
                handle.truncate(whole)
    except OSError as error:
        raise OutputError(str(output), f"cannot repair the earlier output to resume ({error})") from None


def csv_header(path: Path) -> list[str] | None:
    """The first row of an existing CSV output, None when there is none."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return next(csv.reader(handle), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def open_writer(
    output: Path | None, path_ids: Sequence[str], fingerprint: str = "", *, append: bool
) -> ResultWriter:
    """The writer for an output path (JSONL on standard output when there is none)."""
    if output is None:
        return JsonlWriter(sys.stdout, fingerprint, owned=False)
    kind = output_format(output)
    try:
        if kind == "jsonl":
            return JsonlWriter(output.open("a" if append else "w", encoding="utf-8"), fingerprint, owned=True)
        if kind == "csv":
            return CsvWriter(output, path_ids, fingerprint, append=append)
        return SqliteWriter(output, fingerprint, append=append)
    except (OSError, sqlite3.Error) as error:
        raise OutputError(str(output), f"cannot write output ({error})") from None


@dataclass(frozen=True)
class PriorRow:
    """What an earlier run's row says of one file."""

    sha256: str | None
    status: str
    error: str | None
    fingerprint: str | None


def _records(output: Path, kind: str) -> Iterator[dict[str, Any]]:
    """The rows of a JSONL or CSV output as dicts, in file order."""
    with output.open(encoding="utf-8", newline="") as handle:
        if kind == "csv":
            yield from csv.DictReader(handle)
        else:
            yield from (json.loads(line) for line in handle if line.strip())


def prior_rows(output: Path) -> dict[str, PriorRow]:
    """Each file's last row in an earlier run's output (empty when there is no output)."""
    if not output.exists():
        return {}
    kind = output_format(output)
    try:
        if kind == "sqlite":
            with sqlite3.connect(output) as connection:
                columns = {row[1] for row in connection.execute("PRAGMA table_info(resumes)")}
                fingerprint = FINGERPRINT_FIELD if FINGERPRINT_FIELD in columns else "NULL"
                rows = connection.execute(
                    f"SELECT file, sha256, status, error, {fingerprint} FROM resumes ORDER BY id"
                )
                return {row[0]: PriorRow(row[1], row[2], row[3], row[4]) for row in rows}
        return {
            str(record["file"]): PriorRow(
                record.get("sha256") or None,
                str(record["status"]),
                record.get("error") or None,
                record.get(FINGERPRINT_FIELD) or None,
            )
            for record in _records(output, kind)
        }
    except (OSError, ValueError, KeyError, TypeError, sqlite3.Error) as error:
        raise OutputError(str(output), f"cannot read the earlier output to resume ({error})") from None


def keep_last_rows(output: Path, redone: Iterable[str]) -> None:
    """Rewrite a JSONL or CSV output without the earlier rows of the files in ``redone``, so it
    holds one row per file; written beside it and moved over it in one step, so a crash leaves
    either the old file or the new one. SQLite replaced those rows as it went."""
    kind = output_format(output)
    replaced = set(redone)
    if kind == "sqlite" or not replaced or not output.exists():
        return
    try:
        last: dict[str, int] = {}
        for number, record in enumerate(_records(output, kind)):
            if record["file"] in replaced:
                last[record["file"]] = number
        descriptor, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
        try:
            with open(descriptor, "w", encoding="utf-8", newline="") as target:
                _copy_rows(output, kind, target, lambda number, file: last.get(file, number) == number)
            os.replace(temporary, output)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError, KeyError, csv.Error) as error:
        raise OutputError(str(output), f"cannot rewrite the output with one row per file ({error})") from None


def _copy_rows(output: Path, kind: str, target: IO[str], keep: Any) -> None:
    """Copy the rows ``keep(number, file)`` accepts, as the writers wrote them."""
    with output.open(encoding="utf-8", newline="") as handle:
        if kind == "csv":
            reader = csv.reader(handle)
            writer = csv.writer(target)
            header = next(reader, None)
            if header is None:
                return
            writer.writerow(header)
            file_column = header.index("file")
            for number, cells in enumerate(reader):
                if keep(number, cells[file_column]):
                    writer.writerow(cells)
            return
        number = 0
        for line in handle:
            if not line.strip():
                continue
            if keep(number, json.loads(line)["file"]):
                target.write(line)
            number += 1
