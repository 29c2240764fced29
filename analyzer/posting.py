"""Reading a job posting into requirements, with the same reader and matcher as resumes.

A posting's sections decide each skill's importance: what it requires is ``core``, what it
prefers ``nice``, what only its responsibilities or opening description name ``important``; the
company blurb and the benefits do not count. Within a sentence, a preferred cue ("... is a plus")
or a required cue ("you have ...") overrides the section's role. "Spark or Ray" makes one
requirement with alternatives; "3+ years of Python" keeps the years on the skill; degree lines are
listed, not scored. The headings, cues and patterns are data: ``analyzer/data/posting.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

from analyzer.document import Document, Line, read_document, read_source
from analyzer.errors import ExitCode, SkillgapError
from analyzer.experience import date_ranges
from analyzer.isolation import Limits, start_reading
from analyzer.mentions import FIELD_KINDS, Mention, matcher_for
from analyzer.report import Evidence
from analyzer.sections import SectionedLine, heading_key, section_for_heading
from skills import Taxonomy

REQUIRED = "required"
PREFERRED = "preferred"
RESPONSIBILITIES = "responsibilities"
DESCRIPTION = "description"
COMPANY = "company"
BENEFITS = "benefits"
TITLE = "title"
# Where a posting's skills count, and the importance each role gives them.
IMPORTANCE = {REQUIRED: "core", RESPONSIBILITIES: "important", DESCRIPTION: "important", PREFERRED: "nice"}
IMPORTANCE_RANK = {"core": 0, "important": 1, "nice": 2}
# The resume section the matcher is told a posting's line stands in, so ambiguous names ("Go",
# "R") count in a list of requirements as they do in a resume's skills section.
MATCHER_SECTION = {
    REQUIRED: "skills",
    PREFERRED: "skills",
    RESPONSIBILITIES: "experience",
    DESCRIPTION: "summary",
    COMPANY: "other",
    BENEFITS: "other",
    TITLE: "header",
}
# Resume sections that a job posting never has as headings: a posting made of them is a resume.
RESUME_ONLY_SECTIONS = frozenset(
    {
        "education",
        "learning",
        "projects",
        "certifications",
        "publications",
        "awards",
        "interests",
        "volunteering",
        "references",
        "coursework",
        "languages",
    }
)
# A heading is a short line; longer lines that start with a heading word are sentences.
MAX_HEADING_WORDS = 7
MAX_TITLE_CHARS = 120
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_INLINE_HEADING = re.compile(r"^\s*([^\W\d_][^:]{0,60}?)\s*:\s*(.*)$")
_TITLE_LABEL = re.compile(
    r"^\s*(?:job\s+title|title|position|role|puesto|stelle|poste)\s*:\s*", re.IGNORECASE
)
_SLUG = re.compile(r"[^a-z0-9]+")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
# A requirement sentence naming no skill is listed when it has at least this many words; shorter
# fragments ("Plus:") ask for nothing.
MIN_LISTED_WORDS = 3
_DATA = resources.files("analyzer") / "data" / "posting.toml"


class EmptyPostingError(SkillgapError):
    """A posting file has no text."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class PostingVocabulary:
    """The words of postings: headings by role, cues, the years and degree patterns."""

    headings: dict[str, str]
    about_prefixes: tuple[str, ...]
    about_not_company: frozenset[str]
    preferred_cues: re.Pattern[str]
    required_cues: re.Pattern[str]
    company_cues: re.Pattern[str]
    years: re.Pattern[str]
    year_numbers: dict[str, int]
    degrees: re.Pattern[str]
    alternative_words: frozenset[str]
    example_words: frozenset[str]
    any_of: re.Pattern[str]
    open_ends: re.Pattern[str]
    weights: dict[str, float]
    years_short_factor: float
    resume_like_signals: int
    resume_like_dated_lines: int


def _cues(patterns: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted(set(patterns), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(f'(?:{cue})' for cue in ordered)})(?!\w)", re.IGNORECASE)


def _phrases(phrases: Sequence[str]) -> re.Pattern[str]:
    """Literal phrases as cues, any run of spaces between their words."""
    return _cues([re.escape(phrase).replace(r"\ ", r"\s+") for phrase in phrases])


