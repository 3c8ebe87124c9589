"""The CSV template: reading rows into ORUK services, each validation error, exports that read back."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker

from oruk import csv_format
from oruk.errors import RecordError
from oruk.taxonomy import AUDIENCES, FACTS, FEATURES, INTERESTS, PAYMENT_ROUTES
from tests.factories import CostFactory, OpportunityFactory, ProviderFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db
SCHEMA = settings.BASE_DIR / "oruk/schemas/compiled/service.json"


@pytest.fixture(scope="module")
def validator():
    return Draft202012Validator(json.loads(SCHEMA.read_text()), format_checker=FormatChecker())


def example_row(**changes) -> dict:
    row = {column.name: column.example for column in csv_format.COLUMNS}
    row.update(changes)
    return row


def csv_text(*rows: dict, delimiter: str = ",") -> str:
    out = io.StringIO()
    columns = list(rows[0].keys())
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def read(text) -> list:
    return list(csv_format.read_csv(text))


def only_error(text) -> RecordError:
    [(label, result)] = read(text)
    assert isinstance(result, RecordError), result
    return result


def term_ids(service: dict, key: str) -> set[str]:
    return {a["taxonomy_term_id"] for a in service["attributes"] if a["link_type"] == key}


def fact_values(service: dict) -> dict:
    return {
        a["taxonomy_term_id"]: a.get("value") for a in service["attributes"] if a["link_type"] == FACTS.key
    }


def test_the_template_reads_back_as_a_valid_oruk_service(validator):
    [(label, service)] = read(csv_format.template_csv())
    assert label == "row 2"
    assert isinstance(service, dict), service
    assert [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(service)] == []
    assert service["name"] == "Allotment gardening club"
    assert service["organization"]["name"] == "Moseley Community Growers"
    assert term_ids(service, INTERESTS.key) == {
        INTERESTS.term_id("nature-gardening"),
        INTERESTS.term_id("socialising"),
    }
    assert term_ids(service, AUDIENCES.key) == {AUDIENCES.term_id("learning-disability")}
    assert term_ids(service, FEATURES.key) == {
        FEATURES.term_id("step-free"),
        FEATURES.term_id("accessible-toilet"),
    }
    assert term_ids(service, PAYMENT_ROUTES.key) == {
        PAYMENT_ROUTES.term_id("direct-payment"),
        PAYMENT_ROUTES.term_id("self-funded"),
    }
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in service["schedules"]] == [
        ("MO", "10:00", "12:00"),
        ("WE", "13:30", "15:00"),
    ]
    assert [(c["amount"], c["amount_description"], c.get("option")) for c in service["cost_options"]] == [
        (5.0, "a session", None),
        (8.0, "a session", "With 1:1 support"),
    ]
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["postal_code"]) == ("1 Oxford Road", "B13 9EH")
    facts = fact_values(service)
    assert facts[FACTS.term_id("summary")].startswith("Grow vegetables")
    assert facts[FACTS.term_id("contact-phone")] == "0121 496 0001"
    assert FACTS.term_id("vacancies-yes") in facts and FACTS.term_id("joining-either") in facts
    assert service["minimum_age"] == 18 and "maximum_age" not in service


def test_ids_are_stable_and_follow_the_source_id():
    [(_, first)] = read(csv_format.template_csv())
    [(_, again)] = read(csv_format.template_csv())
    assert first["id"] == again["id"]
    [(_, renamed)] = read(csv_text(example_row(title="Allotment club (renamed)")))
    assert renamed["id"] == first["id"]  # same source_id: the same listing
    [(_, no_source)] = read(csv_text(example_row(source_id="")))
    [(_, no_source_again)] = read(csv_text(example_row(source_id="", description="Changed")))
    assert no_source["id"] == no_source_again["id"] != first["id"]


def test_a_bom_semicolons_names_in_any_case_and_slugs_are_fine():
    text = "\ufeff" + csv_text(
        example_row(interests="nature-gardening;MUSIC AND DRAMA", free="Yes", prices=""), delimiter=";"
    )
    [(_, service)] = read(text.encode("utf-8"))
    assert term_ids(service, INTERESTS.key) == {
        INTERESTS.term_id("nature-gardening"),
        INTERESTS.term_id("music-drama"),
    }
    assert service["fees"] == "Free"


def test_unknown_columns_give_one_clear_error():
    error = only_error(csv_text({**example_row(), "colour": "blue", "Favourite food": "cake"}))
    assert error.record == "header (row 1)"
    assert "colour" in error.reason and "Favourite food" in error.reason


def test_a_missing_required_column_is_an_error():
    row = example_row()
    del row["title"]
    assert only_error(csv_text(row)).field == "title"


def test_an_empty_file_is_an_error():
    assert only_error("").reason == "The file is empty"


@pytest.mark.parametrize(
    ("changes", "column", "words"),
    [
        ({"title": ""}, "title", "Enter the title"),
        ({"summary": "x" * 301}, "summary", "300 characters or fewer"),
        ({"interests": "Knitting"}, "interests", "'Knitting' is not one of Daywell's interests"),
        ({"who_it_is_for": "Astronauts"}, "who_it_is_for", "'Astronauts'"),
        ({"access_and_support": "Jetpack"}, "access_and_support", "'Jetpack'"),
        ({"ways_to_pay": "Bitcoin"}, "ways_to_pay", "'Bitcoin'"),
        ({"times": "Funday 10:00-12:00"}, "times", "is not a day and times"),
        ({"times": "Monday 12:00-10:00"}, "times", "ends before it starts"),
        ({"times": "Monday 10:00-25:00"}, "times", "does not exist"),
        ({"free": "maybe"}, "free", "'maybe' is not yes or no"),
        ({"times_by_arrangement": "sometimes"}, "times_by_arrangement", "is not yes or no"),
        ({"prices": "five pounds a session"}, "prices", "is not a price"),
        ({"prices": "5.00 a fortnight"}, "prices", "is not a price"),
        ({"free": "yes"}, "prices", "Leave the prices empty"),
        ({"minimum_age": "eighteen"}, "minimum_age", "whole number"),
        # str.isdigit() says yes to these; int() does not take "²".
        ({"minimum_age": "²"}, "minimum_age", "whole number"),
        ({"maximum_age": "١٠"}, "maximum_age", "whole number"),
        ({"minimum_age": "1" * 5000}, "minimum_age", "whole number"),
        ({"prices": "NaN a session"}, "prices", "is not a price"),
        ({"prices": "Infinity a session"}, "prices", "is not a price"),
        ({"prices": "1e999 a session"}, "prices", "is not a price"),
        ({"prices": "٥ a session"}, "prices", "is not a price"),
        ({"prices": "9" * 5000 + " a session"}, "prices", "more than Daywell can hold"),
        ({"times": "Monday ١٠:٠٠-١٢:٠٠"}, "times", "is not a day and times"),
        ({"minimum_age": "65", "maximum_age": "18"}, "maximum_age", "same as or more than"),
        ({"postcode": "B13"}, "postcode", "not a full UK postcode"),
        ({"address_line_1": ""}, "address_line_1", "Enter the first line"),
        ({"where": "space"}, "where", "'space' is not a place"),
        ({"where": "venue", "venue_name": "", "address_line_1": "", "postcode": ""}, "venue_name", "venue"),
        ({"areas_covered": "Narnia"}, "areas_covered", "not a Birmingham ward"),
        ({"vacancies": "lots"}, "vacancies", "'lots' is not allowed"),
        ({"how_people_join": "telepathy"}, "how_people_join", "is not allowed"),
        ({"provider_kind": "Guild"}, "provider_kind", "is not a kind of provider"),
        ({"contact_email": "not-an-email"}, "contact_email", "is not an email address"),
        ({"website": "example"}, "website", "is not a web address"),
    ],
)
def test_each_bad_value_is_a_record_error_naming_the_row_and_column(changes, column, words):
    error = only_error(csv_text(example_row(**changes)))
    assert (error.record, error.field) == ("row 2", column)
    assert words in error.reason


def test_a_row_with_several_problems_is_one_error_naming_each_column():
    error = only_error(csv_text(example_row(free="maybe", interests="Knitting")))
    assert error.field == "interests, free"
    assert "interests: 'Knitting'" in error.reason and "free: 'maybe'" in error.reason


def test_good_rows_still_come_through_beside_bad_ones():
    text = csv_text(
        example_row(source_id="A"), example_row(source_id="B", times="whenever"), example_row(source_id="C")
    )
    results = read(text)
    assert [label for label, _ in results] == ["row 2", "row 3", "row 4"]
    assert [isinstance(result, RecordError) for _, result in results] == [False, True, False]


def test_a_row_the_reader_did_not_foresee_is_a_record_error_and_the_rest_go_on(monkeypatch, caplog):
    times = csv_format._times

    def fails_on_one(p, value, service_id):
        if value == "Friday 10:00-11:00":
            raise ZeroDivisionError("something unforeseen")
        return times(p, value, service_id)

    monkeypatch.setattr(csv_format, "_times", fails_on_one)
    text = csv_text(
        example_row(source_id="A"),
        example_row(source_id="B", times="Friday 10:00-11:00", contact_email="private@example.org"),
        example_row(source_id="C"),
    )
    results = read(text)

    assert [label for label, _ in results] == ["row 2", "row 3", "row 4"]
    assert [isinstance(result, RecordError) for _, result in results] == [False, True, False]
    assert results[1][1].reason == "This row could not be read. Check it against the template"
    # The traceback is logged for the developers, but not what the row holds.
    assert "ZeroDivisionError" in caplog.text and "private@example.org" not in caplog.text


def test_areas_covered_become_service_areas():
    [(_, service)] = read(csv_text(example_row(areas_covered="Moseley; Aston")))
    assert sorted(area["name"] for area in service["service_areas"]) == ["Aston", "Moseley"]
    assert all(
        area["uri"].startswith("http://statistics.data.gov.uk/id/statistical-geography/E05")
        for area in service["service_areas"]
    )


def listing_with_everything(**kwargs):
    provider = ProviderFactory(name="Moseley Growers", phone="+44 121 496 0000")
    venue = VenueFactory(provider=provider, name="Moseley allotments", address_line_2="Gate 2")
    opportunity = OpportunityFactory(
        provider=provider,
        title="Allotment club",
        venues=[venue],
        min_age=18,
        max_age=90,
        easy_read_summary="Grow food with us.",
        contact_name="Sam Patel",
        contact_email="sam@example.org",
        contact_phone="0121 496 0001",
        website="https://example.org/allotment",
        how_to_join="Phone us.",
        joining="self",
        vacancies="waiting_list",
        **kwargs,
    )
    from opportunities.models import AudienceGroup, Feature, Interest

    opportunity.interests.set(Interest.objects.filter(slug__in=["nature-gardening", "cooking-food"]))
    opportunity.audiences.set(AudienceGroup.objects.filter(slug="older-people"))
    opportunity.features.set(Feature.objects.filter(slug="hoist"))
    SessionFactory(opportunity=opportunity, weekday=0, start=datetime.time(10), end=datetime.time(12))
    CostFactory(opportunity=opportunity, amount=Decimal("5.00"), unit="session", label="")
    CostFactory(opportunity=opportunity, amount=Decimal("8.00"), unit="hour", label="With 1:1 support")
    return opportunity


def test_an_exported_listing_reads_back_as_the_same_content():
    opportunity = listing_with_everything()
    out = io.StringIO()
    assert csv_format.directory_csv(type(opportunity).objects.filter(pk=opportunity.pk), out=out) == 1
    [(_, service)] = read(out.getvalue())
    assert isinstance(service, dict), service
    assert service["id"] == str(opportunity.uuid)
    assert service["name"] == "Allotment club"
    assert (service["minimum_age"], service["maximum_age"]) == (18, 90)
    assert term_ids(service, INTERESTS.key) == {
        INTERESTS.term_id("nature-gardening"),
        INTERESTS.term_id("cooking-food"),
    }
    assert term_ids(service, AUDIENCES.key) == {AUDIENCES.term_id("older-people")}
    assert term_ids(service, FEATURES.key) == {FEATURES.term_id("hoist")}
    assert [(c["amount"], c["amount_description"], c.get("option")) for c in service["cost_options"]] == [
        (5.0, "a session", None),
        (8.0, "an hour", "With 1:1 support"),
    ]
    facts = fact_values(service)
    assert facts[FACTS.term_id("easy-read-summary")] == "Grow food with us."
    assert FACTS.term_id("vacancies-waiting-list") in facts and FACTS.term_id("joining-self") in facts
    location = service["service_at_locations"][0]["location"]
    assert location["attributes"][0]["value"] == "Gate 2"
    # The provider's phone began with "+", which the export guards; it reads back without the quote.
    org_facts = {a["taxonomy_term_id"]: a.get("value") for a in service["organization"]["attributes"]}
    assert org_facts[FACTS.term_id("provider-phone")] == "+44 121 496 0000"


def test_the_council_export_carries_status_and_identifiers():
    opportunity = listing_with_everything(status="draft", published_at=None)
    out = io.StringIO()
    csv_format.directory_csv(type(opportunity).objects.all(), council=True, out=out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["status"] == "draft"
    assert row["listing_uuid"] == str(opportunity.uuid)
    assert row["provider_uuid"] == str(opportunity.provider.uuid)
    [(_, service)] = read(out.getvalue())
    assert service["organization"]["id"] == str(opportunity.provider.uuid)
    assert service["service_at_locations"][0]["location"]["id"] == str(opportunity.venues.get().uuid)


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_exports_guard_against_formulas(start):
    opportunity = OpportunityFactory(title=f'{start}HYPERLINK("http://evil.example")', summary=f"{start}1+1")
    row = csv_format.opportunity_row(opportunity)
    assert row["title"] == f'\'{start}HYPERLINK("http://evil.example")'
    assert row["summary"] == f"'{start}1+1"
    assert all(not str(value).startswith(("=", "+", "-", "@")) for value in row.values())


def test_the_column_guide_lists_allowed_names_from_the_council_lists():
    guide = {column["name"]: column for column in csv_format.column_guide()}
    assert list(guide) == csv_format.COLUMN_NAMES
    assert guide["title"]["required"] and not guide["website"]["required"]
    assert "Nature and gardening" in guide["interests"]["allowed"]
    assert "Moseley" in guide["areas_covered"]["allowed"]


def _content(opportunity) -> dict:
    from opportunities.snapshots import snapshot_of

    snapshot = snapshot_of(opportunity)
    venue = opportunity.venues.get()
    snapshot["venues"] = [
        (venue.name, venue.address_line_1, venue.address_line_2, venue.town, venue.postcode)
    ]
    provider = opportunity.provider
    snapshot["provider"] = (provider.name, provider.kind, provider.email, provider.phone)
    snapshot.pop("photo")
    return snapshot


def test_an_export_imported_into_an_empty_directory_gives_the_same_listing():
    from opportunities.models import Opportunity
    from oruk.importer import import_services
    from providers.models import Provider

    opportunity = listing_with_everything()
    before = _content(opportunity)
    out = io.StringIO()
    csv_format.directory_csv(Opportunity.objects.listed(), out=out)
    Opportunity.objects.all().delete()
    Provider.objects.all().delete()

    report = import_services(csv_format.read_csv(out.getvalue()), source=csv_format.SOURCE)
    assert report.problems == [] and report.created["listings"] == 1
    imported = Opportunity.objects.get()
    assert imported.uuid == opportunity.uuid
    assert imported.status == Opportunity.Status.IN_REVIEW
    assert _content(imported) == before


def test_the_council_export_uploaded_again_changes_nothing():
    from opportunities.models import Opportunity
    from oruk.importer import import_services
    from providers.models import Provider, Venue

    opportunity = listing_with_everything()
    out = io.StringIO()
    csv_format.directory_csv(Opportunity.objects.all(), council=True, out=out)
    before = _content(opportunity)

    assert csv_format.is_council_export(out.getvalue())
    report = import_services(
        csv_format.read_csv(out.getvalue()), source=csv_format.SOURCE, match_daywell_ids=True
    )
    assert report.problems == []
    assert report.created["listings"] == report.created["providers"] == report.created["venues"] == 0
    assert (Opportunity.objects.count(), Provider.objects.count(), Venue.objects.count()) == (1, 1, 1)
    opportunity.refresh_from_db()
    assert _content(opportunity) == before
