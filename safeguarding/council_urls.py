from django.urls import path

from . import views

app_name = "council_concerns"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<uuid:concern_uuid>/", views.detail, name="detail"),
]
