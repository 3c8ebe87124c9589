"""Writes for opportunities and their reference data."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from daywell.notify import council_addresses, email_send, provider_addresses

from . import reference
from .models import (
    AudienceGroup,
    Feature,
    Interest,
    ListingChange,
    ListingEvent,
    ListingReport,
    Opportunity,
    PaymentRoute,
)
from .search_index import opportunity_index_refresh
from .snapshots import snapshot_apply, snapshot_changes, snapshot_of
from .terms import search_terms_forget


@transaction.atomic
def reference_terms_load() -> dict[str, int]:
    """Create or update the council's lists. Safe to run again: nothing is duplicated."""
    for position, (slug, name, description) in enumerate(reference.INTERESTS):
        Interest.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for position, (slug, name, category, description) in enumerate(reference.FEATURES):
        Feature.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "category": category, "description": description, "position": position},
        )
    for position, (slug, name, description) in enumerate(reference.AUDIENCES):
        AudienceGroup.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for position, (slug, name, description) in enumerate(reference.PAYMENT_ROUTES):
        PaymentRoute.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    search_terms_forget()
    return {
        "interests": Interest.objects.count(),
        "features": Feature.objects.count(),
        "audiences": AudienceGroup.objects.count(),
        "payment routes": PaymentRoute.objects.count(),
    }


# --- A listing's content: provider drafts, council approval ---------------------------------------
class EditConflict(Exception):
    """Someone else saved the listing after this editor opened it."""


def listing_event_record(opportunity, kind, *, by=None, actor_label="", changes=None, note=""):
    return ListingEvent.objects.create(
        opportunity=opportunity,
        kind=kind,
        actor=by,
        actor_label=actor_label,
        changes=changes or [],
        note=note,
    )


# Paths under /opportunities/ that a listing's slug must not take.
RESERVED_SLUGS = {"still-current"}


def _slug_for(title: str) -> str:
    base = slugify(title)[:200].strip("-") or "listing"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Opportunity.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _locked(opportunity: Opportunity, revision: int | None) -> Opportunity:
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if revision is not None and locked.content_revision != revision:
        raise EditConflict
    return locked


def _locked_change(change: ListingChange, revision: int, statuses) -> tuple[Opportunity, ListingChange]:
    """The listing and its change, locked and read afresh. Refused when someone saved the listing
    since `revision` (what this person saw) or the change is no longer in one of `statuses`."""
    opportunity = _locked(change.opportunity, revision)
    fresh = ListingChange.objects.select_for_update().get(pk=change.pk)
    if fresh.status not in statuses:
        raise EditConflict
    return opportunity, fresh


def _unused_photos_delete(opportunity: Opportunity) -> None:
    """Photos neither published nor in an open proposal are nobody's any more."""
    keep = {opportunity.photo_id}
    for proposed in (
        ListingChange.objects.open().filter(opportunity=opportunity).values_list("proposed", flat=True)
    ):
        keep.add((proposed.get("photo") or {}).get("id"))
    opportunity.photos.exclude(pk__in=[pk for pk in keep if pk]).delete()


@transaction.atomic
def listing_start(*, provider, by, section: dict) -> tuple[Opportunity, ListingChange]:
    """A new listing, not public: its first section saved, the rest to follow in a draft."""
    opportunity = Opportunity(
        provider=provider,
        status=Opportunity.Status.DRAFT,
        slug=_slug_for(section["title"]),
        content_revision=1,
    )
    snapshot = {**snapshot_of(opportunity), **section}
    snapshot_apply(opportunity, snapshot)
    change = ListingChange.objects.create(opportunity=opportunity, proposed=snapshot, created_by=by)
    listing_event_record(opportunity, ListingEvent.Kind.CREATED, by=by)
    return opportunity, change


