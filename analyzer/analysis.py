"""The whole analysis of one resume, stage by stage: bytes → document → sections → mentions →
skills → path coverage → report."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from analyzer.cache import cached_taxonomy
from analyzer.coverage import best_fit, path_results
from analyzer.document import STDIN_NAME, Document, read_document, read_source, too_large
from analyzer.errors import UnknownPathError
from analyzer.experience import (
    Experience,
    current_month,
    find_experience,
    month_text,
    skill_times,
    skills_in_titles,
    with_entry_skills,
)
from analyzer.isolation import Limits, start_reading
from analyzer.job_fit import job_result
from analyzer.mentions import matcher_for, skills_found
from analyzer.ocr import OcrSettings
from analyzer.posting import JobTarget, read_posting
from analyzer.report import Report, SkillFound, Source
from analyzer.roles import role_titles, title_words
from analyzer.sections import find_sections, sectioned_lines
from skills import Taxonomy, load_taxonomy

TEXT_INPUT_NAME = "<text>"


def _version() -> str:
    from analyzer import __version__

    return __version__


# Names this short, or that need context ("Go", "MEAN"), are no evidence in a title alone.
MIN_TITLE_NAME_CHARS = 3
# Words drop these, so "C++" would read as the "C" of "C#": such names are compared nowhere.
_SYMBOLS = re.compile(r"[+#]")


def _places(skills: Sequence[SkillFound], experience: Experience, taxonomy: Taxonomy) -> dict[str, list[tuple[int, int]]]:
    """The (page, line) where each skill is used: its evidence, the experience entries whose titles
    name it, and the mentions of other skills whose words name it."""
    places = {skill.id: [(item.page, item.line) for item in skill.evidence] for skill in skills}
    names: dict[str, list[str]] = {}
    for skill in skills:
        known = taxonomy.skills[skill.id]
        ambiguous = {surface.casefold() for surface in known.ambiguous.surfaces} if known.ambiguous else set()
        names[skill.id] = [
            name
            for name in (known.name, *known.aliases)
            if len(name) >= MIN_TITLE_NAME_CHARS and name.casefold() not in ambiguous and not _SYMBOLS.search(name)
        ]
    for skill_id, titled in skills_in_titles(experience.entries, names).items():
        places[skill_id] = [*places[skill_id], *titled]
    # A mention whose words hold another found skill's name ("AWS Glue", "Azure OpenAI",
    # "event-driven microservices") is a use of that skill too.
    for skill_id, inner in skills_named_inside(skills, names).items():
        places[skill_id] = [*places[skill_id], *inner]
    return places


def skills_named_inside(
    skills: Sequence[SkillFound], names: Mapping[str, Sequence[str]]
) -> dict[str, list[tuple[int, int]]]:
    """For each skill id (given its names), the (page, line) of other skills' mentions whose words
    name it ("AWS Glue" names AWS), compared as whole words."""
    # Indexed by their words, names are looked up once per word run of a mention, not compared with
    # every mention: a long skills list would otherwise cost skills × skills.
    named_by: dict[tuple[str, ...], list[str]] = {}
    for skill_id, found in names.items():
        for run in {tuple(words) for words in map(title_words, found) if words}:
            named_by.setdefault(run, []).append(skill_id)
    longest = max(map(len, named_by), default=0)
    order = {skill_id: index for index, skill_id in enumerate(names)}
    inside: dict[str, list[tuple[int, int]]] = {}
    for skill in skills:
        for item in skill.evidence:
            words = tuple(title_words(item.text))
            named = {
                skill_id
                for start in range(len(words))
                for end in range(start + 1, min(len(words), start + longest) + 1)
                for skill_id in named_by.get(words[start:end], ())
                if skill_id != skill.id
            }
            for skill_id in sorted(named, key=order.__getitem__):
                inside.setdefault(skill_id, []).append((item.page, item.line))
    return inside


def _timed(
    skills: Sequence[SkillFound], experience: Experience, places: Mapping[str, Sequence[tuple[int, int]]]
) -> tuple[SkillFound, ...]:
    """Each skill with its months of use, first and last use in the dated experience entries."""
    times = skill_times(experience.entries, places, experience.as_of)
    return tuple(
        replace(
            skill,
            months=times[skill.id].months,
            first_used=times[skill.id].first_used,
            last_used=times[skill.id].last_used,
        )
        for skill in skills
    )


def report_for_document(
    document: Document,
    taxonomy: Taxonomy | None = None,
    *,
    paths: Sequence[str] = (),
    as_of: int | None = None,
    jobs: Sequence[JobTarget] = (),
    jobs_only: bool = False,
) -> Report:
    """Analyze an already read document: the stages after reading.

    ``as_of`` (a month index, see :func:`analyzer.experience.parse_month`) is the month an open
    date range ("Present") runs through; by default this month. Each of ``jobs`` adds a target
    (``kind`` "job") after the career paths; with ``jobs_only`` the career paths are left out.
    """
    taxonomy = taxonomy or load_taxonomy()
    unknown = [path for path in paths if path not in taxonomy.paths]
    if unknown:
        known = ", ".join(taxonomy.paths)
        raise UnknownPathError("--path", f"unknown path {unknown[0]!r} (known: {known})")
    sections = find_sections(document)
    lines = sectioned_lines(sections)
    # A Word file's headers and footers are contact lines: a skill named there is no claim.
    mentions = matcher_for(taxonomy).find([line for line in lines if not line.line.running])
    claimed, learning = skills_found(mentions, taxonomy)
    experience = find_experience(sections, current_month() if as_of is None else as_of)
    places = _places(claimed, experience, taxonomy)
    claimed = _timed(claimed, experience, places)
    experience = with_entry_skills(experience, places)
    learning_ids = [skill.id for skill in learning]
    titles = role_titles(lines, taxonomy)
    as_of_text = month_text(experience.as_of)
    careers = () if jobs_only and jobs else path_results(taxonomy, claimed, paths, learning_ids, titles, as_of_text)
    results = (*careers, *(job_result(job, taxonomy, claimed, as_of_text) for job in jobs))
    fit, fit_reason = best_fit(results, taxonomy.scoring)
    warnings = [*document.warnings, *experience.warnings, *job_warnings(document, jobs)]
    if not claimed:
        warnings.append("no skills from the taxonomy were found in this resume")
    return Report(
        tool_version=_version(),
        taxonomy_version=taxonomy.version,
        source=Source(document.name, document.sha256, document.page_count, document.format, document.ocr),
        skills=claimed,
        learning=learning,
        paths=results,
        best_fit=fit,
        warnings=tuple(warnings),
        best_fit_reason=fit_reason,
        as_of=month_text(experience.as_of),
        experience=experience,
    )


def job_warnings(document: Document, jobs: Sequence[JobTarget]) -> list[str]:
    """What the reader should know about the postings: one that is this resume itself, one that
    reads like a resume, one naming no skill."""
    warnings: list[str] = []
    for job in jobs:
        if job.sha256 == document.sha256:
            warnings.append(f"{job.source}: the job posting is the resume itself")
        warnings.extend(job.warnings)
    return warnings


def job_targets(
    jobs: Sequence[JobTarget | str | Path], taxonomy: Taxonomy, limits: Limits | None = None
) -> tuple[JobTarget, ...]:
    """Postings as targets: a :class:`JobTarget` as it is, a file name (``"-"`` for standard
    input) read (under ``limits`` when given), each with an id no other target has."""
    targets: list[JobTarget] = []
    for job in jobs:
        taken = [target.id for target in targets]
        target = job if isinstance(job, JobTarget) else read_posting(job, taxonomy, taken, limits)
        if target.id in taken:
            target = replace(target, id=f"{target.id}_{len(targets) + 1}")
        targets.append(target)
    return tuple(targets)


def analyze_bytes(
    data: bytes,
    name: str,
    taxonomy: Taxonomy | None = None,
    *,
    paths: Sequence[str] = (),
    password: str = "",
    as_of: int | None = None,
    jobs: Sequence[JobTarget] = (),
    jobs_only: bool = False,
    ocr: OcrSettings | None = None,
) -> Report:
    """Analyze a resume given as bytes; ``name`` (a file name) decides the expected format.

    Pure over its arguments, so it can run in any worker process. With ``ocr``, images and PDF
    pages without text are read by OCR.
    """
    document = read_document(data, name, password=password, ocr=ocr)
    return report_for_document(document, taxonomy, paths=paths, as_of=as_of, jobs=jobs, jobs_only=jobs_only)


def analyze(
    source: str | Path | bytes,
    taxonomy: Taxonomy | None = None,
    *,
    paths: Sequence[str] = (),
    password: str = "",
    limits: Limits | None = None,
    as_of: int | None = None,
    jobs: Sequence[JobTarget | str | Path] = (),
    jobs_only: bool = False,
    ocr: OcrSettings | None = None,
    cache_dir: str | Path | None = None,
) -> Report:
    """Analyze a resume file (PDF, Word, text or Markdown; with ``ocr``, also scans and PNG, JPEG
    or TIFF images; ``"-"`` reads standard input).

    ``cache_dir``, when given, keeps the parsed taxonomy and the matcher's patterns there, which
    makes the next process start faster; without, nothing is written anywhere.

    ``jobs`` are job postings to measure the resume against, as :class:`JobTarget` (built once
    with :func:`analyzer.posting.read_posting`, reused over many resumes) or file names.

    With ``limits``, the file is read in a child process that is stopped past the time or memory
    limit, while this process loads the taxonomy and spaCy; without, everything runs here.

    >>> report = analyze("examples/resumes/ml_engineer_jordan_lee.pdf")  # doctest: +SKIP
    >>> report.best_fit  # doctest: +SKIP
    'ml_engineer'
    """
    max_size = limits.max_size if limits else None
    if isinstance(source, bytes):
        if max_size and len(source) > max_size:
            raise too_large(STDIN_NAME, max_size)
        name, data = ("resume.pdf" if b"%PDF-" in source[:1024] else STDIN_NAME), source
    else:
        name, data = read_source(source, max_size=max_size)
    if limits is None:
        taxonomy = taxonomy or cached_taxonomy((), cache_dir)
        matcher_for(taxonomy, cache_dir)
        targets = job_targets(jobs, taxonomy)
        return analyze_bytes(
            data,
            name,
            taxonomy,
            paths=paths,
            password=password,
            as_of=as_of,
            jobs=targets,
            jobs_only=jobs_only,
            ocr=ocr,
        )
    pending = start_reading(data, name, password=password, limits=limits, ocr=ocr)
    try:
        taxonomy = taxonomy or cached_taxonomy((), cache_dir)
        matcher_for(taxonomy, cache_dir)  # built while the child reads
        targets = job_targets(jobs, taxonomy, limits)
    except BaseException:
        pending.cancel()
        raise
    return report_for_document(pending.result(), taxonomy, paths=paths, as_of=as_of, jobs=targets, jobs_only=jobs_only)


def analyze_text(
    text: str,
    taxonomy: Taxonomy | None = None,
    *,
    paths: Sequence[str] = (),
    name: str = TEXT_INPUT_NAME,
    as_of: int | None = None,
    jobs: Sequence[JobTarget] = (),
) -> Report:
    """Analyze a resume given as text (plain or Markdown).

    >>> analyze_text("Skills: Python, PyTorch, Docker").skills[0].name
    'Python'
    """
    return analyze_bytes(text.encode("utf-8"), name, taxonomy, paths=paths, as_of=as_of, jobs=jobs)
