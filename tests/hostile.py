"""Hostile input files for skillgap, every one built in code (nothing downloaded or checked in).

Each public function returns the bytes of one file that a careless or malicious user could hand
to ``skillgap analyze``: not a PDF at all, a damaged PDF, a PDF that is valid but built to exhaust
time or memory (a decompression bomb, 100k-deep nesting, reference cycles, hundreds of pages), or
a PDF whose text cannot be decoded. The test suite (``tests/test_hostile.py``), the hypothesis
fuzz test and ``scripts/fuzz.py`` use them.

Hand-written PDFs go through :func:`build_pdf`, which numbers the objects, writes a correct
cross-reference table and trailer, so each case breaks exactly one thing on purpose.
"""

from __future__ import annotations

import functools
import io
import random
import re
import struct
import zlib
from collections.abc import Mapping

from tests.resume_pdf import Resume, Section, encrypted_pdf, image_only_pdf, render_resume

__all__ = [
    "GOOD_TEXT_RESUME",
    "SAMPLE_RESUME",
    "broken_xref_pdf",
    "build_pdf",
    "cid_only_pdf",
    "deep_dict_pdf",
    "deep_nested_array_pdf",
    "deep_nested_content_pdf",
    "deep_page_tree_pdf",
    "empty",
    "encrypted",
    "flate_bomb_pdf",
    "html_named_pdf",
    "identity_h_no_tounicode_pdf",
    "image_only",
    "kids_cycle_pdf",
    "many_fragments_pdf",
    "many_pages_pdf",
    "nested_flate_bomb_pdf",
    "objstm_self_reference_pdf",
    "oversized_pdf",
    "parent_loop_pdf",
    "png_named_pdf",
    "random_bytes",
    "reference_cycle_pdf",
    "sample_resume_pdf",
    "simple_text_pdf",
    "stream_length_loop_pdf",
    "truncated_pdf",
    "type3_font_pdf",
    "zip_named_pdf",
]

GOOD_TEXT_RESUME = "Jordan Lee\nSKILLS\nPython, PyTorch, Docker, Kubernetes, SQL\n"

SAMPLE_RESUME = Resume(
    name="Robin Hostile",
    contact="robin@example.com | +1 555 0100",
    main=(
        Section("Summary", ("Machine learning engineer shipping PyTorch models to production.",)),
        Section(
            "Experience",
            (
                "**ML Engineer, Example Corp** (2020 - present)",
                "• Trained models in PyTorch and TensorFlow, served them with Docker on Kubernetes.",
                "• Built data pipelines with Apache Airflow and Spark on AWS.",
            ),
        ),
    ),
    side=(Section("Skills", ("Python, SQL, scikit-learn, MLflow, FastAPI",)),),
)

_HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_MEDIA_BOX = b"/MediaBox [0 0 612 792]"
_TEXT = b"BT /F1 12 Tf 72 720 Td (Skills: Python, PyTorch, Docker) Tj ET"


# -- a minimal PDF writer -----------------------------------------------------------------------


