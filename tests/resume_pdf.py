"""Build realistic resume PDFs in memory for the test suite and the examples.

The tests need PDFs whose text positions look like real resumes (one column,
two columns, a sidebar on either side), because that is what breaks text
extraction in practice: a naive reader merges lines across the gutter or
reads a sidebar in the middle of a job description.  Checking binary PDFs into
the repository would hide how each fixture was made, so the tests and
``examples/make_sample_resumes.py`` build their PDFs with this module instead.

Everything is drawn with reportlab's platypus layout engine (real text in the
standard Helvetica fonts, wrapped by the engine and flowing onto more pages
when it is long), so pdfminer.six extracts it the way it would extract a resume
exported from a word processor.  Two helpers build the error cases the tests
need: a password-protected PDF and a scanned (image-only) PDF.

Beyond the four column layouts, options reproduce other things designers do
that a reader must survive (the development corpus in ``tests/corpus`` uses
them): decorated headings (``"spaced"`` letter-spaced ``S K I L L S``,
``"decorated"`` a glyph and a rule, ``"dashes"`` ``— EXPERIENCE —``,
``"smallcaps"``), sections drawn as a grid of cells (``Section.columns`` or
``skills_grid=True``), and a running header and footer with ``Page N of M`` on
every page (``header_footer=True``).

Output is deterministic (reportlab's ``invariant`` mode), so the same input
always gives the same bytes and regenerated example files do not churn in git.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    FrameBreak,
    KeepInFrame,
    NextPageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import PageTemplate
from reportlab.platypus.flowables import Flowable, HRFlowable
from reportlab.platypus.frames import Frame

__all__ = [
    "DECORATED_HEADING_STYLES",
    "HEADING_STYLES",
    "LAYOUTS",
    "Resume",
    "Section",
    "encrypted_pdf",
    "image_only_pdf",
    "render_resume",
]

LAYOUTS = ("single", "two_column", "sidebar_left", "sidebar_right")
HEADING_STYLES = ("caps", "title", "colon")
# Accepted as well, kept apart so tests parametrized over HEADING_STYLES keep
# their meaning: "spaced" (S K I L L S), "decorated" (a glyph, colour and a
# rule), "dashes" (— SKILLS —, centred) and "smallcaps".
DECORATED_HEADING_STYLES = ("spaced", "decorated", "dashes", "smallcaps")

BULLET = "\u2022 "  # a line starting with this is drawn as a bullet item

_PAGE_WIDTH, _PAGE_HEIGHT = LETTER
_MARGIN = 0.6 * 72  # narrow margins, as most one-page resumes use
_HEADER_HEIGHT = 58.0  # name (20pt) + contact line + breathing room
_TWO_COLUMN_GUTTER = 24.0  # wide enough that the columns are clearly separate
_SIDEBAR_GUTTER = 20.0
_SIDEBAR_SHARE = 0.30
_SIDEBAR_PADDING = 8.0  # text inset from the edge of the grey sidebar panel
_SIDEBAR_GREY = colors.Color(0.93, 0.93, 0.93)
# reportlab writes "•" in Helvetica as byte 0x7F, which PDF viewers show as a
# bullet but pdfminer extracts as "(cid:127)".  Word processors draw bullets
# in the Symbol font, which pdfminer maps back to "•", so we do the same.
_BULLET_FONT = "Symbol"
_HEADING_GLYPH = "\u2666"  # a diamond, drawn in Symbol like the bullets
_ACCENT = colors.Color(0.12, 0.30, 0.52)
_BAND = 22.0  # height of the running header and footer bands
_GRID_COLUMNS = 3  # cells per row when skills_grid=True


@dataclass(frozen=True)
class Section:
    """One titled block of a resume.

    ``lines`` are paragraphs; a line starting with ``"• "`` is drawn as a
    bullet item with a hanging indent, as word processors do.  Text between a
    pair of ``**`` is drawn bold (job titles, degree names), because real
    resumes use bold for those and extractors see the font change.  A plain
    line that follows a bullet gets a little space above it, so the next job
    entry starts visibly apart from the previous job's bullets.  With
    ``columns`` above 0 the lines are drawn as the cells of a table, row by
    row, each cell its own text run, as in "skills grid" templates.
    """

    heading: str
    lines: tuple[str, ...]
    columns: int = 0  # > 0: the lines are cells of a grid this many columns wide


@dataclass(frozen=True)
class Resume:
    """The content of a resume, independent of how it is laid out.

    ``main`` is the main column (summary, experience, projects, education);
    ``side`` is what a designer would put in a sidebar or second column
    (skills, certifications, languages).  In the ``"single"`` layout the side
    sections are simply appended after the main ones.
    """

    name: str
    contact: str
    main: tuple[Section, ...]
    side: tuple[Section, ...] = ()


@dataclass(frozen=True)
class _Box:
    """A rectangle on the page, in points from the bottom-left corner."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class _Styles:
    name: ParagraphStyle
    contact: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle


