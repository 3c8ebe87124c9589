"""Review findings on commissioning insight (issue 7): each test fails while its defect is there."""

import csv
import io
import re

import pytest

from accounts.models import User
from citizens.models import CitizenProfile, Enquiry
from insight import charts, demand, supply, trends
from insight.demand import HIDDEN, SMALLEST_CELL
from opportunities.models import Feature, Interest
from opportunities.search_index import opportunity_index_refresh
from opportunities.terms import search_terms, search_terms_forget
from places.models import Ward
from tests.factories import OpportunityFactory, UserFactory, VenueFactory
from tests.insight.test_demand import people

pytestmark = pytest.mark.django_db


def commissioner(client):
    client.force_login(
        UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.COMMISSIONING])
    )
    return client


def small(value) -> bool:
    """A number of people (or enquiries) that must not be shown: 1 to 4."""
    return isinstance(value, int) and 0 < value < SMALLEST_CELL


# --- Disclosure --------------------------------------------------------------------------------------
def test_profiles_created_each_month_hide_counts_under_5(client):
    """Profiles are people: a month with 2 new profiles must not show "2" (trends table, chart, CSV)."""
    CitizenProfile.objects.create(preferred_name="Sam")
    CitizenProfile.objects.create(preferred_name="Alex")
    profiles = next(f for f in trends.figures() if f.key == "profiles")
    assert not any(small(row[1]) for row in profiles.rows), profiles.rows[-3:]
    commissioner(client)
    rows = list(csv.reader(io.StringIO(client.get("/council/insight/trends/profiles.csv").content.decode())))
    assert not any(row[1] in {"1", "2", "3", "4"} for row in rows[1:])


def test_enquiries_are_hidden_under_5_in_trends_headlines_and_statement_as_on_the_gaps_page(client):
    """gaps.enquiries_by_outcome hides enquiry counts under 5 ("each enquiry is about one person"),
    but trends (per month), the insight front page and the statement print them as they are."""
    listing = OpportunityFactory()
    for _ in range(2):
        Enquiry.objects.create(opportunity=listing, provider=listing.provider, message="Hello")
    enquiries = next(f for f in trends.figures() if f.key == "enquiries")
    assert not any(small(row[1]) for row in enquiries.rows), enquiries.rows[-2:]
    commissioner(client)
    home = client.get("/council/insight/").content.decode()
    assert not re.search(r'dw-headlines__number">2</span> enquiries', home)
    statement = client.get("/council/insight/statement/").content.decode()
    assert "2 enquiries were sent" not in statement


def test_free_time_any_time_that_day_does_not_give_away_a_hidden_part_of_the_day():
    """6 people are free on Monday mornings only and 2 on Monday afternoons only. The table shows
    Morning 6 and "Any time that day" 8, so 8 - 6 = 2 people free on Monday but not in the morning:
    a hidden number read back by subtraction."""
    people(6, free_slots=[0])  # Monday morning
    people(2, free_slots=[1])  # Monday afternoon
    fig = demand.people_by_free_time()
    monday = fig.rows[0]
    assert monday[0] == "Monday"
    parts, any_time = monday[1:4], monday[4]
    if isinstance(any_time, int):
        for part in parts:
            if isinstance(part, int):
                assert not (0 < any_time - part < SMALLEST_CELL), monday


# --- Wrong numbers --------------------------------------------------------------------------------------
def test_people_map_does_not_call_a_hidden_ward_zero(client):
    """The people-by-ward map draws a hidden ward (here 3 people, or a ward hidden to protect another)
    as 0 in the ward's <title> and in the "None" shade, while the table beside it says "hidden"."""
    people(3, ward="moseley")
    people(9, ward="ladywood")
    people(8, ward="acocks-green")
    fig = demand.people_by_ward(search_terms())
    moseley = Ward.objects.get(slug="moseley").name
    assert {row[0]: row[1] for row in fig.rows}[moseley] == HIDDEN
    svg = str(charts.render(fig))
    title = re.search(rf"<title>{re.escape(moseley)}: ([^<]*)</title>", svg)
    assert title is not None
    assert title.group(1) != "0", "a hidden ward is labelled 0 people on the map"


