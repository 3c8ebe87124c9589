"""A figure: one question answered with a table, drawn as a chart, and downloadable as CSV.

Every insight page is a list of figures. The table is the truth: the chart is drawn from it (so a
screen reader user reads the same numbers in the table) and the CSV is the table as it stands.

Added by the charts part: a cell may be a `Link(text, href)`; the table shows it as a link, the CSV
and the chart use its text. `insight.charts.render(figure)` draws the chart and
`templates/insight/includes/figure.html` shows a whole figure."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import dateformat
from django.utils.translation import gettext, gettext_lazy

# One marker for every hidden count of people (insight.demand), whether it was under 5 or hidden to
# protect one that was: marking them differently would tell a reader which is which and undo the
# protection. The marker is a key; people read HIDDEN_WORD, in their language.
HIDDEN = "hidden"
HIDDEN_WORD = gettext_lazy("hidden")


@dataclass(frozen=True)
class Link:
    """A table cell that links somewhere (for example the search showing a thin supply)."""

    text: str
    href: str

    def __str__(self) -> str:
        return self.text


class Month(str):
    """A month as a table cell ("February 2026"), in the reader's language, knowing the short form a
    chart's axis shows ("Feb 2026")."""

    short: str

    def __new__(cls, start):
        month = super().__new__(cls, dateformat.format(start, "F Y"))
        month.short = dateformat.format(start, "M Y")
        return month


@dataclass
class Figure:
    key: str  # a slug, unique on its page: the table's id and the CSV's name
    title: str  # the question it answers, in plain words: "Opportunities in each ward"
    columns: list[str]  # table headings; the first column names each row
    rows: list[list]  # one list per row, in the order shown; numbers stay numbers
    chart: str = "bar"  # "bar", "line", "map" or "none"
    value_column: int = 1  # which column the chart draws
    unit: str = ""  # "%" for shares, otherwise what is counted: "opportunities"
    note: str = ""  # how it was counted, and what was left out (for example cells under 5)
    # Map charts: Ward.pk -> value, or HIDDEN (insight.demand) for a count hidden to protect people.
    ward_values: dict[int, float | str] = field(default_factory=dict)

    def csv_response(self, filename_stem: str) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename_stem}-{self.key}.csv"'
        writer = csv.writer(response)
        # Headings can come from the data too (interest names head a column each).
        writer.writerow([_cell(heading) for heading in self.columns])
        for row in self.rows:
            writer.writerow([_cell(value) for value in row])
        return response


def cell_text(value) -> str:
    """A cell as people read it: a hidden count in their words, anything else as it is."""
    if isinstance(value, str) and value == HIDDEN:
        return gettext("hidden")
    return "" if value is None else str(value)


def _cell(value) -> str:
    """A cell as text, with anything a spreadsheet would run as a formula made harmless."""
    text = cell_text(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
