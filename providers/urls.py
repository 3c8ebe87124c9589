from django.urls import path

from . import enquiries, team, views

app_name = "providers"

urlpatterns = [
    path("", views.provider_list, name="list"),
    path("join/", team.join_request_create, name="join"),
    path("join/sent/", team.join_request_sent, name="join-sent"),
    path("invitations/<str:token>/", team.invitation_accept, name="invitation"),
    path("<slug:slug>/", views.provider_detail, name="detail"),
    path("<slug:slug>/details/", views.provider_update, name="update"),
    path("<slug:slug>/team/", team.team, name="team"),
    path("<slug:slug>/team/invite/", team.team_invite, name="team-invite"),
    path("<slug:slug>/team/<int:pk>/remove/", team.team_remove, name="team-remove"),
    path("<slug:slug>/venues/add/", views.venue_create, name="venue-create"),
    path("<slug:slug>/venues/<int:pk>/", views.venue_update, name="venue-update"),
    path("<slug:slug>/listings/add/", views.listing_create, name="listing-create"),
    path("<slug:slug>/listings/<int:pk>/", views.listing, name="listing"),
    path("<slug:slug>/listings/<int:pk>/edit/<slug:section>/", views.listing_section, name="listing-section"),
    path("<slug:slug>/listings/<int:pk>/check/", views.listing_check, name="listing-check"),
    path("<slug:slug>/listings/<int:pk>/discard/", views.listing_discard, name="listing-discard"),
    path("<slug:slug>/listings/<int:pk>/places/", views.listing_vacancies, name="listing-vacancies"),
    path("<slug:slug>/listings/<int:pk>/closure/", views.listing_closure, name="listing-closure"),
    path("<slug:slug>/listings/<int:pk>/still-current/", views.listing_confirm, name="listing-confirm"),
    path("<slug:slug>/listings/<int:pk>/history/", views.listing_history, name="listing-history"),
    path("<slug:slug>/listings/<int:pk>/photos/<int:photo_id>/", views.listing_photo, name="listing-photo"),
    path("<slug:slug>/reports/<int:pk>/resolve/", views.report_resolve, name="report-resolve"),
    path("<slug:slug>/enquiries/", enquiries.enquiry_list, name="enquiries"),
    path("<slug:slug>/enquiries/<int:enquiry_id>/", enquiries.enquiry_detail, name="enquiry"),
]
