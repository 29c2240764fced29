"""Build Word documents (.docx) in memory for the tests and the development corpus.

A .docx is a ZIP of XML parts; this module writes the parts the way Word writes them (styles
with headings, numbered lists, tables, text boxes stored twice: a DrawingML copy inside
``mc:Choice`` and a VML copy inside ``mc:Fallback``, headers and footers, tracked changes,
content controls, hyperlinks, soft breaks), so the reader is tested on the structures real
files hold, built in plain sight instead of checked in as binaries. Output is deterministic.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'mc:Ignorable="wps"'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
    '<w:rPr><w:sz w:val="48"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>'
    '<w:basedOn w:val="Normal"/></w:style>'
    "</w:styles>"
)


def run(text: str, *, bold: bool = False, size: float | None = None) -> str:
    """A run of text; tabs become ``w:tab`` and newlines soft breaks (``w:br``), as Word stores them."""
    properties = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{int(size * 2)}"/>' if size else "")
    parts = []
    for index, line in enumerate(text.split("\n")):
        if index:
            parts.append("<w:br/>")
        for cell_index, piece in enumerate(line.split("\t")):
            if cell_index:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{'<w:rPr>' + properties + '</w:rPr>' if properties else ''}{''.join(parts)}</w:r>"


def paragraph(
    content: str = "",
    *,
    style: str | None = None,
    bold: bool = False,
    size: float | None = None,
    bullet: bool = False,
    page_break_before: bool = False,
    raw: str = "",
) -> str:
    """A paragraph: ``content`` as one run, then ``raw`` XML (other runs, hyperlinks, changes)."""
    properties = ""
    if style:
        properties += f'<w:pStyle w:val="{style}"/>'
    if page_break_before:
        properties += "<w:pageBreakBefore/>"
    if bullet:
        properties += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    runs = run(content, bold=bold, size=size) if content else ""
    return f"<w:p>{'<w:pPr>' + properties + '</w:pPr>' if properties else ''}{runs}{raw}</w:p>"


def heading(text: str) -> str:
    return paragraph(text, style="Heading1")


def table(rows: Sequence[Sequence[str | Sequence[str]]]) -> str:
    """A table; a cell is a paragraph's text or a list of paragraphs' XML."""
    xml_rows = []
    for row in rows:
        cells = []
        for cell in row:
            content = paragraph(cell) if isinstance(cell, str) else "".join(cell)
            cells.append(f"<w:tc><w:tcPr/>{content}</w:tc>")
        xml_rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(xml_rows)}</w:tbl>"


def text_box(paragraphs: Iterable[str], *, left_emu: int = 0, top_emu: int = 0) -> str:
    """A run holding a floating text box, stored as Word stores it: DrawingML first, VML fallback."""
    content = "".join(paragraphs)
    drawing = (
        '<w:drawing><wp:anchor behindDoc="0" simplePos="0" relativeHeight="1" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{left_emu}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{top_emu}</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2286000" cy="8229600"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    fallback = (
        '<w:pict><v:shape style="position:absolute;width:180pt;height:648pt">'
        f"<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"{drawing}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def document_xml(body: Iterable[str]) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}>'
        f"<w:body>{''.join(body)}<w:sectPr/></w:body></w:document>"
    )


def build_docx(
    body: Iterable[str],
    *,
    header: Iterable[str] = (),
    footer: Iterable[str] = (),
    document: str | None = None,
    extra_parts: dict[str, bytes] | None = None,
) -> bytes:
    """The bytes of a .docx whose body holds the given block XML (paragraphs, tables)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def write(part: str, data: str | bytes) -> None:
            info = zipfile.ZipInfo(part, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

        write("[Content_Types].xml", CONTENT_TYPES)
        write("_rels/.rels", PACKAGE_RELATIONSHIPS)
        write("word/document.xml", document if document is not None else document_xml(body))
        write("word/styles.xml", STYLES)
        for part_name, blocks in (("header1", header), ("footer1", footer)):
            blocks = list(blocks)
            if blocks:
                tag = "hdr" if part_name.startswith("header") else "ftr"
                write(f"word/{part_name}.xml", f"<w:{tag} {NAMESPACES}>{''.join(blocks)}</w:{tag}>")
        for part_name, data in (extra_parts or {}).items():
            write(part_name, data)
    return buffer.getvalue()


# -- whole resumes, for the development corpus ---------------------------------------------------

DOCX_LAYOUTS = ("single", "table", "textbox")


def _rich_runs(text: str) -> str:
    """Runs of a line whose ``**``-marked parts are bold, as job titles are in the corpus."""
    parts = text.split("**")
    return "".join(run(part, bold=index % 2 == 1) for index, part in enumerate(parts) if part)


def _section_xml(section: object) -> list[str]:
    blocks = [heading(section.heading)]  # type: ignore[attr-defined]
    lines: Sequence[str] = section.lines  # type: ignore[attr-defined]
    columns: int = section.columns  # type: ignore[attr-defined]
    if columns:
        rows = [list(lines[start : start + columns]) for start in range(0, len(lines), columns)]
        return [*blocks, table([[cell.replace("**", "") for cell in row] for row in rows])]
    for line in lines:
        bullet = line.startswith("• ")
        blocks.append(paragraph(bullet=bullet, raw=_rich_runs(line.removeprefix("• "))))
    return blocks


def render_resume_docx(resume: object, layout: str = "single") -> bytes:
    """A corpus resume (``tests.resume_pdf.Resume``) as Word writes one: ``single`` (one column),
    ``table`` (a layout table: side sections in the left cell, main ones in the right) or
    ``textbox`` (side sections in a floating text box stored twice, anchored to the contact line)."""
    main = [block for section in resume.main for block in _section_xml(section)]  # type: ignore[attr-defined]
    side = [block for section in resume.side for block in _section_xml(section)]  # type: ignore[attr-defined]
    top = [paragraph(resume.name, style="Title")]  # type: ignore[attr-defined]
    contact = resume.contact  # type: ignore[attr-defined]
    if layout == "single":
        return build_docx([*top, paragraph(contact), *main, *side])
    if layout == "table":
        if not side:
            return build_docx([*top, paragraph(contact), *main])
        return build_docx([*top, paragraph(contact), table([[side, main]])])
    if layout == "textbox":
        anchor = paragraph(contact, raw=text_box(side, left_emu=457200, top_emu=1371600) if side else "")
        return build_docx([*top, anchor, *main])
    raise ValueError(f"unknown Word layout {layout!r}; known: {', '.join(DOCX_LAYOUTS)}")