def stream(data: bytes, entries: bytes = b"") -> bytes:
    """The body of a stream object: its dictionary (with a correct /Length) and the data."""
    return b"<< /Length %d %s >>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def build_pdf(objects: Mapping[int, bytes], *, root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF of these objects (number -> body) with a correct xref table and trailer."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    size = max(objects) + 1
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        if number in offsets:
            out.write(b"%010d 00000 n \n" % offsets[number])
        else:
            out.write(b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s >>\n" % (size, root, trailer))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _one_page(
    contents: bytes,
    *,
    font: bytes = _HELVETICA,
    page_extra: bytes = b"",
    catalog_extra: bytes = b"",
    extra: Mapping[int, bytes] | None = None,
) -> bytes:
    """A one-page PDF: catalog 1, pages 2, page 3, font 4, content stream 5, then ``extra``."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R %s >>" % catalog_extra,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R %s /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R %s >>" % (_MEDIA_BOX, page_extra),
        4: font,
        5: contents,
    }
    objects.update(extra or {})
    return build_pdf(objects)


def simple_text_pdf(text: bytes = b"Skills: Python, PyTorch, Docker") -> bytes:
    """A valid hand-written one-page PDF with one line of Helvetica text (a control case)."""
    return _one_page(stream(b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text))


def text_in_form_pdf(lines: tuple[bytes, ...] = (b"Skills: Python, PyTorch, Docker",)) -> bytes:
    """A page whose text all sits in one form XObject, as Canva exports it: the page's own
    resources name no font (only the form's do), and the form's box is a little larger than the
    page."""
    shown = b" ".join(b"0 -14 Td (%s) Tj" % line for line in lines)
    form = stream(
        b"BT /F1 11 Tf 72 730 Td %s ET" % shown,
        b"/Type /XObject /Subtype /Form /BBox [-0.2 -0.2 612.3 792.4] "
        b"/Resources << /Font << /F1 4 0 R >> >>",
    )
    return build_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R %s /Resources << /XObject << /X1 6 0 R >> >> "
            b"/Contents 5 0 R >>" % _MEDIA_BOX,
            4: _HELVETICA,
            5: stream(b"q /X1 Do Q"),
            6: form,
        }
    )


# -- not a PDF, or not a usable one -------------------------------------------------------------


def empty() -> bytes:
    """A zero-byte file."""
    return b""


def random_bytes(seed: int = 1234, size: int = 64 * 1024) -> bytes:
    """Seeded random bytes (no PDF signature: the first bytes are forced to avoid one by chance)."""
    data = random.Random(seed).randbytes(size)
    return b"\x00garbage" + data.replace(b"%PDF-", b"%PDX-")


@functools.cache
def sample_resume_pdf(layout: str = "single") -> bytes:
    """A valid generated resume PDF (reportlab), the base of the damaged variants."""
    return render_resume(SAMPLE_RESUME, layout)


def truncated_pdf() -> bytes:
    """A valid resume PDF cut in half: no xref table, no trailer, half the objects."""
    data = sample_resume_pdf()
    return data[: len(data) // 2]


def broken_xref_pdf(seed: int = 7) -> bytes:
    """A valid resume PDF whose xref offsets all point at the wrong places."""
    data = sample_resume_pdf()
    rng = random.Random(seed)
    start = data.rindex(b"\nxref")

    def garble(match: re.Match[bytes]) -> bytes:
        return b"%010d %s" % (rng.randrange(len(data)), match.group(2))

    table = re.sub(rb"(\d{10}) (\d{5} n)", garble, data[start:])
    return data[:start] + table


def html_named_pdf() -> bytes:
    """An HTML page, to be saved as ``resume.pdf``."""
    return b"<!DOCTYPE html>\n<html><body><h1>Jordan Lee</h1><p>Skills: Python</p></body></html>\n"


def zip_named_pdf() -> bytes:
    """The start of a DOCX (a ZIP archive), to be saved as ``resume.pdf``."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Skills: Python</w:document>")
    return buffer.getvalue()


