from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Daywell council administration"
admin.site.site_title = "Daywell administration"
admin.site.index_title = "Council officers' administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.page, {"template": "pages/accessibility.html"}, name="accessibility"),
    path("privacy/", views.page, {"template": "pages/privacy.html"}, name="privacy"),
    path("cookies/", views.page, {"template": "pages/cookies.html"}, name="cookies"),
    path("opportunities/", include("opportunities.urls")),
    path("account/", include("accounts.urls")),
    path("provider/<slug:slug>/import/", include("oruk.provider_urls")),
    path("provider/", include("providers.urls")),
    path("council/data/", include("oruk.council_urls")),
    path("council/checks/", include("council.checks_urls")),
    path("council/concerns/", include("safeguarding.council_urls")),
    path("council/insight/", include("insight.urls")),
    path("council/guidance/", include("guidance.council_urls")),
    path("guidance/", include("guidance.urls")),
    path("council/", include("council.urls")),
    path("open-data/", include("oruk.urls")),
    path("report-a-concern/", include("safeguarding.urls")),
    path("council-checked/", views.page, {"template": "pages/council_checked.html"}, name="council-checked"),
    path("api/oruk/", include("oruk.api_urls")),
    path("people/", include("citizens.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler403 = "daywell.views.permission_denied"
handler404 = "daywell.views.page_not_found"
handler500 = "daywell.views.server_error"
