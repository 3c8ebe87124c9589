"""Enquiries: a message to a provider about a listing, sent on the person's behalf.

The details shared are copied as plain text into `Enquiry.shared` when it is sent, so the provider
sees only what was ticked, as it was then. Emails say only that there is something to read: the
message, the shared details and the reply are read after signing in.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext, pgettext

from daywell.notify import email_send, provider_addresses

from .models import CitizenProfile, Enquiry, ProfileAccess
from .plan import PARTS, and_list, list_of_groups, when_words
from .services import profile_access_record

TRAVEL_WORDS = {  # the profile's own wording is the person's ("I drive"); the provider reads about them
    CitizenProfile.Travel.WALK: gettext_lazy("Walking or wheeling"),
    CitizenProfile.Travel.BUS: gettext_lazy("Bus, train or tram"),
    CitizenProfile.Travel.DRIVEN: gettext_lazy("Someone drives them"),
    CitizenProfile.Travel.TAXI: gettext_lazy("Taxi or Ring and Ride"),
    CitizenProfile.Travel.CAR: gettext_lazy("They drive themselves"),
}
# What may be shared, in the order it is offered and shown: (key in the form, heading in `shared`).
# The headings are the keys of the copy kept with each enquiry, so they are stored in English; they
# are marked here for translators, and pages show them in the reader's language.
SHAREABLE = [
    ("name", gettext_noop("Name")),
    ("age", gettext_noop("Age")),
    ("needs", gettext_noop("Access and support needs")),
    ("interests", gettext_noop("Interests")),
    ("free", gettext_noop("Free days and times")),
    ("travel", gettext_noop("How they travel")),
    ("email", gettext_noop("Email address to reply to")),
]
SHARED_ORDER = [heading for _, heading in SHAREABLE]
# Waiting for the provider: no reply yet, the person still has a profile and has not said it is unsuitable.
WAITING_FOR_PROVIDER = Q(answered_at__isnull=True, profile__isnull=False) & ~Q(
    status=Enquiry.Status.NOT_SUITABLE
)


def enquiries_waiting(provider):
    """Enquiries the provider has not answered yet: the "new" ones on their dashboard."""
    return Enquiry.objects.filter(WAITING_FOR_PROVIDER, provider=provider)


def age_on(date_of_birth: datetime.date, today: datetime.date) -> int:
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday


def free_slots_text(slots) -> str:
    """[0, 1, 5] -> "Monday morning and afternoon; Tuesday evening"."""
    days = {}
    for slot in sorted(set(slots)):
        days.setdefault(slot // 3, []).append(PARTS[slot % 3])
    return list_of_groups([when_words(day, and_list(parts)) for day, parts in days.items()])


def enquiry_shareable(*, profile: CitizenProfile, user) -> list[tuple[str, str, str]]:
    """(key, heading, text) for each detail the profile has, offered for sharing. Nothing is shared
    unless it is ticked; the text is what the provider would read."""
    values = {"name": profile.preferred_name}
    if profile.date_of_birth:
        values["age"] = str(age_on(profile.date_of_birth, timezone.localdate()))
    comma = pgettext("between items of a list", ", ")
    values["needs"] = comma.join(sorted(feature.name for feature in profile.needs.all()))
    values["interests"] = comma.join(sorted(interest.name for interest in profile.interests.all()))
    values["free"] = free_slots_text(profile.free_slots)
    travel = [str(TRAVEL_WORDS.get(way, way)) for way in profile.travel]
    if travel and profile.travel_miles is not None:
        miles = profile.travel_miles
        travel.append(
            ngettext("up to %(miles)s mile", "up to %(miles)s miles", 1 if miles == 1 else 2)
            % {"miles": f"{miles.normalize():f}"}
        )
    values["travel"] = comma.join(travel)
    values["email"] = user.email
    return [(key, heading, values[key]) for key, heading in SHAREABLE if values.get(key)]


def shared_rows(enquiry: Enquiry) -> list[tuple[str, str]]:
    """The shared copy in a steady order (PostgreSQL's jsonb does not keep the order of keys)."""
    shared = enquiry.shared or {}
    known = [(heading, shared[heading]) for heading in SHARED_ORDER if heading in shared]
    return known + [(heading, text) for heading, text in shared.items() if heading not in SHARED_ORDER]


def enquiry_send(
    *, profile: CitizenProfile, opportunity, by, message: str, share: list[str], consent: bool
) -> Enquiry:
    """Send an enquiry about a listed opportunity with a copy of the details the person agreed to share."""
    if not consent:
        raise ValueError("An enquiry needs the person's agreement to share their details")
    shared = {
        heading: text for key, heading, text in enquiry_shareable(profile=profile, user=by) if key in share
    }
    with transaction.atomic():
        enquiry = Enquiry.objects.create(
            profile=profile,
            opportunity=opportunity,
            provider=opportunity.provider,
            message=message,
            shared=shared,
            consent_confirmed=True,
            sent_by=by,
        )
        profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.CHANGED, detail="enquiry")
    email_send(
        to=provider_addresses(opportunity.provider),
        template="enquiry_received",
        context={
            "opportunity": opportunity,
            "provider": opportunity.provider,
            "link": settings.SITE_URL
            + reverse("providers:enquiry", args=[opportunity.provider.slug, enquiry.pk]),
        },
    )
    return enquiry


