"""The ``skillgap`` command: parse options, call the library, render, map errors to exit codes.

Every error a user can cause is one line on stderr (``skillgap: error: …``) and an exit code from
:class:`analyzer.errors.ExitCode`; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import io
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

try:  # typer 0.2x carries its own copy of click; older releases use click itself
    from typer._click.exceptions import UsageError
except ImportError:  # pragma: no cover - depends on the installed typer
    from click.exceptions import UsageError  # type: ignore[assignment]

from analyzer import __version__
from analyzer.cli_conventions import HELP_OPTIONS, WordsCommand, complete_any_id, complete_path_id
from analyzer.errors import (
    CorpusError,
    ExitCode,
    NotAFileError,
    OutputError,
    OutputExistsError,
    SkillgapError,
    UnknownTaxonomyIdError,
)
from analyzer.isolation import Limits
from analyzer.terminal import json_safe, terminal_safe, terminal_safe_copy

if TYPE_CHECKING:
    from analyzer.ocr import OcrSettings
    from skills import Taxonomy

app = typer.Typer(
    name="skillgap",
    help="How far a resume stands from the AI Engineer and ML Engineer paths.",
    context_settings=HELP_OPTIONS,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


def _usage(message: str) -> NoReturn:
    """A problem with the options: exit code USAGE, as :func:`main` maps every error."""
    raise UsageError(message)


# How an error of the library reads on the command line: the option that leads to the fix.
OPTION_HINTS: dict[type[SkillgapError], str] = {
    OutputExistsError: "pass --resume to continue it or --force to replace it",
}


def error_line(error: SkillgapError) -> str:
    """The one line an error prints, with the option that fixes it where the CLI knows one."""
    hint = next((text for kind, text in OPTION_HINTS.items() if isinstance(error, kind)), None)
    return f"{error} ({hint})" if hint else str(error)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"skillgap {__version__}")
        raise typer.Exit()


def _size_text(size: int | None) -> str:
    """A byte count as the option syntax writes it (the defaults come from :class:`Limits`)."""
    if not size:
        return "0"
    return f"{size // 1024**3}G" if size % 1024**3 == 0 else f"{size // 1024**2}M"


Number = TypeVar("Number", int, float)


def _shipped(limit: Number | None) -> Number:
    """A library limit as an option's default: the shipped limits are all on (None means none)."""
    if limit is None:
        raise AssertionError("a shipped limit is off")
    return limit


# Options that analyze and batch share; their defaults are the library's limits. Every value an
# option takes is named by a word (FILE, SECONDS, SIZE), the same word in every command.
TaxonomyFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--taxonomy", metavar="FILE", help="Extra taxonomy TOML file (repeatable); adds or overrides by id."
    ),
]
PathIds = Annotated[
    list[str] | None,
    typer.Option(
        "--path",
        metavar="PATH_ID",
        autocompletion=complete_path_id,
        help="Only this path (repeatable), e.g. ml_engineer.",
    ),
]
Redact = Annotated[
    bool, typer.Option("--redact", help="Remove e-mail addresses, phone numbers and URLs from evidence.")
]
Jobs = Annotated[
    list[str] | None,
    typer.Option(
        "--job",
        metavar="POSTING",
        help="A job posting to measure against (repeatable; '-' reads standard input).",
    ),
]
MaxPages = Annotated[
    int, typer.Option("--max-pages", min=1, metavar="PAGES", help="Refuse PDFs with more pages.")
]
MaxSize = Annotated[
    str, typer.Option("--max-size", metavar="SIZE", help="Refuse larger files, e.g. 20M; 0 for none.")
]
Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="MONTH", help="The month 'Present' stands for, as YYYY-MM (default: this month)."
    ),
]
Ocr = Annotated[
    bool, typer.Option("--ocr", help="Read scans and PNG, JPEG or TIFF images by OCR (needs Tesseract).")
]
OcrPages = Annotated[
    str,
    typer.Option(
        "--ocr-pages",
        metavar="missing|all",
        help="With --ocr, the PDF pages to OCR: those without text, or all.",
    ),
]
OcrLang = Annotated[
    str,
    typer.Option(
        "--ocr-lang", metavar="LANGUAGES", help="With --ocr, Tesseract's languages, e.g. eng+spa+deu."
    ),
]
CacheDir = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        metavar="DIR",
        help="Where text read from files, the parsed taxonomy and match patterns are cached.",
    ),
]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write any cache.")]
DEFAULT_LIMITS = Limits()
DEFAULT_TIMEOUT = _shipped(DEFAULT_LIMITS.timeout)
DEFAULT_MAX_PAGES = _shipped(DEFAULT_LIMITS.max_pages)
DEFAULT_MAX_SIZE = _size_text(DEFAULT_LIMITS.max_size)
DEFAULT_MAX_MEMORY = _size_text(DEFAULT_LIMITS.max_memory)


