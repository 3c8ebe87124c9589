from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from citizens.plan import shortlist_box
from providers.models import Venue

from . import search_page
from .forms import ListingReportForm, SearchForm
from .freshness import (
    freshness_notice_for_token,
    freshness_notice_usable,
    freshness_notice_use,
    listing_checked_on,
)
from .models import Opportunity, SearchLog
from .photos import photo_response
from .search import filters_from_form, index_version, search
from .services import listing_report_record
from .terms import search_terms

_page_number = search_page.page_number  # the name bench/run.py imports


@require_safe
def opportunity_list(request):
    """Search and browse published opportunities. Every filter is a GET parameter."""
    version = index_version()  # one small query: is this process's copy of the index current?
    terms = search_terms(version)
    form = SearchForm(request.GET, terms=terms)
    form.is_valid()  # fields with errors are left out of the search; the rest still runs
    page = search_page.page_number(request.GET.get("page", ""))
    filters = filters_from_form(form, terms, page)
    result = search(filters, version)
    if page > 1 and not result.rows:
        raise Http404(_("There is no such page of results"))

    context = search_page.page_context(
        form=form, terms=terms, filters=filters, result=result, params=request.GET, page=page
    )
    if page == 1:
        SearchLog.objects.create(
            filters=search_page.log_filters(form),
            words=search_page.loggable_words(filters.words),
            result_count=result.total,
            ward=form.place.ward if form.place and form.cleaned_data.get("postcode") else None,
        )
    return render(request, "opportunities/opportunity_list.html", context)


@require_safe
def opportunity_detail(request, slug):
    opportunity = get_object_or_404(
        Opportunity.objects.published()
        .select_related("provider", "photo")
        .defer("photo__image")  # the page needs the photo's size and alt text, not its bytes
        .prefetch_related(
            "sessions",
            "costs",
            "interests",
            "payment_routes",
            "audiences",
            "features",
            "areas",
            Prefetch("venues", queryset=Venue.objects.select_related("ward").prefetch_related("features")),
        ),
        slug=slug,
    )
    # For whoever acts for people (a social worker, a carer, the person): add it to a shortlist.
    # Nothing, and no query, for a visitor who is not signed in.
    context = {"opportunity": opportunity, "shortlist_box": shortlist_box(request.user, opportunity)}
    return render(request, "opportunities/opportunity_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_report(request, slug):
    """Tell the council that a published listing is wrong."""
    opportunity = get_object_or_404(Opportunity.objects.published().select_related("provider"), slug=slug)
    form = ListingReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.opportunity = opportunity
        listing_report_record(report=report)
        return redirect("opportunities:report-sent", slug=opportunity.slug)
    return render(
        request, "opportunities/listingreport_form.html", {"opportunity": opportunity, "form": form}
    )


@require_safe
def opportunity_report_sent(request, slug):
    opportunity = get_object_or_404(Opportunity.objects.published(), slug=slug)
    return render(request, "opportunities/listingreport_sent.html", {"opportunity": opportunity})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def still_current(request, token):
    """The one-click "still current" link from a freshness email: no password, works once.

    GET only shows the listing and a button (mail scanners open links); the POST confirms."""
    invalid = "opportunities/still_current_invalid.html"
    notice = freshness_notice_for_token(token)
    if notice is None:
        return render(request, invalid, {}, status=404)
    opportunity = notice.opportunity
    context = {"opportunity": opportunity, "was_hidden": opportunity.hidden_as_stale_on is not None}
    if not freshness_notice_usable(notice):
        return render(request, invalid, context, status=410)
    if request.method == "POST":
        if not freshness_notice_use(notice=notice):  # another click got there a moment before
            return render(request, invalid, context, status=410)
        return render(request, "opportunities/still_current_done.html", context)
    context["checked_on"] = listing_checked_on(opportunity)
    return render(request, "opportunities/still_current.html", context)


@require_safe
def opportunity_photo(request, slug, photo_id):
    """A published listing's current photo. Any other photo (one waiting for the council's
    approval, or one since replaced) is a 404."""
    opportunity = get_object_or_404(
        Opportunity.objects.published().select_related("photo"), slug=slug, photo_id=photo_id
    )
    return photo_response(opportunity.photo, public=True)
