"""The pages the browser tests look at, made from the development corpus's resumes as text.

Every page carries hostile strings where a resume or a file name can put them: if any of them ran,
it would set ``window.skillgapInjected``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from analyzer import analyze_text
from analyzer.batch import FileResult
from analyzer.posting import read_posting_text
from analyzer.render.cohort_html import render_cohort_html
from analyzer.render.html import render_html
from skills import load_taxonomy
from tests.corpus.build import RESUME_DIR, load_resume
from tests.resume_pdf import Resume

INJECTED_MARKER = "skillgapInjected"
SCRIPT_LINE = f'Python, PyTorch, <script>window.{INJECTED_MARKER} = "script"</script>, Docker'
IMAGE_NAME = f"cv <img src=x onerror=\"window.{INJECTED_MARKER}='name'\">.txt"
# A strong ML resume (with dated entries, so its page has the experience timeline), a web developer
# with no AI or ML work ("neither path yet", both learning plans) and a non-technical resume.
STRONG_ML_RESUME = "ml_priya_raman"
NEITHER_PATH_RESUME = "swe_emily_carter"
NON_TECHNICAL_RESUME = "nontech_rosa_delgado"


@dataclass(frozen=True)
class Page:
    """A rendered report on disk and the strings of hostile input it must show as text."""

    name: str
    path: Path
    shown_as_text: tuple[str, ...]


def resume_text(resume: Resume, extra_skills: str = "") -> str:
    """A corpus resume as a plain-text resume, with an optional extra line under its first section."""
    lines = [resume.name, resume.contact]
    for index, section in enumerate(resume.main + resume.side):
        lines.append(section.heading.upper())
        lines.extend(line.replace("**", "") for line in section.lines)
        if index == 0 and extra_skills:
            lines += ["SKILLS", extra_skills]
    return "\n".join(lines)


def corpus_text(name: str, extra_skills: str = "") -> str:
    resume, _options, _meta = load_resume(RESUME_DIR / f"{name}.toml")
    return resume_text(resume, extra_skills)


# A job posting whose target the strong ML page shows beside the career paths (the side-by-side
# requirements table), with a hostile line of its own.
POSTING_SCRIPT = f"<script>window.{INJECTED_MARKER} = 'posting'</script> with Python"
POSTING = f"""Machine Learning Engineer
Requirements
- 3+ years of Python, and a long line: {POSTING_SCRIPT}
- PyTorch or TensorFlow, Spark or Ray, Docker and Kubernetes
- Experience with Go is a plus.
Nice to have
- Kafka, dbt
"""


def single_page(folder: Path, name: str, resume: str, posting: str = "") -> Page:
    jobs = [read_posting_text(posting, load_taxonomy())] if posting else []
    report = analyze_text(corpus_text(resume, SCRIPT_LINE), name=IMAGE_NAME, jobs=jobs)
    path = folder / f"{name}.html"
    path.write_text(render_html(report, explain=True), encoding="utf-8")
    hostile = (IMAGE_NAME, f"<script>window.{INJECTED_MARKER}")
    return Page(name, path, (*hostile, POSTING_SCRIPT) if posting else hostile)


def _row(text: str, file: str) -> FileResult:
    report = analyze_text(text, name=file if file.endswith(".txt") else "resume.txt")
    return FileResult(file, "ok", hashlib.sha256(text.encode()).hexdigest(), None, report)


def cohort_page(folder: Path) -> Page:
    """Every corpus resume, one with a hostile name and line, a failed and a skipped file."""
    rows = [
        _row(corpus_text(path.stem), f"resumes/{path.stem}.txt") for path in sorted(RESUME_DIR.glob("*.toml"))
    ]
    rows.insert(7, _row(corpus_text(STRONG_ML_RESUME, SCRIPT_LINE), IMAGE_NAME))
    failed_error = f"damaged PDF <img src=x onerror=\"window.{INJECTED_MARKER}='error'\">"
    rows.insert(3, FileResult("resumes/broken.pdf", "failed", None, failed_error))
    rows.append(FileResult("resumes/photo.png", "skipped", None, "unsupported type"))
    path = folder / "cohort.html"
    path.write_text(render_cohort_html(rows, title="Cohort <b>spring</b>"), encoding="utf-8")
    return Page("cohort", path, (IMAGE_NAME, failed_error, "Cohort <b>spring</b>"))


def build_pages(folder: Path) -> dict[str, Page]:
    folder.mkdir(parents=True, exist_ok=True)
    pages = [
        single_page(folder, "strong-ml", STRONG_ML_RESUME, POSTING),
        single_page(folder, "neither-path", NEITHER_PATH_RESUME),
        single_page(folder, "non-technical", NON_TECHNICAL_RESUME),
        cohort_page(folder),
    ]
    return {page.name: page for page in pages}
