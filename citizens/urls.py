"""Everything under /people/: a person's profile and what it is for. Every URL names the
profile by UUID only. Each views module owns its own patterns."""

from .views import enquiries, plan, profile, reviews, search, suggestions

app_name = "citizens"

urlpatterns = [
    *profile.urlpatterns,
    *search.urlpatterns,
    *suggestions.urlpatterns,
    *plan.urlpatterns,
    *enquiries.urlpatterns,
    *reviews.urlpatterns,
]
