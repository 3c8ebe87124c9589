from django.urls import path

from . import views

app_name = "concerns"

urlpatterns = [
    path("", views.report, name="report"),
    path("sent/", views.sent, name="sent"),
]
