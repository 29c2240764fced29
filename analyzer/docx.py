"""Word documents (``.docx``): WordprocessingML read from the ZIP with a parser that refuses DTDs.

Only the standard library is used. A Word part never carries a document type declaration, so
the parser refuses any (and with it every entity declaration, internal or external): entity
expansion and external entities cannot happen, whatever the expat version. Parts are read with a
hard bound on their uncompressed size, so a ZIP bomb costs at most that bound, whatever its
headers claim.

The body is walked in document order: paragraphs, tables (a row of short cells is one line with
the cells apart, a row of long cells is read cell by cell, so a two-column layout table is read
column by column), content controls, accepted tracked changes (insertions kept, deletions
dropped), hyperlinks and fields (their shown text, not their code), soft breaks as line breaks,
explicit page breaks as pages. Word stores a text box twice, as DrawingML and as a VML fallback;
only the first copy is read, after the paragraph it is anchored to. Headers and footers are
contact lines: they come first, once each, marked as running text (which claims no skills), without
their page numbers.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import NoReturn
from xml.etree import ElementTree
from xml.parsers import expat

from analyzer.document import Line, normalize_text, strip_bullet
from analyzer.errors import DamagedDocumentError, ResourceLimitError, UnsupportedFormatError

DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
# Headers and footers: word/header1.xml, word/footer2.xml, ...
_RUNNING_PART = re.compile(r"word/(header|footer)\d*\.xml")
# The most uncompressed bytes one part may hold; real resumes' document.xml hold tens of KiB.
MAX_PART_BYTES = 32 * 1024**2
# The most uncompressed bytes all parts read may hold together.
MAX_TOTAL_BYTES = 64 * 1024**2
# The most header and footer parts read (a document has at most three of each per section).
MAX_RUNNING_PARTS = 24
# XML nested deeper than this is refused: real documents nest tens of elements deep.
MAX_XML_DEPTH = 256
# Chains of styles based on styles longer than this are cut (a loop or a hostile file).
MAX_STYLE_CHAIN = 16
# Word's font size when neither the run, its style nor the document defaults say one (points).
WORD_DEFAULT_FONT_SIZE = 10.0
# Fields whose result is a page number or count ("Page 2 of 3" in a footer): never resume text.
_PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})
# A header or footer line that held a page number and has at most this many words left around it
# is a page label ("Page of", "Seite von", "Página de"), in whatever language.
MAX_PAGE_LABEL_WORDS = 2
# Paragraph styles that make a list item even without numbering properties.
_LIST_STYLE = re.compile(r"(?i)^list\s*(bullet|number|paragraph)")
# The name's title style is no section heading: what it titles is the header.
_HEADING_STYLE = re.compile(r"(?i)^heading\s*\d$")

WORD_NAMESPACES = frozenset(
    {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO strict
    }
)
MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DRAWING_ANCHOR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"
# Page width when the document does not say (US Letter, in twentieths of a point).
DEFAULT_PAGE_TWIPS = 12240
# Drawing positions are in English Metric Units: 635 per twentieth of a point.
EMU_PER_TWIP = 635
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"

# Containers whose children are read as if they stood in the container's place.
_TRANSPARENT = frozenset({"sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo", "fldSimple", "hyperlink"})
# Elements whose text is not shown: deleted or moved-away text, field codes, properties.
_HIDDEN = frozenset(
    {"del", "moveFrom", "delText", "instrText", "delInstrText", "pPr", "rPr", "sdtPr", "sdtEndPr", "tblPr",
     "trPr", "tcPr", "tblGrid", "sectPr", "footnoteReference", "endnoteReference", "commentReference"}
)


class _Refused(Exception):
    """Raised inside the XML parser's handlers to stop a part that is not plain WordprocessingML."""


def is_docx(data: bytes) -> bool:
    """Whether bytes are a ZIP archive holding ``word/document.xml``: a Word document."""
    if not data.startswith(ZIP_SIGNATURE):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # A truncated Word file still names its main part near the start.
        return DOCUMENT_PART.encode() in data[:4096]


def _local(tag: str) -> str:
    """The name of a WordprocessingML element ("p", "tbl"), "mc:NAME" for markup compatibility,
    or "" for anything else (DrawingML, VML, math), which is walked but matches no rule."""
    namespace, _, name = tag[1:].partition("}")
    if namespace in WORD_NAMESPACES:
        return name
    if namespace == MARKUP_COMPATIBILITY:
        return f"mc:{name}"
    return ""


