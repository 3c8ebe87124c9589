"""Profile pages for a person's profile. (Being built: placeholders until then.)"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from ..access import profile_view


@profile_view("profile")
def placeholder_profile(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "profile"})


@profile_view("carers")
def placeholder_carers(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "carers"})


@profile_view("access log")
def placeholder_access_log(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "access log"})


@profile_view("your data")
def placeholder_your_data(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "your data"})


@login_required
def people_list(request):
    return render(request, "citizens/placeholder.html", {"title": "your people"})


urlpatterns = [
    path("", people_list, name="list"),
    path("<uuid:profile_uuid>/", placeholder_profile, name="profile"),
    path("<uuid:profile_uuid>/carers/", placeholder_carers, name="carers"),
    path("<uuid:profile_uuid>/access-log/", placeholder_access_log, name="access-log"),
    path("<uuid:profile_uuid>/your-data/", placeholder_your_data, name="your-data"),
]
