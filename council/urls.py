from django.urls import path

from . import join, views

app_name = "council"

urlpatterns = [
    path("", views.workspace_home, name="home"),
    path("review/", views.review_queue, name="queue"),
    path("stale/", views.stale_list, name="stale"),
    path("changes/<int:pk>/", views.change_review, name="change"),
    path("changes/<int:pk>/photo/", views.change_photo, name="change-photo"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/resolve/", views.report_resolve, name="report-resolve"),
    path("listings/<int:pk>/history/", views.listing_history, name="history"),
    path("join-requests/", join.join_request_list, name="join-requests"),
    path("join-requests/<int:pk>/", join.join_request_review, name="join-request"),
    path("invite/", join.provider_invite, name="invite"),
]
