"""Public open-data pages, mounted at /open-data/ (oruk.pages)."""

from django.urls import path

from . import pages

app_name = "open_data"
urlpatterns = [
    path("", pages.open_data, name="index"),
    path("directory.csv", pages.directory_csv, name="directory-csv"),
    path("template.csv", pages.template_csv, name="template-csv"),
    path("csv-guide/", pages.csv_guide, name="csv-guide"),
]
