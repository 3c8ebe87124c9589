"""Importing Open Referral UK 3.0 records into Daywell (`manage.py import_oruk`).

docs/open-referral.md is the mapping; this module reads it backwards. Organizations become
providers, locations venues, services listings; schedules become weekly sessions, cost options
prices, taxonomy terms Daywell's terms (or source tags for a council officer to map), and
Daywell's own "facts" restore every field ORUK has no place for.

Each record is validated first and written in its own savepoint, so a bad record is reported
(which record, which field, why) and skipped with nothing half-written. Each record's
SourceRecord (source, kind, source id, digest of the record) makes a second import of the same
feed change nothing and a newer one change only what changed. A record's id matches an existing
Daywell row's UUID only when the import allows it (Daywell's own exports): those UUIDs are public.
Without `publish`, nothing the public sees is changed (docs/open-referral.md, "Importing").
"""

import datetime
import hashlib
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop, ngettext

from opportunities.models import Cost, Feature, ListingChange, ListingEvent, Opportunity
from opportunities.search_index import opportunity_index_refresh
from opportunities.services import _slug_for as _listing_slug_for
from opportunities.snapshots import snapshot_apply, snapshot_changes, snapshot_of
from places.models import Ward
from providers.models import Provider, Venue
from providers.services import _slug_for as _provider_slug_for

from . import geocode
from .errors import RecordError
from .ids import is_uuid
from .models import SourceRecord, SourceTag
from .readers import ReadError
from .taxonomy import FACTS, FEATURES, FIELD_FOR, HIDDEN_AS_STALE, REFERENCE_TAXONOMIES, facts

Kind = SourceRecord.Kind
BYDAY = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
with translation.override("en-gb"):  # a feed's words are English, whatever the pages' language
    UNIT_FOR_WORDS = {str(label): key for key, label in Cost.Unit.choices}  # "a session" -> "session"
UNIT_KEYWORDS = [
    ("hour", "hour"),
    ("day", "day"),
    ("week", "week"),
    ("month", "month"),
    ("course", "course"),
    ("term", "course"),
]
FEED_ACTIVE = {"active", "temporarily closed", ""}
FEED_GONE = {"inactive", "defunct"}
NO_ORGANISATION = "(no organisation)"
KIND_WORDS = {Kind.SERVICE: "listings", Kind.ORGANIZATION: "providers", Kind.LOCATION: "venues"}
MAX_AMOUNT = Decimal("1000000")
# The flag of a listing whose places or closing date from the feed waited for an import that
# publishes: that import applies them even though the record itself has not changed. Kept in
# English (it is looked for among a record's flags) and translated when shown (`_shown_flag`).
PLACES_WITHHELD = gettext_noop(
    "The feed's places or closing date differ from Daywell's and were not changed "
    "(they change only when the import publishes)"
)

logger = logging.getLogger(__name__)


def _shown_flag(flag: str) -> str:
    """A flag as people read it: one kept in English (PLACES_WITHHELD) in their language."""
    return gettext(flag) if flag else flag


def _choice_facts(prefix: str, choices) -> dict[str, str]:
    """Fact slug -> model value: "delivery-venue" -> "venue"."""
    return {f"{prefix}-{key.replace('_', '-')}": key for key, _ in choices}


DELIVERY_FACTS = _choice_facts("delivery", Opportunity.Delivery.choices)
VACANCY_FACTS = _choice_facts("vacancies", Opportunity.Vacancies.choices)
JOINING_FACTS = _choice_facts("joining", Opportunity.Joining.choices)
STATUS_FACTS = _choice_facts("listing-status", Opportunity.Status.choices)
KIND_FACTS = _choice_facts("provider-kind", Provider.Kind.choices)
RATING_FACTS = _choice_facts("cqc-rating", Provider.CqcRating.choices)


