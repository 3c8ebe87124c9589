"""The market position statement: the headline findings of every insight page in plain sentences,
for providers and commissioners, on one printable page.

It reads the other pages' figures through the registry (`insight.pages.PAGES`) and by their keys,
working out only the figures it quotes; a page or a figure that is not there yet is simply left out.
Numbers of people come from the demand and gaps figures, which already hide cells under 5, and a
sentence about people names only rows with at least SMALLEST_CELL of them; the one count of
enquiries (each for one person) is hidden under 5 too, so no hidden number can be read back from
the statement either.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.utils import timezone

from . import supply as supply_page
from . import trends as trends_page
from .charts import number
from .demand import HIDDEN, SMALLEST_CELL, suppress
from .figures import Figure

# A single count of people (or of enquiries, each for one person) under SMALLEST_CELL, standing on
# its own: it adds up with nothing shown beside it, so saying how small it is gives nothing away.
FEWER = f"fewer than {SMALLEST_CELL}"


@dataclass
class Section:
    title: str
    sentences: list[str]
    page: str = ""  # the insight page with the detail


@dataclass
class Statement:
    sections: list[Section]
    figures: list[Figure] = field(default_factory=list)  # pictures shown with the sentences
    wards: int = 0


@dataclass
class Headlines:
    listed: int
    wards_covered: int
    wards: int
    searches: int  # in the last 30 days
    nothing_found: int
    enquiries: int | str  # in the last 30 days; HIDDEN when under SMALLEST_CELL (each is for one person)

    @property
    def enquiries_text(self) -> str:
        return FEWER.capitalize() if self.enquiries == HIDDEN else f"{self.enquiries:,}"


_HEADLINES_SQL = """
SELECT (SELECT count(*) FROM places_ward),
       (SELECT count(*) FROM opportunities_searchlog WHERE created_at >= %(since)s),
       (SELECT count(*) FROM opportunities_searchlog WHERE created_at >= %(since)s AND result_count = 0),
       (SELECT count(*) FROM citizens_enquiry WHERE sent_at >= %(since)s)
"""


def headlines() -> Headlines:
    """The few numbers for the insight front page and the workspace: listings from the search's
    in-memory copy, the last 30 days' searches and enquiries in one query."""
    cols = supply_page.listed_columns()
    covered = int(np.count_nonzero(cols.matrices["ward"].any(axis=0))) if cols.size else 0
    with connection.cursor() as cursor:
        cursor.execute(_HEADLINES_SQL, {"since": timezone.now() - datetime.timedelta(days=30)})
        wards, searches, nothing, enquiries = cursor.fetchone()
    return Headlines(cols.size, covered, wards, searches, nothing, suppress(enquiries))


# --- Words ---------------------------------------------------------------------------------------
def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# A page's figure by its key, or None; a page that is not there is None as a whole.
FigureByKey = Callable[[str], Figure | None]


def _people_rows(figure: Figure | None, limit: int = 3) -> list[tuple[str, int]]:
    """The first rows of a figure counting people, leaving out any row under SMALLEST_CELL (or hidden)."""
    if figure is None:
        return []
    found = []
    for row in figure.rows:
        value = number(row[figure.value_column]) if len(row) > figure.value_column else None
        if value is not None and value >= SMALLEST_CELL:
            found.append((str(row[0]), int(value)))
        if len(found) == limit:
            break
    return found


def _page(slug: str) -> FigureByKey | None:
    from .pages import PAGES

    page = PAGES.get(slug)
    return page.figure if page is not None else None


# --- The statement -------------------------------------------------------------------------------
def market_position() -> Statement:
    facts = supply_page.supply_facts()
    sections = [_supply(facts)]
    demand = _demand(_page("demand"))
    if demand:
        sections.append(demand)
    gaps = _gaps(_page("gaps"))
    if gaps:
        sections.append(gaps)
    sections.append(_trends())
    pictures = [supply_page.by_ward(facts), supply_page.by_interest(facts)]
    return Statement(sections, pictures, len(facts.wards))


