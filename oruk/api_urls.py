"""The Open Referral UK 3.0 read API, mounted at /api/oruk/ (oruk.api).

ORUK's paths have no trailing slash; one is accepted too."""

from django.urls import re_path

from . import api

app_name = "oruk_api"

ID = r"(?P<id>[^/]+)"

urlpatterns = [
    re_path(r"^$", api.index, name="index"),
    re_path(r"^openapi\.json$", api.openapi, name="openapi"),
    re_path(r"^services/?$", api.service_list, name="service-list"),
    re_path(rf"^services/{ID}/?$", api.service_detail, name="service-detail"),
    re_path(r"^organizations/?$", api.organization_list, name="organization-list"),
    re_path(rf"^organizations/{ID}/?$", api.organization_detail, name="organization-detail"),
    re_path(r"^service_at_locations/?$", api.service_at_location_list, name="service-at-location-list"),
    re_path(
        rf"^service_at_locations/{ID}/?$", api.service_at_location_detail, name="service-at-location-detail"
    ),
    re_path(r"^taxonomies/?$", api.taxonomy_list, name="taxonomy-list"),
    re_path(rf"^taxonomies/{ID}/?$", api.taxonomy_detail, name="taxonomy-detail"),
    re_path(r"^taxonomy_terms/?$", api.taxonomy_term_list, name="taxonomy-term-list"),
    re_path(rf"^taxonomy_terms/{ID}/?$", api.taxonomy_term_detail, name="taxonomy-term-detail"),
    re_path(r"^(?P<path>.*)$", api.not_found, name="not-found"),
]
