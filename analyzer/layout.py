"""Reading order for one page of positioned text fragments.

Resumes put text in columns: a sidebar with contact details and skills, or two columns of equal
weight. Reading such a page row by row interleaves the columns, so we look for a vertical gutter
from the fragments' own coordinates: an x position that no fragment crosses while both sides hold
a real column of text. Fragments that do cross it (a name or rule spanning the page) split the
page into bands; inside a band with two columns, the left column is read before the right one.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# A side counts as a column only with this many fragments beside the other side's.
MIN_COLUMN_FRAGMENTS = 4
# Both sides must share this share of the smaller side's height, or they are stacked, not columns.
MIN_COLUMN_OVERLAP = 0.5
# Cells of a table or skills grid hold at most this many words each.
MAX_CELL_WORDS = 3
# Gutters are looked for in this middle part of the page: margins are not gutters.
GUTTER_SEARCH = (0.12, 0.88)
# Candidate gutters tried at most per page, best first: a bound on the cost of a page of thousands
# of small fragments. Real pages settle within a few trials.
MAX_GUTTER_TRIALS = 64
# Up to this many fragments near a row are compared one by one; more are searched in O(log n).
ROW_SCAN = 16
# Fragments whose vertical centres are this close (in line heights) sit on one row.
SAME_ROW_TOLERANCE = 0.5
# A gap between fragments of one row wider than this (in font sizes) separates cells; a narrower
# one is a stretched word space of justified text.
CELL_GAP = 0.8


@dataclass(frozen=True)
class Fragment:
    """A run of text on a page; coordinates in points, ``top`` measured down from the top edge."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    font_size: float = 0.0
    bold: bool = False

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


Row = tuple[Fragment, ...]


def reading_order(fragments: Sequence[Fragment], page_width: float) -> list[Row]:
    """The page's fragments as visual rows, columns read one after the other."""
    ordered = sorted(fragments, key=lambda fragment: (fragment.top, fragment.x0))
    gutter = find_gutter(ordered, page_width)
    if gutter is None:
        return group_rows(ordered)
    rows: list[Row] = []
    for band, is_columns in split_bands(ordered, gutter):
        if is_columns:
            rows.extend(group_rows([f for f in band if f.x1 <= gutter]))
            rows.extend(group_rows([f for f in band if f.x0 >= gutter]))
        else:
            rows.extend(group_rows(band))
    return rows


def _crosses(fragment: Fragment, x: float) -> bool:
    return fragment.x0 < x < fragment.x1


def split_bands(ordered: Sequence[Fragment], gutter: float) -> list[tuple[list[Fragment], bool]]:
    """Runs of fragments between gutter-crossing ones, each marked whether it holds two columns."""
    bands: list[tuple[list[Fragment], bool]] = []
    current: list[Fragment] = []

    def close() -> None:
        if current:
            bands.append((list(current), _is_column_band(current, gutter)))
            current.clear()

    for fragment in ordered:
        if _crosses(fragment, gutter):
            close()
            bands.append(([fragment], False))
        else:
            current.append(fragment)
    close()
    return bands


def _is_grid_side(side: Sequence[Fragment], other: Sequence[Fragment]) -> bool:
    """Whether one side holds only short cells, each on a row of the other side: a table or a
    skills grid, whose rows are read across rather than down."""
    if any(len(fragment.text.split()) > MAX_CELL_WORDS for fragment in side):
        return False
    rows = _RowIndex(other)
    return all(rows.has_row_peer(fragment) for fragment in side)


class _RowIndex:
    """Fragments by vertical middle, to ask in O(log n) whether any of them sits on a fragment's
    row: their middles closer than ``SAME_ROW_TOLERANCE`` times the smaller of the two heights.

    The nearest middle above and below usually answer, else the few fragments whose middle lies
    within the asker's tolerance. When those are many, the one above it that reaches lowest
    (middle plus its own tolerance) and the one below it that reaches highest are the only ones
    worth testing; sparse tables, built on first need, find each at once.
    """

    def __init__(self, fragments: Sequence[Fragment]) -> None:
        self.fragments = sorted(fragments, key=lambda fragment: fragment.middle)
        self.middles = [fragment.middle for fragment in self.fragments]
        self.tables: tuple[_SparseArgBest, _SparseArgBest] | None = None

    def has_row_peer(self, fragment: Fragment) -> bool:
        middle = fragment.middle
        split = bisect.bisect_right(self.middles, middle)
        nearest = self.fragments[max(0, split - 1) : split + 1]
        if any(_same_row(fragment, peer) for peer in nearest):
            return True
        tolerance = SAME_ROW_TOLERANCE * fragment.height
        start = bisect.bisect_left(self.middles, True, hi=split, key=lambda peer: middle - peer <= tolerance)
        end = bisect.bisect_left(self.middles, True, lo=split, key=lambda peer: peer - middle > tolerance)
        if end - start <= ROW_SCAN:
            return any(_same_row(fragment, peer) for peer in self.fragments[start:end])
        reach_down, reach_up = self._tables()
        return any(
            index is not None and _same_row(fragment, self.fragments[index])
            for index in (reach_down.best(start, split), reach_up.best(split, end))
        )

    def _tables(self) -> tuple[_SparseArgBest, _SparseArgBest]:
        if self.tables is None:
            tolerances = [SAME_ROW_TOLERANCE * fragment.height for fragment in self.fragments]
            pairs = list(zip(self.middles, tolerances, strict=True))
            self.tables = (
                _SparseArgBest([m + t for m, t in pairs], max),
                _SparseArgBest([m - t for m, t in pairs], min),
            )
        return self.tables


