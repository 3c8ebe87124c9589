from django.urls import path

from . import views

app_name = "council_guidance"

urlpatterns = [
    path("", views.council_list, name="list"),
]
