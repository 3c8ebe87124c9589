"""Concerns about an adult: the public form, and the safeguarding officers' queue.

What a concern says must never reach an email, a log or an error report. So every view that holds
a concern's words is marked `sensitive_post_parameters()` (Django's error reports hide the POST)
and `sensitive_variables()` (they hide the view's local variables), and pages are never cached.
Officer pages log every concern they show (see ConcernView).
"""

import uuid

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_safe

from accounts.sign_in import client_ip
from council.permissions import safeguarding_required
from opportunities.models import Opportunity

from .forms import ConcernForm, ConcernNoteForm, ConcernUpdateForm
from .models import Concern, ConcernView
from .selectors import concern_access_log, concern_counts
from .services import (
    ConcernAlreadySent,
    ConcernChanged,
    concern_already_sent,
    concern_flood_refused,
    concern_note_add,
    concern_report,
    concern_submissions_clear_stale,
    concern_update,
    concern_views_record,
)

GET_POST = ["GET", "HEAD", "POST"]
SENT_REFERENCE = "safeguarding_concern_reference"
QUEUE_LIMIT = 200
CHANGED_SINCE_MESSAGE = _(
    "This concern changed after you opened it, so your change was not saved. "
    "Check the latest status and officer below before you save again."
)
BOTH_FORMS_MESSAGE = _("Add the note and save the status one at a time. Nothing was saved.")
FLOOD_MESSAGE = _(
    "You have sent several concerns from here in the last hour, so we cannot take another one online "
    "just now. Phone Adult Social Care on 0121 303 1234 to tell us more."
)


def _listing(value: str):
    """The published listing a report came from, if `?listing=` names one; anything else is ignored."""
    try:
        listing_uuid = uuid.UUID(value.strip()[:64])
    except (AttributeError, ValueError):
        return None
    return Opportunity.objects.published().filter(uuid=listing_uuid).select_related("provider").first()


@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_http_methods(GET_POST)
def report(request):
    listing = _listing(request.GET.get("listing") or request.POST.get("listing") or "")
    form = ConcernForm(request.POST if request.method == "POST" else None, opportunity=listing)
    status = 200
    if request.method == "POST":
        if form.is_trap_filled:
            # Sent by a program, not a person: save nothing and give nothing away.
            return render(request, "safeguarding/concern_sent.html", {"reference": None})
        if concern_already_sent(form_token=form.token):
            return _sent_again(request)
        if form.is_valid():
            ip = client_ip(request)
            if concern_flood_refused(ip=ip):
                form.add_error(None, FLOOD_MESSAGE)
                status = 429
            else:
                try:
                    concern = concern_report(
                        fields=form.concern_fields(), opportunity=listing, ip=ip, form_token=form.token
                    )
                except ConcernAlreadySent:
                    return _sent_again(request)
                request.session[SENT_REFERENCE] = concern.reference
                return redirect("concerns:sent")
        else:
            status = 400
    return render(
        request, "safeguarding/concern_form.html", {"form": form, "listing": listing}, status=status
    )


def _sent_again(request):
    """The same form sent a second time (a double click): its concern is saved once. If the
    reference is still waiting to be shown, show it; otherwise just say the concern was sent."""
    if request.session.get(SENT_REFERENCE):
        return redirect("concerns:sent")
    return render(request, "safeguarding/concern_sent.html", {"reference": None})


@never_cache
@require_safe
def sent(request):
    # Shown once, then forgotten: someone using the computer later cannot see that a concern was sent.
    reference = request.session.pop(SENT_REFERENCE, None)
    if not reference:
        return redirect("concerns:report")
    return render(request, "safeguarding/concern_sent.html", {"reference": reference})


# --- For safeguarding officers ------------------------------------------------------------------

STATUS_FILTERS = {"open": Concern.OPEN_STATUSES, **{value: (value,) for value in Concern.Status.values}}


@never_cache
@require_safe
@safeguarding_required
def queue(request):
    show = request.GET.get("status", "open")
    if show not in STATUS_FILTERS and show != "all":
        show = "open"
    concerns = Concern.objects.select_related("opportunity", "assigned_to")
    if show != "all":
        concerns = concerns.filter(status__in=STATUS_FILTERS[show])
    concerns = list(concerns.queue_order()[:QUEUE_LIMIT])
    concern_views_record(concerns=concerns, user=request.user, action=ConcernView.Action.LISTED)
    # The hashed addresses behind the hourly limit are also deleted when a concern is saved; this
    # clears them on days when nobody sends one.
    concern_submissions_clear_stale()
    counts = concern_counts()
    filters = [
        ("open", _("New or in triage"), counts[Concern.Status.NEW] + counts[Concern.Status.IN_TRIAGE]),
        *((value, label, counts[value]) for value, label in Concern.Status.choices),
        ("all", "All", sum(counts.values())),
    ]
    context = {"concerns": concerns, "show": show, "filters": filters, "limit": QUEUE_LIMIT}
    return render(request, "safeguarding/concern_queue.html", context)


@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_http_methods(GET_POST)
@safeguarding_required
def detail(request, concern_uuid):
    concern = get_object_or_404(
        Concern.objects.select_related("opportunity__provider", "assigned_to"), uuid=concern_uuid
    )
    posted = request.POST if request.method == "POST" else None
    updating, noting = "update" in request.POST, "note" in request.POST
    update_form = ConcernUpdateForm(posted if updating else None, concern=concern)
    note_form = ConcernNoteForm(posted if noting else None)
    status = 200
    if request.method == "POST":
        status = 400
        if updating and noting:
            # Not sent by the page, where each has its own form: save neither, lose nothing typed.
            note_form.add_error(None, BOTH_FORMS_MESSAGE)
        elif updating and update_form.is_valid():
            try:
                changed = concern_update(
                    concern=concern,
                    by=request.user,
                    status=update_form.cleaned_data["status"],
                    assigned_to=update_form.cleaned_data["assigned_to"],
                    revision=_revision(request.POST.get("revision", "")),
                )
            except ConcernChanged:
                messages.error(request, CHANGED_SINCE_MESSAGE)
                return redirect(concern)
            messages.success(request, _("Concern updated.") if changed else _("Nothing changed."))
            return redirect(concern)
        elif noting and note_form.is_valid():
            concern_note_add(concern=concern, by=request.user, text=note_form.cleaned_data["text"])
            messages.success(request, _("Note added."))
            return redirect(concern)
    # The page shows the whole concern, so a form shown again with its errors is a view too.
    concern_views_record(concerns=[concern], user=request.user, action=ConcernView.Action.VIEWED)
    context = {
        "concern": concern,
        "update_form": update_form,
        "note_form": note_form,
        "notes": concern.notes.select_related("author"),
        **concern_access_log(concern),
    }
    return render(request, "safeguarding/concern_detail.html", context, status=status)


def _revision(value: str) -> int:
    """The revision the form was opened at; a form without one is treated as out of date."""
    return int(value) if value.isdecimal() and len(value) < 10 else -1
