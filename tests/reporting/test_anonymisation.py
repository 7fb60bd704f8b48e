"""Small-cell suppression on crafted tables: nothing small shown, nothing hidden recomputable."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from jalon.reporting.anonymisation import disclosure_problems, protect, recomputable

THRESHOLD = 5


def _check(cells, **shape):
    n_columns = len(cells[0])
    table = protect(cells, n_columns=n_columns, threshold=THRESHOLD, **shape)
    assert (
        disclosure_problems(cells, table, n_columns=n_columns, threshold=THRESHOLD, **shape) == []
    )
    return table


def _shown_values(table):
    values = [v for row in table.cells for v in row]
    values += table.column_totals or []
    values += table.row_totals or []
    values.append(table.grand_total)
    return [v for v in values if v is not None]


def test_rule_small_cells_are_hidden_and_zeros_shown():
    table = _check([[12], [3], [0], [40]])
    assert table.cells[1] == [None]
    assert table.cells[2] == [0]
    assert all(v == 0 or v >= THRESHOLD for v in _shown_values(table))


def test_rule_a_hidden_cell_never_stands_alone_in_a_total():
    """12 + 3 + 40 = 55 published: hiding 3 alone would give it back as 55 - 12 - 40."""
    table = _check([[12], [3], [40]])
    hidden = [i for i, row in enumerate(table.cells) if row[0] is None]
    assert hidden == [0, 1]  # the smallest other cell hides with it
    assert table.column_totals == [55]


def test_rule_hidden_cells_add_up_to_the_threshold_at_least():
    """1 and 2 hidden together still tell the reader both are small (their sum is 3)."""
    table = _check([[1], [2], [30], [40]])
    assert [row[0] for row in table.cells] == [None, None, None, 40]


def test_rule_a_total_below_the_threshold_is_hidden_with_its_parts():
    table = _check([[2, 0], [1, 0]])
    assert table.column_totals == [None, 0]


def test_rule_profile_tables_protect_rows_and_columns():
    cells = [[12, 3, 40], [20, 8, 2], [30, 30, 30]]
    table = _check(cells, rows_add_up=True, columns_add_up=True)
    assert table.cells[0][1] is None and table.cells[1][2] is None
    assert all(v == 0 or v >= THRESHOLD for v in _shown_values(table))


def test_rule_no_hidden_cell_recomputable_through_a_chain_of_equations():
    """Two 2x2 blocks of hidden cells joined by one hidden cell: each row and column has two
    hidden cells, yet the joining cell follows from the margins. The elimination sees it."""
    cells = [
        [1, 10, 0, 0],
        [10, 1, 10, 0],
        [0, 0, 1, 10],
        [0, 0, 10, 1],
    ]
    table = _check(cells, rows_add_up=True, columns_add_up=True)
    assert all(v == 0 or v >= THRESHOLD for v in _shown_values(table))


def test_recomputable_finds_a_cell_left_alone():
    from jalon.reporting.anonymisation import _layout

    values, equations = _layout([[3], [12]], 1, True, False)
    assert recomputable(values, {(0, 0)}, equations) == {(0, 0)}
    assert recomputable(values, {(0, 0), (1, 0)}, equations) == set()


def test_rule_an_exhaustive_search_agrees_on_small_tables():
    """For every column of three counts in 0, 1, 3, 6: list every table of counts that matches
    what is published; each hidden count must take at least two values among them."""
    domain = (0, 1, 3, 6)
    for cells in itertools.product(domain, repeat=3):
        grid = [[value] for value in cells]
        table = _check(grid)
        shown = [row[0] for row in table.cells]
        total = table.column_totals[0]
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
    table = _check(cells, rows_add_up=True, columns_add_up=columns_add_up)
    assert all(v == 0 or v >= THRESHOLD for v in _shown_values(table))
