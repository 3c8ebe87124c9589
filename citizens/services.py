"""Writes for citizen profiles. Each records itself in the profile's access log."""

from django.db import transaction
from django.utils import timezone

from .models import CarerLink, CitizenProfile, ProfileAccess


def profile_access_record(*, profile: CitizenProfile, user, action: str, detail: str = "") -> ProfileAccess:
    """Log one view or change. `detail` says what, never what the profile contains."""
    return ProfileAccess.objects.create(profile=profile, user=user, action=action, detail=detail[:200])


@transaction.atomic
def profile_create(*, by, preferred_name: str, for_self: bool = False) -> CitizenProfile:
    """A new profile: the person's own, or one a social worker starts for someone on their caseload."""
    profile = CitizenProfile.objects.create(
        preferred_name=preferred_name,
        person=by if for_self else None,
        social_worker=by if not for_self and by.role == "social_worker" else None,
        created_by=by,
    )
    profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.CREATED)
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
