"""The provider workspace and the council's review pages, in a real browser.

A provider's change waits for a council officer before the public see it; every page on the way,
and every form showing its errors, has no axe-core WCAG 2.2 AA violation.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from opportunities.models import ListingChange, ListingReport
from opportunities.search_index import opportunity_index_refresh
from opportunities.services import listing_draft_save, listing_submit
from opportunities.snapshots import SECTION_TITLES
from providers.models import JoinRequest
from tests.browser.conftest import assert_accessible
from tests.factories import (
    PASSWORD,
    OpportunityFactory,
    ProviderMembershipFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.browser

OLD_SUMMARY = "Grow vegetables with friends at the Moseley allotments."
NEW_SUMMARY = "Grow vegetables and fruit trees with friends at the Moseley allotments."

# The href of every link in the GOV.UK error summary whose target id is not on the page.
BROKEN_ERROR_LINKS = """() => [...document.querySelectorAll('.govuk-error-summary__list a')]
  .map(a => a.getAttribute('href'))
  .filter(href => !href.startsWith('#') || document.getElementById(href.slice(1)) === null)"""


@pytest.fixture
def open_page(browser, live_server, reference_data):
    """Opens a page in a browser context of its own: each is a separate person, with their own cookies."""
    contexts, errors = [], []

    def open_page():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture
def membership(reference_data):
    return ProviderMembershipFactory(
        user__email="owner@example.org", user__full_name="Asha Khan", provider__name="Moseley Growers"
    )


@pytest.fixture
def listing(membership):
    venue = VenueFactory(provider=membership.provider, name="Moseley allotments")
    opportunity = OpportunityFactory(
        provider=membership.provider,
        title="Allotment club",
        summary=OLD_SUMMARY,
        contact_email="club@example.org",
        venues=[venue],
    )
    SessionFactory(opportunity=opportunity, weekday=1, start=datetime.time(10), end=datetime.time(12))
    opportunity_index_refresh()
    return opportunity


@pytest.fixture
def officer(reference_data):
    return UserFactory(email="officer@example.org", full_name="Officer Jones", role=User.Role.COUNCIL_OFFICER)


def sign_in(page, user):
    page.goto("/account/sign-in/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main .govuk-button").click()
    page.wait_for_url(lambda url: "/sign-in/" not in url)


def submit(page, name: str):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def assert_errors_shown(page, name: str, *messages: str):
    """The error summary lists the messages, each link lands on a field, and the page passes axe."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    for message in messages:
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    assert page.evaluate(BROKEN_ERROR_LINKS) == []
    assert page.title().startswith("Error: ")
    assert_accessible(page, name)


def section_path(opportunity, section: str) -> str:
    return f"/provider/{opportunity.provider.slug}/listings/{opportunity.pk}/edit/{section}/"


def listing_path(opportunity, rest: str = "") -> str:
    return f"/provider/{opportunity.provider.slug}/listings/{opportunity.pk}/{rest}"


def submitted_change(opportunity, by, **proposed) -> ListingChange:
    listing_draft_save(
        opportunity=opportunity, by=by, section=proposed, revision=opportunity.content_revision
    )
    change = ListingChange.objects.get(opportunity=opportunity)
    opportunity.refresh_from_db()
    listing_submit(change=change, by=by, revision=opportunity.content_revision)
    return change


