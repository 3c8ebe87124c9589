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


urlpatterns = [
    path("<uuid:profile_uuid>/shortlist/", placeholder_shortlist, name="shortlist"),
    path("<uuid:profile_uuid>/plan/", placeholder_plan, name="plan"),
]
