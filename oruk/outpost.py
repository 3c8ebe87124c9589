"""Outpost (the directory software behind Buckinghamshire's Family Information Service and
Online Directory) to Open Referral UK 3.0.

`is_outpost(data)` recognises an Outpost file (a paged wrapper with "content", a list of
services, or one service); `records(data)` yields each service as an ORUK full service
(docs/open-referral.md) or a RecordError, ready for oruk.importer.import_services.

Outpost's identifiers are integers, so every ORUK id here is derived from them: importing the
same file again gives the same ids and changes nothing. Outpost's categories, and the
suitabilities and access features Daywell has no term for, become attributes of the
"bucks-outpost" taxonomy, which the importer keeps as source tags for a council officer to map.
"""

import datetime
import logging
import math
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext

from .errors import RecordError
from .ids import derived, is_uuid
from .records import attribute, cost_option, fact_attribute, fees_from_options, schedule, term, term_attribute
from .taxonomy import AUDIENCES, FEATURES

logger = logging.getLogger(__name__)

SOURCE = "bucks-outpost"
TAXONOMY = "bucks-outpost"
TAXONOMY_ID = derived("taxonomy", TAXONOMY)

SERVICE_KEYS = {"regular_schedules", "taxonomies", "send_needs", "local_offer", "organisation"}