@app.callback(epilog="Example: skillgap analyze cv.pdf --format html -o report.html")
def main_options(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """How far a resume stands from the AI Engineer and ML Engineer paths."""
    _help_without_command(context)


def _help_without_command(context: typer.Context) -> None:
    """A group run without a command prints its help (and succeeds) rather than a usage error."""
    if context.invoked_subcommand is None:
        typer.echo(context.get_help())
        raise typer.Exit()


def _as_of_month(text: str | None) -> int | None:
    """The month index of ``--as-of``, or None for this month; a usage error when malformed."""
    if text is None:
        return None
    from analyzer.experience import parse_month

    try:
        return parse_month(text)
    except ValueError:
        _usage(f"--as-of: expected a month as YYYY-MM, got {text!r}")


def _postings(jobs: list[str] | None, resume: str) -> list[str]:
    """The ``--job`` postings; standard input serves one of them only when the resume is a file."""
    postings = list(jobs or [])
    if postings.count("-") > 1 or ("-" in postings and resume == "-"):
        _usage("--job: standard input ('-') can be read once, and only when the resume is a file")
    return postings


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(str(output), f"cannot write output ({exc.strerror or exc})") from None


@app.command(
    cls=WordsCommand,
    short_help="One resume's skills, path coverage, gaps and what to learn next.",
    epilog="Example: skillgap analyze cv.pdf --format html -o report.html",
)
def analyze(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="Resume file (PDF, .docx, .txt, .md; images with --ocr); '-' is stdin."
        ),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="|".join(item.value for item in OutputFormat),
            help="Output format.",
            case_sensitive=False,
        ),
    ] = OutputFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE.")
    ] = None,
    taxonomy: TaxonomyFiles = None,
    path: PathIds = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Show the resume lines behind every skill, matched words marked."),
    ] = False,
    redact: Redact = False,
    password: Annotated[
        str, typer.Option("--password", metavar="PASSWORD", help="Password of an encrypted PDF.")
    ] = "",
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, metavar="SECONDS", help="Seconds allowed to read the file.")
    ] = DEFAULT_TIMEOUT,
    max_pages: MaxPages = DEFAULT_MAX_PAGES,
    max_size: MaxSize = DEFAULT_MAX_SIZE,
    max_memory: Annotated[
        str, typer.Option("--max-memory", metavar="SIZE", help="Memory for reading, e.g. 2G; 0 for none.")
    ] = DEFAULT_MAX_MEMORY,
    as_of: AsOf = None,
    job: Jobs = None,
    jobs_only: Annotated[
        bool, typer.Option("--jobs-only", help="Report only the --job postings, not the career paths.")
    ] = False,
    ocr: Ocr = False,
    ocr_pages: OcrPages = "missing",
    ocr_lang: OcrLang = "eng",
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
    debug: Debug = False,
) -> None:
    """Analyze one resume: skills found, coverage of each path, gaps and what to learn next."""
    from analyzer.analysis import analyze as analyze_resume

    limits = Limits(timeout, max_pages, parse_size(max_size), parse_size(max_memory))
    month = _as_of_month(as_of)
    postings = _postings(job, file)
    if jobs_only and not postings:
        _usage("--jobs-only: give at least one --job POSTING")
    ocr_settings = _ocr_settings(ocr, ocr_pages, ocr_lang, file)
    cache = _cache_dir(cache_dir, no_cache)
    loaded = _taxonomy_or_none(taxonomy, cache)
    report = analyze_resume(
        file,
        loaded,
        paths=path or (),
        password=password,
        limits=limits,
        as_of=month,
        jobs=postings,
        jobs_only=jobs_only,
        ocr=ocr_settings,
        cache_dir=cache,
    )
    if redact:
        from analyzer.redact import redact_report

        report = redact_report(report)

    if output_format is OutputFormat.json:
        from analyzer.render import render_json

        _write(render_json(report), output)
        return
    # Resume text and the file name are shown, never obeyed: no control reaches a terminal.
    report = terminal_safe_copy(report)
    if output_format is OutputFormat.markdown:
        from analyzer.render import render_markdown

        _write(render_markdown(report, explain=explain), output)
    elif output_format is OutputFormat.html:
        from analyzer.render.html import render_html

        _write(render_html(report, explain=explain), output)
    else:
        _print_table(report, output, explain=explain)