# --- 1. The whole journey --------------------------------------------------------------------------
def test_a_change_reaches_the_public_only_after_the_council_approves_it(
    open_page, membership, listing, officer
):
    provider = open_page()
    sign_in(provider, membership.user)
    expect(provider.get_by_role("heading", level=1)).to_have_text("Moseley Growers")
    assert_accessible(provider, "workspace-dashboard")

    provider.get_by_role("table").get_by_role("link", name="Allotment club").click()
    expect(provider.get_by_role("heading", level=1)).to_have_text("Allotment club")
    expect(provider.locator("main .govuk-tag").first).to_have_text("Published")
    assert_accessible(provider, "workspace-listing")

    provider.get_by_role("link", name="Change the listing").click()
    expect(provider.get_by_role("heading", level=1)).to_have_text("Check your answers")
    assert_accessible(provider, "workspace-check")

    provider.get_by_role("link", name="Change about the activity").click()
    expect(provider.get_by_role("heading", level=1)).to_have_text("About the activity")
    summary = provider.get_by_label("Short summary")
    expect(summary).to_have_value(OLD_SUMMARY)
    assert_accessible(provider, "workspace-section-about")
    summary.fill(NEW_SUMMARY)
    submit(provider, "Save and go back to check your answers")

    expect(provider.get_by_role("heading", level=1)).to_have_text("Check your answers")
    about = provider.locator(".govuk-summary-card").filter(has_text="About the activity")
    expect(about).to_contain_text(NEW_SUMMARY)
    expect(about.locator(".govuk-tag")).to_have_text("Changed")
    assert_accessible(provider, "workspace-check-changed")
    submit(provider, "Send for approval")
    expect(provider.locator(".govuk-notification-banner")).to_contain_text("Sent to the council")
    expect(provider.locator("main .govuk-tag").first).to_have_text("Published: changes waiting for approval")
    assert_accessible(provider, "workspace-listing-sent")

    public = open_page()
    public.goto(listing.get_absolute_url())
    expect(public.locator("main")).to_contain_text(OLD_SUMMARY)
    expect(public.locator("main")).not_to_contain_text(NEW_SUMMARY)
    assert_accessible(public, "workspace-public-before")
    public.goto("/opportunities/?q=allotment")
    result = public.locator(".dw-result").filter(has_text="Allotment club")
    expect(result).to_contain_text(OLD_SUMMARY)
    expect(public.locator("main")).not_to_contain_text(NEW_SUMMARY)

    council = open_page()
    sign_in(council, officer)
    council.get_by_role("link", name="Council workspace").click()
    expect(council.get_by_role("heading", level=1)).to_have_text("Council workspace")
    council.get_by_role("navigation", name="Council workspace").get_by_role(
        "link", name="Listings to review"
    ).click()
    expect(council.get_by_role("heading", level=1)).to_have_text("Listings to review")
    row = council.get_by_role("row").filter(has_text="Allotment club")
    expect(row).to_contain_text("Moseley Growers")
    expect(row.locator(".govuk-tag")).to_have_text("Changes")
    assert_accessible(council, "council-queue")

    row.get_by_role("link", name="Allotment club").click()
    expect(council.get_by_role("heading", level=1)).to_have_text("Changes to a listing: Allotment club")
    expect(council.get_by_text("Sent by Asha Khan on")).to_contain_text(
        re.compile(r" at \d{1,2}:\d\d[ap]m\. ")
    )
    about = council.get_by_role("table", name="About the activity")
    compared = about.get_by_role("row").filter(has=council.get_by_role("rowheader", name="Short summary"))
    expect(compared.get_by_role("cell")).to_have_text([OLD_SUMMARY, NEW_SUMMARY])
    expect(compared.locator(".govuk-tag")).to_have_text("Changed")
    assert_accessible(council, "council-review")
    submit(council, "Approve and publish")
    expect(council.locator(".govuk-notification-banner")).to_contain_text("“Allotment club” is published")
    expect(council.locator("main")).to_contain_text("Nothing is waiting for review.")
    assert_accessible(council, "council-queue-empty")

    public.goto(listing.get_absolute_url())
    expect(public.locator("main")).to_contain_text(NEW_SUMMARY)
    expect(public.locator("main")).not_to_contain_text(OLD_SUMMARY)
    assert_accessible(public, "workspace-public-after")
    public.goto("/opportunities/?q=allotment")
    expect(public.locator(".dw-result").filter(has_text="Allotment club")).to_contain_text(NEW_SUMMARY)
    expect(public.locator("main")).not_to_contain_text(OLD_SUMMARY)

    provider.reload()
    expect(provider.locator("main .govuk-tag").first).to_have_text("Published")


