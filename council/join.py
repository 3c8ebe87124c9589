"""The council decides who may list on Daywell: requests to join, and invitations it sends."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from providers import services
from providers.forms import JoinRequestDeclineForm, ProviderInviteForm
from providers.models import JoinRequest

from .permissions import moderator_required

DECIDED_SHOWN = 50


@moderator_required
@require_safe
def join_request_list(request):
    pending = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).order_by("created_at")
    decided = (
        JoinRequest.objects.exclude(status=JoinRequest.Status.PENDING)
        .select_related("decided_by", "provider")
        .order_by("-decided_at")
    )
    return render(
        request,
        "council/joinrequest_list.html",
        {
            "pending": pending,
            "decided": decided[:DECIDED_SHOWN],
            "decided_count": decided.count(),
            "decided_shown": DECIDED_SHOWN,
        },
    )


@moderator_required
@require_http_methods(["GET", "HEAD", "POST"])
def join_request_review(request, pk):
    join_request = get_object_or_404(JoinRequest.objects.select_related("decided_by", "provider"), pk=pk)
    is_pending = join_request.status == JoinRequest.Status.PENDING
    decline_form = JoinRequestDeclineForm(request.POST if "decline" in request.POST else None)
    if request.method == "POST":
        try:
            if not is_pending:
                raise services.AlreadyDecided
            if "approve" in request.POST:
                provider = services.join_request_approve(join_request=join_request, by=request.user)
                messages.success(
                    request,
                    _("%(name)s is approved and we have sent an invitation to %(email)s")
                    % {"name": provider.name, "email": join_request.email},
                )
                return redirect("council:join-requests")
            if decline_form.is_valid():
                reason = decline_form.cleaned_data["reason"]
                services.join_request_decline(join_request=join_request, by=request.user, reason=reason)
                messages.success(
                    request,
                    _("You have declined %(name)s and we have emailed the reason")
                    % {"name": join_request.name},
                )
                return redirect("council:join-requests")
        except services.AlreadyDecided:
            join_request.refresh_from_db()
            messages.info(
                request,
                _("This request has already been %(lower)s, so nothing has changed")
                % {"lower": join_request.get_status_display().lower()},
            )
            return redirect("council:join-request", pk=join_request.pk)
    return render(
        request,
        "council/joinrequest_review.html",
        {
            "join_request": join_request,
            "decline_form": decline_form,
            "is_pending": is_pending,
        },
    )


@moderator_required
@require_http_methods(["GET", "HEAD", "POST"])
def provider_invite(request):
    form = ProviderInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        provider = services.provider_invite(**form.cleaned_data, by=request.user)
        messages.success(
            request,
            _("%(name)s has been added and we have sent an invitation to %(email)s")
            % {"name": provider.name, "email": form.cleaned_data["email"]},
        )
        return redirect("council:join-requests")
    return render(request, "council/provider_invite.html", {"form": form})
