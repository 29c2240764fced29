"""Finding skill mentions in sectioned lines: spaCy tokens, a PhraseMatcher, rapidfuzz, context.

Four ways a span can name a skill, tried together and resolved longest-first:

1. exact: a PhraseMatcher over every name and alias, compared in lowercase;
2. compact: the same words run together or split apart ("Tensor Flow", "scikit learn");
3. version: a version glued to a name ("Python3", "TF2", "C++17");
4. fuzzy: a misspelt product name ("Kubernets"), with guards so that short names and ordinary
   words never match.

Ambiguous names ("Go", "R", "Spark", "AI") then have to pass the context rule their taxonomy entry
carries, and mentions inside "currently learning …" are kept apart from claims.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from analyzer.report import Evidence, SkillFound
from analyzer.sections import LEARNING, SKILLS, SectionedLine
from skills import Skill, Taxonomy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

EXACT_SCORE = 100.0
COMPACT_SCORE = 95.0
# Fuzzy matching: only names at least this long (letters, spaces removed) take part, and only
# within this many edits, growing with length, so "Kubernets" finds Kubernetes but "Java" never
# becomes "Jira" and "information" never becomes Informatica.
FUZZY_MIN_LENGTH = 6
FUZZY_LONG_LENGTH = 12
FUZZY_MAX_EDITS = {False: 1, True: 2}
# Only names of things (products, languages) are fuzzy targets: concept phrases are ordinary
# words, and a near miss of one is usually another concept.
FUZZY_KINDS = frozenset({"language", "framework", "library", "tool", "platform", "cloud_service", "database"})
MAX_COMPACT_TOKENS = 4
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
# Skills that name a field of work rather than a technology; in a job title they claim nothing.
FIELD_KINDS = frozenset({"concept", "method", "practice"})
ROLE_NOUNS = frozenset(
    {
        "engineer",
        "engineers",
        "developer",
        "developers",
        "scientist",
        "scientists",
        "analyst",
        "analysts",
        "architect",
        "architects",
        "researcher",
        "researchers",
        "manager",
        "managers",
        "intern",
        "interns",
        "internship",
        "specialist",
        "specialists",
        "consultant",
        "consultants",
        "lead",
        "director",
        "team",
        "teams",
        "group",
        "department",
        "club",
        "society",
        "lab",
        "labs",
    }
)
ROLE_LEVELS = frozenset({"i", "ii", "iii", "iv", "1", "2", "3", "senior", "staff", "principal"})
TITLE_BREAKS = frozenset({"|", ",", "—", "–", "-", "·", "•", "(", "@", "at", ".", ";", ":", "/"})
LIST_SEPARATORS = frozenset({",", ";", "/", "|", "•", "·", "&", "and", "or", "(", ")", ":", "+", "-", "–"})
CLAUSE_END = re.compile(r"[.;!?\n]")
LEARNING_CUES = re.compile(
    r"\b(?:currently|now|actively|still)\s+(?:learning|studying|exploring)\b"
    r"|\b(?:plan|plans|planning|want|wants|hope|hoping|aim|aiming|intend|intending|eager|keen|"
    r"looking|would like)\s+to\s+(?:learn|study|pick up|explore|master)\b"
    r"|\binterested\s+in\s+learning\b|\bfamiliari[sz]ing\s+myself\s+with\b"
    r"|\b(?:moving|transitioning|pivoting|shifting)\s+(?:toward|towards|into|to)\b"
    r"|\bworking\s+(?:through|on)\s+(?:an?\s+|the\s+)?(?:online\s+)?(?:course|book|tutorial)\b"
    r"|\bworking\s+through\b"
    r"|^\s*(?:currently\s+)?learning\s*:",
    re.IGNORECASE,
)
# A learning cue governs the names that follow it within this many characters of its clause.
LEARNING_WINDOW = 160
_BULLETS = r"[•·|▪●◦■►]"
_COMPACT_DROP = re.compile(r"[\s\-_.]+")
_SEPARATED = re.compile(r"[\s\-_.]")
_VERSIONED = re.compile(r"^(?P<base>.*?[A-Za-z+#])[-_]?v?(?P<version>\d+(?:\.\d+)*[a-z]?)$")
_WORDLIKE = re.compile(r"^[A-Za-z][A-Za-z\-]*$")


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


@dataclass
class _Candidate:
    start: int
    end: int
    skill_id: str
    score: float
    method: str
    rank: int = field(default=0)


def compact_key(text: str) -> str:
    """A surface without case, spaces, hyphens, underscores and dots: 'Tensor-Flow' → 'tensorflow'."""
    return _COMPACT_DROP.sub("", text.casefold())


def build_pipeline() -> Language:
    """A blank English spaCy pipeline whose tokenizer keeps tech names matchable.

    C++, .NET, Node.js and CI/CD already tokenize consistently; we add C#/F# as single tokens,
    split list bullets glued to words ("Python•Java") and let "R." end a sentence.
    """
    import spacy
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    nlp = spacy.blank("en")
    defaults = nlp.Defaults
    # "R." and "C." end sentences about languages far more often than they abbreviate a name.
    single_letter_period = r"(?<=^[A-Z])\."
    rules = dict(nlp.tokenizer.rules or {})
    rules.update({special: [{"ORTH": special}] for special in ("C#", "c#", "F#", "f#")})
    # One Tokenizer built with every setting at once: each later change would reload the rules.
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex([*defaults.prefixes, _BULLETS]).search,
        suffix_search=compile_suffix_regex([*defaults.suffixes, _BULLETS, single_letter_period]).search,
        infix_finditer=compile_infix_regex([*defaults.infixes, _BULLETS]).finditer,
        token_match=nlp.tokenizer.token_match,
        url_match=nlp.tokenizer.url_match,
    )
    return nlp


class SkillMatcher:
    """Everything needed to find a taxonomy's skills in text, built once per taxonomy."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        from spacy.matcher import PhraseMatcher

        self.taxonomy = taxonomy
        self.nlp = build_pipeline()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.by_surface: dict[str, str] = {}
        self.by_compact: dict[str, str] = {}
        # Keys of names that are themselves written in parts ("scikit-learn", "Node.js").
        self.separated_compact: set[str] = set()
        self.ambiguous_surfaces: dict[str, str] = {}
        fuzzy_targets: dict[str, str] = {}
        for skill in taxonomy.skills.values():
            rule = skill.ambiguous
            patterns = list(self.nlp.tokenizer.pipe(skill.surfaces))
            self.matcher.add(skill.id, patterns)
            for surface in skill.surfaces:
                lowered = surface.casefold()
                self.by_surface[lowered] = skill.id
                if rule and surface in rule.surfaces:
                    self.ambiguous_surfaces[lowered] = surface
                    continue
                key = compact_key(surface)
                if len(key) >= 4:
                    self.by_compact.setdefault(key, skill.id)
                    if _SEPARATED.search(surface):
                        self.separated_compact.add(key)
                if skill.kind in FUZZY_KINDS and len(key) >= FUZZY_MIN_LENGTH and key.isalpha():
                    fuzzy_targets.setdefault(key, skill.id)
        self.fuzzy_keys = list(fuzzy_targets)
        self.fuzzy_ids = list(fuzzy_targets.values())

    # -- finding -------------------------------------------------------------------------------

    def find(self, lines: Sequence[SectionedLine]) -> list[Mention]:
        """Every mention in the lines, in reading order, ambiguous ones only where they count."""
        text, starts = _flow_text(lines)
        if not text:
            return []
        doc = self.nlp.make_doc(text)
        tokens = list(doc)
        line_of = [bisect.bisect_right(starts, token.idx) - 1 for token in tokens]
        candidates = (
            self._exact(doc, tokens)
            + self._compact(doc, tokens, line_of)
            + self._fuzzy(doc, tokens, line_of, lines)
        )
        chosen = _resolve_overlaps(candidates)
        # Lines holding a mention that needs no context: they make a list of an ambiguous name.
        anchored_lines = {line_of[c.start] for c in chosen if self._ambiguous_surface(doc, c) is None}
        clause_starts = [0, *(match.end() for match in CLAUSE_END.finditer(text))]
        mentions = []
        for candidate in chosen:
            span = doc[candidate.start : candidate.end]
            if self._names_a_role(doc, candidate, line_of):
                continue
            learning = (
                _in_learning_clause(text, span.start_char, clause_starts)
                or lines[line_of[candidate.start]].section == LEARNING
            )
            surface = self._ambiguous_surface(doc, candidate)
            # "Currently learning Rust" names the language whatever its context; it is no claim.
            if (
                surface is not None
                and not (span.text == surface and learning)
                and not self._context_allows(doc, candidate, surface, lines, line_of, anchored_lines)
            ):
                continue
            sectioned = lines[line_of[candidate.start]]
            mentions.append(
                Mention(
                    skill_id=candidate.skill_id,
                    text=span.text,
                    section=sectioned.section,
                    page=sectioned.line.page,
                    line=sectioned.line.number,
                    line_text=sectioned.line.text,
                    score=candidate.score,
                    method=candidate.method,
                    claimed=not learning,
                )
            )
        return mentions

    def _names_a_role(self, doc: Doc, candidate: _Candidate, line_of: Sequence[int]) -> bool:
        """Whether a field is named as part of a job title or team ("ML Engineer", "data
        science team"): that says where someone worked, not what they can do. Technologies in
        titles ("Python Developer") still count."""
        if self.taxonomy.skills[candidate.skill_id].kind not in FIELD_KINDS:
            return False
        following = _neighbour_words(doc, candidate.end - 1, 1, line_of)
        if not following or following[0] not in ROLE_NOUNS:
            return False
        # A title ends its line or gives way to a company, a level or a date; a sentence goes on
        # ("Machine learning engineer who ships models" still claims machine learning).
        rest = [word for word in following[1:] if word not in ROLE_LEVELS]
        return not rest or rest[0] in TITLE_BREAKS

    def _exact(self, doc: Doc, tokens: Sequence[Token]) -> list[_Candidate]:
        found = []
        for match_id, start, end in self.matcher(doc):
            skill_id = self.nlp.vocab.strings[match_id]
            found.append(_Candidate(start, end, skill_id, EXACT_SCORE, "exact", rank=0))
        for token in tokens:
            versioned = _VERSIONED.match(token.text)
            if not versioned:
                continue
            base = versioned.group("base").casefold()
            skill_id = self.by_surface.get(base)
            if skill_id and len(base) >= 2 and base not in self.ambiguous_surfaces:
                found.append(_Candidate(token.i, token.i + 1, skill_id, EXACT_SCORE, "version", rank=1))
        return found

    def _compact(self, doc: Doc, tokens: Sequence[Token], line_of: Sequence[int]) -> list[_Candidate]:
        texts = [token.text for token in tokens]
        joinable = [_joinable(token) for token in tokens]
        # A window's compact key is its tokens' keys run together: spaces never count.
        pieces = [compact_key(text) for text in texts]
        found = []
        for start in range(len(tokens)):
            if not joinable[start] or not texts[start][0].isalnum():
                continue
            key = pieces[start]
            for end in range(start + 2, min(start + MAX_COMPACT_TOKENS, len(tokens)) + 1):
                last = end - 1
                if not joinable[last] or line_of[last] != line_of[start]:
                    break
                key += pieces[last]
                if not texts[last][-1].isalnum() and texts[last] not in ("+", "#"):
                    continue
                skill_id = self.by_compact.get(key)
                if skill_id and self._compact_is_a_name(doc[start:end], key):
                    found.append(_Candidate(start, end, skill_id, COMPACT_SCORE, "compact", rank=2))
        return found

    def _compact_is_a_name(self, window: Span, key: str) -> bool:
        """Whether words run together really spell a name. "scikit learn" does (the name is
        written in parts anyway) and "Tensor Flow" does (capitals mark a name), but ordinary words
        that happen to join into one ("at scale", "quick check", "data flow") do not."""
        if key in self.separated_compact:
            return True
        return not any(token.is_stop for token in window) and any(char.isupper() for char in window.text)

    def _fuzzy(
        self, doc: Doc, tokens: Sequence[Token], line_of: Sequence[int], lines: Sequence[SectionedLine]
    ) -> list[_Candidate]:
        found = []
        for token in tokens:
            word = token.text
            if len(word) < FUZZY_MIN_LENGTH or not _WORDLIKE.match(word) or token.is_stop:
                continue
            # A typo is taken for a name only in the skills section, or where a capital letter
            # marks the word as a name: in a list, or mid-sentence where no sentence start explains it.
            in_skills = lines[line_of[token.i]].section == SKILLS
            capitalized = word[0].isupper() and (
                _between_separators(doc, token.i, token.i + 1, line_of)
                or not _starts_clause(doc, token.i, line_of)
            )
            if not (in_skills or capitalized):
                continue
            key = compact_key(word)
            if key in self.by_compact or key in self.ambiguous_surfaces:
                continue
            max_edits = FUZZY_MAX_EDITS[len(key) >= FUZZY_LONG_LENGTH]
            best = process.extractOne(
                key, self.fuzzy_keys, scorer=Levenshtein.distance, score_cutoff=max_edits
            )
            if best is None:
                continue
            target, _, index = best
            if target[0] != key[0] or _is_inflection(key, target):
                continue
            found.append(
                _Candidate(
                    token.i,
                    token.i + 1,
                    self.fuzzy_ids[index],
                    round(fuzz.ratio(key, target), 1),
                    "fuzzy",
                    rank=3,
                )
            )
        return found

    # -- context ---------------------------------------------------------------------------------

    def _ambiguous_surface(self, doc: Doc, candidate: _Candidate) -> str | None:
        """The ambiguous surface a candidate spells (in any case), if it spells one."""
        return self.ambiguous_surfaces.get(doc[candidate.start : candidate.end].text.casefold())

    def _context_allows(
        self,
        doc: Doc,
        candidate: _Candidate,
        surface: str,
        lines: Sequence[SectionedLine],
        line_of: Sequence[int],
        anchored_lines: set[int],
    ) -> bool:
        skill: Skill = self.taxonomy.skills[candidate.skill_id]
        rule = skill.ambiguous
        span = doc[candidate.start : candidate.end]
        if rule is None or span.text != surface:
            return False
        before = _neighbour_words(doc, candidate.start, -1, line_of)
        after = _neighbour_words(doc, candidate.end - 1, 1, line_of)
        if _any_cue(before, rule.reject_before, reverse=True) or _any_cue(after, rule.reject_after):
            return False
        if not rule.needs:
            return True
        line_index = line_of[candidate.start]
        signals = {
            "skills_section": lines[line_index].section == SKILLS,
            "cue": _any_cue(before, rule.cues_before, reverse=True) or _any_cue(after, rule.cues_after),
            "list": _between_separators(doc, candidate.start, candidate.end, line_of)
            and line_index in anchored_lines,
        }
        return any(signals[need] for need in rule.needs)


