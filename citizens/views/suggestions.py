"""Suggestions pages for a person's profile. (Being built: placeholders until then.)"""

from django.shortcuts import render
from django.urls import path

from ..access import profile_view


@profile_view("suggestions")
def placeholder_suggestions(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "suggestions"})


urlpatterns = [
    path("<uuid:profile_uuid>/suggestions/", placeholder_suggestions, name="suggestions"),
]
