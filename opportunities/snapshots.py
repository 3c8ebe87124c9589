"""A listing's content as plain data: what a provider proposes, what the council approves.

A snapshot is a JSON-ready dict of every field a provider edits. Proposals live as snapshots
in ListingChange until approved, so the published row keeps the last approved version; the
same shape gives the field-by-field comparison and the history's "what changed".
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext, gettext_lazy

from daywell.money import pounds
from places.models import Ward
from providers.models import Venue

from .models import AudienceGroup, Cost, Feature, Interest, Opportunity, PaymentRoute, Session, Weekday

TEXT_FIELDS = [
    "title", "summary", "description", "easy_read_summary", "how_to_join", "contact_name",
    "contact_email", "contact_phone", "website", "joining",
]  # fmt: skip
VALUE_FIELDS = ["min_age", "max_age", "by_arrangement", "is_free"]
TERM_FIELDS = {
    "interests": Interest,
    "audiences": AudienceGroup,
    "features": Feature,
    "payment_routes": PaymentRoute,
}

# The editor's sections, in order; each names the snapshot keys it edits.
SECTIONS = [
    ("about", gettext_lazy("About the activity"), ["title", "summary", "description", "interests"]),
    ("who", gettext_lazy("Who it is for"), ["audiences", "min_age", "max_age"]),
    ("where", gettext_lazy("Where it happens"), ["delivery", "venues", "areas"]),
    ("when", gettext_lazy("When it happens"), ["by_arrangement", "sessions"]),
    ("cost", gettext_lazy("Cost and ways to pay"), ["is_free", "costs", "payment_routes"]),
    ("access", gettext_lazy("Access and support"), ["features"]),
    ("joining", gettext_lazy("How to join and contact details"), [
        "joining", "how_to_join", "contact_name", "contact_email", "contact_phone", "website"]),
    ("easy-read", gettext_lazy("Easy Read summary"), ["easy_read_summary"]),
    ("photo", "Photo", ["photo"]),
]  # fmt: skip
SECTION_TITLES = {slug: title for slug, title, _ in SECTIONS}

LABELS = {
    "title": gettext_lazy("Name of the activity"),
    "summary": gettext_lazy("Short summary"),
    "description": gettext_lazy("What happens"),
    "interests": gettext_lazy("Kinds of activity"),
    "audiences": gettext_lazy("Who it is for"),
    "min_age": gettext_lazy("Youngest age"),
    "max_age": gettext_lazy("Oldest age"),
    "delivery": gettext_lazy("Where it happens"),
    "venues": gettext_lazy("Venues"),
    "areas": gettext_lazy("Areas covered"),
    "by_arrangement": gettext_lazy("Times agreed with each person"),
    "sessions": gettext_lazy("Weekly sessions"),
    "is_free": gettext_lazy("Free"),
    "costs": gettext_lazy("Prices"),
    "payment_routes": gettext_lazy("Ways to pay"),
    "features": gettext_lazy("Access and support"),
    "joining": gettext_lazy("How people join"),
    "how_to_join": gettext_lazy("What to do to join"),
    "contact_name": gettext_lazy("Contact name"),
    "contact_email": gettext_lazy("Contact email"),
    "contact_phone": gettext_lazy("Contact phone"),
    "website": gettext_lazy("Website"),
    "easy_read_summary": gettext_lazy("Easy Read summary"),
    "photo": gettext_lazy("Photo"),
}


def snapshot_of(opportunity: Opportunity) -> dict:
    """The listing's current (published, or for a new listing first-saved) content."""
    data = {name: getattr(opportunity, name) for name in TEXT_FIELDS + VALUE_FIELDS}
    if opportunity.pk is None:
        data.update({name: [] for name in TERM_FIELDS})
        data.update(delivery=[], venues=[], areas=[], sessions=[], costs=[], photo=None)
        return data
    for name in TERM_FIELDS:
        data[name] = sorted(getattr(opportunity, name).values_list("slug", flat=True))
    data["delivery"] = list(opportunity.delivery)
    data["venues"] = sorted(opportunity.venues.values_list("pk", flat=True))
    data["areas"] = sorted(opportunity.areas.values_list("slug", flat=True))
    data["sessions"] = [
        [s.weekday, f"{s.start:%H:%M}", f"{s.end:%H:%M}"]
        for s in opportunity.sessions.order_by("weekday", "start", "end")
    ]
    data["costs"] = [[f"{c.amount:.2f}", c.unit, c.label] for c in opportunity.costs.order_by("amount", "pk")]
    photo = opportunity.photo
    data["photo"] = {"id": photo.pk, "alt": photo.alt_text} if photo else None
    return data


