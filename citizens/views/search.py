"""Search for this person: the public search, started from their profile (see `person_search`).

GET shows the search as it stands, with only ?page=N in the address. Every change (the filter
form, removing a filter, a suggestion, "start again") is a POST to the same address that keeps
the new search in the session and sends the browser back with 303. Nothing is written to the
anonymous search log: these are not the public's searches.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from opportunities import search_page
from opportunities.forms import SearchForm
from opportunities.search import filters_from_form, index_version, search
from opportunities.terms import search_terms

from ..access import profile_view, profile_viewed
from ..models import ShortlistItem
from ..person_search import (
    profile_search,
    search_change,
    search_changed,
    search_current,
    search_forget,
    search_keep,
)

DETAIL = "search for the person"


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303  # after a POST, fetch the page with GET
    return response


@profile_view(DETAIL)
@require_http_methods(["GET", "HEAD", "POST"])
def person_search(request, profile):
    version = index_version()
    terms = search_terms(version)
    start = profile_search(profile, terms)
    if request.method == "POST":
        if "reset" in request.POST:
            search_forget(request.session, profile)
            return _see_other(request.path)
        form = SearchForm(
            search_change(search_current(request.session, profile, start), request.POST), terms=terms
        )
        if form.is_valid():
            search_keep(request.session, profile, form)
            return _see_other(request.path)
        profile_viewed(request, profile, DETAIL)  # the form again, with its errors
        page = 1
    else:
        form = SearchForm(search_current(request.session, profile, start), terms=terms)
        form.is_valid()  # fields with errors are left out of the search; the rest still runs
        page = search_page.page_number(request.GET.get("page", ""))

    filters = filters_from_form(form, terms, page)
    result = search(filters, version)
    if page > 1 and not result.rows:  # the search has changed since that page was shown
        return HttpResponseRedirect(request.path)
    context = search_page.page_context(
        form=form, terms=terms, filters=filters, result=result, params=form.data, page=page, links=False
    )
    ids = [card["id"] for card in context["cards"]]
    context.update(
        profile=profile,
        start=start,
        changed=search_changed(request.session, profile),
        changes_form="person-search-changes",
        card_actions="citizens/person_search_card.html",
        shortlisted=set(
            ShortlistItem.objects.filter(profile=profile, opportunity_id__in=ids).values_list(
                "opportunity_id", flat=True
            )
        )
        if ids
        else set(),
        back_here=request.path if page == 1 else f"{request.path}?page={page}",
    )
    return render(request, "citizens/person_search.html", context)


urlpatterns = [
    path("<uuid:profile_uuid>/search/", person_search, name="search"),
]
