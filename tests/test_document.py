"""Reading: PDF layout and reading order, normalization, formats decided by content."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from analyzer import analyze
from analyzer.document import MAX_TEXT_CHARACTERS, normalize_text, read_document, sniff_format, strip_bullet
from analyzer.errors import UnsupportedFormatError
from tests.hostile import text_in_form_pdf
from tests.resume_pdf import Resume, Section, render_resume

MAIN_LINES = tuple(f"• Main column sentence number {n} about shipping software." for n in range(8))
SIDE_LINES = tuple(f"Side item {n}" for n in range(8))
COLUMNS = Resume(
    name="Casey Doe",
    contact="casey@example.com",
    main=(Section("Experience", MAIN_LINES),),
    side=(Section("Skills", SIDE_LINES),),
)


def _texts(data: bytes, name: str = "resume.pdf") -> list[str]:
    return [line.text for line in read_document(data, name).lines]


def _draw(lines: list[tuple[float, float, str]]) -> bytes:
    """A one-page PDF with each text drawn at (x, y) in Helvetica 10."""
    import io

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont("Helvetica", 10)
    for x, y, text in lines:
        canvas.drawString(x, y, text)
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("layout", ["two_column", "sidebar_left", "sidebar_right"])
def test_columns_are_read_one_after_the_other_not_interleaved(layout: str) -> None:
    texts = _texts(render_resume(COLUMNS, layout))
    main_positions = [i for i, text in enumerate(texts) if text.startswith("Main column")]
    side_positions = [i for i, text in enumerate(texts) if text.startswith("Side item")]
    assert len(main_positions) == 8 and len(side_positions) == 8
    assert main_positions == list(range(main_positions[0], main_positions[0] + 8))
    assert side_positions == list(range(side_positions[0], side_positions[0] + 8))


def test_single_column_keeps_top_to_bottom_order() -> None:
    texts = _texts(render_resume(COLUMNS, "single"))
    assert texts.index("Casey Doe") < texts.index("EXPERIENCE") < texts.index("SKILLS")


def test_lines_know_page_number_font_size_and_boldness() -> None:
    document = read_document(render_resume(COLUMNS, "single"), "resume.pdf")
    name = next(line for line in document.lines if line.text == "Casey Doe")
    body = next(line for line in document.lines if line.text.startswith("Main column sentence number 0"))
    assert (name.page, name.number) == (1, 1)
    assert name.bold and name.font_size > body.font_size
    assert body.item_start


def test_text_spread_over_pages_keeps_page_numbers() -> None:
    long_resume = Resume(
        name="Casey Doe",
        contact="casey@example.com",
        main=(
            Section("Experience", tuple(f"• Achievement {n} with measurable impact." for n in range(120))),
        ),
    )
    document = read_document(render_resume(long_resume), "resume.pdf")
    assert document.page_count >= 2
    last = next(line for line in document.lines if line.text.startswith("Achievement 119"))
    assert last.page == document.page_count


def test_word_broken_across_lines_by_hyphen_is_rejoined() -> None:
    data = _draw([(72, 700, "Led the develop-"), (72, 688, "ment of a search service")])
    assert _texts(data)[:2] == ["Led the development", "of a search service"]


def test_a_name_broken_across_lines_is_rejoined_and_found() -> None:
    data = _draw([(72, 700, "Skills: Python, Scikit-"), (72, 688, "learn, Docker")])
    assert "scikit-learn" in {skill.name for skill in analyze(data).skills}


def test_a_compound_broken_at_its_own_hyphen_keeps_it() -> None:
    data = _draw([(72, 700, "Built Stop-word-"), (72, 688, "removal and AI-"), (72, 676, "assisted coding")])
    assert _texts(data)[:3] == ["Built Stop-word-removal", "and AI-assisted", "coding"]


def test_hyphen_before_a_capital_is_kept_as_a_line_end() -> None:
    data = _draw([(72, 700, "Skills -"), (72, 688, "Python")])
    assert _texts(data)[:2] == ["Skills -", "Python"]


def test_text_kept_in_a_form_xobject_is_read_not_refused_as_a_scan() -> None:
    data = text_in_form_pdf((b"Skills", b"Python, PyTorch, Docker"))
    assert _texts(data) == ["Skills", "Python, PyTorch, Docker"]


def test_table_cells_on_one_row_stay_apart() -> None:
    data = _draw([(72, 700, "Python"), (200, 700, "Docker"), (330, 700, "Kubernetes")])
    assert _texts(data) == ["Python\tDocker\tKubernetes"]


def test_ligatures_soft_hyphens_and_odd_spaces_are_normalized() -> None:
    assert (
        normalize_text("e\ufb03cient \ufb01ne-tuning  work\u00adflow\u00a0tools")
        == "efficient fine-tuning workflow tools"
    )


def test_a_soft_hyphen_with_no_letter_beside_it_is_a_dash() -> None:
    # Some producers draw the dash of "2022 – Present" with the soft-hyphen glyph.
    assert normalize_text("2022 \u00ad Present") == "2022 – Present"
    assert normalize_text("2018 \u00ad") == "2018 –"
    assert normalize_text("work\u00adflow") == "workflow"


@pytest.mark.parametrize("glyph", ["•", "●", "▪", "➢", "-", "*", "–"])
def test_bullet_glyphs_are_removed_and_remembered(glyph: str) -> None:
    assert strip_bullet(f"{glyph} Built APIs") == ("Built APIs", True)


def test_a_hyphenated_word_is_not_a_bullet() -> None:
    assert strip_bullet("-tier service") == ("-tier service", False)


def test_a_heading_framed_by_dashes_is_not_a_list_item() -> None:
    assert strip_bullet("— WORK HISTORY —") == ("— WORK HISTORY —", False)


def test_markdown_headings_and_bullets_become_lines() -> None:
    document = read_document(b"# Jane\n\n## Skills\n- **Python**, [Docker](https://docker.com)\n", "cv.md")
    assert document.format == "markdown"
    assert [line.text for line in document.lines] == ["Jane", "Skills", "Python, Docker (https://docker.com)"]
    assert document.lines[1].heading_marker and document.lines[2].item_start


def test_plain_text_is_one_page_with_numbered_lines() -> None:
    document = read_document(b"Jane\n\nSkills\nPython\n", "cv.txt")
    assert (document.format, document.page_count) == ("text", 1)
    assert [(line.page, line.number) for line in document.lines] == [(1, 1), (1, 2), (1, 3)]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<!DOCTYPE html><html></html>", "cv.pdf", "not a PDF (looks like HTML)"),
        (b"PK\x03\x04rest", "cv.pdf", "not a PDF (looks like a ZIP archive or a Word/OpenDocument file)"),
        (b"", "cv.pdf", "not a PDF (looks like an empty file)"),
        (b"%PDF-1.7 ...", "cv.txt", "content is a PDF but the name says text: rename it to .pdf"),
        (b"hello", "cv.docx", "not a Word document (looks like text)"),
        (b"hello", "cv.xlsx", "unsupported file type '.xlsx'"),
        (b"\x00\x01\x02", "cv.txt", "not text (looks like binary data)"),
    ],
)
def test_content_decides_the_format_and_must_agree_with_the_extension(
    data: bytes, name: str, message: str
) -> None:
    with pytest.raises(UnsupportedFormatError) as raised:
        sniff_format(data, name)
    assert message in str(raised.value)


def test_standard_input_and_names_without_extension_are_text() -> None:
    assert sniff_format(b"Skills: Python", "-") == "text"
    assert sniff_format(b"Skills: Python", "resume") == "text"


def test_pdf_signature_may_follow_leading_junk(tmp_path: Path) -> None:
    data = b"\n\n   " + render_resume(COLUMNS)
    assert "Casey Doe" in _texts(data)


def test_running_headers_footers_and_page_numbers_are_dropped() -> None:
    import io

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for page in (1, 2):
        canvas.setFont("Helvetica", 9)
        canvas.drawString(72, 800, "Casey Doe - Resume")
        canvas.drawString(480, 800, f"Page {page} of 2")
        canvas.drawString(72, 30, "casey@example.com | +1 555 0100")
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, 700, f"Body text of page {page} about Python services.")
        canvas.showPage()
    canvas.save()
    texts = _texts(buffer.getvalue())
    assert texts == [
        "Body text of page 1 about Python services.",
        "Body text of page 2 about Python services.",
    ]


def test_a_line_in_the_margin_of_one_page_only_is_kept() -> None:
    data = _draw([(72, 820, "Jane Doe"), (72, 700, "Body"), (72, 20, "2019")])
    assert _texts(data) == ["Jane Doe", "Body", "2019"]


def test_a_skills_grid_is_read_row_by_row_not_as_page_columns() -> None:
    cells = [(72, 700, "Python"), (250, 700, "Go"), (430, 700, "SQL")]
    cells += [(72, 686, "Kubernetes"), (250, 686, "Kubeflow"), (430, 686, "Ray")]
    cells += [(72, 672, "Feast"), (250, 672, "MLflow"), (430, 672, "Terraform")]
    cells += [(72, 658, "GCP"), (250, 658, "Vertex AI"), (430, 658, "BigQuery")]
    cells += [(72, 630, "EXPERIENCE"), (72, 616, "Staff Engineer at Quarry Labs, Berlin")]
    assert _texts(_draw(cells)) == [
        "Python\tGo\tSQL",
        "Kubernetes\tKubeflow\tRay",
        "Feast\tMLflow\tTerraform",
        "GCP\tVertex AI\tBigQuery",
        "EXPERIENCE",
        "Staff Engineer at Quarry Labs, Berlin",
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_read_in_either_byte_order(encoding: str) -> None:
    data = "\ufeffRésumé\nSKILLS\nPython, PyTorch\n".encode(encoding)
    assert sniff_format(data, "cv.txt") == "text"
    document = read_document(data, "cv.txt")
    assert [line.text for line in document.lines] == ["Résumé", "SKILLS", "Python, PyTorch"]


def test_utf16_that_decodes_to_nul_characters_is_not_text() -> None:
    with pytest.raises(UnsupportedFormatError, match="not text"):
        sniff_format(b"\xff\xfe" + bytes(64), "cv.txt")


def test_text_beyond_the_cap_is_not_analyzed_and_the_document_says_so() -> None:
    filler = "Led weekly planning meetings with the product team.\n"
    head = "SKILLS\nPython\n" + filler * (MAX_TEXT_CHARACTERS // len(filler))
    document = read_document((head + "Kubernetes\n").encode(), "cv.txt")
    texts = [line.text for line in document.lines]
    assert "Python" in texts and "Kubernetes" not in texts
    assert sum(len(text) + 1 for text in texts) <= MAX_TEXT_CHARACTERS
    assert any(f"{MAX_TEXT_CHARACTERS:,}" in warning for warning in document.warnings)


def test_text_within_the_cap_is_read_whole_without_a_warning() -> None:
    document = read_document(b"SKILLS\nPython\nKubernetes\n", "cv.txt")
    assert [line.text for line in document.lines][-1] == "Kubernetes"
    assert document.warnings == ()
