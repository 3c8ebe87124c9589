"""Demo data: a believable Birmingham of day opportunities, for `make run` and benchmarks.

Everything here is invented except the places: venues sit at real Birmingham postcodes (with
the postcode's ward, latitude and longitude) and the council's five day centres that remain open
are named. Organisation names, people, phone numbers (Ofcom's drama range, 0121 496 0xxx),
emails and websites (the reserved `.example` domain) are made up.

The generator is deterministic: a fixed seed, and every provider and opportunity drawn from its
own random stream, so the same `count` always gives the same rows. It is idempotent: providers
and opportunities are keyed by slug and venues by provider and name; rows that already exist are
left alone and only missing ones are created. Dates are offsets from today, so the demo stays
fresh.

`demo_seed()` writes the data (with bulk inserts, so 100,000 opportunities take minutes, not
hours) and `demo_accounts_ensure()` the demo accounts, one for each role.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from daywell.demo_people import demo_people_ensure
from daywell.demo_workflow import demo_workflow_ensure
from insight.demo import demo_demand_ensure
from opportunities.models import (
    AudienceGroup,
    Cost,
    Feature,
    Interest,
    Opportunity,
    PaymentRoute,
    Session,
)
from opportunities.search_index import opportunity_index_refresh
from places.models import Constituency, Postcode, Ward
from providers.demo_checks import demo_checks_ensure
from providers.models import Provider, ProviderMembership, Venue

from .demo_catalogue import (
    ACTIVITIES_BY_KIND,
    ACTIVITY_BY_KEY,
    COST_LABELS,
    COUNCIL_ACTIVITIES,
    COUNCIL_CENTRES,
    COUNCIL_DESCRIPTION,
    CURATED_PROVIDERS,
    FIRST_NAMES,
    GENERATED_KIND_WEIGHTS,
    KIND_CODES,
    KIND_DESCRIPTIONS,
    KIND_NAME_ENDINGS,
    LAST_NAMES,
    LD,
    NAME_WORDS,
    SAINTS,
    STREETS,
    VENUE_PATTERNS,
    WEEKDAY_PLURALS,
    Activity,
)

DEMO_SEED = 20261122
DEFAULT_COUNT = 300
CURATED_OPPORTUNITIES = 300  # the hand-balanced demo; larger counts add generated providers
MAX_PROVIDERS = 10_000
CHUNK = 2_000
PROGRESS_FROM = 5_000

COUNCIL_OFFICERS_GROUP = "Council officers"
COUNCIL_OFFICER_APPS = ("places", "providers", "opportunities")
DEMO_PROVIDER_SLUG = "brightside-friends-birmingham"


class DemoDataError(RuntimeError):
    """The demo data cannot be loaded (for example, reference data is missing)."""


# --- Demo accounts -----------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str
    role_label: str
    full_name: str
    officer_roles: tuple[str, ...] = ()


DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount(
        "citizen@demo.daywell.example", "daywell-citizen-demo", "citizen", "Citizen", "Jordan Clarke"
    ),
    DemoAccount("carer@demo.daywell.example", "daywell-carer-demo", "carer", "Carer", "Bernadette O'Neill"),
    DemoAccount(
        "social-worker@demo.daywell.example",
        "daywell-social-worker-demo",
        "social_worker",
        "Social worker",
        "Priya Sandhu",
    ),
    DemoAccount(
        "social-worker-2@demo.daywell.example",
        "daywell-social-worker-demo",
        "social_worker",
        "Social worker (a colleague, to hand profiles to)",
        "Alex Morgan",
    ),
    DemoAccount(
        "provider@demo.daywell.example", "daywell-provider-demo", "provider", "Provider", "Tom Brennan"
    ),
    DemoAccount(
        "council@demo.daywell.example",
        "daywell-council-demo",
        "council_officer",
        "Council officer: moderator",
        "Grace Adeyemi",
        ("moderator",),
    ),
    DemoAccount(
        "safeguarding@demo.daywell.example",
        "daywell-safeguarding-demo",
        "council_officer",
        "Council officer: safeguarding",
        "Dev Chauhan",
        ("safeguarding",),
    ),
    DemoAccount(
        "commissioning@demo.daywell.example",
        "daywell-commissioning-demo",
        "council_officer",
        "Council officer: commissioning",
        "Helen Okafor",
        ("commissioning",),
    ),
]


def council_officers_group_ensure() -> Group:
    """The 'Council officers' group, with every permission on places, providers and opportunities."""
    group, _ = Group.objects.get_or_create(name=COUNCIL_OFFICERS_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=COUNCIL_OFFICER_APPS))
    return group


@transaction.atomic
def demo_accounts_ensure() -> int:
    """Create the demo accounts that are missing; leave existing ones alone. Returns how many
    were created. The provider account owns the demo charity; the council officer is staff and in
    the 'Council officers' group."""
    User = get_user_model()
    group = council_officers_group_ensure()
    existing = set(
        User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS]).values_list("email", flat=True)
    )
    created = 0
    for account in DEMO_ACCOUNTS:
        if account.email in existing:
            continue
        user = User.objects.create_user(
            email=account.email,
            password=account.password,
            role=account.role,
            full_name=account.full_name,
            officer_roles=list(account.officer_roles),
            is_staff=account.role == User.Role.COUNCIL_OFFICER,
        )
        created += 1
        if account.role == User.Role.COUNCIL_OFFICER:
            user.groups.add(group)
        if account.role == User.Role.PROVIDER:
            provider = Provider.objects.filter(slug=DEMO_PROVIDER_SLUG).first()
            if provider is not None:
                ProviderMembership.objects.get_or_create(
                    user=user, provider=provider, defaults={"role": ProviderMembership.Role.OWNER}
                )
    return created


# --- Plans: what to create, computed without touching the database ------------------------------
@dataclass
class Place:
    """Postcodes by ward, wards by constituency: the real geography the demo is built on."""

    wards: dict[str, tuple[int, str, int]]  # ward name -> (id, name, constituency id)
    ward_ids: list[int]
    ward_names: dict[int, str]
    ward_constituency: dict[int, int]
    wards_by_constituency: dict[int, list[int]]
    constituency_ids: list[int]
    postcodes: dict[int, list[tuple[str, float, float]]]  # ward id -> postcodes

    @classmethod
    def load(cls) -> Place:
        wards = {}
        wards_by_constituency: dict[int, list[int]] = defaultdict(list)
        for ward_id, name, constituency_id in Ward.objects.order_by("code").values_list(
            "id", "name", "constituency_id"
        ):
            wards[name] = (ward_id, name, constituency_id)
            wards_by_constituency[constituency_id].append(ward_id)
        postcodes: dict[int, list[tuple[str, float, float]]] = defaultdict(list)
        for code, lat, lon, ward_id in (
            Postcode.objects.filter(ward__isnull=False)
            .order_by("postcode")
            .values_list("postcode", "latitude", "longitude", "ward_id")
        ):
            postcodes[ward_id].append((code, lat, lon))
        constituency_ids = list(Constituency.objects.order_by("code").values_list("id", flat=True))
        if not postcodes or not constituency_ids:
            raise DemoDataError("Reference data is missing. Run `python manage.py load_reference` first.")
        ward_ids = [ward_id for ward_id, _, _ in wards.values() if postcodes.get(ward_id)]
        return cls(
            wards=wards,
            ward_ids=ward_ids,
            ward_names={ward_id: name for name, (ward_id, _, _) in wards.items()},
            ward_constituency={ward_id: c for ward_id, _, c in wards.values()},
            wards_by_constituency={
                c: [w for w in ids if postcodes.get(w)] for c, ids in wards_by_constituency.items()
            },
            constituency_ids=constituency_ids,
            postcodes=dict(postcodes),
        )

    def ward_id(self, name: str) -> int:
        try:
            return self.wards[name][0]
        except KeyError:
            raise DemoDataError(f"There is no ward called {name!r}.") from None


@dataclass
class VenuePlan:
    name: str
    address_line_1: str
    postcode: str
    latitude: float
    longitude: float
    ward_id: int
    area: str  # the ward's short name, for titles
    features: tuple[str, ...]


@dataclass
class ProviderPlan:
    index: int
    name: str
    slug: str
    kind: str  # code
    place: str
    description: str
    email: str
    phone: str
    website: str
    cqc_rating: str
    activities: tuple[str, ...]
    venues: list[VenuePlan]
    contact_name: str
    short: str  # for titles: 'Elwood', or the PA's first name


@dataclass
class OpportunityPlan:
    index: int
    provider: int
    title: str
    slug: str
    status: str
    fields: dict
    interests: list[str]
    audiences: list[str]
    features: list[str]
    payment_routes: list[str]
    venues: list[int]  # indexes into the provider's venues
    sessions: list[tuple[int, time, time]] = field(default_factory=list)
    costs: list[tuple[Decimal, str, str]] = field(default_factory=list)


def _stream(seed: int, kind: str, index: int) -> random.Random:
    """An independent random stream per row, so a row never depends on the rows before it."""
    return random.Random(f"{seed}:{kind}:{index}")


def _short_place(ward_name: str) -> str:
    return ward_name.split(" & ")[0]


def _unique_slug(text: str, used: set[str], max_length: int) -> str:
    base = slugify(text)[: max_length - 8].strip("-") or "item"
    slug, number = base, 2
    while slug in used:
        slug = f"{base}-{number}"
        number += 1
    used.add(slug)
    return slug


def _phone(rng: random.Random) -> str:
    # Ofcom's range for drama: 0121 496 0000 to 0121 496 0999 are never real numbers.
    return f"0121 496 0{rng.randint(0, 999):03d}"


def _venue_plan(rng: random.Random, place: Place, ward_id: int, name: str, kind: str) -> VenuePlan:
    code, lat, lon = rng.choice(place.postcodes[ward_id])
    access = ["step-free", "accessible-toilet", "public-transport"]
    extras = ["parking", "hearing-loop", "quiet-space", "changing-places", "hoist", "sensory-room"]
    if kind == "C":
        features = (*access, "changing-places", "hoist", "sensory-room", "parking", "quiet-space")
    else:
        features = tuple([f for f in access if rng.random() < 0.8] + rng.sample(extras, rng.randint(0, 3)))
    return VenuePlan(
        name=name,
        address_line_1=f"{rng.randint(1, 240)} {rng.choice(STREETS)}",
        postcode=code,
        latitude=lat,
        longitude=lon,
        ward_id=ward_id,
        area=_short_place(place.ward_names[ward_id]),
        features=tuple(dict.fromkeys(features)),
    )


def _provider_plan(
    index: int,
    rng: random.Random,
    place: Place,
    used_slugs: set[str],
    used_venue_names: set[str],
    *,
    name: str,
    kind: str,
    ward_id: int,
    activities: tuple[str, ...],
    venue_count: int,
    short: str = "",
    description: str = "",
) -> ProviderPlan:
    slug = _unique_slug(name, used_slugs, 200)
    ward_name = place.ward_names[ward_id]
    area = _short_place(ward_name)
    domain = slug[:40].strip("-") + ".example"
    venues: list[VenuePlan] = []
    venue_names: set[str] = set()
    for number in range(venue_count):
        if kind == "C":
            venue_name = name
            venue_ward = ward_id
        else:
            venue_ward = ward_id
            if number:  # a second venue elsewhere in the same constituency
                venue_ward = rng.choice(place.wards_by_constituency[place.ward_constituency[ward_id]])
            venue_area = _short_place(place.ward_names[venue_ward])
            for _attempt in range(6):  # avoid two providers with same-named venues if we can
                venue_name = rng.choice(VENUE_PATTERNS).format(
                    place=venue_area,
                    saint=rng.choice(SAINTS),
                    short=name.split(" ")[0],
                    word=rng.choice(NAME_WORDS),
                )
                if venue_name not in used_venue_names:
                    break
        used_venue_names.add(venue_name)
        if venue_name in venue_names:
            venue_name = f"{venue_name} ({number + 1})"
        venue_names.add(venue_name)
        venues.append(_venue_plan(rng, place, venue_ward, venue_name, kind))
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if kind == "A":
        first, last = name.split(",")[0].split(" ", 1) if "," in name else (first, last)
    cqc = ""
    if kind == "P":
        cqc = rng.choice(["good", "good", "good", "outstanding", "requires_improvement", "not_rated"])
    elif kind == "C":
        cqc = "good"
    return ProviderPlan(
        index=index,
        name=name,
        slug=slug,
        kind=kind,
        place=area,
        description=description
        or (COUNCIL_DESCRIPTION if kind == "C" else KIND_DESCRIPTIONS[kind]).format(name=name, place=area),
        email=f"{first.lower()}@{domain}" if kind == "A" else f"hello@{domain}",
        phone=_phone(rng),
        website="" if kind == "A" and rng.random() < 0.7 else f"https://www.{domain}/",
        cqc_rating=cqc,
        activities=activities,
        venues=venues,
        contact_name=f"{first} {last}",
        short=short or (first if kind == "A" else area),
    )


def provider_plans(place: Place, total: int, seed: int) -> list[ProviderPlan]:
    """The curated providers first, then generated ones up to `total`."""
    used: set[str] = set()
    venue_names: set[str] = set()
    plans: list[ProviderPlan] = []
    for name, ward, short in COUNCIL_CENTRES:
        rng = _stream(seed, "provider", len(plans))
        plans.append(
            _provider_plan(
                len(plans),
                rng,
                place,
                used,
                venue_names,
                name=name,
                kind="C",
                ward_id=place.ward_id(ward),
                activities=COUNCIL_ACTIVITIES,
                venue_count=1,
                short=short,
            )
        )
    for name, kind, ward, activities, venue_count in CURATED_PROVIDERS:
        rng = _stream(seed, "provider", len(plans))
        plans.append(
            _provider_plan(
                len(plans),
                rng,
                place,
                used,
                venue_names,
                name=name,
                kind=kind,
                ward_id=place.ward_id(ward),
                activities=activities,
                venue_count=venue_count,
            )
        )
    kinds = [code for code, weight in GENERATED_KIND_WEIGHTS for _ in range(weight)]
    while len(plans) < total:
        rng = _stream(seed, "provider", len(plans))
        kind = rng.choice(kinds)
        # Spread generated providers evenly over the constituencies, then over their wards.
        constituency = place.constituency_ids[len(plans) % len(place.constituency_ids)]
        ward_id = rng.choice(place.wards_by_constituency[constituency])
        area = _short_place(place.ward_names[ward_id])
        if kind == "A":
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, Personal Assistant"
            venue_count = 0
        else:
            name = f"{area} {rng.choice(NAME_WORDS)} {rng.choice(KIND_NAME_ENDINGS[kind])}"
            venue_count = 1 if rng.random() < 0.7 else 2
        pool = ACTIVITIES_BY_KIND[kind]
        activities = tuple(a.key for a in rng.sample(pool, min(len(pool), rng.randint(2, 5))))
        plans.append(
            _provider_plan(
                len(plans),
                rng,
                place,
                used,
                venue_names,
                name=name,
                kind=kind,
                ward_id=ward_id,
                activities=activities,
                venue_count=venue_count,
            )
        )
    return plans


def _curated_slots(plans: list[ProviderPlan], seed: int) -> list[tuple[int, str]]:
    """(provider index, activity key) for the curated opportunities, interleaved so that any
    prefix is spread over all providers.

    Each curated provider runs each of its activities once. To reach CURATED_OPPORTUNITIES,
    providers with several activities take on related ones (sharing an interest, suitable for
    the kind of provider), one at a time in turn."""
    extras: dict[int, list[str]] = {}
    for plan in plans:
        if len(plan.activities) < 2 or plan.kind == "C":
            continue
        interests = {i for key in plan.activities for i in ACTIVITY_BY_KEY[key].interests}
        candidates = [
            a.key
            for a in ACTIVITIES_BY_KIND[plan.kind]
            if a.key not in plan.activities
            and a.delivery != ("online",)
            and interests.intersection(a.interests)
        ]
        _stream(seed, "extras", plan.index).shuffle(candidates)
        extras[plan.index] = candidates
    missing = CURATED_OPPORTUNITIES - sum(len(plan.activities) for plan in plans)
    while missing > 0 and any(extras.values()):
        for index, candidates in extras.items():
            if missing > 0 and candidates:
                plans[index].activities = (*plans[index].activities, candidates.pop())
                missing -= 1
    slots = []
    for plan in plans:
        weight = len(plan.activities)
        slots.extend(((n + 0.5) / weight, plan.index, key) for n, key in enumerate(plan.activities))
    slots.sort()
    return [(provider, key) for _, provider, key in slots]


def _clock(value: time) -> str:
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def _join_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _sessions(rng: random.Random, times: str) -> list[tuple[int, time, time]]:
    def slot(options):
        start, end = rng.choice(options)
        return time(*start), time(*end)

    if times == "arranged":
        return []
    if times == "centre":
        days = sorted(rng.sample(range(5), rng.choice([3, 4, 5, 5])))
        start, end = slot([((9, 30), (15, 30)), ((9, 0), (15, 0)), ((10, 0), (15, 30))])
    elif times == "evening":
        days = sorted(rng.sample(range(5), rng.choice([1, 1, 2])))
        start, end = slot([((18, 0), (20, 0)), ((18, 30), (21, 0)), ((19, 0), (21, 30))])
    elif times == "weekend":
        days = sorted(rng.sample([5, 6], rng.choice([1, 1, 2])))
        start, end = slot([((10, 0), (13, 0)), ((11, 0), (16, 0)), ((10, 30), (12, 30))])
    elif times == "morning":
        days = sorted(rng.sample(range(5), rng.choice([1, 1, 2])))
        start, end = slot([((10, 0), (12, 0)), ((9, 30), (11, 30)), ((10, 30), (12, 30))])
    elif times == "afternoon":
        days = sorted(rng.sample(range(5), rng.choice([1, 1, 2])))
        start, end = slot([((13, 30), (15, 30)), ((13, 0), (16, 0)), ((14, 0), (16, 0))])
    else:  # day
        days = sorted(rng.sample(range(5), rng.choice([1, 2, 2, 3])))
        start, end = slot([((10, 0), (15, 0)), ((9, 30), (14, 30)), ((10, 0), (14, 0))])
    sessions = [(day, start, end) for day in days]
    # Some weekday groups also meet on a Saturday morning or a weekday evening.
    if times in {"day", "morning", "afternoon"} and rng.random() < 0.12:
        sessions.append((5, time(10, 0), time(13, 0)))
    elif times in {"day", "afternoon"} and rng.random() < 0.08:
        sessions.append((rng.randrange(5), time(18, 0), time(20, 0)))
    return sessions


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return (Decimal(round(rng.uniform(low, high) * 2)) / 2).quantize(Decimal("0.01"))


def _costs(rng: random.Random, price: str) -> list[tuple[Decimal, str, str]]:
    if price == "free":
        return []
    if price == "low":
        return [(_money(rng, 2, 8), Cost.Unit.SESSION, rng.choice(COST_LABELS))]
    if price == "hour":
        amount = _money(rng, 13, 24)
        costs = [(amount, Cost.Unit.HOUR, "")]
        if rng.random() < 0.3:
            costs.append((amount + Decimal("4.00"), Cost.Unit.HOUR, "Evenings and weekends"))
        return costs
    if price == "day":
        amount = _money(rng, 45, 95)
        costs = [(amount, Cost.Unit.DAY, "")]
        if rng.random() < 0.5:
            costs.append((amount + _money(rng, 20, 60), Cost.Unit.DAY, "With 1:1 support"))
        return costs
    amount = _money(rng, 8, 35)
    costs = [(amount, Cost.Unit.SESSION, rng.choice(COST_LABELS))]
    if rng.random() < 0.25:
        costs.append((Decimal("0.00"), Cost.Unit.SESSION, "Carer or support worker"))
    elif rng.random() < 0.2:
        costs.append((amount + _money(rng, 10, 25), Cost.Unit.SESSION, "With 1:1 support"))
    return costs


def _times_sentence(sessions, by_arrangement: bool) -> str:
    if by_arrangement or not sessions:
        return "Times are agreed with you."
    groups: dict[tuple[time, time], list[int]] = defaultdict(list)
    for day, start, end in sessions:
        groups[(start, end)].append(day)
    parts = [
        f"on {_join_words([WEEKDAY_PLURALS[d] for d in days])}, {_clock(start)} to {_clock(end)}"
        for (start, end), days in groups.items()
    ]
    return "We meet " + "; and ".join(parts) + "."


def _price_sentence(costs, is_free: bool) -> str:
    if is_free:
        return "It is free."
    amount, unit, _label = costs[0]
    unit_text = {"session": "a session", "hour": "an hour", "day": "a day"}[unit]
    return f"It costs £{amount:,.2f} {unit_text}."


HOW_TO_JOIN = {
    "self": "Call or email {contact} to book a free taster session. You can bring a carer, "
    "family member or friend.",
    "referral": "Ask your social worker to refer you. If you do not have a social worker, call "
    "Adult Social Care on 0121 303 1234.",
    "either": "Get in touch with {contact} to arrange a visit, or ask your social worker to refer you.",
}


def opportunity_plan(
    index: int,
    provider: ProviderPlan,
    activity: Activity,
    rng: random.Random,
    today: date,
    used_slugs: set[str],
) -> OpportunityPlan:
    delivery = list(activity.delivery)
    venues: list[int] = []
    if provider.venues and ("venue" in delivery or "community" in delivery):
        venues = [rng.randrange(len(provider.venues))]
        if len(provider.venues) > 1 and rng.random() < 0.3:
            venues = list(range(len(provider.venues)))
    elif "venue" in delivery:  # nowhere to host it: take it out into the community
        delivery = [d for d in delivery if d != "venue"] or ["community"]
    if provider.kind == "C":
        title = f"{activity.title} at {provider.short}"
    elif provider.kind == "A":
        title = f"{activity.title} with {provider.short}"
    elif delivery == ["online"]:
        title = f"{activity.title} with {provider.name}"
    else:
        venue_place = provider.venues[venues[0]].area if venues else provider.place
        title = f"{activity.title} in {venue_place}"
    slug = _unique_slug(title, used_slugs, 220)

    by_arrangement = activity.times == "arranged"
    sessions = _sessions(rng, activity.times)
    costs = _costs(rng, activity.price)
    if activity.price == "low" and rng.random() < 0.3:
        costs = []
    is_free = not costs

    # Status and dates: most are published; a few are drafts or waiting for review.
    status = Opportunity.Status.PUBLISHED
    if index % 37 == 36:
        status = Opportunity.Status.IN_REVIEW if index % 2 else Opportunity.Status.DRAFT
    published = status == Opportunity.Status.PUBLISHED
    age_days = rng.randint(0, 180) if rng.random() < 0.7 else rng.randint(181, 425)
    last_checked = today - timedelta(days=age_days)
    published_at = None
    if published:
        published_on = last_checked - timedelta(days=rng.randint(0, 120))
        published_at = datetime.combine(published_on, time(rng.randint(9, 16), rng.choice([0, 30])))
        published_at = published_at.replace(tzinfo=UTC)

    vacancies = rng.choices(["yes", "waiting_list", "no", "unknown"], weights=[55, 20, 8, 17])[0]
    confirmed = None
    if vacancies != "unknown":
        confirmed = last_checked + timedelta(days=rng.randint(0, min(45, age_days)))

    interests = list(activity.interests)
    if "socialising" not in interests and rng.random() < 0.25:
        interests.append("socialising")
    audiences = list(activity.audiences) or rng.sample(
        [LD, "autism", "older-people", "mental-health", "physical-disability"], rng.randint(1, 3)
    )
    extra_features = ["easy-read", "autism-friendly", "one-to-one", "makaton", "quiet-space"]
    features = list(dict.fromkeys([*activity.features, *rng.sample(extra_features, rng.randint(0, 2))]))

    routes: list[str] = []
    if not is_free:
        routes.append("self-funded")
        if provider.kind == "C" or (activity.joining == "referral" and rng.random() < 0.8):
            routes.append("council-arranged")
        if provider.kind in {"A", "P"} or rng.random() < 0.65:
            routes.append("direct-payment")
        if rng.random() < 0.3:
            routes.append("personal-budget")

    min_age, max_age = activity.ages
    if min_age == 18 and max_age is None and rng.random() < 0.15:
        min_age = rng.choice([16, 25])

    easy_read = ""
    if activity.easy_read and rng.random() < 0.55:
        easy_read = activity.easy_read
    description = "\n\n".join(
        [
            activity.description,
            _times_sentence(sessions, by_arrangement) + " " + _price_sentence(costs, is_free),
        ]
    )
    contact_name = provider.contact_name
    return OpportunityPlan(
        index=index,
        provider=provider.index,
        title=title,
        slug=slug,
        status=status,
        fields={
            "summary": activity.summary[:300],
            "description": description,
            "easy_read_summary": easy_read,
            "min_age": min_age,
            "max_age": max_age,
            "delivery": delivery,
            "by_arrangement": by_arrangement,
            "is_free": is_free,
            "vacancies": vacancies,
            "vacancies_confirmed_on": confirmed,
            "joining": activity.joining,
            "how_to_join": HOW_TO_JOIN[activity.joining].format(contact=contact_name),
            "contact_name": contact_name,
            "contact_email": provider.email,
            "contact_phone": provider.phone,
            "website": provider.website,
            "last_checked_on": last_checked if published else None,
            "published_at": published_at,
        },
        interests=interests,
        audiences=audiences,
        features=features,
        payment_routes=routes,
        venues=venues,
        sessions=sessions,
        costs=costs,
    )


# --- Writing ------------------------------------------------------------------------------------
def _slug_ids(model, slugs: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(slugs), 10_000):
        found.update(model.objects.filter(slug__in=slugs[start : start + 10_000]).values_list("slug", "id"))
    return found


def _providers_write(plans: list[ProviderPlan], features: dict[str, int]):
    """Create missing providers and venues. Returns provider ids and venue ids by plan index."""
    provider_ids = _slug_ids(Provider, [p.slug for p in plans])
    new = [p for p in plans if p.slug not in provider_ids]
    created = Provider.objects.bulk_create(
        [
            Provider(
                name=p.name,
                slug=p.slug,
                kind=KIND_CODES[p.kind],
                description=p.description,
                email=p.email,
                phone=p.phone,
                website=p.website,
                cqc_rating=p.cqc_rating,
            )
            for p in new
        ],
        batch_size=CHUNK,
    )
    provider_ids.update({p.slug: obj.pk for p, obj in zip(new, created, strict=True)})

    ids = [provider_ids[p.slug] for p in plans]
    existing: dict[tuple[int, str], int] = {}
    for start in range(0, len(ids), 10_000):
        existing.update(
            ((provider_id, name), pk)
            for provider_id, name, pk in Venue.objects.filter(
                provider_id__in=ids[start : start + 10_000]
            ).values_list("provider_id", "name", "id")
        )
    missing = [
        (provider_ids[p.slug], v)
        for p in plans
        for v in p.venues
        if (provider_ids[p.slug], v.name) not in existing
    ]
    venues = Venue.objects.bulk_create(
        [
            Venue(
                provider_id=provider_id,
                name=v.name,
                address_line_1=v.address_line_1,
                postcode=v.postcode,
                ward_id=v.ward_id,
                latitude=v.latitude,
                longitude=v.longitude,
            )
            for provider_id, v in missing
        ],
        batch_size=CHUNK,
    )
    Through = Venue.features.through
    Through.objects.bulk_create(
        [
            Through(venue_id=venue.pk, feature_id=features[slug])
            for venue, (_, v) in zip(venues, missing, strict=True)
            for slug in v.features
        ],
        batch_size=10_000,
    )
    for venue, (provider_id, v) in zip(venues, missing, strict=True):
        existing[(provider_id, v.name)] = venue.pk
    venue_ids = [[existing[(provider_ids[p.slug], v.name)] for v in p.venues] for p in plans]
    return ids, venue_ids, len(new), len(venues)


def _opportunities_write(plans: list[OpportunityPlan], provider_ids, venue_ids, terms) -> int:
    existing = set(_slug_ids(Opportunity, [p.slug for p in plans]))
    new = [p for p in plans if p.slug not in existing]
    if not new:
        return 0
    objects = Opportunity.objects.bulk_create(
        [
            Opportunity(
                provider_id=provider_ids[p.provider],
                status=p.status,
                title=p.title,
                slug=p.slug,
                **p.fields,
            )
            for p in new
        ],
        batch_size=CHUNK,
    )
    sessions, costs = [], []
    links: dict[str, list] = defaultdict(list)
    for plan, obj in zip(new, objects, strict=True):
        pk = obj.pk
        sessions.extend(
            Session(opportunity_id=pk, weekday=day, start=start, end=end) for day, start, end in plan.sessions
        )
        costs.extend(
            Cost(opportunity_id=pk, amount=amount, unit=unit, label=label)
            for amount, unit, label in plan.costs
        )
        links["interests"].extend((pk, terms["interests"][s]) for s in plan.interests)
        links["audiences"].extend((pk, terms["audiences"][s]) for s in plan.audiences)
        links["features"].extend((pk, terms["features"][s]) for s in plan.features)
        links["payment_routes"].extend((pk, terms["payment_routes"][s]) for s in plan.payment_routes)
        venues = venue_ids[plan.provider]
        links["venues"].extend((pk, venues[i]) for i in plan.venues)
    Session.objects.bulk_create(sessions, batch_size=10_000)
    Cost.objects.bulk_create(costs, batch_size=10_000)
    targets = {
        "interests": "interest_id",
        "audiences": "audiencegroup_id",
        "features": "feature_id",
        "payment_routes": "paymentroute_id",
        "venues": "venue_id",
    }
    for name, column in targets.items():
        Through = getattr(Opportunity, name).through
        Through.objects.bulk_create(
            [Through(opportunity_id=pk, **{column: target}) for pk, target in links[name]],
            batch_size=10_000,
        )
    return len(new)


def _terms() -> dict[str, dict[str, int]]:
    terms = {
        "interests": dict(Interest.objects.values_list("slug", "id")),
        "audiences": dict(AudienceGroup.objects.values_list("slug", "id")),
        "features": dict(Feature.objects.values_list("slug", "id")),
        "payment_routes": dict(PaymentRoute.objects.values_list("slug", "id")),
    }
    if not all(terms.values()):
        raise DemoDataError("Reference data is missing. Run `python manage.py load_reference` first.")
    return terms


def provider_total(count: int) -> int:
    """About one provider for every four opportunities, never fewer than the curated set."""
    curated = len(COUNCIL_CENTRES) + len(CURATED_PROVIDERS)
    return max(curated, min(count // 4, MAX_PROVIDERS))


def demo_seed(*, count: int = DEFAULT_COUNT, seed: int = DEMO_SEED, stdout=None) -> dict:
    """Create the demo providers, venues and `count` opportunities, and the demo accounts.

    Safe to run again: existing rows (matched by slug) are left alone and only missing ones are
    created. Returns the totals in the database and how many rows were created."""
    if count < 0:
        raise ValueError("count must not be negative")

    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(text)

    with transaction.atomic():
        place = Place.load()
        terms = _terms()
        today = timezone.localdate()

        providers = provider_plans(place, provider_total(count), seed)
        provider_ids, venue_ids, new_providers, new_venues = _providers_write(providers, terms["features"])

        slots = _curated_slots(providers[: len(COUNCIL_CENTRES) + len(CURATED_PROVIDERS)], seed)
        used_slugs: set[str] = set()
        created = 0
        progress = count >= PROGRESS_FROM
        for start in range(0, count, CHUNK):
            chunk = []
            for index in range(start, min(count, start + CHUNK)):
                rng = _stream(seed, "opportunity", index)
                if index < min(len(slots), CURATED_OPPORTUNITIES):
                    provider_index, activity_key = slots[index]
                    provider = providers[provider_index]
                else:
                    provider = providers[rng.randrange(len(providers))]
                    activity_key = rng.choice(provider.activities)
                chunk.append(
                    opportunity_plan(index, provider, ACTIVITY_BY_KEY[activity_key], rng, today, used_slugs)
                )
            created += _opportunities_write(chunk, provider_ids, venue_ids, terms)
            done = min(count, start + CHUNK)
            if progress and (done % 10_000 == 0 or done == count):
                say(f"  {done:,} of {count:,} opportunities")

        new_accounts = demo_accounts_ensure()
        provider_account = next(a for a in DEMO_ACCOUNTS if a.role == "provider")
        completed = demo_workflow_ensure(
            provider_slug=DEMO_PROVIDER_SLUG, provider_email=provider_account.email
        )
        demo_people_ensure({a.role: a.email for a in reversed(DEMO_ACCOUNTS)})  # the first of each role
        demo_checks_ensure()  # the council's checks of some providers: the "Council checked" badge
        demo_demand_ensure(seed=seed)  # anonymous profiles, searches and enquiries for the insight pages
        # New listings (and any not yet indexed, after an upgrade) become searchable.
        opportunity_index_refresh(
            ids=[
                *Opportunity.objects.filter(indexed_at__isnull=True).values_list("id", flat=True),
                *completed,
            ]
        )

    User = get_user_model()
    result = {
        "providers": Provider.objects.count(),
        "venues": Venue.objects.count(),
        "opportunities": Opportunity.objects.count(),
        "published": Opportunity.objects.published().count(),
        "sessions": Session.objects.count(),
        "costs": Cost.objects.count(),
        "demo_accounts": User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS]).count(),
        "created_providers": new_providers,
        "created_venues": new_venues,
        "created_opportunities": created,
        "created_accounts": new_accounts,
    }
    say(
        "Demo data: {providers:,} providers, {venues:,} venues, {opportunities:,} opportunities "
        "({published:,} published), {sessions:,} sessions, {costs:,} costs, {demo_accounts} demo "
        "accounts; created {created_providers:,} providers, {created_venues:,} venues, "
        "{created_opportunities:,} opportunities, {created_accounts} accounts.".format(**result)
    )
    return result
