"""Demo data for the provider and council workspaces: Personal Assistants' profiles, a change waiting
for approval, a problem reported by the public and an organisation asking to join.

Idempotent: each piece is created only when it is missing. No emails are sent."""

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from opportunities.models import (
    ListingChange,
    ListingEvent,
    ListingReport,
    Opportunity,
)
from opportunities.snapshots import snapshot_of
from places.models import Constituency, Ward
from providers.models import JoinRequest, Provider


def _personal_assistants_complete(today: datetime.date) -> list[int]:
    """Give the demo's Personal Assistants the areas they cover, a DBS check date and references.
    Deterministic: each one's area follows from their slug."""
    constituencies = list(Constituency.objects.order_by("slug"))
    updated = []
    for provider in Provider.objects.filter(
        kind=Provider.Kind.PERSONAL_ASSISTANT, dbs_checked_on__isnull=True
    ):
        number = int(hashlib.sha256(provider.slug.encode()).hexdigest(), 16)
        provider.dbs_checked_on = today - datetime.timedelta(days=30 + number % 600)
        provider.references_available = number % 5 != 0
        provider.save(update_fields=["dbs_checked_on", "references_available"])
        wards = Ward.objects.filter(constituency=constituencies[number % len(constituencies)])
        for opportunity in provider.opportunities.filter(venues__isnull=True):
            if not opportunity.areas.exists():
                opportunity.areas.set(wards)
                updated.append(opportunity.pk)
    return updated


def _change_waiting(provider: Provider, user) -> None:
    """One of the demo charity's listings has an edit waiting for the council."""
    listings = Opportunity.objects.published().filter(provider=provider).order_by("title")
    if ListingChange.objects.filter(opportunity__provider=provider).exists() or not listings:
        return
    opportunity = listings[0]
    proposed = snapshot_of(opportunity)
    proposed["summary"] = proposed["summary"].rstrip(".") + ". New: a Saturday session from next month."
    ListingChange.objects.create(
        opportunity=opportunity,
        status=ListingChange.Status.SUBMITTED,
        proposed=proposed,
        created_by=user,
        submitted_by=user,
        submitted_at=timezone.now(),
    )
    ListingEvent.objects.create(
        opportunity=opportunity,
        kind=ListingEvent.Kind.EDITED,
        actor=user,
        changes=[["Short summary", opportunity.summary, proposed["summary"]]],
    )
    ListingEvent.objects.create(opportunity=opportunity, kind=ListingEvent.Kind.SUBMITTED, actor=user)


def _report(provider: Provider) -> None:
    if ListingReport.objects.filter(opportunity__provider=provider).exists():
        return
    opportunity = Opportunity.objects.published().filter(provider=provider).order_by("-title").first()
    if opportunity:
        ListingReport.objects.create(
            opportunity=opportunity,
            problem=ListingReport.Problem.CONTACT,
            details="I phoned the number on Tuesday and it said it was not in use.",
        )
        ListingEvent.objects.create(
            opportunity=opportunity,
            kind=ListingEvent.Kind.REPORTED,
            actor_label="A member of the public",
            note=ListingReport.Problem.CONTACT.label,
        )


def _join_request() -> None:
    if JoinRequest.objects.exists():
        return
    JoinRequest.objects.create(
        name="Northfield Community Garden",
        kind=Provider.Kind.COMMUNITY,
        description="A community garden open three days a week. We would like to welcome adults with "
        "a learning disability to garden with us, with support.",
        contact_name="Eileen Murphy",
        email="eileen@northfield-garden.example.org",
        phone="0121 496 0555",
    )


@transaction.atomic
def demo_workflow_ensure(*, provider_slug: str, provider_email: str) -> list[int]:
    """Returns the ids of listings changed (for the search index)."""
    today = timezone.localdate()
    updated = _personal_assistants_complete(today)
    provider = Provider.objects.filter(slug=provider_slug).first()
    user = get_user_model().objects.filter(email=provider_email).first()
    if provider and user:
        _change_waiting(provider, user)
        _report(provider)
    _join_request()
    return updated
