"""The open data pages and the council's import check, in a real browser, with axe-core."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from oruk import csv_format
from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, OpportunityFactory, ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def sign_in(page, user):
    page.goto("/account/sign-in/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main .govuk-button").click()
    page.wait_for_url(lambda url: "/sign-in/" not in url)


def assert_reflows(page, name: str):
    """At 320px wide the page does not scroll sideways (wide tables scroll inside themselves)."""
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px wide"


def test_open_data_guide_and_an_import_check_with_problems_are_accessible(page, tmp_path):
    OpportunityFactory(title="Walking football")
    page.goto("/")
    page.get_by_role("link", name="Open data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    expect(page.get_by_text("There is 1 published listing")).to_be_visible()
    assert_accessible(page, "open-data")

    page.get_by_role("link", name="Read what goes in each column").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CSV template: what goes in each column")
    page.get_by_text("Allowed values for interests").click()
    expect(page.get_by_text("Nature and gardening", exact=True)).to_be_visible()
    assert_accessible(page, "open-data-csv-guide")
    assert_reflows(page, "the CSV guide")

    officer = UserFactory(email="officer@example.org", role=User.Role.COUNCIL_OFFICER)
    sign_in(page, officer)
    page.goto("/council/data/import/")
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a CSV or JSON file")
    assert_accessible(page, "council-import-error")

    bad = tmp_path / "listings.csv"
    rows = csv_format.template_csv().splitlines()
    bad_row = rows[1].replace("Nature and gardening", "Knitting").replace("GARDEN-1", "GARDEN-2")
    bad.write_text("\n".join([rows[0], rows[1], bad_row]) + "\n", encoding="utf-8")
    page.get_by_label("Upload a file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the file before importing it")
    expect(page.get_by_role("cell", name="row 3")).to_be_visible()
    expect(page.get_by_role("cell", name="interests", exact=True)).to_be_visible()
    assert_accessible(page, "council-import-preview")
    assert_reflows(page, "the council's import check")

    page.get_by_role("button", name="Import these listings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import finished")
    assert_accessible(page, "council-import-done")


def test_a_provider_uploads_a_spreadsheet_checks_it_and_sends_it_for_approval(page, tmp_path):
    membership = ProviderMembershipFactory(user__email="owner@example.org", provider__name="Moseley Growers")
    sign_in(page, membership.user)
    page.goto(f"/provider/{membership.provider.slug}/")
    page.get_by_role("link", name="Add many listings from a spreadsheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add many listings from a spreadsheet")
    expect(page.get_by_text("Every row becomes a listing of Moseley Growers")).to_be_visible()
    assert_accessible(page, "provider-import")

    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a CSV file")
    assert_accessible(page, "provider-import-error")

    bad = tmp_path / "listings.csv"
    rows = csv_format.template_csv().splitlines()
    bad_row = rows[1].replace("Nature and gardening", "Knitting").replace("GARDEN-1", "GARDEN-2")
    bad.write_text("\n".join([rows[0], rows[1], bad_row]) + "\n", encoding="utf-8")
    page.get_by_label("Upload a file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your listings before sending them")
    expect(page.get_by_role("cell", name="row 3")).to_be_visible()
    expect(page.get_by_role("cell", name="interests", exact=True)).to_be_visible()
    assert_accessible(page, "provider-import-check")

    page.get_by_role("button", name="Send these listings for approval").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Listings sent for approval")
    assert_accessible(page, "provider-import-done")
    page.get_by_role("link", name="Back to Moseley Growers").click()
    expect(page.get_by_role("link", name="Allotment gardening club")).to_be_visible()
    expect(page.get_by_text("Waiting for approval").first).to_be_visible()
