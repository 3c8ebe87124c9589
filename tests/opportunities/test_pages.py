import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from opportunities.models import Feature, Interest, Opportunity, PaymentRoute
from opportunities.search_index import opportunity_index_refresh
from tests.factories import CostFactory, OpportunityFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_home_page_offers_a_search_and_every_interest(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html
    for interest in Interest.objects.all():
        assert f"?interest={interest.slug}" in html
        assert interest.name in html


def test_published_opportunity_shows_everything_a_person_needs(client):
    venue = VenueFactory(name="Moseley Community Hall", postcode="B13 8JP")
    opportunity = OpportunityFactory(
        title="Tuesday allotment club",
        easy_read_summary="We grow food together.",
        venues=[venue],
        min_age=18,
        max_age=65,
    )
    opportunity.payment_routes.add(PaymentRoute.objects.get(slug="direct-payment"))
    opportunity.features.add(Feature.objects.get(slug="changing-places"))
    SessionFactory(opportunity=opportunity, weekday=1, start=datetime.time(10), end=datetime.time(12))
    CostFactory(opportunity=opportunity, amount=Decimal("18.00"))

    response = client.get(opportunity.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Tuesday allotment club",
        "We grow food together.",
        "Moseley Community Hall",
        "B13 8JP",
        "Moseley ward",
        "Tuesday",
        "10am",
        "£18 a session",
        "direct payment",
        "Changing Places toilet",
        "18 to 65",
        "Last checked by the provider on",
    ]:
        assert text in html, text


@pytest.mark.parametrize("status", [Opportunity.Status.DRAFT, Opportunity.Status.IN_REVIEW, "archived"])
def test_unpublished_opportunity_is_not_found_by_the_public(client, status):
    opportunity = OpportunityFactory(status=status)
    response = client.get(reverse("opportunities:detail", kwargs={"slug": opportunity.slug}))
    assert response.status_code == 404
    assert opportunity.title not in response.content.decode()
    assert "Page not found" in response.content.decode()


def test_unknown_opportunity_is_a_friendly_404(client):
    response = client.get("/opportunities/no-such-thing/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_browse_lists_only_published_opportunities(client):
    OpportunityFactory(title="Published pottery")
    OpportunityFactory(title="Draft drumming", status=Opportunity.Status.DRAFT)
    opportunity_index_refresh()
    response = client.get(reverse("opportunities:list"))
    html = response.content.decode()
    assert "Published pottery" in html
    assert "Draft drumming" not in html


def test_browse_by_interest_shortcut(client):
    gardening = OpportunityFactory(title="Veg growing")
    gardening.interests.add(Interest.objects.get(slug="nature-gardening"))
    OpportunityFactory(title="Chess club")
    opportunity_index_refresh()
    html = client.get(reverse("opportunities:list"), {"interest": "nature-gardening"}).content.decode()
    assert "Veg growing" in html
    assert "Chess club" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"interest": "no-such-interest"},
        {"q": "x" * 10_000},
        {"q": "'; DROP TABLE--"},
    ],
)
def test_browse_survives_bad_input(client, params):
    assert client.get(reverse("opportunities:list"), params).status_code == 200


@pytest.mark.parametrize("name", ["accessibility", "privacy", "cookies"])
def test_footer_pages_exist_and_are_linked_from_every_page(client, name):
    assert client.get(reverse(name)).status_code == 200
    assert f'href="{reverse(name)}"' in client.get("/").content.decode()


def test_server_error_page_says_nothing_is_lost(rf):
    from daywell.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Nothing you saved has been lost" in response.content.decode()


def test_the_crown_and_gds_transport_are_not_used(client):
    html = client.get("/").content.decode()
    for crown_class in ("govuk-logo", "govuk-header__logotype", "govuk-footer__crown", "govuk-crest"):
        assert crown_class not in html
    from django.conf import settings

    css = (settings.BASE_DIR / "static/css/daywell.css").read_text()
    assert "GDS Transport" not in css


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (10, 0, "10am"),
        (14, 30, "2:30pm"),
        (12, 0, "midday"),
        (0, 0, "midnight"),
        (12, 15, "12:15pm"),
        (9, 5, "9:05am"),
    ],
)
def test_times_are_written_the_gov_uk_way(hour, minute, expected):
    from opportunities.templatetags.daywell import clock

    assert clock(datetime.time(hour, minute)) == expected
