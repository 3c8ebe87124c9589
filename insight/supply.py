"""Supply: what the directory offers now.

Counted over listed opportunities (published and shown in search: not hidden for going a year
without a check), from the search's own in-memory copy of their facts (opportunities/facets.py:
each listing's wards, interests, features, times and so on, as numpy arrays), so the counts are
exactly what a search finds and take milliseconds at 100,000 listings. Two things are not in that
copy: how long ago each listing was checked (one grouped query), and which wards have a feature at
a venue there (the copy merges a listing's venues: `feature_wards` reads the link tables).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

from opportunities import facets
from opportunities.models import AudienceGroup, Feature, Interest, Opportunity, PaymentRoute
from opportunities.search import index_version
from places.models import Constituency, Ward

from .figures import Figure

DIRECT_PAYMENT = "direct-payment"
FRESHNESS_BANDS = [
    gettext_lazy("0 to 2 months"),
    gettext_lazy("3 to 5 months"),
    gettext_lazy("6 to 8 months"),
    gettext_lazy("9 to 11 months"),
    gettext_lazy("12 months or more"),
]
NEVER_CHECKED = gettext_lazy("Never checked")
# Our names for the search's array facets.
FACTS = {
    "ward": "ward",
    "constituency": "constituency",
    "interest": "interest",
    "audience": "group",
    "payment": "payment",
    "feature": "access",
}

# Months since the last check, in bands of three; -1 for never checked. Counted by date first (a
# few hundred dates, from the partial index opportunity_listed_checked alone), then banded.
_FRESHNESS_SQL = """
SELECT CASE WHEN last_checked_on IS NULL THEN -1
            ELSE least(4, greatest(0, (extract(year FROM age(%(today)s, last_checked_on)) * 12
                                       + extract(month FROM age(%(today)s, last_checked_on)))::int / 3))
       END AS band, sum(listings)::int
FROM (SELECT last_checked_on, count(*) AS listings FROM opportunities_opportunity
      WHERE status = 'published' AND hidden_as_stale_on IS NULL GROUP BY last_checked_on) AS checked
GROUP BY band
"""


@dataclass
class Totals:
    listed: int
    no_ward: int
    evening: int
    weekend: int
    evening_or_weekend: int
    by_arrangement: int
    no_times: int
    venue: int
    community: int
    community_only: int
    home: int
    online: int
    free: int


@dataclass
class Supply:
    """Everything the supply page counts."""

    totals: Totals
    counts: dict[str, dict[int, int]]  # fact -> value id -> listings
    coverage: dict[int, int]  # feature id -> wards with at least one listing with it
    freshness: dict[int, int]  # band (-1 never) -> listings
    wards: list[tuple[int, str, str]]  # (id, name, constituency name)


def share(part: int, whole: int) -> float:
    """A percentage to one decimal place (0 when there is nothing to share)."""
    return round(100 * part / whole, 1) if whole else 0.0


def listed_columns() -> facets.Columns:
    """The search's in-memory copy of every listed opportunity (loaded once per index version)."""
    return facets.columns(index_version())


def _totals(cols: facets.Columns) -> Totals:
    slots = cols.slots  # (listings, weekday, part of day)
    # Search gives a listing whose days and times are agreed with each person every slot; no
    # real timetable has a session in all 21 (every morning, afternoon and evening of the week).
    arranged = slots.all(axis=(1, 2))
    timed = ~arranged
    evening = slots[:, :, 2].any(axis=1) & timed  # a session starting at 5pm or later
    weekend = slots[:, 5:7, :].any(axis=(1, 2)) & timed
    delivery = {mode: cols.delivery[:, i] for i, mode in enumerate(facets.DELIVERY_VALUES)}

    def count(mask: np.ndarray) -> int:
        return int(np.count_nonzero(mask))

    return Totals(
        listed=cols.size,
        no_ward=count(~cols.matrices["ward"].any(axis=1)) if cols.size else 0,
        evening=count(evening),
        weekend=count(weekend),
        evening_or_weekend=count(evening | weekend),
        by_arrangement=count(arranged),
        no_times=count(~slots.any(axis=(1, 2))),
        venue=count(delivery["venue"]),
        community=count(delivery["community"]),
        community_only=count(delivery["community"] & ~delivery["venue"]),
        home=count(delivery["home"]),
        online=count(delivery["online"]),
        free=count(cols.free),
    )


