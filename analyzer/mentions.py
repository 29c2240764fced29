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
import functools
import gc
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from analyzer.languages import is_ordinary_word, places, vocabulary
from analyzer.report import Evidence, SkillFound
from analyzer.sections import LEARNING, SKILLS, SectionedLine
from skills import Skill, Taxonomy

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
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
# Words the tokenizer learns for good (and caches the splits of) before the words new to it are
# kept only while the resume that brought them is matched; each costs about 0.7 KB.
SHARED_VOCABULARY = 12_000
# Bump whenever build_tokenizer changes how text is split: cached patterns are its output.
TOKENIZER_VERSION = "2"
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
# Skills that name a field of work rather than a technology; in a job title they claim nothing.
FIELD_KINDS = frozenset({"concept", "method", "practice"})
# A title may join this many more fields to the first one, with one of these between them.
MAX_JOINED_FIELDS = 2
FIELD_JOINERS = frozenset({"/", "&", "+"})
# After a job title's noun ("Engineer at Databricks"), the name after one of these markers is the
# employer, as long as it ends the title's item. Job nouns, levels and links are data per language.
EMPLOYER_MARKERS = frozenset({"at", "@", ",", "|", "—", "–", "-", "·"})
EMPLOYER_ENDS = frozenset({"|", "—", "–", "-", "·", "(", ";"})
# How many words before a name a job title's noun may stand ("Senior ML Engineer II at X").
EMPLOYER_REACH = 4
# A town named after an employer ("OpenAI, San Francisco, CA") has at most this many words.
MAX_TOWN_WORDS = 3
# Words after a job title's noun that end the title: "Full-stack developer for B2B SaaS" names
# the client next, where "Machine learning engineer who ships models" goes on to a claim.
TITLE_BREAKS = frozenset({"|", ",", "—", "–", "-", "·", "•", "(", "@", "at", ".", ";", ":", "/", "for"})
# Punctuation that separates list items; the words that join them ("and", "y", "und") are data.
LIST_PUNCTUATION = frozenset({",", ";", "/", "|", "•", "·", "&", "(", ")", "[", "]", ":", "+", "-", "–"})
# A full stop ends a clause only before a space or the end: the dots inside "ASP.NET" and
# "Node.js" do not.
CLAUSE_END = re.compile(r"[;!?\n]|\.(?=\s|$)")
# A list wraps over at most this many lines on either side of a name that anchors it.
LIST_WRAP_LINES = 2
# A learning cue or a hedge governs the names that follow it within this many characters of its
# clause.
LEARNING_WINDOW = 160
# How much a hedged claim ("familiar with Rust", "Exposure: Go") is worth beside a plain one.
HEDGED_CONFIDENCE = 0.6
# An ambiguous name ("Go", "R") keeps its exact case when it is this short or an ordinary word;
# other ambiguous names ("GitHub", written "Github") need only their context.
CASE_SENSITIVE_LENGTH = 2
_BULLETS = r"[•·|▪●◦■►]"
_COMPACT_DROP = re.compile(r"[\s\-_.]+")
_SEPARATED = re.compile(r"[\s\-_.]")
# A version written apart from its name ("Prisma 7", "Python 3.12", "Spark v3").
_VERSION = re.compile(r"^v?\d+(?:\.\d+)*x?$")
_VERSIONED = re.compile(r"^(?P<base>.*?[A-Za-z+#])[-_]?v?(?P<version>\d+(?:\.\d+)*[a-z]?)$")
_WORDLIKE = re.compile(r"^[A-Za-z][A-Za-z\-]*$")
# Tokens that may sit inside a name written in parts ("scikit - learn", "node . js").
_JOINERS = frozenset({"-", ".", "/", "+", "#", "_"})


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


@dataclass
class _Candidate:
    start: int
    end: int
    skill_id: str
    score: float
    method: str
    rank: int = field(default=0)


