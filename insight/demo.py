"""Invented demand for the insight pages: recorded searches (shared with `python -m bench.insight`)
and, for the demo (`manage.py seed_demo`), about 400 people's profiles, 3,000 searches and 150
enquiries spread over the last twelve months.

The demo people have no account, no social worker and no carer, so nobody can open their profiles
(CitizenProfile.objects.visible_to): they are only counted on the commissioning pages. They live
mostly in a few wards and like some things more than others, so that some ward and interest
cells reach 5 people and some gaps stand out. Everything is invented and made from a fixed seed.
"""

from __future__ import annotations

import json
import math
import random
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from opportunities.forms import DAYS, TIMES

SEARCH_WORDS = ["swimming", "art", "gardening", "cooking", "music", "yoga", "pottery", "dance", "choir",
                "drama", "quiz", "sewing", "trampolining", "kayaking", "knitting", "bowls"]  # fmt: skip


# --- Recorded searches --------------------------------------------------------------------------------
@dataclass
class SearchMix:
    """What recorded searches are made of: the council's lists, and how often each is chosen
    (no weights: all alike)."""

    interests: list[str]
    features: list[str]
    wards: list[str]
    postcodes: list[tuple[str, int]]  # (postcode, ward id)
    interest_weights: list[float] | None = None
    postcode_weights: list[float] | None = None
    most_found: int = 400  # the most results a search finds

    @classmethod
    def from_database(cls, **options) -> SearchMix:
        from opportunities.models import Feature, Interest
        from places.models import Postcode, Ward

        return cls(
            interests=list(Interest.objects.order_by("pk").values_list("slug", flat=True)),
            features=list(Feature.objects.order_by("pk").values_list("slug", flat=True)),
            wards=list(Ward.objects.order_by("pk").values_list("slug", flat=True)),
            postcodes=list(
                Postcode.objects.filter(ward__isnull=False)
                .order_by("postcode")
                .values_list("postcode", "ward_id")[::20]
            ),
            **options,
        )


