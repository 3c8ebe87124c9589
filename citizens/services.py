"""Writes for citizen profiles. Each records itself in the profile's access log."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import CarerLink, CitizenProfile, ProfileAccess, ProfileDeletion


def profile_access_record(*, profile: CitizenProfile, user, action: str, detail: str = "") -> ProfileAccess:
    """Log one view or change. `detail` says what, never what the profile contains."""
    return ProfileAccess.objects.create(profile=profile, user=user, action=action, detail=detail[:200])


@transaction.atomic
def profile_create(
    *, by, preferred_name: str, for_self: bool = False, consent: dict | None = None
) -> CitizenProfile:
    """A new profile: the person's own, one a social worker starts for someone on their caseload,
    or one a carer starts for someone they support, with that person's consent (`consent` holds
    consent_given_by, consent_method and consent_given_on)."""
    profile = CitizenProfile.objects.create(
        preferred_name=preferred_name,
        person=by if for_self else None,
        social_worker=by if not for_self and by.role == "social_worker" else None,
        created_by=by,
    )
    profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.CREATED)
    if consent is not None:
        carer_link_add(profile=profile, carer=by, by=by, **consent)
    return profile


@transaction.atomic
def carer_link_add(
    *, profile: CitizenProfile, carer, by, consent_given_by: str, consent_method: str, consent_given_on
) -> CarerLink:
    link = CarerLink.objects.create(
        profile=profile,
        carer=carer,
        consent_given_by=consent_given_by,
        consent_method=consent_method,
        consent_given_on=consent_given_on,
        recorded_by=by,
    )
    profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.LINKED, detail=str(carer))
    return link


@transaction.atomic
def carer_link_end(*, link: CarerLink, by) -> None:
    """The person (or whoever acts for them) ends a carer's access. The link is kept, ended."""
    link.ended_at, link.ended_by = timezone.now(), by
    link.save(update_fields=["ended_at", "ended_by"])
    profile_access_record(
        profile=link.profile, user=by, action=ProfileAccess.Action.UNLINKED, detail=str(link.carer)
    )


@transaction.atomic
def profile_hand_over(*, profile: CitizenProfile, by, to) -> None:
    """A social worker hands the profile to a colleague, who becomes the allocated worker."""
    if to.role != "social_worker" or not to.is_active:
        raise ValueError("A profile can only be handed to an active social worker")
    profile.social_worker = to
    profile.save(update_fields=["social_worker", "updated_at"])
    profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.HANDED_OVER, detail=str(to))


@transaction.atomic
def profile_person_link(*, profile: CitizenProfile, by, person) -> None:
    """Give the person their own access: their account becomes the profile's `person`."""
    if profile.person_id is not None:
        raise ValueError("The profile already has the person's own account")
    profile.person = person
    profile.save(update_fields=["person", "updated_at"])
    profile_access_record(
        profile=profile, user=by, action=ProfileAccess.Action.LINKED, detail="the person's own account"
    )


@transaction.atomic
def profile_section_save(*, profile: CitizenProfile, by, form, detail: str) -> None:
    """Save one part of the profile from a valid ProfileSectionForm: all of it or none of it."""
    related = form.save_to(profile)
    profile.save()
    for name, values in related:
        getattr(profile, name).set(values)
    profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.CHANGED, detail=detail)


@transaction.atomic
def profile_delete(*, profile: CitizenProfile, by) -> ProfileDeletion:
    """Delete everything personal; keep anonymous counts. Enquiries stay with the provider as
    counts, emptied of the message, the shared details and the reply."""
    deletion = ProfileDeletion.objects.create(
        deleted_on=datetime.date.today(),
        had_own_account=profile.person_id is not None,
        had_social_worker=profile.social_worker_id is not None,
        carers=profile.carer_links.count(),
        shortlisted=profile.shortlist.count(),
        planned=profile.plan_entries.count(),
        enquiries=profile.enquiries.count(),
        reviews=profile.reviews.count(),
    )
    profile.enquiries.update(profile=None, message="", shared={}, reply="", sent_by=None, answered_by=None)
    profile.delete()  # carer links, shortlist, plan, reviews and the access log go with it
    return deletion


# --- Shortlist and weekly plan ------------------------------------------------------------------
from .models import PlanEntry, ShortlistItem  # noqa: E402  (kept with the functions that use them)


@transaction.atomic
def shortlist_add(*, profile: CitizenProfile, opportunity, by) -> tuple[ShortlistItem, bool]:
    """Keep a listing on the person's shortlist. Adding it again changes nothing: (item, False)."""
    item, created = ShortlistItem.objects.get_or_create(
        profile=profile, opportunity=opportunity, defaults={"added_by": by}
    )
    if created:
        profile_access_record(
            profile=profile, user=by, action=ProfileAccess.Action.CHANGED, detail="shortlist"
        )
    return item, created


@transaction.atomic
def shortlist_remove(*, item: ShortlistItem, by) -> None:
    profile = item.profile
    item.delete()
    profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.CHANGED, detail="shortlist")


@transaction.atomic
def plan_entry_add(
    *,
    profile: CitizenProfile,
    opportunity,
    by,
    weekday: int,
    part: int,
    start=None,
    end=None,
    weekly_cost=None,
) -> tuple[PlanEntry, bool]:
    """Put a session in the person's weekly plan. The same session twice is kept once: (entry, False).
    Clashes and going over budget are warnings on the plan, not reasons to refuse."""
    existing = PlanEntry.objects.filter(
        profile=profile, opportunity=opportunity, weekday=weekday, part=part, start=start, end=end
    ).first()
    if existing is not None:
        return existing, False
    entry = PlanEntry.objects.create(
        profile=profile,
        opportunity=opportunity,
        weekday=weekday,
        part=part,
        start=start,
        end=end,
        weekly_cost=weekly_cost,
        added_by=by,
    )
    profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.CHANGED, detail="weekly plan")
    return entry, True


@transaction.atomic
def plan_entry_remove(*, entry: PlanEntry, by) -> None:
    profile = entry.profile
    entry.delete()
    profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.CHANGED, detail="weekly plan")