# --- The report -----------------------------------------------------------------------------------
@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would have done). Counts are per kind: "listings",
    "providers", "venues"."""

    source: str
    publish: bool = False
    dry_run: bool = False
    read: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: int = 0
    read_error: str = ""  # why reading stopped early, if it did
    problems: list[RecordError] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    # Listings created, changed or archived (for the search index).
    touched: set[int] = field(default_factory=set, repr=False)

    def skip(self, *errors: RecordError) -> None:
        self.skipped += 1
        self.problems.extend(errors)

    def summary_lines(self) -> list[str]:
        """The report in plain English, one line each."""
        lines = []
        if self.dry_run:
            lines.append(gettext("Dry run: nothing was saved. This is what the import would do."))
        lines.append(
            ngettext(
                "Read %(read)s record from %(source)s.", "Read %(read)s records from %(source)s.", self.read
            )
            % {"read": self.read, "source": self.source}
        )
        kinds = {
            "listings": gettext("Listings"),
            "providers": gettext("Providers"),
            "venues": gettext("Venues"),
        }
        for kind, heading in kinds.items():
            counts = (self.created[kind], self.updated[kind], self.unchanged[kind])
            if any(counts):
                lines.append(
                    gettext("%(kind)s: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
                    % {"kind": heading, "new": counts[0], "updated": counts[1], "unchanged": counts[2]}
                )
        if self.created["listings"] and not self.publish:
            lines.append(gettext("New listings are waiting in the council's review queue."))
        if self.skipped:
            lines.append(
                ngettext("Skipped %(skipped)s record:", "Skipped %(skipped)s records:", self.skipped)
                % {"skipped": self.skipped}
            )
            lines.extend(f"- {problem}" for problem in self.problems)
        elif self.problems:
            lines.extend(f"- {problem}" for problem in self.problems)
        if self.flags:
            lines.append(gettext("To check:"))
            lines.extend(f"- {flag}" for flag in self.flags)
        return lines

    def __str__(self):
        return "\n".join(self.summary_lines())


class RecordProblems(Exception):
    """A record that cannot be imported: every reason found."""

    def __init__(self, errors: list[RecordError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


# --- Reading values -------------------------------------------------------------------------------
def digest_of(item) -> str:
    canonical = json.dumps(item, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def max_length(model, name: str) -> int | None:
    return model._meta.get_field(name).max_length


class Checker:
    """Collects a record's problems while its values are read."""

    def __init__(self, record: str):
        self.record = record
        self.errors: list[RecordError] = []

    def error(self, where: str, reason: str) -> None:
        self.errors.append(RecordError(self.record, where, reason))

    def done(self) -> None:
        if self.errors:
            raise RecordProblems(self.errors)

    def text(self, data: dict, key: str, where: str, model=None, name: str = "", *, required=False) -> str:
        value = data.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.error(where, gettext("Must be text"))
            return ""
        value = str(value).strip()
        if required and not value:
            self.error(where, gettext("This is missing: every record needs it"))
        return self.limit(value, where, model, name)

    def limit(self, value: str, where: str, model=None, name: str = "") -> str:
        limit = max_length(model, name) if model else None
        if limit and len(value) > limit:
            self.error(
                where,
                gettext("Must be %(limit)s characters or fewer (it has %(value)s)")
                % {"limit": limit, "value": len(value)},
            )
        return value

    def email(self, value: str, where: str) -> str:
        if value:
            try:
                EmailValidator()(value)
            except ValidationError:
                self.error(where, gettext("“%(value)s” is not an email address") % {"value": value})
        return value

    def url(self, value: str, where: str) -> str:
        if not value:
            return value
        for candidate in (value, f"https://{value}"):
            try:
                URLValidator()(candidate)
            except ValidationError:
                if "://" in value:
                    break
                continue
            return candidate
        self.error(where, gettext("“%(value)s” is not a web address") % {"value": value})
        return value

    def age(self, data: dict, key: str) -> int | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        try:
            number = Decimal(str(value)) if not isinstance(value, bool) else None
        except (InvalidOperation, ValueError, OverflowError):
            number = None
        if (
            number is None
            or not number.is_finite()
            or not 0 <= number <= 120
            or number != number.to_integral_value()
        ):
            self.error(
                key,
                gettext("Must be a whole number of years from 0 to 120 (it is %(value)r)") % {"value": value},
            )
            return None
        return int(number)

    def number(self, value, where: str, low: float, high: float) -> float | None:
        if value is None or value == "":
            return None
        try:
            number = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError, OverflowError):  # OverflowError: an integer of 400 digits
            number = None
        if number is None or not math.isfinite(number) or not low <= number <= high:
            self.error(
                where,
                gettext("Must be a number from %(low)s to %(high)s (it is %(value)r)")
                % {"low": f"{low:g}", "high": f"{high:g}", "value": value},
            )
            return None
        return number

    def amount(self, value, where: str) -> Decimal | None:
        try:
            amount = Decimal(str(value)) if not isinstance(value, bool) else None
        except (InvalidOperation, ValueError, OverflowError):
            amount = None
        if amount is None or not amount.is_finite():
            self.error(
                where, gettext("Must be an amount of money, like 12.50 (it is %(value)r)") % {"value": value}
            )
            return None
        if amount < 0:
            self.error(where, gettext("Must be 0 or more (it is %(value)s)") % {"value": value})
            return None
        # The range first: quantizing 1E+30 to pence is itself an error.
        if amount >= MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
            self.error(
                where,
                gettext("Must be pounds and pence under £1,000,000 (it is %(value)s)") % {"value": value},
            )
            return None
        return amount.quantize(Decimal("0.01"))

    def date(self, value, where: str) -> datetime.date | None:
        if value in (None, ""):
            return None
        try:
            return datetime.date.fromisoformat(str(value)[:10])
        except ValueError:
            self.error(where, gettext("Must be a date like 2027-01-31 (it is %(value)r)") % {"value": value})
            return None

    def time(self, value, where: str) -> str | None:
        match = re.match(
            r"^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$", str(value)
        )
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            self.error(where, gettext("Must be a time like 10:00 (it is %(value)r)") % {"value": value})
            return None
        return f"{int(match.group(1)):02d}:{match.group(2)}"


def _summary_from(description: str) -> str:
    """One sentence of the description, for feeds that have no summary."""
    text = " ".join(description.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) > 300:
        sentence = sentence[:299].rsplit(" ", 1)[0] + "…"
    return sentence


def _unit(words: str) -> str:
    text = (words or "").strip().lower()
    if text in UNIT_FOR_WORDS:
        return UNIT_FOR_WORDS[text]
    for word, unit in UNIT_KEYWORDS:
        if re.search(rf"\b{word}", text):
            return unit
    return Cost.Unit.SESSION


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


# --- What a record says, read and checked before anything is written ------------------------------
@dataclass
class OrganizationPlan:
    source_id: str
    digest: str
    name: str
    values: dict  # only what the record says: a field it leaves out is left alone
    kind: str | None
    locations: list["LocationPlan"] = field(default_factory=list)


@dataclass
class LocationPlan:
    source_id: str
    digest: str
    name: str
    values: dict
    postcode: str
    latitude: float | None
    longitude: float | None
    features: list[str]
    tags: list[tuple[str, str, str]]  # unmatched accessibility, as source tags for the listing


@dataclass
class ServicePlan:
    source_id: str
    digest: str
    name: str
    record: str
    content: dict  # a snapshot without venues and photo
    extras: dict  # what the record says of vacancies (and their date), closed_until, hidden_as_stale_on
    feed_status: str
    listing_status: str | None
    assured_date: datetime.date | None
    organization: OrganizationPlan | None
    organization_id: str
    locations: list[LocationPlan]
    tags: list[tuple[str, str, str]]
    flags: list[str]