def png_named_pdf() -> bytes:
    """A 1x1 PNG image, to be saved as ``resume.pdf``."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def encrypted() -> bytes:
    """A resume PDF encrypted with the user password ``secret``."""
    return encrypted_pdf("secret")


def image_only() -> bytes:
    """A scanned-looking PDF: one raster image, no text operators."""
    return image_only_pdf()


# -- fonts that yield no readable text ----------------------------------------------------------


_GARBLED_LINE = "Skills: Python, PyTorch, Docker, Kubernetes"


def _garbled_codes(text: str) -> tuple[dict[str, int], bytes]:
    """Codes 1..31 (undefined in every standard encoding) for the distinct characters of text,
    and the text written in those codes as a PDF string."""
    codes = {char: index + 1 for index, char in enumerate(dict.fromkeys(text))}
    encoded = "".join(chr(codes[char]) for char in text).encode("latin-1")
    escaped = encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return codes, b"(" + escaped + b")"


def _garbled_page(font: bytes, extra: Mapping[int, bytes] | None = None) -> bytes:
    _, string = _garbled_codes(_GARBLED_LINE)
    lines = b" ".join(b"BT /F1 12 Tf 72 %d Td %s Tj ET" % (y, string) for y in range(720, 400, -20))
    return _one_page(stream(lines), font=font, extra=extra)


def cid_only_pdf() -> bytes:
    """Text in a Type1 font with no ToUnicode map, drawn with codes 1..31 that a /Differences
    encoding maps to glyph names (``/g1``, …) that mean nothing to pdfminer: every character
    extracts as ``(cid:NN)``."""
    codes, _ = _garbled_codes(_GARBLED_LINE)
    names = b" ".join(b"/g%d" % code for code in codes.values())
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /XYZGarbled /FirstChar 1 /LastChar %d "
        b"/Widths [%s] /Encoding << /Type /Encoding /Differences [1 %s] >> >>"
        % (len(codes), b" ".join([b"500"] * len(codes)), names)
    )
    return _garbled_page(font)


def identity_h_no_tounicode_pdf() -> bytes:
    """Text in a Type0 (CID) font with Identity-H encoding and no ToUnicode map."""
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /XYZCid /Encoding /Identity-H /DescendantFonts [6 0 R] >>"
    )
    descendant = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XYZCid "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 7 0 R /DW 500 >>"
    )
    descriptor = (
        b"<< /Type /FontDescriptor /FontName /XYZCid /Flags 4 /FontBBox [0 0 1000 1000] "
        b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>"
    )
    glyphs = "".join(f"{ord(c) + 3:04X}" for c in "Skills: Python, PyTorch, Docker").encode()
    lines = b" ".join(b"BT /F1 12 Tf 72 %d Td <%s> Tj ET" % (y, glyphs) for y in range(720, 400, -20))
    return _one_page(stream(lines), font=font, extra={6: descendant, 7: descriptor})


def type3_font_pdf() -> bytes:
    """Text drawn with a Type3 font (glyphs are little drawings) whose glyph names (``/q1``, …)
    mean nothing, with no ToUnicode map: no readable text."""
    codes, _ = _garbled_codes(_GARBLED_LINE)
    procs = b" ".join(b"/q%d 6 0 R" % code for code in codes.values())
    names = b" ".join(b"/q%d" % code for code in codes.values())
    font = (
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] "
        b"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << %s >> "
        b"/Encoding << /Type /Encoding /Differences [1 %s] >> "
        b"/FirstChar 1 /LastChar %d /Widths [%s] /Resources << >> >>"
        % (procs, names, len(codes), b" ".join([b"600"] * len(codes)))
    )
    glyph = stream(b"600 0 0 0 500 700 d1 0 0 500 700 re f")
    return _garbled_page(font, extra={6: glyph})


# -- resource exhaustion ------------------------------------------------------------------------

GIB = 1024**3


class _Bits:
    """Deflate's bit order: values least-significant bit first, Huffman codes most-significant first."""

    def __init__(self) -> None:
        self.bits: list[int] = []

    def value(self, number: int, width: int) -> None:
        self.bits += [(number >> index) & 1 for index in range(width)]

    def code(self, number: int, width: int) -> None:
        self.bits += [(number >> index) & 1 for index in reversed(range(width))]

    def to_bytes(self) -> bytes:
        padded = self.bits + [0] * (-len(self.bits) % 8)
        return bytes(
            sum(bit << index for index, bit in enumerate(padded[start : start + 8]))
            for start in range(0, len(padded), 8)
        )