def _supply(facts: supply_page.Supply) -> Section:
    t = facts.totals
    wards = len(facts.wards)
    ward_counts = facts.counts.get("ward", {})
    by_ward = sorted(
        ((ward_counts.get(pk, 0), name) for pk, name, _ in facts.wards), key=lambda c: (-c[0], c[1])
    )
    covered = sum(1 for count, _ in by_ward if count)
    sentences = [
        f"There are {plural(t.listed, 'opportunity', 'opportunities')} listed in the directory, "
        f"in {covered} of the {wards} wards."
    ]
    if t.listed:
        most = [f"{name} ({count:,})" for count, name in by_ward[:3] if count]
        if most:
            sentences.append(f"The wards with the most opportunities are {listing(most)}.")
        empty = [name for count, name in by_ward if not count]
        fewest = [
            f"{name} ({count:,})" for count, name in sorted(by_ward, key=lambda c: (c[0], c[1])) if count
        ][:3]
        if empty:
            names = listing(empty[:5]) + (f" and {len(empty) - 5} more" if len(empty) > 5 else "")
            sentences.append(
                f"{plural(len(empty), 'ward has', 'wards have')} no opportunity listed: {names}."
            )
        if fewest:
            sentences.append(f"Of the wards with any, those with the fewest are {listing(fewest)}.")
        interests = facts.counts.get("interest", {})
        interest = supply_page.by_interest(facts)
        if interest.rows and interests:
            top = [str(row[0]).lower() for row in interest.rows[:3] if row[1]]
            low = [f"{str(row[0]).lower()} ({row[1]:,})" for row in interest.rows[-3:]][::-1]
            if top:
                sentences.append(f"Most opportunities are about {listing(top)}; fewest about {listing(low)}.")
        direct, direct_share = supply_page.direct_payment_share(facts)
        sentences.append(
            f"{direct_share:g}% ({direct:,}) can be paid for with a direct payment, and "
            f"{supply_page.share(t.free, t.listed):g}% are free to go to."
        )
        evening, weekend = supply_page.share(t.evening, t.listed), supply_page.share(t.weekend, t.listed)
        sentences.append(
            f"{supply_page.share(t.evening_or_weekend, t.listed):g}% happen on evenings or at weekends "
            f"({evening:g}% evenings, {weekend:g}% weekends); for "
            f"{supply_page.share(t.by_arrangement, t.listed):g}% the days and times are agreed with each "
            "person."
        )
        sentences.append(
            f"{supply_page.share(t.community, t.listed):g}% are community-based and "
            f"{supply_page.share(t.venue, t.listed):g}% building-based (at a venue); "
            f"{supply_page.share(t.community_only, t.listed):g}% are never at a venue."
        )
        coverage = supply_page.feature_coverage(facts)
        thin = sorted(coverage.rows, key=lambda row: (row[1], row[0]))[:3]
        if thin:
            words = [f"{row[0]} ({row[1]} of {wards} wards)" for row in thin]
            sentences.append(
                f"The access and support features found in the fewest wards are {listing(words)}."
            )
        fresh = facts.freshness.get(0, 0)
        never = facts.freshness.get(-1, 0)
        sentences.append(
            f"{supply_page.share(fresh, t.listed):g}% were checked by their provider in the last 3 months"
            + (f"; {plural(never, 'has', 'have')} never been checked." if never else ".")
        )
    return Section("What is on offer", sentences, "supply")


def _demand(figure: FigureByKey | None) -> Section | None:
    if figure is None:
        return None
    sentences = []
    enjoy = _people_rows(figure("people-by-interest"))
    if enjoy:
        words = [f"{name.lower()} ({count:,} people)" for name, count in enjoy]
        sentences.append(f"People with a profile most often say they enjoy {listing(words)}.")
    needs = _people_rows(figure("people-by-need"))
    if needs:
        words = [f"{name.lower()} ({count:,} people)" for name, count in needs]
        sentences.append(f"The access and support people most often need are {listing(words)}.")
    searched = _people_rows(figure("searches-by-interest"))
    if searched:
        words = [f"{name.lower()} ({count:,} searches)" for name, count in searched]
        sentences.append(f"People most often search for {listing(words)}.")
    nothing = _people_rows(figure("searches-found-nothing"))
    if nothing:
        words = [f"“{name}” ({count:,})" for name, count in nothing]
        sentences.append(f"The searches that most often found nothing were {listing(words)}.")
    if not sentences:
        sentences.append("There are not yet enough profiles or searches to say what people ask for.")
    return Section("What people ask for", sentences, "demand")


def _gaps(figure: FigureByKey | None) -> Section | None:
    if figure is None:
        return None
    sentences = []
    worst = figure("worst-gaps")
    if worst is not None and worst.rows:
        offered = (
            worst.columns.index("Opportunities listed") if "Opportunities listed" in worst.columns else None
        )
        words = []
        for row in worst.rows[:5]:
            text = str(row[0])
            if offered is not None and number(row[offered]) is not None:
                text += f" ({plural(int(number(row[offered])), 'opportunity', 'opportunities')} listed)"
            words.append(text)
        sentences.append(
            f"The biggest gaps between what people ask for and what is listed are {listing(words)}."
        )
    elif worst is not None:
        sentences.append("There is not yet enough demand recorded to show gaps.")
    if not sentences:
        return None
    return Section("Where supply falls short", sentences, "gaps")


def _trends() -> Section:
    starts, counts = trends_page.monthly_counts()
    searches = sum(counts["searches"])
    nothing = sum(counts["nothing_found"])
    # The trends page protects the months of enquiries as one group with this total.
    enquiries = suppress(sum(counts["enquiries"]))
    sentences = [
        f"In the last {len(starts)} months, "
        f"{plural(sum(counts['published']), 'new listing was', 'new listings were')} published and "
        + (
            f"{FEWER} enquiries were"
            if enquiries == HIDDEN
            else plural(enquiries, "enquiry was", "enquiries were")
        )
        + " sent to providers.",
        f"People searched the directory {plural(searches, 'time')}; "
        f"{supply_page.share(nothing, searches):g}% of searches found nothing.",
    ]
    if len(starts) >= 3:
        # The last two whole months (this month is not over yet).
        before, last = counts["searches"][-3], counts["searches"][-2]
        month = trends_page.month_label(starts[-2])
        if before:
            change = round(100 * (last - before) / before)
            direction = "more" if change > 0 else "fewer"
            words = (
                f"{abs(change)}% {direction} than the month before"
                if change
                else "as many as the month before"
            )
            sentences.append(f"In {month} there were {plural(last, 'search', 'searches')}, {words}.")
    return Section("How things are changing", sentences, "trends")
