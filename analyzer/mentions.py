"""Finding skill mentions in sectioned lines, and folding them into skills.

The stages, each in its own module: :mod:`analyzer.tokenizer` splits the text,
:mod:`analyzer.finders` finds the spans that name a skill (exactly, run together, with a version,
misspelt) over the names :mod:`analyzer.patterns` keeps tokenized, and :mod:`analyzer.context`
decides which of them are claims: ambiguous names ("Go", "R", "Spark", "AI") have to pass the
context rule their taxonomy entry carries, and mentions inside "currently learning …" are kept
apart from claims.
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from analyzer.context import (
    CLAUSE_END,
    FIELD_KINDS,
    clause_has,
    context_allows,
    labelled_rows,
    names_a_place,
    names_a_role,
    names_an_employer,
    spells,
)
from analyzer.finders import EXACT_SCORE, Candidate, CandidateFinder
from analyzer.languages import vocabulary
from analyzer.report import Evidence, SkillFound
from analyzer.sections import LEARNING, SectionedLine
from analyzer.tokenizer import Tokens, build_tokenizer
from skills import Taxonomy

__all__ = [
    "FIELD_KINDS",
    "Mention",
    "SkillMatcher",
    "build_tokenizer",
    "confidence",
    "matcher_for",
    "skills_found",
]

# Words the tokenizer learns for good (and caches the splits of) before the words new to it are
# kept only while the resume that brought them is matched; each costs about 0.7 KB.
SHARED_VOCABULARY = 12_000
# How much a mention in each section says the person can do the thing (summary claims are made
# in passing, coursework was studied, a header or an interest is no statement of ability).
SECTION_CONFIDENCE = {
    "skills": 1.0,
    "experience": 1.0,
    "projects": 1.0,
    "certifications": 0.95,
    "publications": 0.95,
    "summary": 0.9,
    "education": 0.85,
    "coursework": 0.8,
    "awards": 0.8,
    "volunteering": 0.8,
    "header": 0.7,
    "interests": 0.5,
}
# Sections where a name alone on its line labels a link to a profile, not a claim.
LINK_SECTIONS = frozenset({"header", "contact"})
# A list wraps over at most this many lines on either side of a name that anchors it.
LIST_WRAP_LINES = 2
# How much a hedged claim ("familiar with Rust", "Exposure: Go") is worth beside a plain one.
HEDGED_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Mention:
    """One place the resume names a skill."""

    skill_id: str
    text: str
    section: str
    page: int
    line: int
    line_text: str
    score: float
    method: str
    claimed: bool = True
    hedged: bool = False


class SkillMatcher(CandidateFinder):
    """Everything needed to find a taxonomy's skills in text, built once per taxonomy."""

    def find(self, lines: Sequence[SectionedLine]) -> list[Mention]:
        """Every mention in the lines, in reading order, ambiguous ones only where they count."""
        text, starts = _flow_text(lines)
        if not text:
            return []
        vocabulary = self.tokenizer.vocab
        if len(vocabulary) < SHARED_VOCABULARY:
            return self._find(text, starts, lines)
        # spaCy keeps every word it has tokenized, and a resume brings words no other has (names,
        # e-mails, numbers): over thousands of resumes a worker would grow without end. Once the
        # vocabulary holds the words resumes share, each resume's own words go with it.
        with vocabulary.memory_zone():
            return self._find(text, starts, lines)

    def _find(self, text: str, starts: Sequence[int], lines: Sequence[SectionedLine]) -> list[Mention]:
        doc = self.tokenizer(text)
        tokens = Tokens.of(doc, text, starts)
        chosen = self.candidates(doc, tokens, lines)
        clause_starts = [0, *(match.end() for match in CLAUSE_END.finditer(text))]
        # Where a mention that needs no context stands: its list makes a list of an ambiguous name,
        # also on the list's wrapped lines ("…, Kubernetes," / "Vagrant, Helm").
        anchors: dict[int, set[int]] = {}
        for c in chosen:
            if self._ambiguous_surface(tokens, c) is None:
                clause = bisect.bisect_right(clause_starts, tokens.offsets[c.start]) - 1
                anchors.setdefault(clause, set()).add(tokens.line_of[c.start])

        def anchored(index: int) -> bool:
            clause = bisect.bisect_right(clause_starts, tokens.offsets[index]) - 1
            line = tokens.line_of[index]
            return any(abs(line - other) <= LIST_WRAP_LINES for other in anchors.get(clause, ()))

        learning_rows = labelled_rows(lines, vocabulary().learning_labels)
        hedged_rows = labelled_rows(lines, vocabulary().hedge_labels)
        mentions = []
        for candidate in chosen:
            if names_a_role(tokens, candidate, self.taxonomy):
                continue
            span_text = tokens.span_text(candidate.start, candidate.end)
            sectioned = lines[tokens.line_of[candidate.start]]
            if names_a_place(tokens, candidate) or names_an_employer(tokens, candidate):
                continue
            # "Github" or "Kaggle" alone on a line of the header labels a profile link.
            if sectioned.section in LINK_SECTIONS and span_text == sectioned.line.text.strip(" :|·•"):
                continue
            offset = tokens.offsets[candidate.start]
            cues = vocabulary()
            line_index = tokens.line_of[candidate.start]
            learning = (
                clause_has(cues.learning, text, offset, clause_starts)
                or line_index in learning_rows
                or sectioned.section == LEARNING
            )
            hedged = clause_has(cues.hedges, text, offset, clause_starts) or line_index in hedged_rows
            surface = self._ambiguous_surface(tokens, candidate)
            # "Currently learning Rust" names the language whatever its context; it is no claim.
            if (
                surface is not None
                and not (spells(span_text, surface) and learning)
                and not context_allows(tokens, candidate, surface, lines, anchored(candidate.start), self.taxonomy)
            ):
                continue
            mentions.append(
                Mention(
                    skill_id=candidate.skill_id,
                    text=span_text,
                    section=sectioned.section,
                    page=sectioned.line.page,
                    line=sectioned.line.number,
                    line_text=sectioned.line.text,
                    score=candidate.score,
                    method=candidate.method,
                    claimed=not learning,
                    hedged=hedged,
                )
            )
        return mentions

    def _ambiguous_surface(self, tokens: Tokens, candidate: Candidate) -> str | None:
        """The ambiguous surface a candidate spells (in any case), if it spells one."""
        return self.ambiguous_surfaces.get(tokens.span_text(candidate.start, candidate.end).casefold())