# Small enough that a worker's memory stays flat: the words worth caching are the frequent ones.
@lru_cache(maxsize=1 << 12)
def compact_key(text: str) -> str:
    """A surface without case, spaces, hyphens, underscores and dots: 'Tensor-Flow' → 'tensorflow'."""
    return _COMPACT_DROP.sub("", text.casefold())


def build_tokenizer() -> Tokenizer:
    """spaCy's English tokenizer, set up so tech names stay matchable.

    C++, .NET, Node.js and CI/CD already tokenize consistently; we add C#/F# as single tokens,
    split list bullets and brackets glued to words ("Python•Java", "Tools(Python") and let "R."
    end a sentence. Only the vocabulary and the tokenizer are built: a full blank pipeline would
    cost several times more to start and nothing here uses it.
    """
    from spacy.attrs import IS_SPACE, IS_STOP, LOWER
    from spacy.lang import lex_attrs
    from spacy.lang.en import English
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
    from spacy.vocab import Vocab

    defaults = English.Defaults
    # Each new word gets every lexical attribute computed in Python; we read only these three
    # (the matcher compares LOWER), and the rest would double the cost of a word never seen.
    getters = {
        LOWER: lex_attrs.lower,
        IS_STOP: functools.partial(lex_attrs.is_stop, stops=defaults.stop_words),
        IS_SPACE: lex_attrs.is_space,
    }
    # "R." and "C." end sentences about languages far more often than they abbreviate a name.
    single_letter_period = r"(?<=^[A-Z])\."
    # spaCy counts whitespace ("\n", "\t") among its special cases, and once a special case has
    # matched in a text its tokenizer stops caching the words that follow (it cannot tell which
    # cached splits a special case shaped). Our texts break lines after every section, so each
    # word would be split afresh: ~10x the time. Whitespace tokenizes the same without the rules.
    rules = {text: tokens for text, tokens in defaults.tokenizer_exceptions.items() if not text.isspace()}
    rules.update({special: [{"ORTH": special}] for special in ("C#", "c#", "F#", "f#")})
    # Brackets glued to words ("Lenguajes(Python,Java y C#)", "Office(Excel") open and close
    # a list all the same.
    glued_brackets = [r"(?<=\w)[(\[{](?=\w)", r"(?<=[\w+#])[)\]}](?=\w)"]
    return Tokenizer(
        Vocab(lex_attr_getters=getters),
        rules=rules,
        prefix_search=compile_prefix_regex([*defaults.prefixes, _BULLETS]).search,
        suffix_search=compile_suffix_regex([*defaults.suffixes, _BULLETS, single_letter_period]).search,
        infix_finditer=compile_infix_regex([*defaults.infixes, _BULLETS, *glued_brackets]).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


def _pattern_keys(tokenizer: Tokenizer, taxonomy: Taxonomy) -> dict[str, list[list[int]]]:
    """Every skill's names as the matcher compares them: the LOWER hash of each token.

    Tokenizing five thousand names costs a tenth of a second at every start, and the hashes come
    out the same each time, so they are kept in the user's cache, keyed by the names, spaCy's
    version and our tokenizer's.
    """
    import spacy
    from spacy.attrs import LOWER

    from analyzer.cache import default_cache_dir

    surfaces = {skill.id: list(skill.surfaces) for skill in taxonomy.skills.values()}
    key = json.dumps([spacy.__version__, TOKENIZER_VERSION, surfaces], ensure_ascii=False)
    entry = default_cache_dir() / "patterns" / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.json"
    try:
        return json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    keys = {
        skill_id: [doc.to_array(LOWER).tolist() for doc in tokenizer.pipe(names)]
        for skill_id, names in surfaces.items()
    }
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(keys), encoding="utf-8")
        os.replace(temporary, entry)
    except OSError:
        pass  # a cache that cannot be written only costs speed
    return keys


