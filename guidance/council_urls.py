from django.urls import path

from . import views

app_name = "council_guidance"

urlpatterns = [
    path("", views.council_list, name="list"),
    path("new/", views.council_edit, name="create"),
    path("<slug:slug>/edit/", views.council_edit, name="update"),
    path("<slug:slug>/history/", views.council_history, name="history"),
]
