"""Demo people: two invented profiles so that every part of the people pages has something to show.

- Jordan has their own account (the demo citizen), a social worker (Priya, the demo social worker)
  and a carer (Bernadette, the demo carer) linked with Jordan's consent. Jordan's shortlist, weekly
  plan, an enquiry and a review are filled in.
- Sam has no account of their own and is on Priya's caseload only.

Idempotent: profiles are found by their fixed UUIDs and only created when missing. No emails are sent.
Everything here is invented.
"""

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from citizens.models import (
    CarerLink,
    CitizenProfile,
    Enquiry,
    PlanEntry,
    ProfileAccess,
    Review,
    ShortlistItem,
)
from opportunities.models import AudienceGroup, Feature, Interest, Opportunity
from places.models import Postcode

JORDAN = uuid.UUID("6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f")
SAM = uuid.UUID("0b9a8c7d-6e5f-4a3b-9c2d-1e0f2a3b4c5d")


def _profile(key, *, preferred_name, person, social_worker, postcode, born, interests, needs, audiences,
             free_slots, travel, miles, budget, strengths, good_day, notes):  # fmt: skip
    """The profile with this UUID, created if missing, and whether it was created."""
    found = CitizenProfile.objects.filter(uuid=key).first()
    if found:
        return found, False
    place = Postcode.objects.select_related("ward").filter(postcode=postcode).first()
    profile = CitizenProfile.objects.create(
        uuid=key,
        preferred_name=preferred_name,
        person=person,
        social_worker=social_worker,
        created_by=social_worker,
        date_of_birth=born,
        postcode=postcode if place else "",
        ward=place.ward if place else None,
        free_slots=free_slots,
        travel=travel,
        travel_miles=miles,
        weekly_budget=budget,
        strengths=strengths,
        good_day=good_day,
        notes=notes,
    )
    profile.interests.set(Interest.objects.filter(slug__in=interests))
    profile.needs.set(Feature.objects.filter(slug__in=needs))
    profile.audiences.set(AudienceGroup.objects.filter(slug__in=audiences))
    ProfileAccess.objects.create(profile=profile, user=social_worker, action=ProfileAccess.Action.CREATED)
    return profile, True


def _fitting_listings(profile: CitizenProfile, count: int) -> list[Opportunity]:
    """Listings with weekly sessions that have every one of the profile's needs and one of its
    interests: the first few by name, so the demo is the same every time."""
    listings = Opportunity.objects.listed().filter(
        interests__in=profile.interests.all(), sessions__isnull=False, by_arrangement=False
    )
    for need in profile.needs.all():
        listings = listings.filter(features=need)
    return list(listings.distinct().order_by("title")[:count])


@transaction.atomic
def demo_people_ensure(accounts: dict[str, str]) -> int:
    """Create the demo profiles that are missing. `accounts` maps a role to its demo account's
    email. Returns how many profiles were created."""
    User = get_user_model()
    users = {role: User.objects.filter(email=email).first() for role, email in accounts.items()}
    worker, citizen, carer = users.get("social_worker"), users.get("citizen"), users.get("carer")
    if worker is None:
        return 0
    today = datetime.date.today()
    jordan, made_jordan = _profile(
        JORDAN,
        preferred_name="Jordan",
        person=citizen,
        social_worker=worker,
        postcode="B13 8JP",
        born=datetime.date(1994, 5, 17),
        interests=["nature-gardening", "cooking-food", "socialising"],
        needs=["step-free"],
        audiences=["learning-disability"],
        free_slots=[3, 4, 9, 10, 12],  # Tuesday and Thursday mornings and afternoons, Friday morning
        travel=["bus", "walk"],
        miles=Decimal("3.0"),
        budget=Decimal("60.00"),
        strengths="Growing vegetables. Making people laugh. Knows every bus route in south Birmingham.",
        good_day="Being outside, seeing my friends, and a cup of tea at the end.",
        notes="Likes to know the plan the day before. Finds big crowds tiring.",
    )
    _sam, made_sam = _profile(
        SAM,
        preferred_name="Sam",
        person=None,
        social_worker=worker,
        postcode="B23 6TL",
        born=datetime.date(1968, 11, 2),
        interests=["music-drama", "games"],
        needs=["hearing-loop", "quiet-space"],
        audiences=[],
        free_slots=[0, 1, 6, 7, 13],
        travel=["driven"],
        miles=Decimal("5.0"),
        budget=None,
        strengths="Plays the keyboard. Very good at quizzes.",
        good_day="Music in the morning, a game of dominoes in the afternoon.",
        notes="",
    )
    if made_jordan:
        if carer is not None:
            CarerLink.objects.create(
                profile=jordan,
                carer=carer,
                consent_given_by="Jordan",
                consent_method=CarerLink.ConsentMethod.IN_PERSON,
                consent_given_on=today - datetime.timedelta(days=40),
                recorded_by=worker,
            )
        chosen = _fitting_listings(jordan, 2)
        for listing in chosen:
            ShortlistItem.objects.create(profile=jordan, opportunity=listing, added_by=worker)
        if chosen:
            first = chosen[0]
            session = first.sessions.order_by("weekday", "start").first()
            PlanEntry.objects.create(
                profile=jordan,
                opportunity=first,
                weekday=session.weekday,
                part=0 if session.start.hour < 12 else 1 if session.start.hour < 17 else 2,
                start=session.start,
                end=session.end,
                weekly_cost=first.cost_per_session if not first.is_free else Decimal("0"),
                added_by=worker,
            )
            Enquiry.objects.create(
                profile=jordan,
                opportunity=first,
                provider=first.provider,
                message="Jordan would like to try a session. Could they visit first with their carer?",
                shared={"Name": "Jordan", "Access and support needs": "Step-free access"},
                consent_confirmed=True,
                sent_by=worker,
            )
        Review.objects.create(
            profile=jordan,
            reviewed_on=today - datetime.timedelta(days=90),
            purpose=2,
            ordinary_places=1,
            right_support=3,
            meeting_people=2,
            notes="Jordan wants to be outside more and to meet people away from the day centre.",
            recorded_by=worker,
        )
    return int(made_jordan) + int(made_sam)
