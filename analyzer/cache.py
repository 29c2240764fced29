"""The engine's caches on disk: documents read from files, parsed taxonomy files, matcher patterns.

Reading a PDF's layout costs far more than matching skills in it, so a batch rerun (after the
taxonomy changed, say) reads each document back from JSON instead of parsing the PDF again. The
key includes :data:`READER_VERSION`, so a change to how files are read never serves stale text.

Every command pays for parsing the taxonomy's TOML (pure Python, several times slower than the
same data as JSON) and for tokenizing its names, so both are kept as JSON too, keyed by a hash of
everything they are computed from. All of it lives here, under a directory the caller names
(``--cache-dir``), and nothing is read or written without one (``--no-cache``): the taxonomy
package only reads and checks data.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from analyzer.document import Document, Line, read_document, sniff_format
from analyzer.errors import ResourceLimitError
from analyzer.ocr import OcrSettings
from skills import Taxonomy, load_taxonomy

JsonData = TypeVar("JsonData")

# Bump whenever reading produces different lines for the same bytes.
READER_VERSION = "4"


def default_cache_dir() -> Path:
    """The user's cache directory for skillgap, as each platform names it."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "skillgap" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "skillgap"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "skillgap"


def _entry(cache_dir: Path, sha256: str, ocr: OcrSettings | None = None) -> Path:
    # OCR settings change the text read from the same bytes, so they are part of the key.
    settings = f"-{ocr.cache_key}" if ocr is not None else ""
    return cache_dir / "documents" / sha256[:2] / f"{sha256}-r{READER_VERSION}{settings}.json"


def _load(path: Path) -> Document | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        lines = tuple(Line(**line) for line in data.pop("lines"))
        data["warnings"] = tuple(data["warnings"])
        return Document(lines=lines, **data)
    except (OSError, ValueError, TypeError, KeyError):
        return None  # a missing or damaged entry is read again from the file


def _store(path: Path, data: object) -> None:
    """Write JSON whole or not at all: a reader never sees half an entry."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written (or a value JSON cannot hold) only costs speed


def cached_document(
    data: bytes,
    name: str,
    cache_dir: str | Path | None,
    *,
    max_pages: int | None = None,
    ocr: OcrSettings | None = None,
) -> Document:
    """The document of these bytes: from the cache when present, else read and stored.

    The cached document keeps the name it was first read under only for its text; the returned
    document carries this call's name.
    """
    if cache_dir is None:
        return read_document(data, name, max_pages=max_pages, ocr=ocr)
    sniff_format(data, name)  # a cached text never excuses a name that disagrees with the content
    sha256 = hashlib.sha256(data).hexdigest()
    entry = _entry(Path(cache_dir), sha256, ocr)
    document = _load(entry)
    if document is None:
        document = read_document(data, name, max_pages=max_pages, ocr=ocr)
        _store(entry, asdict(document))
    elif max_pages is not None and document.page_count > max_pages:
        raise ResourceLimitError(name, f"has more than {max_pages} pages (raise --max-pages)")
    elif document.name != name:
        document = Document(
            name, document.format, sha256, document.page_count, document.lines, document.warnings, document.ocr
        )
    return document


def cached_json(
    cache_dir: str | Path | None, kind: str, key: str, compute: Callable[[], JsonData]
) -> JsonData:
    """``compute()``, or its value stored as JSON under ``cache_dir/kind`` by a hash of ``key``.

    ``key`` must hold everything the value depends on. Without a cache directory nothing is read
    or written; a missing or damaged entry is computed again, and a value that cannot be stored
    (not JSON, a read-only directory) only costs speed.
    """
    if cache_dir is None:
        return compute()
    entry = Path(cache_dir) / kind / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.json"
    try:
        stored: JsonData = json.loads(entry.read_text(encoding="utf-8"))
        return stored
    except (OSError, ValueError):
        pass
    value = compute()
    _store(entry, value)
    return value


@dataclass(frozen=True)
class CachedTomlParser:
    """:func:`tomllib.loads` that keeps each text's data as JSON in a cache directory.

    Equal for equal directories, so the taxonomy loaded through one is loaded once per process.
    """

    cache_dir: Path

    def __call__(self, text: str) -> dict[str, Any]:
        return cached_json(self.cache_dir, "taxonomy", text, lambda: tomllib.loads(text))


def cached_taxonomy(extra_files: Iterable[str | Path] = (), cache_dir: str | Path | None = None) -> Taxonomy:
    """:func:`skills.load_taxonomy`, its parsed files kept in ``cache_dir`` when one is given."""
    parse_toml = tomllib.loads if cache_dir is None else CachedTomlParser(Path(cache_dir))
    return load_taxonomy(extra_files, parse_toml=parse_toml)