@transaction.atomic
def listing_draft_save(*, opportunity: Opportunity, by, section: dict, revision: int) -> ListingChange:
    """Save one section of the provider's proposed version. The published version is untouched.

    Refused with EditConflict when the listing was saved by someone else since `revision`."""
    opportunity = _locked(opportunity, revision)
    change = ListingChange.objects.open().filter(opportunity=opportunity).first()
    if change is None:
        change = ListingChange(opportunity=opportunity, proposed=snapshot_of(opportunity), created_by=by)
    before = dict(change.proposed)
    change.proposed = {**change.proposed, **section}
    # Editing something already sent takes it back until it is sent again.
    change.status = ListingChange.Status.DRAFT
    change.save()
    if opportunity.status == Opportunity.Status.IN_REVIEW:
        opportunity.status = Opportunity.Status.DRAFT
    opportunity.content_revision += 1
    opportunity.save(update_fields=["content_revision", "status", "updated_at"])
    changes = snapshot_changes(before, change.proposed, provider_id=opportunity.provider_id)
    if changes:
        listing_event_record(opportunity, ListingEvent.Kind.EDITED, by=by, changes=changes)
    return change


@transaction.atomic
def listing_change_discard(*, change: ListingChange, by, revision: int) -> None:
    """Throw away unsent changes to a published listing."""
    opportunity, change = _locked_change(change, revision, ListingChange.OPEN)
    change.status = ListingChange.Status.WITHDRAWN
    change.save(update_fields=["status", "updated_at"])
    opportunity.content_revision += 1
    opportunity.save(update_fields=["content_revision", "updated_at"])
    _unused_photos_delete(opportunity)
    listing_event_record(opportunity, ListingEvent.Kind.WITHDRAWN, by=by)


def listing_submit(*, change: ListingChange, by, revision: int) -> None:
    """Send the proposed version, as the sender saw it, to the council's review queue."""
    with transaction.atomic():
        opportunity, change = _locked_change(
            change, revision, (ListingChange.Status.DRAFT, ListingChange.Status.RETURNED)
        )
        change.status = ListingChange.Status.SUBMITTED
        change.submitted_by, change.submitted_at = by, timezone.now()
        change.reason = ""
        change.save(update_fields=["status", "submitted_by", "submitted_at", "reason", "updated_at"])
        if opportunity.status == Opportunity.Status.DRAFT:
            opportunity.status = Opportunity.Status.IN_REVIEW
            opportunity.save(update_fields=["status", "updated_at"])
        listing_event_record(opportunity, ListingEvent.Kind.SUBMITTED, by=by)
    email_send(
        to=council_addresses(),
        template="listing_submitted",
        context={"change": change, "opportunity": opportunity, "provider": opportunity.provider},
    )


def listing_change_approve(*, change: ListingChange, by, revision: int, tags: dict | None = None) -> None:
    """Publish the proposed version the officer read, with the council's tagging where the
    officer changed it. Refused (EditConflict) when the provider has changed it since."""
    with transaction.atomic():
        opportunity, change = _locked_change(change, revision, (ListingChange.Status.SUBMITTED,))
        approved = {**change.proposed, **(tags or {})}
        retagged = snapshot_changes(change.proposed, approved, provider_id=opportunity.provider_id)
        changes = snapshot_changes(snapshot_of(opportunity), approved, provider_id=opportunity.provider_id)
        snapshot_apply(opportunity, approved)
        today = timezone.localdate()
        opportunity.status = Opportunity.Status.PUBLISHED
        opportunity.published_at = opportunity.published_at or timezone.now()
        opportunity.last_checked_on = today
        opportunity.hidden_as_stale_on = None
        opportunity.content_revision += 1
        opportunity.save()
        change.status = ListingChange.Status.APPROVED
        change.approved = approved
        change.decided_by, change.decided_at = by, timezone.now()
        change.save(update_fields=["status", "approved", "decided_by", "decided_at", "updated_at"])
        _unused_photos_delete(opportunity)
        note = gettext("The council changed the tags: ") + "; ".join(
            f"{label}: {after}" for label, _, after in retagged
        )
        listing_event_record(
            opportunity, ListingEvent.Kind.APPROVED, by=by, changes=changes, note=note if retagged else ""
        )
        opportunity_index_refresh(ids=[opportunity.pk])
    email_send(
        to=provider_addresses(opportunity.provider),
        template="listing_approved",
        context={"opportunity": opportunity, "retagged": retagged},
    )


