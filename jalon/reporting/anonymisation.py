"""Small-cell suppression for what leaves a Mission Locale (statistical disclosure control).

Pure: counts in, counts or None out, no database. A table is a grid of counts with the margins
that are published with it: column totals when its rows partition a population (one row per
Mission Locale, site or counsellor), row totals when its columns do (a profile table's
categories). Both margins are equations a reader can use: a hidden cell must stay hidden once
every published number is known.

Rules, applied until nothing changes:
1. primary suppression: a count from 1 to `threshold - 1` is hidden (a 0 reveals nobody, it is
   published);
2. secondary suppression: in every margin equation (the parts and their total), a hidden
   number never stands alone, and the hidden parts add up to at least `threshold` when the
   total is published (otherwise each of them is known to be small);
3. no hidden number can be recomputed exactly from the published ones by any combination of
   the equations (checked by exact Gaussian elimination, which catches chains across rows and
   columns that rule 2 alone misses).
Complementary cells are the smallest non-zero parts first (the least information lost), then
zeros, then the total.
"""

from dataclasses import dataclass
from fractions import Fraction

Position = tuple[int, int]


@dataclass(frozen=True)
class ProtectedTable:
    """The published table: None where a number is hidden."""

    cells: list[list[int | None]]
    column_totals: list[int | None] | None
    row_totals: list[int | None] | None
    grand_total: int | None


@dataclass(frozen=True)
class _Equation:
    parts: tuple[Position, ...]
    total: Position


def _layout(cells, n_columns, rows_add_up, columns_add_up):
    """Every number of the published table by position, and the margin equations.

    Interior cells are (r, c); column totals (R, c); row totals (r, C); the grand total (R, C).
    """
    n_rows = len(cells)
    values = {(r, c): cells[r][c] for r in range(n_rows) for c in range(n_columns)}
    equations = []
    if rows_add_up:
        for c in range(n_columns):
            values[(n_rows, c)] = sum(cells[r][c] for r in range(n_rows))
            equations.append(_Equation(tuple((r, c) for r in range(n_rows)), (n_rows, c)))
    if columns_add_up:
        for r in range(n_rows):
            values[(r, n_columns)] = sum(cells[r])
            equations.append(_Equation(tuple((r, c) for c in range(n_columns)), (r, n_columns)))
    if rows_add_up and columns_add_up:
        values[(n_rows, n_columns)] = sum(map(sum, cells))
        equations.append(
            _Equation(tuple((n_rows, c) for c in range(n_columns)), (n_rows, n_columns))
        )
        equations.append(
            _Equation(tuple((r, n_columns) for r in range(n_rows)), (n_rows, n_columns))
        )
    return values, equations


def recomputable(values: dict, hidden: set, equations) -> set:
    """The hidden positions whose value follows exactly from the published numbers.

    Each equation `sum(parts) - total = 0` restricted to hidden unknowns is a row of a linear
    system; an unknown is determined exactly when its unit vector lies in the row space, i.e.
    when the reduced row echelon form has a row with that unknown alone.
    """
    unknowns = sorted(hidden)
    index = {position: i for i, position in enumerate(unknowns)}
    rows = []
    for equation in equations:
        row = [Fraction(0)] * len(unknowns)
        for position in equation.parts:
            if position in index:
                row[index[position]] += 1
        if equation.total in index:
            row[index[equation.total]] -= 1
        if any(row):
            rows.append(row)
    pivot_row = 0
    for column in range(len(unknowns)):
        found = next((i for i in range(pivot_row, len(rows)) if rows[i][column]), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        pivot = rows[pivot_row][column]
        rows[pivot_row] = [value / pivot for value in rows[pivot_row]]
        for i in range(len(rows)):
            if i != pivot_row and rows[i][column]:
                factor = rows[i][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[pivot_row], strict=True)]
        pivot_row += 1
    determined = set()
    for row in rows[:pivot_row]:
        nonzero = [i for i, value in enumerate(row) if value]
        if len(nonzero) == 1:
            determined.add(unknowns[nonzero[0]])
    return determined


