from django.urls import path

from . import views

app_name = "insight"

urlpatterns = [
    path("", views.home, name="home"),
    path("statement/", views.statement, name="statement"),
    path("statement.csv", views.statement_csv, name="statement-csv"),
    path("<slug:page>/", views.page, name="page"),
    path("<slug:page>/<slug:key>.csv", views.figure_csv, name="csv"),
]
