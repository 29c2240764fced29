"""The HTML reports: well formed, self-contained, escaped, accessible, and drawing the report's numbers."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from itertools import pairwise

import pytest

from analyzer import analyze_text
from analyzer.batch import FileResult
from analyzer.render.cohort_html import render_cohort_html
from analyzer.render.html import CARD_CHROME_PX, READABLE_SCALE, chart_or_list_css, render_html

HOSTILE = 'SKILLS\nPython, PyTorch, Docker, <script>alert(1)</script>\nKubernetes" onload="x\nCurrently learning Rust'
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# SVG elements written as <x/> are self-closing; HTMLParser reports them with handle_startendtag.


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)


class Tree(HTMLParser):
    """A strict little parser: every element, its attributes and text; unbalanced tags are errors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]
        self.elements: list[Element] = []
        self.errors: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        self.elements.append(element)
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._open(tag, attrs)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for element in self.stack[1:]:
            element.text += data


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    return tree


def find(tree: Tree, tag: str, **attrs: str) -> list[Element]:
    return [
        element
        for element in tree.elements
        if element.tag == tag and all(element.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
    ]


def row(text: str, name: str) -> FileResult:
    return FileResult(name, "ok", hashlib.sha256(text.encode()).hexdigest(), None, analyze_text(text))


COHORT_TEXTS = {
    "ml.txt": "SKILLS\nPython, PyTorch, scikit-learn, XGBoost, MLflow, Airflow, SQL, statistics",
    "ai.txt": "SKILLS\nPython, LangChain, FastAPI, Docker, Kubernetes, OpenAI API, RAG",
    'bad"<b>name</b>.txt': HOSTILE,
}


@pytest.fixture(scope="module")
def report():
    return analyze_text(HOSTILE)


@pytest.fixture(scope="module")
def page(report) -> str:
    return render_html(report, explain=True)


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    made = [row(text, name) for name, text in COHORT_TEXTS.items()]
    made.append(FileResult("broken.pdf", "failed", None, "damaged PDF <img src=x onerror=y>"))
    made.append(FileResult("photo.png", "skipped", None, "unsupported type"))
    return made


@pytest.fixture(scope="module")
def rows(results) -> list[dict]:
    """The results as batch rows, to check the page against."""
    return [result.to_dict() for result in results]


@pytest.fixture(scope="module")
def cohort_page(results) -> str:
    return render_cohort_html(iter(results), title="Spring <cohort>")


def assert_self_contained(page: str) -> None:
    tree = parse(page)
    for element in tree.elements:
        for name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
            value = element.attrs.get(name, "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "file:", "data:")), (element.tag, value)
        assert not (element.tag == "link" and "stylesheet" in element.attrs.get("rel", "")), element.attrs
        if element.tag == "script":
            assert "src" not in element.attrs
    assert "@import" not in page
    for target in re.findall(r"url\(\s*['\"]?([^'\")]*)", page):
        assert target.startswith("#"), target


def test_report_parses_with_balanced_tags(page):
    tree = parse(page)
    assert tree.errors == []
    assert tree.stack == [tree.root]
    assert tree.doctype.lower() == "doctype html"


def test_report_has_lang_and_title(page):
    tree = parse(page)
    assert find(tree, "html")[0].attrs.get("lang") == "en"
    assert find(tree, "title")[0].text.strip()


def test_report_has_no_external_references(page):
    assert_self_contained(page)


def test_report_escapes_resume_text(page):
    tree = parse(page)
    assert find(tree, "script") == []
    assert all("onload" not in element.attrs for element in tree.elements)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page or "alert(1)" not in page


def test_report_escapes_the_file_name():
    report = analyze_text("SKILLS\nPython")
    hostile = replace(report, source=replace(report.source, path='a"<b>.pdf'))
    tree = parse(render_html(hostile))
    assert find(tree, "b") == []
    assert 'a"<b>.pdf' in find(tree, "h1")[0].text


def test_coverage_bars_carry_the_report_coverage(page, report):
    bars = [element for element in parse(page).elements if "data-coverage" in element.attrs]
    drawn = {element.attrs["data-path"]: float(element.attrs["data-coverage"]) for element in bars}
    assert drawn == {path.id: path.coverage for path in report.paths}
    assert all(element.tag == "rect" for element in bars)


def test_coverage_chart_labels_the_percentages(page, report):
    for path in report.paths:
        assert f"{path.coverage:.0%}" in page


def test_competency_marks_match_the_competencies(page, report):
    marks = [element for element in parse(page).elements if "data-covered" in element.attrs]
    drawn = {(m.attrs["data-path"], m.attrs["data-competency"]): m.attrs["data-covered"] for m in marks}
    expected = {
        (path.id, item.id): "true" if item.covered else "false"
        for path in report.paths
        for item in path.competencies
    }
    assert drawn == expected


def test_competencies_outside_a_path_are_marked_not_applicable(page, report):
    tree = parse(page)
    na = [element for element in tree.elements if element.attrs.get("data-applicable") == "false"]
    in_path = {(path.id, item.id) for path in report.paths for item in path.competencies}
    everything = {item.id for path in report.paths for item in path.competencies}
    expected = {(path.id, cid) for path in report.paths for cid in everything} - in_path
    assert {(e.attrs["data-path"], e.attrs["data-competency"]) for e in na} == expected
    assert all("n/a" in element.text for element in na)


def test_headings_descend_without_skipping(page):
    levels = [int(element.tag[1]) for element in parse(page).elements if re.fullmatch(r"h[1-6]", element.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after - before <= 1 for before, after in pairwise(levels))


def test_every_chart_is_an_image_with_a_title(page):
    tree = parse(page)
    charts = find(tree, "svg")
    assert len(charts) >= 2
    for chart in charts:
        assert chart.attrs.get("role") == "img"
        title = chart.children[0]
        assert title.tag == "title" and title.text.strip()
        assert title.attrs["id"] in chart.attrs["aria-labelledby"].split()


def test_coverage_chart_title_states_the_numbers(page, report):
    chart = parse(page).elements
    svg = next(element for element in chart if element.tag == "svg")
    for path in report.paths:
        assert f"{path.name} {path.coverage:.0%}" in svg.children[0].text


def test_table_headers_have_scope(page):
    tree = parse(page)
    assert find(tree, "th")
    assert all(element.attrs.get("scope") in ("col", "row") for element in find(tree, "th"))


def test_competency_status_is_written_not_only_coloured(page, report):
    text = "".join(element.text for element in find(parse(page), "table")[:1])
    assert "✓ Covered" in text
    if any(not item.covered for item in report.paths[0].competencies):
        assert "✗ Gap" in text


def test_gaps_list_suggested_skills(page, report):
    for path in report.paths:
        for gap in path.missing:
            for skill in gap.suggested_skills:
                assert skill.name in page


def test_explain_shows_the_whole_line(report):
    line = report.skills[0].evidence[0].line_text
    assert line and line not in render_html(report)
    assert line in "".join(element.text for element in parse(render_html(report, explain=True)).elements)


def test_learning_is_listed_apart(page, report):
    tree = parse(page)
    assert report.learning
    section = next(
        element for element in find(tree, "section") if element.attrs.get("aria-labelledby") == "learning"
    )
    assert all(skill.name in section.text for skill in report.learning)


def test_report_without_skills_renders():
    tree = parse(render_html(analyze_text("Hello, I like gardening.")))
    assert tree.errors == []
    assert "No skills" in find(tree, "main")[0].text


def test_cohort_parses_with_balanced_tags(cohort_page):
    tree = parse(cohort_page)
    assert tree.errors == []
    assert tree.stack == [tree.root]


def test_cohort_has_no_external_references(cohort_page):
    assert_self_contained(cohort_page)


def test_cohort_has_only_the_inline_sort_script(cohort_page):
    scripts = find(parse(cohort_page), "script")
    assert len(scripts) == 1
    assert "src" not in scripts[0].attrs and len(scripts[0].text) < 2000


def test_cohort_escapes_file_names_errors_and_title(cohort_page):
    tree = parse(cohort_page)
    assert find(tree, "b") == [] and find(tree, "img") == [] and find(tree, "cohort") == []
    assert "damaged PDF <img src=x onerror=y>" in find(tree, "main")[0].text
    assert all("onerror" not in element.attrs and "onload" not in element.attrs for element in tree.elements)


def test_cohort_table_has_a_row_per_result_linking_to_a_section(cohort_page, rows):
    tree = parse(cohort_page)
    table = find(tree, "table", **{"class": "sortable resumes"})[0]
    body = next(child for child in table.children if child.tag == "tbody")
    assert len(body.children) == len(rows)
    ids = {element.attrs["id"] for element in tree.elements if "id" in element.attrs}
    for tr, data in zip(body.children, rows, strict=True):
        links = [e for e in _walk(tr) if e.tag == "a"]
        assert len(links) == 1 and links[0].attrs["href"].startswith("#")
        assert links[0].attrs["href"][1:] in ids
        assert data["file"] in tr.text


def test_cohort_table_shows_failed_and_skipped_with_their_error(cohort_page, rows):
    text = find(parse(cohort_page), "table")[0].text
    for data in rows:
        if data["status"] != "ok":
            assert data["status"] in text and data["error"] in text


def test_cohort_table_coverage_matches_the_rows(cohort_page, rows):
    cells = [e for e in parse(cohort_page).elements if e.tag == "td" and "data-coverage" in e.attrs]
    drawn = sorted((e.attrs["data-path"], float(e.attrs["data-coverage"])) for e in cells)
    expected = sorted(
        (p["id"], p["coverage"]) for data in rows if data["status"] == "ok" for p in data["paths"]
    )
    assert drawn == expected


def test_cohort_histogram_counts_every_analyzed_resume(cohort_page, rows):
    bins = [e for e in parse(cohort_page).elements if "data-bin-start" in e.attrs]
    analyzed = sum(1 for data in rows if data["status"] == "ok")
    for path_id in {e.attrs["data-path"] for e in bins}:
        assert sum(int(e.attrs["data-count"]) for e in bins if e.attrs["data-path"] == path_id) == analyzed


def test_cohort_heatmap_cells_match_the_competencies(cohort_page, rows):
    cells = [e for e in parse(cohort_page).elements if e.tag == "rect" and "data-covered" in e.attrs]
    drawn = Counter(
        (e.attrs["data-path"], e.attrs["data-competency"], e.attrs["data-covered"]) for e in cells
    )
    expected = Counter(
        (p["id"], item["id"], "true" if item["covered"] else "false")
        for data in rows
        if data["status"] == "ok"
        for p in data["paths"]
        for item in p["competencies"]
    )
    assert drawn == expected


def test_cohort_heatmap_caps_the_columns_and_says_so():
    many = [row(f"SKILLS\nPython, SQL{', PyTorch' * (i % 2)}", f"r{i}.txt") for i in range(65)]
    tree = parse(render_cohort_html(many))
    columns = Counter(
        e.attrs["data-path"] for e in tree.elements if e.tag == "g" and "data-file-number" in e.attrs
    )
    assert set(columns.values()) == {60}
    assert "first 60 of 65" in find(tree, "main")[0].text


def test_cohort_common_gaps_count_the_rows(cohort_page, rows):
    bars = [e for e in parse(cohort_page).elements if "data-gap" in e.attrs]
    assert bars
    for bar in bars:
        expected = sum(
            1
            for data in rows
            if data["status"] == "ok"
            for p in data["paths"]
            if p["id"] == bar.attrs["data-path"]
            for gap in p["missing"]
            if gap["id"] == bar.attrs["data-gap"]
        )
        assert int(bar.attrs["data-count"]) == expected


def test_cohort_headings_descend_and_charts_have_titles(cohort_page):
    tree = parse(cohort_page)
    levels = [int(e.tag[1]) for e in tree.elements if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after - before <= 1 for before, after in pairwise(levels))
    for chart in find(tree, "svg"):
        assert chart.attrs.get("role") == "img" and chart.children[0].tag == "title"


def test_cohort_reads_a_one_pass_iterator(results):
    page = render_cohort_html(result for result in results)
    assert all(f"#{index}" in page for index in range(1, len(results) + 1))


def test_cohort_of_only_failures_renders():
    tree = parse(render_cohort_html([FileResult("x.pdf", "failed", None, "boom")]))
    assert tree.errors == []
    assert "boom" in find(tree, "main")[0].text


def _walk(element: Element):
    for child in element.children:
        yield child
        yield from _walk(child)


def test_a_chart_that_fits_a_wide_screen_gives_way_to_its_list_only_below_the_width_it_needs():
    css = chart_or_list_css(".chart", ".list", 700, main_width=1080)
    needed = math.ceil(700 * READABLE_SCALE + CARD_CHROME_PX)
    assert f"@media screen and (max-width: {needed - 1}px) {{ .chart {{ display: none; }}" in css
    assert ".list { display: none; }" in css and "@media print" not in css


def test_a_chart_too_wide_for_any_screen_or_page_always_gives_way_to_its_list():
    css = chart_or_list_css(".chart", ".list", 4000, main_width=1080)
    assert "@media screen { .chart { display: none; } .list { display: block; } }" in css
    assert "@media print { .chart { display: none; } .list { display: block; } }" in css


def test_the_competency_matrix_has_a_list_to_give_way_to(page):
    tree = parse(page)
    assert find(tree, "figure", **{"class": "card matrix"})
    note = find(tree, "p", **{"class": "matrix-list"})[0]
    ids = {element.attrs["id"] for element in tree.elements if "id" in element.attrs}
    links = [element.attrs["href"][1:] for element in _walk(note) if element.tag == "a"]
    assert links and all(link in ids for link in links)
