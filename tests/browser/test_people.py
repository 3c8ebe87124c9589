"""A social worker plans a week with someone, in a real browser, and every page on the way has no
axe-core WCAG 2.2 AA violation: create a profile, search for the person, shortlist two
activities, build a plan within budget and print the Easy Read version."""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.models import User
from citizens.models import CitizenProfile, PlanEntry, ProfileAccess, ShortlistItem
from citizens.services import carer_link_add, profile_create
from opportunities.models import Feature, Interest, PaymentRoute
from opportunities.search_index import opportunity_index_refresh
from tests.browser.conftest import assert_accessible
from tests.browser.test_workspace import BROKEN_ERROR_LINKS, sign_in
from tests.citizens.test_person_search import MOSELEY, listing
from tests.citizens.test_person_search import url as search_url
from tests.factories import (
    PASSWORD,
    CostFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def directory(reference_data):
    """Two step-free activities in Moseley that suit Sam, and one with steps that must not show."""
    venue = VenueFactory(name="Moseley Community Hall")
    step_free = Feature.objects.get(slug="step-free")
    direct_payment = PaymentRoute.objects.get(slug="direct-payment")
    made = {}
    for title, interest, weekday, amount, accessible in [
        ("Allotment club", "nature-gardening", 1, "10.00", True),
        ("Community kitchen", "cooking-food", 3, "12.00", True),
        ("Garden volunteers up the hill", "nature-gardening", 1, "5.00", False),
    ]:
        listing = OpportunityFactory(provider=venue.provider, title=title, venues=[venue])
        listing.interests.set([Interest.objects.get(slug=interest)])
        listing.payment_routes.set([direct_payment])
        if accessible:
            listing.features.set([step_free])
        SessionFactory(opportunity=listing, weekday=weekday, start=datetime.time(10), end=datetime.time(12))
        CostFactory(opportunity=listing, amount=Decimal(amount))
        made[title] = listing
    opportunity_index_refresh()
    return made


def check(page, name):
    assert_accessible(page, f"people-{name}")


def test_a_social_worker_plans_a_week_within_budget_and_prints_the_easy_read_version(page, directory):
    worker = UserFactory(role=User.Role.SOCIAL_WORKER, full_name="Priya Sandhu")
    sign_in(page, worker)
    expect(page).to_have_url(re.compile(r"/people/$"))
    check(page, "caseload-empty")

    # Create the profile, part by part, with one mistake on the way.
    page.get_by_role("link", name="Add someone to your caseload").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name they like to be called")
    assert page.evaluate(BROKEN_ERROR_LINKS) == []
    check(page, "new-error")
    page.get_by_label("The name they like to be called").fill("Sam")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("About them")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("1990")
    page.get_by_label("Home postcode").fill("B13 8JP")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a real date")
    assert page.evaluate(BROKEN_ERROR_LINKS) == []
    check(page, "about-error")
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("Nature and gardening").check()
    page.get_by_label("Cooking and food").check()
    page.get_by_label("What does a good day look like?").fill("Outside, with friends, then a cup of tea.")
    check(page, "interests")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Step-free access").check()
    check(page, "needs")
    page.get_by_role("button", name="Save and continue").click()
    page.locator("fieldset", has_text="Mornings").get_by_label("Tuesday").check()
    page.locator("fieldset", has_text="Mornings").get_by_label("Thursday").check()
    check(page, "when")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("How far will they travel, in miles?").fill("3")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Weekly direct payment or personal budget, in pounds").fill("40")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save").click()

    profile = CitizenProfile.objects.get()
    assert profile.social_worker == worker and profile.weekly_budget == Decimal("40")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam")
    expect(page.locator("main")).to_contain_text("Tuesday morning")
    check(page, "profile")

    # Search for Sam: the two step-free activities, not the one with steps.
    page.get_by_role("link", name="Search for Sam").first.click()
    expect(page.locator("main")).to_contain_text("Sam")
    expect(page.locator("main")).to_contain_text("Allotment club")
    expect(page.locator("main")).not_to_contain_text("Garden volunteers up the hill")
    assert "B13" not in page.url and "step-free" not in page.url
    check(page, "search")
    page.get_by_role("button", name=re.compile("Add to Sam’s shortlist.*Allotment club")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    page.get_by_role("button", name=re.compile("Add to Sam’s shortlist.*Community kitchen")).click()
    assert ShortlistItem.objects.filter(profile=profile).count() == 2

    # The shortlist, then each activity into the weekly plan.
    for title in ("Allotment club", "Community kitchen"):
        page.goto(f"/people/{profile.uuid}/shortlist/")
        check(page, "shortlist")
        page.get_by_role("link", name=f"Add {title} to weekly plan").click()
        check(page, f"plan-add-{title[:5].lower()}")
        page.locator("input[type=radio]").first.check()
        page.get_by_role("button", name="Add to weekly plan").click()
    assert PlanEntry.objects.filter(profile=profile).count() == 2
    expect(page.locator("main")).to_contain_text("£22")
    expect(page.locator("main")).to_contain_text("£40")
    expect(page.locator(".govuk-warning-text")).to_have_count(0)  # within budget, no clash
    check(page, "plan")

    # The Easy Read version, printed.
    page.get_by_role("link", name="Easy Read version").click()
    expect(page.locator("main")).to_contain_text("Allotment club")
    check(page, "plan-easy-read")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    page.screenshot(path="test-artifacts/people-plan-easy-read-print.png", full_page=True)
    expect(page.locator(".govuk-header")).to_be_hidden()

    # Everything Priya did is in Sam's access log.
    actions = set(ProfileAccess.objects.filter(profile=profile, user=worker).values_list("action", flat=True))
    assert {"created", "changed", "viewed"} <= actions


def test_the_people_pages_are_accessible_for_the_person_and_their_carer(page, directory):

    worker = UserFactory(role=User.Role.SOCIAL_WORKER)
    person = UserFactory(role=User.Role.CITIZEN)
    profile = profile_create(by=worker, preferred_name="Jo")
    profile.person = person
    profile.save()
    carer = UserFactory(role=User.Role.CARER)
    carer_link_add(profile=profile, carer=carer, by=worker, consent_given_by="Jo", consent_method="in_person",
                   consent_given_on=datetime.date(2026, 11, 1))  # fmt: skip
    sign_in(page, person)
    for name in ("", "carers/", "access-log/", "your-data/", "delete/", "suggestions/", "enquiries/", "reviews/",
                 "reviews/new/", "plan/", "plan/print/", "shortlist/"):  # fmt: skip
        page.goto(f"/people/{profile.uuid}/{name}")
        check(page, f"person-{name.strip('/').replace('/', '-') or 'profile'}")
    page.goto(f"/people/{profile.uuid}/delete/")
    page.get_by_role("button", name="Delete the profile").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tick the box")
    assert page.evaluate(BROKEN_ERROR_LINKS) == []
    check(page, "person-delete-error")
    page.goto(f"/people/{profile.uuid}/carers/")
    page.get_by_role("button", name="Link this carer").click()
    assert page.evaluate(BROKEN_ERROR_LINKS) == []
    check(page, "person-carers-error")

    page.context.clear_cookies()
    sign_in(page, carer)
    page.goto("/people/")
    check(page, "carer-people")
    page.get_by_role("link", name="Jo").click()
    check(page, "carer-profile")


def test_the_page_is_accessible_and_works_from_the_keyboard(page, reference_data):
    social_worker = UserFactory(role=User.Role.SOCIAL_WORKER)
    profile = profile_create(by=social_worker, preferred_name="Jo")
    profile.postcode, profile.travel_miles = MOSELEY, Decimal("2")
    profile.save()
    profile.needs.set(Feature.objects.filter(slug="step-free"))
    listing("Allotment club", interests=["nature-gardening"], features=["step-free"])
    listing("Garden with steps", interests=["nature-gardening"])
    opportunity_index_refresh()

    page.goto("/account/sign-in/")
    page.locator("#id_username").fill(social_worker.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main .govuk-button").click()
    page.wait_for_url(lambda address: "/sign-in/" not in address)
    page.goto(search_url(profile))
    assert page.get_by_role("region", name="Who this search is for").is_visible()
    assert page.locator("#results-heading").inner_text() == "1 thing to do"
    assert_accessible(page, "person-search")

    # Tab to the step-free chip and press Enter: the need is dropped, the address stays the same.
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "access=step-free":
            break
    else:
        raise AssertionError("The step-free chip is not reachable with Tab")
    # Wait for the form's answer: load state alone can be read before the navigation starts.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#results-heading").inner_text() == "2 things to do"
    assert page.url.endswith(search_url(profile))
    assert page.get_by_role("button", name="Start again from Jo’s profile").is_visible()

    page.locator("#max_cost").fill("abc")
    with page.expect_navigation():
        page.locator("#max_cost").press("Enter")
    assert_accessible(page, "person-search-errors")
    page.get_by_role("link", name="The most you want to pay must be an amount in pounds, like 10").click()
    assert page.evaluate("document.activeElement.id") == "max_cost"
