"""Reviews: how things are going against the four "good day" questions, recorded over time."""

import datetime

from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from .models import CitizenProfile, ProfileAccess, Review
from .services import profile_access_record

SHORT_NAMES = {  # table headings
    "purpose": gettext_lazy("Purpose"),
    "ordinary_places": gettext_lazy("Ordinary places"),
    "right_support": gettext_lazy("Right support"),
    "meeting_people": gettext_lazy("Meeting people"),
}
ROLE_WORDS = {"social_worker": "social worker", "carer": "carer or family member", "citizen": "citizen"}
CHART_POINTS = 12  # the latest reviews drawn in each small chart
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 320, 84, 10
CHART_LEFT = 84  # room for the answers written on the left: "Yes, a lot"


@transaction.atomic
def review_record(
    *, profile: CitizenProfile, by, reviewed_on: datetime.date, scores: dict, notes: str = ""
) -> Review:
    review = Review.objects.create(
        profile=profile,
        reviewed_on=reviewed_on,
        notes=notes,
        recorded_by=by,
        **{name: int(scores[name]) for name, _ in Review.QUESTIONS},
    )
    profile_access_record(profile=profile, user=by, action=ProfileAccess.Action.CHANGED, detail="review")
    return review


def recorded_by_text(review: Review, profile: CitizenProfile) -> str:
    """ "Priya Sandhu (social worker)"; the person's own review says so."""
    user = review.recorded_by
    if user is None:
        return gettext("Someone whose account has closed")
    if user.pk == profile.person_id:
        return f"{user} ({profile.preferred_name}’s own review)"
    if user.pk == profile.social_worker_id:
        return f"{user} (social worker)"
    return f"{user} ({ROLE_WORDS.get(user.role, user.get_role_display().lower())})"


def _y(score: int) -> float:
    return CHART_HEIGHT - CHART_PAD - (score - 1) * (CHART_HEIGHT - 2 * CHART_PAD) / 3


def review_trends(reviews: list[Review]) -> list[dict]:
    """For each question, the latest reviews oldest first: points for a small chart, the words it
    stands for (its text alternative) and the latest answer with how it changed."""
    words = dict(Review.Score.choices)
    recent = sorted(reviews, key=lambda r: (r.reviewed_on, r.pk))[-CHART_POINTS:]
    step = (CHART_WIDTH - CHART_LEFT - 2 * CHART_PAD) / max(len(recent) - 1, 1)
    trends = []
    for name, question in Review.QUESTIONS:
        scores = [getattr(review, name) for review in recent]
        points = [
            {
                "x": round(CHART_LEFT + CHART_PAD + i * step, 1),
                "y": round(_y(score), 1),
                "score": score,
                "word": words[score],
            }
            for i, score in enumerate(scores)
        ]
        latest = scores[-1] if scores else None
        change = ""
        if len(scores) > 1:
            before = scores[-2]
            change = (
                "better than last time"
                if latest > before
                else "not as good as last time"
                if latest < before
                else "the same as last time"
            )
        trends.append(
            {
                "name": name,
                "heading": SHORT_NAMES[name],
                "question": question,
                "points": points,
                "line": " ".join(f"{p['x']},{p['y']}" for p in points),
                "latest": words.get(latest, ""),
                "change": change,
                "description": "; ".join(
                    f"{review.reviewed_on:%-d %B %Y}: {words[score]}"
                    for review, score in zip(recent, scores, strict=True)
                ),
            }
        )
    return trends


def chart_levels() -> list[dict]:
    """The four answers as gridlines, labelled in words on the chart's left."""
    return [
        {"y": round(_y(score), 1), "word": word, "x1": CHART_LEFT, "x2": CHART_WIDTH}
        for score, word in Review.Score.choices
    ]
