"""A provider's team, invitations to join it, and organisations asking to list on Daywell."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from daywell.tokens import token_hash

from .forms import InvitationAccountForm, InvitationForm, JoinRequestForm
from .models import Provider, ProviderInvitation, ProviderMembership
from .services import (
    InvitationNotValid,
    LastOwner,
    invitation_accept_new_user,
    invitation_find,
    invitation_send,
    invitations_pending,
    join_request_submit,
    membership_is_last_owner,
    membership_remove,
)
from .services import invitation_accept as invitation_accept_service


# --- Team ----------------------------------------------------------------------------------------
@login_required
@require_safe
def team(request, slug):
    provider = get_object_or_404(Provider.objects.editable_by(request.user), slug=slug)
    members = provider.memberships.select_related("user").order_by("-role", "user__full_name", "user__email")
    is_owner = any(m.user_id == request.user.pk and m.role == ProviderMembership.Role.OWNER for m in members)
    return render(
        request,
        "providers/team.html",
        {
            "provider": provider,
            "members": members,
            "invitations": invitations_pending(provider).order_by("email"),
            "is_owner": is_owner,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_invite(request, slug):
    provider = get_object_or_404(Provider.objects.owned_by(request.user), slug=slug)
    form = InvitationForm(request.POST if request.method == "POST" else None, provider=provider)
    if request.method == "POST" and form.is_valid():
        invitation = invitation_send(
            provider=provider,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            by=request.user,
        )
        messages.success(request, _("We have sent an invitation to %(email)s") % {"email": invitation.email})
        return redirect("providers:team", slug=provider.slug)
    return render(request, "providers/team_invite.html", {"provider": provider, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_remove(request, slug, pk):
    provider = get_object_or_404(Provider.objects.owned_by(request.user), slug=slug)
    membership = get_object_or_404(provider.memberships.select_related("user", "provider"), pk=pk)
    error = ""
    if request.method == "POST":
        try:
            membership_remove(membership=membership, by=request.user)
        except ValueError as refused:
            error = str(refused)
        else:
            if membership.user_id == request.user.pk:
                messages.success(request, _("You have left %(name)s") % {"name": provider.name})
                return redirect("providers:list")
            messages.success(
                request, _("%(user)s has been removed from the team") % {"user": membership.user}
            )
            return redirect("providers:team", slug=provider.slug)
    elif membership_is_last_owner(membership):
        error = str(LastOwner(provider))  # say so before they try
    return render(
        request,
        "providers/team_remove.html",
        {"provider": provider, "membership": membership, "error": error},
    )


# --- Accepting an invitation ---------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request, token):
    """The link in an invitation email. Works for people with or without an account."""
    invitation = invitation_find(token)
    if invitation is None:
        known = ProviderInvitation.objects.select_related("provider", "invited_by").filter(
            token_hash=token_hash(token)
        )
        return _invitation_gone(request, known.first())

    User = get_user_model()
    user = request.user
    account_exists = User.objects.filter(email__iexact=invitation.email).exists()
    context = {"invitation": invitation, "provider": invitation.provider}

    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            return render(request, "providers/invitation_other_account.html", context)
        if request.method == "POST":
            try:
                membership = invitation_accept_service(invitation=invitation, user=user)
            except InvitationNotValid:
                return _invitation_gone(request, invitation)
            messages.success(request, _("You have joined %(name)s") % {"name": membership.provider.name})
            return redirect("providers:detail", slug=membership.provider.slug)
        return render(request, "providers/invitation_accept.html", context)

    if account_exists:
        context["sign_in_url"] = reverse("accounts:sign-in") + "?" + urlencode({"next": request.path})
        return render(request, "providers/invitation_sign_in.html", context)

    form = InvitationAccountForm(request.POST if request.method == "POST" else None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            new_user = invitation_accept_new_user(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
            )
        except InvitationNotValid:
            return _invitation_gone(request, invitation)
        except IntegrityError:
            # Someone made an account with this address a moment ago: they need to sign in.
            return redirect(request.path)
        login(request, new_user)
        messages.success(
            request,
            _("Your account is ready and you have joined %(name)s") % {"name": invitation.provider.name},
        )
        return redirect("providers:detail", slug=invitation.provider.slug)
    context["form"] = form
    return render(request, "providers/invitation_account.html", context)


def _invitation_gone(request, invitation: ProviderInvitation | None):
    """An unknown link is a 404; one that has been used, cancelled or has expired is a 410."""
    member_of = None
    if invitation is not None and request.user.is_authenticated:
        member_of = Provider.objects.editable_by(request.user).filter(pk=invitation.provider_id).first()
    return render(
        request,
        "providers/invitation_gone.html",
        {"invitation": invitation, "member_of": member_of, "invitation_days": settings.INVITATION_DAYS},
        status=404 if invitation is None else 410,
    )


# --- Asking to list on Daywell -------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
def join_request_create(request):
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        join_request_submit(form=form)
        return redirect("providers:join-sent")
    return render(request, "providers/joinrequest_form.html", {"form": form})


@require_safe
def join_request_sent(request):
    return render(request, "providers/joinrequest_sent.html")
