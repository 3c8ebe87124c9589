"""The OpenAPI 3.1 document of Daywell's ORUK API, served at /api/oruk/openapi.json.

Built from the ORUK profile's own OpenAPI document (uk-profile `schema/openapi.json`), adapted
to Daywell's paths and parameters, with the ORUK 3.0 JSON schemas copied into oruk/schemas/
embedded as components. The schemas are trimmed to JSON Schema keywords (the profile's
`name`, `path`, `constraints`, `core`… are tabular-data notes that OpenAPI tools do not know)
and every attribute gains the `value` field Daywell's facts use.
"""

import copy
import functools
import json
from pathlib import Path

from .taxonomy import ALL_TAXONOMIES, FACTS, facts

SCHEMAS = Path(__file__).resolve().parent / "schemas"
KEYWORDS = {
    "type", "properties", "items", "required", "enum", "format", "description", "title",
    "minimum", "maximum", "pattern", "$ref",
}  # fmt: skip
VALUE = {
    "type": "string",
    "description": (
        "Daywell: the value of a fact that carries one (`daywell-facts` terms): a text, or a date "
        "as YYYY-MM-DD. HSDS 3.0's attribute `value`; absent when the term alone says it."
    ),
}


def _load(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _clean(schema):
    """Keep only JSON Schema keywords; give every attribute object a `value`."""
    if not isinstance(schema, dict):
        return schema
    cleaned = {}
    for key, value in schema.items():
        if key not in KEYWORDS:
            continue
        if key == "properties":
            cleaned[key] = {name: _clean(prop) for name, prop in value.items()}
        elif key == "items":
            cleaned[key] = _clean(value)
        else:
            cleaned[key] = copy.deepcopy(value)
    props = cleaned.get("properties", {})
    if "taxonomy_term" in props and "link_type" in props:
        props["value"] = dict(VALUE)
    return cleaned


def _page_of(ref: str, description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "allOf": [{"$ref": "#/components/schemas/Page"}],
                    "properties": {"contents": {"type": "array", "items": {"$ref": ref}}},
                    "required": ["contents"],
                }
            }
        },
    }


