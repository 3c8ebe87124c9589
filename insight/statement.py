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
from django.utils.translation import gettext, ngettext, pgettext

from . import supply as supply_page
from . import trends as trends_page
from .charts import number
from .demand import HIDDEN, SMALLEST_CELL, suppress
from .figures import Figure

# A single count of people (or of enquiries, each for one person) under SMALLEST_CELL is said as
# "fewer than 5" when it stands on its own: it adds up with nothing shown beside it, so saying how
# small it is gives nothing away.


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
        if self.enquiries == HIDDEN:
            return gettext("Fewer than %(smallest)s") % {"smallest": SMALLEST_CELL}
        return f"{self.enquiries:,}"


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
def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c", in the reader's language."""
    if len(items) <= 1:
        return "".join(items)
    return pgettext("the last two items of a list", "%(items)s and %(last)s") % {
        "items": pgettext("between items of a list", ", ").join(items[:-1]),
        "last": items[-1],
    }


def _number(count: int) -> str:
    return f"{count:,}"


def _share(part: int, whole: int) -> str:
    return f"{supply_page.share(part, whole):g}"


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
        ngettext(
            "There is %(count)s opportunity listed in the directory, in %(covered)s of the %(wards)s wards.",
            "There are %(count)s opportunities listed in the directory, in %(covered)s of the %(wards)s "
            "wards.",
            t.listed,
        )
        % {"count": _number(t.listed), "covered": covered, "wards": wards}
    ]
    if t.listed:
        most = [f"{name} ({count:,})" for count, name in by_ward[:3] if count]
        if most:
            sentences.append(
                gettext("The wards with the most opportunities are %(wards)s.") % {"wards": listing(most)}
            )
        empty = [name for count, name in by_ward if not count]
        fewest = [
            f"{name} ({count:,})" for count, name in sorted(by_ward, key=lambda c: (c[0], c[1])) if count
        ][:3]
        if empty:
            names = listing(empty[:5])
            if len(empty) > 5:
                more = len(empty) - 5
                names = ngettext("%(names)s and %(count)s more", "%(names)s and %(count)s more", more) % {
                    "names": names,
                    "count": more,
                }
            sentences.append(
                ngettext(
                    "%(count)s ward has no opportunity listed: %(names)s.",
                    "%(count)s wards have no opportunity listed: %(names)s.",
                    len(empty),
                )
                % {"count": _number(len(empty)), "names": names}
            )
        if fewest:
            sentences.append(
                gettext("Of the wards with any, those with the fewest are %(wards)s.")
                % {"wards": listing(fewest)}
            )
        interests = facts.counts.get("interest", {})
        interest = supply_page.by_interest(facts)
        if interest.rows and interests:
            top = [str(row[0]).lower() for row in interest.rows[:3] if row[1]]
            low = [f"{str(row[0]).lower()} ({row[1]:,})" for row in interest.rows[-3:]][::-1]
            if top:
                sentences.append(
                    gettext("Most opportunities are about %(most)s; fewest about %(fewest)s.")
                    % {"most": listing(top), "fewest": listing(low)}
                )
        direct, direct_share = supply_page.direct_payment_share(facts)
        sentences.append(
            gettext(
                "%(direct_share)s%% (%(direct)s) can be paid for with a direct payment, and %(free)s%% are "
                "free to go to."
            )
            % {
                "direct_share": f"{direct_share:g}",
                "direct": _number(direct),
                "free": _share(t.free, t.listed),
            }
        )
        sentences.append(
            gettext(
                "%(either)s%% happen on evenings or at weekends (%(evening)s%% evenings, %(weekend)s%% "
                "weekends); for %(arranged)s%% the days and times are agreed with each person."
            )
            % {
                "either": _share(t.evening_or_weekend, t.listed),
                "evening": _share(t.evening, t.listed),
                "weekend": _share(t.weekend, t.listed),
                "arranged": _share(t.by_arrangement, t.listed),
            }
        )
        sentences.append(
            gettext(
                "%(community)s%% are community-based and %(venue)s%% building-based (at a venue); "
                "%(community_only)s%% are never at a venue."
            )
            % {
                "community": _share(t.community, t.listed),
                "venue": _share(t.venue, t.listed),
                "community_only": _share(t.community_only, t.listed),
            }
        )
        coverage = supply_page.feature_coverage(facts)
        thin = sorted(coverage.rows, key=lambda row: (row[1], row[0]))[:3]
        if thin:
            words = [
                ngettext(
                    "%(feature)s (%(count)s of %(wards)s wards)",
                    "%(feature)s (%(count)s of %(wards)s wards)",
                    wards,
                )
                % {"feature": row[0], "count": row[1], "wards": wards}
                for row in thin
            ]
            sentences.append(
                gettext("The access and support features found in the fewest wards are %(features)s.")
                % {"features": listing(words)}
            )
        fresh = facts.freshness.get(0, 0)
        never = facts.freshness.get(-1, 0)
        if never:
            checked = ngettext(
                "%(share)s%% were checked by their provider in the last 3 months; %(never)s has never been "
                "checked.",
                "%(share)s%% were checked by their provider in the last 3 months; %(never)s have never been "
                "checked.",
                never,
            )
        else:
            checked = gettext("%(share)s%% were checked by their provider in the last 3 months.")
        sentences.append(checked % {"share": _share(fresh, t.listed), "never": _number(never)})
    return Section(gettext("What is on offer"), sentences, "supply")


