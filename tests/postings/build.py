"""Write the labelled job postings for ``skillgap eval``: ``OUT/postings/NAME.md`` (or ``.txt``)
and ``OUT/postings_gold/NAME.json``.

Each posting is a TOML file beside this script, written by hand in the styles real postings use:
its ``text``, its ``format``, the resume kinds and focuses it is meant for (``matches``, for the
ranking check) and its gold requirements: ``required`` and ``preferred``, each a list of
either-or groups of skill names (any name or alias of the taxonomy). Skills a posting names only
in its responsibilities, description, company blurb or benefits are in neither list. Gold labels
are written from the text, never from the tool's output.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path
from typing import Any

POSTING_DIR = Path(__file__).resolve().parent
FORMATS = ("md", "txt")


def load_posting(path: Path) -> dict[str, Any]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if data.get("format") not in FORMATS:
        raise ValueError(f"{path.name}: format must be one of {FORMATS}")
    for key in ("required", "preferred"):
        groups = data.get(key, [])
        if not all(
            isinstance(group, list) and group and all(isinstance(n, str) for n in group) for group in groups
        ):
            raise ValueError(f"{path.name}: {key} must be a list of lists of skill names")
    if not data["text"].strip().startswith(("#", data["title"])) or data["title"] not in data["text"]:
        raise ValueError(f"{path.name}: the text must open with the title")
    return data


def build_postings(out_dir: Path) -> int:
    """Write every posting and its gold labels under ``out_dir``; return how many."""
    (out_dir / "postings").mkdir(parents=True, exist_ok=True)
    (out_dir / "postings_gold").mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(POSTING_DIR.glob("*.toml")):
        data = load_posting(path)
        (out_dir / "postings" / f"{path.stem}.{data['format']}").write_text(
            data["text"].lstrip(), encoding="utf-8"
        )
        gold = {key: data.get(key, []) for key in ("title", "matches", "required", "preferred", "style")}
        (out_dir / "postings_gold" / f"{path.stem}.json").write_text(
            json.dumps(gold, indent=1) + "\n", encoding="utf-8"
        )
        count += 1
    return count


if __name__ == "__main__":
    print(f"wrote {build_postings(Path(sys.argv[1]))} postings to {sys.argv[1]}")
