"""Reading a resume file into a :class:`Document`: pages of lines in reading order.

The file's content decides its format and must agree with its extension: a ``.pdf`` has to be a
PDF, and text formats (``.txt``, ``.md``, ``.markdown``, standard input, no extension) have to
decode as text. Everything downstream works on the normalized lines produced here and never
re-reads the file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analyzer.errors import (
    InputNotFoundError,
    NotAFileError,
    NoTextLayerError,
    ResourceLimitError,
    UnreadableInputError,
    UnsupportedFormatError,
)

TEXT_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ""})
PDF_EXTENSIONS = frozenset({".pdf"})
DOCX_EXTENSIONS = frozenset({".docx"})
# Scans and photos, read only by OCR (``--ocr``).
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | PDF_EXTENSIONS | DOCX_EXTENSIONS | IMAGE_EXTENSIONS
# Document formats skillgap does not read, and how to convert each to one it does.
CONVERT_HINTS = {
    ".doc": "a legacy Word 97-2003 document (.doc): open it in Word or LibreOffice and save it as .docx or PDF",
    ".odt": "an OpenDocument text (.odt): save it as .docx or PDF (LibreOffice: File > Save As)",
    ".rtf": "an RTF document (.rtf): open it in Word or LibreOffice and save it as .docx or PDF",
    ".pages": "an Apple Pages document (.pages): in Pages choose File > Export To > Word or PDF",
    ".heic": "an HEIC photo (.heic, an iPhone's own format): export it as JPEG and rerun with --ocr",
    ".heif": "an HEIF photo (.heif): export it as JPEG and rerun with --ocr",
}
# An OpenDocument file names its type in its first ZIP entry, "mimetype", stored uncompressed.
ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"
# Leading bytes of the image formats read by OCR.
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
STDIN_NAME = "-"

# The most text one resume may contain; the rest is not analyzed (with a warning). Real resumes
# hold a few thousand characters; this bound keeps matching a hostile or mistaken text file (a
# log, a book) to about a second and some tens of MiB, whatever its size.
MAX_TEXT_CHARACTERS = 200_000

# Byte order marks of UTF-16, little- and big-endian.
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# How far into a file the PDF signature may sit: the specification lets producers put junk
# before it, and real files carry up to a kilobyte of it.
PDF_SIGNATURE_WINDOW = 1024

# Hyphens other than the ASCII one that PDFs use inside words ("BERT‑based" with a non-breaking
# hyphen); NFKC has already turned the non-breaking one into U+2010. Dashes between words (en and
# em dashes) stay: they separate, they do not join.
if TYPE_CHECKING:
    from analyzer.ocr import OcrSettings

_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2043\u2212\ufe63\uff0d"), "-")
BULLET_GLYPHS = "•●○◦▪▫■□►▸▹‣⁃∙·➢➤✓✔❖◆◇★☆"
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SOFT_HYPHEN_DASH = re.compile(r"(?<![^\W\d_])\u00ad(?![^\W\d_])")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_CID = re.compile(r"\(cid:\d+\)")
_SPLIT_WORD = re.compile(r"(?<![\w-])([^\W\d_][\w-]*?)- ([^\W\d_A-Z]+)")
_LEADING_BULLET = re.compile(rf"^\s*(?:[{re.escape(BULLET_GLYPHS)}]|[-*–—](?=\s))\s*")
# The same dash on both ends of a few words frames a heading ("— EXPERIENCE —"); it opens no list item.
_FRAMING_DASHES = re.compile(r"^\s*([-–—])\s+(?:[^\s—–-]+\s+){1,6}\1\s*$")


@dataclass(frozen=True)
class Line:
    """One visual line of the resume, in reading order.

    ``number`` counts from 1 within the page. Geometry and font are in PDF points; text input
    has no geometry (zeros) and no font size (0.0). ``item_start`` says a bullet or list marker
    began the line, which tells a new list item from a wrapped continuation. ``running`` marks the
    text of a Word header or footer: contact lines, which claim no skills.
    """

    text: str
    page: int
    number: int
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    font_size: float = 0.0
    bold: bool = False
    item_start: bool = False
    heading_marker: bool = False
    running: bool = False


@dataclass(frozen=True)
class Document:
    """A resume read into lines, with where it came from."""

    name: str
    format: str
    sha256: str
    page_count: int
    lines: tuple[Line, ...]
    warnings: tuple[str, ...] = ()
    # Whether some of the text was recognized by OCR rather than read from the file.
    ocr: bool = False


def normalize_text(text: str) -> str:
    """Unicode compatibility forms folded (NFKC: ligatures spelled out, full-width letters and
    odd spaces made plain), every hyphen made ASCII, invisible and private-use glyphs dropped,
    spaces folded.

    Soft hyphens go too: producers put them where a word may break, not where one did. One with no
    letter beside it ("2022 \u00ad Present", "2018\u00ad2019") is a dash the font draws, and becomes one.
    """
    text = _SOFT_HYPHEN_DASH.sub("–", unicodedata.normalize("NFKC", text))
    text = text.translate(_INVISIBLE).translate(_HYPHENS)
    text = _PRIVATE_USE.sub(" ", text)
    return rejoin_split_words(_SPACES.sub(" ", text).strip())


def rejoin_split_words(text: str) -> str:
    """Words a producer split with a hyphen and a space inside one line joined again: "lan- guage"
    when the joined word is an ordinary word, "Stop-word- removal" and "AI- assisted" as the
    compounds they are; a suspended hyphen ("front- and back-end", "AI- and ML-based") stays."""
    if "- " not in text:
        return text
    from analyzer.languages import is_ordinary_word, vocabulary

    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if is_ordinary_word(head + tail):
            return head + tail
        # A compound broken after its hyphen ("Stop-word- removal", "AI- assisted").
        compound = "-" in head or (head.isupper() and len(head) > 1)
        if compound and tail.casefold() not in vocabulary().connectors:
            return f"{head}-{tail}"
        return match.group(0)

    return _SPLIT_WORD.sub(join, text)


def strip_bullet(text: str) -> tuple[str, bool]:
    """The line without a leading bullet glyph, and whether there was one."""
    if _FRAMING_DASHES.match(text):
        return text, False
    stripped = _LEADING_BULLET.sub("", text, count=1)
    return stripped, stripped != text.lstrip()


def count_garbled(text: str) -> int:
    """Characters a font without a Unicode map produced: ``(cid:NN)`` runs and private-use glyphs."""
    return sum(len(match) for match in _CID.findall(text)) + len(_PRIVATE_USE.findall(text))


def remove_cid_codes(text: str) -> str:
    """Drop ``(cid:NN)`` placeholders, which stand for glyphs pdfminer could not decode."""
    return _CID.sub(" ", text)


def sniff_format(data: bytes, name: str) -> str:
    """'pdf', 'docx', 'image' or 'text', decided by content and checked against the extension.

    Raises :class:`UnsupportedFormatError` when the content is something else or disagrees with
    the extension.
    """
    from analyzer.docx import is_docx

    extension = Path(name).suffix.lower() if name != STDIN_NAME else ""
    looks_pdf = b"%PDF-" in data[:PDF_SIGNATURE_WINDOW]
    if extension in CONVERT_HINTS:
        raise UnsupportedFormatError(name, f"skillgap does not read {CONVERT_HINTS[extension]}")
    if extension in PDF_EXTENSIONS:
        if looks_pdf:
            return "pdf"
        raise UnsupportedFormatError(name, f"not a PDF (looks like {describe_content(data)})")
    if extension in DOCX_EXTENSIONS:
        if is_docx(data) or data.startswith(b"\xd0\xcf\x11\xe0"):
            return "docx"  # the reader says what a legacy or encrypted file is
        if (converted := _convertible_format(data)) is not None:
            raise UnsupportedFormatError(name, f"not a Word document but {CONVERT_HINTS[converted]}")
        raise UnsupportedFormatError(name, f"not a Word document (looks like {describe_content(data)})")
    if extension in IMAGE_EXTENSIONS:
        if data.startswith(IMAGE_SIGNATURES):
            return "image"
        raise UnsupportedFormatError(name, f"not a PNG, JPEG or TIFF image (looks like {describe_content(data)})")
    if extension not in TEXT_EXTENSIONS:
        raise UnsupportedFormatError(
            name,
            f"unsupported file type {extension!r}: skillgap reads PDF, Word (.docx), plain text, Markdown "
            "and, with --ocr, PNG, JPEG and TIFF images",
        )
    if looks_pdf:
        raise UnsupportedFormatError(name, "content is a PDF but the name says text: rename it to .pdf")
    if is_docx(data):
        if extension == "":
            return "docx"  # standard input or a file without extension: the content decides
        raise UnsupportedFormatError(name, "content is a Word document but the name says text: rename it to .docx")
    if extension == "" and data.startswith(IMAGE_SIGNATURES):
        return "image"  # a photo on standard input: read by OCR when asked
    if not _is_text(data):
        raise UnsupportedFormatError(name, f"not text (looks like {describe_content(data)})")
    return "text"


def _convertible_format(data: bytes) -> str | None:
    """The extension of the document format (one skillgap does not read) the content is, if any."""
    if data[:64].lstrip()[:5] == b"{\\rtf":
        return ".rtf"
    if data.startswith(b"PK\x03\x04") and ODT_MIMETYPE in data[:128]:
        return ".odt"
    return None


def _is_text(data: bytes) -> bool:
    """Whether bytes are text: no NUL byte, or (UTF-16 with its byte order mark, which spells
    every ASCII letter with a NUL byte) no NUL character once decoded."""
    if data.startswith(UTF16_BOMS):
        try:
            return "\x00" not in data.decode("utf-16")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in data


def describe_content(data: bytes) -> str:
    """A short guess at what some bytes are, for error messages."""
    head = data[:2048].lstrip()
    lowered = head.lower()
    signatures = (
        (b"PK\x03\x04", "a ZIP archive or a Word/OpenDocument file"),
        (b"\xd0\xcf\x11\xe0", "a legacy Microsoft Office file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"{\\rtf", "an RTF document"),
    )
    if not data:
        return "an empty file"
    for signature, description in signatures:
        if head.startswith(signature):
            return description
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return "HTML"
    if lowered.startswith(b"<?xml"):
        return "XML"
    if b"\x00" in head:
        return "binary data"
    return "text"


def display_name(path: str) -> str:
    """A path as text that can always be printed and written as UTF-8: bytes of a file name that
    are not UTF-8 (legal on Linux) show as U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def too_large(name: str, max_size: int) -> ResourceLimitError:
    """The error for input over ``--max-size``."""
    return ResourceLimitError(name, f"larger than {max_size / 1024**2:g} MiB (raise --max-size)")