def _attribute(element: ElementTree.Element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if key == name or key.endswith("}" + name):
            return value
    return None


def parse_part(data: bytes, source: str, part: str) -> ElementTree.Element:
    """One XML part as an element tree; a DTD, an entity or excessive nesting is refused."""
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    def refuse(*_: object) -> NoReturn:
        raise _Refused("it declares a document type or entities, which Word files never do")

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_XML_DEPTH:
            raise _Refused(f"its XML nests more than {MAX_XML_DEPTH} levels deep")
        builder.start(_qualified(tag), {_qualified(key): value for key, value in attributes.items()})

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(_qualified(tag))

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
        return builder.close()
    except _Refused as refusal:
        raise DamagedDocumentError(source, f"refused Word document: {part}: {refusal}") from None
    except (expat.ExpatError, AssertionError) as error:
        reason = expat.ErrorString(error.code) if isinstance(error, expat.ExpatError) else "unbalanced"
        raise DamagedDocumentError(source, f"damaged Word document: {part} is not well-formed XML ({reason})") from None


def _qualified(name: str) -> str:
    return "{" + name if "}" in name else name


class _PartReader:
    """Reads parts of the archive within :data:`MAX_PART_BYTES` each and :data:`MAX_TOTAL_BYTES` in all."""

    def __init__(self, archive: zipfile.ZipFile, source: str) -> None:
        self.archive = archive
        self.source = source
        self.total = 0

    def read(self, part: str) -> bytes:
        info = self.archive.getinfo(part)
        if info.file_size > MAX_PART_BYTES:
            raise self._too_large(part)
        # Read one byte past the bound: a header that understates the size cannot slip through.
        with self.archive.open(info) as stream:
            data = stream.read(MAX_PART_BYTES + 1)
        self.total += len(data)
        if len(data) > MAX_PART_BYTES or self.total > MAX_TOTAL_BYTES:
            raise self._too_large(part)
        return data

    def _too_large(self, part: str) -> ResourceLimitError:
        return ResourceLimitError(
            self.source,
            f"Word document too large unpacked ({part} over {MAX_PART_BYTES / 1024**2:g} MiB): a ZIP bomb?",
        )


@dataclass(frozen=True)
class _Style:
    bold: bool | None = None
    size: float | None = None
    heading: bool = False
    list_item: bool = False


@dataclass
class _Paragraph:
    """A paragraph's lines (split at soft breaks) and how it looks."""

    lines: list[str] = field(default_factory=lambda: [""])
    pages_before: list[int] = field(default_factory=lambda: [0])
    bold_chars: int = 0
    chars: int = 0
    size: float = 0.0
    # Sizes set on the paragraph's runs themselves, which win over its style's.
    run_sizes: list[float] = field(default_factory=list)
    heading: bool = False
    list_item: bool = False
    floating: list[_Block] = field(default_factory=list)
    # Indexes of the lines that held a page number field.
    page_numbered: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class _Block:
    """One line to be: its text and looks, and how many page breaks come before it."""

    text: str
    bold: bool = False
    size: float = 0.0
    heading: bool = False
    item_start: bool = False
    page_breaks: int = 0
    # The line held a page number (a PAGE or NUMPAGES field), which is left out of its text.
    page_numbered: bool = False
    # The line belongs to a header or footer.
    running: bool = False


def _on(element: ElementTree.Element | None) -> bool | None:
    """A toggle property's value (``<w:b/>``, ``<w:b w:val="0"/>``), or None when absent."""
    if element is None:
        return None
    return (_attribute(element, "val") or "true").lower() not in {"0", "false", "off", "none"}


def _child(element: ElementTree.Element | None, name: str) -> ElementTree.Element | None:
    if element is None:
        return None
    return next((child for child in element if _local(child.tag) == name), None)


def _half_points(element: ElementTree.Element | None) -> float | None:
    value = _attribute(element, "val") if element is not None else None
    try:
        return int(value) / 2 if value else None
    except ValueError:
        return None


class _Styles:
    """Paragraph and character styles of ``word/styles.xml``, resolved through ``basedOn``."""

    def __init__(self, root: ElementTree.Element | None) -> None:
        self.raw: dict[str, tuple[ElementTree.Element, str | None]] = {}
        self.default_size = WORD_DEFAULT_FONT_SIZE
        self.resolved: dict[str, _Style] = {}
        if root is None:
            return
        defaults = _child(_child(_child(root, "docDefaults"), "rPrDefault"), "rPr")
        self.default_size = _half_points(_child(defaults, "sz")) or WORD_DEFAULT_FONT_SIZE
        for style in root:
            if _local(style.tag) == "style" and (style_id := _attribute(style, "styleId")):
                based_on = _child(style, "basedOn")
                self.raw[style_id] = (style, _attribute(based_on, "val") if based_on is not None else None)

    def get(self, style_id: str | None) -> _Style:
        if not style_id:
            return _Style()
        if style_id not in self.resolved:
            self.resolved[style_id] = self._resolve(style_id)
        return self.resolved[style_id]

    def _resolve(self, style_id: str) -> _Style:
        chain: list[ElementTree.Element] = []
        current: str | None = style_id
        while current in self.raw and len(chain) < MAX_STYLE_CHAIN:
            element, current = self.raw[current]
            chain.append(element)
        bold = size = None
        heading = list_item = False
        for element in chain:  # the style itself first, then what it is based on
            name_element = _child(element, "name")
            name = (_attribute(name_element, "val") if name_element is not None else "") or ""
            paragraph = _child(element, "pPr")
            run = _child(element, "rPr")
            heading = heading or bool(_HEADING_STYLE.match(name)) or _child(paragraph, "outlineLvl") is not None
            list_item = list_item or bool(_LIST_STYLE.match(name)) or _child(paragraph, "numPr") is not None
            bold = _on(_child(run, "b")) if bold is None else bold
            size = _half_points(_child(run, "sz")) if size is None else size
        return _Style(bold, size, heading, list_item)


class _Walker:
    """Turns the body of a document (or a header, a footer, a text box) into blocks in order."""

    def __init__(self, styles: _Styles, page_twips: int = DEFAULT_PAGE_TWIPS) -> None:
        self.styles = styles
        self.page_emu = page_twips * EMU_PER_TWIP
        # Text boxes on the right half of the page: read after the body, as a right column is.
        self.right_boxes: list[_Block] = []
        self.on_right = False
        # The instructions of the complex fields the walk is inside (they nest), outermost first.
        self.fields: list[str] = []

    def blocks(self, container: ElementTree.Element) -> Iterator[_Block]:
        for child in container:
            name = _local(child.tag)
            if name == "p":
                yield from self.paragraph(child)
            elif name == "tbl":
                yield from self.table(child)
            elif name in _TRANSPARENT:
                yield from self.blocks(child)
            elif name == "mc:AlternateContent":
                yield from self.blocks(_first_choice(child))

    def table(self, table: ElementTree.Element) -> Iterator[_Block]:
        for row in _cells_of(table, "tr"):
            cells = [list(self.blocks(cell)) for cell in _cells_of(row, "tc")]
            cells = [cell for cell in cells if any(block.text for block in cell)]
            if cells and all(len(cell) == 1 for cell in cells):
                # A row of short cells (a skills table, a date beside a title) is one line.
                first = cells[0][0]
                text = "\t".join(cell[0].text for cell in cells)
                numbered = any(cell[0].page_numbered for cell in cells)
                yield _Block(text, first.bold, first.size, False, first.item_start, first.page_breaks, numbered)
            else:
                # Long cells are read one after the other: a layout table column by column.
                for cell in cells:
                    yield from cell

    def paragraph(self, element: ElementTree.Element) -> Iterator[_Block]:
        properties = _child(element, "pPr")
        style_element = _child(properties, "pStyle")
        style = self.styles.get(_attribute(style_element, "val") if style_element is not None else None)
        paragraph = _Paragraph(
            size=style.size or self.styles.default_size,
            heading=style.heading or _child(properties, "outlineLvl") is not None,
            list_item=style.list_item or _child(properties, "numPr") is not None,
        )
        if _on(_child(properties, "pageBreakBefore")):
            paragraph.pages_before[0] += 1
        self._runs(element, paragraph, style)
        bold = paragraph.chars > 0 and paragraph.bold_chars * 2 >= paragraph.chars
        size = max(paragraph.run_sizes, default=paragraph.size)
        for index, (text, breaks) in enumerate(zip(paragraph.lines, paragraph.pages_before, strict=True)):
            yield _Block(
                text,
                bold,
                size,
                paragraph.heading,
                paragraph.list_item and index == 0,
                breaks,
                index in paragraph.page_numbered,
            )
        yield from paragraph.floating

    def _runs(self, element: ElementTree.Element, paragraph: _Paragraph, style: _Style) -> None:
        for child in element:
            name = _local(child.tag)
            if name in _HIDDEN:
                continue
            if name == "r":
                self._run(child, paragraph, style)
            elif name == "fldSimple" and _is_page_field(_attribute(child, "instr") or ""):
                paragraph.page_numbered.add(len(paragraph.lines) - 1)
            elif name == "mc:AlternateContent":
                self._runs(_first_choice(child), paragraph, style)
            elif name == "txbxContent":
                (self.right_boxes if self.on_right else paragraph.floating).extend(self.blocks(child))
            elif child.tag == DRAWING_ANCHOR:
                outer, self.on_right = self.on_right, self._stands_right(child)
                self._runs(child, paragraph, style)
                self.on_right = outer
            else:
                self._runs(child, paragraph, style)

    def _stands_right(self, anchor: ElementTree.Element) -> bool:
        """Whether a floating shape stands on the right half of the page, as far as its anchor says
        (aligned right, or placed past the middle)."""
        for position in anchor:
            if not position.tag.endswith("}positionH"):
                continue
            for value in position:
                text = (value.text or "").strip()
                if value.tag.endswith("}align"):
                    return text in ("right", "outside")
                if value.tag.endswith("}posOffset"):
                    try:
                        return int(text) > self.page_emu / 2
                    except ValueError:
                        return False
        return False

    def _run(self, run: ElementTree.Element, paragraph: _Paragraph, style: _Style) -> None:
        properties = _child(run, "rPr")
        bold = _on(_child(properties, "b"))
        bold = style.bold if bold is None else bold
        size = _half_points(_child(properties, "sz"))
        for child in run:
            name = _local(child.tag)
            if name == "fldChar":
                self._field_char(_attribute(child, "fldCharType"))
            elif name == "instrText" and self.fields:
                self.fields[-1] += child.text or ""
            elif name in ("t", "sym") and any(_is_page_field(instruction) for instruction in self.fields):
                paragraph.page_numbered.add(len(paragraph.lines) - 1)
            elif name in ("t", "sym"):
                text = child.text or ""
                paragraph.lines[-1] += text
                counted = len(text.strip())
                paragraph.chars += counted
                paragraph.bold_chars += counted if bold else 0
                if size and counted:
                    paragraph.run_sizes.append(size)
            elif name == "tab":
                paragraph.lines[-1] += "\t"
            elif name == "noBreakHyphen":
                paragraph.lines[-1] += "-"
            elif name in ("br", "cr"):
                page = name == "br" and _attribute(child, "type") == "page"
                paragraph.lines.append("")
                paragraph.pages_before.append(1 if page else 0)
            elif name in _HIDDEN:
                continue
            elif name == "mc:AlternateContent":
                self._runs(_first_choice(child), paragraph, style)
            else:  # drawings, pictures, alternate content: text boxes inside
                self._runs(child, paragraph, style)


    def _field_char(self, kind: str | None) -> None:
        """A complex field begins (its instruction follows in ``instrText``) or ends."""
        if kind == "begin":
            self.fields.append("")
        elif kind == "end" and self.fields:
            self.fields.pop()


def _is_page_field(instruction: str) -> bool:
    """Whether a field's instruction (" PAGE \\* MERGEFORMAT ") shows a page number or count."""
    words = instruction.split()
    return bool(words) and words[0].upper() in _PAGE_FIELDS


def _first_choice(alternate: ElementTree.Element) -> ElementTree.Element:
    """The copy of alternate content to read: the first choice (DrawingML), else the fallback."""
    for child in alternate:
        if _local(child.tag) == "mc:Choice":
            return child
    return _child_any(alternate, "mc:Fallback")


def _child_any(element: ElementTree.Element, name: str) -> ElementTree.Element:
    found = next((child for child in element if _local(child.tag) == name), None)
    return found if found is not None else ElementTree.Element("empty")


def _cells_of(element: ElementTree.Element, name: str) -> Iterator[ElementTree.Element]:
    """Rows of a table or cells of a row, also when wrapped in content controls or custom XML."""
    for child in element:
        local = _local(child.tag)
        if local == name:
            yield child
        elif local in _TRANSPARENT:
            yield from _cells_of(child, name)


def _page_width(body: ElementTree.Element | None) -> int:
    """The page width the document's last section sets, in twentieths of a point."""
    size = _child(_child(body, "sectPr"), "pgSz")
    try:
        return int(_attribute(size, "w") or DEFAULT_PAGE_TWIPS) if size is not None else DEFAULT_PAGE_TWIPS
    except ValueError:
        return DEFAULT_PAGE_TWIPS


def _lines(blocks: list[_Block], first_page: int = 1) -> tuple[list[Line], int]:
    """Blocks as numbered lines (numbers restart on each page), and the last page."""
    lines: list[Line] = []
    page, number = first_page, 0
    for block in blocks:
        if block.page_breaks and (number or lines):
            page, number = page + block.page_breaks, 0
        text, bulleted = strip_bullet(normalize_text(block.text))
        if not text:
            continue
        number += 1
        lines.append(
            Line(
                text=text,
                page=page,
                number=number,
                font_size=block.size,
                bold=block.bold,
                item_start=block.item_start or bulleted,
                heading_marker=block.heading,
                running=block.running,
            )
        )
    return lines, page


def _running_blocks(parts: list[ElementTree.Element], styles: _Styles, page_twips: int) -> list[_Block]:
    """The lines of the headers and footers: contact lines, once each however many sections
    repeat them, without page numbers and the labels around them ("Page 2 of 3")."""
    blocks: list[_Block] = []
    seen: set[str] = set()
    for part in parts:
        walker = _Walker(styles, page_twips)
        for block in [*walker.blocks(part), *walker.right_boxes]:
            words = block.text.split()
            key = " ".join(words).casefold()
            if not key or key in seen or (block.page_numbered and len(words) <= MAX_PAGE_LABEL_WORDS):
                continue
            seen.add(key)
            blocks.append(replace(block, heading=False, page_breaks=0, running=True))
    return blocks


def read_docx_lines(data: bytes, name: str) -> tuple[tuple[Line, ...], int, tuple[str, ...]]:
    """Lines of a Word document in reading order, its page count and any warnings.

    Raises :class:`UnsupportedFormatError` (not a Word document), :class:`DamagedDocumentError`
    (truncated or malformed) or :class:`ResourceLimitError` (a ZIP bomb).
    """
    if data.startswith(OLE_SIGNATURE):
        raise UnsupportedFormatError(name, LEGACY_OR_ENCRYPTED)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DamagedDocumentError(name, "damaged Word document: not a complete ZIP archive (truncated?)") from None
    with archive:
        names = set(archive.namelist())
        if DOCUMENT_PART not in names:
            raise UnsupportedFormatError(name, "a ZIP archive but not a Word document (no word/document.xml)")
        reader = _PartReader(archive, name)
        try:
            document = parse_part(reader.read(DOCUMENT_PART), name, DOCUMENT_PART)
            styles = _Styles(parse_part(reader.read(STYLES_PART), name, STYLES_PART) if STYLES_PART in names else None)
            # Headers before footers, each in the order Word numbers them.
            running_parts = sorted(
                (part for part in names if _RUNNING_PART.fullmatch(part)),
                key=lambda part: (not part.startswith("word/header"), len(part), part),
            )[:MAX_RUNNING_PARTS]
            running = [parse_part(reader.read(part), name, part) for part in running_parts]
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
            reason = error.__class__.__name__
            raise DamagedDocumentError(name, f"damaged Word document: cannot unpack it ({reason})") from None
    body = _child(document, "body")
    page_twips = _page_width(body)
    blocks = _running_blocks(running, styles, page_twips)
    walker = _Walker(styles, page_twips)
    blocks.extend(walker.blocks(body) if body is not None else ())
    blocks.extend(walker.right_boxes)
    lines, last_page = _lines(blocks)
    if not lines:
        raise DamagedDocumentError(name, "the Word document holds no text")
    return tuple(lines), last_page, ()


LEGACY_OR_ENCRYPTED = (
    "a legacy Word 97-2003 document (.doc) or a password-protected Word file: open it in Word or "
    "LibreOffice and save it as .docx (without a password) or PDF"
)
