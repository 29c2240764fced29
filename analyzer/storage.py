"""Where a folder's files live: a local path, or an fsspec URL (``file://``, ``s3://``, ``memory://``).

A cluster's workers read each file themselves from storage they all share, so only its location
crosses the network to them, never its bytes. Local paths need nothing beyond the standard
library; URLs need fsspec (installed with the ``dask`` extra) and, for a cloud store, its
filesystem package (``s3fs`` for ``s3://``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from analyzer.document import display_name, read_source, too_large
from analyzer.errors import (
    InputNotFoundError,
    MissingExtraError,
    NotAFileError,
    SkillgapError,
    UnreadableInputError,
)

# A scheme as RFC 3986 spells it, then "://": "s3://bucket/cv.pdf", never "C:\cv.pdf".
URL_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
FSSPEC_EXTRA = "reading a URL needs fsspec: pip install 'skillgap[dask]'"
HASH_CHUNK = 1 << 20


def is_url(location: str | Path) -> bool:
    """Whether a location is a URL to read with fsspec rather than a local path."""
    return isinstance(location, str) and URL_PATTERN.match(location) is not None


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        import fsspec
    except ImportError:
        raise MissingExtraError(display_name(url), FSSPEC_EXTRA) from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as error:
        # An unknown scheme, or one whose filesystem package (s3fs, gcsfs) is not installed.
        raise MissingExtraError(display_name(url), f"cannot open this URL ({error})") from None


def read_location(location: str | Path, *, max_size: int | None = None) -> tuple[str, bytes]:
    """The display name and bytes of a local path (as :func:`analyzer.document.read_source`)
    or of an fsspec URL, with the same typed errors."""
    if not is_url(location):
        return read_source(location, max_size=max_size)
    url = str(location)
    name = display_name(url)
    filesystem, path = _filesystem(url)
    try:
        info = filesystem.info(path)
        if info.get("type") == "directory":
            raise NotAFileError(name, "is a directory; use 'skillgap batch' for folders")
        size = info.get("size")
        if max_size and size is not None and size > max_size:
            raise too_large(name, max_size)
        data = filesystem.cat_file(path)
    except FileNotFoundError:
        raise InputNotFoundError(name, "no such file") from None
    except PermissionError:
        raise UnreadableInputError(name, "permission denied: check the file's read permission") from None
    except SkillgapError:
        raise
    except OSError as error:
        raise UnreadableInputError(name, f"cannot read file ({error.strerror or error})") from None
    if max_size and len(data) > max_size:
        raise too_large(name, max_size)
    return name, bytes(data)


def _open_binary(location: str | Path) -> BinaryIO:
    if is_url(location):
        filesystem, path = _filesystem(str(location))
        return cast(BinaryIO, filesystem.open(path, "rb"))
    return Path(location).open("rb")


def location_sha256(location: str | Path) -> str:
    """The content hash of a local file or a URL's object; OSError when it cannot be read."""
    digest = hashlib.sha256()
    with _open_binary(location) as handle:
        for chunk in iter(lambda: handle.read(HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def list_url_folder(url: str, *, recursive: bool = False) -> Iterator[str]:
    """The URLs of the files in a URL's folder (and its subfolders with ``recursive``), sorted."""
    name = display_name(url)
    filesystem, path = _filesystem(url)
    try:
        if not filesystem.exists(path):
            raise InputNotFoundError(name, "no such folder")
        if not filesystem.isdir(path):
            raise NotAFileError(name, "not a folder; use 'skillgap analyze' for one file")
        found = filesystem.find(path, maxdepth=None if recursive else 1)
    except OSError as error:
        raise UnreadableInputError(name, f"cannot list the folder ({error.strerror or error})") from None
    # Named under the URL as given ("memory://cvs/a.pdf", not fsspec's "memory:///cvs/a.pdf").
    root = path.rstrip("/")
    for entry in sorted(found):
        yield f"{url.rstrip('/')}/{entry[len(root):].lstrip('/')}"
