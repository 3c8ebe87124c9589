"""The council workspace: its front page, the review queue (new listings and changes waiting for
approval), problems reported by the public and listings hidden as stale. The front page is for every
council officer and shows the parts their roles open; everything else here is for moderators."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from insight.statement import headlines as insight_headlines
from opportunities.models import ListingChange, ListingReport, Opportunity
from opportunities.photos import photo_response
from opportunities.services import (
    EditConflict,
    listing_change_approve,
    listing_change_return,
    listing_report_resolve,
)
from opportunities.snapshots import snapshot_compare, snapshot_of
from oruk.models import SourceRecord
from providers.checks import expiry_counts as check_expiry_counts
from providers.models import JoinRequest
from safeguarding.selectors import concern_counts

from .forms import ResolveForm, ReturnForm, TaggingForm
from .permissions import (
    COMMISSIONING,
    MODERATOR,
    SAFEGUARDING,
    council_officer_required,
    has_officer_role,
    moderator_required,
)

GET_POST = ["GET", "HEAD", "POST"]
ALREADY_DEALT_WITH = _("Someone has already dealt with this, or the provider took it back to change it.")
CHANGED_SINCE_MESSAGE = _(
    "This listing changed after you opened it, so nothing was approved or returned. "
    "Read the latest version below before you decide."
)


def _counts() -> dict:
    return {
        "changes": ListingChange.objects.awaiting_review().count(),
        "reports": ListingReport.objects.filter(status=ListingReport.Status.OPEN).count(),
        "join_requests": JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count(),
        "hidden": Opportunity.objects.published().filter(hidden_as_stale_on__isnull=False).count(),
    }


@require_safe
@council_officer_required
def workspace_home(request):
    """Each officer's starting point: what is waiting in the parts of the workspace they may open."""
    user = request.user
    moderator = has_officer_role(user, MODERATOR)
    context = {"counts": _counts() | {"checks": check_expiry_counts()} if moderator else None}
    if has_officer_role(user, SAFEGUARDING):
        context["concern_counts"] = concern_counts()
    if has_officer_role(user, COMMISSIONING):
        context["insight"] = insight_headlines()
    # Each part of the workspace adds what its officers need to see first below.
    return render(request, "council/home.html", context)


@require_safe
@moderator_required
def stale_list(request):
    """Published listings hidden from search because nobody checked them for a year, longest first."""
    listings = (
        Opportunity.objects.published()
        .filter(hidden_as_stale_on__isnull=False)
        .select_related("provider")
        .order_by("hidden_as_stale_on", "title")
    )
    return render(request, "council/stale_list.html", {"listings": listings[:500], "counts": _counts()})


@require_safe
@moderator_required
def review_queue(request):
    kind = request.GET.get("kind", "")
    words = request.GET.get("q", "").replace("\x00", "").strip()[:100]  # PostgreSQL refuses NUL
    waiting = ListingChange.objects.awaiting_review()
    if words:
        waiting = waiting.filter(
            Q(opportunity__title__icontains=words) | Q(opportunity__provider__name__icontains=words)
        )
    changes = waiting.select_related("opportunity__provider", "submitted_by")
    if kind == "new":
        changes = changes.filter(opportunity__published_at__isnull=True)
    elif kind == "changes":
        changes = changes.filter(opportunity__published_at__isnull=False)
    else:
        kind = ""
    totals = waiting.aggregate(
        new=Count("pk", filter=Q(opportunity__published_at__isnull=True)),
        changes=Count("pk", filter=Q(opportunity__published_at__isnull=False)),
    )
    context = {
        "changes": changes.order_by("submitted_at"),
        "kind": kind,
        "words": words,
        "totals": totals,
        "counts": _counts(),
    }
    return render(request, "council/review_queue.html", context)


