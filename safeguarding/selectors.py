from django.db.models import Count

from .models import Concern


def concern_counts() -> dict[str, int]:
    """How many concerns have each status: numbers only, safe to show on the workspace front page."""
    counts = dict.fromkeys(Concern.Status.values, 0)
    for row in Concern.objects.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
