"""Text into tokens as the skill finders read them: spaCy's tokenizer, set up so tech names stay
matchable, and a text's tokens as plain lists."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from analyzer.languages import vocabulary

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

# Bump whenever build_tokenizer changes how text is split: cached patterns are its output.
TOKENIZER_VERSION = "2"
# Punctuation that separates list items; the words that join them ("and", "y", "und") are data.
LIST_PUNCTUATION = frozenset({",", ";", "/", "|", "•", "·", "&", "(", ")", "[", "]", ":", "+", "-", "–"})
_BULLETS = r"[•·|▪●◦■►]"
_COMPACT_DROP = re.compile(r"[\s\-_.]+")
# A version written apart from its name ("Prisma 7", "Python 3.12", "Spark v3").
_VERSION = re.compile(r"^v?\d+(?:\.\d+)*x?$")
# Tokens that may sit inside a name written in parts ("scikit - learn", "node . js").
_JOINERS = frozenset({"-", ".", "/", "+", "#", "_"})


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
    # Attribute ids come untyped from spaCy's Cython modules.
    getters: dict[Any, Callable[[str], Any]] = {
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
        prefix_search=compile_prefix_regex([*(defaults.prefixes or ()), _BULLETS]).search,
        suffix_search=compile_suffix_regex([*(defaults.suffixes or ()), _BULLETS, single_letter_period]).search,
        infix_finditer=compile_infix_regex([*defaults.infixes, _BULLETS, *glued_brackets]).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


@dataclass(frozen=True)
class Tokens:
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
    def of(cls, doc: Doc, text: str, line_starts: Sequence[int]) -> Tokens:
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