@cache
def posting_vocabulary() -> PostingVocabulary:
    """The shipped posting vocabulary, loaded once."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    headings: dict[str, str] = {}
    for role, phrases in data["headings"].items():
        if role in {"about_prefixes", "about_not_company"}:
            continue
        for phrase in phrases:
            headings.setdefault(heading_key(phrase), role)
    cues = data["cues"]
    return PostingVocabulary(
        headings=headings,
        about_prefixes=tuple(data["headings"]["about_prefixes"]),
        about_not_company=frozenset(heading_key(text) for text in data["headings"]["about_not_company"]),
        preferred_cues=_cues(cues["preferred"]),
        required_cues=_cues(cues["required"]),
        company_cues=_cues(cues["company"]),
        years=re.compile(data["years"]["pattern"], re.IGNORECASE),
        year_numbers={word.casefold(): int(value) for word, value in data["years"]["numbers"].items()},
        degrees=re.compile(data["degrees"]["pattern"], re.IGNORECASE),
        alternative_words=frozenset(word.casefold() for word in data["alternatives"]["words"]),
        example_words=frozenset(word.casefold() for word in data["alternatives"]["examples"]),
        any_of=_phrases(data["alternatives"]["any_of"]),
        open_ends=re.compile(
            rf"\s*,?\s*{_phrases(data['alternatives']['open_ends']).pattern}", re.IGNORECASE
        ),
        weights={key: float(value) for key, value in data["scoring"]["weights"].items()},
        years_short_factor=float(data["scoring"]["years_short_factor"]),
        resume_like_signals=int(data["scoring"]["resume_like_signals"]),
        resume_like_dated_lines=int(data["scoring"]["resume_like_dated_lines"]),
    )


@dataclass(frozen=True)
class Requirement:
    """One skill a posting asks for: its importance, the skills that would do instead, the years
    asked (None when none are), and the posting's line that asks for it."""

    skill_id: str
    name: str
    importance: str
    alternatives: tuple[str, ...]
    years: int | None
    evidence: Evidence


@dataclass(frozen=True)
class ListedLine:
    """A sentence of the posting's requirements kept as written, listed and never scored: a degree
    it asks for, or a demand that names no skill of the taxonomy ("4+ years of product
    management")."""

    text: str
    importance: str


@dataclass(frozen=True)
class JobTarget:
    """A job posting read into requirements, built once and reused over any number of resumes.

    >>> target = read_posting_text("ML Engineer\\nRequirements\\n- 3+ years of Python")  # doctest: +SKIP
    >>> target.requirements[0].years  # doctest: +SKIP
    3
    """

    id: str
    title: str
    source: str
    sha256: str
    requirements: tuple[Requirement, ...]
    degrees: tuple[ListedLine, ...] = ()
    unscored: tuple[ListedLine, ...] = ()
    warnings: tuple[str, ...] = ()
    resume_like: bool = False
    roles_found: tuple[str, ...] = field(default=())

    def requirement(self, skill_id: str) -> Requirement:
        """The requirement on one skill; KeyError when the posting does not ask for it."""
        for item in self.requirements:
            if item.skill_id == skill_id:
                return item
        raise KeyError(skill_id)


def heading_role(text: str) -> str | None:
    """The posting role a heading names ("Nice to have" → preferred), or None."""
    if len(text.split()) > MAX_HEADING_WORDS:
        return None
    key = heading_key(text)
    vocabulary = posting_vocabulary()
    if key in vocabulary.headings:
        return vocabulary.headings[key]
    for prefix in vocabulary.about_prefixes:
        rest = key.removeprefix(heading_key(prefix) + " ")
        if rest != key and rest not in vocabulary.about_not_company:
            return COMPANY
    return None


@dataclass(frozen=True)
class _PostingLine:
    line: Line
    role: str
    # Characters of the line before its body: an inline heading ("Nice to have: ") is no text.
    body_start: int = 0


def posting_lines(document: Document) -> tuple[list[_PostingLine], int, int]:
    """Every line with the role of its section, how many headings only a resume has, and how
    many only a posting has ("Experience" and "Skills" head both).

    The first line is the title; lines before any heading are the opening description.
    """
    result: list[_PostingLine] = []
    role = DESCRIPTION
    resume_headings = posting_headings = 0
    titled = False
    for line in document.lines:
        text = line.text.strip()
        if not text:
            continue
        if not titled:
            titled = True
            result.append(_PostingLine(line, TITLE))
            continue
        found = heading_role(text) if not line.item_start else None
        short = len(text.split()) <= MAX_HEADING_WORDS and not line.item_start
        resume_section = section_for_heading(text) if short else None
        if found is None and resume_section in RESUME_ONLY_SECTIONS:
            resume_headings += 1
        if found is not None:
            posting_headings += resume_section is None
            role = found
            continue
        inline = _INLINE_HEADING.match(text)
        if inline and (inline_role := heading_role(inline.group(1))) is not None:
            result.append(
                _PostingLine(line, inline_role, line.text.index(inline.group(2)) if inline.group(2) else 0)
            )
            continue
        result.append(_PostingLine(line, role))
    return result, resume_headings, posting_headings


