"""The text cache: documents read from files, kept by content hash.

Reading a PDF's layout costs far more than matching skills in it, so a batch rerun (after the
taxonomy changed, say) reads each document back from JSON instead of parsing the PDF again. The
key includes :data:`READER_VERSION`, so a change to how files are read never serves stale text.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from analyzer.document import Document, Line, read_document, sniff_format
from analyzer.errors import ResourceLimitError
from analyzer.ocr import OcrSettings

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


def _store(path: Path, document: Document) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(asdict(document), out)
        os.replace(temporary, path)
    except OSError:
        pass  # a cache that cannot be written only costs speed


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
        _store(entry, document)
    elif max_pages is not None and document.page_count > max_pages:
        raise ResourceLimitError(name, f"has more than {max_pages} pages (raise --max-pages)")
    elif document.name != name:
        document = Document(
            name, document.format, sha256, document.page_count, document.lines, document.warnings, document.ocr
        )
    return document
