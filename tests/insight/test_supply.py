"""The supply page counts a small hand-built directory right, figure by figure."""

import datetime

import pytest
from django.utils import timezone

from insight import supply
from opportunities.models import AudienceGroup, Feature, Interest, Opportunity, PaymentRoute
from opportunities.search_index import opportunity_index_refresh
from places.models import Ward
from tests.factories import OpportunityFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db


def months_ago(months: int) -> datetime.date:
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(today.day, 28))


def session(listing, weekday, hour):
    SessionFactory(
        opportunity=listing, weekday=weekday, start=datetime.time(hour), end=datetime.time(hour + 1)
    )


@pytest.fixture
def directory():
    """Three listed opportunities, and four that must not count."""
    moseley, acocks = Ward.objects.get(slug="moseley"), Ward.objects.get(slug="acocks-green")
    sport, music = Interest.objects.get(slug="sport"), Interest.objects.get(slug="music-drama")
    changing_places = Feature.objects.get(slug="changing-places")
    direct = PaymentRoute.objects.get(slug="direct-payment")
    venue = VenueFactory(ward=moseley)
    venue.features.set([changing_places])

    # At a venue in Moseley, on Saturday mornings, by direct payment, checked today.
    football = OpportunityFactory(title="Walking football", venues=[venue])
    football.interests.set([sport])
    football.payment_routes.set([direct])
    football.audiences.set([AudienceGroup.objects.get(slug="older-people")])
    session(football, 5, 10)
    # Out in the community in Moseley and Acocks Green, Tuesday evenings, free, checked 4 months ago.
    choir = OpportunityFactory(title="Community choir", delivery=["community"], is_free=True,
                               last_checked_on=months_ago(4))  # fmt: skip
    choir.areas.set([moseley, acocks])
    choir.interests.set([music, sport])
    session(choir, 1, 18)
    # Online, days and times agreed with each person, no ward, never checked.
    online = OpportunityFactory(
        title="Online art", delivery=["online"], by_arrangement=True, last_checked_on=None
    )
    online.interests.set([music])

    # None of these is listed: a draft, one in review, one taken down and one hidden as stale.
    for status in (Opportunity.Status.DRAFT, Opportunity.Status.IN_REVIEW, Opportunity.Status.ARCHIVED):
        hidden = OpportunityFactory(status=status, venues=[venue], delivery=["community"], is_free=True)
        hidden.interests.set([sport])
        hidden.payment_routes.set([direct])
        session(hidden, 6, 19)
    stale = OpportunityFactory(
        venues=[venue], last_checked_on=months_ago(13), hidden_as_stale_on=months_ago(1)
    )
    stale.interests.set([sport])
    stale.payment_routes.set([direct])
    session(stale, 6, 19)
    opportunity_index_refresh()
    return {"moseley": moseley, "acocks": acocks}


def rows_of(figure):
    return {row[0]: row[1:] for row in figure.rows}


def figure(key):
    return next(f for f in supply.figures() if f.key == key)


def test_opportunities_are_counted_in_each_of_their_wards_and_a_listing_without_one_is_noted(directory):
    wards = figure("wards")
    rows = rows_of(wards)
    assert len(rows) == 69  # every ward, those with none too
    assert rows["Moseley"] == ["Birmingham Hall Green and Moseley", 2]
    assert rows["Acocks Green"][1] == 1
    assert rows["Aston"][1] == 0
    assert [row[0] for row in wards.rows[:2]] == ["Moseley", "Acocks Green"]  # most first
    assert wards.ward_values[directory["moseley"].pk] == 2
    assert wards.ward_values[directory["acocks"].pk] == 1
    assert "1 listed opportunity has no ward" in wards.note
    assert "67 of the 69 wards have none" in wards.note
    assert wards.chart == "map"


def test_constituencies_interests_and_audiences(directory):
    constituencies = rows_of(figure("constituencies"))
    assert constituencies["Hall Green and Moseley"] == [2]
    assert constituencies["Yardley"] == [1]  # Acocks Green
    assert constituencies["Ladywood"] == [0]
    interests = rows_of(figure("interests"))
    assert interests["Sport and fitness"] == [2]
    assert interests["Music and drama"] == [2]
    assert interests["Work"] == [0]
    assert len(interests) == Interest.objects.count()
    audiences = rows_of(figure("audiences"))
    assert audiences["Older people"] == [1]
    assert audiences["Carers"] == [0]


def test_payment_shares_count_direct_payments_and_free_listings(directory):
    payment = rows_of(figure("payment"))
    assert payment["Direct payment"] == [1, 33.3]
    assert payment["Paying for yourself"] == [0, 0.0]
    assert payment["Free to go to"] == [1, 33.3]
    facts = supply.supply_facts()
    assert supply.direct_payment_share(facts) == (1, 33.3)


def test_evenings_and_weekends_leave_times_agreed_with_each_person_on_their_own_line(directory):
    times = figure("times")
    rows = rows_of(times)
    assert rows["Evenings (a session starting at 5pm or later)"] == [1, 33.3]
    assert rows["Weekends (a session on Saturday or Sunday)"] == [1, 33.3]
    assert rows["Evenings or weekends"] == [2, 66.7]
    assert rows["Days and times agreed with each person"] == [1, 33.3]
    assert rows["No days or times given"] == [0, 0.0]
    assert times.unit == "%" and times.value_column == 2


def test_community_based_and_building_based(directory):
    rows = rows_of(figure("delivery"))
    assert rows["Building-based: at a venue"] == [1, 33.3]
    assert rows["Community-based: out in the community"] == [1, 33.3]
    assert rows["Community-based and never at a venue"] == [1, 33.3]
    assert rows["Online"] == [1, 33.3]
    assert rows["At home"] == [0, 0.0]


def test_feature_coverage_counts_wards_with_at_least_one_listing_with_the_feature(directory):
    features = figure("features")
    assert features.columns[1] == "Wards with at least one (of 69)"
    rows = rows_of(features)
    # The venue's Changing Places toilet counts for the listing there; the stale one does not add a ward.
    assert rows["Changing Places toilet"] == [1, 1.4, 1]
    assert rows["Hoist"] == [0, 0.0, 0]
    assert len(rows) == Feature.objects.count()


def test_freshness_bands_by_months_since_last_checked(directory):
    rows = rows_of(figure("freshness"))
    assert rows == {
        "0 to 2 months": [1],
        "3 to 5 months": [1],
        "6 to 8 months": [0],
        "9 to 11 months": [0],
        "12 months or more": [0],  # the one not checked for 13 months is hidden as stale
        "Never checked": [1],
    }


def test_freshness_counts_a_listing_a_year_old_that_is_not_hidden_yet():
    OpportunityFactory(last_checked_on=months_ago(14))
    OpportunityFactory(last_checked_on=months_ago(9))
    OpportunityFactory(
        last_checked_on=timezone.localdate() + datetime.timedelta(days=3)
    )  # a typo in the future
    opportunity_index_refresh()
    rows = rows_of(figure("freshness"))
    assert rows["12 months or more"] == [1]
    assert rows["9 to 11 months"] == [1]
    assert rows["0 to 2 months"] == [1]


def test_an_empty_directory_counts_nothing_without_failing():
    opportunity_index_refresh()
    figures = {f.key: f for f in supply.figures()}
    assert rows_of(figures["payment"])["Direct payment"] == [0, 0.0]
    assert all(row[2] == 0 for row in figures["wards"].rows)
