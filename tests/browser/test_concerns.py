"""'Report a concern about an adult' and the safeguarding officers' queue, in a real browser.

Every page, and the form showing its errors, has no axe-core WCAG 2.2 AA violation, and a person
using only a keyboard can send a concern."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from safeguarding.models import Concern, ConcernNote, ConcernView
from safeguarding.services import concern_update
from tests.browser.conftest import assert_accessible
from tests.browser.test_open_data import assert_reflows, sign_in
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.browser

WHAT = "Her carer shouts at her and takes her money at the café"
# The href of every link in the GOV.UK error summary whose target id is not on the page.
BROKEN_ERROR_LINKS = """() => [...document.querySelectorAll('.govuk-error-summary__list a')]
  .map(a => a.getAttribute('href'))
  .filter(href => !href.startsWith('#') || document.getElementById(href.slice(1)) === null)"""


def tab_to(page, element_id: str):
    """Press Tab until the element has the focus, as a keyboard user would."""
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with Tab")


def test_a_keyboard_user_reports_a_concern_from_the_footer(page):
    page.goto("/")
    footer_link = page.get_by_role("contentinfo").get_by_role("link", name="Report a concern about an adult")
    footer_link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a concern about an adult")
    expect(page.get_by_role("main")).to_contain_text("If someone is in danger now, call 999.")
    assert_accessible(page, "concern-form")
    assert_reflows(page, "the concern form")

    # Sent empty: every mistake is in the error summary, and each link lands on its field.
    with page.expect_navigation():
        page.get_by_role("button", name="Send your concern").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Tell us what happened")
    expect(summary).to_contain_text("Select whether the person knows you are telling us")
    expect(summary).to_contain_text("Select whether we can contact you")
    assert page.evaluate(BROKEN_ERROR_LINKS) == []
    assert page.title().startswith("Error:")
    assert_accessible(page, "concern-form-errors")
    summary.get_by_role("link", name="Select whether we can contact you").click()
    assert page.evaluate("document.activeElement.id") == "id_contact"

    # Now the whole form from the keyboard alone.
    page.goto("/report-a-concern/")
    tab_to(page, "id_adult_name")
    page.keyboard.type("Mary")
    tab_to(page, "id_place")
    page.keyboard.type("The café on the Stratford Road")
    tab_to(page, "id_what_happened")
    page.keyboard.type(WHAT)
    tab_to(page, "id_person_knows")
    page.keyboard.press("ArrowDown")  # the second answer, "No"
    assert page.evaluate("document.getElementById('id_person_knows_2').checked")
    tab_to(page, "id_contact")  # a radio group is one Tab stop: its first answer
    page.keyboard.press("Space")  # "Yes, you can contact me"
    tab_to(page, "id_reporter_name")
    page.keyboard.type("Ravi")
    tab_to(page, "id_reporter_email")
    page.keyboard.type("ravi@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Send your concern"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Concern sent")
    concern = Concern.objects.get()
    expect(page.locator("#concern-reference")).to_have_text(concern.reference)
    assert concern.what_happened == WHAT
    assert concern.person_knows == Concern.PersonKnows.NO
    assert not concern.anonymous and concern.reporter_email == "ravi@example.org"
    assert_accessible(page, "concern-sent")


def test_a_concern_from_a_listing_page_is_about_that_listing(page):
    listing = OpportunityFactory(title="Tuesday tea dance")
    page.goto(listing.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Report a concern about an adult’s safety here").click()
    expect(page.locator("#concern-listing")).to_contain_text("About: Tuesday tea dance")
    assert_accessible(page, "concern-form-listing")
    page.get_by_label("Their name, if you know it").fill("Mr Evans")
    page.get_by_label("What happened?").fill("He was left alone outside in the rain for an hour")
    page.get_by_role("group", name="Does the person know you are telling us?").get_by_label(
        "I do not know"
    ).check()
    page.get_by_label("No, I want to stay anonymous").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send your concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concern sent")
    concern = Concern.objects.get()
    assert concern.opportunity == listing and concern.anonymous


def test_a_safeguarding_officer_triages_a_concern(page):
    listing = OpportunityFactory(title="Tuesday tea dance")
    concern = Concern.objects.create(
        adult_name="Mr Evans",
        place="The church hall",
        opportunity=listing,
        what_happened=WHAT,
        person_knows=Concern.PersonKnows.YES,
        anonymous=False,
        reporter_name="Ravi",
        reporter_phone="0121 496 0000",
    )
    officer = UserFactory(
        email="safe@example.org",
        full_name="Dana Officer",
        role=User.Role.COUNCIL_OFFICER,
        officer_roles=[User.OfficerRole.SAFEGUARDING],
    )
    sign_in(page, officer)
    part = page.get_by_role("region", name="Safeguarding concerns")
    expect(part).to_contain_text("New concerns: 1")
    with page.expect_navigation():
        part.get_by_role("link", name="New concerns").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safeguarding concerns")
    expect(page.get_by_role("row").filter(has_text=concern.reference)).to_contain_text("Tuesday tea dance")
    assert_accessible(page, "concern-queue")
    assert_reflows(page, "the concerns queue")

    with page.expect_navigation():
        page.get_by_role("link", name=concern.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Concern {concern.reference}")
    expect(page.get_by_role("main")).to_contain_text(WHAT)
    assert_accessible(page, "concern-detail")

    with page.expect_navigation():
        page.get_by_role("button", name="Add note").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a note")
    assert page.evaluate(BROKEN_ERROR_LINKS) == []
    assert_accessible(page, "concern-detail-errors")

    page.get_by_label("Add a note").fill("Phoned Mr Evans’s daughter.")
    with page.expect_navigation():
        page.get_by_role("button", name="Add note").click()
    page.get_by_label("In triage").check()
    page.get_by_label("Officer dealing with it").select_option(label="Dana Officer")
    with page.expect_navigation():
        page.get_by_role("button", name="Save status").click()
    expect(page.get_by_role("main")).to_contain_text("Phoned Mr Evans’s daughter.")
    log = page.get_by_role("region", name="Access log (scrolls sideways)")
    expect(log).to_contain_text("Changed the status: New → In triage")
    expect(log).to_contain_text("Added a note")
    assert_accessible(page, "concern-detail-updated")
    concern.refresh_from_db()
    assert concern.status == Concern.Status.IN_TRIAGE and concern.assigned_to == officer
    assert ConcernNote.objects.get().author == officer
    assert ConcernView.objects.filter(user=officer, action=ConcernView.Action.LISTED).exists()
    log = page.get_by_role("region", name="Seen in the queue (scrolls sideways)")
    expect(log).to_contain_text("Dana Officer")

    # A colleague takes the concern while this page is open: saving from it changes nothing.
    colleague = UserFactory(
        full_name="Lee Colleague",
        role=User.Role.COUNCIL_OFFICER,
        officer_roles=[User.OfficerRole.SAFEGUARDING],
    )
    concern_update(concern=concern, by=colleague, status="referred", assigned_to=colleague, revision=1)
    page.get_by_label("Closed: no further action").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save status").click()
    expect(page.get_by_role("main")).to_contain_text("This concern changed after you opened it")
    expect(page.get_by_role("main")).to_contain_text("Dealt with by Lee Colleague")
    assert_accessible(page, "concern-detail-changed-since")
    concern.refresh_from_db()
    assert concern.status == Concern.Status.REFERRED and concern.assigned_to == colleague
