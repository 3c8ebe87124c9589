"""Suggestions for a person: the listings that fit their profile best, with the reasons why."""

from django.shortcuts import render
from django.urls import path

from ..access import profile_view, relation
from ..suggestions import profile_suggestions


@profile_view("suggestions")
def suggestions(request, profile):
    # The person reading their own page is "you"; anyone acting for them reads their name.
    found = profile_suggestions(profile=profile, you=relation(request.user, profile) == "person")
    return render(
        request,
        "citizens/suggestions.html",
        {"profile": profile, "found": found, "voice": found.voice, "here": request.get_full_path()},
    )


urlpatterns = [
    path("<uuid:profile_uuid>/suggestions/", suggestions, name="suggestions"),
]
