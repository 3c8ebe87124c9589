"""Suggestions for a person: the must-have rules, the ranking, the reasons in words, the empty
case, the page, and a fixed number of queries whatever the size of the directory."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from citizens.models import ProfileAccess, ShortlistItem
from citizens.services import profile_create
from citizens.suggestions import profile_suggestions, slots_words
from opportunities.models import AudienceGroup, Feature, Interest, Opportunity, PaymentRoute
from opportunities.search_index import opportunity_index_refresh
from places.models import Postcode, Ward
from providers.models import Provider
from tests.factories import (
    CostFactory,
    OpportunityFactory,
    ProviderFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

HOME = "B13 8JP"  # Moseley
MILES_PER_DEGREE_OF_LATITUDE = 69.09
TUESDAY, WEDNESDAY, THURSDAY, SATURDAY = 1, 2, 3, 5
MORNING, AFTERNOON = 0, 1
TODAY = datetime.date(2026, 11, 23)


def home():
    return Postcode.objects.select_related("ward").get(postcode=HOME)


def listing(title, *, north=0.0, where=HOME, interests=(), features=(), groups=(), payments=(), sessions=(),
            cost=None, areas=(), provider=None, **fields):  # fmt: skip
    """A published listing whose venue is `north` miles due north of the person's home (or none)."""
    venues = []
    if where:
        at = Postcode.objects.select_related("ward").get(postcode=where)
        venues = [
            VenueFactory(
                name=f"{title} venue", postcode=where, ward=at.ward,
                latitude=at.latitude + north / MILES_PER_DEGREE_OF_LATITUDE, longitude=at.longitude,
            )
        ]  # fmt: skip
    opportunity = OpportunityFactory(
        title=title, venues=venues, provider=provider or ProviderFactory(), **fields
    )
    opportunity.interests.set(Interest.objects.filter(slug__in=interests))
    opportunity.features.set(Feature.objects.filter(slug__in=features))
    opportunity.audiences.set(AudienceGroup.objects.filter(slug__in=groups))
    opportunity.payment_routes.set(PaymentRoute.objects.filter(slug__in=payments))
    opportunity.areas.set(Ward.objects.filter(slug__in=areas))
    for weekday, start, end in sessions:
        SessionFactory(
            opportunity=opportunity, weekday=weekday, start=datetime.time(start), end=datetime.time(end)
        )
    if cost is not None:
        CostFactory(opportunity=opportunity, amount=Decimal(cost))
    return opportunity


@pytest.fixture
def worker():
    return UserFactory(role=User.Role.SOCIAL_WORKER)


@pytest.fixture
def sam(worker):
    """Sam: enjoys gardening and cooking, must have step-free access and an accessible toilet,
    free on Tuesday and Thursday mornings and Saturday afternoons, travels up to 3 miles, has £40 a week."""
    profile = profile_create(by=worker, preferred_name="Sam")
    profile.postcode = HOME
    profile.ward = home().ward
    profile.date_of_birth = datetime.date(1992, 5, 4)  # 34 on TODAY
    profile.travel_miles = Decimal("3.0")
    profile.weekly_budget = Decimal("40.00")
    profile.free_slots = [TUESDAY * 3 + MORNING, THURSDAY * 3 + MORNING, SATURDAY * 3 + AFTERNOON]
    profile.save()
    profile.interests.set(Interest.objects.filter(slug__in=["nature-gardening", "cooking-food"]))
    profile.needs.set(Feature.objects.filter(slug__in=["step-free", "accessible-toilet"]))
    profile.audiences.set(AudienceGroup.objects.filter(slug="learning-disability"))
    return profile


NEEDS = ["step-free", "accessible-toilet"]


def suggested(profile, **kwargs):
    return profile_suggestions(profile=profile, today=TODAY, **kwargs)


def titles(profile):
    return [item.opportunity.title for item in suggested(profile).items]


# --- Must-haves ----------------------------------------------------------------------------------
def test_a_listing_missing_one_need_never_appears_however_well_it_fits(sam):
    listing("Perfect but no accessible toilet", north=0.2, interests=["nature-gardening", "cooking-food"],
            features=["step-free"], groups=["learning-disability"], payments=["direct-payment"],
            sessions=[(TUESDAY, 10, 12), (THURSDAY, 10, 12)], is_free=True)  # fmt: skip
    listing("Plain but accessible", north=2.5, features=NEEDS)
    opportunity_index_refresh()
    assert titles(sam) == ["Plain but accessible"]