# Outpost's suitabilities and SEND needs that clearly name a Daywell audience (lower case).
AUDIENCE_FOR = {
    "older people": "older-people",
    "learning difficulties": "learning-disability",
    "learning disabilities": "learning-disability",
    "learning disability": "learning-disability",
    "autism": "autism",
    "dementia": "dementia",
    "physical disabilities": "physical-disability",
    "mental health": "mental-health",
    "mental health/acquired brain injury": "mental-health",
    "visual and/or hearing impediment": "sensory-impairment",
}
# Outpost's venue accessibilities that are a Daywell feature (lower case).
FEATURE_FOR = {
    "accessible toilet facilities": "accessible-toilet",
    "wheelchair accessible entrance": "step-free",
    "car parking": "parking",
    "disabled car parking space": "parking",
    "british sign language (bsl)": "bsl",
    "hoist": "hoist",
    "hearing loop": "hearing-loop",
    "bus stop nearby": "public-transport",
}
# Outpost's cost types in words -> Daywell's cost units.
UNIT_FOR = {
    "per session": "session",
    "session": "session",
    "per hour": "hour",
    "hourly": "hour",
    "per day": "day",
    "daily": "day",
    "per week": "week",
    "weekly": "week",
    "per month": "month",
    "monthly": "month",
    "per course": "course",
    "per term": "course",
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$", re.ASCII)


def _looks_like_service(item) -> bool:
    return isinstance(item, dict) and "name" in item and len(SERVICE_KEYS & item.keys()) >= 2


def is_outpost(data) -> bool:
    """Whether the parsed JSON is Outpost's: a paged wrapper, a list of services or one service."""
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        return "totalElements" in data or any(_looks_like_service(item) for item in data["content"][:5])
    if isinstance(data, list):
        return bool(data) and all(_looks_like_service(item) for item in data[:5])
    return _looks_like_service(data)


def services_of(data) -> list:
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        return data["content"]
    if isinstance(data, list):
        return data
    return [data]


def records(data, *, name: str = "") -> Iterator[tuple[str, dict | RecordError]]:
    """Each service of an Outpost file, as (label, ORUK full service or RecordError)."""
    name = name or gettext("Outpost file")
    for number, item in enumerate(services_of(data), start=1):
        label = gettext("%(name)s item %(number)s") % {"name": name, "number": number}
        if isinstance(item, dict) and isinstance(item.get("id"), int | str) and str(item["id"]).strip():
            label = gettext("%(label)s (id %(id)s)") % {"label": label, "id": str(item["id"])[:40]}
        yield label, to_oruk(item, label=label)


class _Bad(Exception):
    def __init__(self, field: str, reason: str):
        super().__init__(reason)
        self.field, self.reason = field, reason


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _uri(value) -> str:
    text = _text(value)
    return text if re.match(r"^https?://[^\s/$.?#].[^\s]*$", text) else ""


def _email(value) -> str:
    text = _text(value)
    return text if re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", text) else ""


def _is_number(value) -> bool:
    """A JSON number Python can work with: not true or false, and not NaN or infinity (which
    Python's JSON reader accepts)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return isinstance(value, int) or math.isfinite(value)


def _shown(value) -> str:
    """A value to quote in an error, kept short (str() refuses integers over 4,300 digits)."""
    try:
        text = value if isinstance(value, str) else str(value)
    except ValueError:
        return gettext("a very long number")
    return text if len(text) <= 40 else text[:39] + "…"


def _age(record: dict, key: str):
    value = record.get(key)
    if value in (None, ""):
        return None
    if not _is_number(value) or not 0 <= value <= 130:
        raise _Bad(key, gettext("Age must be a whole number between 0 and 130"))
    return int(value)


def _id(kind: str, value) -> str:
    return str(value) if is_uuid(value) else derived(kind, value)


def _summary(description: str, name: str) -> str:
    """Daywell needs a short summary: the description's first sentence, cut to 300 characters."""
    text = " ".join(description.split())
    if not text:
        return name[:300]
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return first if len(first) <= 300 else first[:297].rsplit(" ", 1)[0] + "…"


def _outpost_term(service_id: str, kind: str, item: dict) -> dict:
    name = _text(item.get("name") or item.get("label"))
    key = item.get("id") if item.get("id") is not None else item.get("slug") or name
    return attribute(
        service_id,
        term(TAXONOMY, TAXONOMY_ID, derived("outpost-term", kind, key), name, f"Outpost {kind}: {name}"),
    )


def to_oruk(record, *, label: str = "") -> dict | RecordError:
    """One Outpost service as an ORUK 3.0 full service, or the RecordError saying why it cannot
    be (returned, like every adapter's records, for the importer to report and skip). A record
    this adapter did not foresee is reported the same way, so the rest of the file goes on."""
    label = label or gettext("Outpost service")
    try:
        return _to_oruk(record)
    except _Bad as bad:
        return RecordError(label, bad.field, bad.reason)
    except Exception:
        # Only the label: the record may hold people's contact details.
        logger.exception("Outpost record %s could not be converted", label)
        return RecordError(
            label, "", gettext("This service could not be read: it is not in the form Outpost writes")
        )


def _to_oruk(record) -> dict:
    if not isinstance(record, dict):
        raise _Bad("", gettext("This is not an Outpost service (expected a JSON object)"))
    if record.get("id") in (None, ""):
        raise _Bad("id", gettext("The service has no id, so it cannot be matched on a later import"))
    name = _text(record.get("name"))
    if not name:
        raise _Bad("name", gettext("The service has no name"))
    service_id = _id("outpost-service", record["id"])
    description = _text(record.get("description"))
    minimum, maximum = _age(record, "min_age"), _age(record, "max_age")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise _Bad("max_age", gettext("The maximum age is below the minimum age"))

    service = {
        "id": service_id,
        "name": name[:200],
        "description": description,
        "status": "active",
    }
    if url := _uri(record.get("url")):
        service["url"] = url
    if minimum is not None:
        service["minimum_age"] = minimum
    if maximum is not None:
        service["maximum_age"] = maximum
    updated = record.get("updated_at")
    if isinstance(updated, str) and _is_datetime(updated):
        service["last_modified"] = updated
    attributes = [fact_attribute(service_id, "summary", _summary(description, name))]

    organization = _organization(record.get("organisation"), name)
    service["organization_id"] = organization["id"]
    service["organization"] = organization

    contacts, email, phone = _contacts(record.get("contacts"), service_id)
    service["contacts"] = contacts
    if email:
        service["email"] = email
    if phone:
        attributes.append(fact_attribute(service_id, "contact-phone", phone))

    locations, online, unmapped_access = _locations(record.get("locations"), service_id)
    service["service_at_locations"] = locations
    delivery = (["venue"] if locations else []) + (["online"] if online else [])
    attributes += [fact_attribute(service_id, f"delivery-{mode}") for mode in delivery]

    service["schedules"] = _schedules(record.get("regular_schedules"), service_id)

    costs, is_free = _costs(record.get("cost_options"), service_id, record.get("free"))
    service["cost_options"] = costs
    if is_free:
        attributes.append(fact_attribute(service_id, "free"))
        service["fees"] = "Free"
    elif costs:
        service["fees"] = fees_from_options(costs)
    if record.get("needs_referral") is True:
        attributes.append(fact_attribute(service_id, "joining-referral"))
    elif record.get("needs_referral") is False:
        attributes.append(fact_attribute(service_id, "joining-self"))

    seen = set()
    for kind, key in (("category", "taxonomies"), ("suitability", "suitabilities"), ("need", "send_needs")):
        items = record.get(key) or []
        if not isinstance(items, list):
            raise _Bad(key, gettext("Expected a list"))
        for item in items:
            if not isinstance(item, dict) or not _text(item.get("name") or item.get("label")):
                continue
            item_name = _text(item.get("name") or item.get("label"))
            audience = AUDIENCE_FOR.get(item_name.lower()) if kind != "category" else None
            built = (
                term_attribute(service_id, AUDIENCES, audience)
                if audience
                else _outpost_term(service_id, kind, item)
            )
            if built["id"] not in seen:
                seen.add(built["id"])
                attributes.append(built)
    for access_name in unmapped_access:
        built = _outpost_term(service_id, "accessibility", {"name": access_name, "slug": access_name.lower()})
        if built["id"] not in seen:
            seen.add(built["id"])
            attributes.append(built)
    service["attributes"] = attributes
    return service


def _is_datetime(text: str) -> bool:
    try:
        datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in text


def _organization(data, service_name: str) -> dict:
    if data is not None and not isinstance(data, dict):
        raise _Bad("organisation", gettext("Expected an object"))
    data = data or {}
    key = data.get("id")
    # Outpost often leaves a one-service organisation without a name: the service names it.
    org_name = _text(data.get("name")) or service_name
    org_id = (
        _id("outpost-organisation", key)
        if key not in (None, "")
        else derived("outpost-organisation-of", service_name)
    )
    organization = {"id": org_id, "name": org_name[:200], "description": _text(data.get("description"))}
    if email := _email(data.get("email")):
        organization["email"] = email
    if website := _uri(data.get("url") or data.get("website")):
        organization["website"] = website
    return organization


def _contacts(items, service_id: str) -> tuple[list, str, str]:
    if items is None:
        return [], "", ""
    if not isinstance(items, list):
        raise _Bad("contacts", gettext("Expected a list"))
    people = [item for item in items if isinstance(item, dict)]
    name = next((_text(p.get("name")) for p in people if _text(p.get("name"))), "")
    title = next((_text(p.get("title")) for p in people if _text(p.get("name"))), "")
    email = next((_email(p.get("email")) for p in people if _email(p.get("email"))), "")
    phone = next((_text(p.get("phone")) for p in people if _text(p.get("phone"))), "")
    contacts = []
    if name:
        contact = {"id": derived("contact", service_id), "service_id": service_id, "name": name[:150]}
        if title:
            contact["title"] = title
        if email:
            contact["email"] = email
        contacts.append(contact)
    return contacts, email, phone[:40]


def _coordinates(geometry) -> tuple[float, float] | None:
    """Latitude and longitude from a GeoJSON point ([longitude, latitude]); [0, 0] means none."""
    if not isinstance(geometry, dict):
        return None
    point = geometry.get("coordinates")
    if not (isinstance(point, list) and len(point) >= 2 and all(_is_number(v) for v in point[:2])):
        return None
    longitude, latitude = point[0], point[1]
    # Compared before float(): a 400-digit integer is out of range, not an OverflowError.
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude, longitude) == (0, 0):
        return None
    return float(latitude), float(longitude)


