"""A provider's own upload of the CSV template (/provider/<slug>/import/): who may use it, the
check-then-send flow, and that it only ever makes or changes that provider's own listings and
venues, whatever the file says."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from opportunities.models import ListingChange, ListingEvent, Opportunity
from opportunities.services import listing_change_approve
from oruk import csv_format
from oruk.importer import import_services
from oruk.models import SourceRecord
from oruk.pages import provider_csv, provider_source
from providers.models import Provider, ProviderMembership, Venue
from tests.factories import (
    OpportunityFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db
EXAMPLE = {column.name: column.example for column in csv_format.COLUMNS}


def rows_csv(*changes: dict, columns=None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or csv_format.COLUMN_NAMES, extrasaction="ignore")
    writer.writeheader()
    for change in changes:
        writer.writerow({**EXAMPLE, **change})
    return out.getvalue()


def csv_upload(text: str, name: str = "listings.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def upload_url(provider):
    return reverse("provider_import:upload", args=[provider.slug])


def check_url(provider):
    return reverse("provider_import:check", args=[provider.slug])


@pytest.fixture
def membership():
    return ProviderMembershipFactory(provider__name="Moseley Community Growers")


@pytest.fixture
def provider(membership):
    return membership.provider


@pytest.fixture
def member_client(client, membership):
    client.force_login(membership.user)
    return client


def check(client, provider, text: str, name: str = "listings.csv"):
    """Upload the file and open the check page."""
    response = client.post(upload_url(provider), {"file": csv_upload(text, name)})
    assert response.status_code == 302 and response["Location"] == check_url(provider), response
    return client.get(check_url(provider))


def send(client, provider, text: str):
    preview = check(client, provider, text)
    return client.post(check_url(provider), {"token": preview.context["token"]})


# --- Who may use it -------------------------------------------------------------------------------
@pytest.mark.parametrize("url", [upload_url, check_url])
def test_signed_out_people_are_asked_to_sign_in(client, provider, url):
    response = client.get(url(provider))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("url", [upload_url, check_url])
@pytest.mark.parametrize(
    "who", ["other-provider", User.Role.COUNCIL_OFFICER, User.Role.CITIZEN, User.Role.SOCIAL_WORKER]
)
def test_anyone_outside_the_provider_gets_not_found(client, provider, url, who):
    user = ProviderMembershipFactory().user if who == "other-provider" else UserFactory(role=who)
    client.force_login(user)
    assert client.get(url(provider)).status_code == 404
    response = client.post(upload_url(provider), {"file": csv_upload(rows_csv({}))})
    assert response.status_code == 404
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize("role", [ProviderMembership.Role.OWNER, ProviderMembership.Role.EDITOR])
def test_owners_and_editors_can_upload(client, role):
    membership = ProviderMembershipFactory(role=role)
    client.force_login(membership.user)
    page = client.get(upload_url(membership.provider)).content.decode()
    assert "Add many listings from a spreadsheet" in page
    assert reverse("open_data:template-csv") in page and reverse("open_data:csv-guide") in page
    assert f"Every row becomes a listing of {membership.provider.name}" in page
    assert send(client, membership.provider, rows_csv({})).status_code == 200
    assert Opportunity.objects.get().provider == membership.provider


def test_the_workspace_links_to_the_upload(member_client, provider):
    page = member_client.get(reverse("providers:detail", args=[provider.slug])).content.decode()
    assert f'href="{upload_url(provider)}"' in page
    assert "Add many listings from a spreadsheet" in page


# --- The file -------------------------------------------------------------------------------------
def test_only_a_csv_file_is_accepted(member_client, provider):
    response = member_client.post(upload_url(provider), {"file": csv_upload('{"id": "1"}', "feed.json")})
    assert response.status_code == 200
    assert "The selected file must be a CSV file" in response.content.decode()
    response = member_client.post(upload_url(provider), {})
    assert "Select a CSV file" in response.content.decode()
    binary = SimpleUploadedFile("listings.csv", b"a\x00b", content_type="text/csv")
    page = member_client.post(upload_url(provider), {"file": binary}).content.decode()
    assert "must be a CSV file, saved as text" in page and "JSON" not in page
    assert member_client.get(check_url(provider)).status_code == 302  # nothing waits to be checked


def test_check_shows_counts_and_each_problem_then_sends_for_approval(
    member_client, membership, provider, mailoutbox
):
    officer = UserFactory(email="officer@example.org", role=User.Role.COUNCIL_OFFICER)
    text = rows_csv(
        {"source_id": "GOOD"}, {"source_id": "BAD", "title": "Knit club", "interests": "Knitting"}
    )
    preview = check(member_client, provider, text)
    page = preview.content.decode()
    assert "Check your listings before sending them" in page
    assert "row 3" in page and "<code>interests</code>" in page and "Knitting" in page
    assert "Send these listings for approval" in page
    report = preview.context["report"]
    assert (report.created["listings"], report.created["venues"], report.skipped) == (1, 1, 1)
    assert not Opportunity.objects.exists() and not Venue.objects.exists()  # a dry run

    done = member_client.post(check_url(provider), {"token": preview.context["token"]})
    assert done.status_code == 200 and "Listings sent for approval" in done.content.decode()
    listing = Opportunity.objects.get()
    assert listing.title == "Allotment gardening club" and listing.provider == provider
    assert listing.status == Opportunity.Status.IN_REVIEW and listing.published_at is None
    change = ListingChange.objects.get(opportunity=listing)
    assert change.status == ListingChange.Status.SUBMITTED and change.submitted_by == membership.user
    assert listing.venues.get().provider == provider
    # The council hears of it once, without the listings' content.
    assert [m.to for m in mailoutbox] == [[officer.email]]
    assert provider.name in mailoutbox[0].subject and "New listings: 1" in mailoutbox[0].body
    assert f"oruk_provider_upload:{provider.uuid}" not in member_client.session
    assert member_client.post(check_url(provider), {"token": preview.context["token"]}).status_code == 302
    assert Opportunity.objects.count() == 1


def test_the_provider_columns_are_ignored(member_client, provider):
    other = ProviderFactory(name="Someone Else Trust", email="else@example.org")
    before = {p.pk: (p.name, p.email, p.phone, p.website, p.kind) for p in Provider.objects.all()}
    text = rows_csv(
        {
            "provider_name": other.name,
            "provider_kind": "Private company",
            "provider_email": "attacker@example.org",
            "provider_phone": "0000",
            "provider_website": "https://attacker.example",
        },
        {"source_id": "NO-NAME", "title": "Pottery", "provider_name": "", "provider_kind": "not a kind"},
    )
    send(member_client, provider, text)
    assert Provider.objects.count() == 2  # no provider was made
    assert {p.pk: (p.name, p.email, p.phone, p.website, p.kind) for p in Provider.objects.all()} == before
    assert set(Opportunity.objects.values_list("provider", flat=True)) == {provider.pk}
    assert Opportunity.objects.count() == 2
    assert not other.opportunities.exists() and not other.venues.exists()


def test_a_file_without_provider_columns_is_fine(member_client, provider):
    columns = [name for name in csv_format.COLUMN_NAMES if not name.startswith("provider_")]
    preview = check(member_client, provider, rows_csv({}, columns=columns))
    assert preview.context["problems"] == [] and preview.context["report"].created["listings"] == 1


def test_rows_keep_their_numbers_and_the_provider_name_is_taken_out(provider):
    text = 'title,summary\n"Two\nlines",x\n\n,\nLast,y,extra\n'
    rewritten = provider_csv(text, provider)
    rows = list(csv.reader(io.StringIO(rewritten)))
    assert rows[0] == ["provider_name", "title", "summary"]
    assert rows[1] == [str(provider.uuid), "Two\nlines", "x"]
    assert rows[2] == [] and not any(rows[3])
    assert rows[4] == [str(provider.uuid), "Last", "y", "extra"]  # still a row with too many cells
    labels = [label for label, _ in csv_format.read_csv(rewritten)]
    assert labels == [label for label, _ in csv_format.read_csv(text.replace("title", "provider_name,title"))]


def test_uploading_the_same_file_again_changes_nothing(member_client, provider):
    text = rows_csv({})
    send(member_client, provider, text)
    events, changes = ListingEvent.objects.count(), ListingChange.objects.count()
    preview = check(member_client, provider, text)
    report = preview.context["report"]
    assert report.unchanged["listings"] == 1 and report.created["listings"] == report.updated["listings"] == 0
    assert not preview.context["importable"]
    assert "There is nothing new to send from this file" in preview.content.decode()
    member_client.post(check_url(provider), {"token": preview.context["token"]})
    assert (ListingEvent.objects.count(), ListingChange.objects.count()) == (events, changes)
    assert Opportunity.objects.count() == 1 and Venue.objects.count() == 1


def test_renaming_the_provider_keeps_rows_matched(member_client, provider):
    text = rows_csv({"source_id": ""})  # identified by the provider and the title
    send(member_client, provider, text)
    Provider.objects.filter(pk=provider.pk).update(name="Moseley Growers")
    report = check(member_client, provider, text).context["report"]
    assert report.unchanged["listings"] == 1 and report.created["listings"] == 0


def test_an_edited_file_updates_a_published_listing_through_review(member_client, provider):
    send(member_client, provider, rows_csv({}))
    listing = Opportunity.objects.get()
    officer = UserFactory(role=User.Role.COUNCIL_OFFICER)
    change = ListingChange.objects.get(opportunity=listing)
    listing_change_approve(change=change, by=officer, revision=listing.content_revision)
    listing.refresh_from_db()
    assert listing.status == Opportunity.Status.PUBLISHED

    new_summary = "Grow vegetables, fruit and flowers at a Moseley allotment."
    preview = check(member_client, provider, rows_csv({"summary": new_summary}))
    assert preview.context["report"].updated["listings"] == 1
    member_client.post(check_url(provider), {"token": preview.context["token"]})
    listing.refresh_from_db()
    assert listing.summary != new_summary  # the public still see the approved version
    change = ListingChange.objects.open().get(opportunity=listing)
    assert change.status == ListingChange.Status.SUBMITTED and change.proposed["summary"] == new_summary


def test_a_listing_someone_in_the_team_is_editing_is_skipped_with_a_reason(member_client, provider):
    send(member_client, provider, rows_csv({}))
    listing = Opportunity.objects.get()
    colleague = ProviderMembershipFactory(provider=provider, role=ProviderMembership.Role.EDITOR).user
    ListingChange.objects.filter(opportunity=listing).update(created_by=colleague)
    preview = check(member_client, provider, rows_csv({"summary": "A new summary."}))
    assert preview.context["report"].skipped == 1
    assert "Someone is editing this listing" in preview.content.decode()


def test_cancelling_forgets_the_file_and_sends_nothing(member_client, provider):
    check(member_client, provider, rows_csv({}))
    response = member_client.post(check_url(provider), {"cancel": "1"})
    assert response["Location"] == reverse("providers:detail", args=[provider.slug])
    assert not Opportunity.objects.exists()
    assert member_client.get(check_url(provider)).status_code == 302


def test_a_stale_token_sends_nothing(member_client, provider):
    check(member_client, provider, rows_csv({}))
    response = member_client.post(check_url(provider), {"token": "an-old-one"})
    assert response.status_code == 302 and not Opportunity.objects.exists()


# --- Security -------------------------------------------------------------------------------------
def test_a_file_uploaded_for_one_provider_cannot_be_sent_for_another(client):
    mine = ProviderMembershipFactory()
    other = ProviderMembershipFactory(user=mine.user).provider  # the same person works for both
    client.force_login(mine.user)
    preview = check(client, mine.provider, rows_csv({}))
    token = preview.context["token"]
    assert client.get(check_url(other)).status_code == 302
    assert client.post(check_url(other), {"token": token}).status_code == 302
    assert not Opportunity.objects.exists()

    # Even moved to the other provider's place in the session, it is bound to the first.
    session = client.session
    session[f"oruk_provider_upload:{other.uuid}"] = session[f"oruk_provider_upload:{mine.provider.uuid}"]
    session.save()
    assert client.post(check_url(other), {"token": token}).status_code == 302
    assert not Opportunity.objects.exists()


def test_the_provider_and_council_uploads_do_not_mix(client, provider, membership):
    membership.user.role = User.Role.COUNCIL_OFFICER
    membership.user.officer_roles = [User.OfficerRole.MODERATOR]
    membership.user.save()
    client.force_login(membership.user)
    check(client, provider, rows_csv({}))
    assert "oruk_upload" not in client.session
    assert client.get(reverse("council_data:import-preview")).status_code == 302


def test_a_row_cannot_reach_another_providers_listing_by_its_id(member_client, provider):
    theirs = OpportunityFactory(title="Their club")
    also_theirs = OpportunityFactory(title="Their other club", provider=theirs.provider)
    columns = [*csv_format.COLUMN_NAMES, "listing_uuid", "provider_uuid"]
    text = rows_csv(
        {"source_id": str(theirs.uuid)},
        {"title": "Two", "listing_uuid": str(also_theirs.uuid), "provider_uuid": str(theirs.provider.uuid)},
        columns=columns,
    )
    preview = check(member_client, provider, text)
    assert preview.context["report"].created["listings"] == 2
    member_client.post(check_url(provider), {"token": preview.context["token"]})
    for listing, title in ((theirs, "Their club"), (also_theirs, "Their other club")):
        listing.refresh_from_db()
        assert listing.title == title and listing.provider != provider
        assert not ListingChange.objects.filter(opportunity=listing).exists()
    mine = Opportunity.objects.filter(provider=provider)
    assert mine.count() == 2 and not {theirs.uuid, also_theirs.uuid} & {listing.uuid for listing in mine}


def test_a_listing_moved_to_another_provider_is_refused(member_client, provider):
    send(member_client, provider, rows_csv({}))
    listing = Opportunity.objects.get()
    elsewhere = ProviderFactory()
    Opportunity.objects.filter(pk=listing.pk).update(provider=elsewhere)
    changes = ListingChange.objects.count()
    for text in (rows_csv({}), rows_csv({"summary": "A new summary."})):  # the same file and an edited one
        preview = check(member_client, provider, text)
        page = preview.content.decode()
        assert preview.context["report"].skipped == 1
        assert "belongs to another provider" in page
        member_client.post(check_url(provider), {"token": preview.context["token"]})
    listing.refresh_from_db()
    assert listing.provider == elsewhere and listing.summary == EXAMPLE["summary"]
    assert ListingChange.objects.count() == changes


def test_a_venue_moved_to_another_provider_is_refused(member_client, provider):
    send(member_client, provider, rows_csv({}))
    venue = Venue.objects.get()
    elsewhere = ProviderFactory()
    Venue.objects.filter(pk=venue.pk).update(provider=elsewhere)
    preview = check(member_client, provider, rows_csv({"source_id": "NEW", "title": "Another club"}))
    assert preview.context["report"].skipped == 1
    assert "belongs to another provider" in preview.content.decode()
    member_client.post(check_url(provider), {"token": preview.context["token"]})
    venue.refresh_from_db()
    assert venue.provider == elsewhere and venue.name == EXAMPLE["venue_name"]
    assert not Opportunity.objects.filter(title="Another club").exists()


def _service(service_id: str, **extra) -> dict:
    return {"id": service_id, "name": "Walking group", "description": "We walk.", "status": "active", **extra}


def test_the_importer_option_never_reads_or_saves_the_organisation():
    provider = ProviderFactory(name="Ours")
    record = _service(
        "walk-1",
        organization={"id": "org-1", "name": "x" * 500, "email": "not an email", "description": "Theirs"},
        organization_id="org-1",
    )
    report = import_services([("one", record)], source=provider_source(provider), provider=provider)
    assert report.problems == [] and report.created["listings"] == 1 and report.created["providers"] == 0
    assert Opportunity.objects.get().provider == provider
    assert Provider.objects.count() == 1
    provider.refresh_from_db()
    assert provider.name == "Ours" and provider.description == ""
    assert not SourceRecord.objects.filter(kind=SourceRecord.Kind.ORGANIZATION).exists()


def test_the_importer_option_refuses_daywell_ids_of_another_provider():
    ours = ProviderFactory()
    venue = VenueFactory()  # another provider's
    theirs = OpportunityFactory(title="Their club", provider=venue.provider)
    location = {
        "id": str(venue.uuid),
        "name": "Hall",
        "addresses": [{"address_1": "1 Road", "postal_code": "B13 8JP"}],
    }
    records = [
        ("listing", _service(str(theirs.uuid))),
        ("venue", _service("walk-2", service_at_locations=[{"location": location}])),
    ]
    report = import_services(records, source=provider_source(ours), provider=ours, match_daywell_ids=True)
    assert report.skipped == 2, report.summary_lines()
    assert all("belongs to another provider" in problem.reason for problem in report.problems)
    theirs.refresh_from_db()
    assert theirs.title == "Their club" and theirs.provider == venue.provider
    assert not Opportunity.objects.filter(provider=ours).exists()
    assert Venue.objects.get().name == venue.name
