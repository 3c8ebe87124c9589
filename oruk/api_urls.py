"""The Open Referral UK 3.0 read API, mounted at /api/oruk/ (oruk.api)."""

app_name = "oruk_api"
urlpatterns: list = []