def read_source(source: str | Path, *, max_size: int | None = None) -> tuple[str, bytes]:
    """The display name and bytes of a path (or ``-`` for standard input), with typed errors."""
    if str(source) == STDIN_NAME:
        import sys

        data = sys.stdin.buffer.read(max_size + 1 if max_size else -1)
        if max_size and len(data) > max_size:
            raise too_large(STDIN_NAME, max_size)
        return STDIN_NAME, data
    path = Path(source)
    name = display_name(str(source))
    if not path.exists():
        raise InputNotFoundError(name, "no such file")
    if path.is_dir():
        raise NotAFileError(name, "is a directory; use 'skillgap batch' for folders")
    if not path.is_file():
        raise NotAFileError(name, "not a regular file")
    try:
        if max_size and path.stat().st_size > max_size:
            raise too_large(name, max_size)
        return name, path.read_bytes()
    except PermissionError:
        raise UnreadableInputError(name, "permission denied: check the file's read permission") from None
    except OSError as exc:
        raise UnreadableInputError(name, f"cannot read file ({exc.strerror or exc})") from None


def read_document(
    data: bytes,
    name: str,
    *,
    password: str = "",
    max_pages: int | None = None,
    ocr: OcrSettings | None = None,
) -> Document:
    """Read bytes (named ``name`` for format checks and messages) into a :class:`Document`.

    A PDF with more than ``max_pages`` pages is refused rather than read in part. With ``ocr``,
    images are read by OCR, and so are the PDF pages without text (or all, as ``ocr.pages`` says).
    """
    kind = sniff_format(data, name)
    digest = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        lines, page_count, warnings, recognized = _pdf_lines(data, name, password, max_pages, ocr)
        kept = capped_lines(lines)
        if len(kept) < len(lines):
            warnings = (*warnings, TEXT_CUT_WARNING)
        return Document(name, "pdf", digest, page_count, kept, warnings, recognized)
    if kind == "docx":
        from analyzer.docx import read_docx_lines

        lines, page_count, warnings = read_docx_lines(data, name)
        kept = capped_lines(lines)
        if len(kept) < len(lines):
            warnings = (*warnings, TEXT_CUT_WARNING)
        return Document(name, "docx", digest, page_count, kept, warnings)
    if kind == "image":
        if ocr is None:
            raise UnsupportedFormatError(name, IMAGE_NEEDS_OCR)
        from analyzer.ocr import confidence_warning, ocr_image

        pages = ocr_image(data, ocr, name, max_pages)
        lines = capped_lines(tuple(line for page in pages for line in page.lines))
        if not lines:
            raise NoTextLayerError(name, "OCR found no text in the image")
        return Document(name, "image", digest, max(1, len(pages)), lines, (confidence_warning(pages),), True)
    text = decode_text(data)
    warnings = ()
    if len(text) > MAX_TEXT_CHARACTERS:
        # Cut before splitting into lines, so a huge file costs no more than the bound.
        text, warnings = text[: MAX_TEXT_CHARACTERS + 1], (TEXT_CUT_WARNING,)
        text = text[: text.rfind("\n") + 1] or text[:MAX_TEXT_CHARACTERS]
    markdown = Path(name).suffix.lower() in {".md", ".markdown"} or looks_like_markdown(text)
    lines = capped_lines(text_lines(text, markdown))
    return Document(name, "markdown" if markdown else "text", digest, 1, lines, warnings)