@dataclass(frozen=True)
class _Tokens:
    """A text's tokens as plain lists, read from spaCy's Doc once: every pass over the tokens
    indexes these instead of making spaCy build Token objects again."""

    text: str
    words: list[str]
    lowers: list[str]
    stops: list[bool]
    spaces: list[bool]
    offsets: list[int]
    line_of: list[int]

    @classmethod
    def of(cls, doc: Doc, text: str, line_starts: Sequence[int]) -> _Tokens:
        from spacy.attrs import IDX, IS_SPACE, IS_STOP, LENGTH

        # One array copy out of the Doc costs a fraction of visiting every Token object.
        offsets, lengths, stops, spaces = doc.to_array([IDX, LENGTH, IS_STOP, IS_SPACE]).T.tolist()
        words = [text[offset : offset + length] for offset, length in zip(offsets, lengths, strict=True)]
        # spaCy's LOWER attribute is str.lower of the token's text.
        lowers = [word.lower() for word in words]
        line_of = [bisect.bisect_right(line_starts, offset) - 1 for offset in offsets]
        return cls(text, words, lowers, stops, spaces, offsets, line_of)

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.offsets[start] : self.offsets[end - 1] + len(self.words[end - 1])]

    def neighbour_words(self, index: int, step: int, count: int = 3) -> list[str]:
        """Up to ``count`` lowercase tokens next to ``index`` on its own line, nearest first."""
        words: list[str] = []
        position = index + step
        while 0 <= position < len(self.words) and len(words) < count:
            if self.line_of[position] != self.line_of[index]:
                break
            if not self.spaces[position]:
                words.append(self.lowers[position])
            position += step
        return words

    def between_separators(self, start: int, end: int) -> bool:
        """Whether a span stands as a list item: a separator or a line edge on each side."""
        return self._separated(start - 1, start) and self.ends_item(end)

    def ends_item(self, end: int) -> bool:
        """Whether a span ending before ``end`` ends a list item: a separator or the line's end
        follows it, not another word of the same phrase. A version after the name stays in its
        item ("Next.js 14, Prisma 7, and PostgreSQL")."""
        if end < len(self.words) and self.line_of[end] == self.line_of[end - 1] and _VERSION.match(self.words[end]):
            return self._separated(end + 1, end)
        return self._separated(end, end - 1)

    def _separated(self, position: int, inside: int) -> bool:
        if not 0 <= position < len(self.words) or self.line_of[position] != self.line_of[inside]:
            return True
        return (
            self.spaces[position]
            or self.lowers[position] in LIST_PUNCTUATION
            or self.lowers[position] in vocabulary().connectors
            or (self.words[position] == "." and position > inside)
        )

    def starts_clause(self, index: int) -> bool:
        """Whether a token opens its line or follows sentence punctuation (so a capital says
        nothing)."""
        if index == 0 or self.line_of[index - 1] != self.line_of[index]:
            return True
        return self.words[index - 1] in {".", "!", "?", ":", ";", "•", "|", "(", "-", "–"}

    def joinable(self, index: int) -> bool:
        word = self.words[index]
        return not self.spaces[index] and (word[0].isalnum() or word in _JOINERS)


