"""Reading order of positioned fragments: the fast gutter and grid search reads every page as
trying every candidate gutter and comparing every pair of fragments would, and a page of
thousands of small fragments is read whole."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.document import read_document
from analyzer.layout import (
    GUTTER_SEARCH,
    MAX_CELL_WORDS,
    MIN_COLUMN_FRAGMENTS,
    MIN_COLUMN_OVERLAP,
    SAME_ROW_TOLERANCE,
    Fragment,
    group_rows,
    reading_order,
)
from tests.hostile import many_fragments_pdf

PAGE_WIDTH = 600.0


# -- the specification: every candidate gutter tried, every pair of fragments compared ------------


def _reference_is_column_band(band: Sequence[Fragment], gutter: float) -> bool:
    left = [f for f in band if f.x1 <= gutter]
    right = [f for f in band if f.x0 >= gutter]
    if len(left) < MIN_COLUMN_FRAGMENTS or len(right) < MIN_COLUMN_FRAGMENTS:
        return False
    shared = min(max(f.bottom for f in left), max(f.bottom for f in right)) - max(
        min(f.top for f in left), min(f.top for f in right)
    )
    smaller = min(
        max(f.bottom for f in left) - min(f.top for f in left),
        max(f.bottom for f in right) - min(f.top for f in right),
    )
    if smaller <= 0 or shared / smaller < MIN_COLUMN_OVERLAP:
        return False
    return not all(
        len(f.text.split()) <= MAX_CELL_WORDS
        and any(
            abs(f.middle - peer.middle) <= SAME_ROW_TOLERANCE * min(f.height, peer.height) for peer in left
        )
        for f in right
    )


def _reference_bands(ordered: Sequence[Fragment], gutter: float) -> list[tuple[list[Fragment], bool]]:
    bands: list[tuple[list[Fragment], bool]] = []
    current: list[Fragment] = []
    for fragment in ordered:
        if fragment.x0 < gutter < fragment.x1:
            if current:
                bands.append((current, _reference_is_column_band(current, gutter)))
                current = []
            bands.append(([fragment], False))
        else:
            current.append(fragment)
    if current:
        bands.append((current, _reference_is_column_band(current, gutter)))
    return bands


def reference_reading_order(fragments: Sequence[Fragment], page_width: float) -> list[tuple[Fragment, ...]]:
    ordered = sorted(fragments, key=lambda f: (f.top, f.x0))
    low, high = (page_width * share for share in GUTTER_SEARCH)
    best: tuple[int, float] | None = None
    for x in sorted({round(f.x1 + 0.5, 1) for f in ordered if low <= f.x1 <= high}):
        columned = sum(len(band) for band, is_columns in _reference_bands(ordered, x) if is_columns)
        if columned and (best is None or columned > best[0]):
            best = (columned, x)
    if best is None:
        return group_rows(ordered)
    right_edge = min((f.x0 for f in ordered if f.x0 >= best[1]), default=best[1])
    gutter = (best[1] + right_edge) / 2
    rows = []
    for band, is_columns in _reference_bands(ordered, gutter):
        if is_columns:
            rows += group_rows([f for f in band if f.x1 <= gutter])
            rows += group_rows([f for f in band if f.x0 >= gutter])
        else:
            rows += group_rows(band)
    return rows


# -- pages: a left and a right column, lines across both, stray fragments; on a coarse grid, so that
# rows, grids, stacked blocks and ties between gutters all occur ---------------------------------


def _fragment(x0: float, x1: float, row: int, height: float, words: int) -> Fragment:
    return Fragment(" ".join(["word"] * words), x0, row * 6.0, x1, row * 6.0 + height, 10.0)


rows = st.integers(0, 40)
heights = st.sampled_from([6.0, 9.0, 12.0, 14.0])
words = st.integers(1, 5)
left_column = st.builds(
    lambda start, end, *rest: _fragment(40.0 + start * 5, 120.0 + end * 10, *rest),
    st.integers(0, 4), st.integers(0, 16), rows, heights, words,
)  # fmt: skip
right_column = st.builds(
    lambda start, end, *rest: _fragment(300.0 + start * 5, 340.0 + end * 20, *rest),
    st.integers(0, 8), st.integers(0, 10), rows, heights, words,
)  # fmt: skip
spanning = st.builds(
    lambda start, end, *rest: _fragment(40.0 + start * 10, 400.0 + end * 20, *rest),
    st.integers(0, 10), st.integers(0, 8), rows, heights, words,
)  # fmt: skip
stray = st.builds(
    lambda column, width, *rest: _fragment(column * 25.0, column * 25.0 + width * 12.5, *rest),
    st.integers(0, 22), st.integers(1, 30), rows, heights, words,
)  # fmt: skip
fragments = st.one_of(left_column, left_column, right_column, right_column, spanning, stray)


@settings(max_examples=300, deadline=None, database=None)
@given(page=st.lists(fragments, min_size=0, max_size=60))
def test_reading_order_is_that_of_trying_every_gutter(page: list[Fragment]) -> None:
    assert reading_order(page, PAGE_WIDTH) == reference_reading_order(page, PAGE_WIDTH)


def _grid_page(cells_per_side: int, shift: float) -> list[Fragment]:
    """A left column of sentences beside a right column of short cells on the same rows (a skills
    grid, read across) or shifted half a row down (a sidebar, read down)."""
    page = []
    for row in range(cells_per_side):
        top = 100.0 + row * 14.0
        page.append(Fragment("Built and shipped the service", 40.0, top, 250.0, top + 10.0, 10.0))
        page.append(Fragment("Python", 320.0, top + shift, 360.0, top + shift + 10.0, 10.0))
    return page


def test_short_cells_on_the_rows_of_the_other_side_are_read_across() -> None:
    page = _grid_page(30, shift=0.0)
    rows = reading_order(page, PAGE_WIDTH)
    assert rows == reference_reading_order(page, PAGE_WIDTH)
    assert all(len(row) == 2 for row in rows)


def test_short_cells_between_the_rows_of_the_other_side_are_a_column() -> None:
    page = _grid_page(30, shift=7.0)
    rows = reading_order(page, PAGE_WIDTH)
    assert rows == reference_reading_order(page, PAGE_WIDTH)
    assert [row[0].text for row in rows[30:]] == ["Python"] * 30


def test_a_page_of_five_thousand_small_fragments_is_read_whole() -> None:
    document = read_document(many_fragments_pdf(5_000), "fragments.pdf")
    words = [word for line in document.lines for word in line.text.split()]
    assert len(words) == 5_000
    assert set(words) == {"ab", "Go"}
