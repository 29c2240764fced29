"""The HTML reports as a person sees them in Chromium: at 1280 px, at 390 px (a phone) and in print.

Each property is one that any report must have, whatever it says: no console errors, no sideways
scrolling, charts drawn at a readable size with labels apart, hostile strings shown as text and
never run, readable contrast, states told apart by more than hue, a sortable cohort table whose
links scroll to each resume, and a page that reads the same without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser import probes
from tests.browser.chromium import VIEWS, Browser, View
from tests.browser.reports import INJECTED_MARKER, Page, build_pages

# A chart label drawn smaller than this is not readable on a phone.
MIN_CHART_FONT_PX = 10.0
# WCAG 2.x AA for text, applied to all text; 3:1 for telling graphical states apart.
TEXT_CONTRAST = 4.5
STATE_CONTRAST = 3.0
# A list standing in for a chart says at least this much (a sentence with links, or a list).
MIN_LIST_TEXT = 40
PAGES = ("strong-ml", "neither-path", "non-technical", "cohort")
SCREEN_VIEWS = tuple(view for view in VIEWS if view.media == "screen")


@dataclass(repr=False)
class Shown:
    """A page loaded in a view: what its load printed on the console and its screenshot."""

    page: Page
    view: View
    console: list[dict[str, Any]] = field(default_factory=list)
    screenshot: Path | None = None

    def __repr__(self) -> str:
        return f"{self.page.name} at {self.view.name} (screenshot {self.screenshot})"


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    return build_pages(tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def shown_pages() -> dict[tuple[str, str, bool], Shown]:
    return {}


def show(browser: Browser, cache: dict, page: Page, view: View, *, scripts: bool = True) -> Shown:
    """The page loaded in the view, unless the browser shows it untouched already; the first load of
    each case is screenshotted."""
    key = (page.name, view.name, scripts)
    if browser.showing == key:
        return cache[key]
    console = browser.open(page.path, view, scripts=scripts)
    browser.showing = key
    if key not in cache:
        suffix = "" if scripts else "-noscript"
        cache[key] = Shown(page, view, console, browser.screenshot(f"{page.name}-{view.name}{suffix}"))
    return cache[key]


def cases(page_names: tuple[str, ...], views: tuple[View, ...]) -> list[Any]:
    return [pytest.param((name, view), id=f"{name}-{view.name}") for name in page_names for view in views]


@pytest.fixture(scope="module")
def case(request: pytest.FixtureRequest) -> tuple[str, View]:
    """A page and a view; module-scoped so that pytest runs every test of one case in a row."""
    return request.param


@pytest.fixture
def shown(case: tuple[str, View], browser: Browser, pages, shown_pages) -> Shown:
    name, view = case
    return show(browser, shown_pages, pages[name], view)


def in_every_view(test):
    return pytest.mark.parametrize("case", cases(PAGES, VIEWS), indirect=True)(test)


@in_every_view
def test_loading_prints_no_console_errors(shown: Shown):
    errors = [entry["message"] for entry in shown.console if entry["level"] in ("SEVERE", "ERROR")]
    assert errors == [], shown


@in_every_view
def test_nothing_is_wider_than_the_viewport(shown: Shown, browser: Browser):
    found = browser.run(probes.OVERFLOWING)
    assert found["elements"] == [], f"{shown}: {found}"
    assert found["scrollWidth"] <= found["clientWidth"], f"{shown}: {found}"


@in_every_view
def test_every_chart_is_drawn_at_a_readable_size(shown: Shown, browser: Browser):
    charts = [chart for chart in browser.run(probes.CHARTS) if chart["visible"]]
    assert charts, f"{shown}: no chart is shown"
    for chart in charts:
        assert chart["width"] > 0 and chart["height"] > 0, f"{shown}: {chart}"
        assert chart["smallest"] is not None and chart["smallest"] >= MIN_CHART_FONT_PX, f"{shown}: {chart}"


@in_every_view
def test_a_chart_hidden_where_it_would_be_unreadable_leaves_its_list(shown: Shown, browser: Browser):
    for chart in browser.run(probes.HIDDEN_CHARTS):
        assert chart["shown"] >= MIN_LIST_TEXT, f"{shown}: {chart}"


@in_every_view
def test_chart_labels_do_not_overlap(shown: Shown, browser: Browser):
    overlapping = [chart for chart in browser.run(probes.CHARTS) if chart["visible"] and chart["overlaps"]]
    assert overlapping == [], shown


@in_every_view
def test_resume_strings_are_shown_as_text_and_never_run(shown: Shown, browser: Browser):
    assert browser.run(f"return window.{INJECTED_MARKER}") is None, shown
    text = browser.run("return document.body.textContent")
    for hostile in shown.page.shown_as_text:
        assert hostile in text, f"{shown}: {hostile!r} is not shown as text"


@in_every_view
def test_text_contrast_meets_wcag_aa(shown: Shown, browser: Browser):
    low = browser.run(probes.LOW_CONTRAST, TEXT_CONTRAST)
    assert low == [], f"{shown}: {low}"


@in_every_view
def test_covered_and_gap_marks_differ_by_more_than_hue(shown: Shown, browser: Browser):
    for chart in browser.run(probes.STATE_MARKS):
        assert chart["luminanceRatio"] >= STATE_CONTRAST or not chart["sameOutline"], f"{shown}: {chart}"


@pytest.mark.parametrize("case", cases(("cohort",), SCREEN_VIEWS), indirect=True)
def test_cohort_table_sorts_by_every_column_on_header_click(shown: Shown, browser: Browser):
    browser.showing = None  # the rows are about to move
    headers = browser.driver.find_elements("css selector", "table.sortable thead th")
    assert len(headers) >= 5
    before = sorted(number for number, _ in browser.run(probes.SORTABLE_COLUMN, 0))
    for column, header in enumerate(headers):
        numeric = header.get_attribute("data-type") == "number"
        for ascending in (True, False):
            header.find_element("css selector", "button").click()
            rows = browser.run(probes.SORTABLE_COLUMN, column)
            assert sorted(number for number, _ in rows) == before, f"{shown}: rows lost or doubled"
            values = [value for _, value in rows]
            label = header.text
            assert browser.run(probes.IN_ORDER, values, numeric, ascending) == [], f"{shown}: {label}"
            assert header.get_attribute("aria-sort") == ("ascending" if ascending else "descending")


@pytest.mark.parametrize("case", cases(("cohort",), SCREEN_VIEWS), indirect=True)
def test_a_file_link_scrolls_to_its_resume_section(shown: Shown, browser: Browser):
    browser.showing = None  # the page is about to scroll
    links = browser.driver.find_elements("css selector", "table.sortable tbody a[href^='#']")
    link = links[len(links) * 3 // 4]
    target = link.get_attribute("href").split("#", 1)[1]
    browser.run("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    where = browser.run(
        "const box = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return {top: box.top, height: innerHeight, hash: location.hash, scrolled: scrollY};",
        target,
    )
    assert where["hash"] == f"#{target}", shown
    assert -1 <= where["top"] <= where["height"] / 2, f"{shown}: {where}"


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("view", SCREEN_VIEWS, ids=lambda view: view.name)
def test_the_page_reads_the_same_without_javascript(
    name: str, view: View, browser: Browser, pages, shown_pages
):
    page = pages[name]
    show(browser, shown_pages, page, view)
    with_scripts = browser.run("return document.body.innerText")
    shown = show(browser, shown_pages, page, view, scripts=False)
    assert browser.run("return document.body.innerText") == with_scripts, shown
    assert browser.run(probes.OVERFLOWING)["elements"] == [], shown
    charts = [chart for chart in browser.run(probes.CHARTS) if chart["visible"]]
    assert charts and all(chart["width"] > 0 and chart["height"] > 0 for chart in charts), shown


def test_the_pages_cover_a_best_fit_a_neither_path_resume_and_a_timeline(pages: dict[str, Page]) -> None:
    strong = pages["strong-ml"].path.read_text(encoding="utf-8")
    neither = pages["neither-path"].path.read_text(encoding="utf-8")
    assert "Best fit" in strong and "Neither path yet" not in strong.split("</header>")[0]
    assert "Neither path yet" in neither.split("</header>")[0]
    assert neither.count('<ol class="plan">') == 2
    assert '<ol class="timeline">' in strong