def _joinable(token: object) -> bool:
    text = token.text  # type: ignore[attr-defined]
    return not token.is_space and (text[0].isalnum() or text in {"-", ".", "/", "+", "#", "_"})  # type: ignore[attr-defined]


def _is_inflection(word: str, target: str) -> bool:
    """A plural or verb form of a name ('Dockers', 'Reacting') is another word, not a typo."""
    return any(word == target + suffix for suffix in ("s", "es", "ed", "ing", "er", "ers"))


def _neighbour_words(doc: Doc, index: int, step: int, line_of: Sequence[int]) -> list[str]:
    """Up to three lowercase tokens next to a span on its own line, nearest first."""
    words = []
    position = index + step
    while 0 <= position < len(doc) and len(words) < 3:
        token = doc[position]
        if line_of[position] != line_of[index]:
            break
        if not token.is_space:
            words.append(token.lower_)
        position += step
    return words


def _any_cue(words: Sequence[str], cues: frozenset[str], *, reverse: bool = False) -> bool:
    """Whether the nearest words spell one of the cues (multi-word cues read in text order)."""
    for count in range(1, len(words) + 1):
        nearest = words[:count]
        phrase = " ".join(reversed(nearest) if reverse else nearest)
        if phrase in cues:
            return True
    return False


def _between_separators(doc: Doc, start: int, end: int, line_of: Sequence[int]) -> bool:
    """Whether a span stands as a list item: a separator or a line edge on each side."""

    def separated(position: int, inside: int) -> bool:
        if not 0 <= position < len(doc) or line_of[position] != line_of[inside]:
            return True
        token = doc[position]
        return token.is_space or token.lower_ in LIST_SEPARATORS or (token.text == "." and position > inside)

    return separated(start - 1, start) and separated(end, end - 1)


