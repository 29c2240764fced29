"""Splitting a document's lines into sections under their headings.

A heading is a short line that names a section in one of its usual forms ("SKILLS",
"Technical Skills:", "S K I L L S", "— Work History —", "## Projects"). Headings the vocabulary
does not know are still recognized when they look exactly like the known headings of the same
document (same size, weight and capitalization). Lines before the first heading are the header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.document import Document, Line
from analyzer.languages import vocabulary

HEADER = "header"
# Section headings in every supported language are data: analyzer/data/languages/*.toml.
OTHER = "other"
SKILLS = "skills"
# What a resume lists under this heading is being learned, not claimed.
LEARNING = "learning"

# Longer lines are sentences that happen to start with a heading word, not headings.
MAX_HEADING_WORDS = 6
# No heading is longer than this; longer lines need no closer look.
MAX_HEADING_CHARS = 80
_FIRST_LETTER = re.compile(r"[^\W\d_]")
# Sections whose heading, set as a sub-heading inside a skills section, labels a row of it.
SKILLS_ROW_LABELS = frozenset({"languages", SKILLS})
# Heading styles of one document agree within this many points.
STYLE_TOLERANCE = 0.6
_DECORATION = re.compile(r"^[\W_]+|[\W_]+$")
_NUMBERING = re.compile(r"^(?:\d+|[ivx]+)[.)]\s+", re.IGNORECASE)
_SPACED_LETTERS = re.compile(r"^(?:[^\W\d_] ){2,}[^\W\d_]$")
_INLINE_LABEL = re.compile(r"^([^\W\d_][^\W\d_ &/'-]*(?:[ &/'-]+[^\W\d_]+)*)\s?:\s*(\S.*)$")


@dataclass(frozen=True)
class Section:
    """A run of lines under one heading; ``id`` is the canonical section name."""

    id: str
    heading: str
    lines: tuple[Line, ...]
    # The line the heading was read from (None for the header, which has no heading).
    heading_line: Line | None = None


@dataclass(frozen=True)
class SectionedLine:
    """A line with the id of the section it belongs to."""

    line: Line
    section: str


def heading_key(text: str) -> str:
    """A heading's text reduced to what names it: no decoration, numbering, case or spacing."""
    text = text.strip()
    if _SPACED_LETTERS.match(text):
        text = text.replace(" ", "")
    text = re.sub(r"\s{2,}", " ", text)
    text = _NUMBERING.sub("", _DECORATION.sub("", text))
    text = text.replace("&", " and ").replace("+", " and ")
    return " ".join(re.sub(r"[^\w\s/-]", " ", text.casefold()).replace("/", " and ").split())


def section_for_heading(text: str) -> str | None:
    """The section id a heading names, or None when the text is not a known heading."""
    if len(text.split()) > MAX_HEADING_WORDS:
        return None
    return vocabulary().headings.get(heading_key(text))


def _looks_like_heading_line(line: Line) -> bool:
    if line.item_start or len(line.text) > MAX_HEADING_CHARS:
        return False
    first_letter = _FIRST_LETTER.search(line.text)
    return first_letter is not None and (first_letter.group().isupper() or line.heading_marker)


def _style(line: Line) -> tuple[float, bool, bool]:
    return (line.font_size, line.bold, line.text.upper() == line.text)


def _same_style(line: Line, styles: Sequence[tuple[float, bool, bool]]) -> bool:
    size, bold, caps = _style(line)
    return any(
        abs(size - other_size) <= STYLE_TOLERANCE and bold == other_bold and caps == other_caps
        for other_size, other_bold, other_caps in styles
    )


def _is_styled_heading(line: Line, known_styles: Sequence[tuple[float, bool, bool]]) -> bool:
    words = line.text.split()
    if not words or len(words) > 4 or line.item_start or line.font_size <= 0:
        return False
    if not all(re.fullmatch(r"(?:[^\W\d_]|[&/'-])+", word) for word in words):
        return False
    return _same_style(line, known_styles)


def body_font_size(lines: Sequence[Line]) -> float:
    sizes: dict[float, int] = {}
    for line in lines:
        sizes[line.font_size] = sizes.get(line.font_size, 0) + len(line.text)
    return max(sizes, key=lambda size: sizes[size]) if sizes else 0.0


def label_section(line: Line) -> str | None:
    """'skills' for a line that opens with a skills label ("Technical Skills: Python, SQL")."""
    match = _INLINE_LABEL.match(line.text)
    if match and section_for_heading(match.group(1)) == SKILLS:
        return SKILLS
    return None


def _is_skills_row_label(section_id: str | None, current_id: str, line: Line, heading: Line) -> bool:
    """Whether a heading-like line inside a skills section is one of its row labels: a
    "Languages" or "Tools" sub-heading there names programming languages and tools, not spoken
    ones. A sub-heading is set smaller than the skills heading, or without its weight."""
    if current_id != SKILLS or section_id not in SKILLS_ROW_LABELS or heading.font_size <= 0:
        return False
    return line.font_size < heading.font_size - STYLE_TOLERANCE or (heading.bold and not line.bold)


def find_sections(document: Document) -> tuple[Section, ...]:
    """The document's sections in reading order, the header (lines before any heading) first."""
    lines = document.lines
    known = [
        line
        for line in lines
        if _looks_like_heading_line(line) and section_for_heading(line.text) is not None
    ]
    body_size = body_font_size(lines)
    # Only styles that stand out from body text may vouch for unknown headings.
    known_styles = [
        _style(line)
        for line in known
        if line.font_size > body_size + STYLE_TOLERANCE or line.bold or line.heading_marker
    ]
    sections: list[Section] = []
    current_id, current_heading, current_lines = HEADER, "", []
    current_line: Line | None = None
    for line in lines:
        section_id = section_for_heading(line.text) if _looks_like_heading_line(line) else None
        if section_id is None and (line.heading_marker or _is_styled_heading(line, known_styles)):
            section_id = OTHER
        if current_line is not None and _is_skills_row_label(section_id, current_id, line, current_line):
            section_id = None
        if section_id is None:
            current_lines.append(line)
            continue
        if current_lines or current_heading:
            sections.append(Section(current_id, current_heading, tuple(current_lines), current_line))
        current_id, current_heading, current_lines, current_line = section_id, line.text, [], line
    sections.append(Section(current_id, current_heading, tuple(current_lines), current_line))
    return tuple(section for section in sections if section.lines or section.heading)


def sectioned_lines(sections: Sequence[Section]) -> list[SectionedLine]:
    """Every line with its section id; a line opening with a skills label counts as skills."""
    return [
        SectionedLine(line, label_section(line) or section.id)
        for section in sections
        for line in section.lines
    ]