def test_a_need_met_by_the_venue_counts(sam):
    club = listing("Garden club", features=["step-free"])
    club.venues.get().features.set(Feature.objects.filter(slug="accessible-toilet"))
    opportunity_index_refresh()
    assert titles(sam) == ["Garden club"]


def test_distance_keeps_what_is_near_online_or_comes_to_the_person(sam):
    pa = ProviderFactory(kind=Provider.Kind.PERSONAL_ASSISTANT)
    listing("Near", north=2.9, features=NEEDS)
    listing("Too far", north=3.2, features=NEEDS)
    listing("Online far away", north=8, features=NEEDS, delivery=["venue", "online"])
    listing("Comes to Moseley", where=None, features=NEEDS, areas=["moseley"], provider=pa,
            delivery=["community", "home"], by_arrangement=True)  # fmt: skip
    listing("Comes to Erdington only", where=None, features=NEEDS, areas=["erdington"], provider=pa,
            delivery=["community", "home"], by_arrangement=True)  # fmt: skip
    opportunity_index_refresh()
    found = {item.opportunity.title: item.reasons for item in suggested(sam).items}
    assert set(found) == {"Near", "Online far away", "Comes to Moseley"}
    assert "2.9 miles away" in found["Near"]
    assert "Online, so no travel is needed" in found["Online far away"]
    assert "Comes to Sam in Moseley" in found["Comes to Moseley"]
    assert "Days and times agreed with Sam, to fit when Sam is free" in found["Comes to Moseley"]

    sam.travel_miles = Decimal("10")
    sam.save()
    assert "Too far" in titles(sam)


def test_the_weekly_budget_leaves_out_what_costs_more_a_session(sam):
    listing("Costs more than the week", features=NEEDS, cost="40.01")
    listing("Costs the whole week", features=NEEDS, cost="40.00")
    listing("Free", features=NEEDS, is_free=True)
    opportunity_index_refresh()
    assert sorted(titles(sam)) == ["Costs the whole week", "Free"]

    sam.weekly_budget = None
    sam.save()
    assert "Costs more than the week" in titles(sam)


def test_the_persons_age_must_be_allowed(sam):
    listing("Over 50s", features=NEEDS, min_age=50)
    listing("18 to 40", features=NEEDS, min_age=18, max_age=40)
    opportunity_index_refresh()
    assert titles(sam) == ["18 to 40"]


# --- Ranking -------------------------------------------------------------------------------------
def test_an_interest_match_outranks_everything_else(sam):
    # The other one is nearer, free, taking people, made for Sam and at Sam's free times.
    listing("Bowls", north=0.1, features=NEEDS, interests=["sport"], is_free=True, groups=["learning-disability"],
            sessions=[(TUESDAY, 10, 12), (THURSDAY, 10, 12)])  # fmt: skip
    listing("Allotment", north=2.8, features=NEEDS, interests=["nature-gardening"], cost="30",
            vacancies=Opportunity.Vacancies.NO)  # fmt: skip
    listing("Allotment and kitchen", north=2.8, features=NEEDS, interests=["nature-gardening", "cooking-food"],
            cost="30", vacancies=Opportunity.Vacancies.NO)  # fmt: skip
    opportunity_index_refresh()
    assert titles(sam) == ["Allotment and kitchen", "Allotment", "Bowls"]


def test_free_times_and_nearness_break_ties(sam):
    listing(
        "Far, wrong day",
        north=2.5,
        features=NEEDS,
        interests=["cooking-food"],
        sessions=[(WEDNESDAY, 10, 12)],
    )
    listing(
        "Far, right day", north=2.5, features=NEEDS, interests=["cooking-food"], sessions=[(TUESDAY, 10, 12)]
    )
    listing(
        "Near, wrong day",
        north=0.2,
        features=NEEDS,
        interests=["cooking-food"],
        sessions=[(WEDNESDAY, 10, 12)],
    )
    opportunity_index_refresh()
    assert titles(sam) == ["Far, right day", "Near, wrong day", "Far, wrong day"]


def test_only_the_best_twenty_are_shown(sam):
    for number in range(25):
        listing(f"Club {number:02d}", north=number / 10, features=NEEDS)
    opportunity_index_refresh()
    found = suggested(sam)
    assert found.fitting == 25
    assert [item.opportunity.title for item in found.items] == [f"Club {n:02d}" for n in range(20)]


