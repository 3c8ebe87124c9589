"""The Outpost adapter: Buckinghamshire's records become valid ORUK 3.0 services, with stable ids."""

import copy
import json
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker

from oruk import outpost
from oruk.errors import RecordError
from oruk.taxonomy import AUDIENCES, FACTS, FEATURES

DATA = Path(__file__).parent / "data"
SCHEMA = settings.BASE_DIR / "oruk/schemas/compiled/service.json"


@pytest.fixture(scope="module")
def validator():
    return Draft202012Validator(json.loads(SCHEMA.read_text()), format_checker=FormatChecker())


@pytest.fixture(scope="module")
def sample():
    return json.loads((DATA / "bucks_services_sample.json").read_text())


@pytest.fixture(scope="module")
def single():
    return json.loads((DATA / "bucks_service_single.json").read_text())


def schema_errors(validator, service: dict) -> list[str]:
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(service)]


def by_taxonomy(service: dict, key: str) -> list[str]:
    return [a["taxonomy_term"]["name"] for a in service["attributes"] if a["link_type"] == key]


def test_outpost_files_are_recognised_and_others_are_not(sample, single):
    assert outpost.is_outpost(sample)
    assert outpost.is_outpost(single)
    assert outpost.is_outpost(sample["content"])
    oruk_page = {"total_items": 1, "contents": [{"id": "x", "name": "Art club", "status": "active"}]}
    assert not outpost.is_outpost(oruk_page)
    assert not outpost.is_outpost({"id": "x", "name": "Art club", "status": "active"})
    assert not outpost.is_outpost([])


def test_every_sample_service_converts_to_a_valid_oruk_service(sample, single, validator):
    converted = list(outpost.records(sample)) + list(outpost.records(single, name="single"))
    assert len(converted) == 21
    for label, service in converted:
        assert isinstance(service, dict), f"{label}: {service}"
        assert schema_errors(validator, service) == [], label


def test_a_service_maps_places_times_ages_and_tags(single):
    service = outpost.to_oruk(single)
    assert service["name"] == "12th Aylesbury Brownies"
    assert (service["minimum_age"], service["maximum_age"]) == (5, 11)
    location = service["service_at_locations"][0]["location"]
    # GeoJSON points are [longitude, latitude].
    assert (location["latitude"], location["longitude"]) == (51.811001, -0.790659)
    address = location["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["city"]) == (
        "Hazell Avenue",
        "HP21 7JF",
        "Aylesbury",
    )
    [session] = service["schedules"]
    assert (session["byday"], session["opens_at"], session["closes_at"]) == ("MO", "10:00", "17:00")
    # Outpost's categories are kept as source tags; an SEND need naming a Daywell group maps to it.
    assert set(by_taxonomy(service, "bucks-outpost")) >= {"Clubs and groups", "Things to do", "Hearing"}
    assert by_taxonomy(service, AUDIENCES.key) == ["Autistic people"]
    facts = {a["taxonomy_term"]["id"] for a in service["attributes"] if a["link_type"] == FACTS.key}
    assert FACTS.term_id("delivery-venue") in facts
    # The organisation has no name in Outpost: the service names it.
    assert service["organization"]["name"] == "12th Aylesbury Brownies"


def test_ids_are_the_same_every_time_and_differ_between_services(sample):
    first = [service["id"] for _, service in outpost.records(sample)]
    again = [service["id"] for _, service in outpost.records(copy.deepcopy(sample))]
    assert first == again
    assert len(set(first)) == len(first)