def _is_online(item: dict) -> bool:
    words = " ".join(_text(item.get(key)) for key in ("name", "city", "address_1")).lower()
    return bool(re.search(r"\b(online|zoom|virtual|teams)\b", words))


def _locations(items, service_id: str) -> tuple[list, bool, list[str]]:
    if items is None:
        return [], False, []
    if not isinstance(items, list):
        raise _Bad("locations", gettext("Expected a list"))
    located, online, unmapped = [], False, []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise _Bad(f"locations[{index}]", gettext("Expected an object"))
        point = _coordinates(item.get("geometry"))
        postcode = _text(item.get("postal_code")).upper()
        line_1 = _text(item.get("address_1"))
        if not postcode and point is None and not line_1 and _is_online(item):
            online = True
            continue
        key = item.get("id") if item.get("id") not in (None, "") else f"{service_id}:{index}"
        location_id = _id("outpost-location", key)
        venue_name = _text(item.get("name")) or line_1 or "Venue"
        location = {"id": location_id, "location_type": "physical", "name": venue_name[:200]}
        if point:
            location["latitude"], location["longitude"] = point
        if postcode or line_1:
            location["addresses"] = [
                {
                    "id": derived("address", location_id),
                    "location_id": location_id,
                    "address_1": (line_1 or venue_name)[:200],
                    "city": _text(item.get("city"))[:100],
                    "state_province": _text(item.get("state_province")),
                    "postal_code": postcode,
                    "country": _text(item.get("country")) or "GB",
                    "address_type": "physical",
                }
            ]
        accessibilities = item.get("accessibilities") or []
        if not isinstance(accessibilities, list):
            raise _Bad(f"locations[{index}].accessibilities", gettext("Expected a list"))
        accessibility, attributes = [], []
        for access in accessibilities:
            access_name = _text(access.get("name") or access.get("label")) if isinstance(access, dict) else ""
            if not access_name:
                continue
            slug = FEATURE_FOR.get(access_name.lower())
            if slug:
                feature = term_attribute(location_id, FEATURES, slug)
                if feature["id"] in {a["id"] for a in attributes}:
                    continue
                attributes.append(feature)
                accessibility.append(
                    {
                        "id": derived("accessibility", location_id, slug),
                        "location_id": location_id,
                        "description": feature["taxonomy_term"]["name"],
                        "details": feature["taxonomy_term"]["description"],
                    }
                )
            elif access_name not in unmapped:
                unmapped.append(access_name)
                accessibility.append(
                    {
                        "id": derived("accessibility", location_id, access_name.lower()),
                        "location_id": location_id,
                        "description": access_name,
                    }
                )
        location["accessibility"] = accessibility
        location["attributes"] = attributes
        located.append(
            {
                "id": derived("service-at-location", service_id, location_id),
                "service_id": service_id,
                "location_id": location_id,
                "location": location,
            }
        )
    return located, online, unmapped


