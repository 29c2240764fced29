"""The taxonomy's names as the phrase matcher compares them, kept in the cache directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from analyzer.cache import cached_json
from analyzer.tokenizer import TOKENIZER_VERSION
from skills import Taxonomy

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer


def pattern_keys(
    tokenizer: Tokenizer, taxonomy: Taxonomy, cache_dir: str | Path | None
) -> dict[str, list[list[int]]]:
    """Every skill's names as the matcher compares them: the LOWER hash of each token.

    Tokenizing five thousand names costs a tenth of a second at every start, and the hashes come
    out the same each time, so they are kept in the cache directory when there is one, keyed by
    the names, spaCy's version and our tokenizer's.
    """
    import spacy
    from spacy.attrs import LOWER

    surfaces = {skill.id: list(skill.surfaces) for skill in taxonomy.skills.values()}
    key = json.dumps([spacy.__version__, TOKENIZER_VERSION, surfaces], ensure_ascii=False)
    return cached_json(
        cache_dir,
        "patterns",
        key,
        lambda: {
            skill_id: [doc.to_array(LOWER).tolist() for doc in tokenizer.pipe(names)]
            for skill_id, names in surfaces.items()
        },
    )
