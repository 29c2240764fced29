"""Word documents: read by content into the same lines as PDFs, hostile ones refused in one line."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from analyzer.analysis import analyze_bytes
from analyzer.cli import main
from analyzer.document import read_document
from analyzer.docx import MAX_PART_BYTES
from analyzer.errors import DamagedDocumentError, ResourceLimitError, UnsupportedFormatError
from tests.resume_docx import build_docx, document_xml, heading, paragraph, table, text_box
from tests.test_hostile import assert_one_error_line


def texts(data: bytes, name: str = "cv.docx") -> list[str]:
    return [line.text for line in read_document(data, name).lines]


def test_a_word_document_is_read_by_content_as_docx() -> None:
    document = read_document(build_docx([heading("SKILLS"), paragraph("Python, PyTorch")]), "cv.docx")
    assert document.format == "docx"
    assert [line.text for line in document.lines] == ["SKILLS", "Python, PyTorch"]


def test_a_word_document_on_standard_input_is_recognized_by_its_content() -> None:
    assert read_document(build_docx([paragraph("Python")]), "-").format == "docx"


def test_heading_styles_mark_headings_and_carry_their_size_and_weight() -> None:
    line = read_document(build_docx([heading("Experience"), paragraph("Text")]), "cv.docx").lines[0]
    assert (line.heading_marker, line.bold, line.font_size) == (True, True, 14.0)


def test_numbered_paragraphs_start_list_items() -> None:
    lines = read_document(build_docx([paragraph("Python", bullet=True), paragraph("more")]), "cv.docx").lines
    assert [line.item_start for line in lines] == [True, False]


def test_soft_line_breaks_are_line_breaks() -> None:
    assert texts(build_docx([paragraph("Python\nDocker")])) == ["Python", "Docker"]


def test_a_text_box_stored_twice_is_read_once_after_its_anchor() -> None:
    box = text_box([heading("SKILLS"), paragraph("PyTorch")])
    body = [paragraph("Jordan Lee", raw=box), heading("EXPERIENCE"), paragraph("Acme")]
    assert texts(build_docx(body)) == ["Jordan Lee", "SKILLS", "PyTorch", "EXPERIENCE", "Acme"]


def test_a_text_box_on_the_right_half_of_the_page_is_read_after_the_body() -> None:
    box = text_box([heading("SKILLS"), paragraph("PyTorch")], left_emu=5_000_000)
    body = [paragraph("Jordan Lee", raw=box), heading("EXPERIENCE"), paragraph("Acme")]
    assert texts(build_docx(body)) == ["Jordan Lee", "EXPERIENCE", "Acme", "SKILLS", "PyTorch"]


def test_a_row_of_short_cells_is_one_line_with_the_cells_apart() -> None:
    assert texts(build_docx([table([["Languages", "Python, Go"], ["Cloud", "AWS"]])])) == [
        "Languages\tPython, Go",
        "Cloud\tAWS",
    ]


def test_a_two_column_layout_table_is_read_column_by_column() -> None:
    left = [heading("SKILLS"), paragraph("Python"), paragraph("Docker")]
    right = [heading("EXPERIENCE"), paragraph("ML Engineer at Acme"), paragraph("Built models")]
    assert texts(build_docx([table([[left, right]])])) == [
        "SKILLS",
        "Python",
        "Docker",
        "EXPERIENCE",
        "ML Engineer at Acme",
        "Built models",
    ]


def test_tracked_changes_keep_inserted_text_and_drop_deleted_text() -> None:
    changes = (
        '<w:ins w:id="1" w:author="a"><w:r><w:t>Kubernetes</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>Fortran</w:delText></w:r></w:del>'
    )
    assert texts(build_docx([paragraph("Tools: ", raw=changes)])) == ["Tools: Kubernetes"]


def test_content_controls_and_hyperlinks_give_their_text() -> None:
    control = f"<w:sdt><w:sdtPr/><w:sdtContent>{paragraph('Python')}</w:sdtContent></w:sdt>"
    link = '<w:hyperlink r:id="rId9"><w:r><w:t>github.com/jlee</w:t></w:r></w:hyperlink>'
    assert texts(build_docx([control, paragraph("Code: ", raw=link)])) == ["Python", "Code: github.com/jlee"]


def test_field_codes_are_not_text_but_their_results_are() -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://x.io" </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x.io</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert texts(build_docx([paragraph("Site: ", raw=field)])) == ["Site: x.io"]


def test_headers_and_footers_come_first_once_as_contact_lines() -> None:
    data = build_docx(
        [heading("SKILLS"), paragraph("Python")],
        header=[paragraph("Jordan Lee · jordan@example.com")],
        footer=[paragraph("Berlin, Germany")],
    )
    assert texts(data) == ["Jordan Lee · jordan@example.com", "Berlin, Germany", "SKILLS", "Python"]


PAGE_FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE \\* MERGEFORMAT </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


def test_a_page_number_footer_is_left_out() -> None:
    page_of = '<w:r><w:t xml:space="preserve"> of </w:t></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>2</w:t></w:r></w:fldSimple>'
    data = build_docx(
        [heading("SKILLS"), paragraph("Python")],
        footer=[paragraph("Page ", raw=PAGE_FIELD + page_of), paragraph(raw=PAGE_FIELD)],
    )
    assert texts(data) == ["SKILLS", "Python"]


def test_a_footer_keeps_its_contact_text_around_a_page_number() -> None:
    data = build_docx([paragraph("Python")], footer=[paragraph("Jordan Lee · jordan@example.com · ", raw=PAGE_FIELD)])
    assert texts(data) == ["Jordan Lee · jordan@example.com ·", "Python"]


def test_header_and_footer_lines_are_marked_as_running_text() -> None:
    data = build_docx([paragraph("Python")], header=[paragraph("Jordan Lee")], footer=[paragraph("Berlin")])
    assert [line.running for line in read_document(data, "cv.docx").lines] == [True, True, False]


def test_a_skill_named_in_a_letterhead_is_no_claim() -> None:
    data = build_docx(
        [heading("SKILLS"), paragraph("Python")],
        header=[paragraph("Jordan Lee · Kubernetes consultant · jordan@example.com")],
    )
    assert [skill.name for skill in analyze_bytes(data, "cv.docx").skills] == ["Python"]


def test_a_text_box_in_a_header_is_running_text_too() -> None:
    box = text_box([paragraph("jordan@example.com")], left_emu=5_000_000)
    data = build_docx([paragraph("Python")], header=[paragraph("Jordan Lee", raw=box)])
    lines = read_document(data, "cv.docx").lines
    assert [(line.text, line.running) for line in lines] == [
        ("Jordan Lee", True),
        ("jordan@example.com", True),
        ("Python", False),
    ]


def test_page_breaks_number_pages_and_lines_restart_on_each() -> None:
    lines = read_document(
        build_docx([paragraph("one"), paragraph("two", page_break_before=True), paragraph("three")]), "cv.docx"
    )
    assert [(line.page, line.number) for line in lines.lines] == [(1, 1), (2, 1), (2, 2)]
    assert lines.page_count == 2


def test_skills_in_a_word_document_carry_evidence_with_page_and_line() -> None:
    report = analyze_bytes(build_docx([heading("SKILLS"), paragraph("Python, PyTorch, Docker")]), "cv.docx")
    evidence = {skill.name: (skill.evidence[0].page, skill.evidence[0].line) for skill in report.skills}
    assert evidence["PyTorch"] == (1, 2)
    assert report.source.format == "docx"


@pytest.mark.parametrize(
    ("extension", "says"),
    [
        (".doc", "save it as .docx"),
        (".odt", "OpenDocument"),
        (".rtf", "RTF"),
        (".pages", "Export To"),
        (".heic", "export it as JPEG"),
    ],
)
def test_formats_we_do_not_read_say_which_and_how_to_convert(extension: str, says: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=says):
        read_document(b"anything", f"cv{extension}")


def opendocument_text() -> bytes:
    """An OpenDocument text as LibreOffice writes one: its type in a first, uncompressed entry."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "says"),
    [(b"{\\rtf1\\ansi Python}", "RTF document (.rtf): open it in Word"), (opendocument_text(), "OpenDocument text")],
)
def test_another_document_format_renamed_docx_says_which_and_how_to_convert(content: bytes, says: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=rf"not a Word document but .*{re.escape(says)}"):
        read_document(content, "cv.docx")