def _one(ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def _param(name, description, schema, where="query", required=False) -> dict:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


ERRORS = {
    "400": _one("#/components/schemas/Error", "A parameter could not be used; `message` says which and why."),
}
NOT_FOUND = {"404": _one("#/components/schemas/Error", "Nothing published has that id.")}
UUID = {"type": "string", "format": "uuid"}
TIME = {"type": "string", "pattern": r"^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"}

PARAMETERS = {
    "search": _param(
        "search",
        "Words to find in a listing's name, summary, interests, description or provider's name. "
        "Every word must be found (or one of its everyday alternatives: 'swim' finds 'swimming').",
        {"type": "string"},
    ),
    "text": _param("text", "The same as `search`.", {"type": "string"}),
    "page": _param("page", "Page number, from 1.", {"type": "integer", "minimum": 1}),
    "per_page": _param(
        "per_page", "Results in a page: 50 unless asked; at most 100.", {"type": "integer", "minimum": 1}
    ),
    "taxonomy_term_id": _param(
        "taxonomy_term_id",
        "Only services with this taxonomy term. A `daywell-features` term also matches a service "
        "whose venue has the feature; a `daywell-facts` term matches the services the fact is true of.",
        UUID,
    ),
    "taxonomy_id": _param("taxonomy_id", "Only services with any term of this taxonomy.", UUID),
    "organization_id": _param("organization_id", "Only services of this organization.", UUID),
    "minimum_age": _param(
        "minimum_age",
        "Only services with a minimum age of at least this (services with no minimum age are left out).",
        {"type": "number", "minimum": 0, "maximum": 150},
    ),
    "maximum_age": _param(
        "maximum_age",
        "Only services with a maximum age of at most this (services with no maximum age are left out).",
        {"type": "number", "minimum": 0, "maximum": 150},
    ),
    "postcode": _param(
        "postcode",
        "A postcode (or postcode district, like B13) to measure from: results are ordered nearest "
        "first, and with `proximity` only those within it are returned. A postcode Daywell does not "
        "know is a 400.",
        {"type": "string"},
    ),
    "proximity": _param(
        "proximity",
        "A distance in metres from `postcode`'s centre (1 mile is 1,609 metres); needs `postcode`.",
        {"type": "number", "minimum": 0, "maximum": 1000000},
    ),
    "day": _param(
        "day",
        "Only services with a session on this day: MO, TU, WE, TH, FR, SA or SU, or the day's name; "
        "several separated by commas. Services whose times are agreed with each person match any day.",
        {"type": "string"},
    ),
    "start_time": _param(
        "start_time", "Only services with a session starting at or after this time (HH:MM, 24-hour).", TIME
    ),
    "end_time": _param(
        "end_time", "Only services with a session ending at or before this time (HH:MM, 24-hour).", TIME
    ),
    "modified_after": _param(
        "modified_after",
        "Only services changed at or after this date and time (ISO 8601).",
        {"type": "string", "format": "date-time"},
    ),
    "full": _param(
        "full", "true for fully nested services rather than their one-to-one fields.", {"type": "boolean"}
    ),
    "full_service": _param(
        "full_service", "true for the organization's services fully nested.", {"type": "boolean"}
    ),
    "org_search": _param("search", "Part of the organization's name.", {"type": "string"}),
    "name_search": _param("search", "Part of the name or description.", {"type": "string"}),
    "term_taxonomy_id": _param("taxonomy_id", "Only the terms of this taxonomy.", UUID),
    "parent_id": _param(
        "parent_id", "Only the children of this term (Daywell's taxonomies are flat: none).", UUID
    ),
    "top_only": _param("top_only", "Only top-level terms (all of Daywell's are).", {"type": "boolean"}),
}


# The filters /services and /service_at_locations share (oruk.api._listings reads them all).
LISTING_FILTERS = (
    "search", "text", "page", "per_page", "taxonomy_term_id", "taxonomy_id", "organization_id",
    "minimum_age", "maximum_age", "postcode", "proximity", "day", "start_time", "end_time",
    "modified_after",
)  # fmt: skip


def _refs(*names) -> list[dict]:
    return [{"$ref": f"#/components/parameters/{name}"} for name in names]


def _id(what: str) -> list[dict]:
    return [_param("id", f"The {what}'s id.", UUID, where="path", required=True)]


def _description() -> str:
    lines = [
        "Birmingham's directory of day opportunities for adults with care and support needs, as "
        "[Open Referral UK](https://openreferraluk.org/) 3.0. Read-only and public: published "
        "listings only, no API key, `Access-Control-Allow-Origin: *` on every response.",
        "",
        "Identifiers are stable UUIDs. Bad parameters get a 400 and unknown ids a 404, both JSON "
        "with a `message` in plain words.",
        "",
        "## Daywell's taxonomies",
        "Services, organizations and locations carry **attributes** pointing at terms of Daywell's "
        "own published taxonomies (`link_type` is the taxonomy's key; `GET /taxonomies` lists them):",
        "",
    ]
    for taxonomy in ALL_TAXONOMIES:
        lines.append(f"- `{taxonomy.key}` ({taxonomy.id}): {taxonomy.name}. {taxonomy.description}")
    lines += [
        "",
        "## Daywell facts",
        f"Terms of `{FACTS.key}` say what ORUK has no field for. A fact that carries a value "
        "(text, or a date as YYYY-MM-DD) puts it in the attribute's `value`:",
        "",
    ]
    for fact in facts().values():
        value = f" Value: {fact.value}." if fact.value else ""
        lines.append(f"- `{fact.slug}` ({fact.id}): {fact.name}. {fact.description}{value}")
    return "\n".join(lines)


@functools.cache
def document() -> dict:
    service = _clean(_load("compiled/service.json"))
    taxonomy = _clean(_load("taxonomy.json"))
    taxonomy["properties"]["taxonomy_terms"]["items"] = {"$ref": "#/components/schemas/TaxonomyTerm"}
    api_details = _clean(_load("validator/api_details.json"))
    schemas = {
        "Page": {
            "type": "object",
            "required": [
                "total_items",
                "total_pages",
                "page_number",
                "size",
                "first_page",
                "last_page",
                "empty",
            ],
            "properties": {
                "total_items": {"type": "integer", "description": "How many results there are in all."},
                "total_pages": {"type": "integer", "description": "How many pages there are."},
                "page_number": {"type": "integer", "description": "This page's number, from 1."},
                "size": {"type": "integer", "description": "How many results this page has."},
                "first_page": {"type": "boolean", "description": "Whether this is the first page."},
                "last_page": {"type": "boolean", "description": "Whether this is the last page."},
                "empty": {"type": "boolean", "description": "Whether this page has no results."},
            },
        },  # fmt: skip
        "Error": {
            "type": "object",
            "required": ["status", "error", "message"],
            "properties": {
                "status": {"type": "integer"},
                "error": {"type": "string"},
                "message": {"type": "string", "description": "What was wrong, in plain words."},
            },
        },
        "ApiDetails": api_details,
        "Service": service,
        "ServiceListItem": _clean(_load("compiled/service_list.json")),
        "Organization": _clean(_load("compiled/organization.json")),
        "OrganizationListItem": _clean(_load("compiled/organization_list.json")),
        "ServiceAtLocation": _clean(_load("compiled/service_at_location.json")),
        "ServiceAtLocationListItem": _clean(_load("compiled/service_at_location_list.json")),
        "Taxonomy": taxonomy,
        "TaxonomyTerm": _clean(_load("taxonomy_term.json")),
    }
    # A list of services may be fully nested (full=true).
    service_or_brief = "#/components/schemas/ServiceOrListItem"
    schemas["ServiceOrListItem"] = {
        "anyOf": [{"$ref": "#/components/schemas/ServiceListItem"}, {"$ref": "#/components/schemas/Service"}]
    }
    s = "#/components/schemas/"
    paths = {
        "/": {
            "get": {
                "operationId": "getAPIMetaInformation",
                "summary": "This API's ORUK version, profile and OpenAPI document.",
                "responses": {"200": _one(s + "ApiDetails", "About this API.")},
            }
        },
        "/services": {
            "get": {
                "operationId": "getPaginatedListOfServices",
                "summary": "Published listings, a page at a time, with their one-to-one fields.",
                "parameters": _refs(*LISTING_FILTERS, "full"),
                "responses": {"200": _page_of(service_or_brief, "A page of services.")} | ERRORS,
            }
        },
        "/services/{id}": {
            "get": {
                "operationId": "getServiceById",
                "summary": "One published listing, fully nested.",
                "parameters": _id("service"),
                "responses": {"200": _one(s + "Service", "The service.")} | ERRORS | NOT_FOUND,
            }
        },
        "/organizations": {
            "get": {
                "operationId": "getPaginatedListOfOrganizations",
                "tags": ["Optional"],
                "summary": "Providers with at least one published listing.",
                "parameters": _refs("org_search", "page", "per_page"),
                "responses": {"200": _page_of(s + "OrganizationListItem", "A page of organizations.")}
                | ERRORS,
            }
        },
        "/organizations/{id}": {
            "get": {
                "operationId": "getOrganizationById",
                "tags": ["Optional"],
                "summary": "One provider, with its identifiers, facts and published listings.",
                "parameters": _id("organization") + _refs("full_service"),
                "responses": {"200": _one(s + "Organization", "The organization.")} | ERRORS | NOT_FOUND,
            }
        },
        "/service_at_locations": {
            "get": {
                "operationId": "getPaginatedListOfServiceAtLocations",
                "tags": ["Optional"],
                "summary": "Each published listing at each of its venues (distance from the venue).",
                "parameters": _refs(*LISTING_FILTERS),
                "responses": {
                    "200": _page_of(s + "ServiceAtLocationListItem", "A page of services at locations.")
                }
                | ERRORS,
            }
        },
        "/service_at_locations/{id}": {
            "get": {
                "operationId": "getServiceAtLocationById",
                "tags": ["Optional"],
                "summary": "One listing at one venue, fully nested.",
                "parameters": _id("service at location"),
                "responses": {"200": _one(s + "ServiceAtLocation", "The service at location.")}
                | ERRORS
                | NOT_FOUND,
            }
        },
        "/taxonomies": {
            "get": {
                "operationId": "getPaginatedListOfTaxonomies",
                "tags": ["Optional"],
                "summary": "Daywell's five taxonomies.",
                "parameters": _refs("name_search", "page", "per_page"),
                "responses": {"200": _page_of(s + "Taxonomy", "A page of taxonomies.")} | ERRORS,
            }
        },
        "/taxonomies/{id}": {
            "get": {
                "operationId": "getTaxonomyById",
                "tags": ["Optional"],
                "summary": "One taxonomy with all its terms.",
                "parameters": _id("taxonomy"),
                "responses": {"200": _one(s + "Taxonomy", "The taxonomy.")} | ERRORS | NOT_FOUND,
            }
        },
        "/taxonomy_terms": {
            "get": {
                "operationId": "getPaginatedListOfTaxonomyTerms",
                "tags": ["Optional"],
                "summary": "Every term of Daywell's taxonomies.",
                "parameters": _refs(
                    "name_search", "term_taxonomy_id", "parent_id", "top_only", "page", "per_page"
                ),
                "responses": {"200": _page_of(s + "TaxonomyTerm", "A page of taxonomy terms.")} | ERRORS,
            }
        },
        "/taxonomy_terms/{id}": {
            "get": {
                "operationId": "getTaxonomyTermById",
                "tags": ["Optional"],
                "summary": "One taxonomy term.",
                "parameters": _id("taxonomy term"),
                "responses": {"200": _one(s + "TaxonomyTerm", "The taxonomy term.")} | ERRORS | NOT_FOUND,
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Daywell Open Referral UK API",
            "version": "HSDS-UK-3.0",
            "summary": "Birmingham's day opportunities as Open Referral UK 3.0.",
            "description": _description(),
            "license": {
                "name": "Schemas: Open Referral UK, CC BY-SA 4.0",
                "url": "https://creativecommons.org/licenses/by-sa/4.0/",
            },
        },
        "servers": [{"url": "/api/oruk"}],
        "tags": [{"name": "Optional", "description": "Endpoints ORUK does not require; Daywell has them."}],
        "paths": paths,
        "components": {"schemas": schemas, "parameters": PARAMETERS},
    }
