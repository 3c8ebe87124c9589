"""The Easy Read switch never loses what someone has typed: in a real browser, the first press on a
page with a changed form warns instead of reloading; a second press switches."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_the_switch_warns_before_losing_typed_words_and_switches_on_a_second_press(page):
    page.goto("/report-a-concern/")
    switch = page.get_by_role("button", name="Switch Easy Read on")
    warning = page.locator("[data-page-switch-warning]")
    expect(warning).to_be_hidden()

    page.get_by_label("What happened?").fill("Words I do not want to lose")
    switch.focus()
    page.keyboard.press("Enter")
    expect(warning).to_be_visible()
    expect(warning).to_have_attribute("role", "alert")
    expect(warning).to_contain_text("Switching now would lose what you typed")
    assert page.get_by_label("What happened?").input_value() == "Words I do not want to lose"
    assert_accessible(page, "easy-read-switch-warning")

    with page.expect_navigation():
        switch.click()
    expect(page.get_by_role("button", name="Switch Easy Read off")).to_be_visible()


@pytest.mark.parametrize(
    "address", ["/report-a-concern/", "/opportunities/", "/opportunities/?q=garden&distance=3"]
)
def test_with_nothing_typed_the_switch_works_at_once(page, address):
    """Forms filled in from the address, and lists that show their first choice, are not changes."""
    page.goto(address)
    with page.expect_navigation():
        page.get_by_role("button", name="Switch Easy Read on").click()
    expect(page.get_by_role("button", name="Switch Easy Read off")).to_be_visible()
    expect(page.locator("[data-page-switch-warning]")).to_be_hidden()


def test_a_changed_choice_in_a_list_counts_as_typing(page):
    page.goto("/opportunities/")
    page.get_by_label("How far").select_option(index=2)
    page.get_by_role("button", name="Switch Easy Read on").click()
    expect(page.locator("[data-page-switch-warning]")).to_be_visible()


def test_a_form_sent_without_its_security_token_gets_a_plain_accessible_page(page):
    page.goto("/")
    with page.expect_navigation():
        page.evaluate(
            """() => {
                const form = document.querySelector('[data-page-switch]');
                form.querySelector('[name=csrfmiddlewaretoken]').value = 'stale';
                form.submit();
            }"""
        )
    expect(page.get_by_role("heading", level=1)).to_have_text("Your form could not be sent")
    assert_accessible(page, "csrf-failure")
