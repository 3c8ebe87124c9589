from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("", views.index, name="index"),
    path("easy-read/", views.easy_read_switch, name="easy-read"),
    path("<slug:slug>/", views.page, name="page"),
]
