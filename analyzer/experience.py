"""Experience over time: the resume's dated entries, months of use per skill, total experience and
seniority.

The stage runs after sections: a plain function from the sectioned lines to :class:`Experience`.
Dates are read in every form resumes use ("Jan 2020 – Present", "01/2019 - 06/2021", "2018–2020",
"Summer 2021", "since 2019", "ene. 2020 – actualidad", ranges whose ends sit on two lines or whose
dates sit in another column). The words (month names in five languages, seasons, "present",
headings) are data in ``analyzer/data/dates.toml``.

Conventions: a year-only start is its January and a year-only end its December, and then the
entry's precision is ``year``; a season is its calendar months (Summer = June to August); a single
date is an entry of that one month (or that one year); an open end ("Present", "2019 –") is the
``as_of`` month. Months are counted as whole calendar months, both ends included.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from analyzer.document import Line
from analyzer.roles import title_words
from analyzer.sections import (
    HEADER,
    LEARNING,
    MAX_HEADING_WORDS,
    OTHER,
    Section,
    body_font_size,
    heading_key,
    section_for_heading,
)

EXPERIENCE = "experience"
ENTRY_SECTIONS = ("experience", "projects", "education", "volunteering")
MONTH = "month"
YEAR = "year"
# Years outside [MIN_YEAR, as_of year + MAX_FUTURE_YEARS] are no date anyone worked or studied.
MIN_YEAR = 1950
MAX_FUTURE_YEARS = 6
# A range's ends may sit on lines this far apart ("2017 –" above "Present").
MAX_SPLIT_RANGE_LINES = 2
# An entry's title and organisation sit on at most this many lines above its date.
MAX_HEAD_LINES = 2
# Longer lines are sentences of a description, not an entry's heading.
MAX_HEAD_CHARS = 100
# A lone date in the middle of a longer line is part of a sentence, not an entry's date.
MAX_SINGLE_DATE_LINE_WORDS = 12
# Two lines of one PDF row differ in height by less than this many points.
SAME_ROW_POINTS = 4.0
# Lines of one column start within this many points of each other.
SAME_COLUMN_POINTS = 25.0
# A heading met this often is a label repeated inside every entry, not a new section.
ENTRY_LABEL_REPEATS = 3
# Headings this far apart across the page are in different columns.
OTHER_COLUMN_POINTS = 150.0
# A line this many points larger than the body text is set as a heading.
LARGER_HEADING_POINTS = 1.5
# Sections the section finder names for sure; their dated lines are entries only when the section
# is one of ENTRY_SECTIONS. Headings it could not name keep the kind of the entries before them.
UNSURE_SECTIONS = (HEADER, OTHER, LEARNING)

# Seniority from months of professional experience: the first level whose bound is not reached.
SENIORITY_LEVELS = (("junior", 24), ("mid", 60), ("senior", None))
# Fewer months than this while an education entry is current (or ended this recently) is a student.
STUDENT_MAX_MONTHS = 12
STUDENT_RECENT_MONTHS = 12


@dataclass(frozen=True)
class DateWords:
    months: Mapping[str, int]
    seasons: Mapping[str, tuple[int, int]]
    present: tuple[str, ...]
    since: tuple[str, ...]
    range_words: tuple[str, ...]
    single_prefix: tuple[str, ...]
    headings: Mapping[str, str | None]
    role_words: frozenset[str]
    org_words: frozenset[str]
    not_entry_words: frozenset[str]
    place_words: frozenset[str]
    heading_words: Mapping[str, frozenset[str]]


@cache
def date_words() -> DateWords:
    """The shipped word lists, loaded once."""
    text = (resources.files("analyzer") / "data" / "dates.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    months = {name: int(number) for number, names in data["months"].items() for name in names}
    seasons = {name: (int(bounds[0]), int(bounds[1])) for name, bounds in data["seasons"].items()}
    headings: dict[str, str | None] = {}
    for kind, phrases in data["headings"].items():
        for phrase in phrases:
            headings[heading_key(phrase)] = None if kind == "none" else kind
    words = data["words"]
    return DateWords(
        months=months,
        seasons=seasons,
        present=tuple(words["present"]),
        since=tuple(words["since"]),
        range_words=tuple(words["range"]),
        single_prefix=tuple(words["single_prefix"]),
        headings=headings,
        role_words=frozenset(data["titles"]["role"]),
        org_words=frozenset(data["titles"]["org"]),
        not_entry_words=frozenset(data["not_entry_words"]["words"]),
        place_words=frozenset(data["titles"]["place"]),
        heading_words={kind: frozenset(items) for kind, items in data["heading_words"].items()},
    )


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    token: re.Pattern[str]
    separator: re.Pattern[str]
    open_end: re.Pattern[str]
    # A dash closing the date's column ("2022 –<tab>HashiCorp Ambassador"): an open range.
    open_column: re.Pattern[str]
    since: re.Pattern[str]
    single_prefix: re.Pattern[str]
    # A line that stops inside a date ("março 2017 – dezembro", "2019 -") and the date that
    # the next line starts with ("2019", "now", "Feb 2019").
    wrapped_tail: re.Pattern[str]
    leading_date: re.Pattern[str]
    # A line that opens with a date and a dash followed by words, not by the range's end.
    open_start: re.Pattern[str]


_YEAR = r"(?:19|20)\d\d"
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"


@cache
def _patterns() -> _Patterns:
    words = date_words()
    months = _alternation(words.months)
    seasons = _alternation(words.seasons)
    present = _alternation(words.present)
    range_words = _alternation(word for word in words.range_words if word != "-")
    separator = rf"(?:[-–—−~‐‑]+|{range_words})"
    point = rf"(?:(?:{present}){_NOT_LETTER_AFTER}|(?:(?:{months})\.?\s*,?\s*)?{_YEAR}(?![\w/.]))"
    token = re.compile(
        rf"""
        (?P<season>{_NOT_LETTER_BEFORE}(?:{seasons}){_NOT_LETTER_AFTER})\s*,?\s*(?P<season_year>{_YEAR})(?!\d)
        | (?:(?P<day_before>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?)?
          (?P<month>{_NOT_LETTER_BEFORE}(?:{months}){_NOT_LETTER_AFTER})\.?
          (?:\s+(?P<day_after>\d{{1,2}})(?:st|nd|rd|th)?)?\s*,?\s*(?:(?:de|del|of)\s+)?[/.'’-]?\s*
          (?P<month_year>{_YEAR})(?!\d)
        | (?P<bare_month>{_NOT_LETTER_BEFORE}(?:{months}){_NOT_LETTER_AFTER})\.?
          (?=\s*{separator}\s*(?:{months}){_NOT_LETTER_AFTER}\.?\s*,?\s*{_YEAR}(?!\d))
        | (?<![\d/.])(?:\d{{1,2}}[/.])?(?P<number_month>0?[1-9]|1[0-2])\s?[/.-]\s?(?P<number_year>{_YEAR})(?![\d/.]\d)
        | (?P<present>{_NOT_LETTER_BEFORE}(?:{present}){_NOT_LETTER_AFTER}|\.\.\.|…)
        | (?<![\w/.$€£#+])(?P<year>{_YEAR})(?![\w%+/]|\.\d|\s?[-–]\s?\d\d(?!\d))
        """,
        re.IGNORECASE | re.VERBOSE,
    )
    return _Patterns(
        token=token,
        separator=re.compile(rf"\s*(?:{separator}\s*)?", re.IGNORECASE),
        open_end=re.compile(rf"\s*{separator}\s*$", re.IGNORECASE),
        open_column=re.compile(r" *[-–—] *\t"),
        since=re.compile(rf"{_NOT_LETTER_BEFORE}(?:{_alternation(words.since)})\s*:?\s*$", re.IGNORECASE),
        single_prefix=re.compile(
            rf"{_NOT_LETTER_BEFORE}(?:{_alternation(words.single_prefix)})\.?\s*:?\s*$", re.IGNORECASE
        ),
        wrapped_tail=re.compile(
            rf"(?:{_YEAR}\s*{separator}|{_NOT_LETTER_BEFORE}(?:{months})\.?)\s*$", re.IGNORECASE
        ),
        leading_date=re.compile(
            rf"^\s*{point}(?:\s*{separator}\s*{point})?",
            re.IGNORECASE,
        ),
        open_start=re.compile(rf"^\s*{point}\s*[-–—]\s+(?!{point})(?=[^\W\d_])", re.IGNORECASE),
    )


def month_index(year: int, month: int) -> int:
    """A month as one integer, so that ranges are integer ranges."""
    return year * 12 + month - 1


def month_text(index: int) -> str:
    """``YYYY-MM`` for a month index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def parse_month(text: str) -> int:
    """The month index of ``YYYY-MM``; ValueError for anything else."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"not a month in the form YYYY-MM: {text!r}")
    return month_index(int(match.group(1)), int(match.group(2)))


def current_month(today: datetime.date | None = None) -> int:
    """This month's index: the default ``as_of``."""
    today = today or datetime.date.today()
    return month_index(today.year, today.month)


@dataclass(frozen=True)
class _Token:
    """One date point on a line: the months it may stand for, or an open end."""

    first: int
    last: int
    precision: str
    span: tuple[int, int]
    present: bool = False
    bare_month: int = 0
    season: bool = False
    # Written with its day ("February 10, 2026"): alone, that dates a document, not an entry.
    day: bool = False


def _tokens(text: str) -> list[_Token]:
    words = date_words()
    tokens: list[_Token] = []
    for match in _patterns().token.finditer(text):
        span = match.span()
        if match.group("present"):
            tokens.append(_Token(0, 0, MONTH, span, present=True))
        elif match.group("season"):
            first, last = words.seasons[match.group("season").casefold()]
            year = int(match.group("season_year"))
            tokens.append(_Token(month_index(year, first), month_index(year, last), MONTH, span, season=True))
        elif match.group("month"):
            month = words.months[match.group("month").casefold()]
            index = month_index(int(match.group("month_year")), month)
            day = bool(match.group("day_before") or match.group("day_after"))
            tokens.append(_Token(index, index, MONTH, span, day=day))
        elif match.group("bare_month"):
            month = words.months[match.group("bare_month").casefold()]
            tokens.append(_Token(0, 0, MONTH, span, bare_month=month))
        elif match.group("number_month"):
            index = month_index(int(match.group("number_year")), int(match.group("number_month")))
            tokens.append(_Token(index, index, MONTH, span))
        else:
            year = int(match.group("year"))
            tokens.append(_Token(month_index(year, 1), month_index(year, 12), YEAR, span))
    return tokens


@dataclass(frozen=True)
class DateRange:
    """A range found on a line; ``end`` None is open (runs through ``as_of``)."""

    start: int
    end: int | None
    precision: str
    span: tuple[int, int]
    # The range's end is missing on this line ("2017 –") or this is a lone date that a date on a
    # line below may complete.
    open_dangling: bool = False
    single: bool = False
    # An open-end word alone ("Actualidad") waiting for the start date on a line below.
    placeholder: bool = False
    # A lone date after "Expected", "Graduated": below a range, it is that entry's planned end.
    prefixed: bool = False


# A date with its day alone in brackets ("[ 31 May 2023 ]", as Europass prints them) dates an
# entry; unbracketed, it dates the document (a footer's "February 10, 2026").
_BRACKETED_ALONE = re.compile(r"\s*[\[(][^\[\]()]*[\])]\s*")
_SINGLE_EDGE = re.compile(r"^[\s\t|,;:()\[\]·•–—/-]*$")


def _single_allowed(text: str, span: tuple[int, int], *, degree_line: bool = False) -> bool:
    """A lone date counts when it stands apart (a line's edge, a cell, after "Expected"), not
    inside a sentence ("chosen as a Fellow in 2014.", "ahead of its end-of-life in 2024, we").

    On a degree's heading line (``degree_line``) a year between two names counts too, as resume
    builders print it ("Master of Business Administration : Finance 2011 University of Delaware")."""
    before, after = text[: span[0]], text[span[1] :]
    if _patterns().single_prefix.search(before):
        return True
    if degree_line and re.search(r"[A-Z][^\W\d_]*\s+$", before) and re.match(r"\s+[A-Z]", after):
        return True
    in_prose = re.search(r"(?<![^\W\d_])[a-z][\w'-]*\s+$", before) is not None
    if after.strip(" )]\t") == "" or re.match(r"^\s*[)\]]?\s*[|·•\t]", after):
        return True
    set_apart = re.search(r"[|·•\t,]\s*$", before) and re.match(r"^\s*[—–|·•\t,;]", after)
    if len(text.split()) > MAX_SINGLE_DATE_LINE_WORDS and not set_apart:
        # A date in the middle of a sentence ("Windows Server 2008, keeping ...", "(Dec 2013) Award").
        return False
    if re.match(r"^\s*[)\]]?\s*[,;]", after):
        return not in_prose
    if _SINGLE_EDGE.match(before) or re.search(r"[|,;(·•\t–—:]\s*$", before):
        return not re.match(r"^\s*\.", after) or after.strip(" .") == ""
    return False


def date_ranges(text: str, *, degree_line: bool = False) -> list[DateRange]:
    """Every date range on one line, in order (``degree_line``: the line heads a degree, where a
    year may stand between names).

    >>> [(month_text(r.start), r.end and month_text(r.end), r.precision) for r in date_ranges("Jan 2020 – Mar 2021")]
    [('2020-01', '2021-03', 'month')]
    """
    patterns = _patterns()
    tokens = _tokens(text)
    ranges: list[DateRange] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        between = text[token.span[1] : following.span[0]] if following else ""
        joined = following is not None and patterns.separator.fullmatch(between) is not None
        if token.present:
            index += 1
            continue
        if token.bare_month:
            if following is None or following.present or following.bare_month:
                index += 1
                continue
            year = following.first // 12
            start_year = year if token.bare_month <= following.first % 12 + 1 else year - 1
            token = replace(token, first=month_index(start_year, token.bare_month))
            token = replace(token, last=token.first)
        if joined and following is not None and not following.bare_month:
            span = (token.span[0], following.span[1])
            if following.present:
                ranges.append(DateRange(token.first, None, token.precision, span))
            elif token.season and following.precision == YEAR and re.search(r"and|&|,", between):
                # "Summer 2012 and 2013": the same season of two years.
                ranges.append(DateRange(token.first, token.last, MONTH, token.span))
                offset = following.first - (token.first - token.first % 12)
                ranges.append(DateRange(token.first + offset, token.last + offset, MONTH, following.span))
            else:
                precision = YEAR if YEAR in (token.precision, following.precision) else MONTH
                ranges.append(DateRange(token.first, following.last, precision, span))
            index += 2
            continue
        rest = text[token.span[1] :]
        column_end = patterns.open_column.match(rest)
        if following is None and patterns.open_end.match(rest):
            ranges.append(DateRange(token.first, None, token.precision, (token.span[0], len(text)), True))
        elif column_end:
            span = (token.span[0], token.span[1] + column_end.end())
            ranges.append(DateRange(token.first, None, token.precision, span, True))
        elif patterns.since.search(text[: token.span[0]]):
            ranges.append(DateRange(token.first, None, token.precision, token.span))
        elif (not token.day or _BRACKETED_ALONE.fullmatch(text)) and _single_allowed(
            text, token.span, degree_line=degree_line
        ):
            dangling = _SINGLE_EDGE.match(text[: token.span[0]]) is not None
            prefixed = patterns.single_prefix.search(text[: token.span[0]]) is not None
            ranges.append(
                DateRange(
                    token.first,
                    token.last,
                    token.precision,
                    token.span,
                    open_dangling=dangling,
                    single=True,
                    prefixed=prefixed,
                )
            )
        index += 1
    return ranges


def _line_present_start(text: str) -> tuple[int, int] | None:
    """The span of an open-end word ("Present", "Actualidad") that opens a line, if any."""
    tokens = _tokens(text)
    if tokens and tokens[0].present and _SINGLE_EDGE.match(text[: tokens[0].span[0]]):
        return tokens[0].span
    return None


@dataclass(frozen=True)
class Entry:
    """One dated entry: a job, project, degree or volunteer role."""

    section: str
    title: str | None
    org: str | None
    start: int
    end: int | None
    precision: str
    page: int
    line: int
    # (page, line) of every line that belongs to the entry: its heading and description.
    lines: frozenset[tuple[int, int]] = field(default=frozenset(), compare=False)
    # Ids of the skills named in the entry's lines, in the report's order.
    skills: tuple[str, ...] = ()

    def last_month(self, as_of: int) -> int:
        """The entry's last month, an open end being ``as_of``."""
        return as_of if self.end is None else self.end

    def months(self, as_of: int) -> range:
        """The entry's months up to ``as_of``."""
        return range(self.start, min(self.last_month(as_of), as_of) + 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "title": self.title,
            "org": self.org,
            "start": month_text(self.start),
            "end": None if self.end is None else month_text(self.end),
            "precision": self.precision,
            "skills": list(self.skills),
        }


@dataclass(frozen=True)
class Experience:
    """The dated entries of a resume and what they add up to, as of one month."""

    as_of: int
    entries: tuple[Entry, ...]
    total_months: int
    seniority: str
    seniority_reason: str
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "entries": [entry.to_dict() for entry in self.entries],
            "total_months": self.total_months,
            "seniority": self.seniority,
            "seniority_reason": self.seniority_reason,
        }


@dataclass(frozen=True)
class SkillTime:
    """How long and how recently a skill was used in dated experience entries."""

    months: int | None
    first_used: str | None
    last_used: str | None


@dataclass
class _Anchor:
    """A date that makes an entry: its line, and the line the entry is written on (``home``: the
    date's own line, or the line beside it when the date sits alone in a column)."""

    index: int
    date: DateRange
    home: int
    head_from: int = 0


_UNKNOWN = "?"
_SPACED_LETTERS = re.compile(r"^(?:\S ){3,}\S$")


def _heading_kind(text: str, *, by_words: bool = True) -> str | None:
    """The kind of entries under a heading: an entry section, None (not entries) or _UNKNOWN.

    Without ``by_words`` only whole headings count: a bold entry title ("Penetration testing
    projects") is no heading although it holds a heading word."""
    words = date_words()
    key = heading_key(text)
    if key in words.headings:
        return words.headings[key]
    known = section_for_heading(key)
    if known is not None and known not in UNSURE_SECTIONS:
        return known if known in ENTRY_SECTIONS else None
    if not by_words:
        return _UNKNOWN
    if any(word in words.not_entry_words for word in key.split()):
        return None
    for kind, kind_words in words.heading_words.items():
        if any(word in kind_words for word in key.split()):
            return kind
    if _SPACED_LETTERS.match(text.strip()):
        # "W O R K E X P E R I E N C E" loses its word breaks: look for the words inside.
        spaced: list[tuple[str | None, frozenset[str]]] = [(None, words.not_entry_words), *words.heading_words.items()]
        for spaced_kind, kind_words in spaced:
            if any(word in key for word in kind_words):
                return spaced_kind
    return _UNKNOWN


def _with_split_headings_joined(sections: Sequence[Section]) -> list[Section]:
    """A heading hyphenated over two lines ("CONFERENCES AND SEM-" / "INARS") read as one."""
    joined: list[Section] = []
    for section in sections:
        previous = joined[-1] if joined else None
        if previous is not None and not previous.lines and previous.heading.endswith("-") and section.heading:
            joined[-1] = replace(section, heading=previous.heading[:-1] + section.heading)
        else:
            joined.append(section)
    return joined


def _entry_kinds(sections: Sequence[Section]) -> list[tuple[Line, str | None]]:
    """Every line with the kind of entry its dated lines make (None: not entries)."""
    kinds: list[tuple[Line, str | None]] = []
    current: str | None = None
    words = date_words()
    body_size = body_font_size([line for section in sections for line in section.lines])
    sections = _with_split_headings_joined(sections)
    repeats = Counter(heading_key(section.heading) for section in sections if section.heading)
    # Every heading that set the kind, with its line: a page may go on with another column's.
    set_by: list[tuple[Line | None, str | None]] = []
    # Until a heading on a new page sets the kind, each of its lines goes on with its column's.
    page_headed = True
    for section in sections:
        before = current
        in_entry_label = bool(section.heading) and repeats[heading_key(section.heading)] >= ENTRY_LABEL_REPEATS
        if in_entry_label:
            pass  # a label inside every entry ("Descripción", "Tecnologías"): the entries go on
        elif section.heading and heading_key(section.heading) in words.headings:
            current = words.headings[heading_key(section.heading)]
        elif section.id not in UNSURE_SECTIONS:
            current = section.id if section.id in ENTRY_SECTIONS else None
        elif section.heading:
            kind = _heading_kind(section.heading)
            if kind == _UNKNOWN and section.id == OTHER and section.heading_line is not None:
                # Styled like the headings but naming no section: an entry's title line
                # ("Actualidad   Jefe de Área"), which may carry its dates.
                kinds.append((section.heading_line, current))
            current = current if kind == _UNKNOWN else kind
        if section.heading and not in_entry_label:
            page_headed = True
            if current != before or not set_by:
                set_by.append((section.heading_line, current))
        for line in section.lines:
            # A sub-heading set in a larger font ("Community" under "Honors & Awards") counts only
            # as a whole heading: a job title may be large too.
            larger = body_size > 0 and line.font_size >= body_size + LARGER_HEADING_POINTS
            looks_like_heading = line.text.isupper() or line.bold or line.heading_marker or larger
            if looks_like_heading and len(line.text) <= MAX_HEAD_CHARS and not re.search(r"\d", line.text):
                by_words = line.text.isupper() or not (line.bold or larger)
                kind = (
                    _heading_kind(line.text, by_words=by_words)
                    if len(heading_key(line.text).split()) <= MAX_HEADING_WORDS
                    else _UNKNOWN
                )
                if kind != _UNKNOWN:
                    current, page_headed = kind, True
                    set_by.append((line, current))
                    continue
            if kinds and line.page != kinds[-1][0].page:
                page_headed = False
            kinds.append((line, current if page_headed else _column_kind(line, set_by, current)))
    return kinds


def _column_kind(line: Line, set_by: Sequence[tuple[Line | None, str | None]], current: str | None) -> str | None:
    """The kind a new page's first line goes on with: that of the last heading of its own column
    when the kind so far was set by a heading in another column (a first page's sidebar read
    after its main column: "Skills" there does not end the jobs going on overleaf)."""
    if not set_by or line.bottom <= 0:
        return current
    last = set_by[-1][0]
    if last is None or last.bottom <= 0 or abs(last.x0 - line.x0) <= OTHER_COLUMN_POINTS:
        return current
    for heading, kind in reversed(set_by):
        if heading is not None and abs(heading.x0 - line.x0) <= OTHER_COLUMN_POINTS:
            return kind
    return current


def _row_partner(lines: Sequence[tuple[Line, str | None]], index: int) -> int | None:
    """The nearest line beside a PDF line on the same row (a date in a column of its own)."""
    line = lines[index][0]
    if line.bottom <= 0:
        return None
    partners = [
        other
        for other, (candidate, _) in enumerate(lines)
        if other != index
        and candidate.page == line.page
        and abs(candidate.top - line.top) < SAME_ROW_POINTS
        and (candidate.x1 <= line.x0 or candidate.x0 >= line.x1)
    ]
    return min(partners, key=lambda other: abs(other - index), default=None)


def _same_column(upper: Line, lower: Line) -> bool:
    if upper.bottom <= 0 and lower.bottom <= 0:
        return True
    return upper.page == lower.page and abs(upper.x0 - lower.x0) <= SAME_COLUMN_POINTS


def _join_split_ranges(
    lines: Sequence[tuple[Line, str | None]], texts: Sequence[str], found: dict[int, list[DateRange]]
) -> None:
    """Ranges whose ends sit on two lines: "2017 –" above "Present", or a newest-first column
    ("2023" above "2021", "Actualidad" above "2025")."""
    for index in sorted(found):
        ranges = found[index]
        if not ranges:
            continue
        first = ranges[0]
        present_here = first.placeholder
        if not first.open_dangling and not present_here:
            continue
        for below in range(index + 1, min(index + 1 + MAX_SPLIT_RANGE_LINES, len(lines))):
            line_below = lines[below][0]
            if not _same_column(lines[index][0], line_below):
                continue
            below_ranges = found.get(below, [])
            present_span = _line_present_start(texts[below])
            if first.end is None and not present_here and present_span is not None:
                # "2017 –" then "Present": already open; the word below belongs to it.
                found[index] = [replace(first, open_dangling=False), *ranges[1:]]
                break
            below_date_only = _date_only(texts[below])
            if below_ranges and below_ranges[0].single and below_ranges[0].open_dangling:
                other = below_ranges[0]
                if not (present_here or below_date_only):
                    break
                if present_here:
                    joined = DateRange(other.start, None, other.precision, first.span)
                elif first.end is None:
                    joined = DateRange(first.start, other.end, _coarser(first, other), first.span)
                elif first.single and first.precision == YEAR and other.precision == YEAR:
                    start, end = sorted((first, other), key=lambda item: item.start)
                    joined = DateRange(start.start, end.end, _coarser(first, other), first.span)
                else:
                    break
                found[index] = [joined, *ranges[1:]]
                found[below] = below_ranges[1:]
                break
        else:
            continue


def _coarser(first: DateRange, second: DateRange) -> str:
    return YEAR if YEAR in (first.precision, second.precision) else MONTH


def _sensible(date: DateRange, as_of: int) -> str | None:
    """Why a range makes no sense, or None when it does."""
    latest = month_index(as_of // 12 + MAX_FUTURE_YEARS, 12)
    for bound in (date.start, date.end):
        if bound is not None and not month_index(MIN_YEAR, 1) <= bound <= latest:
            return f"the year {bound // 12} is out of range"
    if date.end is not None and date.end < date.start:
        return "it ends before it starts"
    return None


_BRACKETED = re.compile(r"\([^()]*\)")
_PART_SPLIT = re.compile(r"\t|\s+[|·•@]\s+|\s+[—–-]\s+|,\s+|\s+at\s+|\s*\|\s*")


def _title_and_org(texts: Sequence[str], section: str) -> tuple[str | None, str | None]:
    words = date_words()
    parts: list[str] = []
    for text in texts:
        # Separators inside brackets belong to the part: "Data Scientist (intern, then full time)".
        masked = _BRACKETED.sub(lambda match: match.group().replace(",", "\0").replace("-", "\1"), text)
        for part in _PART_SPLIT.split(masked):
            part = part.replace("\0", ",").replace("\1", "-").strip(" []|:;,.-–—\t")
            if part.count("(") != part.count(")"):
                part = part.strip("()")
            if len(part) > 1 and re.search(r"[^\W\d_]", part):
                parts.append(part)
    if not parts:
        return None, None

    def has(part: str, vocabulary: frozenset[str]) -> bool:
        return any(word.strip("()") in vocabulary for word in part.casefold().split())

    parts = [part for part in parts if not _is_place(part)] or parts
    title = next((part for part in parts if has(part, words.role_words)), None)
    org = next((part for part in parts if part != title and has(part, words.org_words)), None)
    if title is None:
        title = next((part for part in parts if part != org), None)
    if org is None:
        org = next((part for part in parts if part not in (title,)), None)
    return title, org


def _is_place(part: str) -> bool:
    """A location beside a title ("USA", "NY", "Remote"), which is neither title nor org."""
    return bool(re.fullmatch(r"[A-Z]{2,3}", part)) or part.casefold() in date_words().place_words


def _is_head_line(line: Line) -> bool:
    text = line.text.strip()
    # A line opening with a lowercase word ("through robust API design") ends a wrapped sentence;
    # names may start lowercase only before a capital ("eBay", "iOS").
    continues_sentence = re.match(r"[^\W\d_A-Z]{2}", text) is not None and text[:2].islower()
    return (
        not line.item_start
        and len(text) <= MAX_HEAD_CHARS
        and not text.endswith((".", ";"))
        and not continues_sentence
    )


def _unwrapped_texts(lines: Sequence[tuple[Line, str | None]]) -> list[str]:
    """Each line's text, a date range wrapped onto the next line of its column joined back
    ("março 2017 – dezembro" / "2019 · Lead analyst")."""
    patterns = _patterns()
    texts = [line.text for line, _ in lines]
    for index in range(len(texts) - 1):
        if not _same_column(lines[index][0], lines[index + 1][0]):
            continue
        head = patterns.leading_date.match(texts[index + 1])
        if head is None:
            continue
        if patterns.wrapped_tail.search(texts[index]):
            texts[index] = f"{texts[index]} {head.group().strip()}"
            texts[index + 1] = texts[index + 1][head.end() :].lstrip()
            continue
        # "2020 – Personal Project" above "Present  Built ...": the end went to the next line.
        opened = patterns.open_start.match(texts[index])
        # Unless the next line opens its own range the same way ("2022 – AWS Community Builder").
        if opened and not patterns.open_start.match(texts[index + 1]) and lines[index][1] == lines[index + 1][1]:
            start, rest = texts[index][: opened.end()], texts[index][opened.end() :]
            texts[index] = f"{start}{head.group().strip()}\t{rest}"
            texts[index + 1] = texts[index + 1][head.end() :].lstrip()
    return texts


def find_entries(sections: Sequence[Section], as_of: int) -> tuple[list[Entry], list[str]]:
    """The resume's dated entries in reading order, and a warning for every date ignored."""
    lines = _entry_kinds(sections)
    texts = _unwrapped_texts(lines)
    warnings: list[str] = []
    found: dict[int, list[DateRange]] = {}
    for index, (line, kind) in enumerate(lines):
        degree_line = kind == "education" and _is_head_line(line)
        ranges = _without_event_lists(texts[index], date_ranges(texts[index], degree_line=degree_line))
        if not _is_head_line(line) and _names_no_entry(texts[index]):
            # "Received a special achievement award (Dec 2014)" in a job's description: when the
            # award came, not an entry.
            ranges = [found for found in ranges if not found.single]
        present_span = _line_present_start(texts[index])
        if not ranges and present_span is not None:
            ranges = [DateRange(0, None, MONTH, present_span, placeholder=True)]
        if not ranges:
            continue
        if kind is None:
            # A date alone in its column counts when the line beside it is in an entry section.
            partner = _row_partner(lines, index)
            if not _date_only(texts[index]) or partner is None or lines[partner][1] is None:
                continue
        found[index] = ranges
    _join_split_ranges(lines, texts, found)
    anchors: list[_Anchor] = []
    previous_range = -MAX_HEAD_LINES - 1
    for index in sorted(found):
        line = lines[index][0]
        partner = _row_partner(lines, index)
        home = partner if _date_only(texts[index]) and partner is not None else index
        for date in found[index]:
            if date.placeholder:
                continue
            if date.prefixed and index - previous_range <= MAX_HEAD_LINES:
                continue  # "Aug 2017 – Present" then "Expected graduation: May 2019"
            if not date.single:
                previous_range = index
            reason = _sensible(date, as_of)
            if reason:
                warnings.append(f"ignored a date on page {line.page}, line {line.number}: {reason}")
                continue
            anchors.append(_Anchor(index, date, home))
    # A lone date on a line that a range in the date column already dates is a detail of that entry
    # ("Bachelor of Engineering (May 2026 GPA 7.4)" beside "[ 1 Sep 2023 – Current ]").
    ranged_homes = {anchor.home for anchor in anchors if not anchor.date.single and anchor.home != anchor.index}
    anchors = [anchor for anchor in anchors if not (anchor.date.single and anchor.index in ranged_homes)]
    anchors.sort(key=lambda anchor: anchor.home)
    entries: list[Entry] = []
    previous_home = -1
    for position, anchor in enumerate(anchors):
        kind = lines[anchor.home][1]
        if kind is None:
            kind = lines[anchor.index][1]
        if position > 0 and anchors[position - 1].home == anchor.home:
            anchor.head_from = anchors[position - 1].head_from
        else:
            head_from = anchor.home
            while (
                head_from - 1 > previous_home
                and anchor.home - (head_from - 1) <= MAX_HEAD_LINES
                and _is_head_line(lines[head_from - 1][0])
                and lines[head_from - 1][0].page == lines[anchor.home][0].page
                and lines[head_from - 1][1] == lines[anchor.home][1]
            ):
                head_from -= 1
            anchor.head_from = head_from
        previous_home = anchor.home
        heading = [_without_dates(texts[i]) for i in range(anchor.head_from, anchor.home + 1)]
        title, org = _title_and_org(heading, kind or EXPERIENCE)
        line = lines[anchor.index][0]
        entries.append(
            Entry(
                section=kind or EXPERIENCE,
                title=title,
                org=org,
                start=anchor.date.start,
                end=anchor.date.end,
                precision=anchor.date.precision,
                page=line.page,
                line=line.number,
            )
        )
    return _with_lines(entries, anchors, lines), warnings


def _without_event_lists(text: str, ranges: list[DateRange]) -> list[DateRange]:
    """The ranges without a list of named events ("KubeCon 2019, Velocity 2019, OSCON 2019"): lone
    dates that each follow a name are when something happened, not entries."""
    named = [found for found in ranges if found.single and re.search(r"[^\W\d_]\s*$", text[: found.span[0]])]
    if len(named) >= 2 and len(named) == sum(found.single for found in ranges):
        return [found for found in ranges if not found.single]
    return ranges


def _names_no_entry(text: str) -> bool:
    """Whether a line names something that is no entry (an award, a certification, a talk)."""
    words = date_words().not_entry_words
    return any(word in words for word in re.findall(r"[^\W\d_]+", text.casefold()))


def _date_only(text: str) -> bool:
    """Whether a line holds nothing but dates (and punctuation)."""
    return _without_dates(text).strip(" \t|,;:()[]–—-") == ""


def _without_dates(text: str) -> str:
    for date in reversed(date_ranges(text)):
        text = text[: date.span[0]] + "\t" + text[date.span[1] :]
    return text


def _with_lines(
    entries: list[Entry], anchors: list[_Anchor], lines: Sequence[tuple[Line, str | None]]
) -> list[Entry]:
    """Each entry with the lines it owns: from its heading to the next entry's heading, within
    its section. An entry with no description of its own (two roles at one employer above one
    list of bullets) shares the next entry's, unless that entry is a dated part of it (a project
    inside a job) or at another employer."""
    owned: list[set[tuple[int, int]]] = []
    for position, anchor in enumerate(anchors):
        stop = len(lines)
        for later in anchors[position + 1 :]:
            if later.head_from > anchor.head_from:
                stop = later.head_from
                break
        kind = lines[anchor.home][1]
        keys = {(lines[anchor.index][0].page, lines[anchor.index][0].number)}
        for index in range(anchor.head_from, max(stop, anchor.home + 1)):
            line, line_kind = lines[index]
            if index > anchor.home and line_kind != kind:
                break
            keys.add((line.page, line.number))
        owned.append(keys)
    for position in range(len(entries) - 2, -1, -1):
        anchor, following = anchors[position], anchors[position + 1]
        described = following.head_from > anchor.home + 1
        entry, nxt = entries[position], entries[position + 1]
        nested = nxt.start >= entry.start and nxt.last_month(10**6) <= entry.last_month(10**6)
        same_employer = nxt.org is None or nxt.org == entry.org
        if not described and not nested and same_employer and anchor.home != following.home:
            owned[position] |= owned[position + 1]
    return [replace(entry, lines=frozenset(keys)) for entry, keys in zip(entries, owned, strict=True)]


def total_months(entries: Iterable[Entry], as_of: int) -> int:
    """Distinct months covered by experience entries up to ``as_of``, overlaps counted once."""
    months: set[int] = set()
    for entry in entries:
        if entry.section == EXPERIENCE:
            months.update(entry.months(as_of))
    return len(months)


def seniority(entries: Sequence[Entry], months: int, as_of: int) -> tuple[str, str]:
    """The seniority level and the reason for it."""
    studying = [
        entry
        for entry in entries
        if entry.section == "education" and entry.last_month(as_of) >= as_of - STUDENT_RECENT_MONTHS
    ]
    if months < STUDENT_MAX_MONTHS and studying:
        return "student", (
            f"{months} months of professional experience, under {STUDENT_MAX_MONTHS}, while studying "
            f"or within {STUDENT_RECENT_MONTHS} months of graduating"
        )
    lower = 0
    for level, bound in SENIORITY_LEVELS:
        if bound is None or months < bound:
            limit = f"{lower} or more" if bound is None else f"{lower} to {bound - 1}"
            return level, f"{months} months of professional experience; {limit} months is {level}"
        lower = bound
    raise AssertionError("the last seniority level has no bound")


def skill_times(
    entries: Sequence[Entry], evidence: Mapping[str, Iterable[tuple[int, int]]], as_of: int
) -> dict[str, SkillTime]:
    """For each skill id (given the (page, line) of its evidence), its months in experience
    entries that mention it, first and last use; months None when no dated experience names it."""
    times: dict[str, SkillTime] = {}
    experience = [entry for entry in entries if entry.section == EXPERIENCE]
    for skill_id, places in evidence.items():
        keys = set(places)
        used = [entry for entry in experience if entry.lines & keys]
        months: set[int] = set()
        for entry in used:
            months.update(entry.months(as_of))
        if not months:
            times[skill_id] = SkillTime(None, None, None)
        else:
            times[skill_id] = SkillTime(len(months), month_text(min(months)), month_text(max(months)))
    return times


def skills_in_titles(
    entries: Iterable[Entry], names: Mapping[str, Sequence[str]]
) -> dict[str, list[tuple[int, int]]]:
    """For each skill id (given its names), the (page, line) of every experience entry whose title
    names it: a "MERN Stack Developer" used the MERN stack there, although the title is no claim
    of the skill (the matcher leaves fields in job titles out). Names are compared as whole words."""
    wanted = {
        skill_id: [words for words in map(title_words, skill_names) if words]
        for skill_id, skill_names in names.items()
    }
    places: dict[str, list[tuple[int, int]]] = {}
    for entry in entries:
        if entry.section != EXPERIENCE or not entry.title:
            continue
        title = title_words(entry.title)
        for skill_id, spellings in wanted.items():
            if any(_has_run(title, words) for words in spellings):
                places.setdefault(skill_id, []).append((entry.page, entry.line))
    return places


def _has_run(words: Sequence[str], run: Sequence[str]) -> bool:
    return any(tuple(words[start : start + len(run)]) == tuple(run) for start in range(len(words) - len(run) + 1))


def with_entry_skills(
    experience: Experience, evidence: Mapping[str, Iterable[tuple[int, int]]]
) -> Experience:
    """The experience with each entry naming the skills (ids, given the (page, line) of their
    evidence) mentioned in its lines."""
    places = {skill_id: set(keys) for skill_id, keys in evidence.items()}
    entries = tuple(
        replace(entry, skills=tuple(skill_id for skill_id, keys in places.items() if entry.lines & keys))
        for entry in experience.entries
    )
    return replace(experience, entries=entries)


def find_experience(sections: Sequence[Section], as_of: int) -> Experience:
    """The experience stage: dated entries, total months and seniority, as of a month index."""
    entries, warnings = find_entries(sections, as_of)
    total = total_months(entries, as_of)
    level, reason = seniority(entries, total, as_of)
    return Experience(as_of, tuple(entries), total, level, reason, tuple(warnings))