def title_of(document: Document) -> str:
    """The posting's title: its first line, without a "Job title:" label."""
    for line in document.lines:
        if line.text.strip():
            return _TITLE_LABEL.sub("", line.text.strip())[:MAX_TITLE_CHARS]
    return ""


def job_id(title: str, taken: Sequence[str] = ()) -> str:
    """``job_`` and the title as a slug, numbered when another target already has it."""
    slug = _SLUG.sub("_", title.casefold()).strip("_")[:40].strip("_") or "posting"
    candidate, number = f"job_{slug}", 2
    while candidate in taken:
        candidate, number = f"job_{slug}_{number}", number + 1
    return candidate


@dataclass
class _Sentence:
    text: str
    role: str
    # (line key, offset of that line's text in the sentence's paragraph)
    start: int
    end: int


@dataclass
class _Paragraph:
    text: str = ""
    role: str = DESCRIPTION
    # Each line's (page, number) and where its text starts in ``text``.
    offsets: dict[tuple[int, int], int] = field(default_factory=dict)


def _paragraphs(lines: Sequence[_PostingLine]) -> list[_Paragraph]:
    """Lines joined into paragraphs: a wrapped line continues the sentence above it."""
    paragraphs: list[_Paragraph] = []
    for item in lines:
        text = item.line.text
        previous = paragraphs[-1] if paragraphs else None
        continues = (
            previous is not None
            and previous.role == item.role
            and not item.line.item_start
            and item.body_start == 0
            and not re.search(r"[.!?:;]\s*$", previous.text)
            and bool(re.match(r"\s*[a-z0-9(]", text))
        )
        if not continues:
            previous = _Paragraph(role=item.role)
            paragraphs.append(previous)
        assert previous is not None
        if previous.text:
            previous.text += " "
        previous.offsets[(item.line.page, item.line.number)] = len(previous.text)
        previous.text += text
    return paragraphs


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


@dataclass
class _Placed:
    mention: Mention
    start: int
    end: int


def _sentence_role(sentence: str, role: str) -> str | None:
    """The role a sentence gives its skills: cues override the section's, company sentences of the
    description do not count (None)."""
    vocabulary = posting_vocabulary()
    if role in {COMPANY, BENEFITS, TITLE}:
        return None
    if vocabulary.preferred_cues.search(sentence):
        return PREFERRED
    if role == DESCRIPTION and vocabulary.company_cues.search(sentence):
        return None
    # A responsibility says what the job does ("Build pipelines with Airflow"): only a clear
    # demand on the candidate makes it a must-have.
    demands = role == DESCRIPTION or (
        role == RESPONSIBILITIES and re.match(r"\s*(?:you|we)\b", sentence, re.IGNORECASE)
    )
    if demands and vocabulary.required_cues.search(sentence):
        return REQUIRED
    return role


def _is_alternative(between: str, vocabulary: PostingVocabulary) -> str | None:
    """'or' when the text between two skills makes them either-or, 'comma' for a list comma, None
    when it breaks the list."""
    words = between.strip().strip("()[]").strip()
    if words in {"/", "|"}:
        return "or"
    if words == ",":
        return "comma"
    bare = re.sub(r"^[,(]\s*|\s*[,)]$", "", words).strip().casefold()
    if bare in vocabulary.alternative_words or vocabulary.open_ends.fullmatch(bare):
        return "or"
    if bare.rstrip(",:") in vocabulary.example_words:
        return "example"
    return None


def _open_list(sentence: str, first: _Placed, last: _Placed, vocabulary: PostingVocabulary) -> bool:
    """Whether a comma list is a list of examples, any of which will do: it ends open ("AWS, GCP
    or similar") or stands in parentheses after what it exemplifies ("a cloud provider (AWS, GCP,
    Azure)")."""
    if vocabulary.open_ends.match(sentence, last.end):
        return True
    return sentence[: first.start].rstrip().endswith("(") and sentence[last.end :].lstrip().startswith(")")


