"""A provider's upload of the CSV template, mounted at /provider/<slug>/import/ (oruk.pages)."""

from django.urls import path

from . import pages

app_name = "provider_import"
urlpatterns = [
    path("", pages.provider_import_upload, name="upload"),
    path("check/", pages.provider_import_check, name="check"),
]
