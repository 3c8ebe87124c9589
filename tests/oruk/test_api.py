"""The Open Referral UK 3.0 read API: real listings through the real endpoints, and every real
response validated against the ORUK 3.0 schemas (and the ORUK validator's own schema set)."""

import datetime
import json
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opportunities.models import AudienceGroup, Feature, Interest, Opportunity, PaymentRoute
from opportunities.search_index import opportunity_index_refresh
from oruk import serialize
from oruk.ids import derived
from oruk.taxonomy import ALL_TAXONOMIES, AUDIENCES, FACTS, FEATURES, INTERESTS, PAYMENT_ROUTES, facts
from places.models import Ward
from tests.factories import CostFactory, OpportunityFactory, ProviderFactory, SessionFactory, VenueFactory

from .api_schemas import SCHEMAS, assert_page, assert_valid

pytestmark = pytest.mark.django_db

API = "/api/oruk"
TODAY = datetime.date.today()


def get(client, path, params=None, status=200):
    response = client.get(API + path, params or {})
    assert response.status_code == status, (path, params, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def names(page) -> set[str]:
    return {item["name"] for item in page["contents"]}


@pytest.fixture
def directory():
    """A published listing with everything, and listings that must never be published."""
    provider = ProviderFactory(
        name="Moseley Community Trust",
        description="A charity in Moseley.",
        website="https://moseley.example.org",
        charity_number="1123456",
        cqc_location_id="1-123456789",
        cqc_rating="good",
        dbs_checked_on=datetime.date(2026, 3, 1),
        references_available=True,
    )
    venue = VenueFactory(
        provider=provider,
        name="Moseley Exchange",
        address_line_1="149 Alcester Road",
        address_line_2="Moseley Village",
        postcode="B13 8JP",
    )
    venue.features.set(Feature.objects.filter(slug__in=["step-free", "hearing-loop"]))
    garden = OpportunityFactory(
        provider=provider,
        title="Allotment gardening club",
        description="We grow vegetables together every week.",
        easy_read_summary="Grow food with friends.",
        how_to_join="Phone us and come along.",
        contact_name="Asha Patel",
        contact_email="asha@example.org",
        contact_phone="0121 496 0001",
        website="https://moseley.example.org/garden",
        min_age=18,
        max_age=65,
        delivery=["venue", "community"],
        joining=Opportunity.Joining.SELF,
        venues=[venue],
    )
    garden.interests.set(Interest.objects.filter(slug="nature-gardening"))
    garden.audiences.set(AudienceGroup.objects.filter(slug="learning-disability"))
    garden.features.set(Feature.objects.filter(slug="one-to-one"))
    garden.payment_routes.set(PaymentRoute.objects.filter(slug="direct-payment"))
    garden.areas.set(Ward.objects.filter(slug="moseley"))
    SessionFactory(opportunity=garden, weekday=0, start=datetime.time(10), end=datetime.time(12))
    SessionFactory(opportunity=garden, weekday=2, start=datetime.time(13, 30), end=datetime.time(15))
    CostFactory(opportunity=garden, amount=Decimal("5.00"))
    CostFactory(opportunity=garden, amount=Decimal("8.00"), label="With 1:1 support")

    # Far away (Sutton Coldfield), free, in the evening, older people, no venue features.
    far_venue = VenueFactory(name="Sutton Hall", postcode="B72 1AA", latitude=52.5627, longitude=-1.8227)
    choir = OpportunityFactory(
        title="Evening choir",
        summary="A friendly choir.",
        description="Singing for everyone.",
        is_free=True,
        min_age=50,
        max_age=None,
        venues=[far_venue],
    )
    choir.interests.set(Interest.objects.filter(slug="music-drama"))
    choir.audiences.set(AudienceGroup.objects.filter(slug="older-people"))
    SessionFactory(opportunity=choir, weekday=4, start=datetime.time(18), end=datetime.time(20))

    secret_provider = ProviderFactory(name="Only drafts here")
    hidden = []
    for title, extra in [
        ("Secret draft", {"status": Opportunity.Status.DRAFT, "provider": secret_provider}),
        ("Secret in review", {"status": Opportunity.Status.IN_REVIEW}),
        ("Secret archived", {"status": Opportunity.Status.ARCHIVED}),
        ("Secret stale", {"hidden_as_stale_on": TODAY}),
    ]:
        listing = OpportunityFactory(
            title=title, description="Gardening for everyone.", venues=[venue], **extra
        )
        listing.interests.set(Interest.objects.filter(slug="nature-gardening"))
        SessionFactory(opportunity=listing, weekday=0, start=datetime.time(10), end=datetime.time(12))
        hidden.append(listing)
    opportunity_index_refresh()
    garden.refresh_from_db()
    choir.refresh_from_db()
    return {"garden": garden, "choir": choir, "venue": venue, "provider": provider, "hidden": hidden}


# --- The ORUK validator's checks --------------------------------------------------------------------
def _pointer(*parts: str) -> str:
    return "/" + "/".join(quote(p.replace("~", "~0").replace("/", "~1"), safe="~") for p in parts)


def test_every_endpoint_of_the_validators_openapi_answers_in_its_schema(client, directory):
    """The validator's open_api.json: GET /, /services and /services/{id} are required, the rest
    optional; Daywell answers them all, each in the schema the validator checks it with."""
    spec = json.loads((SCHEMAS / "validator" / "open_api.json").read_text())
    garden, venue = directory["garden"], directory["venue"]
    ids = {
        "services": str(garden.uuid),
        "organizations": str(garden.provider.uuid),
        "service_at_locations": serialize.service_at_location_id(garden.uuid, venue.uuid),
        "taxonomies": INTERESTS.id,
        "taxonomy_terms": INTERESTS.term_id("nature-gardening"),
    }
    required = set()
    for path, item in spec["paths"].items():
        operation = item["get"]
        if "Optional" not in operation.get("tags", []):
            required.add(path)
        url = path.replace("{id}", ids.get(path.split("/")[1], ""))
        data = get(client, url if url != "/" else "/")
        pointer = _pointer("paths", path, "get", "responses", "200", "content", "application/json", "schema")
        if path == "/organizations":
            # The validator's schema here is of one organization, though its own passing mock
            # answer is a page of them: check each one, and the page with ORUK's Page.
            assert_page(data, "compiled/organization_list.json")
            for item in data["contents"]:
                assert_valid("validator/open_api.json", item, pointer)
        else:
            assert_valid("validator/open_api.json", data, pointer)
    assert required == {"/", "/services", "/services/{id}"}


def test_root_describes_the_api(client, directory):
    data = get(client, "/")
    assert_valid("validator/api_details.json", data)
    assert data["version"] == "HSDS-UK-3.0"
    assert data["openapi_url"] == "http://testserver/api/oruk/openapi.json"
    document = get(client, "/openapi.json")
    assert document["openapi"].startswith("3.1")
    assert "/services/{id}" in document["paths"]
    # The facts and the attribute's value are documented.
    assert "daywell-facts" in document["info"]["description"]
    assert facts()["easy-read-summary"].id in document["info"]["description"]
    attribute = document["components"]["schemas"]["Service"]["properties"]["attributes"]["items"]
    assert "value" in attribute["properties"]


# --- Services ------------------------------------------------------------------------------------------
def test_service_list_is_an_oruk_page_of_published_listings(client, directory):
    page = get(client, "/services")
    assert_page(page, "compiled/service_list.json")
    assert_valid("validator/service_list.json", page)
    assert names(page) == {"Allotment gardening club", "Evening choir"}
    garden = next(item for item in page["contents"] if item["name"] == "Allotment gardening club")
    assert garden["fees"] == "£5.00 a session; £8.00 a session (With 1:1 support)"
    assert garden["organization"]["name"] == "Moseley Community Trust"


def test_full_service_list_validates(client, directory):
    page = get(client, "/services", {"full": "true"})
    assert_page(page, "compiled/service.json")
    assert all("schedules" in item for item in page["contents"])


def test_service_detail_is_the_full_nested_service(client, directory):
    garden = directory["garden"]
    data = get(client, f"/services/{garden.uuid}")
    assert_valid("compiled/service.json", data)
    assert data["id"] == str(garden.uuid)
    assert data["status"] == "active"
    assert data["url"] == "https://moseley.example.org/garden"
    assert data["email"] == "asha@example.org"
    assert (data["minimum_age"], data["maximum_age"]) == (18, 65)
    assert data["assured_date"] == TODAY.isoformat()
    assert data["organization"]["organization_identifiers"][0]["identifier_scheme"] == "GB-CHC"
    assert [s["description"] for s in data["schedules"]] == [
        "Mondays, 10am to 12pm",
        "Wednesdays, 1:30pm to 3pm",
    ]
    assert [s["byday"] for s in data["schedules"]] == ["MO", "WE"]
    assert data["schedules"][0]["id"] == derived("schedule", garden.uuid, 0, "10:00", "12:00")
    assert [(c["amount"], c.get("option"), c["amount_description"]) for c in data["cost_options"]] == [
        (5.0, None, "a session"),
        (8.0, "With 1:1 support", "a session"),
    ]
    assert data["contacts"][0]["name"] == "Asha Patel"
    moseley = Ward.objects.get(slug="moseley")
    assert data["service_areas"] == [
        {
            "id": derived("area", garden.uuid, moseley.code),
            "service_id": str(garden.uuid),
            "name": "Moseley",
            "uri": f"http://statistics.data.gov.uk/id/statistical-geography/{moseley.code}",
        }
    ]
    location = data["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "B13 8JP"
    assert {a["description"] for a in location["accessibility"]} == {"Step-free access", "Hearing loop"}
    by_term = {a["taxonomy_term_id"]: a for a in data["attributes"]}
    assert INTERESTS.term_id("nature-gardening") in by_term
    assert AUDIENCES.term_id("learning-disability") in by_term
    assert FEATURES.term_id("one-to-one") in by_term
    assert PAYMENT_ROUTES.term_id("direct-payment") in by_term
    assert by_term[facts()["easy-read-summary"].id]["value"] == "Grow food with friends."
    assert by_term[facts()["vacancies-yes"].id]["value"] == TODAY.isoformat()
    assert facts()["delivery-community"].id in by_term
    # Only export files say a listing's Daywell status.
    assert not any(a["taxonomy_term"]["name"] == "Published" for a in data["attributes"])
    exported = {a["taxonomy_term_id"] for a in serialize.service_full(garden, export=True)["attributes"]}
    assert facts()["listing-status-published"].id in exported


def test_a_temporarily_closed_listing_says_so(client, directory):
    garden = directory["garden"]
    Opportunity.objects.filter(pk=garden.pk).update(closed_until=datetime.date(2099, 1, 5))
    data = get(client, f"/services/{garden.uuid}")
    assert data["status"] == "temporarily closed"
    assert data["alert"] == "Closed until 5 January 2099."


def test_unpublished_and_hidden_listings_never_appear(client, directory):
    for listing in directory["hidden"]:
        get(client, f"/services/{listing.uuid}", status=404)
        for venue in listing.venues.all():
            sal = serialize.service_at_location_id(listing.uuid, venue.uuid)
            get(client, f"/service_at_locations/{sal}", status=404)
    assert not any("Secret" in n for n in names(get(client, "/services", {"search": "gardening"})))
    sal_page = get(client, "/service_at_locations", {"per_page": 100})
    assert {item["service"]["name"] for item in sal_page["contents"]} == {
        "Allotment gardening club",
        "Evening choir",
    }
    # An organization with only a draft is not published either.
    draft_provider = directory["hidden"][0].provider
    get(client, f"/organizations/{draft_provider.uuid}", status=404)
    assert "Only drafts here" not in names(get(client, "/organizations"))
    org = get(client, f"/organizations/{directory['provider'].uuid}")
    assert {s["name"] for s in org["services"]} == {"Allotment gardening club"}


# --- Filters -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "params, expected",
    [
        ({"search": "vegetables"}, {"Allotment gardening club"}),
        ({"text": "singing"}, {"Evening choir"}),
        ({"search": "swimming"}, set()),
        ({"taxonomy_term_id": INTERESTS.term_id("music-drama")}, {"Evening choir"}),
        ({"taxonomy_term_id": FEATURES.term_id("step-free")}, {"Allotment gardening club"}),  # the venue's
        ({"taxonomy_term_id": PAYMENT_ROUTES.term_id("direct-payment")}, {"Allotment gardening club"}),
        ({"taxonomy_term_id": FACTS.term_id("free")}, {"Evening choir"}),
        ({"taxonomy_term_id": FACTS.term_id("delivery-community")}, {"Allotment gardening club"}),
        ({"taxonomy_term_id": "00000000-0000-4000-8000-000000000000"}, set()),
        ({"taxonomy_id": PAYMENT_ROUTES.id}, {"Allotment gardening club"}),
        ({"taxonomy_id": AUDIENCES.id}, {"Allotment gardening club", "Evening choir"}),
        ({"minimum_age": "40"}, {"Evening choir"}),
        ({"maximum_age": "70"}, {"Allotment gardening club"}),
        ({"postcode": "B13 8JP", "proximity": "3219"}, {"Allotment gardening club"}),
        ({"postcode": "B72 1AA", "proximity": "3219"}, {"Evening choir"}),
        ({"postcode": "B13", "proximity": "48280"}, {"Allotment gardening club", "Evening choir"}),
        ({"day": "MO"}, {"Allotment gardening club"}),
        ({"day": "friday"}, {"Evening choir"}),
        ({"day": "SA"}, set()),
        ({"start_time": "17:00"}, {"Evening choir"}),
        ({"end_time": "15:00"}, {"Allotment gardening club"}),
        ({"day": "WE", "start_time": "13:00", "end_time": "15:00"}, {"Allotment gardening club"}),
        ({"day": "MO", "start_time": "13:00"}, set()),  # the same session must match both
    ],
)
def test_each_filter_filters(client, directory, params, expected):
    page = get(client, "/services", params)
    assert_page(page, "compiled/service_list.json")
    assert names(page) == expected
    assert page["total_items"] == len(expected)


def test_filters_by_organization_and_modified_after(client, directory):
    provider = directory["provider"]
    assert names(get(client, "/services", {"organization_id": str(provider.uuid)})) == {
        "Allotment gardening club"
    }
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat() + "T00:00:00Z"
    assert names(get(client, "/services", {"modified_after": tomorrow})) == set()
    assert len(names(get(client, "/services", {"modified_after": "2000-01-01T00:00:00Z"}))) == 2


def test_a_postcode_orders_nearest_first(client, directory):
    near_sutton = get(client, "/services", {"postcode": "B72 1AA"})
    assert [item["name"] for item in near_sutton["contents"]] == ["Evening choir", "Allotment gardening club"]
    sal = get(client, "/service_at_locations", {"postcode": "B72 1AA", "proximity": "1609"})
    assert_page(sal, "compiled/service_at_location_list.json")
    assert [item["service"]["name"] for item in sal["contents"]] == ["Evening choir"]


def test_times_by_arrangement_match_any_day(client, directory):
    listing = OpportunityFactory(title="Befriending visits", by_arrangement=True)
    assert "Befriending visits" in names(get(client, "/services", {"day": "SU"}))
    assert "Befriending visits" in names(
        get(client, "/services", {"taxonomy_term_id": FACTS.term_id("times-by-arrangement")})
    )
    assert listing.sessions.count() == 0


# --- Paging -------------------------------------------------------------------------------------------
def test_paging(client, directory):
    for n in range(3):
        OpportunityFactory(title=f"Walking group {n}")
    first = get(client, "/services", {"per_page": 2})
    assert_page(first, "compiled/service_list.json")
    assert (first["total_items"], first["total_pages"], first["page_number"], first["size"]) == (5, 3, 1, 2)
    assert (first["first_page"], first["last_page"], first["empty"]) == (True, False, False)
    last = get(client, "/services", {"per_page": 2, "page": 3})
    assert (last["size"], last["first_page"], last["last_page"]) == (1, False, True)
    beyond = get(client, "/services", {"per_page": 2, "page": 9})
    assert (beyond["contents"], beyond["empty"], beyond["last_page"]) == ([], True, True)
    seen = [
        item["name"]
        for p in (1, 2, 3)
        for item in get(client, "/services", {"per_page": 2, "page": p})["contents"]
    ]
    assert len(seen) == len(set(seen)) == 5
    capped = get(client, "/services", {"per_page": 100000})
    assert capped["total_pages"] == 1 and capped["size"] == 5


# --- Organizations, services at locations, taxonomies ----------------------------------------------
def test_organizations(client, directory):
    page = get(client, "/organizations")
    assert_page(page, "compiled/organization_list.json")
    org = get(client, f"/organizations/{directory['provider'].uuid}")
    assert_valid("compiled/organization.json", org)
    assert {i["identifier_scheme"] for i in org["organization_identifiers"]} == {"GB-CHC", "GB-CQC-LOCATION"}
    terms = {a["taxonomy_term_id"]: a for a in org["attributes"]}
    assert terms[facts()["dbs-checked-on"].id]["value"] == "2026-03-01"
    assert facts()["cqc-rating-good"].id in terms
    full = get(client, f"/organizations/{directory['provider'].uuid}", {"full_service": "true"})
    assert_valid("compiled/organization.json", full)
    assert full["services"][0]["schedules"]


def test_service_at_locations(client, directory):
    page = get(client, "/service_at_locations")
    assert_page(page, "compiled/service_at_location_list.json")
    assert_valid("validator/service_at_location_list.json", page)
    garden, venue = directory["garden"], directory["venue"]
    sal_id = serialize.service_at_location_id(garden.uuid, venue.uuid)
    assert sal_id in {item["id"] for item in page["contents"]}
    data = get(client, f"/service_at_locations/{sal_id}")
    assert_valid("compiled/service_at_location.json", data)
    assert data["location"]["name"] == "Moseley Exchange"
    assert data["service"]["name"] == "Allotment gardening club"
    address_line_2 = {a["taxonomy_term_id"]: a for a in data["location"]["attributes"]}[
        facts()["address-line-2"].id
    ]
    assert address_line_2["value"] == "Moseley Village"


def test_taxonomies_and_terms(client, directory):
    page = get(client, "/taxonomies")
    assert_page(page, "taxonomy.json")
    assert_valid("validator/taxonomy_list.json", page)
    assert {t["id"] for t in page["contents"]} == {t.id for t in ALL_TAXONOMIES}
    facts_taxonomy = get(client, f"/taxonomies/{FACTS.id}")
    assert_valid("validator/taxonomy.json", facts_taxonomy)
    assert len(facts_taxonomy["taxonomy_terms"]) == len(facts())
    terms = get(client, "/taxonomy_terms", {"taxonomy_id": INTERESTS.id, "per_page": 100})
    assert_page(terms, "taxonomy_term.json")
    assert_valid("validator/taxonomy_term_list.json", terms)
    assert terms["total_items"] == Interest.objects.count()
    everything = get(client, "/taxonomy_terms", {"per_page": 100})
    expected = sum(t.model.objects.count() for t in ALL_TAXONOMIES if t.model) + len(facts())
    assert everything["total_items"] == expected
    term = get(client, f"/taxonomy_terms/{INTERESTS.term_id('nature-gardening')}")
    assert_valid("taxonomy_term.json", term)
    assert (term["name"], term["taxonomy"], term["taxonomy_id"]) == (
        "Nature and gardening",
        INTERESTS.key,
        INTERESTS.id,
    )
    get(client, f"/taxonomy_terms/{derived('nothing')}", status=404)
    get(client, f"/taxonomies/{derived('nothing')}", status=404)


# --- Bad requests, CORS, no cookies ---------------------------------------------------------------
@pytest.mark.parametrize(
    "path, params",
    [
        ("/services", {"page": "abc"}),
        ("/services", {"page": "0"}),
        ("/services", {"per_page": "-1"}),
        ("/services", {"taxonomy_term_id": "not-a-uuid"}),
        ("/services", {"taxonomy_id": "123"}),
        ("/services", {"postcode": "ZZ99 9ZZ"}),
        ("/services", {"proximity": "5"}),
        ("/services", {"postcode": "B13 8JP", "proximity": "far"}),
        ("/services", {"day": "XX"}),
        ("/services", {"start_time": "25:99"}),
        ("/services", {"end_time": "noon"}),
        ("/services", {"minimum_age": "old"}),
        ("/services", {"maximum_age": "-3"}),
        ("/services", {"modified_after": "yesterday"}),
        ("/services", {"full": "perhaps"}),
        ("/services", {"search": "garden\x00"}),
        ("/services/not-a-uuid", {}),
        ("/organizations", {"page": "1.5"}),
        ("/taxonomy_terms", {"taxonomy_id": "x"}),
        ("/service_at_locations", {"postcode": "nowhere"}),
    ],
)
def test_bad_parameters_get_a_400_in_plain_words(client, directory, path, params):
    data = get(client, path, params, status=400)
    assert data["status"] == 400
    assert data["message"].endswith(".") and len(data["message"]) > 10


def test_unknown_ids_and_paths_get_a_404(client, directory):
    unknown = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
    for path in ("services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"):
        assert get(client, f"/{path}/{unknown}", status=404)["status"] == 404
    assert get(client, "/nothing-here", status=404)["status"] == 404


def test_cors_preflight_no_cookies_and_no_csrf(client, directory):
    preflight = client.options(f"{API}/services", HTTP_ORIGIN="https://example.com")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    response = client.get(f"{API}/services")
    assert not response.cookies
    assert "max-age" in response["Cache-Control"]
    # A write is refused as JSON, not by the CSRF check's HTML page.
    post = client.post(f"{API}/services", {})
    assert post.status_code == 405
    assert post.json()["status"] == 405
    assert post["Access-Control-Allow-Origin"] == "*"


# --- Queries -----------------------------------------------------------------------------------------
def _full_listing(n: int):
    venue = VenueFactory()
    venue.features.set(Feature.objects.filter(slug__in=["step-free", "hoist"]))
    listing = OpportunityFactory(title=f"Pottery {n}", venues=[venue], min_age=18)
    listing.interests.set(Interest.objects.filter(slug="arts-crafts"))
    listing.features.set(Feature.objects.filter(slug="quiet-space"))
    listing.areas.set(Ward.objects.filter(slug="moseley"))
    SessionFactory(opportunity=listing)
    CostFactory(opportunity=listing)
    return listing


@pytest.mark.parametrize("params", [{}, {"full": "true"}, {"full": "true", "postcode": "B13 8JP"}])
def test_services_cost_a_fixed_number_of_queries(client, params, django_assert_max_num_queries):
    counts = []
    for size in (2, 12):
        while Opportunity.objects.count() < size:
            _full_listing(Opportunity.objects.count())
        with CaptureQueriesContext(connection) as queries:
            page = get(client, "/services", params | {"per_page": 100})
        assert page["total_items"] == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(14):
        get(client, "/services", params | {"per_page": 100})