# --- 2. Every other page, and the forms with their errors ----------------------------------------
def test_every_section_of_the_editor_is_accessible_with_and_without_errors(page, membership, listing):
    sign_in(page, membership.user)
    for section, title in SECTION_TITLES.items():
        page.goto(section_path(listing, section))
        expect(page.get_by_role("heading", level=1)).to_have_text(str(title))  # a translatable (lazy) title
        expect(page.get_by_role("button", name="Save and go back to check your answers")).to_be_visible()
        assert_accessible(page, f"workspace-section-{section}")

    page.goto(section_path(listing, "about"))
    page.get_by_label("Name of the activity").fill("")
    submit(page, "Save and go back to check your answers")
    assert_errors_shown(page, "workspace-section-about-errors", "Enter the name of the activity")

    page.goto(section_path(listing, "who"))
    page.get_by_label("Youngest age (optional)").fill("70")
    page.get_by_label("Oldest age (optional)").fill("12")
    submit(page, "Save and go back to check your answers")
    assert_errors_shown(page, "workspace-section-who-errors", "Oldest age must be 16 or older")

    page.goto(section_path(listing, "where"))
    for box in page.locator("input[name=delivery]:checked").all():
        box.uncheck()
    submit(page, "Save and go back to check your answers")
    assert_errors_shown(page, "workspace-section-where-errors", "Select where it happens")
    page.get_by_role("link", name="Select where it happens").click()
    expect(page.locator("input[name=delivery]").first).to_be_focused()

    page.goto(section_path(listing, "when"))
    page.locator("#id_sessions_0_start").fill("25:00")
    submit(page, "Save and go back to check your answers")
    assert_errors_shown(
        page, "workspace-section-when-errors", "Enter the start time of session 1, like 10:00 or 2:30pm"
    )

    page.goto(section_path(listing, "cost"))
    page.get_by_label("No, people pay").check()
    page.locator("#id_costs_0_amount").fill("a lot")
    submit(page, "Save and go back to check your answers")
    assert_errors_shown(page, "workspace-section-cost-errors", "Enter price 1 in pounds, like 12.50")

    page.goto(section_path(listing, "joining"))
    page.get_by_label("Contact email address").fill("club at example")
    page.get_by_label("Contact phone number").fill("call us")
    submit(page, "Save and go back to check your answers")
    assert_errors_shown(
        page,
        "workspace-section-joining-errors",
        "Enter an email address in the correct format, like name@example.com",
        "Enter a phone number, like 0121 496 0000",
    )

    page.goto(section_path(listing, "photo"))
    page.get_by_label("Describe the photo for people who cannot see it").fill("Four people planting leeks")
    submit(page, "Save and go back to check your answers")
    assert_errors_shown(page, "workspace-section-photo-errors", "Select a photo to upload")

    assert not ListingChange.objects.exists()  # nothing with an error was saved


def test_adding_a_listing_and_a_venue_show_errors_accessibly(page, membership, listing):
    sign_in(page, membership.user)
    page.get_by_role("link", name="Add a listing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a listing")
    assert_accessible(page, "workspace-listing-add")
    submit(page, "Save and continue")
    assert_errors_shown(
        page,
        "workspace-listing-add-errors",
        "Enter the name of the activity",
        "Enter a short summary",
        "Enter what happens",
    )
    page.get_by_label("Name of the activity").fill("Tuesday walking group")
    page.get_by_label("Short summary").fill("Walk in the park.")
    page.get_by_label("What happens").fill("A gentle walk, then tea.")
    submit(page, "Save and continue")
    # A new listing goes section by section; sending it half-done lists what is missing.
    expect(page.get_by_role("heading", level=1)).to_have_text("Who it is for")
    page.get_by_role("link", name="Back to check your answers").click()
    submit(page, "Send for approval")
    missing = page.locator(".govuk-error-summary")
    expect(missing).to_contain_text("Before you send it")
    expect(missing.get_by_role("link", name="Select where it happens")).to_be_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(page, "workspace-check-missing")

    page.goto(f"/provider/{membership.provider.slug}/")
    page.get_by_role("link", name="Add a venue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a venue")
    assert_accessible(page, "workspace-venue-add")
    page.get_by_label("Name of the venue").fill("Kings Heath Hall")
    page.get_by_label("Address line 1", exact=True).fill("1 High Street")
    page.get_by_label("Town or city").fill("Birmingham")
    page.get_by_label("Postcode").fill("not a postcode")
    submit(page, "Save venue")
    assert_errors_shown(page, "workspace-venue-add-errors", "Enter a full postcode, like B13 8JP")

    page.goto(f"/provider/{membership.provider.slug}/")
    page.get_by_role("link", name="Moseley allotments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Moseley allotments")
    assert_accessible(page, "workspace-venue-change")


