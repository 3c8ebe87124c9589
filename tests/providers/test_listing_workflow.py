"""A provider edits, the council approves: the public sees only approved versions."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from opportunities.models import ListingChange, ListingEvent, ListingReport, Opportunity
from opportunities.search_index import opportunity_index_refresh
from opportunities.snapshots import snapshot_of
from places.models import Ward
from providers.models import Provider
from tests.factories import (
    OpportunityFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership():
    return ProviderMembershipFactory(user__email="owner@example.org")


@pytest.fixture
def listing(membership):
    venue = VenueFactory(provider=membership.provider)
    opportunity = OpportunityFactory(
        provider=membership.provider,
        title="Allotment club",
        summary="Grow vegetables with friends.",
        contact_email="club@example.org",
        venues=[venue],
    )
    SessionFactory(opportunity=opportunity)
    opportunity_index_refresh()
    return opportunity


@pytest.fixture
def officer():
    return UserFactory(email="officer@example.org", role=User.Role.COUNCIL_OFFICER, is_staff=True)


def section_url(opportunity, section):
    return reverse("providers:listing-section", args=[opportunity.provider.slug, opportunity.pk, section])


def about(opportunity, **changes):
    data = {
        "title": opportunity.title,
        "summary": opportunity.summary,
        "description": opportunity.description,
        "interests": [],
        "revision": opportunity.content_revision,
    }
    return {**data, **changes}


def revision(opportunity) -> int:
    return Opportunity.objects.get(pk=opportunity.pk).content_revision


def send(client, opportunity):
    url = reverse("providers:listing-check", args=[opportunity.provider.slug, opportunity.pk])
    return client.post(url, {"revision": revision(opportunity)})


def decide(client, change, data):
    return client.post(
        reverse("council:change", args=[change.pk]), {**data, "revision": revision(change.opportunity)}
    )


def public_text(client, opportunity) -> str:
    return client.get(opportunity.get_absolute_url()).content.decode()


def test_the_public_keep_the_approved_version_until_the_council_approves(
    client, membership, listing, officer, mailoutbox
):
    client.force_login(membership.user)
    response = client.post(section_url(listing, "about"), about(listing, title="Allotment and orchard club"))
    assert response.status_code == 302
    send(client, listing)
    change = ListingChange.objects.get(opportunity=listing)
    assert change.status == ListingChange.Status.SUBMITTED
    assert [m.to for m in mailoutbox] == [["officer@example.org"]]

    client.logout()
    assert "Allotment club" in public_text(client, listing)
    assert "orchard" not in public_text(client, listing)
    assert "Allotment and orchard club" not in client.get("/opportunities/?q=orchard").content.decode()

    client.force_login(officer)
    review = client.get(reverse("council:change", args=[change.pk])).content.decode()
    assert "Allotment club" in review and "Allotment and orchard club" in review  # before and after
    response = decide(client, change, {"approve": "1", "interests": []})
    assert response.status_code == 302

    client.logout()
    assert "Allotment and orchard club" in public_text(client, listing)
    assert "Allotment and orchard club" in client.get("/opportunities/?q=orchard").content.decode()
    assert mailoutbox[-1].to == ["hello@example.org", "owner@example.org"]
    assert "published" in mailoutbox[-1].subject
    approved = listing.events.get(kind=ListingEvent.Kind.APPROVED)
    assert approved.actor == officer
    assert ["Name of the activity", "Allotment club", "Allotment and orchard club"] in approved.changes


def test_the_council_can_change_the_proposed_tags_before_approving(client, membership, listing, officer):
    client.force_login(membership.user)
    client.post(section_url(listing, "about"), about(listing, interests=["sport"]))
    send(client, listing)
    change = ListingChange.objects.get(opportunity=listing)
    client.force_login(officer)
    decide(client, change, {"approve": "1", "interests": ["nature-gardening"], "features": ["quiet-space"]})
    listing.refresh_from_db()
    assert list(listing.interests.values_list("slug", flat=True)) == ["nature-gardening"]
    assert list(listing.features.values_list("slug", flat=True)) == ["quiet-space"]
    assert "council changed the tags" in listing.events.get(kind="approved").note


def test_returning_a_change_needs_a_reason_and_tells_the_provider(
    client, membership, listing, officer, mailoutbox
):
    client.force_login(membership.user)
    client.post(section_url(listing, "about"), about(listing, summary="Grow food."))
    send(client, listing)
    change = ListingChange.objects.get(opportunity=listing)
    client.force_login(officer)
    response = decide(client, change, {"return": "1", "reason": "  "})
    assert response.status_code == 400
    assert "Enter what the provider needs to change" in response.content.decode()
    change.refresh_from_db()
    assert change.status == ListingChange.Status.SUBMITTED

    decide(client, change, {"return": "1", "reason": "Say which day the club meets."})
    change.refresh_from_db()
    assert change.status == ListingChange.Status.RETURNED
    assert "Say which day the club meets." in mailoutbox[-1].body
    client.force_login(membership.user)
    page = client.get(reverse("providers:listing", args=[listing.provider.slug, listing.pk])).content.decode()
    assert "Say which day the club meets." in page


def test_a_second_editor_working_from_an_older_version_is_refused_and_sees_their_text(
    client, membership, listing
):
    colleague = ProviderMembershipFactory(provider=membership.provider, role="editor").user
    opened_at = listing.content_revision
    client.force_login(membership.user)
    client.post(section_url(listing, "about"), about(listing, title="Allotment club (first editor)"))

    client.force_login(colleague)
    response = client.post(
        section_url(listing, "about"),
        about(listing, title="Allotment club (second editor)", revision=opened_at),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved changes to this listing" in page
    assert 'value="Allotment club (second editor)"' in page  # their text is shown back to them
    change = ListingChange.objects.get(opportunity=listing)
    assert change.proposed["title"] == "Allotment club (first editor)"  # nothing overwritten


def test_bad_input_shows_gov_uk_errors_and_saves_nothing(client, membership, listing):
    client.force_login(membership.user)
    response = client.post(
        section_url(listing, "when"),
        {
            "by_arrangement": "no",
            "sessions_0_day": "1",
            "sessions_0_start": "25:00",
            "sessions_0_end": "11:00",
            "revision": listing.content_revision,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Enter the start time of session 1, like 10:00 or 2:30pm" in page
    assert not ListingChange.objects.exists()
    listing.refresh_from_db()
    assert listing.content_revision == 0


def test_sessions_and_prices_are_read_as_people_type_them(client, membership, listing):
    client.force_login(membership.user)
    client.post(
        section_url(listing, "when"),
        {"by_arrangement": "no", "sessions_0_day": "2", "sessions_0_start": "2pm", "sessions_0_end": "4.30pm",
         "revision": listing.content_revision},
    )  # fmt: skip
    listing.refresh_from_db()
    client.post(
        section_url(listing, "cost"),
        {"is_free": "no", "costs_0_amount": "£12.50", "costs_0_unit": "session", "payment_routes": ["direct-payment"],
         "revision": listing.content_revision},
    )  # fmt: skip
    proposed = ListingChange.objects.get(opportunity=listing).proposed
    assert proposed["sessions"] == [[2, "14:00", "16:30"]]
    assert proposed["costs"] == [["12.50", "session", ""]]
    assert proposed["payment_routes"] == ["direct-payment"]


def test_a_new_listing_goes_section_by_section_and_needs_approval(client, membership, officer):
    VenueFactory(provider=membership.provider, name="Kings Heath Hall")
    client.force_login(membership.user)
    slug = membership.provider.slug
    response = client.post(
        reverse("providers:listing-create", args=[slug]),
        {"title": "Tuesday walking group", "summary": "Walk in the park.", "description": "A gentle walk."},
    )
    opportunity = Opportunity.objects.get(title="Tuesday walking group")
    assert opportunity.status == Opportunity.Status.DRAFT
    assert response["Location"] == section_url(opportunity, "who")
    assert client.get(opportunity.get_absolute_url()).status_code == 404

    # Sending before the listing is complete lists what is missing.
    response = send(client, opportunity)
    assert "Select where it happens" in response.content.decode()
    assert ListingChange.objects.get(opportunity=opportunity).status == "draft"

    opportunity.refresh_from_db()
    venue = membership.provider.venues.get()
    client.post(section_url(opportunity, "where"),
                {"delivery": ["venue"], "venues": [venue.pk], "revision": opportunity.content_revision})  # fmt: skip
    opportunity.refresh_from_db()
    client.post(
        section_url(opportunity, "when"), {"by_arrangement": "yes", "revision": opportunity.content_revision}
    )
    opportunity.refresh_from_db()
    client.post(section_url(opportunity, "joining"),
                {"joining": "self", "contact_phone": "0121 496 0123", "revision": opportunity.content_revision})  # fmt: skip
    response = send(client, opportunity)
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.IN_REVIEW

    client.force_login(officer)
    queue = client.get(reverse("council:queue")).content.decode()
    assert "Tuesday walking group" in queue and "New listing" in queue
    change = ListingChange.objects.get(opportunity=opportunity)
    decide(client, change, {"approve": "1"})
    client.logout()
    assert "A gentle walk." in public_text(client, opportunity)
    assert "Tuesday walking group" in client.get("/opportunities/?q=walking").content.decode()


def test_places_closures_and_still_current_are_published_at_once(client, membership, listing):
    client.force_login(membership.user)
    slug = listing.provider.slug
    client.post(reverse("providers:listing-vacancies", args=[slug, listing.pk]), {"vacancies": "no"})
    reopens = datetime.date.today() + datetime.timedelta(days=20)
    client.post(
        reverse("providers:listing-closure", args=[slug, listing.pk]),
        {"closed": "yes", "reopens": f"{reopens.day} {reopens.month} {reopens.year}"},
    )
    Opportunity.objects.filter(pk=listing.pk).update(last_checked_on=datetime.date(2025, 1, 1))
    client.post(reverse("providers:listing-confirm", args=[slug, listing.pk]))

    assert not ListingChange.objects.exists()  # no approval needed
    listing.refresh_from_db()
    assert (listing.vacancies, listing.closed_until, listing.last_checked_on) == (
        "no",
        reopens,
        timezone.localdate(),
    )
    client.logout()
    page = public_text(client, listing)
    assert "Not taking new people" in page
    results = client.get("/opportunities/?q=allotment").content.decode()
    assert f"Closed until {reopens:%-d %B %Y}" in results
    kinds = set(listing.events.values_list("kind", flat=True))
    assert {"vacancies", "closed", "confirmed"} <= kinds


@pytest.mark.parametrize(
    ("reopens", "message"),
    [("", "Enter the date it opens again"), ("31 2 2027", "Enter a real date, like 6 1 2027"),
     ("1 1 2020", "The date it opens again must be in the future")],
)  # fmt: skip
def test_a_closure_date_must_be_real_and_ahead(client, membership, listing, reopens, message):
    client.force_login(membership.user)
    response = client.post(
        reverse("providers:listing-closure", args=[listing.provider.slug, listing.pk]),
        {"closed": "yes", "reopens": reopens},
    )
    assert message in response.content.decode()
    listing.refresh_from_db()
    assert listing.closed_until is None


def test_a_reported_problem_reaches_the_provider_and_the_council_and_can_be_resolved(
    client, membership, listing, officer, mailoutbox
):
    client.post(
        reverse("opportunities:report", args=[listing.slug]),
        {"problem": "contact", "details": "The phone number is wrong."},
    )
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == ["hello@example.org", "officer@example.org", "owner@example.org"]
    report = ListingReport.objects.get()

    client.force_login(officer)
    assert "The phone number is wrong." in client.get(reverse("council:reports")).content.decode()
    client.force_login(membership.user)
    dashboard = client.get(reverse("providers:detail", args=[listing.provider.slug])).content.decode()
    assert "Problem reported" in dashboard
    url = reverse("providers:report-resolve", args=[listing.provider.slug, report.pk])
    assert "Enter what you did" in client.post(url, {"resolution": ""}).content.decode()
    client.post(url, {"resolution": "Fixed the number."})
    report.refresh_from_db()
    assert (report.status, report.resolution, report.resolved_by) == (
        "resolved",
        "Fixed the number.",
        membership.user,
    )


def test_history_shows_who_changed_what(client, membership, listing):
    client.force_login(membership.user)
    client.post(section_url(listing, "about"), about(listing, summary="Grow fruit and vegetables."))
    page = client.get(
        reverse("providers:listing-history", args=[listing.provider.slug, listing.pk])
    ).content.decode()
    assert "Changes saved" in page
    assert str(membership.user) in page
    assert "Grow vegetables with friends." in page and "Grow fruit and vegetables." in page


def test_council_pages_are_for_officers_only(client, membership, listing):
    change = ListingChange.objects.create(opportunity=listing, status="submitted", proposed={})
    urls = [reverse("council:queue"), reverse("council:change", args=[change.pk]), reverse("council:reports"),
            reverse("council:history", args=[listing.pk])]  # fmt: skip
    for url in urls:
        assert client.get(url).status_code == 302  # to sign in
    client.force_login(membership.user)
    for url in urls:
        assert client.get(url).status_code == 403


def test_a_personal_assistant_is_found_by_the_areas_they_cover(client):
    provider = ProviderFactory(name="Sam Patel", kind=Provider.Kind.PERSONAL_ASSISTANT)
    opportunity = OpportunityFactory(provider=provider, title="Personal Assistant in Hall Green",
                                     delivery=["home", "community"])  # fmt: skip
    opportunity.areas.set(Ward.objects.filter(slug__in=["hall-green-north", "hall-green-south"]))
    opportunity_index_refresh()
    page = client.get("/opportunities/?ward=hall-green-north").content.decode()
    assert "Personal Assistant in Hall Green" in page
    assert re.search(r"govuk-tag[^>]*>Personal Assistant<", page)
    assert (
        "Personal Assistant in Hall Green" not in client.get("/opportunities/?ward=moseley").content.decode()
    )


def test_the_council_cannot_approve_a_version_it_has_not_read(client, membership, listing, officer):
    client.force_login(membership.user)
    client.post(section_url(listing, "about"), about(listing, summary="The version the officer reads."))
    send(client, listing)
    change = ListingChange.objects.get(opportunity=listing)
    officer_saw = revision(listing)
    # The provider changes it again and re-sends while the officer is reading.
    client.post(section_url(listing, "about"), about(listing, summary="A version nobody has read.",
                                                     revision=officer_saw))  # fmt: skip
    send(client, listing)

    client.force_login(officer)
    response = client.post(
        reverse("council:change", args=[change.pk]), {"approve": "1", "revision": officer_saw}
    )
    assert response.status_code == 302
    assert "changed after you opened it" in client.get(response["Location"]).content.decode()
    listing.refresh_from_db()
    assert listing.summary == "Grow vegetables with friends."  # nothing published
    assert ListingChange.objects.get(pk=change.pk).status == ListingChange.Status.SUBMITTED


def test_an_editor_whose_form_had_errors_still_cannot_overwrite_a_colleague(client, membership, listing):
    colleague = ProviderMembershipFactory(provider=membership.provider, role="editor").user
    opened_at = revision(listing)
    client.force_login(colleague)
    client.post(section_url(listing, "about"), about(listing, summary="The colleague's summary."))

    client.force_login(membership.user)
    with_error = client.post(section_url(listing, "about"), about(listing, title="", revision=opened_at))
    page = with_error.content.decode()
    assert f'name="revision" value="{opened_at}"' in page  # still the version this editor started from
    response = client.post(section_url(listing, "about"), about(listing, summary="Mine.", revision=opened_at))
    assert response.status_code == 409
    assert ListingChange.objects.get(opportunity=listing).proposed["summary"] == "The colleague's summary."


def test_discarding_refuses_when_a_colleague_saved_since(client, membership, listing):
    client.force_login(membership.user)
    client.post(section_url(listing, "about"), about(listing, summary="First draft."))
    seen = revision(listing)
    client.post(section_url(listing, "about"), about(listing, summary="Careful later work.", revision=seen))
    client.post(
        reverse("providers:listing-discard", args=[listing.provider.slug, listing.pk]), {"revision": seen}
    )
    change = ListingChange.objects.get(opportunity=listing)
    assert (change.status, change.proposed["summary"]) == ("draft", "Careful later work.")


@pytest.mark.parametrize(
    ("url_name", "data"),
    [("listing-section", {"by_arrangement": "no", "sessions_0_day": "abc", "sessions_0_start": "10:00",
                          "sessions_0_end": "11:00"}),
     ("listing-closure", {"closed": "yes", "reopens": "1 1 99999999999999999999"})],
)  # fmt: skip
def test_garbled_input_gets_an_error_message_not_a_server_error(client, membership, listing, url_name, data):
    client.force_login(membership.user)
    args = [listing.provider.slug, listing.pk] + (["when"] if url_name == "listing-section" else [])
    response = client.post(
        reverse(f"providers:{url_name}", args=args), {**data, "revision": revision(listing)}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_the_officer_sees_a_proposed_photo_before_it_is_public(client, membership, listing, officer):
    from opportunities.models import Photo

    photo = Photo.objects.create(opportunity=listing, image=b"jpeg", content_type="image/jpeg", width=1,
                                 height=1, alt_text="People planting beans")  # fmt: skip
    proposed = {**snapshot_of(listing), "photo": {"id": photo.pk, "alt": photo.alt_text}}
    change = ListingChange.objects.create(opportunity=listing, status="submitted", proposed=proposed)
    client.force_login(officer)
    page = client.get(reverse("council:change", args=[change.pk])).content.decode()
    assert reverse("council:change-photo", args=[change.pk]) in page
    assert client.get(reverse("council:change-photo", args=[change.pk])).content == b"jpeg"
    client.logout()
    assert client.get(reverse("opportunities:photo", args=[listing.slug, photo.pk])).status_code == 404


def test_personal_assistants_have_a_filter_of_their_own(client):
    assistant = ProviderFactory(name="Sam Patel", kind=Provider.Kind.PERSONAL_ASSISTANT)
    OpportunityFactory(provider=assistant, title="Support at home with Sam", delivery=["home"])
    OpportunityFactory(title="Community choir")
    opportunity_index_refresh()
    page = client.get("/opportunities/?pa=1").content.decode()
    assert "Support at home with Sam" in page and "Community choir" not in page
    assert "Personal Assistants" in page  # the chip that removes the filter
    everything = client.get("/opportunities/").content.decode()
    assert re.search(r"Only Personal Assistants <span class=\"dw-count\">\(1<", everything)