class SkillMatcher:
    """Everything needed to find a taxonomy's skills in text, built once per taxonomy."""

    def __init__(self, taxonomy: Taxonomy) -> None:
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
        for skill_id, keys in _pattern_keys(self.tokenizer, taxonomy).items():
            self.matcher.add(skill_id, keys)
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

    # -- finding -------------------------------------------------------------------------------

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
        tokens = _Tokens.of(doc, text, starts)
        candidates = self._exact(doc, tokens) + self._compact(tokens) + self._fuzzy(tokens, lines)
        chosen = _resolve_overlaps(candidates)
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
            if self._names_a_role(tokens, candidate):
                continue
            span_text = tokens.span_text(candidate.start, candidate.end)
            sectioned = lines[tokens.line_of[candidate.start]]
            if self._names_a_place(tokens, candidate) or _names_an_employer(tokens, candidate):
                continue
            # "Github" or "Kaggle" alone on a line of the header labels a profile link.
            if sectioned.section in LINK_SECTIONS and span_text == sectioned.line.text.strip(" :|·•"):
                continue
            offset = tokens.offsets[candidate.start]
            cues = vocabulary()
            line_index = tokens.line_of[candidate.start]
            learning = (
                _clause_has(cues.learning, text, offset, clause_starts)
                or line_index in learning_rows
                or sectioned.section == LEARNING
            )
            hedged = _clause_has(cues.hedges, text, offset, clause_starts) or line_index in hedged_rows
            surface = self._ambiguous_surface(tokens, candidate)
            # "Currently learning Rust" names the language whatever its context; it is no claim.
            if (
                surface is not None
                and not (self._spells(span_text, surface) and learning)
                and not self._context_allows(tokens, candidate, surface, lines, anchored(candidate.start))
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

    @staticmethod
    def _names_a_place(tokens: _Tokens, candidate: _Candidate) -> bool:
        """Whether the name is a town's, followed by its region or country ("Grand Rapids, MI",
        "West Java, Indonesia", "Spark, NV")."""
        return _region_follows(tokens, candidate.end)


    def _names_a_role(self, tokens: _Tokens, candidate: _Candidate) -> bool:
        """Whether a field is named as part of a job title or team ("ML Engineer", "data
        science team"): that says where someone worked, not what they can do. Technologies in
        titles ("Python Developer") still count."""
        if self.taxonomy.skills[candidate.skill_id].kind not in FIELD_KINDS:
            return False
        words = vocabulary()
        following = tokens.neighbour_words(candidate.end - 1, 1, count=3 + 2 * MAX_JOINED_FIELDS)
        # Fields joined in one title ("AI/ML Engineer", "Data Science & Analytics Intern").
        for _ in range(MAX_JOINED_FIELDS):
            if len(following) > 2 and following[0] in FIELD_JOINERS:
                following = following[2:]
        if following and following[0] in words.job_nouns | words.organisation_nouns:
            return _title_ends(following[1:3])
        # The noun first, as Spanish, Portuguese and French put it ("Ingeniero de Machine
        # Learning — 2021", "Cientista de Dados"): the field must end the title there.
        before = [word for word in tokens.neighbour_words(candidate.start, -1) if word not in words.role_levels]
        if len(before) >= 2 and before[0] in words.role_links and before[1] in words.job_nouns:
            return _title_ends(following[:2])
        return False

    def _exact(self, doc: Doc, tokens: _Tokens) -> list[_Candidate]:
        strings = self.tokenizer.vocab.strings
        found = [
            _Candidate(start, end, strings[match_id], EXACT_SCORE, "exact", rank=0)
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
                found.append(_Candidate(index, index + 1, skill_id, EXACT_SCORE, "version", rank=1))
        return found

    def _compact(self, tokens: _Tokens) -> list[_Candidate]:
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
                found.append(_Candidate(start, start + 1, self.by_compact[key], COMPACT_SCORE, "compact", rank=2))
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
                    found.append(_Candidate(start, end, skill_id, COMPACT_SCORE, "compact", rank=2))
        return found

    def _run_together_name(self, tokens: _Tokens, index: int, key: str) -> bool:
        """Whether one token is a name written in parts run together ("Scikitlearn", "NodeJS",
        "Scikit-" rejoined with "learn" at a line end). Only names of things qualify: concept
        phrases run together ("dataflow") are words of their own."""
        skill_id = self.by_compact.get(key)
        if skill_id is None or key not in self.separated_compact or tokens.stops[index]:
            return False
        return self.taxonomy.skills[skill_id].kind in FUZZY_KINDS

    def _compact_is_a_name(self, tokens: _Tokens, start: int, end: int, key: str) -> bool:
        """Whether words run together really spell a name. "scikit learn" does (the name is
        written in parts anyway) and "Tensor Flow" does (capitals mark a name), but ordinary words
        that happen to join into one ("at scale", "quick check", "data flow") do not."""
        if key in self.separated_compact:
            return True
        return not any(tokens.stops[start:end]) and any(
            char.isupper() for char in tokens.span_text(start, end)
        )

    def _fuzzy(self, tokens: _Tokens, lines: Sequence[SectionedLine]) -> list[_Candidate]:
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
            found.append(_Candidate(index, index + 1, skill_id, score, "fuzzy", rank=3))
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

    # -- context ---------------------------------------------------------------------------------

    def _ambiguous_surface(self, tokens: _Tokens, candidate: _Candidate) -> str | None:
        """The ambiguous surface a candidate spells (in any case), if it spells one."""
        return self.ambiguous_surfaces.get(tokens.span_text(candidate.start, candidate.end).casefold())

    @staticmethod
    def _spells(text: str, surface: str) -> bool:
        """Whether a text spells an ambiguous surface: exactly, when the surface is short or an
        ordinary word ("Go" is a name, "go" a verb); in any case otherwise ("Github")."""
        if text == surface:
            return True
        words = surface.split()
        keeps_case = len(compact_key(surface)) <= CASE_SENSITIVE_LENGTH or any(
            is_ordinary_word(word) for word in words
        )
        return not keeps_case and text.casefold() == surface.casefold()

    def _context_allows(
        self,
        tokens: _Tokens,
        candidate: _Candidate,
        surface: str,
        lines: Sequence[SectionedLine],
        in_anchored_list: bool,
    ) -> bool:
        skill: Skill = self.taxonomy.skills[candidate.skill_id]
        rule = skill.ambiguous
        if rule is None or not self._spells(tokens.span_text(candidate.start, candidate.end), surface):
            return False
        before = tokens.neighbour_words(candidate.start, -1)
        after = tokens.neighbour_words(candidate.end - 1, 1)
        if _any_cue(before, rule.reject_before, reverse=True) or _any_cue(after, rule.reject_after):
            return False
        if not rule.needs:
            return True
        line_index = tokens.line_of[candidate.start]
        # "con Spark", "mit Spark": the cue words of other languages read as the rule's own.
        cue_words = vocabulary().cue_words
        before_in_english = [cue_words.get(word, word) for word in before]
        # A field's name that qualifies the next word ("AI workloads", "AI Engineering:" as a row
        # label) names what the listed skills are about, not a skill: in a skills section it must
        # end its item.
        in_skills_section = lines[line_index].section == SKILLS and (
            skill.kind not in FIELD_KINDS or tokens.ends_item(candidate.end)
        )
        signals = {
            "skills_section": in_skills_section,
            "cue": _any_cue(before_in_english, rule.cues_before, reverse=True)
            or _any_cue(after, rule.cues_after),
            "list": tokens.between_separators(candidate.start, candidate.end) and in_anchored_list,
        }
        return any(signals[need] for need in rule.needs)


def _title_ends(following: Sequence[str]) -> bool:
    """Whether a job title ends with the words before ``following``: its line ends, or it gives
    way to a company, a level or a date ("May 2024"). A sentence goes on ("Machine learning
    engineer who ships models" still claims machine learning)."""
    words = vocabulary()
    rest = [word for word in following if word not in words.role_levels]
    return not rest or rest[0] in TITLE_BREAKS or rest[0].isdigit() or rest[0] in words.date_words


def _region_follows(tokens: _Tokens, comma: int) -> bool:
    """Whether a comma is followed, to the end of its item, by a region code or a country."""
    if comma >= len(tokens.words) or tokens.words[comma] != ",":
        return False
    known = places()
    following: list[int] = []
    position = comma + 1
    # The words after the comma on its line, as many as the longest country has and one more.
    while position < len(tokens.words) and len(following) <= known.longest_country:
        if tokens.line_of[position] != tokens.line_of[comma]:
            break
        if not tokens.spaces[position]:
            following.append(position)
        position += 1
    if not following:
        return False
    first = tokens.words[following[0]]

    def ends_there(count: int) -> bool:
        # A place ends its item: nothing or punctuation, a date or a dash follows it.
        if count >= len(following):
            return True
        word = tokens.words[following[count]]
        return not word[0].isalpha()

    if first in known.region_codes and ends_there(1):
        return True
    words = [tokens.lowers[position] for position in following]
    return any(
        tuple(words[:count]) in known.countries and ends_there(count)
        for count in range(1, len(words) + 1)
    )


def _place_follows(tokens: _Tokens, comma: int) -> bool:
    """Whether a comma is followed by a place: a region or country ("OpenAI, USA"), or a town of a
    few capitalized words and its region ("OpenAI, San Francisco, CA")."""
    if _region_follows(tokens, comma):
        return True
    position = comma + 1
    town_words = 0
    while position < len(tokens.words) and tokens.line_of[position] == tokens.line_of[comma]:
        word = tokens.words[position]
        if not tokens.spaces[position]:
            if word == ",":
                return town_words > 0 and _region_follows(tokens, position)
            if not word[:1].isupper() or not word.isalpha() or town_words == MAX_TOWN_WORDS:
                return False
            town_words += 1
        position += 1
    return False


def _names_an_employer(tokens: _Tokens, candidate: _Candidate) -> bool:
    """Whether the name stands where a title line names the employer ("ML Engineer at
    Databricks", "Data Scientist, Amazon — 2021"): where someone worked, not what they can do."""
    before = tokens.neighbour_words(candidate.start, -1, count=EMPLOYER_REACH)
    if not before or before[0] not in EMPLOYER_MARKERS:
        return False
    title_end = [word for word in before[1:] if word not in vocabulary().role_levels]
    if not title_end or title_end[0] not in vocabulary().job_nouns:
        return False
    after = tokens.neighbour_words(candidate.end - 1, 1, count=1)
    # The employer ends the title's item ("… at Databricks | 2021", "…, OpenAI, San Francisco, CA");
    # a list of skills goes on with a comma ("Backend Engineer | Python, Go").
    if after and after[0] == ",":
        return _place_follows(tokens, candidate.end)
    return not after or (after[0] in EMPLOYER_ENDS or after[0].isdigit() or after[0] in vocabulary().date_words)


def _is_inflection(word: str, target: str) -> bool:
    """A plural or verb form of a name ('Dockers', 'Reacting') is another word, not a typo."""
    return any(word == target + suffix for suffix in ("s", "es", "ed", "ing", "er", "ers"))


def _any_cue(words: Sequence[str], cues: frozenset[str], *, reverse: bool = False) -> bool:
    """Whether the nearest words spell one of the cues (multi-word cues read in text order)."""
    for count in range(1, len(words) + 1):
        nearest = words[:count]
        phrase = " ".join(reversed(nearest) if reverse else nearest)
        if phrase in cues:
            return True
    return False


def labelled_rows(lines: Sequence[SectionedLine], label: re.Pattern[str]) -> set[int]:
    """Indexes of the lines a row label governs: the line it opens ("Learning: Rust,") and the
    lines its list wraps onto, as long as each line ends mid-list (a comma or a connector)."""
    connectors = vocabulary().connectors
    governed: set[int] = set()
    carrying = False
    for index, sectioned in enumerate(lines):
        text = sectioned.line.text.rstrip()
        continues = (
            carrying
            and not sectioned.line.item_start
            and sectioned.section == lines[index - 1].section
        )
        if label.match(text) or continues:
            governed.add(index)
            words = text.split()
            carrying = text.endswith((",", ";", "/")) or bool(words and words[-1].casefold() in connectors)
        else:
            carrying = False
    return governed


def _clause_has(cue: re.Pattern[str], text: str, offset: int, clause_starts: Sequence[int]) -> bool:
    """Whether the clause holding ``offset`` says, before it, what the cue says (that the skill
    is being learned, or known only a little)."""
    clause_start = clause_starts[bisect.bisect_right(clause_starts, offset) - 1]
    clause_start = max(clause_start, offset - LEARNING_WINDOW)
    return bool(cue.search(text[clause_start:offset]))


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
    # Importing spaCy and building the matcher make a few hundred thousand objects that live as
    # long as the process, and next to no garbage: collecting meanwhile only adds a sixth.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return SkillMatcher(taxonomy)
    finally:
        if collecting:
            gc.enable()


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