def supply_facts(today: datetime.date | None = None) -> Supply:
    today = today or timezone.localdate()
    cols = listed_columns()
    counts = {}
    for fact, facet in FACTS.items():
        totals = facets.column_counts(cols.weights[facet], None)
        counts[fact] = {
            value: int(round(float(n))) for value, n in zip(cols.value_ids[facet], totals, strict=True)
        }
    with connection.cursor() as cursor:
        cursor.execute(_FRESHNESS_SQL, {"today": today})
        freshness = dict(cursor.fetchall())
    wards = list(Ward.objects.order_by("name").values_list("pk", "name", "constituency__name"))
    return Supply(_totals(cols), counts, feature_wards(cols), freshness, wards)


# --- Features by ward --------------------------------------------------------------------------
# The search's copy merges the features of all of a listing's venues, so a listing with a Changing
# Places toilet at one venue would count in the wards of all its venues. Here a venue's features
# count only in the venue's own ward, and a listing's own features (its support, say) go with it to
# every ward it is in (its venues' and the wards it covers, as in search). Three flat reads of link
# tables (never the wide opportunity table) and two matrix operations; kept per index version,
# which every change to a listing, its venues or their features moves on.
_FEATURE_LINKS_SQL = [
    "SELECT array_agg(opportunity_id), array_agg(feature_id) FROM opportunities_opportunity_features",
    "SELECT array_agg(opportunity_id), array_agg(venue_id) FROM opportunities_opportunity_venues",
    """SELECT array_agg(vf.venue_id), array_agg(vf.feature_id), array_agg(v.ward_id)
       FROM providers_venue_features vf JOIN providers_venue v ON v.id = vf.venue_id
       WHERE v.ward_id IS NOT NULL""",
]
_feature_wards: tuple[str, dict[int, int]] | None = None


def feature_wards(cols: facets.Columns) -> dict[int, int]:
    """Feature id -> how many wards have a listed opportunity with that feature there."""
    global _feature_wards
    cached = _feature_wards
    if cached is not None and cached[0] == cols.version:
        return cached[1]
    with connection.cursor() as cursor:
        links = []
        for sql in _FEATURE_LINKS_SQL:
            cursor.execute(sql)
            links.append([np.array(column or [], dtype=np.int64) for column in cursor.fetchone()])
    (own_listing, own_feature), (used_listing, used_venue), (venue, venue_feature, venue_ward) = links
    features = np.array(cols.value_ids["access"], dtype=np.int64)
    wards = np.array(cols.value_ids["ward"], dtype=np.int64)
    # The listing's own features, over the listing's wards: (features, wards) from one product.
    # (A feature or ward made since the copy was loaded is left out, as search leaves it out.)
    rows, listed = cols.positions(own_listing)
    known = np.isin(own_feature[listed], features)
    own = np.zeros((cols.size, len(features)), dtype=np.float32)
    own[rows[known], np.searchsorted(features, own_feature[listed][known])] = 1
    found = (own.T @ cols.weights["ward"]) > 0
    # Each venue a listed opportunity uses: its features, in its ward.
    _, listed = cols.positions(used_listing)
    at_used = np.isin(venue, np.unique(used_venue[listed]))
    at_used &= np.isin(venue_feature, features) & np.isin(venue_ward, wards)
    at_features = np.searchsorted(features, venue_feature[at_used])
    found[at_features, np.searchsorted(wards, venue_ward[at_used])] = True
    coverage = dict(zip(features.tolist(), np.count_nonzero(found, axis=1).tolist(), strict=True))
    _feature_wards = (cols.version, coverage)
    return coverage


def figures() -> list[Figure]:
    facts = supply_facts()
    return [
        by_ward(facts),
        by_constituency(facts),
        by_interest(facts),
        by_audience(facts),
        by_payment(facts),
        by_time(facts),
        by_place(facts),
        feature_coverage(facts),
        freshness(facts),
    ]


def _ranked(rows: list[list]) -> list[list]:
    """Most first, then by name."""
    return sorted(rows, key=lambda row: (-row[-1], row[0]))


