"""oruk.importer and manage.py import_oruk: mapping, idempotency, validation, review and geocoding."""

import copy
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from opportunities.models import Interest, ListingChange, ListingEvent, Opportunity
from opportunities.snapshots import snapshot_of
from oruk.importer import import_organizations, import_services
from oruk.models import SourceRecord, SourceTag
from oruk.taxonomy import INTERESTS
from places.models import Postcode, Ward
from providers.models import Provider, Venue
from tests.factories import OpportunityFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db

SERVICE_ID = "0b6c1f3e-8a55-4d3a-9d0c-3f0d1a2b7c11"
ORG_ID = "5f2b8f6a-1c0e-4e43-8c1e-6f9d2a7b3c22"
LOCATION_ID = "9a1d7c2e-4b3f-4a5e-b6c7-d8e9f0a1b233"


def service(**changes) -> dict:
    """An outside directory's full service, as ORUK 3.0 has it."""
    data = {
        "id": SERVICE_ID,
        "name": "Art club",
        "description": "Paint and draw with others. Materials are provided.",
        "url": "https://artclub.example.org",
        "email": "art@example.org",
        "status": "active",
        "fees": "£4 a session",
        "minimum_age": 18,
        "maximum_age": 99,
        "assured_date": "2026-09-01",
        "organization": {
            "id": ORG_ID,
            "name": "Moseley Arts Trust",
            "description": "A small arts charity.",
            "email": "hello@moseleyarts.example.org",
            "website": "https://moseleyarts.example.org",
            "organization_identifiers": [
                {
                    "id": "i1",
                    "identifier_scheme": "GB-CHC",
                    "identifier_type": "Charity",
                    "identifier": "1100001",
                }
            ],
        },
        "schedules": [
            {
                "id": "s1",
                "freq": "WEEKLY",
                "interval": 1,
                "byday": "MO,WE",
                "opens_at": "10:00:00",
                "closes_at": "12:30:00",
            },
            {"id": "s2", "freq": "MONTHLY", "bymonthday": "1", "description": "First of the month"},
        ],  # fmt: skip
        "cost_options": [
            {"id": "c1", "amount": 4, "amount_description": "per session"},
            {"id": "c2", "amount": 6.5, "amount_description": "per hour", "option": "With 1:1 support"},
        ],
        "contacts": [{"id": "p1", "name": "Sam Jones", "phones": [{"id": "ph", "number": "0121 496 0123"}]}],
        "service_areas": [
            {
                "id": "a1",
                "name": "Moseley",
                "uri": "http://statistics.data.gov.uk/id/statistical-geography/E05011154",
            },
            {"id": "a2", "name": "Bournville & Cotteridge"},
        ],
        "service_at_locations": [
            {
                "id": "sal1",
                "location": {
                    "id": LOCATION_ID,
                    "location_type": "physical",
                    "name": "Moseley Exchange",
                    "addresses": [
                        {
                            "id": "ad1",
                            "address_1": "149 Alcester Road",
                            "city": "Birmingham",
                            "state_province": "West Midlands",
                            "postal_code": "b13 8jp",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],  # fmt: skip
                    "accessibility": [{"id": "ac1", "description": "Induction loop in the main room"}],
                },
            }
        ],
        "attributes": [
            {
                "id": "t1",
                "link_type": INTERESTS.key,
                "taxonomy_term": {"id": INTERESTS.term_id("arts-crafts"), "name": "whatever"},
            },
            {
                "id": "t2",
                "link_type": "daywell-interests",
                "taxonomy_term": {"id": "x", "name": "Music and drama"},
            },
            {
                "id": "t3",
                "link_type": "bod",
                "taxonomy_term": {"id": "bod-42", "name": "Befriending", "taxonomy": "bod"},
            },
        ],  # fmt: skip
    }
    data.update(changes)
    return data


def run(*items, **options):
    options.setdefault("source", "test-feed")
    return import_services([(f"item {n}", item) for n, item in enumerate(items, start=1)], **options)


def listing() -> Opportunity:
    return Opportunity.objects.get(uuid=SERVICE_ID)


# --- Mapping and review ------------------------------------------------------------------------------
def test_a_new_service_arrives_in_review_with_everything_mapped():
    report = run(service())

    assert (report.created["listings"], report.created["providers"], report.created["venues"]) == (1, 1, 1)
    opportunity = listing()
    assert opportunity.status == Opportunity.Status.IN_REVIEW
    assert opportunity.published_at is None
    assert opportunity.title == "Art club"
    assert opportunity.summary == "Paint and draw with others."
    assert (opportunity.min_age, opportunity.max_age) == (18, 99)
    assert opportunity.website == "https://artclub.example.org"
    assert opportunity.contact_name == "Sam Jones"
    assert opportunity.contact_phone == "0121 496 0123"
    assert opportunity.delivery == ["venue"]
    sessions = [(s.weekday, f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in opportunity.sessions.all()]
    assert sessions == [(0, "10:00", "12:30"), (2, "10:00", "12:30")]
    costs = [(str(c.amount), c.unit, c.label) for c in opportunity.costs.all()]
    assert costs == [("4.00", "session", ""), ("6.50", "hour", "With 1:1 support")]
    assert sorted(opportunity.interests.values_list("slug", flat=True)) == ["arts-crafts", "music-drama"]
    assert sorted(opportunity.areas.values_list("code", flat=True)) == [
        "E05011129",
        "E05011154",
    ]  # by code, by name
    assert sorted(opportunity.source_tags.values_list("name", flat=True)) == [
        "Befriending",
        "Induction loop in the main room",
    ]
    assert report.flags == ["“Art club”: Schedule not weekly, left out (“First of the month”)"]

    provider = opportunity.provider
    assert str(provider.uuid) == ORG_ID
    assert (provider.name, provider.kind, provider.charity_number) == (
        "Moseley Arts Trust",
        "community",
        "1100001",
    )
    venue = opportunity.venues.get()
    assert str(venue.uuid) == LOCATION_ID
    assert (venue.postcode, venue.ward.slug, venue.provider) == ("B13 8JP", "moseley", provider)
    assert venue.latitude == pytest.approx(52.44592)

    # In the council's review queue, as if the provider had sent it.
    change = ListingChange.objects.awaiting_review().get(opportunity=opportunity)
    assert change.proposed == snapshot_of(opportunity)
    event = opportunity.events.get(kind=ListingEvent.Kind.CREATED)
    assert event.actor_label == "Imported from test-feed"


def test_the_review_page_shows_the_import_flags(client):
    run(service(service_at_locations=[{"id": "x", "location": {"id": "loc-nowhere", "name": "Somewhere"}}]))
    client.force_login(UserFactory(role="council_officer"))
    change = ListingChange.objects.get(opportunity=listing())

    page = client.get(reverse("council:change", args=[change.pk]))

    assert page.status_code == 200
    assert "Location unknown: no postcode and no coordinates" in page.content.decode()
    assert "Sent by an import from “test-feed”" in page.content.decode()


def test_publish_publishes_active_records_and_skips_inactive_new_ones():
    gone = service(id="1d2e3f40-0000-4000-8000-000000000001", name="Old club", status="defunct")

    report = run(service(), gone, publish=True)

    opportunity = listing()
    assert opportunity.status == Opportunity.Status.PUBLISHED
    assert opportunity.published_at is not None
    assert str(opportunity.last_checked_on) == "2026-09-01"
    assert not ListingChange.objects.filter(opportunity=opportunity).exists()
    assert opportunity.card  # the search index was refreshed
    assert report.skipped == 1
    assert report.problems[0].field == "status"
    assert "defunct" in report.problems[0].reason
    assert not Opportunity.objects.filter(title="Old club").exists()


def test_an_inactive_record_only_flags_a_live_listing_without_publish():
    run(service(), publish=True)

    report = run(service(status="inactive"))

    assert listing().status == Opportunity.Status.PUBLISHED
    assert "“Art club”: The feed says “Art club” has stopped: check and take it down" in report.flags
    assert not listing().events.filter(kind=ListingEvent.Kind.ARCHIVED).exists()
    assert report.flags == run(service(status="inactive")).flags  # still said on the next import


def test_with_publish_an_inactive_record_archives_an_existing_listing():
    run(service(), publish=True)

    report = run(service(status="inactive"), publish=True)

    assert listing().status == Opportunity.Status.ARCHIVED
    assert report.updated["listings"] == 1
    assert listing().events.filter(kind=ListingEvent.Kind.ARCHIVED).exists()


def test_a_changed_feed_goes_to_review_for_a_published_listing():
    run(service(), publish=True)

    report = run(service(name="Art and craft club"))

    opportunity = listing()
    assert opportunity.title == "Art club"  # the public still sees the approved version
    change = ListingChange.objects.awaiting_review().get(opportunity=opportunity)
    assert change.proposed["title"] == "Art and craft club"
    assert report.updated["listings"] == 1


def test_a_changed_feed_is_not_imported_over_a_persons_open_change():
    run(service(), publish=True)
    person = UserFactory()
    ListingChange.objects.create(opportunity=listing(), proposed=snapshot_of(listing()), created_by=person)

    report = run(service(name="Art and craft club"))

    assert report.skipped == 1
    assert "Someone is editing this listing" in report.problems[0].reason
    assert listing().title == "Art club"
    assert ListingChange.objects.get(opportunity=listing()).proposed["title"] == "Art club"


def test_with_publish_a_changed_feed_is_not_imported_over_a_persons_open_change():
    run(service(), publish=True)
    ListingChange.objects.create(
        opportunity=listing(),
        proposed={**snapshot_of(listing()), "title": "Their edit"},
        created_by=UserFactory(),
    )

    report = run(service(name="Art and craft club"), publish=True)

    assert report.skipped == 1
    assert "Someone is editing this listing" in report.problems[0].reason
    assert listing().title == "Art club"


def _with_facts(*slugs_and_values, **changes):
    from oruk.records import fact_attribute

    item = service(**changes)
    item["attributes"] = item["attributes"] + [fact_attribute(SERVICE_ID, *fact) for fact in slugs_and_values]
    return item


def _set_places():
    opportunity = listing()
    opportunity.vacancies = Opportunity.Vacancies.YES
    opportunity.vacancies_confirmed_on = datetime.date(2026, 11, 1)
    opportunity.closed_until = datetime.date(2027, 1, 5)
    opportunity.save()
    return ("yes", datetime.date(2026, 11, 1), datetime.date(2027, 1, 5))


def _places():
    opportunity = listing()
    return (opportunity.vacancies, opportunity.vacancies_confirmed_on, opportunity.closed_until)


@pytest.mark.parametrize("publish", [False, True])
def test_a_feed_that_says_nothing_of_places_leaves_them_alone(publish):
    run(service(), publish=True)
    places = _set_places()

    run(service(description="New words. More of them."), publish=publish)

    assert _places() == places


def test_places_from_a_feed_change_the_live_listing_only_with_publish():
    run(service(), publish=True)
    places = _set_places()
    newer = _with_facts(("vacancies-no", "2026-11-20"), ("closed-until", "2027-02-01"))

    report = run(newer)

    assert _places() == places
    assert any("were not changed" in flag for flag in report.flags)

    run(newer, publish=True)

    assert _places() == ("no", datetime.date(2026, 11, 20), datetime.date(2027, 2, 1))


def test_with_publish_a_changed_feed_is_applied_and_recorded():
    run(service(), publish=True)

    report = run(service(name="Art and craft club", minimum_age=21), publish=True)

    opportunity = listing()
    assert (opportunity.title, opportunity.min_age) == ("Art and craft club", 21)
    edit = opportunity.events.filter(kind=ListingEvent.Kind.EDITED).get()
    assert ["Name of the activity", "Art club", "Art and craft club"] in edit.changes
    assert report.updated["listings"] == 1
    assert report.unchanged["providers"] == 1
    assert report.unchanged["venues"] == 1


def _feed_using_the_ids_of(opportunity, venue) -> dict:
    item = service(name="Taken over")
    item["id"] = str(opportunity.uuid)
    item["organization"] = {**item["organization"], "id": str(opportunity.provider.uuid), "name": "Taken"}
    item["service_at_locations"][0]["location"]["id"] = str(venue.uuid)
    return item


def test_a_feed_using_daywell_ids_gets_rows_of_its_own():
    venue = VenueFactory(address_line_1="1 High Street")
    opportunity = OpportunityFactory(provider=venue.provider, venues=[venue], title="Real title")
    provider_name = opportunity.provider.name

    report = run(_feed_using_the_ids_of(opportunity, venue), publish=True)

    opportunity.refresh_from_db()
    venue.refresh_from_db()
    assert (opportunity.title, opportunity.provider.name) == ("Real title", provider_name)
    assert venue.address_line_1 == "1 High Street"
    assert report.created == {"listings": 1, "providers": 1, "venues": 1}
    copy_ = Opportunity.objects.get(title="Taken over")
    assert copy_.uuid != opportunity.uuid and copy_.provider.uuid != opportunity.provider.uuid
    assert copy_.venues.get().uuid != venue.uuid


def test_matching_daywell_ids_when_allowed_updates_those_rows():
    venue = VenueFactory(address_line_1="1 High Street")
    opportunity = OpportunityFactory(provider=venue.provider, venues=[venue], title="Real title")

    report = run(_feed_using_the_ids_of(opportunity, venue), match_daywell_ids=True)

    assert Opportunity.objects.count() == 1 and Provider.objects.count() == 1
    assert report.updated["listings"] == 1
    opportunity.refresh_from_db()
    assert opportunity.title == "Real title"  # without publish, the new version waits for review
    assert (
        ListingChange.objects.awaiting_review().get(opportunity=opportunity).proposed["title"] == "Taken over"
    )


# --- Idempotency ------------------------------------------------------------------------------------
def _state():
    return {
        "listings": list(Opportunity.objects.values_list("pk", "updated_at", "content_revision")),
        "providers": list(Provider.objects.values_list("pk", "updated_at")),
        "venues": list(Venue.objects.values_list("pk", "updated_at")),
        "changes": list(ListingChange.objects.values_list("pk", "updated_at")),
        "events": ListingEvent.objects.count(),
        "tags": SourceTag.objects.count(),
    }


@pytest.mark.parametrize("publish", [False, True])
def test_importing_the_same_feed_twice_changes_nothing(publish):
    second = service(id="1d2e3f40-0000-4000-8000-000000000002", name="Choir", service_at_locations=[])
    run(service(), second, publish=publish)
    before = _state()

    report = run(service(), second, publish=publish)

    assert _state() == before
    assert report.unchanged["listings"] == 2
    assert not report.created and not report.updated
    assert report.summary_lines()[1] == "Listings: 0 new, 0 updated, 2 unchanged."


def test_a_newer_feed_updates_only_what_changed():
    run(service(), publish=True)
    venue_updated = Venue.objects.get().updated_at
    newer = service()
    newer["organization"] = {**newer["organization"], "description": "A bigger arts charity."}

    report = run(newer, publish=True)

    assert Provider.objects.get().description == "A bigger arts charity."
    assert Venue.objects.get().updated_at == venue_updated
    assert report.updated["providers"] == 1
    assert report.unchanged["venues"] == 1
    assert report.unchanged["listings"] == 1  # the service's own fields did not change


# --- Bad records ------------------------------------------------------------------------------------
def test_bad_records_are_reported_and_skipped_with_nothing_half_written():
    def bad(number, **changes):
        item = service(id=f"2d2e3f40-0000-4000-8000-00000000000{number}", **changes)
        item["organization"] = {**item["organization"], "id": f"org-{number}", "name": f"Org {number}"}
        item["service_at_locations"][0]["location"] = {
            **item["service_at_locations"][0]["location"],
            "id": f"loc-{number}",
        }
        return item

    bad_time = bad(2)
    bad_time["schedules"] = [
        {"id": "s", "freq": "WEEKLY", "byday": "TU", "opens_at": "14:00", "closes_at": "13:00"}
    ]
    bad_amount = bad(3)
    bad_amount["cost_options"] = [{"id": "c", "amount": -2, "amount_description": "a session"}]
    records = [
        bad(1, name=""),
        bad_time,
        bad_amount,
        bad(4, minimum_age=70, maximum_age=30),
        bad(5, email="not an email"),
        service(),
    ]

    report = run(*records)

    fields = [problem.field for problem in report.problems]
    assert fields == ["name", "schedules[0].closes_at", "cost_options[0].amount", "minimum_age", "email"]
    assert all(problem.reason for problem in report.problems)
    assert report.problems[2].record == "item 3 (“Art club”)"
    assert report.skipped == 5
    assert report.created["listings"] == 1
    assert Opportunity.objects.count() == 1
    assert list(Provider.objects.values_list("name", flat=True)) == ["Moseley Arts Trust"]
    assert Venue.objects.count() == 1
    assert SourceRecord.objects.filter(source_id__startswith="org-").count() == 0
    lines = report.summary_lines()
    assert "Skipped 5 records:" in lines
    assert "- item 5 (“Art club”), email: “not an email” is not an email address" in lines


def test_other_checks_name_the_field():
    long_name = service(name="x" * 201)
    bad_url = service(url="not a web address at all")
    bad_latitude = service()
    bad_latitude["service_at_locations"][0]["location"]["latitude"] = 100
    bad_latitude["service_at_locations"][0]["location"]["longitude"] = 1

    report = run(long_name, bad_url, bad_latitude)

    assert [p.field for p in report.problems] == ["name", "url", "service_at_locations[0].location.latitude"]
    assert "200 characters or fewer" in report.problems[0].reason
    assert Opportunity.objects.count() == 0


def test_numbers_too_big_to_read_are_reported_not_fatal():
    huge_latitude = service()
    huge_latitude["service_at_locations"][0]["location"].update(latitude=10**400, longitude=1)
    huge_amount = service()
    huge_amount["cost_options"][0]["amount"] = 1e30
    huge_age = service(minimum_age="1e999999999")

    report = run(huge_latitude, huge_amount, huge_age, service(name="Fine"))

    assert [p.field for p in report.problems] == [
        "service_at_locations[0].location.latitude",
        "cost_options[0].amount",
        "minimum_age",
    ]
    assert report.skipped == 3
    assert listing().title == "Fine"


def test_an_unexpected_error_skips_only_that_record(monkeypatch, caplog):
    from oruk import importer

    real = importer._Run.service_plan

    def service_plan(self, label, item):
        if item["name"] == "Breaks":
            raise KeyError("boom")
        return real(self, label, item)

    monkeypatch.setattr(importer._Run, "service_plan", service_plan)
    broken = service(id="1d2e3f40-0000-4000-8000-000000000009", name="Breaks", description="SECRET words")

    report = run(broken, service())

    assert report.skipped == 1
    assert str(report.problems[0]) == "item 1: Could not read this record: KeyError"
    assert report.created["listings"] == 1
    assert not Opportunity.objects.filter(title="Breaks").exists()
    assert "KeyError" in caplog.text and "SECRET" not in caplog.text


def test_an_adapters_record_error_is_reported_and_the_rest_imported():
    from oruk.errors import RecordError

    report = import_services(
        [("row 2", RecordError("row 2", "postcode", "Enter a real postcode")), ("row 3", service())],
        source="csv",
    )

    assert report.skipped == 1
    assert str(report.problems[0]) == "row 2, postcode: Enter a real postcode"
    assert report.created["listings"] == 1


# --- Dry run ---------------------------------------------------------------------------------------
def test_a_dry_run_writes_nothing_but_says_what_would_happen():
    report = run(service(), dry_run=True)

    assert report.created["listings"] == 1
    assert report.summary_lines()[0].startswith("Dry run: nothing was saved")
    for model in (Opportunity, Provider, Venue, SourceRecord, SourceTag, ListingChange):
        assert model.objects.count() == 0, model


# --- Taxonomy ----------------------------------------------------------------------------------------
def test_a_mapped_source_tag_applies_on_the_next_import():
    run(service(), publish=True)
    tag = SourceTag.objects.get(name="Befriending")
    assert tag.opportunities.get() == listing()
    tag.interest = Interest.objects.get(slug="socialising")
    tag.mapped_at = timezone.now()
    tag.save()

    report = run(service(), publish=True)

    assert "socialising" in listing().interests.values_list("slug", flat=True)
    assert report.unchanged["listings"] == 1  # the record is the same: only the mapped term is added
    assert SourceTag.objects.filter(name="Befriending").count() == 1  # the same row, reused
    assert run(service(), publish=True).unchanged["listings"] == 1


def test_an_unchanged_feed_after_mapping_a_tag_keeps_edits_made_in_daywell():
    from oruk.services import source_tag_map

    run(service(), publish=True)
    opportunity = listing()
    opportunity.title = "Art club (edited in Daywell)"
    opportunity.save()
    source_tag_map(
        tag=SourceTag.objects.get(name="Befriending"),
        by=UserFactory(),
        interest=Interest.objects.get(slug="socialising"),
    )

    report = run(service(), publish=True)

    assert listing().title == "Art club (edited in Daywell)"
    assert "socialising" in listing().interests.values_list("slug", flat=True)
    assert (report.unchanged["listings"], report.updated["listings"]) == (1, 0)


# --- Geocoding ---------------------------------------------------------------------------------------
def _with_location(**location):
    item = service()
    item["service_at_locations"] = [
        {"id": "sal", "location": {"id": LOCATION_ID, "name": "Hall", **location}}
    ]
    return item


def _address(postcode):
    return [{"id": "a", "address_1": "1 Road", "city": "Town", "postal_code": postcode, "country": "GB"}]


def test_geocoding_coordinates_without_a_postcode_take_the_nearest_ward():
    near = Postcode.objects.get(postcode="B13 8JP")

    run(_with_location(latitude=near.latitude + 0.0005, longitude=near.longitude))

    venue = Venue.objects.get()
    assert venue.postcode == ""
    assert venue.latitude == pytest.approx(near.latitude + 0.0005)
    assert venue.ward == near.ward


def test_geocoding_a_postcode_outside_birmingham_uses_the_outcode_centre():
    report = run(_with_location(addresses=_address("HP20 1UA")))

    venue = Venue.objects.get()
    assert (venue.postcode, venue.ward) == ("HP20 1UA", None)
    assert venue.latitude == pytest.approx(51.82, abs=0.01)
    assert not report.flags[1:]


def test_geocoding_nothing_known_is_flagged_location_unknown():
    report = run(_with_location())

    venue = Venue.objects.get()
    assert (venue.postcode, venue.latitude, venue.longitude, venue.ward) == ("", None, None, None)
    assert "“Art club”: Location unknown: no postcode and no coordinates" in report.flags
    record = SourceRecord.objects.get(kind="service")
    assert "Location unknown: no postcode and no coordinates" in record.flags


def test_coordinates_far_from_birmingham_have_no_ward():
    run(_with_location(latitude=51.5, longitude=-0.12))

    assert Venue.objects.get().ward is None


def test_a_location_shared_by_two_organisations_gives_each_its_own_venue():
    other = service(id="1b6c1f3e-8a55-4d3a-9d0c-3f0d1a2b7c11", name="Pottery")
    other["organization"] = {"id": "6f2b8f6a-1c0e-4e43-8c1e-6f9d2a7b3c22", "name": "Another charity"}
    other["service_at_locations"] = copy.deepcopy(other["service_at_locations"])
    other["service_at_locations"][0]["location"]["name"] = "Moseley Exchange (their name)"
    records = [service(), other]

    report = run(*records)

    art, pottery = listing(), Opportunity.objects.get(title="Pottery")
    assert art.venues.get().name == "Moseley Exchange"
    assert art.venues.get().provider == art.provider
    assert pottery.venues.get().name == "Moseley Exchange (their name)"
    assert pottery.venues.get().provider == pottery.provider
    assert not any("belongs to another organisation" in flag for flag in report.flags)
    assert run(*records).unchanged["listings"] == 2  # and each is found again next time


# --- Organizations ----------------------------------------------------------------------------------
def test_organizations_alone_become_providers_with_their_facts():
    from oruk.records import fact_attribute

    org = {
        "id": ORG_ID,
        "name": "Jo Bloggs PA",
        "description": "",
        "attributes": [
            fact_attribute(ORG_ID, "provider-kind-personal-assistant"),
            fact_attribute(ORG_ID, "provider-phone", "07700 900123"),
            fact_attribute(ORG_ID, "dbs-checked-on", "2026-03-01"),
            fact_attribute(ORG_ID, "references-available"),
        ],
    }

    report = import_organizations([("org 1", org)], source="test-feed")

    provider = Provider.objects.get(uuid=ORG_ID)
    assert provider.kind == "personal_assistant"
    assert (provider.phone, str(provider.dbs_checked_on), provider.references_available) == (
        "07700 900123",
        "2026-03-01",
        True,
    )
    assert report.created["providers"] == 1
    assert import_organizations([("org 1", org)], source="test-feed").unchanged["providers"] == 1


def test_a_service_without_an_organisation_gets_a_stand_in_provider():
    item = service()
    del item["organization"]

    report = run(item)

    assert listing().provider.name == "Organisation not named by test-feed"
    assert "“Art club”: Organisation unknown" in report.flags


# --- The command ------------------------------------------------------------------------------------
def test_the_command_imports_a_file_and_prints_the_report(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"contents": [service()]}))
    out = io.StringIO()

    call_command("import_oruk", str(path), "--publish", stdout=out, stderr=io.StringIO())

    assert "Read 1 record from feed." in out.getvalue()
    assert "Listings: 1 new, 0 updated, 0 unchanged." in out.getvalue()
    assert SourceRecord.objects.filter(source="feed", kind="service").exists()
    assert listing().status == Opportunity.Status.PUBLISHED


