import datetime

import pytest
from playwright.sync_api import expect

from opportunities.models import Feature, Interest, PaymentRoute
from opportunities.search_index import opportunity_index_refresh
from tests.browser.conftest import assert_accessible
from tests.factories import OpportunityFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.browser

# Reports, for the focused element, every style that a focus indicator could change, then the
# same with focus taken away: the focus is visible when the two differ.
FOCUS_IS_VISIBLE = """(el) => {
  const look = (e) => {
    const s = getComputedStyle(e);
    const box = e.labels && e.labels[0] ? getComputedStyle(e.labels[0], '::before') : null;
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color,
            s.textDecorationThickness, box && box.boxShadow, box && box.outlineStyle].join('|');
  };
  const focused = look(el);
  el.blur();
  const plain = look(el);
  el.focus();
  return focused !== plain;
}"""


@pytest.fixture
def directory(reference_data):
    sport, music = Interest.objects.get(slug="sport"), Interest.objects.get(slug="music-drama")
    direct = PaymentRoute.objects.get(slug="direct-payment")
    for n, (title, interest) in enumerate([("Walking football", sport), ("Community choir", music),
                                           ("Seated exercise", sport), ("Drumming circle", music)]):  # fmt: skip
        venue = VenueFactory(name=f"{title} hall")
        venue.features.add(Feature.objects.get(slug="step-free"))
        opportunity = OpportunityFactory(title=title, venues=[venue])
        opportunity.interests.add(interest)
        opportunity.payment_routes.add(direct)
        SessionFactory(
            opportunity=opportunity, weekday=n, start=datetime.time(10 + n), end=datetime.time(12 + n)
        )
    opportunity_index_refresh()


def test_search_pages_are_accessible(page, directory):
    page.goto("/opportunities/?interest=sport&payment=direct-payment")
    expect(page.get_by_role("heading", name="2 things to do")).to_be_visible()
    assert_accessible(page, "search-results")

    page.goto("/opportunities/?interest=sport&day=sun")
    expect(page.get_by_text("Nothing matches all of your choices")).to_be_visible()
    assert_accessible(page, "search-no-results")

    page.goto("/opportunities/?postcode=zz99&distance=-2&interest=unknown&age=old")
    expect(page.get_by_role("heading", name="There is a problem with your search")).to_be_visible()
    assert_accessible(page, "search-errors")
    # The error summary's links move focus to the fields they name.
    page.get_by_role("link", name="Enter a real postcode, like B13 8JP, or the first part, like B13").click()
    assert page.evaluate("document.activeElement.id") == "postcode"


def test_the_ward_map_and_its_table_are_accessible(page, directory):
    page.goto("/opportunities/?interest=music-drama")
    page.get_by_text("Show the numbers for each ward as a table").click()
    expect(page.get_by_role("table")).to_be_visible()
    assert_accessible(page, "search-map")
    page.locator(".dw-map a[aria-label^='Moseley:']").click()
    page.wait_for_url("**ward=moseley**")
    expect(page.get_by_role("heading", name="2 things to do")).to_be_visible()


def test_the_report_form_is_accessible_with_errors(page, directory):
    page.goto(
        "/opportunities/walking-football/report/".replace("walking-football", _slug_of("Walking football"))
    )
    assert_accessible(page, "report-form")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page, "report-form-errors")
    page.get_by_role("link", name="Select what is wrong").click()
    assert page.evaluate("document.activeElement.name") == "problem"


def _slug_of(title):
    from opportunities.models import Opportunity

    return Opportunity.objects.get(title=title).slug


def tab_to(page, predicate: str, limit: int = 300):
    """Press Tab until the focused element matches; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body", focused):
            continue
        assert page.evaluate(FOCUS_IS_VISIBLE, focused), page.evaluate(
            "el => el.outerHTML.slice(0, 200)", focused
        )
        if page.evaluate(predicate, focused):
            return
    raise AssertionError(f"Never reached {predicate}")


def test_a_keyboard_only_search_journey(page, directory):
    page.goto("/opportunities/")
    tab_to(page, "el => el.name === 'interest' && el.value === 'sport'")
    page.keyboard.press("Space")
    tab_to(page, "el => el.name === 'interest' && el.value === 'music-drama'")
    page.keyboard.press("Space")
    tab_to(page, "el => el.textContent.trim() === 'Apply filters'")
    page.keyboard.press("Enter")
    page.wait_for_url("**interest=music-drama**")
    assert "interest=sport" in page.url
    expect(page.get_by_role("heading", name="4 things to do")).to_be_visible()
    tab_to(page, "el => el.closest('.dw-results') !== null && el.tagName === 'A'")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() in {
        "Walking football", "Community choir", "Seated exercise", "Drumming circle"}  # fmt: skip