class EnquiryClosed(ValueError):
    """The enquiry cannot be answered: it already has a reply, or the person deleted their profile."""


def enquiry_answer(*, enquiry: Enquiry, by, reply: str, suitable: bool = True) -> Enquiry:
    """The provider's reply. It is kept in the enquiry (who answered and when), not in the person's
    access log: the provider reads only what was shared with them, not the profile."""
    if not enquiry.provider.memberships.filter(user=by, user__is_active=True).exists():
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        # Locked, so that two people answering for the provider at once cannot both send a reply.
        enquiry = (
            Enquiry.objects.select_for_update(of=("self",))
            .select_related("profile", "sent_by")
            .get(pk=enquiry.pk)
        )
        if enquiry.profile_id is None:
            raise EnquiryClosed(gettext("The person has deleted their profile"))
        if enquiry.answered_at is not None:
            raise EnquiryClosed(gettext("This enquiry has already been answered"))
        enquiry.reply, enquiry.answered_by, enquiry.answered_at = reply, by, now
        if not suitable:
            enquiry.status, enquiry.status_changed_at = Enquiry.Status.NOT_SUITABLE, now
        elif enquiry.status == Enquiry.Status.SENT:  # the person's side may already have said "starting"
            enquiry.status, enquiry.status_changed_at = Enquiry.Status.ANSWERED, now
        enquiry.save(update_fields=["reply", "answered_by", "answered_at", "status", "status_changed_at"])
    sender = enquiry.sent_by
    visible = sender and CitizenProfile.objects.visible_to(sender).filter(pk=enquiry.profile_id).exists()
    if visible:  # a carer whose link has ended, say, hears nothing more
        link = settings.SITE_URL + reverse("citizens:enquiry", args=[enquiry.profile.uuid, enquiry.pk])
        email_send(to=[sender.email], template="enquiry_answered", context={"link": link})
    return enquiry


PERSON_STATUSES = (Enquiry.Status.STARTING, Enquiry.Status.NOT_SUITABLE)


def enquiry_status_set(*, enquiry: Enquiry, by, status: str) -> Enquiry:
    """The person's side says how it turned out: they are starting, or it is not suitable."""
    if status not in PERSON_STATUSES:
        raise ValueError(f"Unknown status {status!r}")
    profile = enquiry.profile
    if profile is None or not CitizenProfile.objects.visible_to(by).filter(pk=profile.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        enquiry.status, enquiry.status_changed_at = status, timezone.now()
        enquiry.save(update_fields=["status", "status_changed_at"])
        profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.CHANGED, detail="enquiry")
    return enquiry