def test_the_command_dry_run_saves_nothing(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([service()]))
    out = io.StringIO()

    call_command("import_oruk", str(path), "--dry-run", "--source", "x", stdout=out, stderr=io.StringIO())

    assert "Dry run: nothing was saved" in out.getvalue()
    assert Opportunity.objects.count() == 0


def test_the_command_fails_only_when_nothing_could_be_read(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing could be read"):
        call_command("import_oruk", str(tmp_path / "missing.json"), stdout=io.StringIO(), stderr=err)
    assert "does not exist" in err.getvalue()

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "1", "name": ""}]))
    out = io.StringIO()
    call_command("import_oruk", str(bad), stdout=out, stderr=io.StringIO())  # read, though skipped
    assert "Skipped 1 record:" in out.getvalue()


def test_the_command_shows_a_progress_bar_when_asked(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([service(), copy.deepcopy(service(id="x-2", name="Two"))]))
    err = io.StringIO()

    call_command("import_oruk", str(path), "--progress", stdout=io.StringIO(), stderr=err)

    assert "2 records read" in err.getvalue()


def test_wards_are_found_by_name_too():
    item = service(service_areas=[{"id": "a", "name": "Bournville & Cotteridge"}])
    run(item)
    ward = Ward.objects.get(name="Bournville & Cotteridge")
    assert list(listing().areas.all()) == [ward]
