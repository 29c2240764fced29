"""Where batch results go: JSONL, CSV or SQLite, chosen by the output's extension.

Each writer writes a row as soon as a file finishes and flushes it, so an interrupted batch
keeps everything finished so far, and :func:`done_hashes` can tell a resumed run what to skip
(after :func:`drop_partial_row` has cut a row that a killed run left half-written).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

from analyzer.batch import FileResult
from analyzer.errors import ExitCode, SkillgapError
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


class OutputError(SkillgapError):
    """The output file cannot be used."""

    exit_code = ExitCode.USAGE


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
    """One full report per line, with ``file``, ``status``, ``error`` and ``sha256``."""

    def __init__(self, stream: IO[str], *, owned: bool) -> None:
        self.stream, self.owned = stream, owned

    def write(self, result: FileResult) -> None:
        self.stream.write(json_safe(json.dumps(result.to_dict(), ensure_ascii=False)) + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.owned:
            self.stream.close()


class CsvWriter:
    """One summary row per resume."""

    def __init__(self, path: Path, path_ids: Sequence[str], *, append: bool) -> None:
        self.path_ids = list(path_ids)
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
        return columns + EXPERIENCE_COLUMNS

    def write(self, result: FileResult) -> None:
        report = result.report or {}
        paths = {path["id"]: path for path in report.get("paths", [])}
        row: list[Any] = [
            result.file,
            result.sha256 or "",
            result.status,
            result.error or "",
            report.get("best_fit") or "",
            report.get("best_fit_reason", ""),
            len(report.get("skills", [])) if report else "",
        ]
        for cell in (_coverage, _focus, _reason, _missing, _plan):
            row += [cell(paths[pid]) if pid in paths else "" for pid in self.path_ids]
        row += experience_cells(report)
        self.writer.writerow([neutralize(cell) for cell in row])
        self.stream.flush()

    def close(self) -> None:
        self.stream.close()


def _coverage(path: dict[str, Any]) -> float:
    return path["coverage"]


def _focus(path: dict[str, Any]) -> float:
    return path.get("focus", 0.0)


def _reason(path: dict[str, Any]) -> str:
    return path.get("reason", "")


def _missing(path: dict[str, Any]) -> str:
    """The first missing competencies with the strength each is shown at: 'Generative AI 0%; NLP 30%'."""
    return "; ".join(f"{gap['name']} {gap.get('strength', 0.0):.0%}" for gap in path["missing"][:CSV_TOP_MISSING])


def _plan(path: dict[str, Any]) -> str:
    """The first steps of the path's learning plan, in order."""
    return "; ".join(step["name"] for step in path.get("plan", [])[:CSV_PLAN_STEPS])


# Experience over time, after the coverage columns: the month "present" stands for, months of
# professional experience, the seniority level, and each skill's months ("Python: 36; SQL: " where
# an empty value means no dated experience names the skill).
EXPERIENCE_COLUMNS = ["as_of", "total_months", "seniority", "skill_months"]


