"""Council officers' import, export and source-tag pages, mounted at /council/data/ (oruk.pages)."""

from django.urls import path

from . import pages

app_name = "council_data"
urlpatterns = [
    path("", pages.hub, name="hub"),
    path("directory.csv", pages.council_directory_csv, name="directory-csv"),
    path("import/", pages.import_upload, name="import"),
    path("import/check/", pages.import_preview, name="import-preview"),
    path("source-tags/", pages.source_tag_list, name="source-tags"),
    path("source-tags/<int:pk>/", pages.source_tag_map_view, name="source-tag"),
]
