"""Writes for providers: their teams, invitations to join a team, and organisations asking to
list on Daywell. Each write is one transaction; its emails go out after the write."""

import datetime

from django.conf import settings
from django.db import transaction
from django.forms import ModelForm
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from daywell.notify import council_addresses, email_send
from daywell.tokens import token_hash, token_new

from .models import JoinRequest, Provider, ProviderInvitation, ProviderMembership, Venue

Role = ProviderMembership.Role

# Paths under /provider/ that a provider's slug must not shadow.
RESERVED_SLUGS = {"join", "invitations"}


class InvitationNotValid(ValueError):
    """The invitation has been used, cancelled or has expired, or is for someone else."""


class LastOwner(ValueError):
    """A provider must always have an owner, or nobody could manage its team."""

    def __init__(self, provider: Provider):
        super().__init__(
            _("You cannot remove the only owner of %(name)s. Invite someone else as an owner first.")
            % {"name": provider.name}
        )


class AlreadyDecided(ValueError):
    """The council has already approved or declined this request."""


# --- Reads ---------------------------------------------------------------------------------------
def invitations_pending(provider: Provider):
    return provider.invitations.filter(
        accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now()
    )


def invitation_is_valid(invitation: ProviderInvitation) -> bool:
    return (
        invitation.accepted_at is None
        and invitation.cancelled_at is None
        and invitation.expires_at > timezone.now()
    )


def invitation_find(token: str) -> ProviderInvitation | None:
    """The invitation a link's token opens, if it can still be used."""
    invitation = (
        ProviderInvitation.objects.select_related("provider", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )
    return invitation if invitation and invitation_is_valid(invitation) else None


def membership_is_last_owner(membership: ProviderMembership) -> bool:
    """A provider must always have an owner, or nobody could manage its team."""
    return (
        membership.role == Role.OWNER
        and not membership.provider.memberships.filter(role=Role.OWNER).exclude(pk=membership.pk).exists()
    )


def _slug_for(name: str) -> str:
    base = slugify(name)[:190].strip("-") or "provider"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Provider.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


# --- Invitations ---------------------------------------------------------------------------------
def _invitation_create(
    *, provider: Provider, email: str, role: str, by: User | None
) -> tuple[ProviderInvitation, str]:
    email = email.strip().lower()
    now = timezone.now()
    # A new invitation replaces any earlier one to the same person: only the newest link works.
    invitations_pending(provider).filter(email__iexact=email).update(cancelled_at=now)
    token, hashed = token_new()
    invitation = ProviderInvitation.objects.create(
        provider=provider,
        email=email,
        role=role,
        token_hash=hashed,
        invited_by=by,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_DAYS),
    )
    return invitation, token


def _invitation_email(invitation: ProviderInvitation, token: str) -> None:
    link = settings.SITE_URL + reverse("providers:invitation", args=[token])
    email_send(to=[invitation.email], template="invitation", context={"invitation": invitation, "link": link})


def invitation_send(*, provider: Provider, email: str, role: str, by: User | None) -> ProviderInvitation:
    with transaction.atomic():
        invitation, token = _invitation_create(provider=provider, email=email, role=role, by=by)
    _invitation_email(invitation, token)
    return invitation


def invitation_accept(*, invitation: ProviderInvitation, user: User) -> ProviderMembership:
    """Join the invitation's provider. Works once; never lowers an owner to an editor."""
    with transaction.atomic():
        invitation = (
            ProviderInvitation.objects.select_for_update().select_related("provider").get(pk=invitation.pk)
        )
        if not invitation_is_valid(invitation):
            raise InvitationNotValid(_("This invitation has already been used or has expired"))
        if user.email.lower() != invitation.email.lower():
            raise InvitationNotValid(_("This invitation is for a different email address"))
        membership, created = ProviderMembership.objects.get_or_create(
            user=user, provider=invitation.provider, defaults={"role": invitation.role}
        )
        if not created and invitation.role == Role.OWNER and membership.role != Role.OWNER:
            membership.role = Role.OWNER
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        if user.role == User.Role.CITIZEN:
            user.role = User.Role.PROVIDER
            user.save(update_fields=["role"])
    return membership


