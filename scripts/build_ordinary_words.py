"""Build the ordinary-word lists in analyzer/data/words/ (run by hand; not needed at run time).

Fuzzy matching must never take a correctly spelled word ("Detection", "Networks", "Talent") for a
misspelt product name (Detectron2, NetworkX, Talend), and an ambiguous name keeps its exact case
only when it is also an ordinary word ("Go", "Spark", but not "GitHub"). Both need to know which
words are ordinary words of the resume's languages.

Source: the word-frequency dictionaries that pyspellchecker (MIT licence) ships for English,
Spanish, Portuguese, German and French, built by its author from OpenSubtitles 2018 word
frequencies plus hand-kept include lists. We keep words of letters only (two or more), the most
frequent ``LIMITS[language]`` of each (all of them where no limit is given), in lowercase, sorted,
one a line, gzip-compressed.

    pip install pyspellchecker==0.9.1
    python scripts/build_ordinary_words.py
"""

from __future__ import annotations

import gzip
import json
import re
from importlib import resources
from pathlib import Path

LANGUAGES = ("en", "es", "pt", "de", "fr")
# Portuguese and German lists run to 400,000 and 340,000 forms; their rarest add size, not value.
LIMITS = {"pt": 120_000, "de": 120_000}
WORD = re.compile(r"^[^\W\d_]{2,}$")
TARGET = Path(__file__).resolve().parents[1] / "analyzer" / "data" / "words"


def ordinary_words(language: str) -> list[str]:
    source = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
    frequencies: dict[str, int] = json.loads(gzip.decompress(source.read_bytes()))
    ranked = sorted(frequencies.items(), key=lambda item: (-item[1], item[0]))
    # German nouns are listed capitalized; lookups compare in lowercase.
    return sorted({word.casefold() for word, _ in ranked[: LIMITS.get(language)] if WORD.match(word)})


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        words = ordinary_words(language)
        data = ("\n".join(words) + "\n").encode("utf-8")
        (TARGET / f"{language}.txt.gz").write_bytes(gzip.compress(data, mtime=0))
        print(f"{language}: {len(words):,} words")


if __name__ == "__main__":
    main()