def _pdf_lines(
    data: bytes, name: str, password: str, max_pages: int | None, ocr: OcrSettings | None
) -> tuple[tuple[Line, ...], int, tuple[str, ...], bool]:
    """A PDF's lines, page count and warnings, and whether OCR read some of them: the text layer
    where it has text, OCR for the pages that need it (or every page) when asked."""
    from analyzer.pdf import read_pdf_lines

    try:
        lines, page_count, warnings = read_pdf_lines(data, name, password=password, max_pages=max_pages)
    except NoTextLayerError:
        if ocr is None:
            raise
        from analyzer.ocr import pdf_page_count

        lines, page_count, warnings = (), pdf_page_count(data, name, password), ()
        if max_pages is not None and page_count > max_pages:
            raise ResourceLimitError(name, f"has more than {max_pages} pages (raise --max-pages)") from None
    if ocr is None:
        return lines, page_count, warnings, False
    with_text = {line.page for line in lines}
    wanted = [
        page for page in range(1, page_count + 1) if ocr.pages == "all" or page not in with_text
    ]
    if not wanted:
        return lines, page_count, warnings, False
    from analyzer.ocr import confidence_warning, ocr_pdf_pages
    from analyzer.pdf import drop_running_lines

    pages = ocr_pdf_pages(data, wanted, ocr, name, password)
    recognized = [line for page in pages for line in page.lines]
    heights = {line.page: page.height for page in pages for line in page.lines}
    merged = [line for line in lines if line.page not in wanted] + drop_running_lines(recognized, heights)
    merged.sort(key=lambda line: (line.page, line.number))
    if not any(any(char.isalnum() for char in line.text) for line in merged):
        raise NoTextLayerError(name, "no text layer, and OCR found no text either")
    return tuple(merged), page_count, (*warnings, confidence_warning(pages)), True