def _schedules(items, service_id: str) -> list:
    if items is None:
        return []
    if not isinstance(items, list):
        raise _Bad("regular_schedules", gettext("Expected a list"))
    schedules, seen = [], set()
    for index, item in enumerate(items):
        field = f"regular_schedules[{index}]"
        if not isinstance(item, dict):
            raise _Bad(field, gettext("Expected an object"))
        day = item.get("weekday")
        if isinstance(day, int) and not isinstance(day, bool) and 1 <= day <= 7:
            weekday = day - 1  # Outpost counts Monday as 1
        elif isinstance(day, str) and day.strip().lower() in WEEKDAYS:
            weekday = WEEKDAYS.index(day.strip().lower())
        else:
            raise _Bad(
                f"{field}.weekday", gettext("'%(value)s' is not a day of the week") % {"value": _shown(day)}
            )
        times = []
        for key in ("opens_at", "closes_at"):
            match = TIME.match(_text(item.get(key)))
            if not match:
                raise _Bad(
                    f"{field}.{key}",
                    gettext("'%(value)s' is not a time like 10:00") % {"value": _shown(item.get(key))},
                )
            times.append(f"{int(match[1]):02d}:{match[2]}")
        if times[1] <= times[0]:
            raise _Bad(f"{field}.closes_at", gettext("The closing time must be after the opening time"))
        if (weekday, *times) not in seen:
            seen.add((weekday, *times))
            schedules.append(schedule(service_id, weekday, *times))
    return schedules


def _costs(items, service_id: str, free) -> tuple[list, bool]:
    if items is None:
        items = []
    if not isinstance(items, list):
        raise _Bad("cost_options", gettext("Expected a list"))
    costs = []
    for index, item in enumerate(items):
        field = f"cost_options[{index}]"
        if not isinstance(item, dict):
            raise _Bad(field, gettext("Expected an object"))
        value = item.get("amount")
        try:
            amount = Decimal(value if isinstance(value, str) else repr(value) if _is_number(value) else "x")
        except (InvalidOperation, ValueError):
            amount = None
        # Decimal reads "NaN" and "Infinity" too: they are not money either.
        if amount is None or not amount.is_finite():
            raise _Bad(
                f"{field}.amount", gettext("'%(value)s' is not an amount of money") % {"value": _shown(value)}
            )
        if amount < 0 or amount >= Decimal("1000000"):
            raise _Bad(f"{field}.amount", gettext("The amount must be between 0 and 999,999.99"))
        amount = amount.quantize(Decimal("0.01"))
        unit = UNIT_FOR.get(_text(item.get("cost_type") or item.get("amount_description")).lower(), "session")
        costs.append(cost_option(service_id, amount, unit, _text(item.get("option"))[:100]))
    is_free = free is True or (bool(costs) and all(c["amount"] == 0 for c in costs))
    if is_free:
        costs = [c for c in costs if c["amount"] > 0]
    return costs, is_free
