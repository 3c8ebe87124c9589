"""Enquiries pages for a person's profile. (Being built: placeholders until then.)"""

from django.shortcuts import render
from django.urls import path

from ..access import profile_view


@profile_view("enquiries")
def placeholder_enquiries(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "enquiries"})


urlpatterns = [
    path("<uuid:profile_uuid>/enquiries/", placeholder_enquiries, name="enquiries"),
]
