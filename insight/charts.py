"""Charts drawn on the server as SVG, each a picture of its figure's table.

One approach for every chart: the SVG is an image (`role="img"`) whose accessible name says what it
shows and that the numbers are in the table below it; the table is what a screen reader reads.
Every chart scales to its container (viewBox, width 100%) down to 320 px wide. Colour is never the
only cue: each bar has its number written beside it, the lines of a chart with several series differ
in dash and marker as well as colour and are named in a key, and a map comes with a key in words and
the table. Text is near-black on white; bars, lines and the darker shades reach 3:1 against white.
"""

from __future__ import annotations

import math
import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy

from places.maps import SHADES, shade_for, ward_map

from .figures import HIDDEN, Figure, cell_text

TEXT = "#0b0c0c"
GRID = "#b1b4b6"
BAR = "#1d70b8"
FONT = 16  # SVG units; charts are 480 to 600 wide and shown up to 36rem, so about body text size
# (colour, dash pattern, marker) for each series of a line chart, in order.
SERIES_STYLES = [
    ("#1d70b8", "", "circle"),
    ("#d4351c", "8 4", "square"),
    ("#00703c", "2 4", "triangle"),
    ("#4c2c92", "12 4 2 4", "diamond"),
    ("#6f3b00", "4 2", "circle"),
]


def accessible_name(figure: Figure) -> str:
    return gettext("Chart: %(title)s. The numbers are in the table below.") % {"title": figure.title}


def render(figure: Figure) -> SafeString:
    """The figure's chart as SVG markup (an empty string for chart="none" or an empty table)."""
    if figure.chart == "map":
        return _map(figure)
    if not figure.rows or figure.chart == "none":
        return mark_safe("")
    if figure.chart == "bar":
        return _bar(figure)
    if figure.chart == "line":
        return _line(figure)
    raise ValueError(f"Unknown chart kind: {figure.chart!r}")