def _zlib_of_repeated(size: int, fill: int = 0) -> tuple[bytes, int]:
    """A zlib stream of about ``size`` copies of byte ``fill``, written directly (no compressor):
    one literal, then matches of 258 bytes at distance 1 in a fixed-Huffman block. Eight matches
    take 13 bytes exactly, so the middle of the stream is one 13-byte pattern repeated. Returns
    the stream and the exact inflated size."""
    groups = max(3, (size - 1) // (258 * 8))
    bits = _Bits()
    bits.value(1, 1)  # BFINAL
    bits.value(1, 2)  # BTYPE = fixed Huffman
    bits.code(0x30 + fill, 8)  # the literal
    for _ in range(3 * 8):
        bits.code(0xC5, 8)  # length code 285: 258 bytes
        bits.code(0, 5)  # distance code 0: distance 1
    bits.code(0, 7)  # end of block
    sample = bits.to_bytes()
    # Bits 11.. are the repeated matches; from byte 2 on, every 13 bytes hold the same 104 bits.
    deflated = sample[:2] + sample[2:15] * (groups - 3) + sample[2:]
    inflated = 1 + groups * 8 * 258
    low = (1 + inflated * fill) % 65521
    high = (inflated + fill * inflated * (inflated + 1) // 2) % 65521
    return b"\x78\x01" + deflated + struct.pack(">I", (high << 16) | low), inflated


def flate_bomb_pdf(inflated: int = 2 * GIB, fill: bytes = b" ") -> bytes:
    """A page whose Flate content stream (one level, ~14 MB) inflates to ``inflated`` bytes of
    ``fill`` (spaces by default: valid, empty content that a reader must still tokenize)."""
    deflated, _ = _zlib_of_repeated(inflated, fill[0])
    return _one_page(stream(deflated, b"/Filter /FlateDecode"))


def nested_flate_bomb_pdf(inflated: int = 4 * GIB, fill: bytes = b"\x00") -> bytes:
    """A page whose content stream is Flate inside Flate: some 30 KB that inflate to about
    ``inflated`` / 158 bytes, which inflate to ``inflated`` bytes (several GB) of ``fill``."""
    inner, _ = _zlib_of_repeated(inflated, fill[0])
    outer = zlib.compress(inner, 9)
    return _one_page(stream(outer, b"/Filter [/FlateDecode /FlateDecode]"))


def deep_nested_array_pdf(depth: int = 100_000, where: str = "page") -> bytes:
    """An array nested ``depth`` deep, as the value of a page key (``where="page"``), in the
    catalog (``"catalog"``) or as the page's /MediaBox (``"mediabox"``)."""
    nested = b"[" * depth + b"0" + b"]" * depth
    if where == "catalog":
        return _one_page(stream(_TEXT), catalog_extra=b"/Nested " + nested)
    if where == "mediabox":
        objects = {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>" % nested,
            4: _HELVETICA,
            5: stream(_TEXT),
        }
        return build_pdf(objects)
    return _one_page(stream(_TEXT), page_extra=b"/Annots " + nested)


def deep_dict_pdf(depth: int = 100_000) -> bytes:
    """Dictionaries nested ``depth`` deep inside the page's /Resources."""
    nested = b"<< /A " * depth + b"0" + b" >>" * depth
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R %s /Resources << /Font << /F1 4 0 R >> /Deep %s >> "
        b"/Contents 5 0 R >>" % (_MEDIA_BOX, nested),
        4: _HELVETICA,
        5: stream(_TEXT),
    }
    return build_pdf(objects)


def deep_nested_content_pdf(depth: int = 100_000) -> bytes:
    """A content stream whose operand is an array nested ``depth`` deep, then normal text."""
    nested = b"[" * depth + b"]" * depth
    return _one_page(stream(nested + b" pop\n" + _TEXT))


def deep_page_tree_pdf(depth: int = 50_000) -> bytes:
    """A page tree ``depth`` levels deep: each /Pages node has one kid, the next /Pages node."""
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 10 0 R >>", 4: _HELVETICA, 5: stream(_TEXT)}
    for level in range(depth):
        number = 10 + level
        objects[number] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (number + 1)
    objects[10 + depth] = (
        b"<< /Type /Page %s /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>" % _MEDIA_BOX
    )
    return build_pdf(objects)


def reference_cycle_pdf(where: str = "pages") -> bytes:
    """Object 6 is ``7 0 R`` and object 7 is ``6 0 R``; the catalog's /Pages (``where="pages"``),
    the page's /Contents (``"contents"``) or the page's /Resources (``"resources"``) is ``6 0 R``."""
    cycle = {6: b"7 0 R", 7: b"6 0 R"}
    if where == "pages":
        objects = {1: b"<< /Type /Catalog /Pages 6 0 R >>", 4: _HELVETICA, 5: stream(_TEXT), **cycle}
        return build_pdf(objects)
    if where == "contents":
        objects = {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R %s /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 6 0 R >>" % _MEDIA_BOX,
            4: _HELVETICA,
            5: stream(_TEXT),
            **cycle,
        }
        return build_pdf(objects)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R %s /Resources 6 0 R /Contents 5 0 R >>" % _MEDIA_BOX,
        4: _HELVETICA,
        5: stream(_TEXT),
        **cycle,
    }
    return build_pdf(objects)