IMAGE_NEEDS_OCR = "an image: rerun with --ocr to read it by OCR (needs Tesseract)"
TEXT_CUT_WARNING = (
    f"the resume holds more than {MAX_TEXT_CHARACTERS:,} characters of text; only the first "
    f"{MAX_TEXT_CHARACTERS:,} were analyzed"
)


def capped_lines(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """The lines that fit in :data:`MAX_TEXT_CHARACTERS`, from the first on."""
    total = 0
    for index, line in enumerate(lines):
        total += len(line.text) + 1
        if total > MAX_TEXT_CHARACTERS + 1:
            return lines[:index]
    return lines


def decode_text(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else UTF-16 with a BOM, else Latin-1."""
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_=])(\s*\1){2,}\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def looks_like_markdown(text: str) -> bool:
    """Whether text without a Markdown extension still uses Markdown headings."""
    return sum(1 for line in text.splitlines() if _MD_HEADING.match(line)) >= 2


def _plain_markdown(text: str) -> str:
    text = _MD_LINK.sub(lambda match: f"{match.group(1)} ({match.group(2)})", text)
    text = _MD_EMPHASIS.sub(lambda match: match.group(2) or match.group(3), text)
    return text.replace("`", "")


def text_lines(text: str, markdown: bool) -> tuple[Line, ...]:
    """Lines of a text or Markdown resume: markup and rules dropped, headings marked."""
    lines: list[Line] = []
    for raw in text.splitlines():
        heading_marker = False
        if markdown:
            if _MD_RULE.match(raw):
                continue
            heading = _MD_HEADING.match(raw)
            if heading:
                raw, heading_marker = heading.group(2), True
            raw = _plain_markdown(raw).replace("|", " | ")
        elif _MD_RULE.match(raw):
            continue
        content, bulleted = strip_bullet(normalize_text(raw))
        if not content:
            continue
        lines.append(
            Line(
                text=content,
                page=1,
                number=len(lines) + 1,
                item_start=bulleted,
                heading_marker=heading_marker,
            )
        )
    return tuple(lines)
