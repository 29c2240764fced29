"""The engine's caches: parsed taxonomy files kept as JSON where the caller says, and nowhere else."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from analyzer.cache import CachedTomlParser, cached_taxonomy
from skills import load_taxonomy

TOML = 'version = "t-1"\n[[competency]]\nid = "orchestration"\nname = "Orchestration"\n'
RESUME = "Jordan Lee\nSKILLS\nPython, PyTorch, Docker, Kubernetes\n"


def test_a_parsed_toml_file_is_kept_and_read_back_the_same(tmp_path: Path) -> None:
    parse = CachedTomlParser(tmp_path)
    assert parse(TOML) == tomllib.loads(TOML)
    assert len(list((tmp_path / "taxonomy").glob("*.json"))) == 1
    assert parse(TOML) == tomllib.loads(TOML)


def test_a_damaged_parsed_toml_entry_is_parsed_again(tmp_path: Path) -> None:
    parse = CachedTomlParser(tmp_path)
    parse(TOML)
    for entry in (tmp_path / "taxonomy").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert parse(TOML) == tomllib.loads(TOML)


def test_a_taxonomy_loaded_through_the_cache_equals_the_one_loaded_without(tmp_path: Path) -> None:
    cached = cached_taxonomy((), tmp_path)
    plain = load_taxonomy()
    assert list((tmp_path / "taxonomy").glob("*.json"))
    assert cached.version == plain.version
    assert cached.skills == plain.skills
    assert cached.paths == plain.paths


def _analyze_in_a_fresh_process(tmp_path: Path, *options: str) -> Path:
    """Run ``skillgap analyze`` on a text resume with an empty home; return that home."""
    home = tmp_path / "home"
    home.mkdir()
    resume = tmp_path / "cv.txt"
    resume.write_text(RESUME, encoding="utf-8")
    environment = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    completed = subprocess.run(
        [sys.executable, "-m", "analyzer", "analyze", str(resume), "-f", "json", *options],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return home


def test_analyze_with_no_cache_writes_nothing(tmp_path: Path) -> None:
    home = _analyze_in_a_fresh_process(tmp_path, "--no-cache")
    assert not list(home.rglob("*"))


def test_analyze_keeps_the_parsed_taxonomy_and_patterns_in_the_cache_dir(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    home = _analyze_in_a_fresh_process(tmp_path, "--cache-dir", str(cache))
    assert list((cache / "taxonomy").glob("*.json"))
    assert list((cache / "patterns").glob("*.json"))
    assert not list(home.rglob("*"))
