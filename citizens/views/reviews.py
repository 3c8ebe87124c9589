"""Reviews pages for a person's profile. (Being built: placeholders until then.)"""

from django.shortcuts import render
from django.urls import path

from ..access import profile_view


@profile_view("reviews")
def placeholder_reviews(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "reviews"})


urlpatterns = [
    path("<uuid:profile_uuid>/reviews/", placeholder_reviews, name="reviews"),
]
