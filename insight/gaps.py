"""Gaps: where people ask for more than the directory offers, and what happens to enquiries.

Counts of people go through the demand page's protection (insight.demand.suppress_linked), so a
cell's number of people is the very number the demand page shows, hidden or not."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citizens.models import Enquiry
from opportunities import facets
from opportunities.search import index_version
from opportunities.terms import Terms, search_terms
from providers.models import Provider

from .demand import (
    HIDDEN,
    HIDDEN_NOTE,
    SEARCH_MONTHS,
    people_by_ward_interest,
    search_since,
    searches_by_ward_interest_counts,
    suppress_linked,
)
from .figures import Figure, Link

GAPS_SHOWN = 30


def gap_score(demand: int, supply: int) -> float:
    """Demand for each listed opportunity, counting one more than there are so that no supply at
    all is not a division by zero: 30 asking and none listed scores 30; 30 asking and 2 listed, 10."""
    return demand / (supply + 1)


def supply_by_ward_interest() -> dict[tuple[int, int], int]:
    """(ward id, interest id) -> listings shown in search in that ward with that interest (at a venue
    there or covering it), counted exactly as the search's ward and interest filters count them: on
    the search's in-memory copy of the listings (opportunities.facets), one small matrix product."""
    cols = facets.columns(index_version())
    by_pair = cols.weights["ward"].T @ cols.weights["interest"]  # (wards, interests); exact below 2**24
    return {
        (ward, interest): int(by_pair[w, i])
        for w, ward in enumerate(cols.value_ids["ward"])
        for i, interest in enumerate(cols.value_ids["interest"])
        if by_pair[w, i]
    }


def gap_search_url(ward_slug: str, interest_slug: str) -> str:
    """The public search for one interest in one ward: the listings counted as its supply."""
    return f"{reverse('opportunities:list')}?{urlencode([('interest', interest_slug), ('ward', ward_slug)])}"


def worst_gaps(terms: Terms, since) -> Figure:
    people = people_by_ward_interest(terms)
    searches = searches_by_ward_interest_counts(since)
    supply = supply_by_ward_interest()
    cells = []
    for ward in terms.wards:
        for interest in terms.interests:
            key = (ward.id, interest.id)
            shown_people = people[key]
            # A hidden number of people adds nothing, so neither the demand nor the order gives it away.
            demand = (shown_people if shown_people != HIDDEN else 0) + searches.get(key, 0)
            if demand == 0:
                continue
            offered = supply.get(key, 0)
            cells.append((gap_score(demand, offered), demand, ward, interest, shown_people, offered))
    cells.sort(key=lambda cell: (-cell[0], -cell[1], cell[2].name, cell[3].name))
    rows = [
        [
            Link(
                _("%(interest)s in %(ward)s") % {"interest": interest.name, "ward": ward.name},
                gap_search_url(ward.slug, interest.slug),
            ),
            shown_people,
            searches.get((ward.id, interest.id), 0),
            offered,
            round(score, 1),
        ]
        for score, _demand, ward, interest, shown_people, offered in cells[:GAPS_SHOWN]
    ]
    return Figure(
        key="worst-gaps",
        title=_("The biggest gaps: what people in a ward enjoy, against what is listed there"),
        columns=[
            _("Interest and ward"),
            _("People with a profile"),
            _("Searches"),
            _("Opportunities listed"),
            _("Gap score"),
        ],
        rows=rows,
        value_column=4,
        unit="gap score",
        note=(
            _(
                "Demand is the people whose profile says they enjoy it and live in the ward, plus the "
                "searches for it in the last %(SEARCH_MONTHS)s months from a postcode in the ward or for "
                "the ward. Supply is the listings shown in search that offer it in the ward (at a venue "
                "there or covering it). The gap score is the demand divided by one more than the listings: "
                "30 asking and nothing listed scores 30; 30 asking and 2 listings, 10. The %(GAPS_SHOWN)s "
                "biggest gaps are shown, each linked to the search that shows what is there now. People "
                "are counted only when there are at least 5; a hidden number adds nothing to the demand. "
                "%(HIDDEN_NOTE)s"
            )
            % {"SEARCH_MONTHS": SEARCH_MONTHS, "GAPS_SHOWN": GAPS_SHOWN, "HIDDEN_NOTE": HIDDEN_NOTE}
        ),
    )


ENQUIRY_COLUMNS = [
    (Enquiry.Status.SENT, gettext_lazy("Sent, no answer yet")),
    (Enquiry.Status.ANSWERED, gettext_lazy("Answered")),
    (Enquiry.Status.STARTING, gettext_lazy("Starting")),
    (Enquiry.Status.NOT_SUITABLE, gettext_lazy("Not suitable")),
]


def enquiries_by_outcome(since) -> Figure:
    raw = {
        (row["provider__kind"], row["status"]): row["n"]
        for row in Enquiry.objects.filter(sent_at__gte=since)
        .values("provider__kind", "status")
        .annotate(n=Count("id"))
        .order_by()
    }
    kinds = [kind for kind, _label in Provider.Kind.choices]
    statuses = [status for status, _label in ENQUIRY_COLUMNS]
    counts = {(kind, status): raw.get((kind, status), 0) for kind in kinds for status in statuses}
    # Enquiries are sent for people: a row's or a column's total may be known (to the provider, say),
    # so each row and each column is protected as a whole.
    groups = [[(kind, status) for status in statuses] for kind in kinds]
    groups += [[(kind, status) for kind in kinds] for status in statuses]
    shown = suppress_linked(counts, groups)
    rows = [
        [str(label), *(shown[(kind, status)] for status in statuses)] for kind, label in Provider.Kind.choices
    ]
    return Figure(
        key="enquiries-by-outcome",
        title=_("What happened to enquiries, by kind of provider"),
        columns=[_("Kind of provider"), *(str(label) for _status, label in ENQUIRY_COLUMNS)],
        rows=rows,
        chart="none",
        unit="enquiries",
        note=(
            _(
                "Enquiries sent through Daywell in the last %(SEARCH_MONTHS)s months, by where they stand "
                "now. Each enquiry is about one person, so numbers under 5 are hidden as they are for "
                "people: %(HIDDEN_NOTE)s"
            )
            % {"SEARCH_MONTHS": SEARCH_MONTHS, "HIDDEN_NOTE": HIDDEN_NOTE}
        ),
    )


# Each figure by its key, in the page's order: a figure's CSV and the statement work out only theirs.
BUILDERS: dict[str, Callable[[], Figure]] = {
    "worst-gaps": lambda: worst_gaps(search_terms(), search_since()),
    "enquiries-by-outcome": lambda: enquiries_by_outcome(search_since()),
}


def figures() -> list[Figure]:
    return [build() for build in BUILDERS.values()]


def figure(key: str) -> Figure | None:
    build = BUILDERS.get(key)
    return build() if build else None