def test_contacts_accessibility_and_online_places(sample):
    services = {service["name"]: service for _, service in outpost.records(sample)}
    with_contact = next(s for s in services.values() if s.get("contacts"))
    assert with_contact["contacts"][0]["name"]
    phones = [
        a.get("value")
        for a in with_contact["attributes"]
        if a["taxonomy_term"]["id"] == FACTS.term_id("contact-phone")
    ]
    assert phones and phones[0]
    accessible = next(
        s for s in services.values() for sal in s["service_at_locations"] if sal["location"]["accessibility"]
    )
    location = accessible["service_at_locations"][0]["location"]
    features = {a["taxonomy_term"]["name"] for a in location["attributes"] if a["link_type"] == FEATURES.key}
    assert features <= {"Accessible toilet", "Step-free access", "Parking"} and features
    # "online via Zoom" with no address is not a venue: the service is online instead.
    online = next(
        s for _, s in outpost.records(sample) if FACTS.term_id("delivery-online") in
        {a["taxonomy_term"]["id"] for a in s["attributes"]}
    )  # fmt: skip
    assert all(sal["location"].get("name") != "online via Zoom" for sal in online["service_at_locations"])


def test_suitabilities_map_to_groups_where_the_names_match(single):
    record = dict(single, suitabilities=[
        {"id": 2, "label": "Older people"}, {"id": 7, "label": "Learning difficulties"},
        {"id": 9, "label": "Carers of young children"},
    ])  # fmt: skip
    service = outpost.to_oruk(record)
    groups = {a["taxonomy_term"]["id"] for a in service["attributes"] if a["link_type"] == AUDIENCES.key}
    assert groups == {AUDIENCES.term_id(slug) for slug in ("older-people", "learning-disability", "autism")}
    assert "Carers of young children" in by_taxonomy(service, "bucks-outpost")


def test_costs_and_free(single, validator):
    record = dict(single, cost_options=[{"option": "Adults", "amount": "4.5", "cost_type": "per hour"}])
    service = outpost.to_oruk(record)
    [cost] = service["cost_options"]
    assert (cost["amount"], cost["amount_description"], cost["option"]) == (4.5, "an hour", "Adults")
    assert service["fees"] == "£4.50 an hour (Adults)"
    assert schema_errors(validator, service) == []
    free = outpost.to_oruk(dict(single, free=True))
    assert free["fees"] == "Free"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": None}, "name"),
        ({"id": None}, "id"),
        ({"min_age": 30, "max_age": 20}, "max_age"),
        ({"min_age": "old"}, "min_age"),
        (
            {"regular_schedules": [{"weekday": "Someday", "opens_at": "10:00", "closes_at": "11:00"}]},
            "regular_schedules[0].weekday",
        ),
        (
            {"regular_schedules": [{"weekday": "Monday", "opens_at": "25:00", "closes_at": "11:00"}]},
            "regular_schedules[0].opens_at",
        ),
        (
            {"regular_schedules": [{"weekday": "Monday", "opens_at": "12:00", "closes_at": "11:00"}]},
            "regular_schedules[0].closes_at",
        ),
        ({"cost_options": [{"amount": "lots"}]}, "cost_options[0].amount"),
        ({"locations": "Aylesbury"}, "locations"),
        # Python's JSON reader takes NaN and Infinity; int(NaN) and comparing Decimal NaN fail.
        ({"min_age": float("nan")}, "min_age"),
        ({"max_age": float("inf")}, "max_age"),
        ({"min_age": 10**400}, "min_age"),
        ({"cost_options": [{"amount": "NaN"}]}, "cost_options[0].amount"),
        ({"cost_options": [{"amount": "-Infinity"}]}, "cost_options[0].amount"),
        ({"cost_options": [{"amount": float("nan")}]}, "cost_options[0].amount"),
        ({"cost_options": [{"amount": "1e999"}]}, "cost_options[0].amount"),
        ({"cost_options": [{"amount": 10**5000}]}, "cost_options[0].amount"),
        ({"locations": [{"name": "Hall", "accessibilities": 5}]}, "locations[0].accessibilities"),
        (
            {"regular_schedules": [{"weekday": 10**5000, "opens_at": "10:00", "closes_at": "11:00"}]},
            "regular_schedules[0].weekday",
        ),
        (
            {"regular_schedules": [{"weekday": "Monday", "opens_at": "١٠:٠٠", "closes_at": "11:00"}]},
            "regular_schedules[0].opens_at",
        ),
    ],
)
def test_a_record_that_cannot_convert_is_a_record_error(single, change, field):
    result = outpost.to_oruk({**single, **change}, label="item 1")
    assert isinstance(result, RecordError)
    assert (result.record, result.field) == ("item 1", field)
    assert result.reason


