"""Small-cell suppression for what leaves a Mission Locale (statistical disclosure control).

Pure: counts in, hidden positions out, no database. Published numbers are tied by additive
equations a reader can use: a column's units add up to its total; a profile table's categories
add up to the number of young people received (the CPO n°2 line of the same unit, in another
table of the same export). A hidden number must stay hidden once every published number of the
whole system is known.

Rules, applied until nothing changes:
1. primary suppression: a count from 1 to `threshold - 1` is hidden (a 0 reveals nobody, it is
   published);
2. secondary suppression: in every equation (the parts and their total), a hidden number never
   stands alone, and the hidden parts add up to at least `threshold` when the total is
   published (otherwise each of them is known to be small);
3. no hidden number can be recomputed exactly from the published ones by any combination of
   the equations (checked by exact Gaussian elimination, which catches chains across rows,
   columns and tables that rule 2 alone misses).
Complementary cells are the smallest non-zero parts first (the least information lost), then
zeros, then the total. `locked_shown` and `locked_hidden` carry the decisions already published
one level up (a region's total in the national table), so that two views never disagree.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Equation:
    """sum(parts) == total."""

    parts: tuple[Hashable, ...]
    total: Hashable


def recomputable(values: dict, hidden: set, equations: Iterable[Equation]) -> set:
    """The hidden keys whose value follows exactly from the published numbers.

    Each equation `sum(parts) - total = 0` restricted to hidden unknowns is a row of a linear
    system; an unknown is determined exactly when its unit vector lies in the row space, i.e.
    when the reduced row echelon form has a row with that unknown alone.
    """
    index = {key: i for i, key in enumerate(sorted(hidden, key=repr))}
    unknowns = sorted(index, key=index.get)
    rows = []
    for equation in equations:
        row = {}
        for key in equation.parts:
            if key in index:
                row[index[key]] = row.get(index[key], 0) + 1
        if equation.total in index:
            row[index[equation.total]] = row.get(index[equation.total], 0) - 1
        row = {i: Fraction(v) for i, v in row.items() if v}
        if row:
            rows.append(row)
    reduced = []  # sparse rows, each with its pivot column
    for row in rows:
        for pivot, pivot_row in reduced:
            if pivot in row:
                factor = row[pivot]
                for i, value in pivot_row.items():
                    row[i] = row.get(i, 0) - factor * value
                    if not row[i]:
                        del row[i]
        if row:
            pivot = min(row)
            scale = row[pivot]
            row = {i: value / scale for i, value in row.items()}
            for _, other in reduced:
                if pivot in other:
                    factor = other[pivot]
                    for i, value in row.items():
                        other[i] = other.get(i, 0) - factor * value
                        if not other[i]:
                            del other[i]
            reduced.append((pivot, row))
    return {unknowns[next(iter(row))] for _, row in reduced if len(row) == 1}


def _complement(values, hidden, equation, locked):
    """The next number to hide in an equation: the smallest non-zero part, then a zero part,
    then the total (never one already published elsewhere)."""
    open_parts = [p for p in equation.parts if p not in hidden and p not in locked]
    non_zero = sorted(((values[p], repr(p)), p) for p in open_parts if values[p] > 0)
    if non_zero:
        return non_zero[0][1]
    if open_parts:
        return min(open_parts, key=repr)
    if equation.total not in hidden and equation.total not in locked:
        return equation.total
    return None


def _weak(values, hidden, equation, threshold) -> bool:
    count = sum(1 for p in (*equation.parts, equation.total) if p in hidden)
    if count == 1:
        return True
    if count and equation.total not in hidden:
        return sum(values[p] for p in equation.parts if p in hidden) < threshold
    return False


def protect(
    values: dict,
    equations: list[Equation],
    *,
    threshold: int,
    locked_shown: frozenset = frozenset(),
    locked_hidden: frozenset = frozenset(),
) -> set:
    """The keys to hide so that nothing small is shown and nothing hidden is recomputable."""
    hidden = {k for k, v in values.items() if 0 < v < threshold and k not in locked_shown}
    hidden |= set(locked_hidden)
    while True:
        position = next(
            (
                _complement(values, hidden, e, locked_shown)
                for e in equations
                if _weak(values, hidden, e, threshold)
                and _complement(values, hidden, e, locked_shown) is not None
            ),
            None,
        )
        if position is not None:
            hidden.add(position)
            continue
        exposed = recomputable(values, hidden, equations)
        if not exposed:
            return hidden
        target = min(exposed, key=repr)
        candidates = [
            _complement(values, hidden, e, locked_shown)
            for e in equations
            if target in e.parts or target == e.total
        ]
        candidates = [p for p in candidates if p is not None]
        if not candidates:  # every number of its equations is hidden already
            return hidden
        hidden.add(min(candidates, key=lambda p: (values[p] == 0, values[p], repr(p))))


def disclosure_problems(values: dict, published: dict, equations, *, threshold: int) -> list[str]:
    """What a published system gives away: small numbers shown, hidden numbers recomputable.
    `published` maps each key to its number or None. The tests read exports with it."""
    hidden = {k for k in values if published.get(k) is None}
    problems = [
        f"{k}: {published[k]} est sous le seuil"
        for k in values
        if k not in hidden and 0 < published[k] < threshold
    ]
    problems += [f"{k}: recalculable" for k in recomputable(values, hidden, equations)]
    return problems
