from django.urls import path

from . import views

app_name = "opportunities"

urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("still-current/<str:token>/", views.still_current, name="still-current"),
    path("<slug:slug>/", views.opportunity_detail, name="detail"),
    path("<slug:slug>/report/", views.opportunity_report, name="report"),
    path("<slug:slug>/report/sent/", views.opportunity_report_sent, name="report-sent"),
    path("<slug:slug>/photos/<int:photo_id>/", views.opportunity_photo, name="photo"),
]
