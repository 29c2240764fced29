"""The whole analysis of one resume, stage by stage: bytes → document → sections → mentions →
skills → path coverage → report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from analyzer.coverage import best_fit, path_results
from analyzer.document import STDIN_NAME, Document, read_document, read_source, too_large
from analyzer.errors import UnknownPathError
from analyzer.isolation import Limits, start_reading
from analyzer.mentions import matcher_for, skills_found
from analyzer.report import Report, Source
from analyzer.roles import role_titles
from analyzer.sections import find_sections, sectioned_lines
from skills import Taxonomy, load_taxonomy

TEXT_INPUT_NAME = "<text>"


def _version() -> str:
    from analyzer import __version__

    return __version__


def report_for_document(
    document: Document, taxonomy: Taxonomy | None = None, *, paths: Sequence[str] = ()
) -> Report:
    """Analyze an already read document: the stages after reading."""
    taxonomy = taxonomy or load_taxonomy()
    unknown = [path for path in paths if path not in taxonomy.paths]
    if unknown:
        known = ", ".join(taxonomy.paths)
        raise UnknownPathError("--path", f"unknown path {unknown[0]!r} (known: {known})")
    lines = sectioned_lines(find_sections(document))
    mentions = matcher_for(taxonomy).find(lines)
    claimed, learning = skills_found(mentions, taxonomy)
    learning_ids = [skill.id for skill in learning]
    results = path_results(taxonomy, claimed, paths, learning_ids, role_titles(lines, taxonomy))
    fit, fit_reason = best_fit(results, taxonomy.scoring)
    warnings = list(document.warnings)
    if not claimed:
        warnings.append("no skills from the taxonomy were found in this resume")
    return Report(
        tool_version=_version(),
        taxonomy_version=taxonomy.version,
        source=Source(document.name, document.sha256, document.page_count, document.format),
        skills=claimed,
        learning=learning,
        paths=results,
        best_fit=fit,
        warnings=tuple(warnings),
        best_fit_reason=fit_reason,
    )


def analyze_bytes(
    data: bytes,
    name: str,
    taxonomy: Taxonomy | None = None,
    *,
    paths: Sequence[str] = (),
    password: str = "",
) -> Report:
    """Analyze a resume given as bytes; ``name`` (a file name) decides the expected format.

    Pure over its arguments, so it can run in any worker process.
    """
    return report_for_document(read_document(data, name, password=password), taxonomy, paths=paths)


def analyze(
    source: str | Path | bytes,
    taxonomy: Taxonomy | None = None,
    *,
    paths: Sequence[str] = (),
    password: str = "",
    limits: Limits | None = None,
) -> Report:
    """Analyze a resume file (PDF, text or Markdown; ``"-"`` reads standard input).

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
        return analyze_bytes(data, name, taxonomy, paths=paths, password=password)
    pending = start_reading(data, name, password=password, limits=limits)
    try:
        taxonomy = taxonomy or load_taxonomy()
        matcher_for(taxonomy)  # built while the child reads
    except BaseException:
        pending.cancel()
        raise
    return report_for_document(pending.result(), taxonomy, paths=paths)


def analyze_text(
    text: str, taxonomy: Taxonomy | None = None, *, paths: Sequence[str] = (), name: str = TEXT_INPUT_NAME
) -> Report:
    """Analyze a resume given as text (plain or Markdown).

    >>> analyze_text("Skills: Python, PyTorch, Docker").skills[0].name
    'Python'
    """
    return analyze_bytes(text.encode("utf-8"), name, taxonomy, paths=paths)