def test_organisation_places_closure_history_and_reports_are_accessible(page, membership, listing):
    report = ListingReport.objects.create(
        opportunity=listing, problem=ListingReport.Problem.CONTACT, details="The phone number is wrong."
    )
    sign_in(page, membership.user)

    page.get_by_role("link", name="Change your organisation's details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organisation's details")
    assert_accessible(page, "workspace-organisation")
    page.get_by_label("Email address for the public").fill("hello at example")
    submit(page, "Save details")
    assert_errors_shown(
        page,
        "workspace-organisation-errors",
        "Enter an email address in the correct format, like name@example.com",
    )

    page.goto(listing_path(listing))
    page.get_by_role("link", name="Change places").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you taking new people?")
    assert_accessible(page, "workspace-places")

    page.goto(listing_path(listing))
    page.get_by_role("link", name="Change temporary closure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is it temporarily closed?")
    assert_accessible(page, "workspace-closure")
    page.get_by_label("Yes, it is closed for a while").check()
    page.get_by_label("Date it opens again").fill("31 2 2027")
    submit(page, "Save")
    assert_errors_shown(page, "workspace-closure-errors", "Enter a real date, like 6 1 2027")

    page.goto(listing_path(listing))
    page.get_by_role("link", name="Mark as resolved").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resolve a reported problem")
    assert_accessible(page, "workspace-report-resolve")
    submit(page, "Mark as resolved")
    assert_errors_shown(page, "workspace-report-resolve-errors", "Enter what you did")
    report.refresh_from_db()
    assert report.status == ListingReport.Status.OPEN

    # An unsent change makes the discard page and a history with a before-and-after table.
    page.goto(section_path(listing, "about"))
    page.get_by_label("Short summary").fill(NEW_SUMMARY)
    submit(page, "Save and go back to check your answers")
    page.get_by_role("link", name="Discard these changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Discard your changes?")
    assert_accessible(page, "workspace-discard")

    page.goto(listing_path(listing))
    page.get_by_role("link", name="See the full history").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of this listing")
    expect(page.get_by_role("table")).to_contain_text(NEW_SUMMARY)
    assert_accessible(page, "workspace-history")


def test_council_pages_show_errors_accessibly(page, membership, listing, officer):
    ListingReport.objects.create(
        opportunity=listing, problem=ListingReport.Problem.STOPPED, details="It stopped in March."
    )
    change = submitted_change(listing, membership.user, summary=NEW_SUMMARY)

    page.goto("/account/sign-in/")
    assert_accessible(page, "sign-in")
    page.locator("#id_username").fill(officer.email)
    page.locator("#id_password").fill("not the password")
    page.locator("main .govuk-button").click()
    assert_errors_shown(
        page, "sign-in-errors", "Enter a correct email address and password. Both are case-sensitive."
    )
    sign_in(page, officer)

    page.goto("/provider/")  # an officer acts for no organisation
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organisations")
    assert_accessible(page, "workspace-no-organisation")

    page.goto(f"/council/changes/{change.pk}/")
    submit(page, "Return to the provider")
    assert_errors_shown(page, "council-review-errors", "Enter what the provider needs to change")
    change.refresh_from_db()
    assert change.status == ListingChange.Status.SUBMITTED

    page.get_by_role("link", name="See its history").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of this listing")
    assert_accessible(page, "council-history")

    page.goto("/council/")
    page.get_by_role("navigation", name="Council workspace").get_by_role(
        "link", name="Problems reported"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Problems reported by the public")
    expect(page.get_by_role("table")).to_contain_text("It stopped in March.")
    assert_accessible(page, "council-reports")
    page.get_by_role("link", name="Mark as resolved").click()
    submit(page, "Mark as resolved")
    assert_errors_shown(page, "council-report-resolve-errors", "Enter what was done")


# --- 3. The keyboard -------------------------------------------------------------------------------
def test_a_keyboard_user_skips_to_the_first_field_and_submits_with_enter(page, membership, listing):
    sign_in(page, membership.user)
    page.goto(section_path(listing, "about"))
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    title = page.get_by_label("Name of the activity")
    expect(title).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(" and orchard")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    about = page.locator(".govuk-summary-card").filter(has_text="About the activity")
    expect(about).to_contain_text("Allotment club and orchard")
    assert ListingChange.objects.get(opportunity=listing).proposed["title"] == "Allotment club and orchard"


# --- The team, invitations and requests to join ---------------------------------------------------
def test_team_and_joining_pages_are_accessible(open_page, membership, officer):
    JoinRequest.objects.create(
        name="Hall Green Walkers",
        kind="charity",
        description="Walks in the park.",
        contact_name="Sam Patel",
        email="sam@example.org",
        phone="0121 496 0123",
    )
    provider = open_page()
    sign_in(provider, membership.user)
    provider.get_by_role("link", name="Manage your team").click()
    expect(provider.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(provider, "workspace-team")
    provider.goto(f"/provider/{membership.provider.slug}/team/invite/")
    assert_accessible(provider, "workspace-team-invite")
    submit(provider, "Send invitation")
    assert_errors_shown(provider, "workspace-team-invite-errors", "Select a role")

    public = open_page()
    public.goto("/provider/join/")
    assert_accessible(public, "join-request")
    public.locator("main form .govuk-button").click()
    public.wait_for_load_state()
    assert_errors_shown(public, "join-request-errors")

    council = open_page()
    sign_in(council, officer)
    council.get_by_role("navigation", name="Council workspace").get_by_role(
        "link", name="Asking to join"
    ).click()
    expect(council.get_by_role("link", name="Hall Green Walkers")).to_be_visible()
    assert_accessible(council, "council-join-requests")
