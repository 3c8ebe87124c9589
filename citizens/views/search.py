"""Search pages for a person's profile. (Being built: placeholders until then.)"""

from django.shortcuts import render
from django.urls import path

from ..access import profile_view


@profile_view("person search")
def placeholder_search(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "person search"})


urlpatterns = [
    path("<uuid:profile_uuid>/search/", placeholder_search, name="search"),
]
