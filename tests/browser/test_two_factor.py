"""A council officer sets up two-factor authentication at sign-in, in a real browser, using only
the keyboard; every page on the way has no axe-core WCAG 2.2 AA violation."""

import re

import pytest

from accounts.models import User
from tests.accounts.helpers import code_now, wrong_code
from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


def test_an_officer_sets_up_two_factor_and_signs_in_with_it(page, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    officer = UserFactory(email="officer@example.org", role=User.Role.COUNCIL_OFFICER)

    page.goto("/account/sign-in/")
    page.locator("#id_username").fill(officer.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main .govuk-button").click()
    page.wait_for_url("**/account/two-factor/set-up/")
    assert_accessible(page, "two-factor-set-up")
    secret = page.locator("main code").inner_text().replace(" ", "")

    page.locator("#id_code").fill(wrong_code(secret))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "two-factor-set-up-errors")

    page.locator(".govuk-error-summary a").click()  # the summary's link lands on the field
    assert page.evaluate("document.activeElement.id") == "id_code"
    page.keyboard.press("Control+A")
    page.keyboard.type(code_now(secret))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Two-factor authentication is on"
    assert_accessible(page, "two-factor-recovery-codes")
    codes = re.findall(r"[a-z0-9]{5}-[a-z0-9]{5}", page.locator("main ol").inner_text())
    assert len(codes) == 10

    page.get_by_role("button", name="I have kept my codes, continue").click()
    page.wait_for_url("**/council/")
    page.goto("/account/two-factor/")
    assert_accessible(page, "two-factor")

    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    page.goto("/account/sign-in/")
    page.locator("#id_username").fill(officer.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main .govuk-button").click()
    page.wait_for_url("**/account/sign-in/code/")
    assert_accessible(page, "sign-in-code")
    page.get_by_role("link", name="Use a recovery code instead").click()
    page.wait_for_url("**/account/sign-in/recovery-code/")
    assert_accessible(page, "sign-in-recovery-code")
    page.locator("#id_recovery_code").fill(codes[0])
    page.keyboard.press("Enter")
    page.wait_for_url("**/council/")
