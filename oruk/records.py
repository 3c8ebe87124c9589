"""Small builders of ORUK 3.0 pieces shared by the Outpost and CSV adapters (oruk.outpost,
oruk.csv_format), so both write attributes, schedules and costs in the shape
docs/open-referral.md describes and oruk.importer reads."""

from decimal import Decimal

from django.utils import translation

from opportunities import reference
from opportunities.models import Cost, Weekday

from .ids import derived
from .taxonomy import AUDIENCES, FACTS, FEATURES, INTERESTS, PAYMENT_ROUTES, Taxonomy, facts

BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# The words inside ORUK records (days, units of price, fact names) are English, whatever language
# the pages are in: records are data for other systems, and the same record must always be the
# same (the importer compares their digests).
FEED_LANGUAGE = "en-gb"
with translation.override(FEED_LANGUAGE):
    DAY_NAMES = {str(label).lower(): value for value, label in Weekday.choices}
    UNIT_LABELS = {str(label): key for key, label in Cost.Unit.choices}  # "a session" -> "session"


def unit_words(unit: str) -> str:
    """A Cost.Unit key in a record's words: "session" -> "a session"."""
    with translation.override(FEED_LANGUAGE):
        return str(Cost.Unit(unit).label)


# The council's reference lists by slug: (name, description), without a database query, so an
# adapter can name a Daywell term the way oruk.serialize does.
REFERENCE_NAMES = {
    INTERESTS.key: {slug: (name, description) for slug, name, description in reference.INTERESTS},
    AUDIENCES.key: {slug: (name, description) for slug, name, description in reference.AUDIENCES},
    FEATURES.key: {slug: (name, description) for slug, name, _category, description in reference.FEATURES},
    PAYMENT_ROUTES.key: {slug: (name, description) for slug, name, description in reference.PAYMENT_ROUTES},
}


def term(taxonomy_key: str, taxonomy_id: str, term_id: str, name: str, description: str = "") -> dict:
    return {
        "id": term_id,
        "name": name,
        "description": description or name,
        "taxonomy": taxonomy_key,
        "taxonomy_id": taxonomy_id,
    }


def attribute(link_id: str, taxonomy_term: dict, *, value: str | None = None) -> dict:
    data = {
        "id": derived("attribute", link_id, taxonomy_term["id"]),
        "link_id": link_id,
        "link_type": taxonomy_term["taxonomy"],
        "taxonomy_term_id": taxonomy_term["id"],
        "taxonomy_term": taxonomy_term,
    }
    if value is not None:
        data["value"] = value
    return data


def daywell_term(taxonomy: Taxonomy, slug: str, name: str = "", description: str = "") -> dict:
    """A term of one of the council's lists; the name from the reference lists when not given."""
    known_name, known_description = REFERENCE_NAMES.get(taxonomy.key, {}).get(slug, (slug, ""))
    return term(
        taxonomy.key,
        taxonomy.id,
        taxonomy.term_id(slug),
        name or known_name,
        description or known_description,
    )


def term_attribute(
    link_id: str, taxonomy: Taxonomy, slug: str, name: str = "", description: str = ""
) -> dict:
    return attribute(link_id, daywell_term(taxonomy, slug, name, description))


def fact_attribute(link_id: str, slug: str, value: str | None = None) -> dict:
    fact = facts()[slug]
    return attribute(link_id, term(FACTS.key, FACTS.id, fact.id, fact.name, fact.description), value=value)


def schedule(service_id: str, weekday: int, opens: str, closes: str) -> dict:
    """A weekly session; opens and closes are "HH:MM"."""
    return {
        "id": derived("schedule", service_id, weekday, opens, closes),
        "service_id": service_id,
        "freq": "WEEKLY",
        "interval": 1,
        "byday": BYDAY[weekday],
        "opens_at": opens,
        "closes_at": closes,
        "description": f"{_day_name(weekday)}s, {_clock(opens)} to {_clock(closes)}",
    }


def _day_name(weekday: int) -> str:
    with translation.override(FEED_LANGUAGE):
        return str(Weekday(weekday).label)


def _clock(hhmm: str) -> str:
    hour, minute = (int(part) for part in hhmm.split(":"))
    suffix = "am" if hour < 12 else "pm"
    hour = hour % 12 or 12
    return f"{hour}{suffix}" if minute == 0 else f"{hour}:{minute:02d}{suffix}"


def cost_option(service_id: str, amount: Decimal, unit: str, label: str = "") -> dict:
    """A price; unit is a Cost.Unit key ("session"), written as its words ("a session")."""
    data = {
        "id": derived("cost", service_id, f"{amount:.2f}", unit, label),
        "service_id": service_id,
        "amount": float(amount),
        "amount_description": unit_words(unit),
    }
    if label:
        data["option"] = label
    return data


def fees_from_options(cost_options: list[dict]) -> str:
    """ORUK's `fees` in words from cost options: "£5.00 a session; £8.00 a session (With 1:1 support)"."""
    return "; ".join(
        f"£{c['amount']:,.2f} {c['amount_description']}" + (f" ({c['option']})" if c.get("option") else "")
        for c in cost_options
    )
