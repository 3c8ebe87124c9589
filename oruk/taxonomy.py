"""Daywell's published taxonomies: the vocabulary of the Open Referral UK attributes.

ORUK services carry classifications as attributes that point at a taxonomy term. Daywell
publishes five taxonomies (`GET /api/oruk/taxonomies`):

- the council's four reference lists (interests, who it is for, access and support, ways to
  pay), one term per row, identified by a UUID derived from the row's slug;
- "Daywell facts": fixed terms for what a Daywell listing holds and ORUK has no field for
  (the short summary, the Easy Read summary, vacancies, how to join…). A fact that carries a
  value (a text or a date) puts it in the attribute's `value` (HSDS 3.0's attribute field,
  which the UK profile does not list but does not forbid).

The serializer (oruk.serialize) and the importer (oruk.importer) both read this module, so what
one writes the other reads back.
"""

from dataclasses import dataclass

from django.utils import translation

from opportunities.models import AudienceGroup, Feature, Interest, PaymentRoute

from .ids import derived


@dataclass(frozen=True)
class Taxonomy:
    key: str  # the attribute's link_type and the term's `taxonomy`
    name: str
    description: str
    model: type | None  # the reference list behind it; None for the fixed facts

    @property
    def id(self) -> str:
        return derived("taxonomy", self.key)

    def term_id(self, slug: str) -> str:
        return derived("term", self.key, slug)


INTERESTS = Taxonomy(
    "daywell-interests", "Daywell interests", "Kinds of activity that can make a good day.", Interest
)
AUDIENCES = Taxonomy(
    "daywell-audiences", "Daywell who it is for", "The groups of people an opportunity is for.", AudienceGroup
)
FEATURES = Taxonomy(
    "daywell-features",
    "Daywell access and support",
    "Access and support features of a venue or an opportunity.",
    Feature,
)
PAYMENT_ROUTES = Taxonomy(
    "daywell-payment-routes",
    "Daywell ways to pay",
    "How an opportunity can be paid for, including by direct payment.",
    PaymentRoute,
)
FACTS = Taxonomy(
    "daywell-facts", "Daywell facts", "Facts a Daywell listing holds that ORUK has no field for.", None
)
REFERENCE_TAXONOMIES = [INTERESTS, AUDIENCES, FEATURES, PAYMENT_ROUTES]
ALL_TAXONOMIES = [*REFERENCE_TAXONOMIES, FACTS]
# Which Opportunity many-to-many field each reference taxonomy fills.
FIELD_FOR = {
    INTERESTS: "interests",
    AUDIENCES: "audiences",
    FEATURES: "features",
    PAYMENT_ROUTES: "payment_routes",
}


# The export-only fact of a listing hidden from search as out of date (value: the date hidden).
HIDDEN_AS_STALE = "listing-hidden-as-stale"


@dataclass(frozen=True)
class Fact:
    slug: str
    name: str
    description: str
    value: str = ""  # "" (the term alone says it), "text" or "date" (ISO 8601, YYYY-MM-DD)

    @property
    def id(self) -> str:
        return FACTS.term_id(self.slug)


def _choices(prefix: str, choices, what: str, value: str = "") -> list[Fact]:
    return [
        Fact(f"{prefix}-{key.replace('_', '-')}", str(label), f"{what}: {label}.", value)
        for key, label in choices
    ]


def _facts() -> list[Fact]:
    from opportunities.models import Opportunity
    from providers.models import Provider

    return [
        # On a service
        Fact("summary", "Short summary", "One or two sentences shown in search results.", "text"),
        Fact("easy-read-summary", "Easy Read summary", "The listing in Easy Read.", "text"),
        Fact("how-to-join", "What to do to join", "The steps to start going.", "text"),
        Fact("contact-phone", "Contact phone", "The phone number to ask about this opportunity.", "text"),
        Fact("times-by-arrangement", "Times agreed with each person", "There are no fixed weekly times."),
        Fact("free", "Free", "It costs nothing to take part."),
        Fact("closed-until", "Temporarily closed until", "Open again on this date.", "date"),
        *_choices("delivery", Opportunity.Delivery.choices, "Where it happens"),
        # The value of a vacancies fact is the date the provider last confirmed it, if known.
        *_choices("vacancies", Opportunity.Vacancies.choices, "Places", "date"),
        *_choices("joining", Opportunity.Joining.choices, "How people join"),
        # Only in export_oruk's files, which carry every listing, not only published ones.
        *_choices("listing-status", Opportunity.Status.choices, "Daywell listing status"),
        Fact(
            HIDDEN_AS_STALE,
            "Hidden as out of date",
            "Hidden from search on this date because nobody had checked it for a year.",
            "date",
        ),
        # On an organization
        *_choices("provider-kind", Provider.Kind.choices, "Kind of provider"),
        *_choices("cqc-rating", Provider.CqcRating.choices, "Care Quality Commission rating"),
        Fact("provider-phone", "Phone", "The provider's phone number.", "text"),
        Fact("dbs-checked-on", "Date of DBS check", "A Personal Assistant's own statement.", "date"),
        Fact("references-available", "References available", "A Personal Assistant can give references."),
        # On a location
        Fact("address-line-2", "Address line 2", "The second line of the venue's address.", "text"),
    ]


_FACTS_BY_SLUG: dict[str, Fact] | None = None


def facts() -> dict[str, Fact]:
    """Every fact by slug (built on first use: the choices come from the models)."""
    global _FACTS_BY_SLUG
    if _FACTS_BY_SLUG is None:
        # The terms are published in the API and written into records: English, whatever language
        # the request that first needs them is in.
        with translation.override("en-gb"):
            _FACTS_BY_SLUG = {fact.slug: fact for fact in _facts()}
    return _FACTS_BY_SLUG


def fact_for_term_id(term_id: str) -> Fact | None:
    return next((fact for fact in facts().values() if fact.id == term_id), None)
