import datetime
from decimal import Decimal

import pytest

from opportunities.models import Feature, Interest, PaymentRoute
from opportunities.search_index import opportunity_index_refresh
from tests.browser.conftest import ARTIFACTS, assert_accessible
from tests.factories import CostFactory, OpportunityFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def opportunity(reference_data):
    venue = VenueFactory(name="Moseley Community Hall")
    venue.features.add(Feature.objects.get(slug="step-free"), Feature.objects.get(slug="hearing-loop"))
    opportunity = OpportunityFactory(
        title="Tuesday allotment club",
        easy_read_summary="We grow food together.\nYou can take some home.",
        venues=[venue],
        min_age=18,
    )
    opportunity.interests.add(Interest.objects.get(slug="nature-gardening"))
    opportunity.payment_routes.add(PaymentRoute.objects.get(slug="direct-payment"))
    opportunity.features.add(
        Feature.objects.get(slug="changing-places"), Feature.objects.get(slug="one-to-one")
    )
    SessionFactory(opportunity=opportunity, weekday=1, start=datetime.time(10), end=datetime.time(12))
    SessionFactory(opportunity=opportunity, weekday=5, start=datetime.time(18), end=datetime.time(20))
    CostFactory(opportunity=opportunity, amount=Decimal("18.00"))
    opportunity_index_refresh()
    return opportunity


def test_home_page_is_accessible(page):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Find things to do")
    assert_accessible(page, "home")


def test_detail_page_is_accessible(page, opportunity):
    page.goto(opportunity.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Tuesday allotment club"
    assert page.get_by_role("table").is_visible()
    assert_accessible(page, "detail")


def test_browse_and_not_found_pages_are_accessible(page, opportunity):
    page.goto("/opportunities/")
    assert page.get_by_role("link", name="Tuesday allotment club").is_visible()
    assert_accessible(page, "browse")
    response = page.goto("/opportunities/no-such-thing/")
    assert response.status == 404
    assert_accessible(page, "not-found")


def test_a_keyboard_user_can_skip_to_the_content_and_search(page, opportunity):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    # Tab on to the search box, type, and submit with Enter: no mouse needed.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.type("allotment")
    page.keyboard.press("Enter")
    page.wait_for_url("**/opportunities/?q=allotment")
    assert page.get_by_role("link", name="Tuesday allotment club").is_visible()


@pytest.mark.parametrize("path", ["/", "detail", "/opportunities/", "/accessibility/"])
def test_pages_reflow_on_a_small_phone_without_sideways_scrolling(page, opportunity, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(opportunity.get_absolute_url() if path == "detail" else path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"


def test_the_detail_page_prints_on_one_or_two_pages(page, opportunity):
    page.goto(opportunity.get_absolute_url())
    page.emulate_media(media="print")
    # The site's navigation, footer and report link are not printed; the facts are.
    assert not page.locator(".govuk-footer").is_visible()
    assert not page.get_by_role("link", name="Report a problem with this listing").is_visible()
    assert page.get_by_role("heading", name="When").is_visible()
    pdf = page.pdf(format="A4", print_background=False)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 2, f"the detail page prints on {pages} pages"
    (ARTIFACTS / "detail-print.pdf").write_bytes(pdf)