@require_http_methods(GET_POST)
@moderator_required
def change_review(request, pk):
    change = get_object_or_404(
        ListingChange.objects.select_related("opportunity__provider", "submitted_by"), pk=pk
    )
    opportunity = change.opportunity
    waiting = change.status == ListingChange.Status.SUBMITTED
    tagging = TaggingForm(request.POST if "approve" in request.POST else None, proposed=change.proposed)
    returning = ReturnForm(request.POST if "return" in request.POST else None)
    if request.method == "POST" and not waiting:
        messages.info(request, ALREADY_DEALT_WITH)
        return redirect("council:queue")
    revision = request.POST.get("revision", "")
    revision = int(revision) if revision.isdecimal() and len(revision) < 10 else -1
    try:
        if request.method == "POST" and "approve" in request.POST and tagging.is_valid():
            listing_change_approve(
                change=change, by=request.user, revision=revision, tags=tagging.cleaned_data
            )
            messages.success(
                request,
                _("“%(title)s” is published. The provider has been told.") % {"title": opportunity.title},
            )
            return redirect("council:queue")
        if request.method == "POST" and "return" in request.POST and returning.is_valid():
            reason = returning.cleaned_data["reason"]
            listing_change_return(change=change, by=request.user, revision=revision, reason=reason)
            messages.success(
                request,
                _("“%(title)s” is returned to the provider with your reason.") % {"title": opportunity.title},
            )
            return redirect("council:queue")
    except EditConflict:
        # The provider changed it, or another officer decided, after this page was opened.
        messages.error(request, CHANGED_SINCE_MESSAGE)
        return redirect("council:change", pk=change.pk)
    imported = list(SourceRecord.objects.filter(opportunity=opportunity, kind=SourceRecord.Kind.SERVICE))
    context = {
        "change": change,
        "opportunity": opportunity,
        "waiting": waiting,
        "sections": snapshot_compare(
            snapshot_of(opportunity), change.proposed, provider_id=opportunity.provider_id
        ),
        "is_new": opportunity.published_at is None,
        "tagging": tagging,
        "returning": returning,
        "events": opportunity.events.select_related("actor")[:10],
        "revision": opportunity.content_revision,
        "photo": change.proposed.get("photo"),
        "import_flags": [flag for record in imported for flag in record.flags],
        "imported_from": imported[0].source if imported else "",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "council/change_review.html", context, status=status)


@require_safe
@moderator_required
def report_list(request):
    show = "resolved" if request.GET.get("show") == "resolved" else "open"
    reports = ListingReport.objects.filter(status=show).select_related("opportunity__provider", "resolved_by")
    reports = reports.order_by("created_at" if show == "open" else "-resolved_at")[:200]
    return render(
        request, "council/report_list.html", {"reports": reports, "show": show, "counts": _counts()}
    )


@require_http_methods(GET_POST)
@moderator_required
def report_resolve(request, pk):
    report = get_object_or_404(ListingReport.objects.select_related("opportunity"), pk=pk)
    if report.status == ListingReport.Status.RESOLVED:
        messages.info(request, _("This report was already marked as resolved."))
        return redirect("council:reports")
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        listing_report_resolve(report=report, by=request.user, resolution=form.cleaned_data["resolution"])
        messages.success(request, _("The report is marked as resolved."))
        return redirect("council:reports")
    return render(request, "providers/report_resolve.html", {"report": report, "form": form})


@require_safe
@moderator_required
def listing_history(request, pk):
    opportunity = get_object_or_404(Opportunity, pk=pk)
    events = opportunity.events.select_related("actor")
    return render(request, "providers/listing_history.html", {"opportunity": opportunity, "events": events})


@require_safe
@moderator_required
def change_photo(request, pk):
    """The photo a provider proposes, so the officer sees it before it can be published."""
    change = get_object_or_404(ListingChange, pk=pk)
    photo_id = (change.proposed.get("photo") or {}).get("id")
    photo = get_object_or_404(change.opportunity.photos, pk=photo_id) if photo_id else None
    if photo is None:
        raise Http404(_("This change has no photo"))
    return photo_response(photo, public=False)
