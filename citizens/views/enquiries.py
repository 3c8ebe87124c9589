"""Enquiries pages for a person's profile. (Being built: placeholders until then.)"""

from django.shortcuts import render
from django.urls import path

from ..access import profile_view


@profile_view("enquiries")
def placeholder_enquiries(request, profile):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "enquiries"})


@profile_view("enquiries")
def placeholder_enquiry_new(request, profile, **kwargs):
    return render(request, "citizens/placeholder.html", {"profile": profile, "title": "enquiries"})


urlpatterns = [
    path("<uuid:profile_uuid>/enquiries/", placeholder_enquiries, name="enquiries"),
    path(
        "<uuid:profile_uuid>/enquiries/new/<int:opportunity_id>/", placeholder_enquiry_new, name="enquiry-new"
    ),
]