def test_a_legacy_word_file_named_docx_is_told_apart() -> None:
    with pytest.raises(UnsupportedFormatError, match="Word 97-2003"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "cv.docx")


def test_a_zip_without_a_word_body_named_docx_is_not_a_word_document() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(UnsupportedFormatError, match="not a Word document"):
        read_document(buffer.getvalue(), "cv.docx")


# -- hostile Word files --------------------------------------------------------------------------


def test_a_truncated_word_document_is_damaged() -> None:
    data = build_docx([paragraph("Python " * 2000)])
    with pytest.raises(DamagedDocumentError, match="damaged Word document"):
        read_document(data[: len(data) // 2], "cv.docx")


def test_a_zip_bomb_is_refused_at_the_size_bound() -> None:
    huge = b'<?xml version="1.0"?><w:document xmlns:w="x">' + b" " * (MAX_PART_BYTES + 1024) + b"</w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("word/document.xml", huge)
    del huge
    with pytest.raises(ResourceLimitError, match="ZIP bomb"):
        read_document(buffer.getvalue(), "cv.docx")


def test_a_zip_bomb_whose_header_understates_its_size_is_still_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * (MAX_PART_BYTES + 1024) + b"</a>")
    data = bytearray(buffer.getvalue())
    # The local header's and the central directory's uncompressed size say 100 bytes.
    for offset in (i for i in range(len(data) - 4) if data[i : i + 4] in (b"PK\x03\x04", b"PK\x01\x02")):
        size_at = offset + (22 if data[offset + 2] == 3 else 24)
        data[size_at : size_at + 4] = (100).to_bytes(4, "little")
    with pytest.raises((ResourceLimitError, DamagedDocumentError)):
        read_document(bytes(data), "cv.docx")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
EXTERNAL_ENTITY = '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    ("prologue", "entity"), [(BILLION_LAUGHS, "&d;"), (EXTERNAL_ENTITY, "&secret;")], ids=["expansion", "external"]
)
def test_entity_declarations_are_refused(prologue: str, entity: str) -> None:
    body = document_xml([paragraph("Python")]).replace("Python", entity).split("?>", 1)[1]
    with pytest.raises(DamagedDocumentError, match="refused Word document"):
        read_document(build_docx([], document=prologue + body), "cv.docx")


def test_xml_nested_without_end_is_refused() -> None:
    deep = document_xml(["<w:sdt><w:sdtContent>" * 5000 + "</w:sdtContent></w:sdt>" * 5000])
    with pytest.raises(DamagedDocumentError, match="nests more than"):
        read_document(build_docx([], document=deep), "cv.docx")


def test_a_hostile_word_file_is_one_error_line_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bomb.docx"
    body = document_xml([paragraph("Python")]).replace("Python", "&d;").split("?>", 1)[1]
    path.write_bytes(build_docx([], document=BILLION_LAUGHS + body))
    code = main(["analyze", str(path), "--format", "json"])
    assert code == 1
    assert_one_error_line(capsys.readouterr().err, "bomb.docx", "refused")


def test_a_word_resume_on_the_command_line_reports_its_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cv.docx"
    path.write_bytes(build_docx([heading("SKILLS"), paragraph("Python, PyTorch")]))
    assert main(["analyze", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["source"]["format"] == "docx"
