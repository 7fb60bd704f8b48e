"""Small-cell suppression on crafted tables: nothing small shown, nothing hidden recomputable."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from jalon.reporting.anonymisation import Equation, disclosure_problems, protect, recomputable

THRESHOLD = 5


def _layout(cells, *, columns_add_up=False):
    """A table of units (rows) with its column totals (row "T") and, for a profile table, its
    row totals (column "T"): every number by position and the equations tying them."""
    rows, columns = range(len(cells)), range(len(cells[0]))
    values = {(r, c): cells[r][c] for r in rows for c in columns}
    equations = []
    for c in columns:
        values[("T", c)] = sum(cells[r][c] for r in rows)
        equations.append(Equation(tuple((r, c) for r in rows), ("T", c)))
    if columns_add_up:
        for r in [*rows, "T"]:
            values[(r, "T")] = sum(values[(r, c)] for c in columns)
            equations.append(Equation(tuple((r, c) for c in columns), (r, "T")))
        equations.append(Equation(tuple((r, "T") for r in rows), ("T", "T")))
    return values, equations


def _check(cells, **shape):
    """The published table (None where hidden), after checking it gives nothing away."""
    values, equations = _layout(cells, **shape)
    hidden = protect(values, equations, threshold=THRESHOLD)
    published = {k: None if k in hidden else v for k, v in values.items()}
    assert disclosure_problems(values, published, equations, threshold=THRESHOLD) == []
    assert all(v is None or v == 0 or v >= THRESHOLD for v in published.values())
    return published


def _column(published):
    """The first column's units, top to bottom."""
    return [
        published[(r, 0)]
        for r in itertools.takewhile(lambda r: (r, 0) in published, itertools.count())
    ]


def test_rule_small_cells_are_hidden_and_zeros_shown():
    published = _check([[12], [3], [0], [40]])
    assert published[(1, 0)] is None
    assert published[(2, 0)] == 0


def test_rule_a_hidden_cell_never_stands_alone_in_a_total():
    """12 + 3 + 40 = 55 published: hiding 3 alone would give it back as 55 - 12 - 40."""
    published = _check([[12], [3], [40]])
    assert _column(published) == [None, None, 40]  # the smallest other cell hides with it
    assert published[("T", 0)] == 55


def test_rule_hidden_cells_add_up_to_the_threshold_at_least():
    """1 and 2 hidden together still tell the reader both are small (their sum is 3)."""
    published = _check([[1], [2], [30], [40]])
    assert _column(published) == [None, None, None, 40]


def test_rule_a_total_below_the_threshold_is_hidden_with_its_parts():
    published = _check([[2, 0], [1, 0]])
    assert (published[("T", 0)], published[("T", 1)]) == (None, 0)


def test_rule_profile_tables_protect_rows_and_columns():
    published = _check([[12, 3, 40], [20, 8, 2], [30, 30, 30]], columns_add_up=True)
    assert published[(0, 1)] is None and published[(1, 2)] is None


def test_rule_no_hidden_cell_recomputable_through_a_chain_of_equations():
    """Two blocks of small cells joined through the margins: each row and column has two
    hidden cells, yet a chain of equations could give one back. The elimination sees it."""
    cells = [
        [1, 10, 0, 0],
        [10, 1, 10, 0],
        [0, 0, 1, 10],
        [0, 0, 10, 1],
    ]
    _check(cells, columns_add_up=True)


def test_recomputable_finds_a_cell_left_alone():
    values, equations = _layout([[3], [12]])
    assert recomputable(values, {(0, 0)}, equations) == {(0, 0)}
    assert recomputable(values, {(0, 0), (1, 0)}, equations) == set()


def test_rule_numbers_published_elsewhere_stay_as_published():
    """A region's total already shown (or hidden) in the national table keeps that state."""
    values, equations = _layout([[3], [12], [9]])
    hidden = protect(values, equations, threshold=THRESHOLD, locked_shown=frozenset({("T", 0)}))
    assert ("T", 0) not in hidden and (0, 0) in hidden
    hidden = protect(
        values,
        equations,
        threshold=THRESHOLD,
        locked_hidden=frozenset({("T", 0)}),
    )
    assert ("T", 0) in hidden
    assert recomputable(values, hidden, equations) == set()


def test_rule_an_exhaustive_search_agrees_on_small_tables():
    """For every column of three counts in 0, 1, 3, 6: list every table of counts that matches
    what is published; each hidden count must take at least two values among them."""
    for cells in itertools.product((0, 1, 3, 6), repeat=3):
        published = _check([[value] for value in cells])
        shown = [published[(r, 0)] for r in range(3)]
        total = published[("T", 0)]
        candidates = [
            candidate
            for candidate in itertools.product(range(19), repeat=3)
            if all(s is None or s == c for s, c in zip(shown, candidate, strict=True))
            and (total is None or sum(candidate) == total)
        ]
        for index, value in enumerate(shown):
            if value is None:
                assert len({candidate[index] for candidate in candidates}) > 1, cells


@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=60), min_size=3, max_size=3),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
)
def test_properties_any_table_leaves_without_disclosure(cells, columns_add_up):
    _check(cells, columns_add_up=columns_add_up)