def render_resume(
    resume: Resume,
    layout: str = "single",
    *,
    heading_style: str = "caps",
    font_size: float = 10.0,
    leading: float | None = None,
    header_footer: bool = False,
    skills_grid: bool = False,
) -> bytes:
    """Return the bytes of a PDF of the resume in that layout.

    ``layout`` is one of :data:`LAYOUTS`; ``heading_style`` one of
    :data:`HEADING_STYLES`: ``"caps"`` (bold capitals, slightly bigger, with a
    thin rule under them), ``"title"`` (bold Title Case, no rule) or
    ``"colon"`` (``"Skills:"`` in bold at body size), or one of
    :data:`DECORATED_HEADING_STYLES`.  ``leading`` (the line pitch) defaults to
    1.2 times ``font_size``.

    ``header_footer`` draws a running header (the name and ``Page N of M``) and
    a footer (the contact line) on every page.  ``skills_grid`` draws every
    section whose heading mentions skills, and does not set ``columns``
    itself, as a grid of three cells per row.

    The name and contact line span the full page width.  In the column layouts
    the main column continues onto later pages at the same position; the side
    column appears on page 1 only and is shrunk to fit there if it is too long.
    """
    return _build(
        resume,
        layout,
        heading_style=heading_style,
        font_size=font_size,
        leading=leading,
        header_footer=header_footer,
        skills_grid=skills_grid,
    )


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """Return a small resume PDF that can only be opened with ``user_password``.

    The tests use it to check that a password-protected upload gives a clear
    error instead of an empty skill report.
    """
    resume = Resume(
        name="Casey Morgan",
        contact="casey.morgan@example.com | +1 555 0142",
        main=(
            Section(
                "Summary",
                ("Machine learning engineer who ships PyTorch models to production.",),
            ),
            Section(
                "Skills",
                ("Python, PyTorch, SQL, Docker, Kubernetes, AWS",),
            ),
        ),
    )
    encryption = StandardEncryption(
        user_password,
        ownerPassword=user_password + "-owner",
        strength=128,
    )
    return _build(resume, "single", encrypt=encryption)