def _groups(placed: Sequence[_Placed], sentence: str, vocabulary: PostingVocabulary) -> list[list[_Placed]]:
    """A sentence's skills in either-or groups: joined by "or" or "/", and a comma list joined
    when the list ends with "or" ("React, Vue, or Angular") or is open (``_open_list``)."""
    if not placed:
        return []
    links = [_is_alternative(sentence[a.end : b.start], vocabulary) for a, b in pairwise(placed)]
    if vocabulary.any_of.search(sentence):
        links = ["or" if link == "comma" else link for link in links]
    groups = [[placed[0]]]
    for index, item in enumerate(placed[1:]):
        link = links[index]
        joined = link in {"or", "example"}
        if link == "comma":
            rest = links[index + 1 :]
            following = next((later for later in rest if later != "comma"), None)
            first = index
            while first > 0 and links[first - 1] == "comma":
                first -= 1
            last = (
                index + 1 + next((count for count, later in enumerate(rest) if later != "comma"), len(rest))
            )
            joined = following == "or" or _open_list(sentence, placed[first], placed[last], vocabulary)
        if joined:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _years(sentence: str, placed: Sequence[_Placed], vocabulary: PostingVocabulary) -> dict[int, int]:
    """The years asked of each placed skill (by index): the skills after "N+ years" in its
    sentence up to the next, or the nearest skill before it ("Python (3+ years)")."""
    asked: dict[int, int] = {}
    matches = list(vocabulary.years.finditer(sentence))
    for number, match in enumerate(matches):
        word = match.group("number").casefold()
        years = int(word) if word.isdigit() else vocabulary.year_numbers.get(word)
        if years is None:
            continue
        limit = matches[number + 1].start() if number + 1 < len(matches) else len(sentence)
        after = [index for index, item in enumerate(placed) if match.end() <= item.start < limit]
        before = [index for index, item in enumerate(placed) if item.end <= match.start()]
        for index in after or before[-1:]:
            asked.setdefault(index, years)
    return asked


def _evidence(mention: Mention, role: str) -> Evidence:
    return Evidence(
        text=mention.text,
        section=role,
        page=mention.page,
        line=mention.line,
        score=mention.score,
        line_text=mention.line_text,
    )


def requirements_of(
    lines: Sequence[_PostingLine], mentions: Sequence[Mention], taxonomy: Taxonomy
) -> tuple[tuple[Requirement, ...], tuple[ListedLine, ...], tuple[ListedLine, ...]]:
    """The posting's requirements, most important first and in reading order; its degrees; and
    its must-have and nice-to-have sentences that name no skill of the taxonomy."""
    vocabulary = posting_vocabulary()
    by_line: dict[tuple[int, int], list[Mention]] = {}
    for mention in mentions:
        if mention.claimed:
            by_line.setdefault((mention.page, mention.line), []).append(mention)
    found: dict[str, Requirement] = {}
    order: list[str] = []
    degrees: list[ListedLine] = []
    unscored: list[ListedLine] = []
    for paragraph in _paragraphs(lines):
        placed: list[_Placed] = []
        for key, offset in paragraph.offsets.items():
            cursor = 0
            line_text = paragraph.text[offset:]
            for mention in by_line.get(key, []):
                at = line_text.find(mention.text, cursor)
                if at < 0:
                    at = cursor
                placed.append(_Placed(mention, offset + at, offset + at + len(mention.text)))
                cursor = at + len(mention.text)
        placed.sort(key=lambda item: item.start)
        for start, end in _sentence_spans(paragraph.text):
            sentence = paragraph.text[start:end]
            role = _sentence_role(sentence, paragraph.role)
            if role is None:
                continue
            importance = IMPORTANCE[role]
            degree = bool(vocabulary.degrees.search(sentence))
            if degree:
                degrees.append(ListedLine(sentence.strip(), importance))
            inside = [
                _Placed(item.mention, item.start - start, item.end - start)
                for item in placed
                if start <= item.start < end
                and not (degree and taxonomy.skills[item.mention.skill_id].kind in FIELD_KINDS)
            ]
            if (
                not inside
                and not degree
                and role in {REQUIRED, PREFERRED}
                and len(_LETTER_WORD.findall(sentence)) >= MIN_LISTED_WORDS
            ):
                unscored.append(ListedLine(sentence.strip(), importance))
            years = _years(sentence, inside, vocabulary)
            index_of = {id(item): index for index, item in enumerate(inside)}
            for group in _groups(inside, sentence, vocabulary):
                skill_ids = list(dict.fromkeys(item.mention.skill_id for item in group))
                first = group[0]
                asked = max(
                    (years[index_of[id(item)]] for item in group if index_of[id(item)] in years), default=None
                )
                _add(found, order, taxonomy, skill_ids, importance, asked, _evidence(first.mention, role))
    ranked = sorted(order, key=lambda skill_id: IMPORTANCE_RANK[found[skill_id].importance])
    return tuple(found[skill_id] for skill_id in ranked), tuple(degrees), tuple(unscored)


