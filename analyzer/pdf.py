"""PDF text with its layout, through pdfminer.six: fragments with position and font, per page.

Only this module imports pdfminer, so text resumes and ``--help`` never pay for it.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections.abc import Iterator

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTPage, LTTextLineHorizontal
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psparser import PSException

from analyzer.document import (
    Line,
    count_garbled,
    normalize_text,
    remove_cid_codes,
    strip_bullet,
)
from analyzer.errors import DamagedPdfError, EncryptedPdfError, NoTextLayerError
from analyzer.layout import Fragment, Row, reading_order, row_text

# Characters closer than this many character widths join one fragment. pdfminer's default (2.0)
# bridges narrow column gutters and table cells; 1.0 still keeps words of justified text together.
CHAR_MARGIN = 1.0
# Warn about undecodable fonts once this share of a document's characters is garbled.
GARBLED_WARNING_SHARE = 0.05
# pdfminer logs font quirks of real-world PDFs as warnings; they are not the user's concern.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_WORD_BREAK = re.compile(r"(?<=[A-Za-z])[-\u00ad]$")
_SOFT_BREAK = re.compile(r"\u00ad$")


def _laparams() -> LAParams:
    return LAParams(char_margin=CHAR_MARGIN, all_texts=True)


def _text_lines(container: object) -> Iterator[LTTextLineHorizontal]:
    for child in container:  # type: ignore[attr-defined]
        if isinstance(child, LTTextLineHorizontal):
            yield child
        elif hasattr(child, "__iter__") and not isinstance(child, LTChar):
            yield from _text_lines(child)


def _fragment(line: LTTextLineHorizontal, page_height: float) -> Fragment | None:
    text = line.get_text().rstrip("\n")
    if not text.strip():
        return None
    chars = [char for char in line if isinstance(char, LTChar)]
    sizes = [char.size for char in chars if char.get_text().strip()]
    bold_chars = sum(1 for char in chars if _BOLD_FONT.search(char.fontname or ""))
    return Fragment(
        text=text,
        x0=line.x0,
        top=page_height - line.y1,
        x1=line.x1,
        bottom=page_height - line.y0,
        font_size=round(statistics.median(sizes), 1) if sizes else 0.0,
        bold=bool(chars) and bold_chars * 2 >= len(chars),
    )


def _page_fragments(layout: LTPage) -> list[Fragment]:
    fragments = (_fragment(line, layout.height) for line in _text_lines(layout))
    return [fragment for fragment in fragments if fragment is not None]


def _row_line(row: Row, raw_text: str, page: int, number: int) -> Line:
    text, bulleted = strip_bullet(normalize_text(remove_cid_codes(raw_text)))
    first = row[0]
    return Line(
        text=text,
        page=page,
        number=number,
        x0=min(fragment.x0 for fragment in row),
        top=min(fragment.top for fragment in row),
        x1=max(fragment.x1 for fragment in row),
        bottom=max(fragment.bottom for fragment in row),
        font_size=max(fragment.font_size for fragment in row),
        bold=first.bold,
        item_start=bulleted,
    )


def join_word_breaks(raw_rows: list[str]) -> list[str]:
    """Rejoin words broken across lines: 'develop-' + 'ment …' becomes 'development' + '…'.

    A hyphen joins only before a lowercase letter (an ordinary word break); a soft hyphen always
    joins, since producers emit it exactly where they broke a word.
    """
    rows = list(raw_rows)
    for index in range(len(rows) - 1):
        current, following = rows[index].rstrip(), rows[index + 1].lstrip()
        if not following or not _WORD_BREAK.search(current):
            continue
        if not _SOFT_BREAK.search(current) and not following[0].islower():
            continue
        head, _, rest = following.partition(" ")
        rows[index] = current[:-1] + head
        rows[index + 1] = rest
    return rows


def read_pdf_lines(
    data: bytes, name: str, *, password: str = ""
) -> tuple[tuple[Line, ...], int, tuple[str, ...]]:
    """Lines of a PDF in reading order, the page count and any warnings.

    Raises :class:`EncryptedPdfError`, :class:`DamagedPdfError` or :class:`NoTextLayerError`.
    """
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser, password=password)
    except PDFPasswordIncorrect:
        hint = "wrong password" if password else "encrypted; pass its password with --password"
        raise EncryptedPdfError(name, hint) from None
    except PDFEncryptionError as exc:
        raise EncryptedPdfError(name, f"encrypted with an unsupported method ({exc})") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise DamagedPdfError(
            name, f"damaged PDF, cannot parse its structure ({exc.__class__.__name__})"
        ) from None

    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=_laparams())
    interpreter = PDFPageInterpreter(manager, device)
    lines: list[Line] = []
    page_count = 0
    characters = garbled = 0
    try:
        for page_number, page in enumerate(PDFPage.create_pages(document), start=1):
            page_count = page_number
            interpreter.process_page(page)
            layout = device.get_result()
            rows = reading_order(_page_fragments(layout), layout.width)
            raw = [row_text(row) for row in rows]
            characters += sum(len(text) for text in raw)
            garbled += sum(count_garbled(text) for text in raw)
            joined = join_word_breaks(raw)
            number = 0
            for row, text in zip(rows, joined, strict=True):
                line = _row_line(row, text, page_number, number + 1)
                if line.text:
                    number += 1
                    lines.append(line)
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise DamagedPdfError(
            name, f"damaged PDF, cannot read its pages ({exc.__class__.__name__})"
        ) from None

    if page_count == 0:
        raise DamagedPdfError(name, "the PDF has no pages")
    if not any(any(char.isalnum() for char in line.text) for line in lines):
        raise NoTextLayerError(
            name, "no text layer (a scan or image-only PDF): run OCR on it first, e.g. with ocrmypdf"
        )
    warnings: list[str] = []
    if characters and garbled / characters >= GARBLED_WARNING_SHARE:
        warnings.append(
            f"{garbled / characters:.0%} of the text uses fonts without a Unicode map; "
            "some words may be missing"
        )
    return tuple(lines), page_count, tuple(warnings)