def _print_table(report: object, output: Path | None, *, explain: bool) -> None:
    from rich.console import Console

    from analyzer.render import render_table

    if output is None:
        render_table(report, Console(), explain=explain)  # type: ignore[arg-type]
        return
    console = Console(record=True, width=100, file=io.StringIO())
    render_table(report, console, explain=explain)  # type: ignore[arg-type]
    _write(console.export_text(), output)


@app.command(
    name="eval",
    cls=WordsCommand,
    short_help="Score skill and experience extraction against gold labels.",
    epilog="Example: skillgap eval corpus/ --no-details",
)
def evaluate_command(
    directory: Annotated[
        str,
        typer.Argument(metavar="DIR", help="Folder with pdfs/ and gold/ (the layout of a labelled corpus)."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    details: Annotated[
        bool, typer.Option("--details/--no-details", help="List false positives and misses.")
    ] = True,
    as_of: AsOf = None,
    ocr: Ocr = False,
    ocr_pages: OcrPages = "missing",
    ocr_lang: OcrLang = "eng",
    debug: Debug = False,
) -> None:
    """Precision, recall and F1 of skill extraction against gold labels; with experience/ labels,
    also dated entries, total months and months per skill."""
    import json

    from analyzer.scorecard import score_folder

    folder = Path(directory)
    if not folder.is_dir():
        raise NotAFileError(directory, "not a folder")
    month = _as_of_month(as_of)
    ocr_settings = _ocr_settings(ocr, ocr_pages, ocr_lang, directory)
    try:
        card = score_folder(folder, as_of=month, ocr=ocr_settings)
    except (FileNotFoundError, ValueError, SkillgapError) as error:  # the corpus is not one to score
        raise CorpusError(directory, str(error)) from error
    if as_json:
        typer.echo(json_safe(json.dumps(card.to_dict(), indent=2)))
        return
    typer.echo(terminal_safe(card.format(details=details), keep_newlines=True), nl=False)


def parse_size(text: str) -> int | None:
    """Bytes from '512M', '2G', '1.5GiB' or a plain number; 0 or 'none' means no limit."""
    units = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
    cleaned = text.strip().upper().removesuffix("IB").removesuffix("B")
    if cleaned in ("0", "NONE", "UNLIMITED"):
        return None
    number, unit = (cleaned[:-1], cleaned[-1]) if cleaned[-1:] in units else (cleaned, "")
    try:
        value = float(number) * units[unit]
    except (ValueError, KeyError):
        raise typer.BadParameter(f"{text!r} is not a size like 512M or 2G") from None
    if value <= 0:
        raise typer.BadParameter(f"{text!r} must be positive")
    return int(value)


@app.command(
    cls=WordsCommand,
    short_help="Analyze every resume in a folder; one row per file.",
    epilog="Example: skillgap batch resumes/ -o results.csv --summary summary.md",
)
def batch(
    directory: Annotated[str, typer.Argument(help="Folder of resumes (PDF, .docx, .txt, .md).", metavar="DIR")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Results file: .jsonl, .csv or .sqlite (default: JSONL on stdout).",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, metavar="COUNT", help="Worker processes (default: all cores)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, metavar="SECONDS", help="Seconds allowed per file.")
    ] = DEFAULT_TIMEOUT,
    max_memory: Annotated[
        str,
        typer.Option("--max-memory", metavar="SIZE", help="Memory limit per worker, e.g. 2G; 0 for none."),
    ] = DEFAULT_MAX_MEMORY,
    max_pages: MaxPages = DEFAULT_MAX_PAGES,
    max_size: MaxSize = DEFAULT_MAX_SIZE,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Keep the output's rows of unchanged files made by the same version and options."
        ),
    ] = False,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Resume, and analyze the files that failed again.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an output that already holds results.")] = False,
    recursive: Annotated[bool, typer.Option("--recursive", "-r", help="Include subfolders.")] = False,
    follow_symlinks: Annotated[
        bool, typer.Option("--follow-symlinks", help="Follow links that lead out of DIR.")
    ] = False,
    html_report: Annotated[
        Path | None, typer.Option("--report", metavar="FILE", help="Write the cohort report to FILE (HTML).")
    ] = None,
    summary: Annotated[
        Path | None,
        typer.Option("--summary", metavar="FILE", help="Write the cohort summary to FILE (.md or .json)."),
    ] = None,
    redact: Redact = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")
    ] = False,
    taxonomy: TaxonomyFiles = None,
    path: PathIds = None,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
    as_of: AsOf = None,
    job: Jobs = None,
    ocr: Ocr = False,
    ocr_pages: OcrPages = "missing",
    ocr_lang: OcrLang = "eng",
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            metavar="local|dask",
            help="Where files run: local worker processes, or a Dask cluster (needs skillgap[dask]).",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: the Dask scheduler to use, e.g. tcp://10.0.0.5:8786 "
            "(default: a local cluster of --workers processes).",
        ),
    ] = None,
    debug: Debug = False,
) -> ExitCode:
    """Analyze every resume in a folder in parallel; one row per file, exit 1 if any failed."""
    from rich.console import Console

    from analyzer.batch import batch_options
    from analyzer.batch_run import failed_files_text, run_batch
    from analyzer.engines import make_engine
    from analyzer.progress import progress_bar
    from analyzer.render.cohort_table import render_cohort_table

    if force and (resume or retry_failed):
        _usage("--force replaces the output; it cannot be used with --resume or --retry-failed")
    memory_limit = parse_size(max_memory)
    month = _as_of_month(as_of)
    ocr_settings = _ocr_settings(ocr, ocr_pages, ocr_lang, "--ocr")
    cache = _cache_dir(cache_dir, no_cache)
    postings = _postings(job, directory)
    targets: tuple[Any, ...] = ()
    if postings:
        from analyzer.analysis import job_targets

        posting_limits = Limits(timeout, max_pages, parse_size(max_size), memory_limit)
        targets = job_targets(postings, _load(taxonomy, cache), posting_limits)
    options = batch_options(
        taxonomy_files=taxonomy or (),
        paths=path or (),
        timeout=timeout,
        max_memory=memory_limit,
        max_pages=max_pages,
        max_size=parse_size(max_size),
        cache_dir=cache,
        redact=redact,
        as_of=month,
        jobs=targets,
        ocr=ocr_settings,
    )
    runner = make_engine(engine, workers=workers, scheduler=scheduler)
    with progress_bar(enabled=not quiet and sys.stderr.isatty()) as bar:
        run = run_batch(
            directory,
            options,
            output=output,
            summary=summary,
            report=html_report,
            engine=runner,
            resume=resume,
            retry_failed=retry_failed,
            force=force,
            recursive=recursive,
            follow_symlinks=follow_symlinks,
            progress=bar,
        )
    errors = Console(stderr=True, highlight=False)
    if not quiet:
        render_cohort_table(run.summary, errors, reused=run.reused)
    # Failed files are named even under --quiet: a run that fails some must say which.
    for line in failed_files_text(run, output):
        typer.echo(terminal_safe(line), err=True)
    if run.interrupted:
        typer.echo("skillgap: interrupted; finished files are saved, rerun with --resume to go on", err=True)
        return ExitCode.INTERRUPTED
    return ExitCode.INPUT_FAILED if run.failed else ExitCode.OK


