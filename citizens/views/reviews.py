"""How things are going: reviews against the four "good day" questions, and recording a new one."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from ..access import profile_view, profile_viewed, relation, require_relation
from ..models import Review
from ..review_forms import ReviewForm
from ..reviews import (
    CHART_HEIGHT,
    CHART_WIDTH,
    SHORT_NAMES,
    chart_levels,
    recorded_by_text,
    review_record,
    review_trends,
)

# The person, their allocated social worker and a linked carer (who may help the person fill it in).
MAY_RECORD = ("person", "social_worker", "carer")


@require_safe
@profile_view("reviews")
def review_list(request, profile):
    reviews = list(profile.reviews.select_related("recorded_by"))
    rows = [
        {
            "review": review,
            "scores": [review.get_purpose_display(), review.get_ordinary_places_display(),
                       review.get_right_support_display(), review.get_meeting_people_display()],
            "recorded_by": recorded_by_text(review, profile),
        }
        for review in reviews
    ]  # fmt: skip
    context = {
        "profile": profile,
        "rows": rows,
        "headings": [SHORT_NAMES[name] for name, _ in Review.QUESTIONS],
        "trends": review_trends(reviews) if len(reviews) > 1 else [],
        "levels": chart_levels(),
        "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT},
        "relation": relation(request.user, profile),
        "may_record": relation(request.user, profile) in MAY_RECORD,
    }
    return render(request, "citizens/review_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@profile_view("new review")
def review_new(request, profile):
    require_relation(request.user, profile, *MAY_RECORD)
    how = relation(request.user, profile)
    form = ReviewForm(request.POST or None, profile=profile, relation=how)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            review_record(
                profile=profile,
                by=request.user,
                reviewed_on=data["reviewed_on"],
                scores={name: data[name] for name, _ in Review.QUESTIONS},
                notes=data["notes"],
            )
            messages.success(request, gettext("The review is saved."))
            return redirect("citizens:reviews", profile_uuid=profile.uuid)
        profile_viewed(request, profile, "new review")
    return render(request, "citizens/review_form.html", {"profile": profile, "form": form, "relation": how})


urlpatterns = [
    path("<uuid:profile_uuid>/reviews/", review_list, name="reviews"),
    path("<uuid:profile_uuid>/reviews/new/", review_new, name="review-new"),
]
