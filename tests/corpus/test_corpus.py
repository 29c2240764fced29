"""The development corpus builds, is deterministic and its gold files load."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from analyzer.evaluate import load_gold
from tests.corpus.build import build_corpus


def test_corpus_builds_with_valid_gold(tmp_path: Path) -> None:
    manifest = build_corpus(tmp_path / "a")
    assert len(manifest) >= 44
    layouts = Counter(row["layout"] for row in manifest)
    assert len(layouts) >= 7 and min(layouts.values()) >= 3
    assert any(row["pages"] >= 2 for row in manifest if row["layout"] == "multipage")
    for row in manifest:
        assert (tmp_path / "a" / "pdfs" / f"{row['name']}.pdf").read_bytes().startswith(b"%PDF")
        load_gold(tmp_path / "a" / "gold" / f"{row['name']}.json")
    assert json.loads((tmp_path / "a" / "manifest.json").read_text()) == manifest


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    build_corpus(tmp_path / "a")
    build_corpus(tmp_path / "b")
    for pdf in sorted((tmp_path / "a" / "pdfs").glob("*.pdf"))[:6]:
        assert pdf.read_bytes() == (tmp_path / "b" / "pdfs" / pdf.name).read_bytes()


def test_every_resume_names_its_language_and_the_other_languages_are_there(tmp_path: Path) -> None:
    manifest = build_corpus(tmp_path / "a")
    languages = Counter(row["language"] for row in manifest)
    assert languages["en"] >= 40
    assert languages["es"] >= 2 and min(languages[code] for code in ("pt", "de", "fr")) >= 1


def test_a_focus_given_is_one_of_the_shared_labels(tmp_path: Path) -> None:
    manifest = build_corpus(tmp_path / "a")
    focuses = {row["focus"] for row in manifest if "focus" in row}
    assert focuses and focuses <= {"ml_engineer", "ai_engineer", "none", "mixed"}