def experience_cells(report: dict[str, Any]) -> list[Any]:
    """The CSV cells of EXPERIENCE_COLUMNS; empty for a failed file."""
    experience = report.get("experience")
    if not experience:
        return ["" for _ in EXPERIENCE_COLUMNS]
    months = "; ".join(
        f"{skill['name']}: {'' if skill.get('months') is None else skill['months']}"
        for skill in report.get("skills", [])
    )
    return [report.get("as_of") or "", experience["total_months"], experience["seniority"], months]


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
    report TEXT
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
CREATE INDEX IF NOT EXISTS resumes_status ON resumes(status);
CREATE INDEX IF NOT EXISTS skills_skill ON skills(skill_id);
CREATE INDEX IF NOT EXISTS skills_resume ON skills(resume_id);
CREATE INDEX IF NOT EXISTS coverage_path ON path_coverage(path_id, coverage);
CREATE INDEX IF NOT EXISTS missing_competency ON missing_competencies(path_id, competency_id);
CREATE INDEX IF NOT EXISTS strength_competency ON competency_strength(path_id, competency_id);
CREATE INDEX IF NOT EXISTS plan_step_skill ON plan_steps(path_id, position, skill_id);
"""


class SqliteWriter:
    """Tables of resumes, skills with evidence, path coverage and missing competencies."""

    def __init__(self, path: Path, *, append: bool) -> None:
        if not append:
            # A fresh run starts a fresh database: a journal left by an earlier run must not be
            # replayed into it. Only the run holding the output's lock gets here.
            for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
                stale.unlink(missing_ok=True)
        self.connection = sqlite3.connect(path)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.executescript(SQLITE_SCHEMA)

    def write(self, result: FileResult) -> None:
        report = result.report or {}
        with self.connection:
            cursor = self.connection.execute(
                "INSERT INTO resumes (file, sha256, status, error, best_fit, best_fit_reason, pages,"
                " skill_count, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    result.file,
                    result.sha256,
                    result.status,
                    result.error,
                    report.get("best_fit"),
                    report.get("best_fit_reason"),
                    report.get("source", {}).get("pages"),
                    len(report.get("skills", [])) if report else None,
                    json.dumps(report, ensure_ascii=False) if report else None,
                ),
            )
            resume_id = cursor.lastrowid
            self.connection.executemany(
                "INSERT INTO skills VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        resume_id,
                        skill["id"],
                        skill["name"],
                        skill["kind"],
                        item["text"],
                        item["section"],
                        item["page"],
                        item["line"],
                        item["score"],
                    )
                    for skill in report.get("skills", [])
                    for item in skill["evidence"]
                ],
            )
            paths = report.get("paths", [])
            self.connection.executemany(
                "INSERT INTO path_coverage VALUES (?, ?, ?, ?, ?)",
                [(resume_id, path["id"], path["coverage"], path.get("focus"), path.get("reason")) for path in paths],
            )
            self.connection.executemany(
                "INSERT INTO competency_strength VALUES (?, ?, ?, ?, ?)",
                [
                    (resume_id, path["id"], item["id"], item.get("strength", 0.0), item["covered"])
                    for path in paths
                    for item in path["competencies"]
                ],
            )
            self.connection.executemany(
                "INSERT INTO missing_competencies VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        resume_id,
                        path["id"],
                        gap["id"],
                        gap["name"],
                        gap["importance"],
                        gap.get("weight"),
                        gap.get("strength"),
                    )
                    for path in paths
                    for gap in path["missing"]
                ],
            )
            self.connection.executemany(
                "INSERT INTO plan_steps VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (resume_id, path["id"], position, step["id"], step["name"], " ".join(step["closes"]), step["why"])
                    for path in paths
                    for position, step in enumerate(path.get("plan", []), start=1)
                ],
            )
            _write_experience(self.connection, resume_id, report)

    def close(self) -> None:
        self.connection.close()


def _write_experience(connection: sqlite3.Connection, resume_id: int | None, report: dict[str, Any]) -> None:
    """The experience rows of one report: totals, dated entries, and each skill's months (NULL
    when no dated experience names it)."""
    experience = report.get("experience")
    if not experience:
        return
    connection.execute(
        "INSERT INTO experience VALUES (?, ?, ?, ?, ?)",
        (
            resume_id,
            report.get("as_of"),
            experience["total_months"],
            experience["seniority"],
            experience.get("seniority_reason"),
        ),
    )
    connection.executemany(
        "INSERT INTO experience_entries VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (resume_id, e["section"], e["title"], e["org"], e["start"], e["end"], e["precision"])
            for e in experience["entries"]
        ],
    )
    connection.executemany(
        "INSERT INTO skill_experience VALUES (?, ?, ?, ?, ?)",
        [
            (resume_id, skill["id"], skill.get("months"), skill.get("first_used"), skill.get("last_used"))
            for skill in report.get("skills", [])
        ],
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


def open_writer(output: Path | None, path_ids: Sequence[str], *, append: bool) -> ResultWriter:
    """The writer for an output path (JSONL on standard output when there is none)."""
    if output is None:
        return JsonlWriter(sys.stdout, owned=False)
    kind = output_format(output)
    try:
        if kind == "jsonl":
            return JsonlWriter(output.open("a" if append else "w", encoding="utf-8"), owned=True)
        if kind == "csv":
            return CsvWriter(output, path_ids, append=append)
        return SqliteWriter(output, append=append)
    except (OSError, sqlite3.Error) as error:
        raise OutputError(str(output), f"cannot write output ({error})") from None


def done_hashes(output: Path) -> frozenset[str]:
    """Content hashes of the files an earlier run already wrote to this output (ok or failed)."""
    if not output.exists():
        return frozenset()
    kind = output_format(output)
    try:
        if kind == "sqlite":
            with sqlite3.connect(output) as connection:
                rows = connection.execute(
                    "SELECT sha256 FROM resumes WHERE status != 'skipped' AND sha256 IS NOT NULL"
                )
                return frozenset(row[0] for row in rows)
        with output.open(encoding="utf-8", newline="") as handle:
            if kind == "csv":
                records: Any = csv.DictReader(handle)
            else:
                records = (json.loads(line) for line in handle if line.strip())
            return frozenset(
                record["sha256"]
                for record in records
                if record.get("sha256") and record.get("status") != "skipped"
            )
    except (OSError, ValueError, KeyError, sqlite3.Error) as error:
        raise OutputError(str(output), f"cannot read the earlier output to resume ({error})") from None
