"""Plan pages for a person's profile. (Being built: placeholders until then.)"""

from django.shortcuts import render
from django.urls import path

from ..access import profile_view


@profile_view("shortlist")
def placeholder_shortlist(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "shortlist"})


@profile_view("weekly plan")
def placeholder_plan(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "weekly plan"})


@profile_view("shortlist")
def placeholder_shortlist_add(request, profile, **kwargs):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "shortlist"})


@profile_view("shortlist")
def placeholder_shortlist_remove(request, profile, **kwargs):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "shortlist"})


@profile_view("weekly plan")
def placeholder_plan_add(request, profile, **kwargs):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "weekly plan"})


urlpatterns = [
    path("<uuid:profile_uuid>/shortlist/", placeholder_shortlist, name="shortlist"),
    path("<uuid:profile_uuid>/plan/", placeholder_plan, name="plan"),
    path("<uuid:profile_uuid>/shortlist/add/", placeholder_shortlist_add, name="shortlist-add"),
    path(
        "<uuid:profile_uuid>/shortlist/<int:item_id>/remove/",
        placeholder_shortlist_remove,
        name="shortlist-remove",
    ),
    path("<uuid:profile_uuid>/plan/add/<int:opportunity_id>/", placeholder_plan_add, name="plan-add"),
]