@dataclass
class _Tally:
    """Counts for one record, added to the report only when its savepoint commits."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    flags: list[str] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)


class _Run:
    def __init__(
        self,
        *,
        source: str,
        publish: bool,
        dry_run: bool,
        by,
        progress,
        match_daywell_ids=False,
        provider: Provider | None = None,
    ):
        self.source = source[: max_length(SourceRecord, "source")]
        self.publish = publish
        # Whether a record whose id is a Daywell UUID is that Daywell row (a Daywell export read
        # back). Off for other feeds: the API publishes those UUIDs, so anyone could copy them.
        self.match_daywell_ids = match_daywell_ids
        # A provider's own upload: every record becomes this provider's listing, whatever it says
        # about its organisation, and a record that would touch another provider's is refused.
        self.owner = provider
        self.by = by
        self.progress = progress
        actor_label = gettext("Imported from %(source)s") % {"source": source}
        if provider is not None:
            actor_label = gettext("Uploaded by %(name)s") % {"name": provider.name}
        self.actor_label = actor_label[: max_length(ListingEvent, "actor_label")]
        self.report = ImportReport(source=source, publish=publish, dry_run=dry_run)
        self.now = timezone.now()
        self.today = timezone.localdate()
        # Daywell's terms by id and by (taxonomy key, name).
        self.term_by_id: dict[str, tuple[str, str]] = {}
        self.term_by_name: dict[tuple[str, str], tuple[str, str]] = {}
        for taxonomy in REFERENCE_TAXONOMIES:
            for slug, name in taxonomy.model.objects.values_list("slug", "name"):
                hit = (FIELD_FOR[taxonomy], slug)
                self.term_by_id[taxonomy.term_id(slug)] = hit
                self.term_by_name[(taxonomy.key, name.lower())] = hit
        self.feature_by_name = {
            name.lower(): slug for slug, name in Feature.objects.values_list("slug", "name")
        }
        self.fact_by_id = {fact.id: fact for fact in facts().values()}
        self.ward_by_code = dict(Ward.objects.values_list("code", "slug"))
        self.ward_by_name = {name.lower(): slug for name, slug in Ward.objects.values_list("name", "slug")}
        # What this run has already written, by (kind, source id): digest and object.
        self.seen: dict[tuple[str, str], tuple[str, object]] = {}
        self.tally = _Tally()

    # --- Running ----------------------------------------------------------------------------------
    def run(self, records: Iterable, handle: Callable) -> ImportReport:
        total = len(records) if hasattr(records, "__len__") else None
        iterator, done = iter(records), 0
        while True:
            try:
                label, item = next(iterator)
            except StopIteration:
                break
            except ReadError as error:  # the rest of the source cannot be read: keep what was
                self.report.read_error = str(error)
                self.report.problems.append(RecordError(self.report.source, "", str(error)))
                break
            done += 1
            self.report.read += 1
            if isinstance(item, RecordError):
                self.report.skip(item)
            else:
                self.one(label, item, handle)
            if self.progress:
                self.progress(done, total)
        return self.report

    def one(self, label: str, item, handle: Callable) -> None:
        self.tally = _Tally()
        seen_before = dict(self.seen)
        try:
            with transaction.atomic():
                handle(label, item)
        except RecordProblems as problems:
            self.seen = seen_before
            self.report.skip(*problems.errors)
            return
        except (DatabaseError, ValidationError, ValueError) as error:  # a constraint the checks missed
            self.seen = seen_before
            self.report.skip(
                RecordError(label, "", gettext("Could not be saved: %(error)s") % {"error": error})
            )
            return
        except Exception as error:  # noqa: BLE001 (one odd record must not stop the rest)
            # The savepoint has rolled back. The traceback is logged, never the record itself.
            logger.exception("Import from %s: %s could not be read", self.source, label)
            self.seen = seen_before
            self.report.skip(
                RecordError(
                    label,
                    "",
                    gettext("Could not read this record: %(name)s") % {"name": type(error).__name__},
                )
            )
            return
        for name in ("created", "updated", "unchanged"):
            getattr(self.report, name).update(getattr(self.tally, name))
        self.report.flags.extend(flag for flag in self.tally.flags if flag not in self.report.flags)
        self.report.touched |= self.tally.touched

    def finish(self) -> None:
        if self.report.dry_run or not self.report.touched:
            return
        ids = list(
            Opportunity.objects.filter(
                pk__in=self.report.touched,
                status__in=[Opportunity.Status.PUBLISHED, Opportunity.Status.ARCHIVED],
            ).values_list("pk", flat=True)
        )
        opportunity_index_refresh(ids=ids)

    # --- Reading records ------------------------------------------------------------------------
    def organization_plan(self, data: dict, check: Checker, where: str = "") -> OrganizationPlan:
        def at(key):
            return f"{where}{key}"

        name = check.text(data, "name", at("name"), Provider, "name", required=True)
        values: dict = {"name": name}
        if "description" in data:
            values["description"] = check.text(data, "description", at("description"))
        if "email" in data:
            values["email"] = check.email(
                check.text(data, "email", at("email"), Provider, "email"), at("email")
            )
        if "website" in data:
            website = check.url(check.text(data, "website", at("website")), at("website"))
            values["website"] = check.limit(website, at("website"), Provider, "website")
        if "organization_identifiers" in data:
            values["charity_number"] = values["cqc_location_id"] = ""
            for index, identifier in enumerate(_list(data, "organization_identifiers")):
                scheme = str(identifier.get("identifier_scheme") or "").upper()
                key = {"GB-CHC": "charity_number", "GB-CQC-LOCATION": "cqc_location_id"}.get(scheme)
                if key and not values[key]:
                    values[key] = check.text(
                        identifier,
                        "identifier",
                        at(f"organization_identifiers[{index}].identifier"),
                        Provider,
                        key,
                    )
        phones = _list(data, "phones")
        if phones:
            values["phone"] = check.text(phones[0], "number", at("phones[0].number"), Provider, "phone")
        kind = None
        attributes = _list(data, "attributes")
        if "attributes" in data:
            values.update(cqc_rating="", dbs_checked_on=None, references_available=False)
            values.setdefault("phone", "")
            for index, attribute in enumerate(attributes):
                fact = self.fact_of(attribute)
                if fact is None:
                    continue
                value = attribute.get("value")
                if fact.slug in KIND_FACTS:
                    kind = KIND_FACTS[fact.slug]
                elif fact.slug in RATING_FACTS:
                    values["cqc_rating"] = RATING_FACTS[fact.slug]
                elif fact.slug == "provider-phone":
                    values["phone"] = check.limit(str(value or "").strip(), at("phone"), Provider, "phone")
                elif fact.slug == "dbs-checked-on":
                    values["dbs_checked_on"] = check.date(value, at(f"attributes[{index}].value"))
                elif fact.slug == "references-available":
                    values["references_available"] = True
        source_id = str(data.get("id") or "").strip() or (f"name:{name.lower()}" if name else "")
        return OrganizationPlan(source_id[:200], digest_of(data), name, values, kind)

    def location_plan(self, data: dict, check: Checker, where: str) -> LocationPlan:
        addresses = _list(data, "addresses")
        address = next((a for a in addresses if a.get("address_type") == "physical"), None)
        address = address or (addresses[0] if addresses else {})
        line_1 = check.text(address, "address_1", f"{where}addresses[0].address_1", Venue, "address_line_1")
        line_2 = check.text(address, "address_2", f"{where}addresses[0].address_2", Venue, "address_line_2")
        town = check.text(address, "city", f"{where}addresses[0].city", Venue, "town")
        postcode = check.text(address, "postal_code", f"{where}addresses[0].postal_code")
        name = check.text(data, "name", f"{where}name", Venue, "name") or line_1 or town or "Venue"
        latitude = check.number(data.get("latitude"), f"{where}latitude", -90, 90)
        longitude = check.number(data.get("longitude"), f"{where}longitude", -180, 180)
        if (latitude is None) != (longitude is None):
            latitude = longitude = None
        features, tags = [], []
        for index, attribute in enumerate(_list(data, "attributes")):
            fact = self.fact_of(attribute)
            if fact and fact.slug == "address-line-2":
                line_2 = check.limit(
                    str(attribute.get("value") or "").strip(),
                    f"{where}attributes[{index}]",
                    Venue,
                    "address_line_2",
                )
                continue
            hit = self.term_of(attribute)
            if hit and hit[0] == FIELD_FOR[FEATURES]:
                features.append(hit[1])
        for entry in _list(data, "accessibility"):
            words = str(entry.get("description") or entry.get("accessibility") or "").strip()
            slug = self.feature_by_name.get(words.lower())
            if slug:
                features.append(slug)
            elif words and len(words) <= max_length(SourceTag, "name"):
                tags.append(("accessibility", "", words))
        values = {"name": name, "address_line_1": line_1, "address_line_2": line_2, "town": town}
        source_id = str(data.get("id") or "").strip() or f"address:{line_1.lower()}|{postcode.upper()}"
        return LocationPlan(
            source_id[:200],
            digest_of(data),
            name,
            values,
            postcode,
            latitude,
            longitude,
            sorted(set(features)),
            tags,
        )

    def fact_of(self, attribute: dict):
        term = attribute.get("taxonomy_term") if isinstance(attribute.get("taxonomy_term"), dict) else {}
        return self.fact_by_id.get(str(term.get("id") or attribute.get("taxonomy_term_id") or ""))

    def term_of(self, attribute: dict) -> tuple[str, str] | None:
        term = attribute.get("taxonomy_term") if isinstance(attribute.get("taxonomy_term"), dict) else {}
        term_id = str(term.get("id") or attribute.get("taxonomy_term_id") or "")
        taxonomy = str(term.get("taxonomy") or attribute.get("link_type") or "")
        name = str(term.get("name") or term.get("term") or "").strip().lower()
        return self.term_by_id.get(term_id) or self.term_by_name.get((taxonomy, name))

    def service_plan(self, label: str, item: dict) -> ServicePlan:
        name = str(item.get("name") or "").strip() if isinstance(item.get("name"), str) else ""
        record = f"{label} (“{name}”)" if name else label
        check = Checker(record)
        source_id = check.text(item, "id", "id", SourceRecord, "source_id")
        if not source_id:
            check.error(
                "id", gettext("This is missing: without it a later import could not find the record again")
            )
        title = check.text(item, "name", "name", Opportunity, "title", required=True)
        description = check.text(item, "description", "description")
        content: dict = {"title": title, "description": description}
        content["website"] = check.limit(
            check.url(check.text(item, "url", "url"), "url"), "url", Opportunity, "website"
        )
        content["contact_email"] = check.email(
            check.text(item, "email", "email", Opportunity, "contact_email"), "email"
        )
        content["min_age"], content["max_age"] = (
            check.age(item, "minimum_age"),
            check.age(item, "maximum_age"),
        )
        ages = (content["min_age"], content["max_age"])
        if None not in ages and ages[0] > ages[1]:
            check.error("minimum_age", gettext("The minimum age is more than the maximum age"))
        feed_status = str(item.get("status") or "").strip().lower()
        assured_date = check.date(item.get("assured_date"), "assured_date")
        flags: list[str] = []

        # Contacts
        contacts = _list(item, "contacts")
        contact = contacts[0] if contacts else {}
        content["contact_name"] = check.text(contact, "name", "contacts[0].name", Opportunity, "contact_name")
        phones = _list(contact, "phones") or _list(item, "phones")
        phone = check.text(phones[0], "number", "phones[0].number") if phones else ""

        # Schedules
        sessions = set()
        for index, schedule in enumerate(_list(item, "schedules")):
            where = f"schedules[{index}]"
            freq = str(schedule.get("freq") or "").upper()
            interval = schedule.get("interval")
            opens, closes, byday = schedule.get("opens_at"), schedule.get("closes_at"), schedule.get("byday")
            if freq != "WEEKLY" or str(interval or 1) != "1" or not (opens and closes and byday):
                if schedule.get("description"):
                    flags.append(
                        gettext("Schedule not weekly, left out (“%(description)s”)")
                        % {"description": str(schedule["description"])[:80]}
                    )
                else:
                    flags.append(gettext("Schedule not weekly, left out"))
                continue
            days = [part.strip().upper() for part in str(byday).split(",") if part.strip()]
            unknown = [day for day in days if day not in BYDAY]
            if unknown:
                check.error(
                    f"{where}.byday",
                    gettext("Must be days like MO,TU (it has %(unknown)s)") % {"unknown": ", ".join(unknown)},
                )
                continue
            start, end = check.time(opens, f"{where}.opens_at"), check.time(closes, f"{where}.closes_at")
            if start and end and end <= start:
                check.error(
                    f"{where}.closes_at",
                    gettext("Must be after the opening time (%(start)s); it is %(end)s")
                    % {"start": start, "end": end},
                )
                continue
            if start and end:
                sessions.update((BYDAY[day], start, end) for day in days)
        content["sessions"] = [list(session) for session in sorted(sessions)]

        # Cost options
        costs = []
        for index, option in enumerate(_list(item, "cost_options")):
            where = f"cost_options[{index}]"
            if option.get("amount") in (None, ""):
                flags.append(gettext("A price without an amount was left out"))
                continue
            amount = check.amount(option.get("amount"), f"{where}.amount")
            label_text = check.text(option, "option", f"{where}.option", Cost, "label")
            if amount is not None:
                costs.append((amount, _unit(str(option.get("amount_description") or "")), label_text))
        costs.sort(key=lambda cost: cost[0])
        content["costs"] = [[f"{amount:.2f}", unit, label_text] for amount, unit, label_text in costs]

        # Service areas
        areas = set()
        for area in _list(item, "service_areas"):
            code = str(area.get("uri") or "").rstrip("/").rsplit("/", 1)[-1]
            slug = self.ward_by_code.get(code) or self.ward_by_name.get(
                str(area.get("name") or "").strip().lower()
            )
            if slug:
                areas.add(slug)
        content["areas"] = sorted(areas)

        # Attributes: Daywell terms, Daywell facts, and everything else as source tags
        terms = {name: set() for name in FIELD_FOR.values()}
        tags: list[tuple[str, str, str]] = []
        found: dict[str, object] = {}
        delivery: list[str] = []
        for index, attribute in enumerate(_list(item, "attributes")):
            fact = self.fact_of(attribute)
            if fact:
                value = attribute.get("value")
                found[fact.slug] = value
                if fact.slug in DELIVERY_FACTS and DELIVERY_FACTS[fact.slug] not in delivery:
                    delivery.append(DELIVERY_FACTS[fact.slug])
                if fact.value == "date" and value not in (None, ""):
                    found[fact.slug] = check.date(value, f"attributes[{index}].value")
                continue
            hit = self.term_of(attribute)
            if hit:
                terms[hit[0]].add(hit[1])
                continue
            term = attribute.get("taxonomy_term") if isinstance(attribute.get("taxonomy_term"), dict) else {}
            tag_name = str(term.get("name") or term.get("term") or "").strip()
            taxonomy = str(term.get("taxonomy") or attribute.get("link_type") or "").strip()
            if taxonomy == FACTS.key or not tag_name:
                continue
            if len(tag_name) > max_length(SourceTag, "name"):
                flags.append(
                    gettext("A term longer than 200 characters was left out (“%(tag_name)s…”)")
                    % {"tag_name": tag_name[:40]}
                )
                continue
            tags.append(
                (
                    taxonomy[:200],
                    str(term.get("id") or attribute.get("taxonomy_term_id") or "")[:200],
                    tag_name,
                )
            )

        # Locations (checked here, written later)
        locations, location_ids = [], set()
        for index, link in enumerate(_list(item, "service_at_locations")):
            location = link.get("location") if isinstance(link.get("location"), dict) else None
            if location is None:
                continue
            if str(location.get("location_type") or "physical").lower() == "virtual":
                if not found and "online" not in delivery:
                    delivery.append("online")
                continue
            plan = self.location_plan(location, check, f"service_at_locations[{index}].location.")
            if plan.source_id not in location_ids:
                location_ids.add(plan.source_id)
                locations.append(plan)
                tags.extend(plan.tags)

        daywell_made = bool(found)
        text_facts = {
            "summary": "summary",
            "easy-read-summary": "easy_read_summary",
            "how-to-join": "how_to_join",
            "contact-phone": "contact_phone",
        }
        for slug, name_ in text_facts.items():
            value = found.get(slug)
            content[name_] = check.limit(str(value or "").strip(), f"attributes ({slug})", Opportunity, name_)
        if not daywell_made:
            content["summary"] = _summary_from(description)
            content["contact_phone"] = check.limit(phone, "phones[0].number", Opportunity, "contact_phone")
            content["how_to_join"] = check.text(item, "application_process", "application_process")
            fees = str(item.get("fees") or "").strip().lower()
            content["is_free"] = fees in ("free", "free of charge", "no charge") or (
                bool(costs) and all(amount == 0 for amount, _, _ in costs)
            )
            if not delivery and locations:
                delivery.insert(0, Opportunity.Delivery.VENUE)
        else:
            content["is_free"] = "free" in found
        content["by_arrangement"] = "times-by-arrangement" in found
        content["delivery"] = delivery
        content["joining"] = next(
            (JOINING_FACTS[slug] for slug in found if slug in JOINING_FACTS), Opportunity.Joining.EITHER
        )
        listing_status = next((STATUS_FACTS[slug] for slug in found if slug in STATUS_FACTS), None)
        # Fields outside the snapshot, only when the record says them: a feed that does not
        # know about places must not reset Daywell's. An export_oruk record (it carries the
        # listing status) says everything, so there a missing date means none.
        exported = listing_status is not None
        extras: dict = {}
        vacancy_slug = next((slug for slug in found if slug in VACANCY_FACTS), None)
        if vacancy_slug:
            extras["vacancies"] = VACANCY_FACTS[vacancy_slug]
            extras["vacancies_confirmed_on"] = found.get(vacancy_slug) or None
        if "closed-until" in found or exported:
            extras["closed_until"] = found.get("closed-until") or None
        if exported:
            extras["hidden_as_stale_on"] = found.get(HIDDEN_AS_STALE) or None
        content.update({name_: sorted(slugs) for name_, slugs in terms.items()})

        # The organization: nested, or only named by id
        organization = None
        if isinstance(item.get("organization"), dict) and self.owner is None:
            organization = self.organization_plan(item["organization"], check, "organization.")
        check.done()
        return ServicePlan(
            source_id=source_id,
            digest=digest_of(item),
            name=title,
            record=record,
            content=content,
            extras=extras,
            feed_status=feed_status,
            listing_status=listing_status,
            assured_date=assured_date,
            organization=organization,
            organization_id=str(item.get("organization_id") or "").strip(),
            locations=locations,
            tags=tags,
            flags=flags,
        )

    # --- Writing ----------------------------------------------------------------------------------
    def source_record(self, kind: str, source_id: str) -> SourceRecord | None:
        return SourceRecord.objects.filter(source=self.source, kind=kind, source_id=source_id).first()

    def remember(self, kind: str, source_id: str, digest: str, *, flags=None, **target) -> None:
        SourceRecord.objects.update_or_create(
            source=self.source,
            kind=kind,
            source_id=source_id,
            defaults={"digest": digest, "last_imported_at": self.now, "flags": flags or [], **target},
        )

    @staticmethod
    def _new_uuid(model, source_id: str):
        if is_uuid(source_id) and not model.objects.filter(uuid=source_id).exists():
            return {"uuid": source_id}
        return {}

    @staticmethod
    def _apply(obj, values: dict) -> list[str]:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, values[name])
        return changed

    def provider(self, plan: OrganizationPlan) -> Provider:
        key = (Kind.ORGANIZATION, plan.source_id)
        if key in self.seen and self.seen[key][0] == plan.digest:
            return self.seen[key][1]
        record = self.source_record(Kind.ORGANIZATION, plan.source_id)
        provider = record.provider if record else None
        if provider is None:
            provider = self.daywell_row(Provider, plan.source_id)
        if provider is None:
            provider = Provider(
                **self._new_uuid(Provider, plan.source_id),
                slug=_provider_slug_for(plan.name),
                kind=plan.kind or Provider.Kind.COMMUNITY,
                **plan.values,
            )
            provider.save()
            self.tally.created["providers"] += 1
        elif record and record.digest == plan.digest:
            self.tally.unchanged["providers"] += 1
        else:
            changed = self._apply(provider, {**plan.values, **({"kind": plan.kind} if plan.kind else {})})
            if changed:
                provider.save(update_fields=[*changed, "updated_at"])
                self.tally.updated["providers"] += 1
            else:
                self.tally.unchanged["providers"] += 1
        if not record or record.digest != plan.digest or record.provider_id != provider.pk:
            self.remember(Kind.ORGANIZATION, plan.source_id, plan.digest, provider=provider)
        self.seen[key] = (plan.digest, provider)
        for location in plan.locations:
            self.venue(location, provider)
        return provider

    def provider_unknown(self) -> Provider:
        """The stand-in provider for a source's services that name no organisation."""
        record = self.source_record(Kind.ORGANIZATION, NO_ORGANISATION)
        if record and record.provider:
            return record.provider
        name = (gettext("Organisation not named by %(source)s") % {"source": self.source})[:200]
        provider = Provider.objects.create(
            name=name,
            slug=_provider_slug_for(name),
            kind=Provider.Kind.COMMUNITY,
            description=gettext(
                "Listings imported without an organisation: a council officer should find who runs them."
            ),
        )
        self.tally.created["providers"] += 1
        self.remember(
            Kind.ORGANIZATION, NO_ORGANISATION, "", provider=provider, flags=[gettext("Organisation unknown")]
        )
        return provider

    def venue(self, plan: LocationPlan, provider: Provider) -> tuple[Venue, str]:
        """The provider's venue for this location and its flag ("" or "Location unknown: …").

        A venue belongs to one provider. When another organisation's record names the same
        location, that provider gets a venue of its own (remembered under the location's id and
        the provider's), and the first provider's venue is never changed."""
        key = (Kind.LOCATION, plan.source_id, provider.pk)
        if key in self.seen and self.seen[key][0] == plan.digest:
            return self.seen[key][1]
        source_id = plan.source_id
        record = self.source_record(Kind.LOCATION, source_id)
        venue = record.venue if record else None
        if venue is None:
            venue = self.daywell_row(Venue, source_id)
        if venue is not None and venue.provider_id != provider.pk:
            source_id = f"{plan.source_id[:150]}@organization:{provider.uuid}"
            record = self.source_record(Kind.LOCATION, source_id)
            venue = record.venue if record else None
            if venue is not None and venue.provider_id != provider.pk:  # moved in Daywell since
                venue = None
        if record and venue and record.digest == plan.digest:
            flag = next(iter(record.flags), "")
            self.tally.unchanged["venues"] += 1
        else:
            placed = geocode.place(plan.postcode, plan.latitude, plan.longitude)
            flag = placed.flag
            if len(placed.postcode) > max_length(Venue, "postcode"):
                raise RecordProblems(
                    [
                        RecordError(
                            gettext("location %(name)r") % {"name": plan.name},
                            "addresses[0].postal_code",
                            gettext("Must be a postcode of 8 characters or fewer (it is %(postcode)r)")
                            % {"postcode": placed.postcode},
                        )
                    ]
                )
            values = {
                **plan.values,
                "postcode": placed.postcode,
                "latitude": placed.latitude,
                "longitude": placed.longitude,
                "ward": placed.ward,
            }
            if venue is None:
                venue = Venue.objects.create(
                    **self._new_uuid(Venue, plan.source_id), provider=provider, **values
                )
                venue.features.set(Feature.objects.filter(slug__in=plan.features))
                self.tally.created["venues"] += 1
            else:
                changed = self._apply(venue, values)
                if changed:
                    venue.save(update_fields=[*changed, "updated_at"])
                features_before = sorted(venue.features.values_list("slug", flat=True))
                if features_before != plan.features:
                    venue.features.set(Feature.objects.filter(slug__in=plan.features))
                    venue.save(update_fields=["updated_at"])
                if changed or features_before != plan.features:
                    self.tally.updated["venues"] += 1
                else:
                    self.tally.unchanged["venues"] += 1
            self.remember(Kind.LOCATION, source_id, plan.digest, venue=venue, flags=[flag] if flag else [])
        self.seen[key] = (plan.digest, (venue, flag))
        return venue, flag

    def organization_record(self, label: str, item) -> None:
        if not isinstance(item, dict):
            raise RecordProblems(
                [RecordError(label, "", gettext("Not an organisation record (a JSON object)"))]
            )
        name = item.get("name") if isinstance(item.get("name"), str) else ""
        check = Checker(f"{label} (“{name}”)" if name else label)
        plan = self.organization_plan(item, check)
        for index, location in enumerate(_list(item, "locations")):
            plan.locations.append(self.location_plan(location, check, f"locations[{index}]."))
        check.done()
        self.provider(plan)

    def service_record(self, label: str, item) -> None:
        if not isinstance(item, dict):
            raise RecordProblems([RecordError(label, "", gettext("Not a service record (a JSON object)"))])
        source_id = str(item.get("id") or "").strip()
        record = self.source_record(Kind.SERVICE, source_id) if source_id else None
        if self.owner is not None and record and record.opportunity:
            self.refuse_if_not_owned(_label_with_name(label, item), listing=record.opportunity)
        if (
            record
            and record.opportunity_id
            and record.digest == digest_of(item)
            and not (self.publish and PLACES_WITHHELD in record.flags)
        ):
            # The same record as last time: nothing to plan again (which would undo edits made in
            # Daywell since). Only terms a council officer has mapped since then are added.
            self.add_newly_mapped_terms(record)
            self.tally.unchanged["listings"] += 1
            self.tally.flags.extend(f"“{item.get('name')}”: {_shown_flag(flag)}" for flag in record.flags)
            return
        plan = self.service_plan(label, item)
        opportunity = record.opportunity if record else None
        if opportunity is None:
            opportunity = self.daywell_row(Opportunity, plan.source_id)

        flags = list(plan.flags)
        if self.owner is not None:
            # Checked before anything is written: the savepoint would undo it, but nothing of
            # another provider's should be changed even for a moment.
            self.refuse_if_not_owned(plan.record, listing=opportunity, locations=plan.locations)
            provider = self.owner
        elif plan.organization:
            provider = self.provider(plan.organization)
        else:
            provider = self.provider_by_id(plan.organization_id)
            if provider is None:
                provider = (
                    opportunity.provider if opportunity and opportunity.provider else self.provider_unknown()
                )
                flags.append(gettext("Organisation unknown"))
        venues = []
        for location in plan.locations:
            venue, flag = self.venue(location, provider)
            if venue.provider_id != provider.pk:
                flags.append(
                    gettext("The venue “%(name)s” belongs to another organisation, left out")
                    % {"name": venue.name}
                )
                continue
            venues.append(venue)
            if flag:
                flags.append(flag)
        content = {**plan.content, "venues": sorted(venue.pk for venue in venues)}
        tags = self.source_tags(plan.tags, content)

        if opportunity is None:
            opportunity = self.listing_create(plan, provider, content)
            if opportunity is None:
                return
        else:
            flags += self.listing_update(plan, opportunity, provider, content)
        if tags:
            opportunity.source_tags.add(*tags)
        self.tally.flags.extend(f"“{plan.name}”: {_shown_flag(flag)}" for flag in flags)
        self.remember(Kind.SERVICE, plan.source_id, plan.digest, opportunity=opportunity, flags=flags)

    def refuse_if_not_owned(self, record: str, *, listing=None, locations=()) -> None:
        """In a provider's own upload, a record that would change a listing or venue of another
        provider (moved in Daywell since it was imported, or found by its Daywell id) is refused."""
        errors = []
        if listing is not None and listing.provider_id != self.owner.pk:
            errors.append(
                RecordError(
                    record,
                    "",
                    gettext("This listing belongs to another provider in Daywell, so it was not changed"),
                )
            )
        for location in locations:
            found = self.source_record(Kind.LOCATION, location.source_id)
            venue = found.venue if found and found.venue else self.daywell_row(Venue, location.source_id)
            if venue is not None and venue.provider_id != self.owner.pk:
                errors.append(
                    RecordError(
                        record,
                        "venue_name",
                        gettext(
                            "The venue “%(name)s” belongs to another provider in Daywell, "
                            "so this row was not imported"
                        )
                        % {"name": location.name},
                    )
                )
        if errors:
            raise RecordProblems(errors)

    def add_newly_mapped_terms(self, record: SourceRecord) -> None:
        """Give the listing the Daywell terms of its source tags mapped since the last import
        (oruk.services.source_tag_map does this when mapping; a tag mapped another way is
        caught here), in its live rows and in any open change. Nothing else is touched."""
        mapped = Q(interest__isnull=False) | Q(audience__isnull=False) | Q(feature__isnull=False)
        since = Q(mapped_at__isnull=True) | Q(mapped_at__gte=record.last_imported_at)
        tags = list(SourceTag.objects.filter(mapped & since, opportunities=record.opportunity_id))
        if not tags:
            return
        opportunity = record.opportunity
        added = False
        for tag in tags:
            for field_name, term in (
                ("interests", tag.interest),
                ("audiences", tag.audience),
                ("features", tag.feature),
            ):
                if term is None:
                    continue
                if not getattr(opportunity, field_name).filter(pk=term.pk).exists():
                    getattr(opportunity, field_name).add(term)
                    added = True
                for change in ListingChange.objects.open().filter(opportunity=opportunity):
                    slugs = list(change.proposed.get(field_name) or [])
                    if term.slug not in slugs:
                        change.proposed = {**change.proposed, field_name: sorted([*slugs, term.slug])}
                        change.save(update_fields=["proposed", "updated_at"])
        SourceRecord.objects.filter(pk=record.pk).update(last_imported_at=self.now)
        if added:
            self.tally.touched.add(opportunity.pk)

    def provider_by_id(self, source_id: str) -> Provider | None:
        if not source_id:
            return None
        record = self.source_record(Kind.ORGANIZATION, source_id)
        if record and record.provider:
            return record.provider
        return self.daywell_row(Provider, source_id)

    def daywell_row(self, model, source_id: str):
        """The Daywell row whose UUID the record's id is, when this import may match them."""
        if not self.match_daywell_ids or not is_uuid(source_id):
            return None
        return model.objects.filter(uuid=source_id).first()

    def source_tags(self, tags, content: dict) -> list[SourceTag]:
        """The source tags for these terms (made when new); a mapped tag adds its Daywell term."""
        rows = []
        for taxonomy, term_id, name in dict.fromkeys(tags):
            tag, _ = SourceTag.objects.get_or_create(taxonomy=taxonomy, term_id=term_id, name=name)
            rows.append(tag)
            for field_name, attribute in (
                ("interests", "interest"),
                ("audiences", "audience"),
                ("features", "feature"),
            ):
                term = getattr(tag, attribute)
                if term is not None and term.slug not in content[field_name]:
                    content[field_name] = sorted([*content[field_name], term.slug])
        return rows

    def _status_for_new(self, plan: ServicePlan) -> str | None:
        if self.publish and plan.listing_status:
            return plan.listing_status
        if plan.listing_status == Opportunity.Status.ARCHIVED or (
            not plan.listing_status and plan.feed_status in FEED_GONE
        ):
            return None
        return Opportunity.Status.PUBLISHED if self.publish else Opportunity.Status.IN_REVIEW

    def listing_create(self, plan: ServicePlan, provider: Provider, content: dict) -> Opportunity | None:
        status = self._status_for_new(plan)
        if status is None:
            raise RecordProblems(
                [
                    RecordError(
                        plan.record,
                        "status",
                        gettext("The feed marks it “%(archived)s”, so it was not imported")
                        % {"archived": plan.feed_status or "archived"},
                    )
                ]
            )
        opportunity = Opportunity(
            **self._new_uuid(Opportunity, plan.source_id),
            provider=provider,
            status=status,
            slug=_listing_slug_for(content["title"]),
            content_revision=1,
            **plan.extras,
        )
        if status == Opportunity.Status.PUBLISHED:
            opportunity.published_at = self.now
            opportunity.last_checked_on = plan.assured_date or self.today
        else:
            opportunity.last_checked_on = plan.assured_date
        snapshot_apply(opportunity, {**snapshot_of(opportunity), **content, "photo": None})
        self.event(
            opportunity,
            ListingEvent.Kind.CREATED,
            note=gettext("Published on import.") if status == Opportunity.Status.PUBLISHED else "",
        )
        if status in (Opportunity.Status.IN_REVIEW, Opportunity.Status.DRAFT):
            submitted = status == Opportunity.Status.IN_REVIEW
            ListingChange.objects.create(
                opportunity=opportunity,
                status=ListingChange.Status.SUBMITTED if submitted else ListingChange.Status.DRAFT,
                proposed=snapshot_of(opportunity),
                created_by=self.by,
                submitted_by=self.by if submitted else None,
                submitted_at=self.now if submitted else None,
            )
            if submitted:
                self.event(opportunity, ListingEvent.Kind.SUBMITTED)
        self.tally.created["listings"] += 1
        self.tally.touched.add(opportunity.pk)
        return opportunity

    def event(self, opportunity, kind, *, changes=None, note="") -> None:
        ListingEvent.objects.create(
            opportunity=opportunity,
            kind=kind,
            actor=self.by,
            actor_label=self.actor_label,
            changes=changes or [],
            note=note,
        )

    def listing_update(
        self, plan: ServicePlan, opportunity: Opportunity, provider: Provider, content: dict
    ) -> list[str]:
        """Bring an existing listing up to the feed's version; returns flags for the council.

        With publish, the feed's version goes live (or the listing is archived when the feed
        says it has stopped). Without, a changed listing gets an open change for review, a
        stopped one is only flagged, and nothing the public sees is changed. Either way a
        listing someone is editing in Daywell is left alone, and the record reported."""
        opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        before = snapshot_of(opportunity)
        after = {**before, **content}
        content_changed = before != after
        status_before = opportunity.status
        gone = plan.listing_status == Opportunity.Status.ARCHIVED or (
            not plan.listing_status and plan.feed_status in FEED_GONE
        )
        flags: list[str] = []
        if not self.publish and gone:
            if opportunity.status != Opportunity.Status.ARCHIVED:
                flags.append(
                    gettext("The feed says “%(name)s” has stopped: check and take it down")
                    % {"name": plan.name}
                )
            self.tally.unchanged["listings"] += 1
            return flags

        # Vacancies, closing dates and the like: only what the feed sent, and (outside the
        # snapshot, so not reviewable) live only with publish or before the listing is public.
        extras = {name: value for name, value in plan.extras.items() if getattr(opportunity, name) != value}
        if extras and not (self.publish or opportunity.published_at is None):
            flags.append(PLACES_WITHHELD)
            extras = {}
        target = status_before
        if self.publish:
            target = plan.listing_status or (
                Opportunity.Status.ARCHIVED if gone else Opportunity.Status.PUBLISHED
            )
        if content_changed or extras or target != status_before or opportunity.provider_id != provider.pk:
            self.refuse_if_someone_is_editing(plan, opportunity)

        fields: list[str] = []
        words: list[list[str]] = []
        if opportunity.provider_id != provider.pk:
            words.append([gettext("Provider"), str(opportunity.provider or gettext("None")), provider.name])
            opportunity.provider = provider
            fields.append("provider")
        if self.publish:
            if content_changed:
                snapshot_apply(opportunity, after)
                opportunity.content_revision += 1
                fields.append("content_revision")
            if target != opportunity.status:
                opportunity.status = target
                fields.append("status")
                if target == Opportunity.Status.PUBLISHED:
                    opportunity.published_at = opportunity.published_at or self.now
                    opportunity.hidden_as_stale_on = None
                    fields += ["published_at", "hidden_as_stale_on"]
            checked = plan.assured_date or (self.today if content_changed and target == "published" else None)
            if checked and checked != opportunity.last_checked_on:
                opportunity.last_checked_on = checked
                fields.append("last_checked_on")
        elif content_changed:
            self.propose(plan, opportunity, after)
            if opportunity.published_at is None:
                snapshot_apply(opportunity, after)
            opportunity.content_revision += 1
            fields.append("content_revision")
        for name, value in extras.items():  # after the status, which may clear hidden_as_stale_on
            if getattr(opportunity, name) != value:
                words.append(
                    [
                        str(Opportunity._meta.get_field(name).verbose_name).capitalize(),
                        str(getattr(opportunity, name) or gettext("Not given")),
                        str(value or gettext("Not given")),
                    ]
                )
                setattr(opportunity, name, value)
                fields.append(name)
        if fields:
            opportunity.save()
            if content_changed and self.publish:
                words = snapshot_changes(before, after, provider_id=opportunity.provider_id) + words
            if opportunity.status != status_before:
                words.append(
                    [
                        gettext("Status"),
                        str(Opportunity.Status(status_before).label),
                        str(opportunity.get_status_display()),
                    ]
                )
            if opportunity.status == Opportunity.Status.ARCHIVED and status_before != opportunity.status:
                self.event(
                    opportunity,
                    ListingEvent.Kind.ARCHIVED,
                    note=gettext("The feed marks it as no longer running."),
                )
            if words:
                self.event(opportunity, ListingEvent.Kind.EDITED, changes=words)
            self.tally.updated["listings"] += 1
            self.tally.touched.add(opportunity.pk)
        else:
            self.tally.unchanged["listings"] += 1
        return flags

    def refuse_if_someone_is_editing(self, plan: ServicePlan, opportunity: Opportunity) -> None:
        """A listing with an open change made by a person (not by this importer) is theirs until
        it is approved or withdrawn: the feed's version is not imported over it."""
        change = ListingChange.objects.select_for_update().open().filter(opportunity=opportunity).first()
        by_id = self.by.pk if self.by else None
        if change and change.created_by_id != by_id:
            raise RecordProblems(
                [
                    RecordError(
                        plan.record,
                        "",
                        gettext(
                            "Someone is editing this listing in Daywell, so the feed's new version was "
                            "not imported. Import again when their change has been approved or withdrawn."
                        ),
                    )
                ]
            )

    def propose(self, plan: ServicePlan, opportunity: Opportunity, after: dict) -> None:
        """Put the feed's new version in an open change for the council to review (the caller
        has checked that nobody else's change is open)."""
        change = ListingChange.objects.select_for_update().open().filter(opportunity=opportunity).first()
        change = change or ListingChange(opportunity=opportunity, created_by=self.by)
        change.proposed = after
        change.status = ListingChange.Status.SUBMITTED
        change.submitted_by, change.submitted_at = self.by, self.now
        change.save()
        self.event(opportunity, ListingEvent.Kind.SUBMITTED, note=gettext("The feed has a new version."))