def by_ward(facts: Supply) -> Figure:
    counts = facts.counts.get("ward", {})
    rows = _ranked([[name, constituency, counts.get(pk, 0)] for pk, name, constituency in facts.wards])
    empty = sum(1 for row in rows if row[2] == 0)
    note = ngettext(
        "A listing counts in the ward of each of its venues and in each ward it says it comes to people in, "
        "so a listing can count in more than one ward. %(count)s listed opportunity has no ward (online "
        "only, or with no venue or area), so not on the map.",
        "A listing counts in the ward of each of its venues and in each ward it says it comes to people in, "
        "so a listing can count in more than one ward. %(count)s listed opportunities have no ward (online "
        "only, or with no venue or area), so not on the map.",
        facts.totals.no_ward,
    ) % {"count": f"{facts.totals.no_ward:,}"}
    if empty:
        none = ngettext(
            "%(empty)s of the %(wards)s wards has none.", "%(empty)s of the %(wards)s wards have none.", empty
        )
        note += " " + none % {"empty": empty, "wards": len(rows)}
    return Figure(
        "wards",
        gettext("Opportunities in each ward"),
        [gettext("Ward"), gettext("Constituency"), gettext("Opportunities")],
        rows,
        chart="map",
        value_column=2,
        unit="opportunities",
        note=note,
        ward_values={pk: counts.get(pk, 0) for pk, _, _ in facts.wards},
    )


def by_constituency(facts: Supply) -> Figure:
    counts = facts.counts.get("constituency", {})
    rows = _ranked([[c.short_name, counts.get(c.pk, 0)] for c in Constituency.objects.all()])
    return Figure(
        "constituencies",
        gettext("Opportunities in each constituency"),
        [gettext("Constituency"), gettext("Opportunities")],
        rows,
        unit="opportunities",
        note=gettext("A listing counts in each constituency its wards are in."),
    )


def by_interest(facts: Supply) -> Figure:
    counts = facts.counts.get("interest", {})
    rows = _ranked([[name, counts.get(pk, 0)] for pk, name in Interest.objects.values_list("pk", "name")])
    return Figure(
        "interests",
        gettext("Opportunities for each interest"),
        [gettext("Interest"), gettext("Opportunities")],
        rows,
        unit="opportunities",
        note=gettext(
            "A listing can be about more than one interest, so these add up to more than the listings."
        ),
    )


def by_audience(facts: Supply) -> Figure:
    counts = facts.counts.get("audience", {})
    rows = _ranked(
        [[name, counts.get(pk, 0)] for pk, name in AudienceGroup.objects.values_list("pk", "name")]
    )
    return Figure(
        "audiences",
        gettext("Who opportunities are for"),
        [gettext("Who it is for"), gettext("Opportunities")],
        rows,
        unit="opportunities",
        note=gettext(
            "Listings that say they are for particular groups of people. A listing can name several groups, "
            "or none if it is for everyone."
        ),
    )


def by_payment(facts: Supply) -> Figure:
    counts = facts.counts.get("payment", {})
    listed = facts.totals.listed
    rows = [
        [name, counts.get(pk, 0), share(counts.get(pk, 0), listed)]
        for pk, name in PaymentRoute.objects.values_list("pk", "name")
    ]
    rows.append([gettext("Free to go to"), facts.totals.free, share(facts.totals.free, listed)])
    return Figure(
        "payment",
        gettext("How opportunities can be paid for"),
        [
            gettext("How it can be paid for"),
            gettext("Opportunities"),
            gettext("Share of listed opportunities (%)"),
        ],
        rows,
        value_column=2,
        unit="%",
        note=ngettext(
            "Out of %(listed)s listed opportunity. “Direct payment” counts the listings whose provider takes "
            "payment from a person's direct payment. A listing can take several kinds of payment.",
            "Out of %(listed)s listed opportunities. “Direct payment” counts the listings whose provider "
            "takes payment from a person's direct payment. A listing can take several kinds of payment.",
            listed,
        )
        % {"listed": f"{listed:,}"},
    )


def direct_payment_share(facts: Supply) -> tuple[int, float]:
    direct = PaymentRoute.objects.filter(slug=DIRECT_PAYMENT).values_list("pk", flat=True).first()
    count = facts.counts.get("payment", {}).get(direct, 0)
    return count, share(count, facts.totals.listed)


