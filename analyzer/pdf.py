"""PDF text with its layout, through pdfminer.six: fragments with position and font, per page.

Only this module imports pdfminer, so text resumes and ``--help`` never pay for it.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import zlib
from collections.abc import Iterator

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTPage, LTTextLineHorizontal
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import LIT, PSException

from analyzer.document import (
    Line,
    count_garbled,
    normalize_text,
    remove_cid_codes,
    strip_bullet,
)
from analyzer.errors import DamagedPdfError, EncryptedPdfError, NoTextLayerError, ResourceLimitError
from analyzer.layout import Fragment, Row, reading_order, row_text

# Characters closer than this many character widths join one fragment. pdfminer's default (2.0)
# bridges narrow column gutters and table cells; 1.0 still keeps words of justified text together.
CHAR_MARGIN = 1.0
# Warn about undecodable fonts once this share of a document's characters is garbled.
GARBLED_WARNING_SHARE = 0.05
# pdfminer logs font quirks of real-world PDFs as warnings; they are not the user's concern.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
NO_TEXT_LAYER = "no text layer (a scan or image-only PDF): rerun with --ocr to read it by OCR"
UNREADABLE_FONTS = (
    "its fonts give no readable text (no Unicode map): re-export the PDF with embedded text, or run OCR"
)
# What a malformed PDF makes pdfminer raise; each becomes DamagedPdfError with the class named.
_BROKEN = (
    PSException,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    RecursionError,
    OverflowError,
    ZeroDivisionError,
    zlib.error,
)
# Glyphs further from the page than this many page sizes are not drawn on it.
OFF_PAGE_REACH = 1.0
# Items larger than this many page sizes are not drawn on it. A form that holds a whole page's
# text (Canva exports) is about the page's size, often a fraction of a point larger.
MAX_ITEM_SIZE = 2.0
# Longer chains of references to references are treated as broken.
MAX_REFERENCE_CHAIN = 64
# Forms inside forms deeper than this are not looked into for fonts (a hostile file may nest
# them without end); layout analysis still reads whatever they draw.
MAX_FORM_NESTING = 8
LITERAL_FORM = LIT("Form")
# Running headers and footers live in this share of the page at its top and bottom.
RUNNING_MARGIN = 0.09
_DIGITS = re.compile(r"\d+")
# A page number: "3", "Page 3", "3 / 4", "Page 3 of 4", "- 3 -" (a year is no page number).
_PAGE_NUMBER = re.compile(r"(?i)(?:page\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?|[-–]\s*\d{1,3}\s*[-–]")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_WORD_BREAK = re.compile(r"(?<=[A-Za-z])[-\u00ad]$")
_SOFT_BREAK = re.compile(r"\u00ad$")


class _BoundedAggregator(PDFPageAggregator):
    """pdfminer's page aggregator, minus glyphs far off the page or absurdly large.

    Layout analysis divides the page's extent into a grid; one glyph placed a billion points away
    (a damaged or hostile file) makes that grid astronomically large and the analysis endless.
    Nothing a reader can see is lost: such glyphs are not on the page.
    """

    def end_page(self, page: PDFPage) -> None:
        x0, y0, x1, y1 = self.cur_item.bbox
        page_size = max(x1 - x0, y1 - y0, 1.0)
        reach = OFF_PAGE_REACH * page_size
        size_limit = MAX_ITEM_SIZE * page_size

        def on_page(item: object) -> bool:
            bx0, by0, bx1, by1 = item.bbox  # type: ignore[attr-defined]
            inside = bx0 > x0 - reach and bx1 < x1 + reach and by0 > y0 - reach and by1 < y1 + reach
            return inside and abs(bx1 - bx0) < size_limit and abs(by1 - by0) < size_limit

        def prune(container: object) -> None:
            children = [item for item in container._objs if on_page(item)]  # type: ignore[attr-defined]
            container._objs = children  # type: ignore[attr-defined]
            for child in children:
                if hasattr(child, "_objs"):
                    prune(child)

        prune(self.cur_item)
        super().end_page(page)


def _laparams() -> LAParams:
    # boxes_flow=None skips pdfminer's own ordering of text boxes, the costliest step of its layout
    # analysis: reading order is ours (analyzer.layout).
    return LAParams(char_margin=CHAR_MARGIN, all_texts=True, boxes_flow=None)


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

    A hyphen joins only before a lowercase letter (an ordinary word break), and stays when the word
    is a compound anyway ('Stop-word-' + 'removal', 'AI-' + 'assisted'); a soft hyphen always
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
        broken = current.split()[-1][:-1]
        # A compound already hyphenated ("Stop-word-" / "removal") or led by an acronym ("AI-" /
        # "assisted") keeps its hyphen: the line broke at a hyphen the word has anyway.
        keeps_hyphen = not _SOFT_BREAK.search(current) and ("-" in broken or broken.isupper())
        rows[index] = (current if keeps_hyphen else current[:-1]) + head
        rows[index + 1] = rest
    return rows


class _LoopSafeDocument(PDFDocument):
    """pdfminer's document, refusing objects whose references form a loop.

    Two loops would otherwise cost the whole timeout or a stack overflow: a reference to a
    reference that leads back (``6 0 R`` is ``7 0 R``, which is ``6 0 R``: pdfminer's ``resolve1``
    follows it forever), and an object that needs itself to be read (a stream whose ``/Length``
    is the stream itself, or leads back to it). Every indirect object is read through
    :meth:`getobj`, so both are caught where they happen, whichever key holds them.
    """

    def __init__(self, parser: PDFParser, password: str, name: str) -> None:
        self.source_name = name
        self.reading: set[int] = set()
        super().__init__(parser, password=password)

    def getobj(self, objid: int) -> object:
        value = self._getobj_once(objid)
        chain = {objid}
        while isinstance(value, PDFObjRef):
            if value.objid in chain or len(chain) > MAX_REFERENCE_CHAIN:
                raise self._loop()
            chain.add(value.objid)
            value = self._getobj_once(value.objid)
        return value

    def _getobj_once(self, objid: int) -> object:
        if objid in self.reading:
            raise self._loop()
        self.reading.add(objid)
        try:
            return super().getobj(objid)
        finally:
            self.reading.discard(objid)

    def _loop(self) -> DamagedPdfError:
        return DamagedPdfError(self.source_name, "damaged PDF, its object references form a loop")


def _open(data: bytes, name: str, password: str) -> PDFDocument:
    try:
        return _LoopSafeDocument(PDFParser(io.BytesIO(data)), password, name)
    except PDFPasswordIncorrect:
        hint = "wrong password" if password else "encrypted; pass its password with --password"
        raise EncryptedPdfError(name, hint) from None
    except PDFEncryptionError as exc:
        raise EncryptedPdfError(name, f"encrypted with an unsupported method ({exc})") from None
    except _BROKEN as exc:
        raise DamagedPdfError(name, f"damaged PDF, cannot parse its structure ({_describe(exc)})") from None


def _pages(document: PDFDocument, name: str, max_pages: int | None) -> list[PDFPage]:
    pages = []
    try:
        for page in PDFPage.create_pages(document):
            pages.append(page)
            if max_pages is not None and len(pages) > max_pages:
                raise ResourceLimitError(name, f"has more than {max_pages} pages (raise --max-pages)")
    except _BROKEN as exc:
        raise DamagedPdfError(name, f"damaged PDF, cannot find its pages ({_describe(exc)})") from None
    if not pages:
        raise DamagedPdfError(name, "the PDF has no pages")
    return pages


def _has_fonts(page: PDFPage) -> bool:
    """Whether a page's resources name any font, its own or those of the form XObjects it draws
    (Canva and some design tools put all of a page's text inside forms): without one it cannot
    show text."""
    try:
        return _resources_have_fonts(page.resources, depth=0, seen=set())
    except _BROKEN:
        return True  # undecided: let layout analysis find out


def _resources_have_fonts(resources: object, *, depth: int, seen: set[int]) -> bool:
    resources = resolve1(resources) or {}
    if not isinstance(resources, dict):
        return True
    if resolve1(resources.get("Font")):
        return True
    if depth >= MAX_FORM_NESTING:
        return False
    forms = resolve1(resources.get("XObject")) or {}
    if not isinstance(forms, dict):
        return False
    for reference in forms.values():
        # A form drawn by several pages or by itself is looked into once.
        if isinstance(reference, PDFObjRef):
            if reference.objid in seen:
                continue
            seen.add(reference.objid)
        form = resolve1(reference)
        attributes = getattr(form, "attrs", None)
        if not isinstance(attributes, dict) or resolve1(attributes.get("Subtype")) != LITERAL_FORM:
            continue
        if _resources_have_fonts(attributes.get("Resources"), depth=depth + 1, seen=seen):
            return True
    return False


def _page_lines(layout: LTPage, page_number: int) -> tuple[list[Line], int, int]:
    rows = reading_order(_page_fragments(layout), layout.width)
    raw = [row_text(row) for row in rows]
    lines: list[Line] = []
    for row, text in zip(rows, join_word_breaks(raw), strict=True):
        line = _row_line(row, text, page_number, len(lines) + 1)
        if line.text:
            lines.append(line)
    return lines, sum(len(text) for text in raw), sum(count_garbled(text) for text in raw)


def read_pdf_lines(
    data: bytes, name: str, *, password: str = "", max_pages: int | None = None
) -> tuple[tuple[Line, ...], int, tuple[str, ...]]:
    """Lines of a PDF in reading order, the page count and any warnings.

    Raises :class:`EncryptedPdfError`, :class:`DamagedPdfError`, :class:`NoTextLayerError` or
    :class:`ResourceLimitError` (more pages than ``max_pages``).
    """
    document = _open(data, name, password)
    pages = _pages(document, name, max_pages)
    if not any(_has_fonts(page) for page in pages):
        # A scan has no fonts at all: say so at once instead of analyzing the layout of images.
        raise NoTextLayerError(name, NO_TEXT_LAYER)
    manager = PDFResourceManager()
    device = _BoundedAggregator(manager, laparams=_laparams())
    interpreter = PDFPageInterpreter(manager, device)
    lines: list[Line] = []
    page_heights: dict[int, float] = {}
    characters = garbled = 0
    try:
        for page_number, page in enumerate(pages, start=1):
            interpreter.process_page(page)
            layout = device.get_result()
            page_heights[page_number] = layout.height
            page_lines, page_characters, page_garbled = _page_lines(layout, page_number)
            lines.extend(page_lines)
            characters += page_characters
            garbled += page_garbled
    except _BROKEN as exc:
        raise DamagedPdfError(name, f"damaged PDF, cannot read its pages ({_describe(exc)})") from None
    lines = drop_running_lines(lines, page_heights)
    if not any(any(char.isalnum() for char in line.text) for line in lines):
        if garbled:
            raise NoTextLayerError(name, UNREADABLE_FONTS)
        raise NoTextLayerError(name, NO_TEXT_LAYER)
    warnings: list[str] = []
    if characters and garbled / characters >= GARBLED_WARNING_SHARE:
        warnings.append(
            f"{garbled / characters:.0%} of the text uses fonts without a Unicode map; "
            "some words may be missing"
        )
    return tuple(lines), len(pages), tuple(warnings)


def _running_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.casefold().split()))


def drop_running_lines(lines: list[Line], page_heights: dict[int, float]) -> list[Line]:
    """Lines without running headers and footers: page numbers, and text that repeats in the top
    or bottom margin of several pages (a name, "Page 2 of 3", a contact footer)."""

    def in_margin(line: Line) -> bool:
        height = page_heights.get(line.page, 0.0)
        return height > 0 and (
            line.top < height * RUNNING_MARGIN or line.bottom > height * (1 - RUNNING_MARGIN)
        )

    pages_with: dict[str, set[int]] = {}
    for line in lines:
        if in_margin(line):
            pages_with.setdefault(_running_key(line.text), set()).add(line.page)
    repeated = {key for key, pages in pages_with.items() if len(pages) >= 2}
    # A page's only text is its content, however often it repeats: headers frame a body.
    pages_with_body = {line.page for line in lines if not in_margin(line)}
    kept = [
        line
        for line in lines
        if not (
            line.page in pages_with_body
            and in_margin(line)
            and (_running_key(line.text) in repeated or _PAGE_NUMBER.fullmatch(line.text))
        )
    ]
    if len(kept) == len(lines):
        return kept
    # Numbers restart on every page, so what is left is renumbered.
    renumbered: list[Line] = []
    for line in kept:
        number = 1 if not renumbered or renumbered[-1].page != line.page else renumbered[-1].number + 1
        renumbered.append(Line(**{**line.__dict__, "number": number}))
    return renumbered


def _describe(exc: BaseException) -> str:
    return "objects nested too deeply" if isinstance(exc, RecursionError) else exc.__class__.__name__
