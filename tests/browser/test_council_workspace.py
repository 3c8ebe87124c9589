"""The council workspace front page for each officer role, and the stale list, in a real browser."""

import datetime

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import assert_accessible
from tests.browser.test_open_data import assert_reflows, sign_in
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", User.OfficerRole.values)
def test_each_officer_sees_only_their_part_of_the_workspace(page, role):
    officer = UserFactory(email=f"{role}@example.org", role=User.Role.COUNCIL_OFFICER, officer_roles=[role])
    sign_in(page, officer)
    expect(page.get_by_role("heading", level=1)).to_have_text("Council workspace")
    nav = page.get_by_role("navigation", name="Council workspace")
    link_for = {
        "moderator": "Listings to review",
        "safeguarding": "Safeguarding concerns",
        "commissioning": "Commissioning insight",
    }
    for other, name in link_for.items():
        expect(nav.get_by_role("link", name=name)).to_have_count(1 if other == role else 0)
    assert_accessible(page, f"council-home-{role}")
    assert_reflows(page, f"the workspace front page for a {role} officer")


def test_the_stale_list_is_accessible_and_reached_from_the_front_page_by_keyboard(page):
    OpportunityFactory(title="Walking football", hidden_as_stale_on=datetime.date(2026, 3, 1))
    sign_in(page, UserFactory(email="moderator@example.org", role=User.Role.COUNCIL_OFFICER))
    link = page.get_by_role("main").get_by_role("link", name="Listings hidden as stale")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Listings hidden as stale")
    expect(page.get_by_role("row").filter(has_text="Walking football")).to_contain_text("1 March 2026")
    assert_accessible(page, "council-stale")
    assert_reflows(page, "the stale list")
