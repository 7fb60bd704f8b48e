"""Server-rendered SVG bars: no script, so the strict Content-Security-Policy holds, and each
chart is followed by the table of its figures for screen readers and for copying."""

BAR_HEIGHT = 14
GAP = 6
LABEL_WIDTH = 220
PLOT_WIDTH = 420
VALUE_WIDTH = 70


def comparison_bars(comparison: list[dict]) -> dict:
    """Geometry of a chart: for each line, the bar of the period and of the previous one.
    A hidden value (None) draws no bar and says « s »."""
    values = [v for row in comparison for v in (row["value"], row["previous"]) if v is not None]
    scale = PLOT_WIDTH / max([*values, 1])
    group_height = 2 * BAR_HEIGHT + 2 * GAP
    bars = []
    for index, row in enumerate(comparison):
        top = index * group_height + GAP
        bars.append(
            {
                "label": row["label"],
                "label_y": top + BAR_HEIGHT + 4,
                "current": _bar(row["value"], top, scale),
                "previous": _bar(row["previous"], top + BAR_HEIGHT + 2, scale),
            }
        )
    return {
        "bars": bars,
        "width": LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        "height": len(comparison) * group_height + GAP,
        "plot_x": LABEL_WIDTH,
    }


def _bar(value, top, scale) -> dict:
    width = round(value * scale) if value else 0
    return {
        "y": top,
        "width": width,
        "height": BAR_HEIGHT,
        "text": "s" if value is None else str(value),
        "text_x": LABEL_WIDTH + width + 4,
        "text_y": top + BAR_HEIGHT - 3,
    }