def _same_row(fragment: Fragment, peer: Fragment) -> bool:
    return abs(fragment.middle - peer.middle) <= SAME_ROW_TOLERANCE * min(fragment.height, peer.height)


class _SparseArgBest:
    """The index of the best (by ``choose``, ``max`` or ``min``) value in any range, in O(1)
    after O(n log n) preparation."""

    def __init__(self, values: list[float], choose: Callable[..., int]) -> None:
        self.values, self.choose = values, choose
        self.levels = [list(range(len(values)))]
        width = 1
        while 2 * width <= len(values):
            previous = self.levels[-1]
            self.levels.append(
                [self._pick(previous[i], previous[i + width]) for i in range(len(values) - 2 * width + 1)]
            )
            width *= 2

    def _pick(self, first: int, second: int) -> int:
        return self.choose(first, second, key=self.values.__getitem__)

    def best(self, start: int, end: int) -> int | None:
        if start >= end:
            return None
        level = (end - start).bit_length() - 1
        row = self.levels[level]
        return self._pick(row[start], row[end - (1 << level)])


def _is_column_band(band: Sequence[Fragment], gutter: float) -> bool:
    left = [f for f in band if f.x1 <= gutter]
    right = [f for f in band if f.x0 >= gutter]
    if len(left) < MIN_COLUMN_FRAGMENTS or len(right) < MIN_COLUMN_FRAGMENTS:
        return False
    left_span = (min(f.top for f in left), max(f.bottom for f in left))
    right_span = (min(f.top for f in right), max(f.bottom for f in right))
    shared = min(left_span[1], right_span[1]) - max(left_span[0], right_span[0])
    smaller = min(left_span[1] - left_span[0], right_span[1] - right_span[0])
    if smaller <= 0 or shared / smaller < MIN_COLUMN_OVERLAP:
        return False
    return not _is_grid_side(right, left)


def find_gutter(ordered: Sequence[Fragment], page_width: float) -> float | None:
    """The x of the vertical gutter that separates the most text into columns, if any.

    Trying every candidate x costs O(n) each, and a page of small fragments (CJK text set glyph
    by glyph) has thousands of candidates. A candidate's columned text can be no more than the
    fragments that do not cross it, and none unless both sides hold a column's worth, bounds
    found by binary search. Candidates are tried best bound first; the search stops once no
    bound can beat the best found, or after :data:`MAX_GUTTER_TRIALS`, so it is O(n log n).
    """
    low, high = (page_width * share for share in GUTTER_SEARCH)
    candidates = sorted({round(f.x1 + 0.5, 1) for f in ordered if low <= f.x1 <= high})
    starts = sorted(fragment.x0 for fragment in ordered)
    ends = sorted(fragment.x1 for fragment in ordered)

    def most_columned(x: float) -> int:
        left = bisect.bisect_right(ends, x)  # x1 <= x
        starting_before = bisect.bisect_left(starts, x)  # x0 < x
        right = len(ordered) - starting_before  # x0 >= x
        if left < MIN_COLUMN_FRAGMENTS or right < MIN_COLUMN_FRAGMENTS:
            return 0
        # Fragments starting before x less those ending by it: at most the fragments crossing x.
        crossing = max(0, starting_before - left)
        return min(len(ordered) - crossing, left + right)

    bounds = {x: most_columned(x) for x in candidates}
    best: tuple[int, float] | None = None
    trials = 0
    for x in sorted(candidates, key=lambda x: (-bounds[x], x)):
        bound = bounds[x]
        if bound == 0 or (best is not None and bound < best[0]) or trials == MAX_GUTTER_TRIALS:
            break
        if best is not None and bound == best[0] and x > best[1]:
            continue  # could at most tie, and a tie goes to the leftmost gutter
        trials += 1
        columned = sum(len(band) for band, is_columns in split_bands(ordered, x) if is_columns)
        if columned and (best is None or (columned, -x) > (best[0], -best[1])):
            best = (columned, x)
    if best is None:
        return None
    # Centre the cut in the empty gap, so fragments near either edge fall on their own side.
    right_edge = min((f.x0 for f in ordered if f.x0 >= best[1]), default=best[1])
    return (best[1] + right_edge) / 2


def group_rows(fragments: Sequence[Fragment]) -> list[Row]:
    """Fragments grouped into visual rows (top to bottom), each row left to right."""
    rows: list[list[Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: (f.top, f.x0)):
        if rows:
            anchor = rows[-1][0]
            tolerance = SAME_ROW_TOLERANCE * min(anchor.height, fragment.height)
            if abs(anchor.middle - fragment.middle) <= tolerance:
                rows[-1].append(fragment)
                continue
        rows.append([fragment])
    return [tuple(sorted(row, key=lambda f: f.x0)) for row in rows]


def row_text(row: Row) -> str:
    """The text of a row: fragments joined by a space, or by a tab where a wide gap parts cells.

    The tab keeps table cells and tag clouds apart as list items without inventing characters.
    """
    parts = [row[0].text.rstrip("\n")]
    for previous, fragment in itertools.pairwise(row):
        size = max(previous.font_size, fragment.font_size, 1.0)
        separator = "\t" if fragment.x0 - previous.x1 > CELL_GAP * size else " "
        parts.append(separator + fragment.text.rstrip("\n"))
    return "".join(parts)
