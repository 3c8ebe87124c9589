"""Council officers' import, export and source-tag pages, mounted at /council/data/ (oruk.pages)."""

app_name = "council_data"
urlpatterns: list = []