# --- Public ---------------------------------------------------------------------------------------
def _label_with_name(label: str, item: dict) -> str:
    name = item.get("name")
    return f"{label} (“{name.strip()}”)" if isinstance(name, str) and name.strip() else label


def _import(
    records, handle_name: str, *, source, publish, dry_run, by, progress, match_daywell_ids, provider=None
) -> ImportReport:
    run = _Run(
        source=source,
        publish=publish,
        dry_run=dry_run,
        by=by,
        progress=progress,
        match_daywell_ids=match_daywell_ids,
        provider=provider,
    )
    handle = getattr(run, handle_name) if handle_name != "auto" else None

    def dispatch(label, item):
        if is_organization(label, item):
            run.organization_record(label, item)
        else:
            run.service_record(label, item)

    if dry_run:
        with transaction.atomic():
            run.run(records, handle or dispatch)
            transaction.set_rollback(True)
    else:
        run.run(records, handle or dispatch)
    run.finish()
    return run.report


def import_services(
    records,
    *,
    source: str,
    publish: bool = False,
    dry_run: bool = False,
    by=None,
    progress=None,
    match_daywell_ids: bool = False,
    provider: Provider | None = None,
) -> ImportReport:
    """Import full ORUK services: `records` yields (label, service dict or RecordError).

    `match_daywell_ids` lets a record whose id is a Daywell UUID update that listing, provider
    or venue: only for Daywell's own exports (import_oruk turns it on for export_oruk's files).
    Otherwise a record finds only what the same source imported before.

    `provider` is a provider's own upload: every listing and venue becomes that provider's; what
    a record says about its organisation is neither read nor saved, and a record that would change
    another provider's listing or venue is reported and skipped. Give such an import a source of
    its own per provider, so that a record finds only what that provider's uploads made."""
    return _import(
        records,
        "service_record",
        source=source,
        publish=publish,
        dry_run=dry_run,
        by=by,
        progress=progress,
        match_daywell_ids=match_daywell_ids,
        provider=provider,
    )


