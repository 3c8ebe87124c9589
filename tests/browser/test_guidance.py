"""Information and advice in a real browser: axe-core on each page in both versions, the Easy Read
switch with the keyboard, printing, 320px reflow and the council's editor."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from guidance.models import GuidancePage
from guidance.services import guidance_pages_ensure
from tests.browser.conftest import assert_accessible
from tests.browser.test_open_data import assert_reflows, sign_in
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.browser


def _hidden_when_printed(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate("node => !node.checkVisibility()")


def test_every_information_page_in_both_versions_is_accessible_and_reflows(page):
    guidance_pages_ensure()
    page.goto("/")
    page.get_by_role("link", name="Information and advice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Information and advice")
    assert_accessible(page, "guidance-index")
    assert_reflows(page, "the information and advice list")

    for guide in GuidancePage.objects.published():
        page.goto(f"{guide.get_absolute_url()}?version=standard")
        expect(page.get_by_role("heading", level=1)).to_have_text(guide.title)
        assert_accessible(page, f"guidance-{guide.slug}")
        assert_reflows(page, f"{guide.slug} (standard)")
        if guide.has_easy_read:
            page.get_by_role("link", name="Read the Easy Read version").click()
            expect(page.get_by_role("heading", level=1)).to_have_text(guide.easy_read_title or guide.title)
            expect(page.locator(".dw-easy-read-row").first).to_be_visible()
            assert_accessible(page, f"guidance-{guide.slug}-easy-read")
            assert_reflows(page, f"{guide.slug} (Easy Read)")


def test_in_easy_read_the_list_has_easy_read_titles_and_a_page_without_one_says_so(page):
    guidance_pages_ensure()
    GuidancePage.objects.create(
        slug="days-out", title="Days out", summary="Ideas for days out.", body="Go **anywhere**.", position=99
    )
    page.goto("/guidance/")
    with page.expect_navigation():
        page.get_by_role("button", name="Switch Easy Read on").click()
    expect(page.get_by_role("link", name="Asking the council for help")).to_be_visible()
    standard_title = "Getting a needs assessment from adult social care"
    expect(page.get_by_role("link", name=standard_title)).to_have_count(0)
    expect(page.locator("main .dw-easy-read-row__icon svg").first).to_be_visible()
    assert_accessible(page, "guidance-index-easy-read")
    assert_reflows(page, "the information and advice list in Easy Read")

    with page.expect_navigation():
        page.get_by_role("link", name="Days out", exact=True).click()
    expect(page.locator(".govuk-inset-text")).to_have_text("There is no Easy Read version of this page yet.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Days out")
    assert_accessible(page, "guidance-no-easy-read")


def test_easy_read_rows_are_large_with_the_icon_beside_the_words(page):
    guidance_pages_ensure()
    page.goto("/guidance/direct-payments/?version=easy-read")
    row = page.locator(".dw-easy-read-row").first
    icon, words = row.locator(".dw-easy-read-row__icon svg"), row.locator(".dw-easy-read-row__text p").first
    icon_box, words_box = icon.bounding_box(), words.bounding_box()
    assert icon_box["width"] == 64 and icon_box["height"] == 64
    assert words_box["x"] >= icon_box["x"] + icon_box["width"]  # beside, not above
    assert words.evaluate("node => parseFloat(getComputedStyle(node).fontSize)") >= 24
    assert icon.evaluate(
        "node => node.querySelectorAll('path, circle, rect, line, polyline, ellipse').length > 0"
    )
    # inline, so it takes the text's colour
    assert icon.evaluate(
        "node => getComputedStyle(node).color === getComputedStyle(node.closest('.dw-easy-read-row')).color"
    )


def test_the_switch_works_from_the_keyboard_and_is_remembered(page):
    guidance_pages_ensure()
    listing = OpportunityFactory(title="Allotment club", easy_read_summary="We grow vegetables together.")
    page.goto("/guidance/getting-there/")
    expect(page.locator(".dw-easy-read-row")).to_have_count(0)
    switch = page.get_by_role("button", name="Switch Easy Read on")
    switch.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/guidance/getting-there/$"))
    expect(page.locator(".dw-easy-read-row").first).to_be_visible()
    expect(page.get_by_role("button", name="Switch Easy Read off")).to_be_visible()
    assert_accessible(page, "guidance-easy-read-on")

    page.goto(listing.get_absolute_url())  # remembered on the next page
    expect(page.locator(".dw-easy-read-summary")).to_contain_text("We grow vegetables together.")
    assert_accessible(page, "listing-easy-read")
    assert_reflows(page, "a listing in Easy Read")

    page.get_by_role("button", name="Switch Easy Read off").focus()
    with page.expect_navigation():
        page.keyboard.press("Space")
    expect(page.locator(".dw-easy-read-summary")).to_have_count(0)
    expect(page.get_by_role("button", name="Switch Easy Read on")).to_be_visible()


def test_a_page_prints_without_the_navigation_the_switch_or_buttons(page):
    guidance_pages_ensure()
    page.goto("/guidance/getting-there/?version=easy-read")
    assert not _hidden_when_printed(page, ".dw-easy-read-switch")
    page.emulate_media(media="print")
    for selector in (
        ".govuk-service-navigation",
        ".dw-easy-read-switch",
        ".govuk-footer",
        ".govuk-breadcrumbs",
        ".dw-guidance-version",
        "main [data-print]",
    ):
        assert _hidden_when_printed(page, selector), f"{selector} shows when printed"
    assert not _hidden_when_printed(page, ".dw-easy-read-row__icon")
    assert not _hidden_when_printed(page, "h1")
    assert page.locator(".dw-easy-read-row").first.evaluate("n => getComputedStyle(n).breakInside") == "avoid"
    page.emulate_media(media="screen")


def test_an_officer_previews_fixes_an_error_and_saves_a_page(page):
    officer = UserFactory(email="officer@example.org", role=User.Role.COUNCIL_OFFICER)
    sign_in(page, officer)
    page.goto("/council/")
    page.get_by_role("link", name="Information pages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Information pages")
    assert_accessible(page, "council-guidance-list")

    page.get_by_role("link", name="Add a page").click()
    page.get_by_label("Title", exact=True).fill("Days out")
    page.get_by_label("Page text in plain English").fill(
        "## Going out\n\nYou can go **anywhere**. [Read more](javascript:alert(1))"
    )
    page.get_by_label("Easy Read text").fill("[icon:bus] You can get the **bus**.\n\n[icon:unicorn] Magic.")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview (not saved yet)")).to_be_visible()
    expect(page.locator("#preview h2", has_text="Going out")).to_be_visible()
    expect(page.locator("#problems")).to_contain_text("There is no icon called 'unicorn'")
    expect(page.locator("#problems")).to_contain_text("The link to 'javascript:alert(1' is not allowed")
    assert_accessible(page, "council-guidance-preview")
    assert_reflows(page, "the guidance editor's preview")

    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a summary")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a web address")
    assert_accessible(page, "council-guidance-errors")

    page.get_by_label("Web address").fill("days-out")
    page.get_by_label("Summary", exact=True).fill("Ideas for days out in Birmingham.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("“Days out” is saved.")
    page.get_by_role("link", name="Earlier versions of Days out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Earlier versions")
    assert_accessible(page, "council-guidance-history")

    page.goto("/guidance/days-out/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Days out")
    expect(page.get_by_text("Read more](javascript:alert(1))", exact=False)).to_be_visible()
    expect(page.locator("main a[href^='javascript']")).to_have_count(0)
