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