def stream_length_loop_pdf(where: str = "itself") -> bytes:
    """The content stream's /Length is a reference that loops: to the stream itself
    (``where="itself"``, reading the stream needs the stream), or to object 6, which is ``7 0 R``,
    which is ``6 0 R`` (``"bounce"``; the page's /MediaBox is ``6 0 R`` too)."""
    target, media_box = (b"5 0 R", _MEDIA_BOX) if where == "itself" else (b"6 0 R", b"/MediaBox 6 0 R")
    content = b"<< /Length %s >>\nstream\n" % target + _TEXT + b"\nendstream"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R %s /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>" % media_box,
        4: _HELVETICA,
        5: content,
    }
    if where != "itself":
        objects.update({6: b"7 0 R", 7: b"6 0 R"})
    return build_pdf(objects)


def kids_cycle_pdf() -> bytes:
    """A page tree whose /Kids lead back to the root: Pages 2 -> [3 page, 6 Pages] -> 6 -> [2]."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R %s /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>" % _MEDIA_BOX,
        4: _HELVETICA,
        5: stream(_TEXT),
        6: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 1 >>",
    }
    return build_pdf(objects)


def parent_loop_pdf() -> bytes:
    """Pages whose /Parent chain loops (page -> 6 -> 7 -> 6), with inheritable keys missing, so a
    reader that walks /Parent to find /MediaBox or /Resources never reaches a root."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 6 0 R /Contents 5 0 R >>",
        4: _HELVETICA,
        5: stream(_TEXT),
        6: b"<< /Type /Pages /Parent 7 0 R /Kids [3 0 R] /Count 1 >>",
        7: b"<< /Type /Pages /Parent 6 0 R /Kids [6 0 R] /Count 1 >>",
    }
    return build_pdf(objects)


