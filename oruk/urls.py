"""Public open-data pages, mounted at /open-data/ (oruk.pages)."""

app_name = "open_data"
urlpatterns: list = []
