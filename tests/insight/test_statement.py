"""The market position statement: plain sentences from every insight page, never a count of fewer
than 5 people, and still whole when a page it reads from is not there."""

import csv
import io

import pytest
from django.urls import reverse

from accounts.models import User
from citizens.models import CitizenProfile
from insight import pages, statement
from opportunities.models import Interest, PaymentRoute, SearchLog
from opportunities.search_index import opportunity_index_refresh
from places.models import Ward
from tests.factories import OpportunityFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    moseley, aston = Ward.objects.get(slug="moseley"), Ward.objects.get(slug="aston")
    direct = PaymentRoute.objects.get(slug="direct-payment")
    sport = Interest.objects.get(slug="sport")
    for n in range(3):
        listing = OpportunityFactory(venues=[VenueFactory(ward=moseley)], title=f"Moseley club {n}")
        listing.interests.set([sport])
        if n == 0:
            listing.payment_routes.set([direct])
    OpportunityFactory(venues=[VenueFactory(ward=aston)], title="Aston club", last_checked_on=None)
    opportunity_index_refresh()
    SearchLog.objects.bulk_create([SearchLog(result_count=0 if n < 2 else 4) for n in range(8)])


def people(count, interest_slug, ward_slug="moseley"):
    interest = Interest.objects.get(slug=interest_slug)
    for n in range(count):
        profile = CitizenProfile.objects.create(
            preferred_name=f"Person {n}", ward=Ward.objects.get(slug=ward_slug)
        )
        profile.interests.set([interest])


def sentences(made: statement.Statement) -> dict[str, list[str]]:
    return {section.title: section.sentences for section in made.sections}


def test_supply_is_summed_up_in_plain_sentences(directory):
    supply = sentences(statement.market_position())["What is on offer"]
    assert supply[0] == "There are 4 opportunities listed in the directory, in 2 of the 69 wards."
    assert "The wards with the most opportunities are Moseley (3) and Aston (1)." in supply
    assert any(
        s.startswith("67 wards have no opportunity listed: Acocks Green, Allens Cross,") for s in supply
    )
    assert any(s.endswith("and 62 more.") for s in supply)
    assert "25% (1) can be paid for with a direct payment, and 0% are free to go to." in supply
    assert "75% were checked by their provider in the last 3 months; 1 has never been checked." in supply


def test_trends_are_summed_up(directory):
    trends = sentences(statement.market_position())["How things are changing"]
    assert "People searched the directory 8 times; 25% of searches found nothing." in trends
    assert trends[0] == (
        "In the last 12 months, 4 new listings were published and fewer than 5 enquiries were sent to "
        "providers."
    )


def test_demand_names_only_groups_of_at_least_five_people(directory):
    people(6, "music-drama")
    people(4, "sport")  # too few to be named
    made = statement.market_position()
    demand = sentences(made)["What people ask for"]
    enjoy = next(s for s in demand if s.startswith("People with a profile most often say they enjoy"))
    assert "music and drama (6 people)" in enjoy
    assert "sport" not in enjoy.lower()
    everything = " ".join(s for section in made.sections for s in section.sentences)
    assert "4 people" not in everything


def test_the_statement_is_whole_without_the_demand_and_gaps_pages(directory, monkeypatch):
    monkeypatch.setattr(pages, "PAGES", {k: v for k, v in pages.PAGES.items() if k not in ("demand", "gaps")})
    titles = [section.title for section in statement.market_position().sections]
    assert titles == ["What is on offer", "How things are changing"]


def test_the_gaps_section_names_the_biggest_gaps_when_the_gaps_page_has_them(directory, monkeypatch):
    from insight.figures import Figure, Link

    gap = Figure(
        "worst-gaps", "Gaps", ["Interest and ward", "People with a profile", "Searches", "Opportunities listed",
                               "Gap score"],
        [[Link("Sport in Aston", "/search/"), 7, 3, 0, 10.0]], value_column=4,
    )  # fmt: skip
    monkeypatch.setitem(pages.PAGES, "gaps", pages.Page("Gaps", "", lambda: [gap]))
    gaps = sentences(statement.market_position())["Where supply falls short"]
    assert gaps == [
        "The biggest gaps between what people ask for and what is listed are Sport in Aston (0 opportunities listed)."
    ]


def test_the_statement_page_and_its_csv(client, directory):
    client.force_login(
        UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.COMMISSIONING])
    )
    response = client.get(reverse("insight:statement"))
    html = response.content.decode()
    assert "There are 4 opportunities listed in the directory, in 2 of the 69 wards." in html
    assert "Made on " in html
    assert "data-print hidden" in html  # the print button appears only where JavaScript can print
    assert reverse("insight:statement-csv") in html

    response = client.get(reverse("insight:statement-csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Section", "Finding"]
    assert [
        "What is on offer",
        "There are 4 opportunities listed in the directory, in 2 of the 69 wards.",
    ] in rows