# --- Reasons -------------------------------------------------------------------------------------
@pytest.fixture
def allotment():
    made = listing(
        "Allotment club", north=1.2, interests=["nature-gardening", "cooking-food", "socialising"],
        features=NEEDS, groups=["learning-disability", "older-people"], payments=["direct-payment"],
        sessions=[(TUESDAY, 10, 12), (THURSDAY, 10, 12), (WEDNESDAY, 14, 16)], cost="18",
    )  # fmt: skip
    opportunity_index_refresh()
    return made


def test_the_reasons_in_words(sam, allotment):
    (item,) = suggested(sam).items
    assert item.reasons == [
        "Matches Sam’s interests: nature and gardening, cooking and food",
        "Tuesday and Thursday mornings, when Sam is free",
        "1.2 miles away",
        "Meets all of Sam’s access needs",
        "£18 a session, within Sam’s weekly budget of £40: can be paid with a direct payment",
        "Made for people with a learning disability",
        "Taking new people now",
    ]


def test_the_reasons_speak_to_the_person_reading_their_own(sam, allotment):
    (item,) = suggested(sam, you=True).items
    assert item.reasons[:5] == [
        "Matches your interests: nature and gardening, cooking and food",
        "Tuesday and Thursday mornings, when you are free",
        "1.2 miles away",
        "Meets all of your access needs",
        "£18 a session, within your weekly budget of £40: can be paid with a direct payment",
    ]


def test_reasons_for_a_free_listing_without_a_budget_or_needs(sam):
    sam.weekly_budget = None
    sam.save()
    sam.needs.clear()
    listing(
        "Lunch club", north=0.6, interests=["cooking-food"], is_free=True, vacancies=Opportunity.Vacancies.NO
    )
    listing("Pottery", north=1.0, cost="6.50", payments=["direct-payment"])
    opportunity_index_refresh()
    lunch, pottery = suggested(sam).items
    assert lunch.reasons == ["Matches Sam’s interests: cooking and food", "0.6 miles away", "Free"]
    assert pottery.reasons == ["1 mile away", "£6.50 a session", "Taking new people now"]


@pytest.mark.parametrize(
    ("slots", "words"),
    [([3, 9], "Tuesday and Thursday mornings"), ([1, 4, 7, 10, 13], "Weekday afternoons"),
     ([2, 5, 8, 11, 14, 17, 20], "Every evening"), ([15, 18], "Weekend mornings"),
     ([0, 1, 14], "Monday mornings and afternoons; Friday evenings"),
     ([0, 6, 12], "Monday, Wednesday and Friday mornings")],
)  # fmt: skip
def test_free_times_in_plain_words(slots, words):
    assert slots_words(slots) == words


# --- Nothing fits --------------------------------------------------------------------------------
def test_when_nothing_fits_it_says_why_and_what_would_help(sam):
    listing("Near, no toilet", north=1, features=["step-free"])
    listing("Far, has everything", north=6, features=NEEDS)
    opportunity_index_refresh()
    found = suggested(sam)
    assert found.items == []
    assert found.empty_message == "No listing within 3 miles of Sam’s home meets all of Sam’s access needs."
    assert found.tips == [
        "Try a longer distance: 1 listing further away would fit.",
        "Check each of Sam’s access needs is a must-have: without “Accessible toilet”, 1 listing would fit.",
    ]


def test_nothing_fits_and_no_travel_distance_is_given(client, worker, sam):
    sam.travel_miles = None
    sam.save()
    listing("Near, no toilet", north=1, features=["step-free"])
    opportunity_index_refresh()
    assert suggested(sam).empty_message == "No listing meets all of Sam’s access needs."
    client.force_login(worker)
    assert client.get(reverse("citizens:suggestions", args=[sam.uuid])).status_code == 200


def test_one_mile_is_one_mile(sam):
    sam.travel_miles = Decimal("1")
    sam.save()
    listing("Two miles off", north=2, features=NEEDS)
    opportunity_index_refresh()
    assert suggested(sam).empty_message == "Nothing is listed within 1 mile of Sam’s home."


def test_the_empty_page_links_to_the_profile(client, worker, sam):
    listing("Far, has everything", north=6, features=NEEDS)
    opportunity_index_refresh()
    client.force_login(worker)
    response = client.get(reverse("citizens:suggestions", args=[sam.uuid]))
    page = response.content.decode()
    # Every listing meets Sam's needs, so only the distance is named.
    assert "Nothing is listed within 3 miles of Sam’s home." in page
    assert "Try a longer distance: 1 listing further away would fit." in page
    assert f'href="{reverse("citizens:profile", args=[sam.uuid])}">Change Sam’s profile</a>' in page


