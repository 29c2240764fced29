"""Scans and photos: read by OCR only when asked, laid out like text PDFs, refused in one line when
hostile or when Tesseract is missing.

Tests that run Tesseract skip with their reason where it (or poppler's pdftoppm) is not installed;
CI installs both. The scans are built here from generated resumes (tests/resume_scan.py).
"""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from analyzer.analysis import analyze_bytes
from analyzer.batch import analyze_folder
from analyzer.cache import cached_document
from analyzer.cli import main
from analyzer.document import read_document
from analyzer.errors import DamagedDocumentError, ResourceLimitError, UnsupportedFormatError
from analyzer.ocr import OcrSettings
from tests.resume_docx import build_docx, heading, paragraph
from tests.resume_pdf import Resume, Section, render_resume
from tests.test_hostile import assert_one_error_line

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or shutil.which("pdftoppm") is None,
    reason="OCR needs the system's tesseract and pdftoppm (apt-get install tesseract-ocr poppler-utils)",
)
OCR = OcrSettings()

RESUME = Resume(
    "Dana Reyes",
    "dana@example.com | Lisbon",
    (
        Section("EXPERIENCE", ("**ML Engineer**, Acme, 2021 - 2024", "• Trained ranking models with PyTorch")),
        Section("EDUCATION", ("BSc Computer Science, 2020",)),
    ),
    (Section("SKILLS", ("Python", "Kubernetes", "Docker", "PostgreSQL")),),
)


def scanned_pdf(layout: str = "single", dpi: int = 300) -> bytes:
    from tests.resume_scan import scan_pdf

    return scan_pdf(render_resume(RESUME, layout), dpi, seed=1)


def scanned_png(dpi: int = 300) -> bytes:
    from tests.resume_scan import scan_png

    return scan_png(render_resume(RESUME, "single"), dpi, seed=2)


def png_header(width: int, height: int) -> bytes:
    """A PNG's signature and header chunk declaring a size, and nothing else."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))


@needs_tesseract
def test_a_scanned_pdf_is_read_by_ocr_when_asked() -> None:
    report = analyze_bytes(scanned_pdf(), "scan.pdf", ocr=OCR)
    names = {skill.name for skill in report.skills}
    assert {"PyTorch", "Python", "Kubernetes", "Docker", "PostgreSQL"} <= names
    assert (report.source.format, report.source.ocr) == ("pdf", True)
    assert any("mean word confidence" in warning for warning in report.warnings)


@needs_tesseract
def test_a_photo_of_a_resume_is_an_image_read_by_ocr() -> None:
    report = analyze_bytes(scanned_png(), "cv.png", ocr=OCR)
    assert {"PyTorch", "Kubernetes"} <= {skill.name for skill in report.skills}
    assert (report.source.format, report.source.ocr) == ("image", True)


@needs_tesseract
def test_a_scanned_sidebar_is_read_as_its_own_column() -> None:
    document = read_document(scanned_pdf("sidebar_left"), "scan.pdf", ocr=OCR)
    texts = [line.text for line in document.lines]
    skills = texts.index("SKILLS")
    assert texts[skills + 1 : skills + 5] == ["Python", "Kubernetes", "Docker", "PostgreSQL"]


@needs_tesseract
def test_a_pdf_with_a_text_layer_is_not_ocrd_when_only_missing_pages_are_asked_for() -> None:
    document = read_document(render_resume(RESUME, "single"), "cv.pdf", ocr=OCR)
    assert not document.ocr


def test_an_image_without_ocr_says_how_to_read_it() -> None:
    with pytest.raises(UnsupportedFormatError, match="rerun with --ocr"):
        read_document(png_header(10, 10), "cv.png")


def test_an_image_on_standard_input_is_recognized_as_one() -> None:
    with pytest.raises(UnsupportedFormatError, match="an image: rerun with --ocr"):
        read_document(png_header(10, 10), "-")


def test_an_image_over_the_pixel_limit_is_refused_before_ocr() -> None:
    with pytest.raises(ResourceLimitError, match="image too large"):
        read_document(png_header(100_000, 100_000), "huge.png", ocr=OCR)


def test_a_truncated_image_is_damaged() -> None:
    with pytest.raises(DamagedDocumentError, match="damaged image"):
        read_document(b"\x89PNG\r\n\x1a\n\x00", "cut.png", ocr=OCR)


def test_without_tesseract_ocr_fails_in_one_line_saying_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cv.txt"
    path.write_text("Skills: Python\n", encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path))  # a system without tesseract
    assert main(["analyze", str(path), "--ocr"]) == 1
    assert_one_error_line(capsys.readouterr().err, "cv.txt", "tesseract", "apt-get install tesseract-ocr")


@needs_tesseract
def test_a_language_that_is_not_installed_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cv.txt"
    path.write_text("Skills: Python\n", encoding="utf-8")
    assert main(["analyze", str(path), "--ocr", "--ocr-lang", "xyz"]) == 1
    assert_one_error_line(capsys.readouterr().err, "cv.txt", "tesseract-ocr-xyz")


@needs_tesseract
def test_the_command_line_reports_an_ocrd_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf())
    assert main(["analyze", str(path), "--ocr", "--format", "json"]) == 0
    source = json.loads(capsys.readouterr().out)["source"]
    assert (source["format"], source["ocr"]) == ("pdf", True)


def test_batch_skips_images_without_ocr_and_reads_word_documents(tmp_path: Path) -> None:
    (tmp_path / "headshot.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (tmp_path / "cv.docx").write_bytes(build_docx([heading("SKILLS"), paragraph("Python, Docker")]))
    results = {Path(result.file).name: result for result in analyze_folder(tmp_path, workers=1)}
    assert (results["headshot.jpg"].status, results["headshot.jpg"].error) == (
        "skipped",
        "an image: read only with --ocr",
    )
    assert results["cv.docx"].status == "ok"
    assert results["cv.docx"].report is not None and results["cv.docx"].report.source.format == "docx"


@needs_tesseract
def test_the_text_cache_keeps_ocr_settings_apart(tmp_path: Path) -> None:
    data = scanned_png()
    cached_document(data, "cv.png", tmp_path, ocr=OcrSettings(languages="eng"))
    cached_document(data, "cv.png", tmp_path, ocr=OcrSettings(languages="eng+deu"))
    assert len(list((tmp_path / "documents").rglob("*.json"))) == 2


def text_then_scanned_page_pdf() -> bytes:
    """Two pages: the first with a text layer, the second a scan of another resume's page."""
    import io

    from PIL import Image
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from tests.resume_scan import scan_png

    scanned = Image.open(io.BytesIO(scan_png(render_resume(RESUME, "single"), 200, seed=3)))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=LETTER, invariant=True)
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, 700, "Ada Lovelace, Summary: analyst who writes SQL and Tableau dashboards")
    canvas.showPage()
    width, height = LETTER
    canvas.drawImage(ImageReader(scanned), 0, 0, width, height)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@needs_tesseract
def test_only_the_pages_without_text_are_ocrd_and_the_rest_keep_their_text_layer() -> None:
    data = text_then_scanned_page_pdf()
    without = read_document(data, "mixed.pdf")
    assert {line.page for line in without.lines} == {1} and not without.ocr
    document = read_document(data, "mixed.pdf", ocr=OCR)
    assert document.ocr
    assert [line.text for line in document.lines if line.page == 1] == [line.text for line in without.lines]
    assert any("PyTorch" in line.text for line in document.lines if line.page == 2)