def _complement(values, hidden, equation) -> Position | None:
    """The next number to hide in an equation: the smallest non-zero part, then a zero part,
    then the total."""
    open_parts = [p for p in equation.parts if p not in hidden]
    non_zero = sorted((values[p], p) for p in open_parts if values[p] > 0)
    if non_zero:
        return non_zero[0][1]
    if open_parts:
        return sorted(open_parts)[0]
    return equation.total if equation.total not in hidden else None


def _weak_equation(values, hidden, equation, threshold) -> bool:
    members = (*equation.parts, equation.total)
    count = sum(1 for p in members if p in hidden)
    if count == 1:
        return True
    if count and equation.total not in hidden:
        return sum(values[p] for p in equation.parts if p in hidden) < threshold
    return False


def protect(
    cells: list[list[int]],
    *,
    n_columns: int,
    threshold: int,
    rows_add_up: bool = True,
    columns_add_up: bool = False,
) -> ProtectedTable:
    """Hide small counts and every number that would let a reader recompute one."""
    values, equations = _layout(cells, n_columns, rows_add_up, columns_add_up)
    hidden = {p for p, value in values.items() if 0 < value < threshold}
    while True:
        position = next(
            (
                _complement(values, hidden, e)
                for e in equations
                if _weak_equation(values, hidden, e, threshold)
                and _complement(values, hidden, e) is not None
            ),
            None,
        )
        if position is not None:
            hidden.add(position)
            continue
        exposed = recomputable(values, hidden, equations)
        if not exposed:
            break
        target = min(exposed)
        candidates = [
            _complement(values, hidden, e)
            for e in equations
            if target in e.parts or target == e.total
        ]
        candidates = [p for p in candidates if p is not None]
        if not candidates:  # every number of its equations is hidden already
            break
        hidden.add(min(candidates, key=lambda p: (values[p] == 0, values[p], p)))
    return _published(cells, n_columns, values, hidden, rows_add_up, columns_add_up)


def _published(cells, n_columns, values, hidden, rows_add_up, columns_add_up) -> ProtectedTable:
    n_rows = len(cells)

    def shown(position):
        return None if position in hidden else values[position]

    return ProtectedTable(
        cells=[[shown((r, c)) for c in range(n_columns)] for r in range(n_rows)],
        column_totals=[shown((n_rows, c)) for c in range(n_columns)] if rows_add_up else None,
        row_totals=[shown((r, n_columns)) for r in range(n_rows)] if columns_add_up else None,
        grand_total=shown((n_rows, n_columns)) if rows_add_up and columns_add_up else None,
    )


def disclosure_problems(
    original: list[list[int]],
    table: ProtectedTable,
    *,
    n_columns: int,
    threshold: int,
    rows_add_up: bool = True,
    columns_add_up: bool = False,
) -> list[str]:
    """What a published table gives away: small numbers shown, hidden numbers recomputable.

    Used by the tests and before any table leaves for a pilot: an empty list or nothing leaves.
    """
    values, equations = _layout(original, n_columns, rows_add_up, columns_add_up)
    published = _layout_published(table, len(original), n_columns)
    hidden = {p for p in values if published.get(p) is None}
    problems = [
        f"{p}: {published[p]} est sous le seuil"
        for p in values
        if p not in hidden and 0 < published[p] < threshold
    ]
    problems += [f"{p}: recalculable" for p in sorted(recomputable(values, hidden, equations))]
    return problems


def _layout_published(table: ProtectedTable, n_rows, n_columns):
    published = {(r, c): table.cells[r][c] for r in range(n_rows) for c in range(n_columns)}
    if table.column_totals is not None:
        published.update({(n_rows, c): v for c, v in enumerate(table.column_totals)})
    if table.row_totals is not None:
        published.update({(r, n_columns): v for r, v in enumerate(table.row_totals)})
    if table.column_totals is not None and table.row_totals is not None:
        published[(n_rows, n_columns)] = table.grand_total
    return published