taxonomy_app = typer.Typer(
    help="Inspect, validate and export the skill taxonomy.",
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(taxonomy_app, name="taxonomy")


@taxonomy_app.callback(epilog="Example: skillgap taxonomy show pytorch")
def taxonomy_options(context: typer.Context) -> None:
    """Inspect, validate and export the skill taxonomy."""
    _help_without_command(context)


def _ocr_settings(ocr: bool, pages: str, languages: str, source: str) -> OcrSettings | None:
    """The OCR settings asked for, checked before any work: without Tesseract one error line."""
    if not ocr:
        return None
    from analyzer.ocr import OcrSettings, require_ocr

    settings = OcrSettings(pages=pages, languages=languages)
    require_ocr(settings, source)
    return settings


def _cache_dir(cache_dir: Path | None, no_cache: bool) -> Path | None:
    """The cache directory a command uses: none under --no-cache, else --cache-dir or the user's."""
    from analyzer.cache import default_cache_dir

    return None if no_cache else (cache_dir or default_cache_dir())


def _taxonomy_or_none(files: list[Path] | None, cache_dir: Path | None) -> Taxonomy | None:
    """The user's taxonomy files loaded, or None for the shipped one (loaded while reading)."""
    if not files:
        return None
    from analyzer.cache import cached_taxonomy

    return cached_taxonomy(files, cache_dir)


def _user_cache() -> Path:
    """The taxonomy commands have no cache options: they use the user's cache directory."""
    from analyzer.cache import default_cache_dir

    return default_cache_dir()


def _load(files: list[Path] | None, cache_dir: Path | None) -> Taxonomy:
    from analyzer.cache import cached_taxonomy

    return cached_taxonomy(files or (), cache_dir)


@taxonomy_app.command(
    name="list",
    cls=WordsCommand,
    short_help="Paths, weighted competencies, and counts of skills and aliases.",
    epilog="Example: skillgap taxonomy list --taxonomy my_paths.toml",
)
def taxonomy_list(taxonomy: TaxonomyFiles = None) -> None:
    """Paths, competencies with weights, and counts of skills and aliases."""
    from rich.console import Console

    from analyzer.render.taxonomy import render_taxonomy_list

    render_taxonomy_list(_load(taxonomy, _user_cache()), Console())


@taxonomy_app.command(name="show", cls=WordsCommand, epilog="Example: skillgap taxonomy show pytorch")
def taxonomy_show(
    item_id: Annotated[
        str,
        typer.Argument(metavar="ID", autocompletion=complete_any_id, help="A path, competency or skill id."),
    ],
    taxonomy: TaxonomyFiles = None,
) -> None:
    """One path, competency or skill with its aliases and links."""
    from rich.console import Console

    from analyzer.render.taxonomy import render_item
    from skills.inspect import describe

    try:
        kind, data = describe(_load(taxonomy, _user_cache()), item_id)
    except UnknownTaxonomyIdError as error:  # the ID argument names nothing: a usage error
        raise UsageError(str(error)) from None
    render_item(kind, data, Console())


@taxonomy_app.command(
    name="validate",
    cls=WordsCommand,
    short_help="Check taxonomy files: every problem with its place.",
    epilog="Example: skillgap taxonomy validate my_paths.toml",
)
def taxonomy_validate(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="Taxonomy TOML files to check, layered in order.")
    ],
) -> ExitCode:
    """Check taxonomy files against the shipped data: every problem with its place; exit 2 if any."""
    from skills.taxonomy import check_taxonomy

    taxonomy, problems = check_taxonomy(files)
    for problem in problems:
        typer.echo(f"skillgap: error: {terminal_safe(str(problem))}", err=True)
    if taxonomy is None:
        return ExitCode.USAGE
    names = ", ".join(str(file) for file in files)
    typer.echo(
        f"{terminal_safe(names)}: valid ({len(taxonomy.skills)} skills, {len(taxonomy.paths)} paths after merging)"
    )
    return ExitCode.OK