def _flow_text(lines: Sequence[SectionedLine]) -> tuple[str, list[int]]:
    """The lines as one text and each line's start offset.

    Wrapped lines join with a space so a name broken across lines still matches; a new section
    or a new list item starts after a newline, which no name spans.
    """
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    previous: SectionedLine | None = None
    for sectioned in lines:
        if previous is not None:
            hard = sectioned.section != previous.section or sectioned.line.item_start
            parts.append("\n" if hard else " ")
            offset += 1
        starts.append(offset)
        parts.append(sectioned.line.text)
        offset += len(sectioned.line.text)
        previous = sectioned
    return "".join(parts), starts


# Matchers kept at once, one per taxonomy: a process seldom uses more than one or two.
MAX_MATCHERS = 4
_matchers: dict[Taxonomy, SkillMatcher] = {}


def matcher_for(taxonomy: Taxonomy, cache_dir: str | Path | None = None) -> SkillMatcher:
    """The matcher of a taxonomy, built once and reused for every resume.

    ``cache_dir`` only speeds up the first build (see :class:`SkillMatcher`): a matcher already
    built is returned whatever the directory, since the cache never changes what it finds.
    """
    matcher = _matchers.get(taxonomy)
    if matcher is not None:
        return matcher
    # Importing spaCy and building the matcher make a few hundred thousand objects that live as
    # long as the process, and next to no garbage: collecting meanwhile only adds a sixth.
    collecting = gc.isenabled()
    gc.disable()
    try:
        matcher = SkillMatcher(taxonomy, cache_dir)
    finally:
        if collecting:
            gc.enable()
    if len(_matchers) >= MAX_MATCHERS:
        del _matchers[next(iter(_matchers))]
    _matchers[taxonomy] = matcher
    return matcher


def confidence(mention: Mention) -> float:
    """How sure a mention is a claim, in [0, 1]: how exactly it matched, times how much its
    section is a place where people state what they can do, times less when the claim is hedged."""
    hedge = HEDGED_CONFIDENCE if mention.hedged else 1.0
    return round(mention.score / EXACT_SCORE * SECTION_CONFIDENCE.get(mention.section, 0.9) * hedge, 3)


def skills_found(
    mentions: Sequence[Mention], taxonomy: Taxonomy
) -> tuple[tuple[SkillFound, ...], tuple[SkillFound, ...]]:
    """Mentions folded into skills: (claimed, only being learned), each in order of first mention.

    A skill named both as a claim and as something being learned counts as claimed.
    """
    evidence: dict[str, list[Evidence]] = {}
    seen: set[Evidence] = set()
    claimed: set[str] = set()
    for mention in mentions:
        item = Evidence(
            text=mention.text,
            section=mention.section,
            page=mention.page,
            line=mention.line,
            score=mention.score,
            line_text=mention.line_text,
            confidence=confidence(mention),
        )
        if item not in seen:
            seen.add(item)
            evidence.setdefault(mention.skill_id, []).append(item)
        if mention.claimed:
            claimed.add(mention.skill_id)

    def found(skill_id: str) -> SkillFound:
        skill = taxonomy.skills[skill_id]
        return SkillFound(skill.id, skill.name, skill.kind, tuple(evidence[skill_id]))

    return (
        tuple(found(skill_id) for skill_id in evidence if skill_id in claimed),
        tuple(found(skill_id) for skill_id in evidence if skill_id not in claimed),
    )
