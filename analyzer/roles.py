"""Role titles: the lines where a resume presents the person as on a path ("Senior Machine
Learning Engineer", "Generative AI Engineer").

What people call their job says which way their work points; the best fit uses it to decide
between paths whose distinguishing skills are close. Titles are taxonomy data (each path's
``titles``) and are matched as whole words, longest first, so "AI/ML Engineer" names both paths
and never only the "ML Engineer" inside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from analyzer.sections import SectionedLine
from skills import Taxonomy

# Where a person's own role is stated: the headline under the name, the summary, job titles.
TITLE_SECTIONS = frozenset({"header", "summary", "experience"})
_WORD = re.compile(r"[^\W_]+|[/&]")

_Index = dict[str, list[tuple[tuple[str, ...], frozenset[str]]]]


def title_words(text: str) -> tuple[str, ...]:
    """A text as the words titles are compared by: case folded, punctuation other than / and &
    dropped."""
    return tuple(_WORD.findall(text.casefold()))


@lru_cache(maxsize=8)
def _title_index(taxonomy: Taxonomy) -> _Index:
    """Every title's words by their first word, longest first, with the paths it names."""
    owners: dict[tuple[str, ...], set[str]] = {}
    for path in taxonomy.paths.values():
        for title in path.titles:
            words = title_words(title)
            if words:
                owners.setdefault(words, set()).add(path.id)
    index: _Index = {}
    for words, paths in owners.items():
        index.setdefault(words[0], []).append((words, frozenset(paths)))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


def paths_named(words: Sequence[str], index: _Index) -> set[str]:
    """The paths whose titles a line's words name."""
    named: set[str] = set()
    position = 0
    while position < len(words):
        for title, paths in index.get(words[position], ()):
            if tuple(words[position : position + len(title)]) == title:
                named |= paths
                position += len(title)
                break
        else:
            position += 1
    return named


def role_titles(lines: Sequence[SectionedLine], taxonomy: Taxonomy) -> dict[str, int]:
    """For each path, how many lines of the header, summary and experience name one of its titles."""
    index = _title_index(taxonomy)
    counts: dict[str, int] = {}
    if not index:
        return counts
    for sectioned in lines:
        if sectioned.section in TITLE_SECTIONS:
            for path_id in paths_named(title_words(sectioned.line.text), index):
                counts[path_id] = counts.get(path_id, 0) + 1
    return counts