def _add(
    found: dict[str, Requirement],
    order: list[str],
    taxonomy: Taxonomy,
    skill_ids: Sequence[str],
    importance: str,
    years: int | None,
    evidence: Evidence,
) -> None:
    """Record a requirement, or raise an earlier one on the same skill to the higher importance,
    keeping the alternatives of both and the larger years."""
    primary, alternatives = skill_ids[0], tuple(skill_ids[1:])
    earlier = found.get(primary)
    if earlier is None:
        found[primary] = Requirement(
            primary, taxonomy.skills[primary].name, importance, alternatives, years, evidence
        )
        order.append(primary)
        return
    stronger = IMPORTANCE_RANK[importance] < IMPORTANCE_RANK[earlier.importance]
    merged_alternatives = tuple(dict.fromkeys((*earlier.alternatives, *alternatives)))
    merged_years = max((value for value in (earlier.years, years) if value is not None), default=None)
    found[primary] = Requirement(
        primary,
        earlier.name,
        importance if stronger else earlier.importance,
        merged_alternatives if not stronger else alternatives or earlier.alternatives,
        merged_years,
        evidence if stronger else earlier.evidence,
    )


def _reads_like_resume(
    document: Document, resume_headings: int, posting_headings: int, vocabulary: PostingVocabulary
) -> bool:
    """Whether a posting is a resume: a resume's signs (headings only a resume has; lines dated
    with a span such as "2019 – present", when there are several, as a resume's roles are) reach
    the threshold and outnumber the headings only a posting has."""
    dated_lines = sum(any(not span.single for span in date_ranges(line.text)) for line in document.lines)
    signals = resume_headings + (dated_lines if dated_lines >= vocabulary.resume_like_dated_lines else 0)
    return signals >= vocabulary.resume_like_signals and signals > posting_headings


def target_from_document(document: Document, taxonomy: Taxonomy, taken: Sequence[str] = ()) -> JobTarget:
    """A read posting made into a target: its title, requirements, degrees and warnings."""
    lines, resume_headings, posting_headings = posting_lines(document)
    if not lines:
        raise EmptyPostingError(document.name, "the job posting is empty")
    roles = {item.role for item in lines}
    sectioned = [SectionedLine(item.line, MATCHER_SECTION[item.role]) for item in lines]
    mentions = matcher_for(taxonomy).find(sectioned)
    requirements, degrees, unscored = requirements_of(lines, mentions, taxonomy)
    vocabulary = posting_vocabulary()
    resume_like = _reads_like_resume(document, resume_headings, posting_headings, vocabulary)
    warnings: list[str] = []
    if resume_like:
        warnings.append(
            f"{document.name}: this job posting reads like a resume (its headings are a resume's)"
        )
    if not requirements:
        warnings.append(f"{document.name}: no skill from the taxonomy was found in this job posting")
    title = title_of(document)
    return JobTarget(
        id=job_id(title, taken),
        title=title,
        source=document.name,
        sha256=document.sha256,
        requirements=requirements,
        degrees=degrees,
        unscored=unscored,
        warnings=tuple(warnings),
        resume_like=resume_like,
        roles_found=tuple(sorted(roles)),
    )


def read_posting_bytes(data: bytes, name: str, taxonomy: Taxonomy, taken: Sequence[str] = ()) -> JobTarget:
    """A posting given as bytes (any format the reader takes); ``name`` decides the format."""
    if not data.strip():
        raise EmptyPostingError(name, "the job posting is empty")
    return target_from_document(read_document(data, name), taxonomy, taken)


def read_posting(
    source: str | Path, taxonomy: Taxonomy, taken: Sequence[str] = (), limits: Limits | None = None
) -> JobTarget:
    """A posting file (``"-"`` for standard input) read into a :class:`JobTarget`; with
    ``limits``, read in a child process under them, as a resume is.

    Any problem reading it is a usage error (exit 2) naming the posting: the posting is an
    option's value, not the input being analyzed.
    """
    try:
        name, data = read_source(source, max_size=limits.max_size if limits else None)
        if limits is None or not data.strip():
            return read_posting_bytes(data, name, taxonomy, taken)
        return target_from_document(start_reading(data, name, limits=limits).result(), taxonomy, taken)
    except EmptyPostingError:
        raise
    except SkillgapError as error:
        raise PostingError(error.source, f"job posting: {error.message}") from error


def read_posting_text(text: str, taxonomy: Taxonomy, name: str = "<posting>") -> JobTarget:
    """A posting given as text (plain or Markdown)."""
    return read_posting_bytes(text.encode("utf-8"), name, taxonomy)


class PostingError(SkillgapError):
    """A job posting could not be read: a usage error, since the posting is an option's value."""

    exit_code = ExitCode.USAGE