# --- Numbers ---------------------------------------------------------------------------------------
def number(value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return None if isinstance(value, float) and math.isnan(value) else float(value)
    try:
        return float(value)  # Decimal
    except (TypeError, ValueError):
        return None


def format_value(value, unit: str = "") -> str:
    """A number as people read it: 12,345 or 12.3, with % when the unit is a share."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else (gettext("Yes") if value else gettext("No"))
    if isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, float):
        text = f"{value:,.1f}"
    else:
        return cell_text(value)
    return text + "%" if unit == "%" else text


def _axis_top(highest: float, unit: str, ticks: int = 4) -> float:
    """The top of a value axis with `ticks` equal steps of 1, 2 or 5 times a power of ten (whole
    numbers for counts), so every gridline has a round number."""
    if unit == "%":
        return 100.0
    if highest <= 0:
        return float(ticks)
    rough = highest / ticks
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if rough <= m * power)
    return max(step, 1) * ticks


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(figure: Figure, width: float, height: float, body: str, kind: str) -> SafeString:
    return format_html(
        '<svg class="dw-chart dw-chart--{}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label="{}" focusable="false" '
        'font-size="{}">{}</svg>',
        kind,
        f"{width:g}",
        f"{height:g}",
        accessible_name(figure),
        FONT,
        body,
    )


# --- Bar chart -------------------------------------------------------------------------------------
BAR_WIDTH = 480
BAR_ROW = 50  # label line, then the bar
BAR_HEIGHT = 20
BAR_VALUE_SPACE = 90  # room for the number after the longest bar


def _bar(figure: Figure) -> SafeString:
    values = [
        number(row[figure.value_column]) if len(row) > figure.value_column else None for row in figure.rows
    ]
    known = [v for v in values if v is not None]
    top = 100.0 if figure.unit == "%" else max([v for v in known if v > 0], default=1.0)
    span = BAR_WIDTH - BAR_VALUE_SPACE
    parts = []
    for i, (row, value) in enumerate(zip(figure.rows, values, strict=True)):
        y = i * BAR_ROW
        label = _shorten(str(row[0]), 52)
        length = 0.0 if value is None or value <= 0 else min(value / top, 1.0) * span
        shown = gettext("no number") if value is None else format_value(row[figure.value_column], figure.unit)
        parts.append(
            format_html(
                '<g class="dw-chart__row"><text x="0" y="{}" fill="{}">{}</text>'
                '<rect class="dw-chart__bar" x="0" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" fill="{}" font-weight="bold">{}</text></g>',
                y + FONT,
                TEXT,
                label,
                y + 22,
                f"{length:.1f}",
                BAR_HEIGHT,
                BAR,
                f"{length + 6:.1f}",
                y + 22 + BAR_HEIGHT - 4,
                TEXT,
                shown,
            )
        )
    height = len(figure.rows) * BAR_ROW
    return _svg(figure, BAR_WIDTH, height, mark_safe("".join(parts)), "bar")  # noqa: S308 (built by format_html)


# --- Line chart ------------------------------------------------------------------------------------
LINE_WIDTH = 600
PLOT_LEFT = 72
PLOT_RIGHT = 16
PLOT_TOP = 12
PLOT_HEIGHT = 220
AXIS_SPACE = 44
MONTH = re.compile(r"^(January|February|March|April|May|June|July|August|September|October|November|December)"
                   r" (\d{4})$")  # fmt: skip


def _short_month(label) -> str:
    """A month on the axis: "Feb 2026" for a trends month (insight.figures.Month) or an English name."""
    if short := getattr(label, "short", ""):
        return short
    label = str(label)
    match = MONTH.match(label)
    return f"{match.group(1)[:3]} {match.group(2)}" if match else _shorten(label, 10)


def _marker(kind: str, x: float, y: float, colour: str) -> SafeString:
    if kind == "square":
        return format_html(
            '<rect x="{}" y="{}" width="8" height="8" fill="{}"/>', f"{x - 4:.1f}", f"{y - 4:.1f}", colour
        )
    if kind == "triangle":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        return format_html('<polygon points="{}" fill="{}"/>', points, colour)
    if kind == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return format_html('<polygon points="{}" fill="{}"/>', points, colour)
    return format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', f"{x:.1f}", f"{y:.1f}", colour)


def _line(figure: Figure) -> SafeString:
    series = list(range(1, len(figure.columns)))
    styles = [SERIES_STYLES[i % len(SERIES_STYLES)] for i in range(len(series))]
    key_height = 26 * len(series) + 8 if len(series) > 1 else 0
    top_y = key_height + PLOT_TOP
    plot_width = LINE_WIDTH - PLOT_LEFT - PLOT_RIGHT
    values = [[number(row[c]) if len(row) > c else None for c in series] for row in figure.rows]
    highest = max((v for row in values for v in row if v is not None), default=0.0)
    top = _axis_top(highest, figure.unit)
    count = len(figure.rows)

    def x_at(i: int) -> float:
        return PLOT_LEFT + (plot_width / 2 if count == 1 else plot_width * i / (count - 1))

    def y_at(value: float) -> float:
        return top_y + PLOT_HEIGHT - (max(value, 0) / top) * PLOT_HEIGHT

    parts = []
    # The key, one line per series, drawn with its own dash and marker.
    for s, column in enumerate(series):
        colour, dash, marker = styles[s]
        if len(series) > 1:
            y = 8 + s * 26 + 10
            parts.append(
                format_html(
                    '<line x1="0" y1="{0}" x2="36" y2="{0}" stroke="{1}" stroke-width="3"{2}/>{3}'
                    '<text x="46" y="{4}" fill="{5}">{6}</text>',
                    y,
                    colour,
                    format_html(' stroke-dasharray="{}"', dash) if dash else "",
                    _marker(marker, 18, y, colour),
                    y + 5,
                    TEXT,
                    _shorten(str(figure.columns[column]), 60),
                )
            )
    # Gridlines and the numbers up the side.
    for step in range(5):
        value = top * step / 4
        y = y_at(value)
        parts.append(
            format_html(
                '<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="{3}" stroke-width="1"/>'
                '<text x="{4}" y="{5}" fill="{6}" text-anchor="end">{7}</text>',
                PLOT_LEFT,
                f"{y:.1f}",
                LINE_WIDTH - PLOT_RIGHT,
                TEXT if step == 0 else GRID,
                PLOT_LEFT - 8,
                f"{y + 5:.1f}",
                TEXT,
                format_value(value if not value.is_integer() else int(value), figure.unit),
            )
        )
    # Month names along the bottom, as many as fit.
    every = max(1, math.ceil(count / 5))
    shown = list(range(0, count, every))
    if shown[-1] != count - 1:
        # The latest month is always named; it takes the place of a label too close to it.
        shown[-1 if count - 1 - shown[-1] < every and len(shown) > 1 else len(shown) :] = [count - 1]
    for i in shown:
        anchor = "middle" if count == 1 else ("start" if i == 0 else ("end" if i == count - 1 else "middle"))
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}" text-anchor="{}">{}</text>',
                f"{x_at(i):.1f}",
                top_y + PLOT_HEIGHT + 26,
                TEXT,
                anchor,
                _short_month(figure.rows[i][0]),
            )
        )
    # The lines, then their markers on top. A month with no number (hidden to protect people) is a
    # gap: the line stops before it and starts again after it, rather than dropping to 0.
    for s in range(len(series)):
        colour, dash, marker = styles[s]
        runs: list[list[tuple[float, float]]] = [[]]
        for i, row in enumerate(values):
            if row[s] is None:
                if runs[-1]:
                    runs.append([])
            else:
                runs[-1].append((x_at(i), y_at(row[s])))
        for run in runs:
            if len(run) > 1:
                parts.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="3"{}/>',
                        " ".join(f"{x:.1f},{y:.1f}" for x, y in run),
                        colour,
                        format_html(' stroke-dasharray="{}"', dash) if dash else "",
                    )
                )
        parts.extend(_marker(marker, x, y, colour) for run in runs for x, y in run)
    height = top_y + PLOT_HEIGHT + AXIS_SPACE
    return _svg(figure, LINE_WIDTH, height, mark_safe("".join(parts)), "line")  # noqa: S308 (format_html)


# --- Ward map --------------------------------------------------------------------------------------
# A ward whose count is hidden to protect people is hatched, not shaded: it is not "None" (0) and
# not a number. GOV.UK dark grey stripes on white: 7:1 against white, unlike any blue of the scale,
# and named in the key in words.
HIDDEN_INK = "#505a5f"
HIDDEN_KEY = gettext_lazy("Hidden (to protect people)")
HIDDEN_SWATCH = f"repeating-linear-gradient(45deg, {HIDDEN_INK} 0 3px, #ffffff 3px 6px)"


def _map(figure: Figure) -> SafeString:
    from places.models import Ward

    shapes = ward_map()
    names = dict(Ward.objects.values_list("name", "pk"))
    hidden = {pk for pk, v in figure.ward_values.items() if v == HIDDEN}
    values = {pk: number(v) or 0.0 for pk, v in figure.ward_values.items() if pk not in hidden}
    highest = 100.0 if figure.unit == "%" else max(values.values(), default=0.0)
    hatch = f"dw-hidden-{figure.key}"  # one pattern per map: a page can show several maps
    paths = []
    for shape in shapes.shapes:
        pk = names.get(shape.name)
        if pk in hidden:
            paths.append((shape.path, f"url(#{hatch})", shape.name, cell_text(HIDDEN)))
            continue
        value = values.get(pk, 0.0)
        paths.append(
            (shape.path, _shade(value, highest), shape.name, format_value(_tidy(value), figure.unit))
        )
    body = format_html_join(
        "", '<path d="{}" fill="{}" stroke="#ffffff" stroke-width="1"><title>{}: {}</title></path>', paths
    )
    if hidden:
        body = format_html(
            '<defs><pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            '<rect width="3" height="6" fill="{}"/></pattern></defs>{}',
            hatch,
            HIDDEN_INK,
            body,
        )
    svg = _svg(figure, shapes.width, shapes.height, body, "map")
    legend = map_legend(highest, figure.unit) + ([(HIDDEN_SWATCH, HIDDEN_KEY)] if hidden else [])
    key = format_html_join(
        "",
        '<li><span class="dw-legend__swatch" style="background:{}"></span>{}</li>',
        legend,
    )
    return format_html(
        '<div class="dw-chart-map"><div class="dw-chart-map__map">{}</div>'
        '<div class="dw-chart-map__key">'
        '<p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{}</p>'
        '<ul class="govuk-list dw-legend">{}</ul></div></div>',
        svg,
        gettext("Key"),
        key,
    )


def _tidy(value: float):
    return int(value) if float(value).is_integer() else value


def _shade(value: float, highest: float) -> str:
    if highest <= 0 or value <= 0:
        return SHADES[0]
    if float(highest).is_integer() and float(value).is_integer():
        return shade_for(int(value), int(highest))
    step = math.ceil(value / highest * (len(SHADES) - 1))
    return SHADES[max(1, min(step, len(SHADES) - 1))]


def map_legend(highest: float, unit: str = "") -> list[tuple[str, str]]:
    """(colour, words) for each shade in use, matching `_shade`."""
    rows = [(SHADES[0], gettext("None"))]
    if highest <= 0:
        return rows
    steps = len(SHADES) - 1
    whole = float(highest).is_integer() and unit != "%"
    previous = 0.0
    for step in range(1, steps + 1):
        top = math.floor(highest * step / steps) if whole else round(highest * step / steps, 1)
        if top <= previous:
            continue
        if whole:
            low = int(previous) + 1
            words = (
                f"{low:,}"
                if low == top
                else gettext("%(low)s to %(top)s") % {"low": f"{low:,}", "top": f"{int(top):,}"}
            )
        elif not previous:
            words = gettext("Up to %(top)s") % {"top": format_value(top, unit)}
        else:
            words = gettext("Over %(previous)s, up to %(top)s") % {
                "previous": format_value(previous, unit),
                "top": format_value(top, unit),
            }
        rows.append((SHADES[step], words))
        previous = top
    return rows


# --- The table beside every chart ------------------------------------------------------------------
def table(figure: Figure) -> dict:
    """The figure's table ready for the template: headings and cells, numbers formatted and marked."""
    # A count shown as "hidden" (a small number of people) is still a number: it lines up with them.
    numeric = [
        bool(figure.rows)
        and all(
            number(row[c]) is not None or row[c] is None or row[c] == HIDDEN
            for row in figure.rows
            if len(row) > c
        )
        for c in range(len(figure.columns))
    ]
    numeric[0] = False
    head = [{"text": text, "numeric": numeric[c]} for c, text in enumerate(figure.columns)]
    body = []
    for row in figure.rows:
        cells = []
        for c, value in enumerate(row):
            cells.append(
                {
                    "text": format_value(value) if numeric[c] else str(getattr(value, "text", value)),
                    "href": getattr(value, "href", ""),
                    "numeric": numeric[c],
                }
            )
        body.append(cells)
    return {"head": head, "body": body}