def snapshot_apply(opportunity: Opportunity, snapshot: dict) -> None:
    """Make the listing's rows say what the snapshot says. The caller holds the transaction
    and refreshes the search index."""
    for name in TEXT_FIELDS:
        setattr(opportunity, name, snapshot.get(name) or "")
    for name in VALUE_FIELDS:
        setattr(opportunity, name, snapshot.get(name))
    opportunity.by_arrangement = bool(snapshot.get("by_arrangement"))
    opportunity.is_free = bool(snapshot.get("is_free"))
    opportunity.delivery = list(snapshot.get("delivery") or [])
    photo = snapshot.get("photo")
    opportunity.photo = opportunity.photos.filter(pk=photo["id"]).first() if photo else None
    if opportunity.photo and opportunity.photo.alt_text != photo["alt"]:
        opportunity.photo.alt_text = photo["alt"]
        opportunity.photo.save(update_fields=["alt_text"])
    opportunity.save()
    for name, model in TERM_FIELDS.items():
        getattr(opportunity, name).set(model.objects.filter(slug__in=snapshot.get(name) or []))
    # Only the provider's own venues, whatever the snapshot says.
    opportunity.venues.set(
        Venue.objects.filter(provider=opportunity.provider_id, pk__in=snapshot.get("venues") or [])
    )
    opportunity.areas.set(Ward.objects.filter(slug__in=snapshot.get("areas") or []))
    opportunity.sessions.all().delete()
    Session.objects.bulk_create(
        Session(
            opportunity=opportunity,
            weekday=day,
            start=datetime.time.fromisoformat(start),
            end=datetime.time.fromisoformat(end),
        )
        for day, start, end in snapshot.get("sessions") or []
    )
    opportunity.costs.all().delete()
    Cost.objects.bulk_create(
        Cost(opportunity=opportunity, amount=Decimal(amount), unit=unit, label=label)
        for amount, unit, label in snapshot.get("costs") or []
    )


# --- In words, for people -------------------------------------------------------------------------
@dataclass
class Row:
    key: str
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


class Describer:
    """Turns snapshot values into the words a person reads. Loads each list's names once."""

    def __init__(self, provider_id: int | None = None):
        self.names = {
            name: dict(model.objects.values_list("slug", "name")) for name, model in TERM_FIELDS.items()
        }
        self.names["areas"] = dict(Ward.objects.values_list("slug", "name"))
        venues = Venue.objects.filter(provider=provider_id) if provider_id else Venue.objects.none()
        self.venues = {v.pk: f"{v.name}, {v.postcode}" for v in venues}
        self.choices = {  # labels in the active language, as plain text (they are stored in the history)
            name: {value: str(label) for value, label in choices}
            for name, choices in [
                ("joining", Opportunity.Joining.choices),
                ("delivery", Opportunity.Delivery.choices),
                ("unit", Cost.Unit.choices),
            ]
        }

    def value(self, key: str, value) -> str:
        if value in (None, "", []):
            return gettext("Not given") if key not in ("by_arrangement", "is_free") else gettext("No")
        if key in self.names:
            return ", ".join(self.names[key].get(slug, slug) for slug in value)
        if key == "venues":
            return "; ".join(self.venues.get(pk, gettext("A venue no longer listed")) for pk in value)
        if key == "delivery":
            return ", ".join(self.choices["delivery"].get(v, v) for v in value)
        if key == "joining":
            return self.choices["joining"].get(value, value)
        if key in ("by_arrangement", "is_free"):
            return gettext("Yes") if value else gettext("No")
        if key == "sessions":
            return "; ".join(f"{Weekday(day).label} {start} to {end}" for day, start, end in value)
        if key == "costs":
            return "; ".join(
                f"{pounds(amount)} {self.choices['unit'].get(unit, unit)}" + (f" ({label})" if label else "")
                for amount, unit, label in value
            )
        if key == "photo":
            return gettext("Photo: %(alt)s") % {"alt": value["alt"]}
        return str(value)

    def rows(self, keys, before: dict, after: dict) -> list[Row]:
        return [
            Row(key, str(LABELS[key]), self.value(key, before.get(key)), self.value(key, after.get(key)))
            for key in keys
        ]


def snapshot_compare(
    before: dict, after: dict, *, provider_id: int | None
) -> list[tuple[str, str, list[Row]]]:
    """Every section with every field, before and after, in words."""
    describe = Describer(provider_id)
    return [(slug, title, describe.rows(keys, before, after)) for slug, title, keys in SECTIONS]


def snapshot_changes(before: dict, after: dict, *, provider_id: int | None) -> list[list[str]]:
    """Only what changed, as [label, before, after]: what the history keeps."""
    return [
        [row.label, row.before, row.after]
        for _, _, rows in snapshot_compare(before, after, provider_id=provider_id)
        for row in rows
        if row.changed
    ]
