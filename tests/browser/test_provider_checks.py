"""Provider checks in a real browser: the council's list, a provider's checks, recording a check
(with its errors), the public page that explains the badge, and the badge on a listing; each page
with axe-core (WCAG 2.2 AA)."""

import datetime

import pytest
from playwright.sync_api import expect

from accounts.models import User
from opportunities.search_index import opportunity_index_refresh
from providers.models import ProviderCheck
from tests.browser.conftest import assert_accessible
from tests.browser.test_open_data import assert_reflows, sign_in
from tests.factories import OpportunityFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.browser

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
BROKEN_ERROR_LINKS = """() => [...document.querySelectorAll('.govuk-error-summary__list a')]
  .map(a => a.getAttribute('href'))
  .filter(href => !href.startsWith('#') || document.getElementById(href.slice(1)) === null)"""


def passed(provider, kind, **fields):
    return ProviderCheck.objects.create(
        provider=provider, kind=kind, outcome=fields.pop("outcome", "passed"),
        checked_on=fields.pop("checked_on", TODAY - 20 * DAY), **fields,
    )  # fmt: skip


def test_an_officer_records_the_last_check_and_the_listing_shows_the_badge(page):
    listing = OpportunityFactory(title="Allotment gardening club", provider__name="Moseley Growers")
    provider = listing.provider
    passed(provider, "safeguarding_policy")
    passed(provider, "dbs", expires_on=TODAY + 700 * DAY)
    passed(provider, "cqc", outcome="not_needed", note="Gives no personal care.")
    passed(provider, "complaints")
    lapsed = ProviderFactory(name="Lapsed Lunch Club")
    passed(lapsed, "insurance", checked_on=TODAY - 400 * DAY, expires_on=TODAY - 3 * DAY)
    opportunity_index_refresh()

    sign_in(page, UserFactory(email="officer@example.org", role=User.Role.COUNCIL_OFFICER))
    page.goto("/council/")
    expect(page.get_by_text("0 expiring in the next 30 days, 1 expired")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Provider checks", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Provider checks")
    expect(page.get_by_role("link", name="Missing checks (1)")).to_be_visible()
    assert_accessible(page, "council-checks-list")
    assert_reflows(page, "the list of provider checks")

    with page.expect_navigation():
        page.get_by_role("link", name="Moseley Growers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checks of Moseley Growers")
    expect(page.get_by_text("Not checked yet: Public liability insurance")).to_be_visible()
    assert_accessible(page, "council-checks-provider")
    assert_reflows(page, "a provider's checks")

    with page.expect_navigation():
        page.get_by_role("link", name="Record a check of the public liability insurance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a check: Public liability insurance")
    page.get_by_label("Passed").check()
    expires = page.get_by_role("group", name="Date the insurance runs out")
    expires.get_by_label("Day").fill("30")
    expires.get_by_label("Month").fill("2")
    expires.get_by_label("Year").fill(str(TODAY.year + 1))
    with page.expect_navigation():
        page.get_by_role("button", name="Record the check").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The date the insurance runs out must be a real date")
    assert page.evaluate(BROKEN_ERROR_LINKS) == []
    assert_accessible(page, "council-checks-record-error")
    assert not ProviderCheck.objects.filter(kind="insurance", provider=provider).exists()

    expires.get_by_label("Day").fill("28")
    page.get_by_label("Insurer and policy number (optional)").fill("Midlands Mutual PL-1")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the check").click()
    expect(
        page.get_by_text("Public liability insurance: “Passed” is recorded for Moseley Growers.")
    ).to_be_visible()
    expect(page.locator(".govuk-inset-text .govuk-tag")).to_have_text("Council checked")
    assert_accessible(page, "council-checks-provider-checked")

    page.goto(listing.get_absolute_url())
    badge = page.locator("p", has_text="Council checked on")
    expect(badge).to_contain_text(f"Council checked on {TODAY:%-d %B %Y}")
    with page.expect_navigation():
        badge.get_by_role("link", name="What “Council checked” means").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What “Council checked” means")
    expect(page.get_by_role("link", name="tell the council about a concern")).to_be_visible()
    assert_accessible(page, "council-checked-explained")

    page.goto("/opportunities/?q=allotment")
    expect(page.locator(".dw-result").first).to_contain_text("Council checked on")
    assert_accessible(page, "search-with-council-checked-badge")