def listing_change_return(*, change: ListingChange, by, revision: int, reason: str) -> None:
    """Send the proposed version back to the provider with the reason."""
    with transaction.atomic():
        opportunity, change = _locked_change(change, revision, (ListingChange.Status.SUBMITTED,))
        change.status = ListingChange.Status.RETURNED
        change.reason = reason
        change.decided_by, change.decided_at = by, timezone.now()
        change.save(update_fields=["status", "reason", "decided_by", "decided_at", "updated_at"])
        if opportunity.status == Opportunity.Status.IN_REVIEW:
            opportunity.status = Opportunity.Status.DRAFT
            opportunity.save(update_fields=["status", "updated_at"])
        listing_event_record(opportunity, ListingEvent.Kind.RETURNED, by=by, note=reason)
    email_send(
        to=provider_addresses(opportunity.provider),
        template="listing_returned",
        context={"opportunity": opportunity, "reason": reason},
    )


# --- Updates published at once ---------------------------------------------------------------------
@transaction.atomic
def listing_vacancies_update(*, opportunity: Opportunity, by, vacancies: str) -> None:
    before = str(opportunity.get_vacancies_display())
    opportunity.vacancies = vacancies
    opportunity.vacancies_confirmed_on = timezone.localdate()
    opportunity.save(update_fields=["vacancies", "vacancies_confirmed_on", "updated_at"])
    listing_event_record(
        opportunity,
        ListingEvent.Kind.VACANCIES,
        by=by,
        changes=[["Places", before, str(opportunity.get_vacancies_display())]],
    )
    opportunity_index_refresh(ids=[opportunity.pk])


@transaction.atomic
def listing_closure_update(*, opportunity: Opportunity, by, closed_until) -> None:
    def words(day):
        return f"Closed until {day:%-d %B %Y}" if day else "Open"

    before = words(opportunity.closed_until)
    opportunity.closed_until = closed_until
    opportunity.save(update_fields=["closed_until", "updated_at"])
    listing_event_record(
        opportunity,
        ListingEvent.Kind.CLOSED,
        by=by,
        changes=[[gettext("Temporarily closed"), before, words(closed_until)]],
    )
    opportunity_index_refresh(ids=[opportunity.pk])


@transaction.atomic
def listing_confirm_current(*, opportunity: Opportunity, by=None, actor_label: str = "") -> None:
    """The provider says the listing is still right: checked today, shown in search again."""
    was_hidden = opportunity.hidden_as_stale_on is not None
    opportunity.last_checked_on = timezone.localdate()
    opportunity.hidden_as_stale_on = None
    opportunity.save(update_fields=["last_checked_on", "hidden_as_stale_on", "updated_at"])
    # Every "still current" link already sent has done its job.
    opportunity.freshness_notices.filter(used_at__isnull=True).update(used_at=timezone.now())
    listing_event_record(
        opportunity,
        ListingEvent.Kind.CONFIRMED,
        by=by,
        actor_label=actor_label,
        note=gettext("Shown in search again.") if was_hidden else "",
    )
    opportunity_index_refresh(ids=[opportunity.pk])


# --- Problems reported by the public ----------------------------------------------------------------
def listing_report_record(*, report: ListingReport) -> None:
    """A new report reaches the provider and the council's queue."""
    opportunity = report.opportunity
    with transaction.atomic():
        report.save()
        listing_event_record(
            opportunity,
            ListingEvent.Kind.REPORTED,
            actor_label=gettext("A member of the public"),
            note=report.get_problem_display(),
        )
    context = {"report": report, "opportunity": opportunity}
    email_send(to=provider_addresses(opportunity.provider), template="report_to_provider", context=context)
    email_send(to=council_addresses(), template="report_to_council", context=context)


@transaction.atomic
def listing_report_resolve(*, report: ListingReport, by, resolution: str) -> None:
    report.status = ListingReport.Status.RESOLVED
    report.resolution = resolution
    report.resolved_by, report.resolved_at = by, timezone.now()
    report.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    listing_event_record(report.opportunity, ListingEvent.Kind.REPORT_RESOLVED, by=by, note=resolution)