def _starts_clause(doc: Doc, index: int, line_of: Sequence[int]) -> bool:
    """Whether a token opens its line or follows sentence punctuation (so a capital says nothing)."""
    if index == 0 or line_of[index - 1] != line_of[index]:
        return True
    return doc[index - 1].text in {".", "!", "?", ":", ";", "•", "|", "(", "-", "–"}


def _in_learning_clause(text: str, offset: int, clause_starts: Sequence[int]) -> bool:
    """Whether the clause holding ``offset`` says the skill is being learned, not claimed."""
    clause_start = clause_starts[bisect.bisect_right(clause_starts, offset) - 1]
    clause_start = max(clause_start, offset - LEARNING_WINDOW)
    return bool(LEARNING_CUES.search(text[clause_start:offset]))


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first, then earliest, then the most exact method."""
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start, c.rank))
    taken: set[int] = set()
    chosen = []
    for candidate in ordered:
        positions = range(candidate.start, candidate.end)
        if taken.intersection(positions):
            continue
        taken.update(positions)
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


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


@lru_cache(maxsize=4)
def matcher_for(taxonomy: Taxonomy) -> SkillMatcher:
    """The matcher of a taxonomy, built once and reused for every resume."""
    return SkillMatcher(taxonomy)


def confidence(mention: Mention) -> float:
    """How sure a mention is a claim, in [0, 1]: how exactly it matched, times how much its
    section is a place where people state what they can do."""
    return round(mention.score / EXACT_SCORE * SECTION_CONFIDENCE.get(mention.section, 0.9), 3)


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