def test_an_empty_directory(sam):
    opportunity_index_refresh()
    assert suggested(sam).empty_message == "There is nothing listed yet."


# --- The page ------------------------------------------------------------------------------------
def test_the_page_lists_suggestions_with_reasons_and_shortlist_buttons(client, worker, sam, allotment):
    other = listing("Cookery class", north=0.5, interests=["cooking-food"], features=NEEDS)
    ShortlistItem.objects.create(profile=sam, opportunity=other, added_by=worker)
    opportunity_index_refresh()
    client.force_login(worker)
    url = reverse("citizens:suggestions", args=[sam.uuid])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Suggestions for Sam" in page
    assert f'href="{allotment.get_absolute_url()}">Allotment club</a>' in page
    assert "Tuesday and Thursday mornings, when Sam is free" in page
    assert f'action="{reverse("citizens:shortlist-add", args=[sam.uuid])}"' in page
    assert f'name="opportunity" value="{allotment.id}"' in page
    assert f'name="next" value="{url}"' in page
    assert 'Add<span class="govuk-visually-hidden"> Allotment club</span> to Sam’s shortlist' in page
    # Already on the shortlist: marked, and no second button.
    assert f'name="opportunity" value="{other.id}"' not in page
    assert "On Sam’s shortlist" in page
    assert sam.accesses.filter(action=ProfileAccess.Action.VIEWED, detail="suggestions", user=worker).exists()


def test_the_person_reads_you(client, sam, allotment):
    person = UserFactory(role=User.Role.CITIZEN)
    sam.person = person
    sam.save()
    client.force_login(person)
    page = client.get(reverse("citizens:suggestions", args=[sam.uuid])).content.decode()
    assert "Suggestions for you" in page
    assert "Tuesday and Thursday mornings, when you are free" in page
    assert "to your shortlist" in page
    content = page.split('class="govuk-grid-column-three-quarters"')[1]
    assert "Sam" not in content


def test_nobody_else_sees_the_suggestions(client, sam, allotment):
    client.force_login(UserFactory(role=User.Role.SOCIAL_WORKER))
    assert client.get(reverse("citizens:suggestions", args=[sam.uuid])).status_code == 404
    client.logout()
    assert client.get(reverse("citizens:suggestions", args=[sam.uuid])).status_code == 302


def test_a_bare_profile_says_what_would_help(client, worker):
    bare = profile_create(by=worker, preferred_name="Ali")
    listing("Anything", features=NEEDS)
    opportunity_index_refresh()
    found = suggested(bare)
    assert [item.opportunity.title for item in found.items] == ["Anything"]
    assert found.missing == [
        "what Ali enjoys",
        "Ali’s postcode, to find things nearby",
        "the days and times Ali is free",
    ]


# --- Queries -------------------------------------------------------------------------------------
def queries_for(profile) -> int:
    suggested(profile)  # a new index version: load the columns and terms once, as every process does
    with CaptureQueriesContext(connection) as queries:
        found = suggested(profile)
    assert found.items
    return len(queries.captured_queries)


def test_the_same_few_queries_for_3_or_40_listings(client, worker, sam):
    for number in range(3):
        listing(f"Club {number}", north=number / 10, features=NEEDS, interests=["cooking-food"], cost="5",
                sessions=[(TUESDAY, 10, 12)], payments=["direct-payment"])  # fmt: skip
    opportunity_index_refresh()
    small = queries_for(sam)
    client.force_login(worker)
    url = reverse("citizens:suggestions", args=[sam.uuid])
    client.get(url)
    with CaptureQueriesContext(connection) as page_small:
        client.get(url)

    for number in range(3, 40):
        listing(f"Club {number}", north=number / 20, features=NEEDS, interests=["cooking-food"], cost="5",
                sessions=[(TUESDAY, 10, 12)], payments=["direct-payment"])  # fmt: skip
    opportunity_index_refresh()
    large = queries_for(sam)
    client.get(url)
    with CaptureQueriesContext(connection) as page_large:
        client.get(url)

    # The index version, the profile's facts, the postcode, the top rows.
    assert small == large == 4
    assert len(page_small.captured_queries) == len(page_large.captured_queries)
