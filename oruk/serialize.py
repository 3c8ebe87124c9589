"""Daywell's model written as Open Referral UK 3.0 JSON (the mapping is docs/open-referral.md).

Every function takes rows already fetched through `services_queryset` (for listings) and reads
only what that queryset prefetched, so serializing any number of services costs the same few
queries. Optional fields with no value are left out rather than sent empty, because the ORUK
schemas check the format of what is there (an empty `url` is not a URI).

The identifiers of everything but listings, providers and venues are derived (oruk.ids); the
`*_id` helpers below are the one place each is built, for the importer as much as for this module.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from opportunities.models import Opportunity
from providers.models import Venue

from .ids import derived
from .records import unit_words
from .taxonomy import (
    ALL_TAXONOMIES,
    FACTS,
    FEATURES,
    FIELD_FOR,
    HIDDEN_AS_STALE,
    REFERENCE_TAXONOMIES,
    Fact,
    Taxonomy,
    facts,
)

BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"]
STATE_PROVINCE = "West Midlands"
COUNTRY = "GB"
WARD_URI = "http://statistics.data.gov.uk/id/statistical-geography/"
CHARITY_SCHEME = ("GB-CHC", "Registered charity number")
CQC_SCHEME = ("GB-CQC-LOCATION", "CQC location ID")


# --- Derived identifiers ------------------------------------------------------------------------
def schedule_id(listing_uuid, weekday: int, start: datetime.time, end: datetime.time) -> str:
    return derived("schedule", listing_uuid, weekday, f"{start:%H:%M}", f"{end:%H:%M}")


def cost_id(listing_uuid, amount, unit: str, label: str) -> str:
    return derived("cost", listing_uuid, f"{amount:.2f}", unit, label)


def contact_id(listing_uuid) -> str:
    return derived("contact", listing_uuid)


def area_id(listing_uuid, ward_code: str) -> str:
    return derived("area", listing_uuid, ward_code)


def service_at_location_id(listing_uuid, venue_uuid) -> str:
    return derived("service-at-location", listing_uuid, venue_uuid)


def address_id(venue_uuid) -> str:
    return derived("address", venue_uuid)


def accessibility_id(venue_uuid, feature_slug: str) -> str:
    return derived("accessibility", venue_uuid, feature_slug)


def identifier_id(provider_uuid, kind: str) -> str:
    """kind is "charity" or "cqc"."""
    return derived("identifier", provider_uuid, kind)


def attribute_id(link_id: str, term_id: str) -> str:
    return derived("attribute", link_id, term_id)


# --- Small pieces ---------------------------------------------------------------------------------
def _compact(data: dict) -> dict:
    """Leave out optional fields that have no value."""
    return {key: value for key, value in data.items() if value is not None and value != ""}


def time_words(value: datetime.time) -> str:
    """10:00 -> '10am', 13:30 -> '1:30pm', 12:00 -> '12pm'."""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def date_words(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def fees_text(opportunity: Opportunity) -> str:
    """'Free', or '£5.00 a session; £8.00 a session (With 1:1 support)'; '' when not known."""
    if opportunity.is_free:
        return "Free"
    return "; ".join(
        f"£{cost.amount:,.2f} {unit_words(cost.unit)}" + (f" ({cost.label})" if cost.label else "")
        for cost in opportunity.costs.all()
    )


def service_status(opportunity: Opportunity) -> str:
    status = opportunity.status
    if status == Opportunity.Status.PUBLISHED:
        return "temporarily closed" if opportunity.is_closed_now else "active"
    if status == Opportunity.Status.ARCHIVED:
        return "defunct"
    return "inactive"


# --- Taxonomies and attributes -------------------------------------------------------------------
def taxonomy_term(taxonomy: Taxonomy, slug: str, name: str, description: str) -> dict:
    return {
        "id": taxonomy.term_id(slug),
        "name": name,
        "description": description or name,
        "taxonomy": taxonomy.key,
        "taxonomy_id": taxonomy.id,
    }


def fact_term(fact: Fact) -> dict:
    return taxonomy_term(FACTS, fact.slug, fact.name, fact.description)


def taxonomy_terms(taxonomy: Taxonomy) -> list[dict]:
    """Every term of one of Daywell's taxonomies, in the council's order (one query, none for facts)."""
    if taxonomy.model is None:
        return [fact_term(fact) for fact in facts().values()]
    return [
        taxonomy_term(taxonomy, row.slug, row.name, row.description)
        for row in taxonomy.model.objects.only("slug", "name", "description")
    ]


def all_taxonomy_terms() -> list[dict]:
    """Every term of every Daywell taxonomy: the reference rows, then the facts."""
    return [term for taxonomy in ALL_TAXONOMIES for term in taxonomy_terms(taxonomy)]


def taxonomy(t: Taxonomy, *, with_terms: bool = False) -> dict:
    data = {"id": t.id, "name": t.name, "description": t.description}
    if with_terms:
        data["taxonomy_terms"] = taxonomy_terms(t)
    return data


def _attribute(link_id: str, term: dict, value: str = "") -> dict:
    data = {
        "id": attribute_id(link_id, term["id"]),
        "link_id": link_id,
        "link_type": term["taxonomy"],
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }
    if value:
        data["value"] = value
    return data


def _term_attributes(link_id: str, taxonomy: Taxonomy, rows: Iterable) -> list[dict]:
    return [_attribute(link_id, taxonomy_term(taxonomy, row.slug, row.name, row.description)) for row in rows]


def _fact_attribute(link_id: str, slug: str, value=None) -> dict:
    if isinstance(value, datetime.date):
        value = value.isoformat()
    return _attribute(link_id, fact_term(facts()[slug]), value or "")


def _choice_slug(prefix: str, key: str) -> str:
    return f"{prefix}-{key.replace('_', '-')}"


# --- Organizations ---------------------------------------------------------------------------------
def organization_brief(provider) -> dict:
    """The one-to-one fields of an organization (lists, and a service's organization in a list)."""
    # description is required, so it is sent even when empty
    return {"id": str(provider.uuid), "name": provider.name, "description": provider.description or ""} | (
        _compact({"email": provider.email, "website": provider.website})
    )


def organization_full(
    provider, *, services: list[dict] | None = None, locations: list[dict] | None = None
) -> dict:
    """A provider as an ORUK organization, with its identifiers and facts; `services` and
    `locations` (already serialized) are included when given. The UK profile drops
    organization.locations, but export_oruk writes them (HSDS 3.0's field) so that a venue no
    listing uses yet survives a round trip."""
    org_id = str(provider.uuid)
    data = organization_brief(provider)
    identifiers = []
    for kind, number, (scheme, kind_label) in (
        ("charity", provider.charity_number, CHARITY_SCHEME),
        ("cqc", provider.cqc_location_id, CQC_SCHEME),
    ):
        if number:
            identifiers.append(
                {
                    "id": identifier_id(provider.uuid, kind),
                    "organization_id": org_id,
                    "identifier_scheme": scheme,
                    "identifier_type": kind_label,
                    "identifier": number,
                }
            )
    data["organization_identifiers"] = identifiers
    attributes = [_fact_attribute(org_id, _choice_slug("provider-kind", provider.kind))]
    if provider.cqc_rating:
        attributes.append(_fact_attribute(org_id, _choice_slug("cqc-rating", provider.cqc_rating)))
    if provider.phone:
        attributes.append(_fact_attribute(org_id, "provider-phone", provider.phone))
    if provider.dbs_checked_on:
        attributes.append(_fact_attribute(org_id, "dbs-checked-on", provider.dbs_checked_on))
    if provider.references_available:
        attributes.append(_fact_attribute(org_id, "references-available"))
    data["attributes"] = attributes
    if services is not None:
        data["services"] = services
    if locations is not None:
        data["locations"] = locations
    return data


# --- Locations ---------------------------------------------------------------------------------------
def location_brief(venue: Venue) -> dict:
    return _compact(
        {
            "id": str(venue.uuid),
            "location_type": "physical",
            "name": venue.name,
            "latitude": venue.latitude,
            "longitude": venue.longitude,
        }
    )


def location(venue: Venue) -> dict:
    """A venue as an ORUK location (its features prefetched)."""
    location_id = str(venue.uuid)
    data = location_brief(venue)
    data["addresses"] = [
        {
            "id": address_id(venue.uuid),
            "location_id": location_id,
            "address_1": venue.address_line_1,
            "city": venue.town,
            "state_province": STATE_PROVINCE,
            "postal_code": venue.postcode,
            "country": COUNTRY,
            "address_type": "physical",
        }
    ]
    features = list(venue.features.all())
    data["accessibility"] = [
        _compact(
            {
                "id": accessibility_id(venue.uuid, feature.slug),
                "location_id": location_id,
                "description": feature.name,
                "details": feature.description,
            }
        )
        for feature in features
    ]
    attributes = _term_attributes(location_id, FEATURES, features)
    if venue.address_line_2:
        attributes.append(_fact_attribute(location_id, "address-line-2", venue.address_line_2))
    data["attributes"] = attributes
    return data


# --- Services ----------------------------------------------------------------------------------------
def services_queryset(queryset: QuerySet) -> QuerySet:
    """Fetch everything `service_full` reads in a fixed number of queries."""
    return queryset.select_related("provider").prefetch_related(
        "sessions",
        "costs",
        "areas",
        "interests",
        "audiences",
        "features",
        "payment_routes",
        Prefetch("venues", queryset=Venue.objects.prefetch_related("features")),
    )


def service_brief(opportunity: Opportunity) -> dict:
    """The one-to-one fields of a service, with its organization's (ORUK's service list item)."""
    data = _compact(
        {
            "id": str(opportunity.uuid),
            "organization_id": str(opportunity.provider.uuid) if opportunity.provider else None,
            "name": opportunity.title,
            "description": opportunity.description,
            "url": opportunity.website,
            "email": opportunity.contact_email,
            "status": service_status(opportunity),
            "fees": fees_text(opportunity),
            "minimum_age": opportunity.min_age,
            "maximum_age": opportunity.max_age,
            "assured_date": opportunity.last_checked_on.isoformat() if opportunity.last_checked_on else None,
            "alert": f"Closed until {date_words(opportunity.closed_until)}."
            if opportunity.is_closed_now
            else None,
            "last_modified": timezone.localtime(opportunity.updated_at).isoformat()
            if opportunity.updated_at
            else None,
        }
    )
    if opportunity.provider:
        data["organization"] = organization_brief(opportunity.provider)
    return data


def _schedules(opportunity: Opportunity, service_id: str) -> list[dict]:
    return [
        {
            "id": schedule_id(opportunity.uuid, s.weekday, s.start, s.end),
            "service_id": service_id,
            "freq": "WEEKLY",
            "interval": 1,
            "byday": BYDAY[s.weekday],
            "opens_at": f"{s.start:%H:%M}",
            "closes_at": f"{s.end:%H:%M}",
            "description": f"{DAY_NAMES[s.weekday]}, {time_words(s.start)} to {time_words(s.end)}",
        }
        for s in opportunity.sessions.all()
    ]


def _cost_options(opportunity: Opportunity, service_id: str) -> list[dict]:
    return [
        _compact(
            {
                "id": cost_id(opportunity.uuid, c.amount, c.unit, c.label),
                "service_id": service_id,
                "option": c.label,
                "amount": float(c.amount),
                "amount_description": unit_words(c.unit),
            }
        )
        for c in opportunity.costs.all()
    ]


def _service_attributes(opportunity: Opportunity, service_id: str, *, export: bool) -> list[dict]:
    attributes = []
    for taxonomy in REFERENCE_TAXONOMIES:
        attributes += _term_attributes(service_id, taxonomy, getattr(opportunity, FIELD_FOR[taxonomy]).all())
    o = opportunity
    for slug, value in (
        ("summary", o.summary),
        ("easy-read-summary", o.easy_read_summary),
        ("how-to-join", o.how_to_join),
        ("contact-phone", o.contact_phone),
    ):
        if value:
            attributes.append(_fact_attribute(service_id, slug, value))
    if o.by_arrangement:
        attributes.append(_fact_attribute(service_id, "times-by-arrangement"))
    if o.is_free:
        attributes.append(_fact_attribute(service_id, "free"))
    if o.closed_until:
        attributes.append(_fact_attribute(service_id, "closed-until", o.closed_until))
    for mode in o.delivery:
        attributes.append(_fact_attribute(service_id, _choice_slug("delivery", mode)))
    attributes.append(
        _fact_attribute(service_id, _choice_slug("vacancies", o.vacancies), o.vacancies_confirmed_on)
    )
    attributes.append(_fact_attribute(service_id, _choice_slug("joining", o.joining)))
    if export:
        attributes.append(_fact_attribute(service_id, _choice_slug("listing-status", o.status)))
        if o.hidden_as_stale_on:
            attributes.append(_fact_attribute(service_id, HIDDEN_AS_STALE, o.hidden_as_stale_on))
    return attributes


def service_full(opportunity: Opportunity, *, export: bool = False) -> dict:
    """A listing as a fully nested ORUK service. `export` adds the listing's Daywell status (a
    `listing-status-…` fact) and the date it was hidden as out of date (`listing-hidden-as-stale`),
    so that export_oruk's files keep drafts as drafts and hidden listings hidden."""
    service_id = str(opportunity.uuid)
    data = service_brief(opportunity)
    if opportunity.provider:
        data["organization"] = organization_full(opportunity.provider)
    data["schedules"] = _schedules(opportunity, service_id)
    data["cost_options"] = _cost_options(opportunity, service_id)
    data["contacts"] = (
        [{"id": contact_id(opportunity.uuid), "service_id": service_id, "name": opportunity.contact_name}]
        if opportunity.contact_name
        else []
    )
    data["service_areas"] = [
        {
            "id": area_id(opportunity.uuid, ward.code),
            "service_id": service_id,
            "name": ward.name,
            "uri": WARD_URI + ward.code,
        }
        for ward in opportunity.areas.all()
    ]
    data["service_at_locations"] = [
        {
            "id": service_at_location_id(opportunity.uuid, venue.uuid),
            "service_id": service_id,
            "location_id": str(venue.uuid),
            "location": location(venue),
        }
        for venue in opportunity.venues.all()
    ]
    data["attributes"] = _service_attributes(opportunity, service_id, export=export)
    return data


# --- Services at locations ----------------------------------------------------------------------------
def service_at_location_brief(opportunity: Opportunity, venue: Venue) -> dict:
    return {
        "id": service_at_location_id(opportunity.uuid, venue.uuid),
        "service_id": str(opportunity.uuid),
        "location_id": str(venue.uuid),
        "location": location_brief(venue),
        "service": service_brief(opportunity),
    }


def service_at_location_full(opportunity: Opportunity, venue: Venue) -> dict:
    service = service_full(opportunity)
    service.pop("service_at_locations")
    return {
        "id": service_at_location_id(opportunity.uuid, venue.uuid),
        "service_id": str(opportunity.uuid),
        "location_id": str(venue.uuid),
        "location": location(venue),
        "service": service,
    }
