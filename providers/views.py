"""The provider workspace: an organisation's details, venues and listings.

Every object is fetched through the signed-in user's own providers, so another provider's
organisation, venue, listing, photo or report is a 404 (see `_provider` and `_listing`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from citizens.enquiries import enquiries_waiting
from opportunities.models import ListingChange, ListingReport, Opportunity
from opportunities.photos import PhotoForm, photo_response
from opportunities.services import (
    EditConflict,
    listing_change_discard,
    listing_closure_update,
    listing_confirm_current,
    listing_draft_save,
    listing_report_resolve,
    listing_start,
    listing_submit,
    listing_vacancies_update,
)
from opportunities.snapshots import SECTION_TITLES, SECTIONS, snapshot_compare, snapshot_of

from .listing_forms import (
    SECTION_FORMS,
    AboutForm,
    ClosureForm,
    ProviderDetailsForm,
    ReportResolveForm,
    VacanciesForm,
    VenueForm,
)
from .models import Provider, Venue
from .services import venue_save

GET_POST = ["GET", "HEAD", "POST"]
STALE_AFTER_DAYS = 150  # "not checked for a while": a month before the six-month reminder
CONFLICT_MESSAGE = gettext_lazy(
    "Someone else saved changes to this listing after you opened this page, so your changes have not "
    "been saved. What you entered is shown below: copy anything you need, then open the section again "
    "to see the latest version."
)


CHANGED_SINCE_MESSAGE = gettext_lazy(
    "Someone changed this listing while you were looking at it, so nothing was sent or discarded. "
    "Check the latest version below."
)


def _provider(request, slug) -> Provider:
    return get_object_or_404(Provider.objects.editable_by(request.user), slug=slug)


def _listing(request, slug, pk) -> tuple[Provider, Opportunity]:
    provider = _provider(request, slug)
    return provider, get_object_or_404(Opportunity.objects.filter(provider=provider), pk=pk)


def _posted_revision(request) -> int:
    text = request.POST.get("revision", "")
    return int(text) if text.isdecimal() and len(text) < 10 else -1


def _open_change(opportunity) -> ListingChange | None:
    return ListingChange.objects.open().filter(opportunity=opportunity).first()


def listing_state(opportunity: Opportunity, change: ListingChange | None) -> tuple[str, str]:
    """(words, GOV.UK tag colour) for where a listing stands."""
    if opportunity.status == Opportunity.Status.ARCHIVED:
        return gettext("Taken down"), "grey"
    if opportunity.status != Opportunity.Status.PUBLISHED:
        if change and change.status == ListingChange.Status.SUBMITTED:
            return gettext("Waiting for approval"), "blue"
        if change and change.status == ListingChange.Status.RETURNED:
            return gettext("Returned: needs changes"), "red"
        return gettext("Draft: not sent"), "grey"
    if opportunity.hidden_as_stale_on:
        return gettext("Hidden: not checked for a year"), "red"
    if change and change.status == ListingChange.Status.SUBMITTED:
        return gettext("Published: changes waiting for approval"), "blue"
    if change and change.status == ListingChange.Status.RETURNED:
        return gettext("Published: changes returned"), "red"
    if change:
        return gettext("Published: changes not sent"), "yellow"
    return gettext("Published"), "green"


# --- The organisation ------------------------------------------------------------------------------
@require_safe
@login_required
def provider_list(request):
    providers = Provider.objects.editable_by(request.user)
    if len(providers) == 1:
        return redirect("providers:detail", slug=providers[0].slug)
    return render(request, "providers/provider_list.html", {"providers": providers})


@require_safe
@login_required
def provider_detail(request, slug):
    provider = _provider(request, slug)
    open_changes = ListingChange.objects.open()
    listings = (
        Opportunity.objects.filter(provider=provider)
        .exclude(status=Opportunity.Status.ARCHIVED)
        .prefetch_related(Prefetch("changes", queryset=open_changes, to_attr="open_changes"))
        .annotate(open_reports=Count("reports", filter=Q(reports__status=ListingReport.Status.OPEN)))
        .order_by("title")
    )
    stale_before = timezone.localdate() - timezone.timedelta(days=STALE_AFTER_DAYS)
    rows = []
    for opportunity in listings:
        change = opportunity.open_changes[0] if opportunity.open_changes else None
        words, colour = listing_state(opportunity, change)
        rows.append({"opportunity": opportunity, "change": change, "state": words, "colour": colour})
    reports = (
        ListingReport.objects.filter(opportunity__provider=provider, status=ListingReport.Status.OPEN)
        .select_related("opportunity")
        .order_by("created_at")
    )
    attention = {
        "returned": [r for r in rows if r["change"] and r["change"].status == ListingChange.Status.RETURNED],
        "drafts": [r for r in rows if r["change"] and r["change"].status == ListingChange.Status.DRAFT],
        "waiting": [r for r in rows if r["change"] and r["change"].status == ListingChange.Status.SUBMITTED],
        "stale": [
            r
            for r in rows
            if r["opportunity"].is_published
            and (r["opportunity"].last_checked_on or stale_before) <= stale_before
        ],
        "reports": reports,
        "enquiries": list(enquiries_waiting(provider).select_related("opportunity").order_by("sent_at")),
    }
    context = {
        "provider": provider,
        "rows": rows,
        "attention": attention,
        "attention_count": sum(len(v) for v in attention.values()),
        "venues": provider.venues.select_related("ward"),
        "is_owner": provider.memberships.filter(user=request.user, role="owner").exists(),
    }
    return render(request, "providers/provider_detail.html", context)


@require_http_methods(GET_POST)
@login_required
def provider_update(request, slug):
    provider = _provider(request, slug)
    form = ProviderDetailsForm(request.POST or None, instance=provider)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your organisation's details are saved."))
        return redirect("providers:detail", slug=provider.slug)
    return render(request, "providers/provider_form.html", {"provider": provider, "form": form})


# --- Venues ----------------------------------------------------------------------------------------
@require_http_methods(GET_POST)
@login_required
def venue_create(request, slug):
    provider = _provider(request, slug)
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        venue = venue_save(form=form, provider=provider)
        messages.success(request, gettext("%(name)s is saved.") % {"name": venue.name})
        return redirect("providers:detail", slug=provider.slug)
    return render(request, "providers/venue_form.html", {"provider": provider, "form": form})


@require_http_methods(GET_POST)
@login_required
def venue_update(request, slug, pk):
    provider = _provider(request, slug)
    venue = get_object_or_404(Venue.objects.filter(provider=provider), pk=pk)
    saved_name = venue.name  # the form changes the instance in memory as it validates
    form = VenueForm(request.POST or None, instance=venue)
    if request.method == "POST" and form.is_valid():
        venue = venue_save(form=form, provider=provider)
        messages.success(
            request,
            gettext("%(name)s is saved. Listings held there show the change now.") % {"name": venue.name},
        )
        return redirect("providers:detail", slug=provider.slug)
    return render(
        request, "providers/venue_form.html", {"provider": provider, "form": form, "venue_name": saved_name}
    )


# --- Listings: the editor ------------------------------------------------------------------------
@require_http_methods(GET_POST)
@login_required
def listing_create(request, slug):
    provider = _provider(request, slug)
    form = AboutForm(request.POST or None, provider=provider, snapshot=snapshot_of(Opportunity()))
    if request.method == "POST" and form.is_valid():
        opportunity, _ = listing_start(provider=provider, by=request.user, section=form.section())
        return redirect("providers:listing-section", slug=provider.slug, pk=opportunity.pk, section="who")
    return render(
        request,
        "providers/listing_section.html",
        {"provider": provider, "form": form, "section_title": gettext("Add a listing"), "new": True},
    )


def _next_section(section: str) -> str | None:
    slugs = [slug for slug, _, _ in SECTIONS]
    index = slugs.index(section)
    return slugs[index + 1] if index + 1 < len(slugs) else None


@require_http_methods(GET_POST)
@login_required
def listing_section(request, slug, pk, section):
    provider, opportunity = _listing(request, slug, pk)
    if section not in SECTION_TITLES or opportunity.status == Opportunity.Status.ARCHIVED:
        raise Http404(gettext("No such section"))
    change = _open_change(opportunity)
    snapshot = change.proposed if change else snapshot_of(opportunity)
    # A first pass through a new listing goes section by section; later edits return to the check page.
    first_pass = opportunity.published_at is None and (change is None or change.submitted_at is None)
    data = request.POST if request.method == "POST" else None
    if section == "photo":
        form = PhotoForm(data, request.FILES if data is not None else None, current=snapshot.get("photo"))
    else:
        form = SECTION_FORMS[section](data, provider=provider, snapshot=snapshot)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                values = (
                    form.section(opportunity=opportunity, by=request.user)
                    if section == "photo"
                    else form.section()
                )
                listing_draft_save(
                    opportunity=opportunity,
                    by=request.user,
                    section=values,
                    revision=_posted_revision(request),
                )
        except EditConflict:
            conflict = True
        else:
            following = _next_section(section) if first_pass else None
            if following:
                return redirect("providers:listing-section", slug=slug, pk=pk, section=following)
            return redirect("providers:listing-check", slug=slug, pk=pk)
    context = {
        "provider": provider,
        "opportunity": opportunity,
        "form": form,
        "section": section,
        "section_title": SECTION_TITLES[section],
        # Shown again after an error, the page keeps the version the editor started from, so a
        # colleague's save in between is still caught.
        "revision": request.POST.get("revision", "")
        if request.method == "POST"
        else opportunity.content_revision,
        "conflict": conflict,
        "first_pass": first_pass,
        "multipart": section == "photo",
        "current_photo": snapshot.get("photo"),
    }
    if conflict:
        messages.error(request, CONFLICT_MESSAGE)
    return render(request, "providers/listing_section.html", context, status=409 if conflict else 200)


REQUIRED_TO_SEND = [
    ("about", "title", gettext_lazy("Enter the name of the activity")),
    ("about", "summary", gettext_lazy("Enter a short summary")),
    ("about", "description", gettext_lazy("Enter what happens")),
    ("where", "delivery", gettext_lazy("Select where it happens")),
]


def _missing(snapshot: dict) -> list[tuple[str, str]]:
    missing = [(section, message) for section, key, message in REQUIRED_TO_SEND if not snapshot.get(key)]
    if not snapshot.get("by_arrangement") and not snapshot.get("sessions"):
        missing.append(("when", gettext("Add the weekly sessions, or say times are agreed with each person")))
    if not snapshot.get("contact_email") and not snapshot.get("contact_phone"):
        missing.append(
            ("joining", gettext("Enter an email address or a phone number so people can get in touch"))
        )
    return missing


@require_http_methods(GET_POST)
@login_required
def listing_check(request, slug, pk):
    """Check your answers, then send them to the council."""
    provider, opportunity = _listing(request, slug, pk)
    if opportunity.status == Opportunity.Status.ARCHIVED:
        raise Http404(gettext("This listing was taken down"))
    change = _open_change(opportunity)
    published = snapshot_of(opportunity)
    proposed = change.proposed if change else published
    missing = _missing(proposed)
    if request.method == "POST":
        if change is None or change.status == ListingChange.Status.SUBMITTED:
            messages.info(request, gettext("There is nothing new to send."))
            return redirect("providers:listing", slug=slug, pk=pk)
        if not missing:
            try:
                listing_submit(change=change, by=request.user, revision=_posted_revision(request))
            except EditConflict:
                messages.error(request, CHANGED_SINCE_MESSAGE)
                return redirect("providers:listing-check", slug=slug, pk=pk)
            messages.success(
                request, gettext("Sent to the council. We will email you when they have looked at it.")
            )
            return redirect("providers:listing", slug=slug, pk=pk)
    sections = snapshot_compare(published, proposed, provider_id=provider.pk)
    context = {
        "provider": provider,
        "opportunity": opportunity,
        "change": change,
        "sections": sections,
        "is_new": opportunity.published_at is None,
        "missing": missing if request.method == "POST" or change else [],
        "can_send": change is not None and change.status != ListingChange.Status.SUBMITTED,
        "revision": opportunity.content_revision,
    }
    return render(
        request, "providers/listing_check.html", context, status=400 if request.method == "POST" else 200
    )


@require_http_methods(GET_POST)
@login_required
def listing_discard(request, slug, pk):
    provider, opportunity = _listing(request, slug, pk)
    change = _open_change(opportunity)
    if change is None or opportunity.published_at is None:
        raise Http404(gettext("Nothing to discard"))
    if request.method == "POST":
        try:
            listing_change_discard(change=change, by=request.user, revision=_posted_revision(request))
        except EditConflict:
            messages.error(request, CHANGED_SINCE_MESSAGE)
            return redirect("providers:listing-check", slug=slug, pk=pk)
        messages.success(
            request, gettext("Your unsent changes are discarded. The published version stays as it was.")
        )
        return redirect("providers:listing", slug=slug, pk=pk)
    return render(
        request,
        "providers/listing_discard.html",
        {"provider": provider, "opportunity": opportunity, "revision": opportunity.content_revision},
    )


# --- Listings: overview and updates published at once ------------------------------------------
@require_safe
@login_required
def listing(request, slug, pk):
    provider, opportunity = _listing(request, slug, pk)
    change = _open_change(opportunity)
    words, colour = listing_state(opportunity, change)
    context = {
        "provider": provider,
        "opportunity": opportunity,
        "change": change,
        "state": words,
        "colour": colour,
        "reports": opportunity.reports.filter(status=ListingReport.Status.OPEN),
        "events": opportunity.events.select_related("actor")[:5],
    }
    return render(request, "providers/listing_detail.html", context)


def _published(request, slug, pk):
    provider, opportunity = _listing(request, slug, pk)
    if not opportunity.is_published:
        raise Http404(gettext("Only a published listing can be updated this way"))
    return provider, opportunity


@require_http_methods(GET_POST)
@login_required
def listing_vacancies(request, slug, pk):
    provider, opportunity = _published(request, slug, pk)
    form = VacanciesForm(request.POST or None, initial={"vacancies": opportunity.vacancies})
    if request.method == "POST" and form.is_valid():
        listing_vacancies_update(
            opportunity=opportunity, by=request.user, vacancies=form.cleaned_data["vacancies"]
        )
        messages.success(request, gettext("Places are updated. People can see this now."))
        return redirect("providers:listing", slug=slug, pk=pk)
    return render(
        request,
        "providers/listing_update.html",
        {"provider": provider, "opportunity": opportunity, "form": form, "title": gettext("Places")},
    )


@require_http_methods(GET_POST)
@login_required
def listing_closure(request, slug, pk):
    provider, opportunity = _published(request, slug, pk)
    initial = {"closed": "yes" if opportunity.closed_until else "no"}
    if opportunity.closed_until:
        initial["reopens"] = f"{opportunity.closed_until:%-d %-m %Y}"
    form = ClosureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        listing_closure_update(
            opportunity=opportunity, by=request.user, closed_until=form.cleaned_data["closed_until"]
        )
        messages.success(request, gettext("Saved. People can see this now."))
        return redirect("providers:listing", slug=slug, pk=pk)
    return render(
        request,
        "providers/listing_update.html",
        {
            "provider": provider,
            "opportunity": opportunity,
            "form": form,
            "title": gettext("Temporary closure"),
        },
    )


@require_POST
@login_required
def listing_confirm(request, slug, pk):
    _, opportunity = _published(request, slug, pk)
    listing_confirm_current(opportunity=opportunity, by=request.user)
    messages.success(request, gettext("Thank you. The listing shows it was checked today."))
    return redirect("providers:listing", slug=slug, pk=pk)


@require_safe
@login_required
def listing_history(request, slug, pk):
    provider, opportunity = _listing(request, slug, pk)
    events = opportunity.events.select_related("actor")
    return render(
        request,
        "providers/listing_history.html",
        {"provider": provider, "opportunity": opportunity, "events": events},
    )


@require_safe
@login_required
def listing_photo(request, slug, pk, photo_id):
    """A photo of the provider's own listing, approved or not (the public see approved ones only)."""
    _, opportunity = _listing(request, slug, pk)
    return photo_response(get_object_or_404(opportunity.photos, pk=photo_id), public=False)


@require_http_methods(GET_POST)
@login_required
def report_resolve(request, slug, pk):
    provider = _provider(request, slug)
    report = get_object_or_404(
        ListingReport.objects.filter(opportunity__provider=provider).select_related("opportunity"), pk=pk
    )
    form = ReportResolveForm(request.POST or None)
    if report.status == ListingReport.Status.RESOLVED:
        messages.info(request, gettext("This report was already marked as resolved."))
        return redirect("providers:listing", slug=slug, pk=report.opportunity_id)
    if request.method == "POST" and form.is_valid():
        listing_report_resolve(report=report, by=request.user, resolution=form.cleaned_data["resolution"])
        messages.success(request, gettext("The report is marked as resolved."))
        return redirect(reverse("providers:listing", args=[slug, report.opportunity_id]))
    return render(
        request, "providers/report_resolve.html", {"provider": provider, "report": report, "form": form}
    )
