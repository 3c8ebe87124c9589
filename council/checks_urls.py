from django.urls import path

from . import checks

app_name = "council_checks"

urlpatterns = [
    path("", checks.check_list, name="list"),
    path("<uuid:uuid>/", checks.provider_checks, name="detail"),
    path("<uuid:uuid>/record/<slug:kind>/", checks.check_record, name="record"),
]
