"""The open data pages: who may see what, the downloads, the upload-check-import flow and
mapping a source tag."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from opportunities.models import Interest, ListingChange, Opportunity
from oruk import csv_format, outpost
from oruk.models import SourceTag
from tests.factories import OpportunityFactory, ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"

PUBLIC = ["open_data:index", "open_data:csv-guide", "open_data:template-csv", "open_data:directory-csv"]
COUNCIL = [
    "council_data:hub",
    "council_data:directory-csv",
    "council_data:import",
    "council_data:source-tags",
]


@pytest.fixture
def officer():
    return UserFactory(role=User.Role.COUNCIL_OFFICER)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def csv_upload(text: str, name: str = "listings.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def example_rows(*changes: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_format.COLUMN_NAMES)
    writer.writeheader()
    for change in changes:
        writer.writerow({**{c.name: c.example for c in csv_format.COLUMNS}, **change})
    return out.getvalue()


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_are_open_to_everyone(client, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", COUNCIL)
def test_council_pages_ask_signed_out_people_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", COUNCIL)
@pytest.mark.parametrize("role", [User.Role.CITIZEN, User.Role.CARER, User.Role.SOCIAL_WORKER, "provider"])
def test_council_pages_are_forbidden_to_everyone_but_officers(client, name, role):
    user = ProviderMembershipFactory().user if role == "provider" else UserFactory(role=role)
    client.force_login(user)
    assert client.get(reverse(name)).status_code == 403


def test_council_pages_forbid_the_preview_and_mapping_too(client):
    tag = SourceTag.objects.create(taxonomy="bucks-outpost", name="Clubs and groups")
    client.force_login(UserFactory())
    assert client.get(reverse("council_data:import-preview")).status_code == 403
    assert (
        client.post(reverse("council_data:source-tag", args=[tag.pk]), {"term": "ignore"}).status_code == 403
    )
    tag.refresh_from_db()
    assert not tag.is_mapped


@pytest.mark.parametrize("name", COUNCIL)
def test_council_pages_open_for_officers(officer_client, name):
    assert officer_client.get(reverse(name)).status_code == 200


def test_the_open_data_page_points_at_the_api_downloads_and_licences(client):
    OpportunityFactory()
    page = client.get(reverse("open_data:index")).content.decode()
    for text in (
        'href="/api/oruk/"',
        'href="/api/oruk/openapi.json"',
        'href="/open-data/directory.csv"',
        'href="/open-data/template.csv"',
        'href="/open-data/csv-guide/"',
        "Open Government Licence v3.0",
        "CC BY-SA 4.0",
        "There is 1 published listing",
    ):
        assert text in page


def test_the_template_download_is_a_csv_file_with_its_name(client):
    response = client.get(reverse("open_data:template-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="daywell-template.csv"'
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == csv_format.COLUMN_NAMES


def test_the_public_directory_holds_listed_listings_only(client):
    listed = OpportunityFactory(title="Walking football")
    OpportunityFactory(title="Secret draft", status=Opportunity.Status.DRAFT, published_at=None)
    OpportunityFactory(title="Stale listing", hidden_as_stale_on="2026-01-01")
    response = client.get(reverse("open_data:directory-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="daywell-directory-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["Walking football"]
    assert rows[0]["source_id"] == str(listed.uuid)
    assert "status" not in rows[0]


def test_the_council_directory_holds_every_listing_with_its_status(officer_client):
    OpportunityFactory(title="Walking football")
    OpportunityFactory(title="Secret draft", status=Opportunity.Status.DRAFT, published_at=None)
    response = officer_client.get(reverse("council_data:directory-csv"))
    assert response["Content-Disposition"].startswith('attachment; filename="daywell-all-listings-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {(row["title"], row["status"]) for row in rows} == {
        ("Walking football", "published"),
        ("Secret draft", "draft"),
    }


def test_the_csv_guide_lists_every_column_and_the_allowed_interests(client):
    page = client.get(reverse("open_data:csv-guide")).content.decode()
    for column in csv_format.COLUMN_NAMES:
        assert f"<code>{column}</code>" in page
    assert "Nature and gardening" in page


def test_upload_check_then_import_in_review(officer_client, officer):
    text = example_rows(
        {"source_id": "GOOD"}, {"source_id": "BAD", "title": "Knit club", "interests": "Knitting"}
    )
    response = officer_client.post(reverse("council_data:import"), {"file": csv_upload(text)})
    assert response.status_code == 302 and response["Location"] == reverse("council_data:import-preview")

    preview = officer_client.get(reverse("council_data:import-preview"))
    page = preview.content.decode()
    assert "Check the file before importing it" in page
    assert "row 3" in page and "<code>interests</code>" in page and "Knitting" in page
    assert preview.context["report"].created["listings"] == 1 and preview.context["report"].skipped == 1
    assert not Opportunity.objects.filter(title="Allotment gardening club").exists()  # a dry run

    done = officer_client.post(reverse("council_data:import-preview"), {"token": preview.context["token"]})
    assert done.status_code == 200 and "Import finished" in done.content.decode()
    listing = Opportunity.objects.get(title="Allotment gardening club")
    assert listing.status == Opportunity.Status.IN_REVIEW
    assert not Opportunity.objects.filter(title="Knit club").exists()
    assert "oruk_upload" not in officer_client.session
    # The file is gone from the session: a second post imports nothing.
    assert officer_client.post(reverse("council_data:import-preview")).status_code == 302


def test_a_stale_token_imports_nothing(officer_client):
    officer_client.post(reverse("council_data:import"), {"file": csv_upload(example_rows({}))})
    response = officer_client.post(reverse("council_data:import-preview"), {"token": "an-old-one"})
    assert response.status_code == 302
    assert not Opportunity.objects.filter(title="Allotment gardening club").exists()


def test_cancelling_forgets_the_file(officer_client):
    officer_client.post(reverse("council_data:import"), {"file": csv_upload(example_rows({}))})
    officer_client.post(reverse("council_data:import-preview"), {"cancel": "1"})
    assert "oruk_upload" not in officer_client.session
    assert not Opportunity.objects.filter(title="Allotment gardening club").exists()


def test_an_outpost_file_is_recognised_and_checked(officer_client):
    upload = SimpleUploadedFile(
        "bucks.json", (DATA / "bucks_services_sample.json").read_bytes(), content_type="application/json"
    )
    officer_client.post(reverse("council_data:import"), {"file": upload})
    preview = officer_client.get(reverse("council_data:import-preview"))
    assert "Outpost JSON file" in preview.content.decode()
    assert preview.context["report"].created["listings"] == 20
    assert preview.context["report"].source == outpost.SOURCE


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.txt", b"hello"), "must be a CSV or JSON file"),
        (SimpleUploadedFile("empty.csv", b""), "The selected file is empty"),
        (SimpleUploadedFile("blank.csv", b"  \n\n"), "The selected file is empty"),
        (SimpleUploadedFile("latin.csv", "title\ncaf\xe9".encode("latin-1")), "must be saved as UTF-8"),
        (SimpleUploadedFile("image.csv", b"\x89PNG\x00\x00"), "saved as text"),
        (SimpleUploadedFile("broken.json", b"{not json"), "is not valid JSON (line 1)"),
        # json.loads raises a plain ValueError (no line) for a number over 4,300 digits.
        (SimpleUploadedFile("long.json", b'{"a": ' + b"1" * 5000 + b"}"), "a number in it is too long"),
        (SimpleUploadedFile("deep.json", b"[" * 100_000 + b"]" * 100_000), "it is nested too deeply"),
        (SimpleUploadedFile("big.csv", b"a" * (5 * 1024 * 1024 + 1)), "smaller than 5MB"),
    ],
)
def test_a_wrong_file_gets_a_clear_error(officer_client, upload, message):
    response = officer_client.post(reverse("council_data:import"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "govuk-error-summary" in page
    assert "oruk_upload" not in officer_client.session


def test_an_outpost_file_with_numbers_that_are_not_numbers_is_checked_not_a_server_error(officer_client):
    # Python's JSON reader takes NaN and Infinity, and Outpost files are read with it.
    services = json.loads((DATA / "bucks_services_sample.json").read_text())
    services["content"][0]["min_age"] = float("nan")
    services["content"][1]["cost_options"] = [{"amount": "Infinity", "cost_type": "per session"}]
    upload = SimpleUploadedFile("bucks.json", json.dumps(services).encode(), content_type="application/json")
    officer_client.post(reverse("council_data:import"), {"file": upload})

    preview = officer_client.get(reverse("council_data:import-preview"))

    assert preview.status_code == 200
    report = preview.context["report"]
    assert [problem.field for problem in report.problems] == ["min_age", "cost_options[0].amount"]
    assert report.created["listings"] == 18


def test_a_stored_file_json_cannot_read_is_a_problem_in_the_check_not_a_server_error():
    from oruk.pages import upload_records

    source, records = upload_records(text="[" * 100_000 + "]" * 100_000, kind="json", name="deep.json")

    [(label, error)] = records
    assert label == "deep.json" and "nested too deeply" in error.reason


def test_no_file_gets_a_clear_error(officer_client):
    response = officer_client.post(reverse("council_data:import"), {})
    assert "Select a CSV or JSON file" in response.content.decode()


def test_the_preview_without_a_file_sends_the_officer_back_to_upload(officer_client):
    response = officer_client.get(reverse("council_data:import-preview"))
    assert response["Location"] == reverse("council_data:import")


def test_unmapped_tags_are_listed_with_their_listing_counts(officer_client):
    tag = SourceTag.objects.create(taxonomy="bucks-outpost", name="Clubs and groups")
    tag.opportunities.add(OpportunityFactory(), OpportunityFactory())
    SourceTag.objects.create(taxonomy="bucks-outpost", name="Already done", ignored=True)
    response = officer_client.get(reverse("council_data:source-tags"))
    assert [(t.name, t.listings) for t in response.context["tags"]] == [("Clubs and groups", 2)]


def test_mapping_a_tag_gives_the_term_to_every_listing_with_it(officer_client, officer):
    published = OpportunityFactory(title="Games club")
    in_review = OpportunityFactory(
        title="New games club", status=Opportunity.Status.IN_REVIEW, published_at=None
    )
    change = ListingChange.objects.create(
        opportunity=in_review, proposed={"title": "New games club", "interests": ["music-drama"]},
        status=ListingChange.Status.SUBMITTED,
    )  # fmt: skip
    untagged = OpportunityFactory(title="Choir")
    tag = SourceTag.objects.create(taxonomy="bucks-outpost", term_id="x", name="Clubs and groups")
    tag.opportunities.add(published, in_review)
    from opportunities.search_index import opportunity_index_refresh

    opportunity_index_refresh(ids=[published.pk])
    page = officer_client.get(reverse("council_data:source-tag", args=[tag.pk]))
    assert "Games club" in page.content.decode()

    response = officer_client.post(
        reverse("council_data:source-tag", args=[tag.pk]), {"term": "interest:games"}
    )
    assert response.status_code == 302
    games = Interest.objects.get(slug="games")
    assert games in published.interests.all() and games in in_review.interests.all()
    assert games not in untagged.interests.all()
    change.refresh_from_db()
    assert change.proposed["interests"] == ["games", "music-drama"]
    published.refresh_from_db()
    assert games.pk in published.interest_ids  # the search index knows
    tag.refresh_from_db()
    assert (tag.interest, tag.mapped_by) == (games, officer)
    listing = officer_client.get(reverse("council_data:source-tags"))
    assert list(listing.context["tags"]) == []


def test_marking_that_no_term_fits(officer_client):
    tag = SourceTag.objects.create(taxonomy="bucks-outpost", name="Brownies")
    listing = OpportunityFactory()
    tag.opportunities.add(listing)
    officer_client.post(reverse("council_data:source-tag", args=[tag.pk]), {"term": "none"})
    tag.refresh_from_db()
    assert tag.ignored and tag.is_mapped
    assert listing.interests.count() == 0


def test_mapping_without_a_choice_is_an_error(officer_client):
    tag = SourceTag.objects.create(taxonomy="bucks-outpost", name="Brownies")
    response = officer_client.post(reverse("council_data:source-tag", args=[tag.pk]), {"term": ""})
    assert "Choose a Daywell term, or say that none fits" in response.content.decode()
    response = officer_client.post(
        reverse("council_data:source-tag", args=[tag.pk]), {"term": "interest:nope"}
    )
    assert "Choose a Daywell term from the list" in response.content.decode()
    tag.refresh_from_db()
    assert not tag.is_mapped


def test_an_oruk_json_file_imports_through_the_same_flow(officer_client):
    [(_, service)] = csv_format.read_csv(example_rows({}))
    upload = SimpleUploadedFile("services.json", json.dumps({"contents": [service]}).encode())
    officer_client.post(reverse("council_data:import"), {"file": upload})
    preview = officer_client.get(reverse("council_data:import-preview"))
    assert "Open Referral UK JSON file" in preview.content.decode()
    assert preview.context["report"].created["listings"] == 1


def test_only_the_council_export_updates_listings_by_their_daywell_ids(officer_client):
    listing = OpportunityFactory(title="Pottery for beginners", delivery=["community"])
    exported = officer_client.get(reverse("council_data:directory-csv")).content.decode("utf-8-sig")
    officer_client.post(reverse("council_data:import"), {"file": csv_upload(exported, "all.csv")})
    report = officer_client.get(reverse("council_data:import-preview")).context["report"]
    assert report.created["listings"] == 0 and report.unchanged["listings"] == 1, report.summary_lines()

    # A file of another making that borrows the listing's public id makes a listing of its own.
    borrowed = example_rows({"source_id": str(listing.uuid), "provider_name": listing.provider.name})
    officer_client.post(reverse("council_data:import"), {"file": csv_upload(borrowed)})
    preview = officer_client.get(reverse("council_data:import-preview"))
    assert preview.context["report"].created["listings"] == 1
    officer_client.post(reverse("council_data:import-preview"), {"token": preview.context["token"]})
    listing.refresh_from_db()
    assert listing.title == "Pottery for beginners"
    assert Opportunity.objects.filter(title="Allotment gardening club").exclude(uuid=listing.uuid).exists()
