"""The commissioning insight pages in a real browser: the front page, supply, trends and the market
position statement have no axe-core WCAG 2.2 AA violation and reflow at 320 px wide."""

import datetime

import pytest
from playwright.sync_api import expect

from accounts.models import User
from opportunities.models import Feature, Interest, SearchLog
from opportunities.search_index import opportunity_index_refresh
from places.models import Ward
from tests.browser.conftest import assert_accessible
from tests.browser.test_open_data import assert_reflows, sign_in
from tests.factories import OpportunityFactory, SessionFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.browser


def a_small_directory():
    interests = list(Interest.objects.order_by("position")[:3])
    changing_places = Feature.objects.get(slug="changing-places")
    for n, ward in enumerate(Ward.objects.order_by("name")[:6]):
        venue = VenueFactory(ward=ward)
        for i in range(n + 1):
            listing = OpportunityFactory(venues=[venue], title=f"Club {n}-{i}")
            listing.interests.set(interests[: 1 + i % 3])
            if n % 2:
                listing.features.set([changing_places])
            start = 18 if n % 3 else 10
            SessionFactory(
                opportunity=listing,
                weekday=5 if i % 2 else 1,
                start=datetime.time(start),
                end=datetime.time(start + 2),
            )
    opportunity_index_refresh()
    SearchLog.objects.bulk_create([SearchLog(result_count=n % 4, filters={}) for n in range(12)])


def test_the_insight_pages_are_accessible_and_reflow(page):
    a_small_directory()
    commissioner = UserFactory(
        email="commissioner@example.org",
        role=User.Role.COUNCIL_OFFICER,
        officer_roles=[User.OfficerRole.COMMISSIONING],
    )
    sign_in(page, commissioner)
    page.goto("/council/")
    with page.expect_navigation():
        page.get_by_role("link", name="All insight pages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Commissioning insight")
    assert_accessible(page, "insight-home")
    assert_reflows(page, "the insight front page")

    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Supply", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supply")
    chart = page.get_by_role(
        "img", name="Chart: Opportunities for each interest. The numbers are in the table below."
    )
    expect(chart).to_be_visible()
    expect(
        page.get_by_role("img", name="Chart: Opportunities in each ward. The numbers are in the table below.")
    ).to_be_visible()
    assert_accessible(page, "insight-supply")
    assert_reflows(page, "the supply page")
    # The ward table is long, so it is folded away; opened, it is still accessible.
    page.get_by_text("Show the table (69 rows)").click()
    expect(page.get_by_role("region", name="Table: Opportunities in each ward")).to_be_visible()
    assert_accessible(page, "insight-supply-ward-table")

    with page.expect_navigation():
        page.locator(".dw-insight-pages").get_by_role("link", name="Trends").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trends")
    expect(
        page.get_by_role(
            "img",
            name="Chart: Searches each month, and searches that found nothing. "
            "The numbers are in the table below.",
        )
    ).to_be_visible()
    assert_accessible(page, "insight-trends")
    assert_reflows(page, "the trends page")

    with page.expect_navigation():
        page.locator(".dw-insight-pages").get_by_role("link", name="Market position statement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Market position statement")
    expect(
        page.get_by_text("There are 21 opportunities listed in the directory, in 6 of the 69 wards.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Print this statement")).to_be_visible()
    assert_accessible(page, "insight-statement")
    assert_reflows(page, "the market position statement")
    page.emulate_media(media="print")
    expect(page.locator(".govuk-header")).to_be_hidden()
    expect(page.locator(".dw-insight-pages")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.emulate_media(media="screen")
