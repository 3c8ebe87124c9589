"""Search for this person: the public search started from their profile, kept out of addresses
and out of the anonymous search log."""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from citizens.models import ProfileAccess, ShortlistItem
from citizens.person_search import age_on, distance_for, free_times, profile_search
from citizens.services import carer_link_add, profile_create
from opportunities.models import AudienceGroup, Feature, Interest, PaymentRoute, SearchLog
from opportunities.search_index import opportunity_index_refresh
from opportunities.terms import search_terms
from places.models import Postcode
from tests.factories import (
    OpportunityFactory,
    ProviderMembershipFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

MOSELEY, CITY, SUTTON = "B13 8JP", "B1 1AA", "B72 1AB"
TUESDAY, THURSDAY = 1, 3
# What Jo's profile holds, as it would appear in an address.
SECRETS = ("B13", "b13", "step-free", "nature-gardening", "direct-payment", "postcode", "tue")


def listing(title, *, where=MOSELEY, interests=(), features=(), payments=("direct-payment",), weekday=TUESDAY,
            hour=10, **fields):  # fmt: skip
    row = Postcode.objects.get(postcode=where)
    venue = VenueFactory(
        name=f"{title} hall", postcode=where, ward=row.ward, latitude=row.latitude, longitude=row.longitude
    )
    opportunity = OpportunityFactory(title=title, venues=[venue], **fields)
    opportunity.interests.set(Interest.objects.filter(slug__in=interests))
    opportunity.features.set(Feature.objects.filter(slug__in=features))
    opportunity.payment_routes.set(PaymentRoute.objects.filter(slug__in=payments))
    SessionFactory(
        opportunity=opportunity, weekday=weekday, start=datetime.time(hour), end=datetime.time(hour + 2)
    )
    return opportunity


@pytest.fixture
def directory():
    made = {
        "allotment": listing("Allotment club", interests=["nature-gardening"], features=["step-free"]),
        "steps": listing("Garden with steps", interests=["nature-gardening"]),
        "far": listing("Sutton garden", where=SUTTON, interests=["nature-gardening"], features=["step-free"]),
        "choir": listing(
            "Evening choir", interests=["music-drama"], features=["step-free"], weekday=THURSDAY, hour=18
        ),
    }
    opportunity_index_refresh()
    return made


@pytest.fixture
def social_worker():
    return UserFactory(role=User.Role.SOCIAL_WORKER)


@pytest.fixture
def profile(social_worker):
    """Jo: lives in Moseley, will go 2 miles, loves gardening, needs step-free access, free on
    Tuesday mornings, has a weekly budget."""
    profile = profile_create(by=social_worker, preferred_name="Jo")
    profile.postcode = MOSELEY
    profile.travel_miles = Decimal("2")
    profile.free_slots = [TUESDAY * 3]
    profile.weekly_budget = Decimal("60.00")
    profile.date_of_birth = datetime.date(1990, 6, 1)
    profile.save()
    profile.interests.set(Interest.objects.filter(slug="nature-gardening"))
    profile.needs.set(Feature.objects.filter(slug="step-free"))
    return profile


@pytest.fixture
def signed_in(client, social_worker):
    client.force_login(social_worker)
    return client


def url(profile):
    return reverse("citizens:search", args=[profile.uuid])


def titles(response):
    assert response.status_code == 200
    return [card["title"] for card in response.context["cards"]]


class Addresses(HTMLParser):
    """Every address the page could send the browser to: links, form actions, frames, images."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "action", "formaction", "src") and value is not None:
                self.found.append(value)


def addresses(html: str) -> list[str]:
    parser = Addresses()
    parser.feed(html)
    return parser.found


def kept(client, profile) -> dict:
    return parse_qs(client.session["person_search"][str(profile.uuid)])


# --- Where the search starts -------------------------------------------------------------------
def test_the_search_starts_from_the_profile(signed_in, directory, profile):
    response = signed_in.get(url(profile))
    # Near Moseley, gardening, step-free, free on Tuesday mornings: not the garden with steps, not
    # the one in Sutton Coldfield, not the Thursday evening choir.
    assert titles(response) == ["Allotment club"]
    html = response.content.decode()
    assert "You are searching for Jo" in html
    assert "Within 2 miles of B13 8JP" in html
    assert "Step-free access" in html
    assert "Can be paid with a direct payment" in html
    data = response.context["form"].cleaned_data
    assert data["access"] == ["step-free"] and data["interest"] == ["nature-gardening"]
    assert (data["day"], data["time"], data["payment"]) == (["tue"], ["morning"], ["direct-payment"])
    assert data["age"] == age_on(datetime.date(1990, 6, 1), datetime.date.today())


def test_a_change_to_the_profile_shows_at_once_until_the_search_is_changed(signed_in, directory, profile):
    profile.needs.clear()
    assert titles(signed_in.get(url(profile))) == ["Allotment club", "Garden with steps"]


def test_the_address_never_carries_the_search(signed_in, directory, profile):
    # Filters put into the address are ignored: the search comes from the server.
    response = signed_in.get(url(profile), {"postcode": CITY, "interest": "music-drama", "access": "hoist"})
    assert titles(response) == ["Allotment club"]
    assert response.context["form"].data.get("postcode") == MOSELEY


def test_no_link_on_the_page_holds_the_persons_details(signed_in, directory, profile):
    signed_in.post(url(profile), {"postcode": MOSELEY, "distance": "2", "interest": "nature-gardening",
                                  "access": "step-free", "q": "zzzz"})  # fmt: skip
    for response in (signed_in.get(url(profile)), signed_in.post(url(profile), {"reset": "1"}, follow=True)):
        html = response.content.decode()
        found = addresses(html)
        assert found, "the page has links"
        for address in found:
            if address.startswith("/guidance/"):  # fixed information pages, e.g. /guidance/direct-payments/
                continue
            for secret in SECRETS:
                assert secret not in address, address
            if not address.startswith("mailto:"):  # the feedback link in the footer
                assert "?" not in address or re.search(r"\?page=\d+$", address), address
        # The same changes go by POST instead: the chip is a button in a form posting to the page.
        assert 'name="remove" value="access=step-free"' in html
        assert f'<form id="person-search-changes" method="post" action="{url(profile)}">' in html


def test_pages_of_results_carry_only_the_page_number(signed_in, directory, profile):
    for n in range(21):
        listing(f"Allotment {n:02d}", interests=["nature-gardening"], features=["step-free"])
    opportunity_index_refresh()
    response = signed_in.get(url(profile))
    assert response.context["result"].total == 22
    pages = response.context["pagination"]
    assert pages.next_url == "?page=2"
    assert [item[1] for item in pages.items] == ["?", "?page=2"]
    second = signed_in.get(url(profile), {"page": "2"})
    assert len(second.context["cards"]) == 2
    assert 'name="next" value="' + url(profile) + '?page=2"' in second.content.decode()
    # A page that no longer exists (the search changed) goes back to the first page.
    assert signed_in.get(url(profile), {"page": "9"}).url == url(profile)


# --- Changing the search -----------------------------------------------------------------------
def test_the_filter_form_posts_keeps_the_change_in_the_session_and_redirects(signed_in, directory, profile):
    html = signed_in.get(url(profile)).content.decode()
    assert f'<form method="post" action="{url(profile)}" novalidate>' in html
    response = signed_in.post(url(profile), {"postcode": MOSELEY, "distance": "5", "interest": "music-drama",
                                             "day": "thu", "csrfmiddlewaretoken": "x", "unknown": "1"})  # fmt: skip
    assert response.status_code == 303
    assert response.url == url(profile)
    assert kept(signed_in, profile) == {
        "postcode": [MOSELEY], "distance": ["5"], "interest": ["music-drama"], "day": ["thu"]}  # fmt: skip
    shown = signed_in.get(url(profile))
    assert titles(shown) == ["Evening choir"]
    assert "You have changed the search" in shown.content.decode()


def test_removing_a_filter(signed_in, directory, profile):
    response = signed_in.post(url(profile), {"remove": "access=step-free"})
    assert response.status_code == 303
    assert "access" not in kept(signed_in, profile)
    assert kept(signed_in, profile)["interest"] == ["nature-gardening"]
    assert titles(signed_in.get(url(profile))) == ["Allotment club", "Garden with steps"]
    # The postcode's chip takes the distance with it.
    signed_in.post(url(profile), {"remove": "postcode=&distance="})
    assert titles(signed_in.get(url(profile))) == ["Allotment club", "Garden with steps", "Sutton garden"]


def test_clearing_everything_and_starting_again_from_the_profile(signed_in, directory, profile):
    assert signed_in.post(url(profile), {"clear": "1"}).status_code == 303
    assert kept(signed_in, profile) == {}
    assert len(titles(signed_in.get(url(profile)))) == 4
    assert signed_in.post(url(profile), {"reset": "1"}).status_code == 303
    assert str(profile.uuid) not in signed_in.session["person_search"]
    shown = signed_in.get(url(profile))
    assert titles(shown) == ["Allotment club"]
    assert "Start again from Jo’s profile" not in shown.content.decode()  # nothing to start again from


def test_nothing_found_offers_the_filter_to_remove_as_a_button(signed_in, directory, profile):
    signed_in.post(url(profile), {"remove": "day=tue"})
    signed_in.post(url(profile), {"set": "day=sun"})
    response = signed_in.get(url(profile))
    assert response.context["result"].total == 0
    html = response.content.decode()
    assert "Nothing matches all of your choices" in html
    assert 'name="remove" value="day=&amp;time="' in html
    signed_in.post(url(profile), {"remove": "day=&time="})
    assert titles(signed_in.get(url(profile))) == ["Allotment club"]


def test_a_misspelling_is_corrected_by_a_button(signed_in, directory, profile):
    signed_in.post(url(profile), {"clear": "1"})
    signed_in.post(url(profile), {"q": "allotmnet"})
    response = signed_in.get(url(profile))
    assert response.context["spelling"].word == "allotment"
    assert 'name="set" value="q=allotment"' in response.content.decode()
    signed_in.post(url(profile), {"set": "q=allotment"})
    assert kept(signed_in, profile) == {"q": ["allotment"]}
    assert titles(signed_in.get(url(profile)))[0] == "Allotment club"  # the word in its title


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"postcode": "XX"}, "Enter a real postcode, like B13 8JP, or the first part, like B13", "postcode"),
        ({"max_cost": "abc"}, "The most you want to pay must be an amount in pounds, like 10", "max_cost"),
        ({"age": "old"}, "Age must be a whole number of years, like 34", "age"),
        ({"distance": "3"}, "Enter a postcode to search by distance", "postcode"),
        ({"set": "postcode=zz99"}, "Enter a real postcode", "postcode"),
    ],
)
def test_bad_input_gets_an_error_message_and_changes_nothing(signed_in, directory, profile, change, message,
                                                             field):  # fmt: skip
    response = signed_in.post(url(profile), {"interest": "nature-gardening", **change})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem with your search" in html
    assert f'<li><a href="#{field}">{message}' in html
    assert f'id="{field}-error"' in html
    assert html.count("<title>Error: ") == 1
    assert "person_search" not in signed_in.session  # nothing kept
    # The shown form is a view of the profile, and logged as one.
    assert profile.accesses.first().action == ProfileAccess.Action.VIEWED


def test_a_person_search_is_never_in_the_search_log(signed_in, directory, profile):
    signed_in.get(url(profile))
    signed_in.post(url(profile), {"postcode": MOSELEY, "interest": "sport"}, follow=True)
    signed_in.post(url(profile), {"postcode": "XX"})
    assert not SearchLog.objects.exists()
    signed_in.get(reverse("opportunities:list"))  # the public search still is
    assert SearchLog.objects.count() == 1


# --- Who may search for the person -------------------------------------------------------------
def test_each_look_is_in_the_persons_access_log(signed_in, directory, profile, social_worker):
    signed_in.get(url(profile))
    entry = profile.accesses.first()
    assert (entry.user, entry.action, entry.detail) == (
        social_worker, ProfileAccess.Action.VIEWED, "search for the person")  # fmt: skip


@pytest.mark.parametrize("who", ["other_social_worker", "unlinked_carer", "provider", "officer", "citizen"])
def test_anyone_else_gets_not_found(client, directory, profile, who):
    user = {
        "other_social_worker": lambda: UserFactory(role=User.Role.SOCIAL_WORKER),
        "unlinked_carer": lambda: UserFactory(role=User.Role.CARER),
        "provider": lambda: ProviderMembershipFactory().user,
        "officer": lambda: UserFactory(role=User.Role.COUNCIL_OFFICER, is_staff=True, is_superuser=True),
        "citizen": lambda: UserFactory(role=User.Role.CITIZEN),
    }[who]()
    client.force_login(user)
    before = profile.accesses.count()
    assert client.get(url(profile)).status_code == 404
    assert client.post(url(profile), {"interest": "sport"}).status_code == 404
    assert "person_search" not in client.session
    assert profile.accesses.count() == before


def test_the_person_and_their_linked_carer_may_search(client, directory, profile, social_worker):
    carer = UserFactory(role=User.Role.CARER)
    carer_link_add(profile=profile, carer=carer, by=social_worker, consent_given_by="Jo",
                   consent_method="in_person", consent_given_on=datetime.date(2026, 1, 5))  # fmt: skip
    person = UserFactory(role=User.Role.CITIZEN)
    profile.person = person
    profile.save()
    for user in (carer, person):
        client.force_login(user)
        assert titles(client.get(url(profile))) == ["Allotment club"]


def test_signed_out_visitors_are_asked_to_sign_in(client, profile):
    for response in (client.get(url(profile)), client.post(url(profile), {"clear": "1"})):
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:sign-in"))


# --- The shortlist -----------------------------------------------------------------------------
def test_each_result_can_go_on_the_shortlist_or_says_it_is_there(signed_in, directory, profile):
    signed_in.post(url(profile), {"remove": "access=step-free"})
    ShortlistItem.objects.create(profile=profile, opportunity=directory["steps"])
    html = signed_in.get(url(profile)).content.decode()
    action = reverse("citizens:shortlist-add", args=[profile.uuid])
    assert f'<form id="shortlist-add" method="post" action="{action}">' in html
    assert f'<input type="hidden" name="next" value="{url(profile)}">' in html
    assert f'form="shortlist-add" name="opportunity" value="{directory["allotment"].id}"' in html
    assert f'name="opportunity" value="{directory["steps"].id}"' not in html
    assert html.count("On Jo’s shortlist") == 1


# --- Cost ---------------------------------------------------------------------------------------
def test_the_page_costs_a_few_queries_whatever_the_number_of_results(signed_in, directory, profile):
    signed_in.get(url(profile))  # warm the reference-data cache
    with CaptureQueriesContext(connection) as few:
        signed_in.get(url(profile))
    ShortlistItem.objects.create(profile=profile, opportunity=directory["allotment"])
    for n in range(25):
        listing(f"Allotment {n:02d}", interests=["nature-gardening"], features=["step-free"])
    opportunity_index_refresh()
    signed_in.get(url(profile))  # the first search after a change reloads the in-memory copy
    with CaptureQueriesContext(connection) as many:
        response = signed_in.get(url(profile))
    assert len(response.context["cards"]) == 20
    assert len(many) == len(few)
    assert len(many) <= 14, [q["sql"][:80] for q in many.captured_queries]


# --- From profile to search parameters ---------------------------------------------------------
@pytest.mark.parametrize(
    ("miles", "distance"),
    [(None, ""), ("0", "1"), ("1", "1"), ("1.5", "2"), ("3", "3"), ("4", "5"), ("10", "10"), ("25", "10")],
)
def test_the_distance_is_the_nearest_offered_that_goes_far_enough(miles, distance):
    assert distance_for(None if miles is None else Decimal(miles)) == distance


def test_free_times_become_days_and_times_with_a_warning_when_wider(social_worker):
    terms = search_terms()
    profile = profile_create(by=social_worker, preferred_name="Sam")
    profile.free_slots = [TUESDAY * 3, THURSDAY * 3 + 1]  # Tuesday morning, Thursday afternoon
    found = profile_search(profile, terms)
    assert found.params == [("day", "tue"), ("day", "thu"), ("time", "morning"), ("time", "afternoon")]
    assert ("Free", "Tuesday morning; Thursday afternoon") in found.used
    assert "Sam is not free at all of them" in found.note

    profile.free_slots = [TUESDAY * 3, TUESDAY * 3 + 1, THURSDAY * 3, THURSDAY * 3 + 1]
    found = profile_search(profile, terms)
    assert ("Free", "Tuesday morning and afternoon; Thursday morning and afternoon") in found.used
    assert found.note == ""

    profile.free_slots = [day * 3 for day in range(7)]  # every morning: no need to name the days
    assert profile_search(profile, terms).params == [("time", "morning")]
    profile.free_slots = list(range(21))
    assert profile_search(profile, terms).params == []


def test_who_they_are_and_their_age_and_an_empty_profile(social_worker):
    terms = search_terms()
    profile = profile_create(by=social_worker, preferred_name="Sam")
    assert profile_search(profile, terms).params == []
    profile.audiences.set(AudienceGroup.objects.filter(slug="autism"))
    profile.date_of_birth = datetime.date(2000, 3, 15)
    found = profile_search(profile, terms, today=datetime.date(2026, 3, 14))
    assert found.params == [("group", "autism"), ("age", "25")]
    assert free_times([20, 0]) == "Monday morning; Sunday evening"


def test_an_empty_profile_says_so(signed_in, directory, social_worker):
    profile = profile_create(by=social_worker, preferred_name="Sam")
    response = signed_in.get(url(profile))
    assert len(titles(response)) == 4
    assert "does not yet say where they live" in response.content.decode()
