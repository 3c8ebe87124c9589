from django.db.models import Count, Max, Min

from .models import Concern, ConcernView


def concern_counts() -> dict[str, int]:
    """How many concerns have each status: numbers only, safe to show on the workspace front page."""
    counts = dict.fromkeys(Concern.Status.values, 0)
    for row in Concern.objects.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def concern_access_log(concern: Concern) -> dict:
    """The whole access log, none of it dropped. Every opening and every change is one entry;
    appearances in the queue (one per queue page an officer opened, so by far the most) are
    summed up to one line per officer: how many, the first and the last."""
    entries = concern.views.exclude(action=ConcernView.Action.LISTED).select_related("user")
    listed = (
        concern.views.filter(action=ConcernView.Action.LISTED)
        .order_by()
        .values("user", "user__full_name", "user__email")
        .annotate(times=Count("pk"), first=Min("at"), last=Max("at"))
        .order_by("-last", "user")
    )
    return {"log": list(entries), "queue_log": list(listed)}
