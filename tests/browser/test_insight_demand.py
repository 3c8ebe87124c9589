"""The demand and gaps insight pages in a real browser: no axe-core WCAG 2.2 AA violation, they reflow
at 320 px wide, hidden numbers read as hidden, and a gap's link opens the search behind it."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from citizens.models import CitizenProfile, Enquiry
from opportunities.models import Interest, SearchLog
from opportunities.search_index import opportunity_index_refresh
from places.models import Ward
from providers.models import Provider
from tests.browser.conftest import assert_accessible
from tests.browser.test_open_data import assert_reflows, sign_in
from tests.factories import OpportunityFactory, ProviderFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.browser


def a_city_with_people_and_searches():
    moseley, ladywood = Ward.objects.get(slug="moseley"), Ward.objects.get(slug="ladywood")
    sport, music = Interest.objects.get(slug="sport"), Interest.objects.get(slug="music-drama")
    for ward, interest, count in [(moseley, sport, 7), (ladywood, sport, 5), (ladywood, music, 3)]:
        for n in range(count):
            profile = CitizenProfile.objects.create(preferred_name=f"P{n}", ward=ward, free_slots=[0, 4, 13])
            profile.interests.set([interest])
    listing = OpportunityFactory(
        title="Ladywood swimming",
        venues=[VenueFactory(ward=ladywood)],
        provider=ProviderFactory(kind=Provider.Kind.CHARITY),
    )
    listing.interests.set([sport])
    opportunity_index_refresh()
    SearchLog.objects.bulk_create(
        [SearchLog(result_count=0, filters={"interest": ["music-drama"]}, ward=moseley) for _ in range(6)]
        + [SearchLog(result_count=0, words="kayaking", filters={}) for _ in range(5)]
        + [SearchLog(result_count=3, filters={"interest": ["sport"], "day": ["mon"]}) for _ in range(4)]
    )
    for status, count in [
        (Enquiry.Status.ANSWERED, 6),
        (Enquiry.Status.STARTING, 5),
        (Enquiry.Status.SENT, 2),
    ]:
        for _ in range(count):
            Enquiry.objects.create(
                opportunity=listing, provider=listing.provider, message="Hi", status=status
            )


def test_the_demand_and_gaps_pages_are_accessible_reflow_and_link_to_the_thin_supply(page):
    a_city_with_people_and_searches()
    sign_in(
        page,
        UserFactory(
            email="commissioner@example.org",
            role=User.Role.COUNCIL_OFFICER,
            officer_roles=[User.OfficerRole.COMMISSIONING],
        ),
    )
    page.goto("/council/insight/")
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Demand", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demand")
    expect(
        page.get_by_role("img", name="Chart: People with a profile, by what they enjoy.", exact=False)
    ).to_be_visible()
    page.locator("#people-by-interest").get_by_text("Show the table").click()  # 16 rows: folded away
    table = page.get_by_role("table", name="People with a profile, by what they enjoy")
    expect(table.get_by_role("row", name="Sport and fitness 12")).to_be_visible()
    expect(table.get_by_role("row", name="Music and drama hidden")).to_be_visible()  # 3 people
    nothing = page.get_by_role("table", name="Searches that found nothing, most frequent first")
    expect(nothing.get_by_role("link", name="Search words: “kayaking”")).to_be_visible()
    assert_accessible(page, "insight-demand")
    assert_reflows(page, "the demand page")

    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Gaps", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gaps")
    enquiries = page.get_by_role("table", name="What happened to enquiries, by kind of provider")
    expect(enquiries.get_by_role("row", name="Charity hidden 6 5 hidden")).to_be_visible()
    assert_accessible(page, "insight-gaps")
    assert_reflows(page, "the gaps page")

    gaps = page.get_by_role("table", name="The biggest gaps", exact=False)
    with page.expect_navigation():
        gaps.get_by_role("link", name="Sport and fitness in Ladywood").click()
    expect(page).to_have_url(re.compile(r"/opportunities/\?interest=sport&ward=ladywood$"))
    expect(page.get_by_role("link", name="Ladywood swimming")).to_be_visible()