def _some(rng: random.Random, items: list, count: int, weights: list[float] | None) -> list:
    """`count` different items, more often the heavier ones."""
    if weights is None:
        return rng.sample(items, count)
    chosen: list = []
    while len(chosen) < min(count, len(items)):
        item = rng.choices(items, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def _moment(rng: random.Random, now: datetime, days: int, growing: bool) -> datetime:
    """A time in the last `days` days: evenly spread, or (growing) more of them lately, as a
    service that more people hear about month by month."""
    share = 1 - math.sqrt(rng.random()) if growing else rng.random()
    return now - timedelta(seconds=share * days * 86400)


def search_rows(
    mix: SearchMix, count: int, rng: random.Random, *, now: datetime, days: int, growing: bool = False
) -> Iterator[tuple[datetime, dict, str, int, int | None]]:
    """(created_at, filters, words, result_count, ward id) for `count` searches shaped like the
    search log's (opportunities.search_page.log_filters)."""
    for _ in range(count):
        filters: dict = {}
        ward_id = None
        if rng.random() < 0.5:
            filters["interest"] = _some(rng, mix.interests, rng.choice([1, 1, 1, 2]), mix.interest_weights)
        if mix.postcodes and rng.random() < 0.4:
            if mix.postcode_weights is None:
                postcode, ward_id = rng.choice(mix.postcodes)
            else:
                postcode, ward_id = rng.choices(mix.postcodes, mix.postcode_weights)[0]
            filters["postcode_area"] = postcode.split(" ")[0]
            if rng.random() < 0.5:
                filters["distance"] = rng.choice([1.0, 2.0, 3.0, 5.0])
        if rng.random() < 0.05:
            filters["ward"] = [rng.choice(mix.wards)]
        if rng.random() < 0.15:
            filters["access"] = [rng.choice(mix.features)]
        if rng.random() < 0.2:
            filters["day"] = [rng.choice(DAYS)[0]]
        if rng.random() < 0.1:
            filters["time"] = [rng.choice(TIMES)[0]]
        if rng.random() < 0.1:
            filters["free"] = True
        words = rng.choice(SEARCH_WORDS) if rng.random() < 0.3 else ""
        found = 0 if rng.random() < 0.08 else rng.randint(1, mix.most_found)
        if not filters and not words:
            found = mix.most_found  # asking for nothing finds everything
        yield _moment(rng, now, days, growing), filters, words, found, ward_id


def searches_write(rows: Iterable[tuple[datetime, dict, str, int, int | None]]) -> int:
    """Write recorded searches with COPY: fast, and keeps their times (auto_now_add would not)."""
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        copy_sql = (
            "COPY opportunities_searchlog (created_at, filters, words, result_count, ward_id) FROM STDIN"
        )
        with cursor.cursor.copy(copy_sql) as copy:
            for when, filters, words, found, ward_id in rows:
                copy.write_row((when, json.dumps(filters), words, found, ward_id))
                written += 1
    return written


# --- The demo's demand ------------------------------------------------------------------------------------
DEMO_PEOPLE = 400
DEMO_SEARCHES = 3_000
DEMO_ENQUIRIES = 150
DEMO_DAYS = 365
BUSY_WARDS = 10  # where most of the demo people live
# The demo people's profiles get fixed UUIDs from this namespace, so they are found again.
PEOPLE_NAMESPACE = uuid.UUID("5d1f0c8e-2b7a-4e59-9a43-6c0e1b2d3f47")
FIRST_NAMES = [
    "Aaliyah", "Abdul", "Ade", "Aisha", "Alfie", "Amara", "Amir", "Anil", "Aoife", "Asha", "Bernard",
    "Bilal", "Brenda", "Callum", "Chantelle", "Chidi", "Ciara", "Connor", "Darnell", "Deepa", "Delroy",
    "Demi", "Desmond", "Eileen", "Ellie", "Emeka", "Farah", "Fatima", "Gareth", "Gloria", "Hamza",
    "Harpreet", "Hassan", "Imran", "Irene", "Jamal", "Jasmine", "Jaspal", "Kai", "Kamala", "Keisha",
    "Kieran", "Leroy", "Lily", "Lucy", "Maryam", "Maureen", "Mohammed", "Nadia", "Neville", "Niamh",
    "Olu", "Owen", "Parveen", "Priya", "Rashid", "Rhys", "Rosa", "Rukhsana", "Sandeep", "Shauna",
    "Sipho", "Sophie", "Tariq", "Tegan", "Tomasz", "Usha", "Winston", "Yasmin", "Zainab", "Zoe",
]  # fmt: skip
# How often people say they enjoy each interest (the others: 1).
INTEREST_WEIGHTS = {"socialising": 3.0, "arts-crafts": 2.5, "music-drama": 2.5, "nature-gardening": 2.0,
                    "cooking-food": 2.0, "sport": 2.0, "days-out": 2.0, "health-wellbeing": 1.5,
                    "games": 1.5, "technology": 0.8, "animals": 0.8, "faith-culture": 0.6}  # fmt: skip
NEED_WEIGHTS = {"step-free": 3.0, "accessible-toilet": 3.0, "quiet-space": 2.5, "autism-friendly": 2.0,
                "changing-places": 1.5, "one-to-one": 1.5, "personal-care": 1.2, "easy-read": 1.2,
                "public-transport": 1.2, "hoist": 0.8, "bsl": 0.5, "makaton": 0.6}  # fmt: skip
AUDIENCE_WEIGHTS = {"learning-disability": 3.0, "autism": 2.0, "older-people": 2.0,
                    "physical-disability": 1.5, "mental-health": 1.2, "dementia": 0.8}  # fmt: skip
# Searches that found nothing and that several people ran: (filters, words, how many).
NOTHING_FOUND = [
    ({}, "kayaking", 9),
    ({}, "trampolining", 7),
    ({"interest": ["sport"]}, "boccia", 6),
    ({"interest": ["music-drama"], "day": ["sun"]}, "", 8),
    ({"interest": ["arts-crafts"], "access": ["changing-places"]}, "", 6),
    ({"interest": ["nature-gardening"], "time": ["evening"]}, "", 5),
]
ENQUIRY_MESSAGES = [
    "Hello, I would like to come along and try a session. Is there space at the moment?",
    "Could you tell me if there is a quiet place to sit if I need a break?",
    "My support worker will come with me. Do we both need to pay?",
    "Is the building step-free? I use a wheelchair.",
    "I am interested in joining. What should I bring on the first day?",
    "Can I visit first to see what it is like before I decide?",
]
REPLIES = [
    "Thank you for getting in touch. Yes, you are very welcome: come along next week and ask for Sue.",
    "We have a place free on Tuesdays. Give us a ring and we can arrange a visit first.",
    "Thank you for asking. We are full at the moment but can add you to our waiting list.",
]


def _weights(slugs: list[str], table: dict[str, float]) -> list[float]:
    return [table.get(slug, 1.0) for slug in slugs]


def _free_slots(rng: random.Random) -> list[int]:
    """Mostly weekday mornings and afternoons, some evenings and weekends."""
    slots = set()
    for _ in range(rng.randint(1, 8)):
        day = rng.choices(range(7), [3, 3, 3, 3, 3, 1.5, 1])[0]
        part = rng.choices(range(3), [3, 3, 1])[0]
        slots.add(day * 3 + part)
    return sorted(slots)


@transaction.atomic
def demo_demand_ensure(*, seed: int) -> int:
    """Create the demo's demand when its people are not there yet: their profiles, a year of
    searches and enquiries to listed opportunities. Returns how many profiles were created."""
    from citizens.models import CitizenProfile, Enquiry
    from opportunities.models import AudienceGroup, Feature, Interest, Opportunity
    from places.models import Postcode, Ward

    keys = [uuid.uuid5(PEOPLE_NAMESPACE, str(number)) for number in range(DEMO_PEOPLE)]
    if CitizenProfile.objects.filter(uuid__in=keys).exists():
        return 0
    ward_ids = list(Ward.objects.order_by("slug").values_list("pk", flat=True))
    if not ward_ids:
        return 0  # no reference data loaded
    rng = random.Random(f"{seed}:insight-demand")
    now = timezone.now()
    busy = set(rng.sample(ward_ids, min(BUSY_WARDS, len(ward_ids))))
    ward_weights = [8.0 if ward in busy else 0.5 for ward in ward_ids]
    postcodes: dict[int, list[str]] = {}
    for postcode, ward in Postcode.objects.filter(ward__isnull=False).values_list("postcode", "ward_id"):
        postcodes.setdefault(ward, []).append(postcode)
    for found in postcodes.values():
        found.sort()
    interests = list(Interest.objects.order_by("slug").values_list("pk", "slug"))
    features = list(Feature.objects.order_by("slug").values_list("pk", "slug"))
    audiences = list(AudienceGroup.objects.order_by("slug").values_list("pk", "slug"))

    people = []
    for key in keys:
        ward = rng.choices(ward_ids, ward_weights)[0] if rng.random() < 0.92 else None
        places = postcodes.get(ward, []) if ward else []
        people.append(
            CitizenProfile(
                uuid=key,
                preferred_name=rng.choice(FIRST_NAMES),
                date_of_birth=(now - timedelta(days=rng.randint(18 * 365, 85 * 365))).date(),
                postcode=rng.choice(places) if places else "",
                ward_id=ward if places else None,
                free_slots=_free_slots(rng),
                travel=_some(rng, CitizenProfile.Travel.values, rng.randint(1, 2), None),
                travel_miles=Decimal(rng.choice(["1.0", "2.0", "3.0", "5.0"])),
            )
        )
    people = CitizenProfile.objects.bulk_create(people)
    for person in people:  # joined over the year, more of them lately
        person.created_at = _moment(rng, now, DEMO_DAYS, growing=True)
    CitizenProfile.objects.bulk_update(people, ["created_at"])

    def links(model, column: str, terms: list[tuple[int, str]], table: dict[str, float], low: int, high: int):
        ids, weights = [pk for pk, _ in terms], _weights([slug for _, slug in terms], table)
        model.objects.bulk_create(
            model(citizenprofile_id=person.pk, **{column: term})
            for person in people
            for term in _some(rng, ids, rng.randint(low, high), weights)
        )

    links(CitizenProfile.interests.through, "interest_id", interests, INTEREST_WEIGHTS, 1, 4)
    links(CitizenProfile.needs.through, "feature_id", features, NEED_WEIGHTS, 0, 3)
    links(CitizenProfile.audiences.through, "audiencegroup_id", audiences, AUDIENCE_WEIGHTS, 0, 2)

    # Searches: from the same wards as the people, for the same things, and a few that found nothing.
    mix = SearchMix.from_database(most_found=60)
    interest_table = {slug: INTEREST_WEIGHTS.get(slug, 1.0) for slug in mix.interests}
    mix.interest_weights = [interest_table[slug] for slug in mix.interests]
    mix.postcode_weights = [8.0 if ward in busy else 0.5 for _, ward in mix.postcodes]
    repeated = sum(times for *_, times in NOTHING_FOUND)
    rows = list(search_rows(mix, DEMO_SEARCHES - repeated, rng, now=now, days=DEMO_DAYS, growing=True))
    for filters, words, times in NOTHING_FOUND:
        rows += [(_moment(rng, now, DEMO_DAYS, True), filters, words, 0, None) for _ in range(times)]
    searches_write(sorted(rows, key=lambda row: row[0]))

    # Enquiries to listed opportunities, not the demo provider's (its account shows its own story).
    from daywell.demo import DEMO_PROVIDER_SLUG

    listed = list(
        Opportunity.objects.listed()
        .exclude(provider__slug=DEMO_PROVIDER_SLUG)
        .order_by("pk")
        .values_list("pk", "provider_id")
    )
    if listed:
        enquiries, sent_times = [], []
        for _ in range(DEMO_ENQUIRIES):
            person = rng.choice(people)
            opportunity, provider = rng.choice(listed)
            sent = _moment(rng, now, DEMO_DAYS, growing=True)
            status = rng.choices(Enquiry.Status.values, [3, 4, 2, 2])[0]
            later = sent + timedelta(days=rng.randint(1, 10))
            answered = status != Enquiry.Status.SENT
            enquiries.append(
                Enquiry(
                    profile=person,
                    opportunity_id=opportunity,
                    provider_id=provider,
                    message=rng.choice(ENQUIRY_MESSAGES),
                    shared={"Name": person.preferred_name},
                    consent_confirmed=True,
                    status=status,
                    status_changed_at=min(later, now) if answered else None,
                    reply=rng.choice(REPLIES) if answered else "",
                    answered_at=min(later, now) if answered else None,
                )
            )
            sent_times.append(sent)
        enquiries = Enquiry.objects.bulk_create(enquiries)
        for enquiry, sent in zip(enquiries, sent_times, strict=True):  # bulk_create set them to now
            enquiry.sent_at = sent
        Enquiry.objects.bulk_update(enquiries, ["sent_at"])
    return len(people)
