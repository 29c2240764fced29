"""Sections: headings in their usual forms, and every line knowing its section."""

from __future__ import annotations

import pytest

from analyzer.document import read_document
from analyzer.sections import find_sections, section_for_heading, sectioned_lines
from tests.resume_pdf import Resume, Section, render_resume


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("SKILLS", "skills"),
        ("Technical Skills", "skills"),
        ("Core Competencies:", "skills"),
        ("S K I L L S", "skills"),
        ("— Work History —", "experience"),
        ("PROFESSIONAL EXPERIENCE", "experience"),
        ("Projects", "projects"),
        ("Education & Training", "education"),
        ("Licenses & Certifications", "certifications"),
        ("Publications", "publications"),
        ("Professional Summary", "summary"),
        ("1. Experience", "experience"),
    ],
)
def test_known_headings_in_their_usual_forms(heading: str, section: str) -> None:
    assert section_for_heading(heading) == section


@pytest.mark.parametrize("text", ["Experience with large systems and teams of engineers", "Python, SQL"])
def test_sentences_are_not_headings(text: str) -> None:
    assert section_for_heading(text) is None


def _sections_of(text: str, name: str = "cv.txt") -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for sectioned in sectioned_lines(find_sections(read_document(text.encode(), name))):
        found.setdefault(sectioned.section, []).append(sectioned.line.text)
    return found


def test_lines_before_the_first_heading_are_the_header() -> None:
    sections = _sections_of("Jane Doe\njane@example.com\nSKILLS\nPython\n")
    assert sections == {"header": ["Jane Doe", "jane@example.com"], "skills": ["Python"]}


def test_a_skills_label_line_counts_as_skills_wherever_it_stands() -> None:
    sections = _sections_of("EXPERIENCE\nBuilt a search engine\nTools: Python, Elasticsearch\n")
    assert sections["skills"] == ["Tools: Python, Elasticsearch"]
    assert sections["experience"] == ["Built a search engine"]


def test_markdown_headings_start_sections_even_when_unknown() -> None:
    sections = _sections_of("# Jane\n## Side Quests\nBuilt a robot\n## Skills\nPython\n", "cv.md")
    assert sections["other"] == ["Built a robot"]
    assert sections["skills"] == ["Python"]


@pytest.mark.parametrize("style", ["caps", "title", "colon", "dashes"])
def test_pdf_headings_in_each_style_split_sections(style: str) -> None:
    resume = Resume(
        name="Jane Doe",
        contact="jane@example.com",
        main=(
            Section("Summary", ("Engineer who builds data products.",)),
            Section("Experience", ("• Built pipelines for analytics.",)),
            Section("Skills", ("Python, SQL",)),
        ),
    )
    document = read_document(render_resume(resume, heading_style=style), "cv.pdf")
    ids = [section.id for section in find_sections(document)]
    assert ids == ["header", "summary", "experience", "skills"]


def test_unknown_heading_styled_like_known_ones_starts_a_section() -> None:
    resume = Resume(
        name="Jane Doe",
        contact="jane@example.com",
        main=(
            Section("Skills", ("Python, SQL",)),
            Section("Side Quests", ("Built a telescope.",)),
        ),
    )
    document = read_document(render_resume(resume), "cv.pdf")
    assert [section.id for section in find_sections(document)] == ["header", "skills", "other"]