@pytest.mark.parametrize("point", [[10**400, 1], [1, 10**400], [float("nan"), 51.8], [-0.79, float("inf")]])
def test_coordinates_that_are_no_place_are_left_out(single, point):
    location = {"name": "Hall", "postal_code": "HP21 7JF", "geometry": {"coordinates": point}}
    service = outpost.to_oruk({**single, "locations": [location]})
    [place] = service["service_at_locations"]
    assert "latitude" not in place["location"] and "longitude" not in place["location"]
    assert place["location"]["addresses"][0]["postal_code"] == "HP21 7JF"


def test_a_record_the_adapter_did_not_foresee_is_a_record_error_and_the_rest_go_on(
    sample, monkeypatch, caplog
):
    data = copy.deepcopy(sample)
    odd = data["content"][2]
    summary = outpost._summary

    def fails_on_one(description, name):
        if name == odd["name"]:
            raise KeyError("something unforeseen")
        return summary(description, name)

    monkeypatch.setattr(outpost, "_summary", fails_on_one)
    results = list(outpost.records(data, name="bucks.json"))

    errors = [result for _, result in results if isinstance(result, RecordError)]
    assert len(results) == 20 and len(errors) == 1
    assert errors[0].record == f"bucks.json item 3 (id {odd['id']})"
    assert "could not be read" in errors[0].reason
    # The traceback is logged for the developers, but not what the record holds.
    assert "KeyError" in caplog.text and odd["description"][:30] not in caplog.text


def test_a_broken_item_in_a_file_does_not_stop_the_others(sample):
    data = copy.deepcopy(sample)
    data["content"][3]["name"] = ""
    results = list(outpost.records(data, name="bucks.json"))
    errors = [r for _, r in results if isinstance(r, RecordError)]
    assert len(results) == 20 and len(errors) == 1
    assert str(errors[0]).startswith("bucks.json item 4 (id ")


@pytest.mark.django_db
def test_importing_the_sample_makes_providers_venues_and_listings_in_review_with_source_tags(sample):
    from opportunities.models import Opportunity
    from oruk.importer import import_services
    from oruk.models import SourceTag
    from providers.models import Venue

    report = import_services(outpost.records(sample), source=outpost.SOURCE)
    assert report.problems == []
    assert report.created["listings"] == 20
    listings = Opportunity.objects.filter(title__in=[s["name"] for s in sample["content"]])
    assert listings.count() == 20
    assert set(listings.values_list("status", flat=True)) == {Opportunity.Status.IN_REVIEW}
    brownies = listings.get(title="12th Aylesbury Brownies")
    assert (brownies.min_age, brownies.max_age) == (5, 11)
    assert [(s.weekday, f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in brownies.sessions.all()] == [
        (0, "10:00", "17:00")
    ]
    venue = brownies.venues.get()
    assert (venue.postcode, round(venue.latitude, 4), round(venue.longitude, 4)) == (
        "HP21 7JF",
        51.811,
        -0.7907,
    )
    assert list(brownies.audiences.values_list("slug", flat=True)) == ["autism"]
    tags = set(SourceTag.objects.filter(opportunities=brownies).values_list("taxonomy", "name"))
    assert {("bucks-outpost", "Clubs and groups"), ("bucks-outpost", "Things to do")} <= tags
    assert Venue.objects.filter(opportunities__in=listings).exists()

    # A second import of the same file changes nothing.
    again = import_services(outpost.records(sample), source=outpost.SOURCE)
    assert (again.created["listings"], again.updated["listings"], again.unchanged["listings"]) == (0, 0, 20)
    assert Opportunity.objects.filter(title__in=[s["name"] for s in sample["content"]]).count() == 20