class ExportFormat(str, Enum):
    json = "json"


@taxonomy_app.command(
    name="export", cls=WordsCommand, epilog="Example: skillgap taxonomy export --format json > taxonomy.json"
)
def taxonomy_export(
    export_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", metavar="|".join(item.value for item in ExportFormat), help="Export format."
        ),
    ] = ExportFormat.json,
    taxonomy: TaxonomyFiles = None,
) -> None:
    """The whole merged taxonomy as one JSON object."""
    import json

    from skills.inspect import export

    typer.echo(json.dumps(export(_load(taxonomy, _user_cache())), indent=2, ensure_ascii=False))


def _error(message: str) -> None:
    # File names and messages can carry control characters: the error stays one inert line.
    typer.echo(f"skillgap: error: {terminal_safe(message)}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code: the one place where errors become exit codes.

    A :class:`SkillgapError` exits with its ``exit_code``, a usage error with USAGE, Ctrl-C with
    INTERRUPTED, anything else (a bug) with INPUT_FAILED; each is one line, and ``--debug`` in the
    arguments adds the traceback.
    """
    args = sys.argv[1:] if argv is None else argv
    command = typer.main.get_command(app)
    try:
        result = command.main(args=args, prog_name="skillgap", standalone_mode=False)
    except UsageError as error:
        _error(error.format_message())
        return int(ExitCode.USAGE)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("skillgap: interrupted", err=True)
        return int(ExitCode.INTERRUPTED)
    except typer.Exit as exit_:
        return exit_.exit_code
    except SkillgapError as error:
        if "--debug" in args:
            traceback.print_exc()
        _error(error_line(error))
        return int(error.exit_code)
    except Exception as error:  # noqa: BLE001 - any other failure is still one line, never a traceback
        if "--debug" in args:
            traceback.print_exc()
        _error(f"internal error ({error.__class__.__name__}); rerun with --debug")
        return int(ExitCode.INPUT_FAILED)
    return int(result) if isinstance(result, int) else int(ExitCode.OK)


def run() -> NoReturn:
    """The console script's entry point."""
    sys.exit(main())