def test_feature_coverage_counts_only_wards_whose_venue_has_the_feature():
    """One listing at two venues: Moseley's has a Changing Places toilet, Acocks Green's does not.
    Only Moseley has a listing "at a venue that has one" (the figure's own note), but the coverage
    is worked out per listing, so Acocks Green is counted as having a Changing Places toilet."""
    moseley, acocks = Ward.objects.get(slug="moseley"), Ward.objects.get(slug="acocks-green")
    changing_places = Feature.objects.get(slug="changing-places")
    with_toilet, without = VenueFactory(ward=moseley), VenueFactory(ward=acocks)
    with_toilet.features.set([changing_places])
    OpportunityFactory(venues=[with_toilet, without])
    opportunity_index_refresh()
    fig = supply.feature_coverage(supply.supply_facts())
    row = next(row for row in fig.rows if row[0] == changing_places.name)
    assert row[1] == 1, f"{row[1]} wards counted as having a {changing_places.name}"


# --- CSV ------------------------------------------------------------------------------------------------
def test_csv_headings_are_guarded_against_formulas_too(client):
    """Interest names are column headings of "people by ward and what they enjoy"; the heading row
    of every CSV is written without the formula guard the cells get."""
    Interest.objects.filter(slug="sport").update(name='=HYPERLINK("http://example.com","Sport")')
    search_terms_forget()
    commissioner(client)
    response = client.get("/council/insight/demand/people-by-ward-and-interest.csv")
    assert response.status_code == 200
    head = next(csv.reader(io.StringIO(response.content.decode())))
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in head), head


# --- Added with the fixes ----------------------------------------------------------------------------
def test_any_time_that_day_is_hidden_when_the_parts_shown_would_give_a_small_number_away():
    people(5, free_slots=[0, 1])  # Monday morning and afternoon
    people(6, free_slots=[2])  # Monday evening: nothing small can be worked out, "any time" is shown
    people(5, free_slots=[3, 4, 5])  # Tuesday, all day
    people(2, free_slots=[3, 4])  # Tuesday: any time 7 - evening 5 = 2 free but not in the evening
    people(5, free_slots=[6])  # Wednesday: each part on its own...
    people(5, free_slots=[7])
    people(5, free_slots=[8])
    people(2, free_slots=[6, 7])  # ... but the parts add up to 2 more than any time
    rows = {row[0]: row[1:] for row in demand.people_by_free_time().rows}
    assert rows["Monday"] == [5, 5, 6, 11]
    assert rows["Tuesday"] == [7, 7, 5, HIDDEN]
    assert rows["Wednesday"] == [7, 7, 5, HIDDEN]
    assert "not the parts added up" in demand.people_by_free_time().note


def test_a_listings_own_feature_counts_in_every_ward_it_is_in_and_a_venues_only_in_its_own():
    moseley, acocks = Ward.objects.get(slug="moseley"), Ward.objects.get(slug="acocks-green")
    ladywood = Ward.objects.get(slug="ladywood")
    support, loop = Feature.objects.get(slug="changing-places"), Feature.objects.get(slug="hearing-loop")
    venue = VenueFactory(ward=moseley)
    venue.features.set([loop])
    listing = OpportunityFactory(venues=[venue])
    listing.features.set([support])  # offered by the listing itself
    listing.areas.set([acocks])  # and it comes to people in Acocks Green
    OpportunityFactory(venues=[VenueFactory(ward=ladywood)], status="draft").features.set([support])
    opportunity_index_refresh()
    facts = supply.supply_facts()
    assert facts.coverage[support.pk] == 2  # Moseley and Acocks Green; not the draft's Ladywood
    assert facts.coverage[loop.pk] == 1  # only at the Moseley venue


def test_the_front_page_says_fewer_than_5_enquiries(client):
    listing = OpportunityFactory()
    Enquiry.objects.create(opportunity=listing, provider=listing.provider, message="Hello")
    home = commissioner(client).get("/council/insight/").content.decode()
    assert 'dw-headlines__number">Fewer than 5</span> enquiries sent in the last 30 days' in home