def _demand(figure: FigureByKey | None) -> Section | None:
    if figure is None:
        return None
    sentences = []
    enjoy = _people_rows(figure("people-by-interest"))
    if enjoy:
        sentences.append(
            gettext("People with a profile most often say they enjoy %(things)s.")
            % {"things": _people(enjoy)}
        )
    needs = _people_rows(figure("people-by-need"))
    if needs:
        sentences.append(
            gettext("The access and support people most often need are %(needs)s.")
            % {"needs": _people(needs)}
        )
    searched = _people_rows(figure("searches-by-interest"))
    if searched:
        words = [
            ngettext("%(name)s (%(count)s search)", "%(name)s (%(count)s searches)", count)
            % {"name": name.lower(), "count": _number(count)}
            for name, count in searched
        ]
        sentences.append(gettext("People most often search for %(things)s.") % {"things": listing(words)})
    nothing = _people_rows(figure("searches-found-nothing"))
    if nothing:
        words = [f"“{name}” ({count:,})" for name, count in nothing]
        sentences.append(
            gettext("The searches that most often found nothing were %(searches)s.")
            % {"searches": listing(words)}
        )
    if not sentences:
        sentences.append(gettext("There are not yet enough profiles or searches to say what people ask for."))
    return Section(gettext("What people ask for"), sentences, "demand")


def _people(rows: list[tuple[str, int]]) -> str:
    """ "music and drama (6 people) and sport (5 people)"."""
    return listing(
        [
            ngettext("%(name)s (%(count)s person)", "%(name)s (%(count)s people)", count)
            % {"name": name.lower(), "count": _number(count)}
            for name, count in rows
        ]
    )


def _gaps(figure: FigureByKey | None) -> Section | None:
    if figure is None:
        return None
    sentences = []
    worst = figure("worst-gaps")
    if worst is not None and worst.rows:
        heading = gettext("Opportunities listed")
        offered = worst.columns.index(heading) if heading in worst.columns else None
        words = []
        for row in worst.rows[:5]:
            text = str(row[0])
            if offered is not None and number(row[offered]) is not None:
                listed = int(number(row[offered]))
                text = ngettext(
                    "%(gap)s (%(count)s opportunity listed)",
                    "%(gap)s (%(count)s opportunities listed)",
                    listed,
                ) % {"gap": text, "count": _number(listed)}
            words.append(text)
        sentences.append(
            gettext("The biggest gaps between what people ask for and what is listed are %(gaps)s.")
            % {"gaps": listing(words)}
        )
    elif worst is not None:
        sentences.append(gettext("There is not yet enough demand recorded to show gaps."))
    if not sentences:
        return None
    return Section(gettext("Where supply falls short"), sentences, "gaps")


def _trends() -> Section:
    starts, counts = trends_page.monthly_counts()
    searches = sum(counts["searches"])
    nothing = sum(counts["nothing_found"])
    published = sum(counts["published"])
    # The trends page protects the months of enquiries as one group with this total.
    enquiries = suppress(sum(counts["enquiries"]))
    published_words = ngettext(
        "%(count)s new listing was published", "%(count)s new listings were published", published
    ) % {"count": _number(published)}
    if enquiries == HIDDEN:
        enquiry_words = gettext("fewer than %(smallest)s enquiries were sent to providers") % {
            "smallest": SMALLEST_CELL
        }
    else:
        enquiry_words = ngettext(
            "%(count)s enquiry was sent to providers", "%(count)s enquiries were sent to providers", enquiries
        ) % {"count": _number(enquiries)}
    sentences = [
        ngettext(
            "In the last month, %(published)s and %(enquiries)s.",
            "In the last %(months)s months, %(published)s and %(enquiries)s.",
            len(starts),
        )
        % {"months": len(starts), "published": published_words, "enquiries": enquiry_words},
        ngettext(
            "People searched the directory %(count)s time; %(share)s%% of searches found nothing.",
            "People searched the directory %(count)s times; %(share)s%% of searches found nothing.",
            searches,
        )
        % {"count": _number(searches), "share": _share(nothing, searches)},
    ]
    if len(starts) >= 3:
        # The last two whole months (this month is not over yet).
        before, last = counts["searches"][-3], counts["searches"][-2]
        month = trends_page.month_label(starts[-2])
        if before:
            change = round(100 * (last - before) / before)
            if change > 0:
                words = gettext("%(change)s%% more than the month before") % {"change": abs(change)}
            elif change < 0:
                words = gettext("%(change)s%% fewer than the month before") % {"change": abs(change)}
            else:
                words = gettext("as many as the month before")
            sentences.append(
                ngettext(
                    "In %(month)s there was %(count)s search, %(change)s.",
                    "In %(month)s there were %(count)s searches, %(change)s.",
                    last,
                )
                % {"month": month, "count": _number(last), "change": words}
            )
    return Section(gettext("How things are changing"), sentences, "trends")