def by_time(facts: Supply) -> Figure:
    t = facts.totals
    rows = [
        [gettext("Evenings (a session starting at 5pm or later)"), t.evening, share(t.evening, t.listed)],
        [gettext("Weekends (a session on Saturday or Sunday)"), t.weekend, share(t.weekend, t.listed)],
        [gettext("Evenings or weekends"), t.evening_or_weekend, share(t.evening_or_weekend, t.listed)],
        [
            gettext("Days and times agreed with each person"),
            t.by_arrangement,
            share(t.by_arrangement, t.listed),
        ],
        [gettext("No days or times given"), t.no_times, share(t.no_times, t.listed)],
    ]
    return Figure(
        "times",
        gettext("Opportunities on evenings and weekends"),
        [gettext("When"), gettext("Opportunities"), gettext("Share of listed opportunities (%)")],
        rows,
        value_column=2,
        unit="%",
        note=ngettext(
            "Out of %(listed)s listed opportunity, from their weekly sessions. Listings whose days and times "
            "are agreed with each person are counted on their own line, not as evenings or weekends.",
            "Out of %(listed)s listed opportunities, from their weekly sessions. Listings whose days and "
            "times are agreed with each person are counted on their own line, not as evenings or weekends.",
            t.listed,
        )
        % {"listed": f"{t.listed:,}"},
    )


def by_place(facts: Supply) -> Figure:
    t = facts.totals
    labels = dict(Opportunity.Delivery.choices)
    rows = [
        [gettext("Building-based: at a venue"), t.venue, share(t.venue, t.listed)],
        [gettext("Community-based: out in the community"), t.community, share(t.community, t.listed)],
        [
            gettext("Community-based and never at a venue"),
            t.community_only,
            share(t.community_only, t.listed),
        ],
        [str(labels["home"]), t.home, share(t.home, t.listed)],
        [str(labels["online"]), t.online, share(t.online, t.listed)],
    ]
    return Figure(
        "delivery",
        gettext("Community-based and building-based opportunities"),
        [gettext("Where it happens"), gettext("Opportunities"), gettext("Share of listed opportunities (%)")],
        rows,
        value_column=2,
        unit="%",
        note=gettext(
            "Building-based means it happens at a venue, such as a day centre, hall or workplace. "
            "Community-based means it happens out in the community, such as parks, shops, cafés and leisure "
            "centres, rather than in one building. A listing can be both, so the shares can add up to over "
            "100%."
        ),
    )


def feature_coverage(facts: Supply) -> Figure:
    wards = len(facts.wards)
    counts = facts.counts.get("feature", {})
    rows = [
        [name, facts.coverage.get(pk, 0), share(facts.coverage.get(pk, 0), wards), counts.get(pk, 0)]
        for pk, name in Feature.objects.values_list("pk", "name")
    ]
    return Figure(
        "features",
        gettext("Wards with access and support features"),
        [
            gettext("Access or support"),
            gettext("Wards with at least one (of %(wards)s)") % {"wards": wards},
            gettext("Share of wards (%)"),
            gettext("Opportunities"),
        ],
        rows,
        value_column=2,
        unit="%",
        note=gettext(
            "For each feature, how many of the %(wards)s wards have at least one listed opportunity with "
            "it there. A venue's features count only in the venue's own ward; what a listing offers itself "
            "(its support, for example) counts in every ward it is in, at its venues or coming to people. "
            "For example, a ward without a Changing Places toilet has no listing at a venue there that has "
            "one. “Opportunities” counts the listings with the feature, from the listing or any of its "
            "venues."
        )
        % {"wards": wards},
    )


def freshness(facts: Supply) -> Figure:
    rows = [[str(label), facts.freshness.get(band, 0)] for band, label in enumerate(FRESHNESS_BANDS)]
    rows.append([str(NEVER_CHECKED), facts.freshness.get(-1, 0)])
    return Figure(
        "freshness",
        gettext("How long since listings were last checked"),
        [gettext("Months since the provider last checked it"), gettext("Opportunities")],
        rows,
        unit="opportunities",
        note=gettext(
            "Providers are asked to check their listings every few months. Listings not checked for a year "
            "are hidden from search and are not counted here."
        ),
    )