def objstm_self_reference_pdf() -> bytes:
    """A cross-reference stream that says object 6 lives in object stream 6 (itself)."""
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    body = io.BytesIO()
    body.write(head)
    offsets = {}
    plain = {1: b"<< /Type /Catalog /Pages 6 0 R >>"}
    for number, content in plain.items():
        offsets[number] = body.tell()
        body.write(b"%d 0 obj\n" % number + content + b"\nendobj\n")
    xref_at = body.tell()
    # Type 1 entries (offset) for 1 and the xref stream 7; type 2 (in object stream 6) for 6.
    rows = [
        (0, 0, 65535),
        (1, offsets[1], 0),
        (0, 0, 0),
        (0, 0, 0),
        (0, 0, 0),
        (0, 0, 0),
        (2, 6, 0),
        (1, xref_at, 0),
    ]
    table = b"".join(struct.pack(">BIH", *row) for row in rows)
    xref_stream = stream(table, b"/Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R")
    body.write(b"7 0 obj\n" + xref_stream + b"\nendobj\n")
    body.write(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return body.getvalue()


def many_pages_pdf(pages: int = 300) -> bytes:
    """A ``pages``-page PDF with a few short lines of text on each page, different on each page
    (a line repeated on every page is a running header, which the reader drops)."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 10)
        skill = ("Python", "Docker", "SQL", "PyTorch", "Kubernetes")[number % 5]
        canvas.drawString(72, 720, f"Project {number * 7919 % 1000:03d} built with {skill}")
        canvas.drawString(72, 700, f"Worked on item {number} of the {skill} migration")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def dense_pages_pdf(pages: int = 80) -> bytes:
    """A PDF whose pages are packed with text: legitimate, but slow to lay out (seconds)."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1)
    for number in range(pages):
        canvas.setFont("Helvetica", 8)
        for row in range(80):
            canvas.drawString(
                30, 760 - row * 9, f"p{number} r{row} Python, Docker and Kubernetes services " * 2
            )
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def many_fragments_pdf(count: int = 5_000, seed: int = 5) -> bytes:
    """One page of ``count`` small text fragments, about 50 to a row, each two glyphs set apart
    from the next and every row shifted a little: how some PDFs set CJK text, glyph run by glyph
    run. Legitimate, but every fragment ends at its own x, so each is a candidate column gutter."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    rng = random.Random(seed)
    per_row = 50
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1)
    canvas.setFont("Helvetica", 6)
    for index in range(count):
        row, column = divmod(index, per_row)
        if column == 0:
            shift = rng.uniform(0, 4)
        canvas.drawString(20 + shift + column * 11.4, 770 - row * 7.5, "ab" if (row + column) % 3 else "Go")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def oversized_pdf(size: int = 21 * 1024**2) -> bytes:
    """A valid small text PDF padded with a comment to ``size`` bytes (over a 20M limit)."""
    padding = stream(b" " * size)  # an object nothing refers to
    return _one_page(stream(_TEXT), extra={6: padding})


# -- mutations for fuzzing ----------------------------------------------------------------------

MUTATIONS = ("flip", "insert", "delete", "duplicate", "truncate", "splice", "number", "token")
INTERESTING_NUMBERS = (b"0", b"-1", b"1", b"65535", b"2147483647", b"4294967296", b"99999999999999999999",
                       b"-2147483648", b"1e308", b"0.0000001", b"-0", b"3.")  # fmt: skip
PDF_TOKENS = (b"obj", b"endobj", b"stream", b"endstream", b"R", b"xref", b"trailer", b"startxref",
              b"<<", b">>", b"[", b"]", b"(", b")", b"/Type", b"/Page", b"/Pages", b"/Kids", b"/Parent",
              b"/Contents", b"/Length", b"/Filter", b"/FlateDecode", b"/Font", b"/Resources", b"/MediaBox",
              b"/Root", b"/Prev", b"/XRef", b"/ObjStm", b"/Encrypt", b"null", b"BT", b"ET", b"Tj", b"TJ",
              b"Tf", b"Td", b"cm", b"Do", b"q", b"Q", b"1 0 R", b"2 0 R", b"3 0 R")  # fmt: skip
_NUMBER = re.compile(rb"-?\d+(?:\.\d*)?")
_TOKEN = re.compile(
    rb"/[A-Za-z]+|\b(?:obj|endobj|stream|endstream|R|xref|trailer|startxref|BT|ET|Tj|TJ|Tf)\b"
)


def mutate(data: bytes, operation: str, a: int, b: int, c: int, other: bytes = b"") -> bytes:
    """One mutation of ``data``; ``a``, ``b`` and ``c`` are arbitrary non-negative integers that
    the mutation reduces to positions, lengths and choices (so hypothesis and a random number
    generator can both drive it). ``other`` is the second file of a splice."""
    size = len(data)
    if size == 0:
        return bytes([a & 0xFF])
    position = a % size
    length = 1 + b % max(1, min(4096, size - position))
    if operation == "flip":
        return data[:position] + bytes([data[position] ^ (1 + c % 255)]) + data[position + 1 :]
    if operation == "insert":
        chunk = random.Random(c).randbytes(1 + b % 64)
        return data[:position] + chunk + data[position:]
    if operation == "delete":
        return data[:position] + data[position + length :]
    if operation == "duplicate":
        target = c % (size + 1)
        return data[:target] + data[position : position + length] + data[target:]
    if operation == "truncate":
        return data[:position]
    if operation == "splice":
        other = other or data
        return data[:position] + other[b % max(1, len(other)) :]
    if operation == "number":
        matches = list(_NUMBER.finditer(data))
        if not matches:
            return data
        match = matches[a % len(matches)]
        return data[: match.start()] + INTERESTING_NUMBERS[c % len(INTERESTING_NUMBERS)] + data[match.end() :]
    if operation == "token":
        matches = list(_TOKEN.finditer(data))
        if not matches:
            return data
        match = matches[a % len(matches)]
        return data[: match.start()] + PDF_TOKENS[c % len(PDF_TOKENS)] + data[match.end() :]
    raise ValueError(f"unknown mutation {operation!r}")


@functools.cache
def fuzz_seeds() -> tuple[bytes, ...]:
    """Valid PDFs the fuzzers start from: generated resumes in three layouts (reportlab compresses
    their content streams) and the small hand-written text PDF (uncompressed, every token visible)."""
    return (
        sample_resume_pdf("single"),
        sample_resume_pdf("two_column"),
        sample_resume_pdf("sidebar_left"),
        simple_text_pdf(),
    )
