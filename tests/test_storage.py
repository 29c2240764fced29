"""Folders and files at fsspec URLs, as a cluster's workers read them from shared storage.

fsspec comes with the ``dask`` extra; without it these tests skip. ``memory://`` stands in for a
cloud store: it is listed, hashed and read through the same calls as ``s3://``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

fsspec = pytest.importorskip("fsspec", reason="fsspec comes with the dask extra: pip install '.[dask]'")

from analyzer.batch import IMAGE_SKIPPED, BatchOptions, analyze_path, file_sha256, scan_folder
from analyzer.errors import InputNotFoundError, MissingExtraError
from analyzer.storage import is_url, read_location
from tests.resume_pdf import Resume, Section, render_resume

RESUME_PDF = render_resume(
    Resume(
        name="Ada Lin",
        contact="ada@example.com",
        main=(Section("Experience", ("• Trained PyTorch models and served them with FastAPI.",)),),
        side=(Section("Skills", ("Python, PyTorch, Docker",)),),
    )
)


@pytest.fixture
def store() -> Iterator[str]:
    """A folder in fsspec's in-memory filesystem: two resumes, a photo and a subfolder."""
    memory = fsspec.filesystem("memory")
    memory.pipe("/cvs/ada.pdf", RESUME_PDF)
    memory.pipe("/cvs/bo.md", b"# Bo Chan\n## Skills\nPython, LangChain\n")
    memory.pipe("/cvs/photo.png", b"\x89PNG\r\n")
    memory.pipe("/cvs/older/cy.txt", b"Skills: SQL, pandas")
    yield "memory://cvs"
    memory.rm("/cvs", recursive=True)


def test_a_url_folder_is_scanned_like_a_local_one(store: str) -> None:
    assert list(scan_folder(store)) == [
        ("memory://cvs/ada.pdf", None),
        ("memory://cvs/bo.md", None),
        ("memory://cvs/photo.png", IMAGE_SKIPPED),
    ]
    assert ("memory://cvs/older/cy.txt", None) in scan_folder(store, recursive=True)


def test_a_missing_url_folder_is_a_usage_error(store: str) -> None:
    with pytest.raises(InputNotFoundError, match="no such folder"):
        list(scan_folder("memory://nowhere"))


def test_a_resume_at_a_url_gives_the_report_it_gives_on_disk(store: str, tmp_path: Path) -> None:
    on_disk = tmp_path / "ada.pdf"
    on_disk.write_bytes(RESUME_PDF)
    from_url = analyze_path(f"{store}/ada.pdf").to_dict()
    local = analyze_path(str(on_disk)).to_dict()
    assert from_url.pop("source")["path"] == f"{store}/ada.pdf"
    local.pop("source")
    assert from_url.pop("file") == f"{store}/ada.pdf"
    local.pop("file")
    assert from_url == local
    assert from_url["status"] == "ok" and from_url["skills"]


def test_a_url_is_hashed_like_the_same_bytes_on_disk(store: str, tmp_path: Path) -> None:
    (tmp_path / "ada.pdf").write_bytes(RESUME_PDF)
    assert file_sha256(f"{store}/ada.pdf") == file_sha256(tmp_path / "ada.pdf")


def test_a_missing_file_at_a_url_fails_its_row_alone(store: str) -> None:
    result = analyze_path(f"{store}/gone.pdf")
    assert (result.status, result.error) == ("failed", "no such file")


def test_a_file_over_the_size_limit_at_a_url_is_refused(store: str) -> None:
    result = analyze_path(f"{store}/ada.pdf", BatchOptions(max_size=1024))
    assert result.status == "failed"
    assert "larger than" in (result.error or "")


def test_a_url_of_an_unknown_scheme_is_one_error_naming_it() -> None:
    with pytest.raises(MissingExtraError, match="cannot open this URL"):
        read_location("nosuchscheme://bucket/cv.pdf")


def test_only_a_scheme_and_two_slashes_make_a_url() -> None:
    assert is_url("s3://bucket/cvs") and is_url("file:///tmp/cv.pdf")
    assert not is_url("/tmp/cv.pdf") and not is_url("C:\\cv.pdf") and not is_url("cv:2024.pdf")
