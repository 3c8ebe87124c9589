from django.urls import path

from . import checks

app_name = "council_checks"

urlpatterns = [
    path("", checks.check_list, name="list"),
]
