"""The four ways a span of tokens can name a skill, tried together and resolved longest-first.

1. exact: a PhraseMatcher over every name and alias, compared in lowercase;
2. compact: the same words run together or split apart ("Tensor Flow", "scikit learn");
3. version: a version glued to a name ("Python3", "TF2", "C++17");
4. fuzzy: a misspelt product name ("Kubernets"), with guards so that short names and ordinary
   words never match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from analyzer.languages import is_ordinary_word
from analyzer.patterns import pattern_keys
from analyzer.sections import SKILLS, SectionedLine
from analyzer.tokenizer import Tokens, build_tokenizer, compact_key
from skills import Taxonomy

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
_SEPARATED = re.compile(r"[\s\-_.]")
_VERSIONED = re.compile(r"^(?P<base>.*?[A-Za-z+#])[-_]?v?(?P<version>\d+(?:\.\d+)*[a-z]?)$")
_WORDLIKE = re.compile(r"^[A-Za-z][A-Za-z\-]*$")


@dataclass
class Candidate:
    """A span of tokens a finder takes for a skill's name."""

    start: int
    end: int
    skill_id: str
    score: float
    method: str
    rank: int = field(default=0)


class CandidateFinder:
    """A taxonomy's names indexed for the four finders, built once per taxonomy."""

    def __init__(self, taxonomy: Taxonomy, cache_dir: str | Path | None = None) -> None:
        """``cache_dir``, when given, keeps the tokenized names for the next start."""
        from spacy.matcher import PhraseMatcher

        self.taxonomy = taxonomy
        self.tokenizer = build_tokenizer()
        self.matcher = PhraseMatcher(self.tokenizer.vocab, attr="LOWER")
        self.by_surface: dict[str, str] = {}
        self.by_compact: dict[str, str] = {}
        # Keys of names that are themselves written in parts ("scikit-learn", "Node.js").
        self.separated_compact: set[str] = set()
        self.ambiguous_surfaces: dict[str, str] = {}
        fuzzy_targets: dict[str, str] = {}
        for skill_id, keys in pattern_keys(self.tokenizer, taxonomy, cache_dir).items():
            # Besides Docs, spaCy takes a name as its tokens' LOWER hashes, which is what is cached.
            self.matcher.add(skill_id, keys)  # type: ignore[arg-type]
        for skill in taxonomy.skills.values():
            rule = skill.ambiguous
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
        # Every start of a compact key: a run of tokens that is none can be given up at once.
        self.compact_prefixes = {key[:end] for key in self.by_compact for end in range(len(key) + 1)}
        self.fuzzy_targets = fuzzy_targets
        self._fuzzy_pools: dict[int, tuple[list[str], list[str]]] = {}
        # The same capitalized words (names, places, headings) recur across a folder of resumes.
        self._nearest_name = lru_cache(maxsize=1 << 12)(self._nearest_name_uncached)

    def candidates(self, doc: Doc, tokens: Tokens, lines: Sequence[SectionedLine]) -> list[Candidate]:
        """Every span the finders take for a name, overlaps resolved longest-first."""
        return resolve_overlaps(self._exact(doc, tokens) + self._compact(tokens) + self._fuzzy(tokens, lines))

    def _exact(self, doc: Doc, tokens: Tokens) -> list[Candidate]:
        strings = self.tokenizer.vocab.strings
        found = [
            Candidate(start, end, strings[match_id], EXACT_SCORE, "exact", rank=0)
            for match_id, start, end in self.matcher(doc)
        ]
        for index, word in enumerate(tokens.words):
            # A version ends in a digit, or in a digit and one letter ("3.8b"), after a name.
            if word.isdigit() or not (word[-1].isdigit() or (len(word) > 1 and word[-2].isdigit())):
                continue
            versioned = _VERSIONED.match(word)
            if not versioned:
                continue
            base = versioned.group("base").casefold()
            skill_id = self.by_surface.get(base)
            if skill_id and len(base) >= 2 and base not in self.ambiguous_surfaces:
                found.append(Candidate(index, index + 1, skill_id, EXACT_SCORE, "version", rank=1))
        return found

    def _compact(self, tokens: Tokens) -> list[Candidate]:
        words, line_of = tokens.words, tokens.line_of
        found = []
        for start, word in enumerate(words):
            if not word[0].isalnum():
                continue
            # A window's compact key is its tokens' keys run together: spaces never count.
            key = compact_key(word)
            if key not in self.compact_prefixes:
                continue
            if self._run_together_name(tokens, start, key):
                found.append(Candidate(start, start + 1, self.by_compact[key], COMPACT_SCORE, "compact", rank=2))
            for end in range(start + 2, min(start + MAX_COMPACT_TOKENS, len(words)) + 1):
                last = end - 1
                if not tokens.joinable(last) or line_of[last] != line_of[start]:
                    break
                key += compact_key(words[last])
                if key not in self.compact_prefixes:
                    break
                if not words[last][-1].isalnum() and words[last] not in ("+", "#"):
                    continue
                skill_id = self.by_compact.get(key)
                if skill_id and self._compact_is_a_name(tokens, start, end, key):
                    found.append(Candidate(start, end, skill_id, COMPACT_SCORE, "compact", rank=2))
        return found

    def _run_together_name(self, tokens: Tokens, index: int, key: str) -> bool:
        """Whether one token is a name written in parts run together ("Scikitlearn", "NodeJS",
        "Scikit-" rejoined with "learn" at a line end). Only names of things qualify: concept
        phrases run together ("dataflow") are words of their own."""
        skill_id = self.by_compact.get(key)
        if skill_id is None or key not in self.separated_compact or tokens.stops[index]:
            return False
        return self.taxonomy.skills[skill_id].kind in FUZZY_KINDS

    def _compact_is_a_name(self, tokens: Tokens, start: int, end: int, key: str) -> bool:
        """Whether words run together really spell a name. "scikit learn" does (the name is
        written in parts anyway) and "Tensor Flow" does (capitals mark a name), but ordinary words
        that happen to join into one ("at scale", "quick check", "data flow") do not."""
        if key in self.separated_compact:
            return True
        return not any(tokens.stops[start:end]) and any(
            char.isupper() for char in tokens.span_text(start, end)
        )

    def _fuzzy(self, tokens: Tokens, lines: Sequence[SectionedLine]) -> list[Candidate]:
        found = []
        for index, word in enumerate(tokens.words):
            if len(word) < FUZZY_MIN_LENGTH or tokens.stops[index] or not _WORDLIKE.match(word):
                continue
            # A typo is taken for a name only in the skills section, or where a capital letter
            # marks the word as a name: in a list, or mid-sentence where no sentence start explains it.
            in_skills = lines[tokens.line_of[index]].section == SKILLS
            capitalized = word[0].isupper() and (
                tokens.between_separators(index, index + 1) or not tokens.starts_clause(index)
            )
            if not (in_skills or capitalized):
                continue
            key = compact_key(word)
            if key in self.by_compact or key in self.ambiguous_surfaces:
                continue
            best = self._nearest_name(key)
            if best is None:
                continue
            target, skill_id = best
            if target[0] != key[0] or _is_inflection(key, target):
                continue
            # A correctly spelled word ("Detection", "Networks", "Talent") is no misspelt name.
            if all(is_ordinary_word(part) for part in word.split("-") if part):
                continue
            score = round(fuzz.ratio(key, target), 1)
            found.append(Candidate(index, index + 1, skill_id, score, "fuzzy", rank=3))
        return found

    def _nearest_name_uncached(self, key: str) -> tuple[str, str] | None:
        """The fuzzy target nearest to ``key`` within the edits its length allows (the first in
        taxonomy order on a tie), with its skill id."""
        max_edits = FUZZY_MAX_EDITS[len(key) >= FUZZY_LONG_LENGTH]
        targets, skill_ids = self._fuzzy_pool(len(key), max_edits)
        best = process.extractOne(key, targets, scorer=Levenshtein.distance, score_cutoff=max_edits)
        if best is None:
            return None
        target, _, position = best
        return target, skill_ids[position]

    def _fuzzy_pool(self, length: int, max_edits: int) -> tuple[list[str], list[str]]:
        """The fuzzy targets a word of this length can be within ``max_edits`` of, in taxonomy
        order: a name more letters longer or shorter than the edits allowed never is."""
        pool = self._fuzzy_pools.get(length)
        if pool is None:
            nearby = [
                (target, skill_id)
                for target, skill_id in self.fuzzy_targets.items()
                if abs(len(target) - length) <= max_edits
            ]
            pool = self._fuzzy_pools[length] = ([t for t, _ in nearby], [i for _, i in nearby])
        return pool


def _is_inflection(word: str, target: str) -> bool:
    """A plural or verb form of a name ('Dockers', 'Reacting') is another word, not a typo."""
    return any(word == target + suffix for suffix in ("s", "es", "ed", "ing", "er", "ers"))


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
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