def import_organizations(
    records,
    *,
    source: str,
    publish: bool = False,
    dry_run: bool = False,
    by=None,
    progress=None,
    match_daywell_ids: bool = False,
) -> ImportReport:
    """Import organizations only (providers, and their locations when the record lists them)."""
    return _import(
        records,
        "organization_record",
        source=source,
        publish=publish,
        dry_run=dry_run,
        by=by,
        progress=progress,
        match_daywell_ids=match_daywell_ids,
    )


def import_records(
    records,
    *,
    source: str,
    publish: bool = False,
    dry_run: bool = False,
    by=None,
    progress=None,
    match_daywell_ids: bool = False,
) -> ImportReport:
    """Import a mix of services and organizations (an export_oruk folder), telling them apart
    by where they came from and by their fields."""
    return _import(
        records,
        "auto",
        source=source,
        publish=publish,
        dry_run=dry_run,
        by=by,
        progress=progress,
        match_daywell_ids=match_daywell_ids,
    )


SERVICE_KEYS = {
    "status",
    "organization",
    "organization_id",
    "service_at_locations",
    "schedules",
    "cost_options",
}


def is_organization(label: str, item) -> bool:
    if not isinstance(item, dict) or SERVICE_KEYS & item.keys():
        return False
    return "organization" in label.lower() or bool({"organization_identifiers", "services"} & item.keys())
