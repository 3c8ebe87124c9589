"""Trends: the main figures month by month, over the last twelve months (this month so far last).

Counted in PostgreSQL with one grouped query per table (by month in the council's time zone, the
times read from their indexes); months with nothing in them are filled in as 0 here.

Profiles and enquiries are about people (a profile is one person; an enquiry is sent for one), so
their months are protected like every other count of people (`insight.demand.suppress_linked`):
the year's total may be known (the statement gives the enquiries', the demand tables add up to the
profiles'), so the twelve months are one group and no single hidden month can be worked out.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from citizens.models import CitizenProfile, Enquiry
from opportunities.models import Opportunity, SearchLog

from .demand import HIDDEN_NOTE, suppress_linked
from .figures import Figure, Month

MONTHS = 12
# Measures that count people: shown only through `protected_months`.
PEOPLE_MEASURES = ("enquiries", "profiles")
GAP_NOTE = gettext_lazy("A hidden month is left as a gap in the line, not drawn as 0.")

# (measure, table, time column, extra condition). Table names come from the models, never from input.
MEASURES = [
    ("published", Opportunity._meta.db_table, "published_at", ""),
    ("searches", SearchLog._meta.db_table, "created_at", ""),
    ("nothing_found", SearchLog._meta.db_table, "created_at", "AND result_count = 0"),
    ("enquiries", Enquiry._meta.db_table, "sent_at", ""),
    ("profiles", CitizenProfile._meta.db_table, "created_at", ""),
]


def month_starts(today: datetime.date, months: int = MONTHS) -> list[datetime.date]:
    """The first day of each of the last `months` months, oldest first, this month last."""
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def monthly_counts(
    today: datetime.date | None = None, months: int = MONTHS
) -> tuple[list, dict[str, list[int]]]:
    """The months, and for each measure its count in each month (0 where nothing happened)."""
    today = today or timezone.localdate()
    starts = month_starts(today, months)
    # Each month's first moment in the council's time zone; width_bucket gives the month a time falls
    # in (1 for the first), which is much cheaper than converting every row's time to a local date.
    council = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    bounds = [datetime.datetime.combine(start, datetime.time(), tzinfo=council) for start in starts]
    parts = []
    for measure, table, column, condition in MEASURES:
        parts.append(
            f"SELECT '{measure}', width_bucket({column}, %(bounds)s::timestamptz[]), count(*) "  # noqa: S608
            f"FROM {table} WHERE {column} >= %(since)s {condition} GROUP BY 2"
        )
    found: dict[tuple[str, int], int] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), {"bounds": bounds, "since": bounds[0]})
        for measure, month, count in cursor.fetchall():
            found[(measure, month)] = count
    counts = {
        measure: [found.get((measure, month), 0) for month in range(1, len(starts) + 1)]
        for measure, *_ in MEASURES
    }
    return starts, counts


def month_label(start: datetime.date) -> Month:
    """ "February 2026", in the reader's language (a chart's axis shows "Feb 2026")."""
    return Month(start)


def protected_months(counts: list[int]) -> list[int | str]:
    """A people measure's months as they may be shown: under 5 hidden, and all the months one group
    (their total may be known), so a single hidden month is never left to be worked out."""
    months = range(len(counts))
    shown = suppress_linked(dict(zip(months, counts, strict=True)), [months])
    return [shown[month] for month in months]


def figures() -> list[Figure]:
    starts, counts = monthly_counts()
    labels = [month_label(start) for start in starts]
    notes = {"so_far": gettext("%(month)s is counted so far.") % {"month": labels[-1]}}
    notes.update(hidden=HIDDEN_NOTE, gap=GAP_NOTE)
    month = gettext("Month")

    def single(key, title, heading, measure, unit, note):
        values = protected_months(counts[measure]) if measure in PEOPLE_MEASURES else counts[measure]
        rows = [[label, value] for label, value in zip(labels, values, strict=True)]
        return Figure(key, title, [month, heading], rows, chart="line", unit=unit, note=note)

    searches = Figure(
        "searches",
        gettext("Searches each month, and searches that found nothing"),
        [month, gettext("Searches"), gettext("Searches that found nothing")],
        [
            [label, total, nothing]
            for label, total, nothing in zip(labels, counts["searches"], counts["nothing_found"], strict=True)
        ],
        chart="line",
        unit="searches",
        note=gettext("Every search of the directory is counted, without who made it. %(so_far)s") % notes,
    )
    return [
        single(
            "published",
            gettext("New listings published each month"),
            gettext("New listings"),
            "published",
            "new listings",
            gettext(
                "Listings counted in the month they were first published, including any taken down since. "
                "%(so_far)s"
            )
            % notes,
        ),
        searches,
        single(
            "enquiries",
            gettext("Enquiries sent to providers each month"),
            gettext("Enquiries"),
            "enquiries",
            "enquiries",
            gettext(
                "Enquiries people sent to providers through Daywell. %(so_far)s Each enquiry is about one "
                "person, so numbers under 5 are hidden as they are for people: %(hidden)s %(gap)s"
            )
            % notes,
        ),
        single(
            "profiles",
            gettext("Profiles created each month"),
            gettext("Profiles"),
            "profiles",
            "profiles",
            gettext(
                "Profiles people made to describe what they want and need. %(so_far)s Each profile is one "
                "person. %(hidden)s %(gap)s"
            )
            % notes,
        ),
    ]
