"""What resumes in each supported language say with ordinary words: section headings, list
connectors, hedges, learning cues, which words are ordinary words at all, and the places that
follow a town's name.

All of it is data (``analyzer/data/languages/*.toml``, ``analyzer/data/words/*.txt.gz`` and
``analyzer/data/places.toml``):
adding a heading, a connector or a cue never needs a code change. Every language's data is used
for every resume, since resumes mix languages ("Habilidades: Machine Learning, Python y SQL").
"""

from __future__ import annotations

import gzip
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

_DATA = resources.files("analyzer") / "data"


@dataclass(frozen=True)
class Vocabulary:
    """Every shipped language's resume vocabulary, merged."""

    languages: tuple[str, ...]
    # Heading text, as reduced by the caller's heading key, to section id.
    headings: dict[str, str]
    connectors: frozenset[str]
    hedges: re.Pattern[str]
    hedge_labels: re.Pattern[str]
    learning: re.Pattern[str]
    learning_labels: re.Pattern[str]
    # A cue word of another language to the English cue word of the taxonomy's rules.
    cue_words: dict[str, str]
    # Words that open a date ("May", "present", "desde").
    date_words: frozenset[str]
    # Job titles: their nouns, the nouns of teams and labs, levels, and the words that join a
    # noun to the field after it ("Ingeniero de …").
    job_nouns: frozenset[str]
    organisation_nouns: frozenset[str]
    role_levels: frozenset[str]
    role_links: frozenset[str]


def _alternation(cues: list[str]) -> str:
    # Longest first, so "currently learning" is tried before "learning".
    return "|".join(f"(?:{cue})" for cue in sorted(set(cues), key=len, reverse=True))


def _phrase_pattern(cues: list[str]) -> re.Pattern[str]:
    """Cues that may stand anywhere before the skill in its clause."""
    return re.compile(rf"(?<!\w)(?:{_alternation(cues)})(?!\w)", re.IGNORECASE)


def _label_pattern(cues: list[str]) -> re.Pattern[str]:
    """Cues that open a line as its label: "Learning: Rust", "Familiar<TAB>Go", "Exploring – JAX"."""
    return re.compile(rf"^\s*(?:{_alternation(cues)})\s*(?::|\t|\s[-–—]\s)", re.IGNORECASE)


@cache
def vocabulary() -> Vocabulary:
    """The merged vocabulary of every language file, loaded once."""
    from analyzer.sections import heading_key

    languages: list[str] = []
    headings: dict[str, str] = {}
    connectors: set[str] = set()
    cue_words: dict[str, str] = {}
    date_words: set[str] = set()
    words: dict[str, set[str]] = {
        name: set() for name in ("job_nouns", "organisation_nouns", "role_levels", "role_links")
    }
    cues: dict[str, list[str]] = {"hedges": [], "hedge_labels": [], "learning": [], "learning_labels": []}
    files = sorted(
        (entry for entry in (_DATA / "languages").iterdir() if entry.name.endswith(".toml")),
        # English first: where two languages use one heading for different sections, it wins.
        key=lambda entry: (entry.name != "en.toml", entry.name),
    )
    for entry in files:
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        languages.append(data["language"])
        for section, phrases in data.get("headings", {}).items():
            for phrase in phrases:
                headings.setdefault(heading_key(phrase), section)
        connectors.update(word.casefold() for word in data.get("connectors", ()))
        date_words.update(word.casefold() for word in data.get("date_words", ()))
        for name, found in words.items():
            found.update(word.casefold() for word in data.get(name, ()))
        for word, english in data.get("cue_words", {}).items():
            cue_words.setdefault(word.casefold(), english.casefold())
        for name, patterns in cues.items():
            patterns.extend(data.get(name, ()))
    return Vocabulary(
        languages=tuple(languages),
        headings=headings,
        connectors=frozenset(connectors),
        hedges=_phrase_pattern(cues["hedges"]),
        hedge_labels=_label_pattern(cues["hedge_labels"]),
        learning=_phrase_pattern(cues["learning"]),
        learning_labels=_label_pattern(cues["learning_labels"]),
        cue_words=cue_words,
        date_words=frozenset(date_words),
        **{name: frozenset(found) for name, found in words.items()},
    )


@dataclass(frozen=True)
class Places:
    """What follows a town's name after a comma: a region code or a country."""

    region_codes: frozenset[str]
    # Each country as its lowercase words ("united kingdom" -> ("united", "kingdom")).
    countries: frozenset[tuple[str, ...]]
    longest_country: int


@cache
def places() -> Places:
    data = tomllib.loads((_DATA / "places.toml").read_text(encoding="utf-8"))
    countries = frozenset(tuple(country.casefold().split()) for country in data["countries"])
    return Places(
        region_codes=frozenset(data["region_codes"]),
        countries=countries,
        longest_country=max(len(words) for words in countries),
    )


@cache
def _word_list(language: str) -> str:
    """One language's ordinary words: one lowercase word a line, sorted, in one string.

    Kept as one string and searched by bisection rather than made a set: a set of half a million
    words costs half a second to build at every start, and a word is looked up only when it is a
    near miss of a name.
    """
    entry = _DATA / "words" / f"{language}.txt.gz"
    try:
        return gzip.decompress(entry.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        return ""


def _in_sorted_lines(lines: str, word: str) -> bool:
    """Whether ``word`` is one of the lines of ``lines`` (sorted, each ending in a newline)."""
    low, high = 0, len(lines)
    while low < high:
        middle = (low + high) // 2
        start = lines.rfind("\n", 0, middle) + 1
        end = lines.find("\n", start)
        if end < 0:
            end = len(lines)
        line = lines[start:end]
        if line == word:
            return True
        if line < word:
            low = end + 1
        else:
            high = start
    return False


@lru_cache(maxsize=1 << 12)
def is_ordinary_word(word: str) -> bool:
    """Whether ``word`` (any case) is a correctly spelled word of a shipped language."""
    lowered = word.casefold()
    if not lowered.isalpha():
        return False
    return any(_in_sorted_lines(_word_list(language), lowered) for language in vocabulary().languages)