def image_only_pdf() -> bytes:
    """Return a one-page PDF that looks like a scanned resume and has no text.

    The page is a single raster image (off-white paper with dark bars shaped
    like a name, headings and lines of text) and the content stream contains
    no text operators, so a text extractor finds nothing: the tests use it for
    the "this looks scanned, OCR it first" error.
    """
    from PIL import Image, ImageDraw  # reportlab depends on pillow

    dpi = 100
    width, height = int(8.5 * dpi), int(11 * dpi)
    image = Image.new("L", (width, height), 246)
    draw = ImageDraw.Draw(image)
    rng = random.Random(20240611)  # fixed seed: the same "scan" every time

    x0, x1 = 60, width - 60
    y = 60
    draw.rectangle((x0, y, x0 + 260, y + 26), fill=40)  # the name
    y += 40
    draw.rectangle((x0, y, x0 + 420, y + 9), fill=90)  # contact line
    y += 36
    while y < height - 80:
        draw.rectangle((x0, y, x0 + rng.randint(110, 200), y + 12), fill=30)
        y += 18
        draw.line((x0, y, x1, y), fill=120, width=1)
        y += 12
        for _ in range(rng.randint(3, 7)):
            indent = 18 if rng.random() < 0.7 else 0
            if indent:
                draw.ellipse((x0 + 4, y + 2, x0 + 10, y + 8), fill=50)
            end = x1 - rng.randint(0, 260)
            draw.rectangle((x0 + indent, y, end, y + 9), fill=rng.randint(55, 85))
            y += 16
            if y >= height - 80:
                break
        y += 14
    # Speckle noise so it reads as a scan rather than a drawing.
    for _ in range(3000):
        px, py = rng.randrange(width), rng.randrange(height)
        image.putpixel((px, py), rng.randint(150, 225))

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1)
    canvas.drawImage(ImageReader(image), 0, 0, width=_PAGE_WIDTH, height=_PAGE_HEIGHT)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _build(
    resume: Resume,
    layout: str,
    *,
    heading_style: str = "caps",
    font_size: float = 10.0,
    leading: float | None = None,
    encrypt: StandardEncryption | None = None,
    header_footer: bool = False,
    skills_grid: bool = False,
) -> bytes:
    """Lay out and render the resume; ``encrypt`` is for :func:`encrypted_pdf`."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")
    if heading_style not in HEADING_STYLES + DECORATED_HEADING_STYLES:
        expected = HEADING_STYLES + DECORATED_HEADING_STYLES
        raise ValueError(f"unknown heading_style {heading_style!r}; expected one of {expected}")
    if font_size <= 0:
        raise ValueError("font_size must be positive")
    if skills_grid:
        resume = _with_skills_grid(resume)
    if not header_footer:
        return _build_pages(resume, layout, heading_style, font_size, leading, encrypt)[0]
    # "Page N of M" needs M: lay out once to count the pages, then again.
    _, pages = _build_pages(resume, layout, heading_style, font_size, leading, encrypt, bands=(0,))
    data, _ = _build_pages(resume, layout, heading_style, font_size, leading, encrypt, bands=(pages,))
    return data


def _build_pages(
    resume: Resume,
    layout: str,
    heading_style: str,
    font_size: float,
    leading: float | None,
    encrypt: StandardEncryption | None,
    bands: tuple[int, ...] = (),
) -> tuple[bytes, int]:
    """Render once and return the bytes and the page count.  With ``bands``
    (the total page count, or 0 when not yet known) a running header and
    footer are drawn on every page."""
    styles = _make_styles(font_size, leading if leading is not None else font_size * 1.2)
    band = _BAND if bands else 0.0

    body_top = _PAGE_HEIGHT - _MARGIN - band - _HEADER_HEIGHT
    body_bottom = _MARGIN + band
    body_height = body_top - body_bottom
    width = _PAGE_WIDTH - 2 * _MARGIN
    header = _Box(_MARGIN, body_top, width, _HEADER_HEIGHT)
    main_box, side_box, side_panel = _column_boxes(layout, body_height, body_bottom)

    def frame(box: _Box, frame_id: str, padding: float = 0.0) -> Frame:
        return Frame(
            box.x,
            box.y,
            box.width,
            box.height,
            leftPadding=padding,
            rightPadding=padding,
            topPadding=padding,
            bottomPadding=padding,
            id=frame_id,
        )

    first_frames = [frame(header, "header")]
    if side_box is not None:
        padding = _SIDEBAR_PADDING if side_panel else 0.0
        first_frames.append(frame(side_box, "side", padding))
    first_frames.append(frame(main_box, "main"))
    # Later pages keep the main column where it was on page 1 so a long
    # experience section reads as one continuous column.
    later_box = _Box(main_box.x, body_bottom, main_box.width, _PAGE_HEIGHT - 2 * (_MARGIN + band))

    on_first_page = _panel_painter(side_box) if side_panel and side_box else _no_decoration
    on_later_page = _no_decoration
    if bands:
        running = _running_header_footer(resume, bands[0], font_size)
        on_first_page = _both(on_first_page, running)
        on_later_page = running
    templates = [
        PageTemplate("first", first_frames, onPage=on_first_page),
        PageTemplate("later", [frame(later_box, "main-cont")], onPage=on_later_page),
    ]

    story: list[Flowable] = [
        NextPageTemplate("later"),
        # A very long contact line is shrunk rather than pushed into the body.
        KeepInFrame(
            0,
            0,
            [
                Paragraph(_markup(resume.name), styles.name),
                Paragraph(_markup(resume.contact), styles.contact),
            ],
            mode="shrink",
        ),
        FrameBreak(),
    ]
    if side_box is None:
        story += _sections(resume.main + resume.side, styles, heading_style)
    else:
        # The side column must fit on page 1: shrink it rather than letting it
        # spill into the main column's frame.
        side_story = _sections(resume.side, styles, heading_style)
        story.append(KeepInFrame(0, 0, side_story, mode="shrink"))
        story.append(FrameBreak())
        story += _sections(resume.main, styles, heading_style)

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=LETTER,
        pageTemplates=templates,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title=f"{resume.name} - Resume",
        author=resume.name,
        invariant=1,
        encrypt=encrypt,
    )
    doc.build(story)
    return buffer.getvalue(), doc.page


def _column_boxes(layout: str, body_height: float, bottom: float = _MARGIN) -> tuple[_Box, _Box | None, bool]:
    """Return (main column, side column or None, whether the side has a panel)."""
    width = _PAGE_WIDTH - 2 * _MARGIN
    left = _MARGIN
    if layout == "single":
        return _Box(left, bottom, width, body_height), None, False
    if layout == "two_column":
        usable = width - _TWO_COLUMN_GUTTER
        main_width = usable * 0.55
        main = _Box(left, bottom, main_width, body_height)
        side_x = left + main_width + _TWO_COLUMN_GUTTER
        return main, _Box(side_x, bottom, width - (side_x - left), body_height), False
    side_width = width * _SIDEBAR_SHARE
    main_width = width - side_width - _SIDEBAR_GUTTER
    if layout == "sidebar_left":
        side = _Box(left, bottom, side_width, body_height)
        main = _Box(left + side_width + _SIDEBAR_GUTTER, bottom, main_width, body_height)
    else:  # sidebar_right
        main = _Box(left, bottom, main_width, body_height)
        side = _Box(left + main_width + _SIDEBAR_GUTTER, bottom, side_width, body_height)
    return main, side, True


def _both(
    first: Callable[[Canvas, BaseDocTemplate], None], second: Callable[[Canvas, BaseDocTemplate], None]
) -> Callable[[Canvas, BaseDocTemplate], None]:
    """Return a page callback that runs two others in turn."""

    def paint(canvas: Canvas, doc: BaseDocTemplate) -> None:
        first(canvas, doc)
        second(canvas, doc)

    return paint


def _running_header_footer(
    resume: Resume, total_pages: int, font_size: float
) -> Callable[[Canvas, BaseDocTemplate], None]:
    """Return a page callback drawing "Name  ...  Page N of M" at the top of
    the page and the contact line at the bottom, each with a thin rule."""
    size = max(6.5, font_size * 0.8)
    grey = colors.Color(0.4, 0.4, 0.4)

    def paint(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(grey)
        canvas.setStrokeColor(grey)
        canvas.setLineWidth(0.4)
        top = _PAGE_HEIGHT - _MARGIN
        right = _PAGE_WIDTH - _MARGIN
        canvas.setFont("Helvetica", size)
        canvas.drawString(_MARGIN, top - size, f"{resume.name} \u2013 Resume")
        canvas.drawRightString(right, top - size, f"Page {doc.page} of {total_pages or '?'}")
        canvas.line(_MARGIN, top - size - 4, right, top - size - 4)
        canvas.line(_MARGIN, _MARGIN + size + 6, right, _MARGIN + size + 6)
        canvas.drawCentredString(_PAGE_WIDTH / 2, _MARGIN, resume.contact)
        canvas.restoreState()

    return paint


def _with_skills_grid(resume: Resume) -> Resume:
    """Give every skills section without its own ``columns`` a grid."""

    def grid(section: Section) -> Section:
        if section.columns or "skill" not in section.heading.lower():
            return section
        return Section(section.heading, section.lines, _GRID_COLUMNS)

    return Resume(
        resume.name,
        resume.contact,
        tuple(map(grid, resume.main)),
        tuple(map(grid, resume.side)),
    )


def _no_decoration(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """Page callback for pages without a sidebar panel."""


def _panel_painter(box: _Box) -> Callable[[Canvas, BaseDocTemplate], None]:
    """Return a page callback that paints the light grey sidebar panel."""

    def paint(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(_SIDEBAR_GREY)
        canvas.setStrokeColor(_SIDEBAR_GREY)
        canvas.rect(box.x, box.y, box.width, box.height, stroke=0, fill=1)
        canvas.restoreState()

    return paint


def _make_styles(font_size: float, leading: float) -> _Styles:
    body = ParagraphStyle(
        "body",
        fontName="Helvetica",
        fontSize=font_size,
        leading=leading,
        spaceAfter=font_size * 0.25,
    )
    return _Styles(
        name=ParagraphStyle("name", fontName="Helvetica-Bold", fontSize=20, leading=24, spaceAfter=4),
        contact=ParagraphStyle("contact", fontName="Helvetica", fontSize=font_size, leading=leading),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName="Helvetica-Bold",
            spaceBefore=font_size * 0.9,
            spaceAfter=font_size * 0.3,
            keepWithNext=1,
        ),
        body=body,
        bullet=ParagraphStyle(
            "bullet",
            parent=body,
            bulletFontName=_BULLET_FONT,
            leftIndent=font_size * 1.3,
            bulletIndent=font_size * 0.3,
            spaceAfter=font_size * 0.15,
        ),
    )


def _sections(sections: Iterable[Section], styles: _Styles, heading_style: str) -> list[Flowable]:
    """Turn sections into flowables; headings are kept with what follows."""
    story: list[Flowable] = []
    after_bullet = ParagraphStyle(
        "body-after-bullet", parent=styles.body, spaceBefore=styles.body.fontSize * 0.5
    )
    for index, section in enumerate(sections):
        story += _heading(section.heading, styles, heading_style, first=index == 0)
        if section.columns > 0:
            story.append(_grid(section, styles))
            continue
        previous_was_bullet = False
        for line in section.lines:
            text = _bold(_markup(line.removeprefix(BULLET).strip()))
            if line.startswith(BULLET):
                story.append(Paragraph(text, styles.bullet, bulletText="\u2022"))
            else:
                style = after_bullet if previous_was_bullet else styles.body
                story.append(Paragraph(text, style))
            previous_was_bullet = line.startswith(BULLET)
    return story


def _grid(section: Section, styles: _Styles) -> Table:
    """The section's lines as table cells, ``section.columns`` per row, left
    to right then top to bottom; each cell is a separate paragraph."""
    columns = section.columns
    cells = [
        Paragraph(_bold(_markup(line.removeprefix(BULLET).strip())), styles.body) for line in section.lines
    ]
    cells += [""] * (-len(cells) % columns)
    rows = [cells[start : start + columns] for start in range(0, len(cells), columns)]
    table = Table(rows, colWidths=[f"{100 / columns:.4f}%"] * columns, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _heading(text: str, styles: _Styles, heading_style: str, *, first: bool) -> list[Flowable]:
    base = styles.heading
    size = base.fontSize
    if first:
        # No gap above the first heading of a column: the column's top is
        # already spaced from the contact line.
        base = ParagraphStyle("heading-first", parent=base, spaceBefore=0)
    if heading_style == "caps":
        style = ParagraphStyle(
            "heading-caps",
            parent=base,
            fontSize=size * 1.15,
            leading=size * 1.15 * 1.2,
            spaceAfter=1,
        )
        rule = HRFlowable(
            width="100%",
            thickness=0.6,
            color=colors.Color(0.35, 0.35, 0.35),
            spaceBefore=0,
            spaceAfter=size * 0.4,
        )
        rule.keepWithNext = 1  # never leave the rule alone at a column bottom
        return [Paragraph(_markup(text.upper()), style), rule]
    if heading_style == "title":
        return [Paragraph(_markup(_title_case(text)), base)]
    if heading_style in DECORATED_HEADING_STYLES:
        return _decorated_heading(text, base, heading_style)
    return [Paragraph(_markup(text.rstrip(":").strip() + ":"), base)]


def _decorated_heading(text: str, base: ParagraphStyle, heading_style: str) -> list[Flowable]:
    """Headings as designers draw them: letter-spaced, with a glyph, between
    dashes, or in small capitals."""
    size = base.fontSize
    words = text.upper().split()
    if heading_style == "dashes":
        style = ParagraphStyle("heading-dashes", parent=base, alignment=1, fontSize=size * 1.1)
        return [Paragraph(_markup("\u2014 " + " ".join(words) + " \u2014"), style)]
    rule = HRFlowable(width="100%", thickness=0.8, color=_ACCENT, spaceBefore=1, spaceAfter=size * 0.4)
    rule.keepWithNext = 1
    if heading_style == "spaced":
        # Letters one space apart, words three: "W O R K   H I S T O R Y".
        spaced = "&nbsp;&nbsp;&nbsp;".join(" ".join(escape(word)) for word in words)
        style = ParagraphStyle("heading-spaced", parent=base, textColor=_ACCENT, spaceAfter=1)
        return [Paragraph(spaced, style), rule]
    if heading_style == "decorated":
        glyph = f'<font name="{_BULLET_FONT}" color="#1f4d85">{_HEADING_GLYPH}</font>&nbsp;&nbsp;'
        style = ParagraphStyle("heading-glyph", parent=base, fontSize=size * 1.1, spaceAfter=1)
        return [Paragraph(glyph + _markup(" ".join(words)), style), rule]
    # smallcaps: the first letter of each word bigger than the rest.
    small = f"{size * 0.92:.2f}"
    parts = [
        f'{escape(word[0])}<font size="{small}">{escape(word[1:])}</font>' if len(word) > 1 else escape(word)
        for word in words
    ]
    style = ParagraphStyle("heading-smallcaps", parent=base, fontSize=size * 1.25, spaceAfter=1)
    return [Paragraph(" ".join(parts), style), rule]


def _markup(text: str) -> str:
    """Escape text for Paragraph markup; draw any inline "•" in Symbol."""
    return escape(text).replace("\u2022", f'<font name="{_BULLET_FONT}">\u2022</font>')


def _bold(markup: str) -> str:
    """Turn ``**text**`` into bold markup."""
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", markup)


def _title_case(text: str) -> str:
    """Capitalise each word without lowering the rest ("AI", "ML" stay)."""
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))