def invitation_accept_new_user(*, invitation: ProviderInvitation, full_name: str, password: str) -> User:
    """Create the invited person's account and join the provider, or do neither."""
    with transaction.atomic():
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name, role=User.Role.PROVIDER
        )
        invitation_accept(invitation=invitation, user=user)
    return user


# --- Teams ---------------------------------------------------------------------------------------
def membership_remove(*, membership: ProviderMembership, by: User | None) -> None:
    """Take someone out of a provider's team. Raises LastOwner (a ValueError) for the last owner."""
    with transaction.atomic():
        # Lock the provider's owners so two owners cannot remove each other at the same moment.
        list(membership.provider.memberships.select_for_update().filter(role=Role.OWNER))
        if membership_is_last_owner(membership):
            raise LastOwner(membership.provider)
        membership.delete()


# --- Organisations asking to join ----------------------------------------------------------------
def join_request_submit(*, form: ModelForm) -> JoinRequest:
    with transaction.atomic():
        join_request = form.save()
    email_send(
        to=council_addresses(), template="join_request_received", context={"join_request": join_request}
    )
    return join_request


def _join_request_locked(join_request: JoinRequest) -> JoinRequest:
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if locked.status != JoinRequest.Status.PENDING:
        raise AlreadyDecided(_("This request has already been decided"))
    return locked


def join_request_approve(*, join_request: JoinRequest, by: User) -> Provider:
    """Add the organisation to Daywell and invite the person who asked as its owner."""
    with transaction.atomic():
        join_request = _join_request_locked(join_request)
        provider = Provider.objects.create(
            name=join_request.name,
            slug=_slug_for(join_request.name),
            kind=join_request.kind,
            description=join_request.description,
            website=join_request.website,
            charity_number=join_request.charity_number,
            # The requester's own email and phone were given to the council, not for the public:
            # the owner fills in the public contact details.
        )
        join_request.status = JoinRequest.Status.APPROVED
        join_request.provider = provider
        join_request.decided_by, join_request.decided_at = by, timezone.now()
        join_request.save(update_fields=["status", "provider", "decided_by", "decided_at"])
        invitation, token = _invitation_create(
            provider=provider, email=join_request.email, role=Role.OWNER, by=by
        )
    _invitation_email(invitation, token)
    return provider


def join_request_decline(*, join_request: JoinRequest, by: User, reason: str) -> None:
    with transaction.atomic():
        join_request = _join_request_locked(join_request)
        join_request.status = JoinRequest.Status.DECLINED
        join_request.reason = reason
        join_request.decided_by, join_request.decided_at = by, timezone.now()
        join_request.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    email_send(
        to=[join_request.email], template="join_request_declined", context={"join_request": join_request}
    )


def provider_invite(*, name: str, kind: str, email: str, by: User) -> Provider:
    """The council adds an organisation and invites the person who will run it on Daywell."""
    with transaction.atomic():
        provider = Provider.objects.create(name=name, slug=_slug_for(name), kind=kind)
        invitation, token = _invitation_create(provider=provider, email=email, role=Role.OWNER, by=by)
    _invitation_email(invitation, token)
    return provider


@transaction.atomic
def venue_save(*, form, provider: Provider) -> Venue:
    """Save a venue (a valid VenueForm) with its place, and refresh the search facts of the
    listings held there: a venue's ward and access features are part of what they show."""
    from opportunities.models import Feature
    from opportunities.search_index import opportunity_index_refresh

    venue = form.save(commit=False)
    venue.provider = provider
    place = form.place
    venue.ward = place.ward
    venue.latitude, venue.longitude = place.latitude, place.longitude
    venue.save()
    venue.features.set(Feature.objects.filter(slug__in=form.cleaned_data["features"]))
    opportunity_index_refresh(ids=list(venue.opportunities.values_list("pk", flat=True)))
    return venue
