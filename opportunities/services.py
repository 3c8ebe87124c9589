"""Writes for opportunities and their reference data."""

from django.db import transaction

from . import reference
from .models import AudienceGroup, Feature, Interest, PaymentRoute
from .terms import search_terms_forget


@transaction.atomic
def reference_terms_load() -> dict[str, int]:
    """Create or update the council's lists. Safe to run again: nothing is duplicated."""
    for position, (slug, name, description) in enumerate(reference.INTERESTS):
        Interest.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for position, (slug, name, category, description) in enumerate(reference.FEATURES):
        Feature.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "category": category, "description": description, "position": position},
        )
    for position, (slug, name, description) in enumerate(reference.AUDIENCES):
        AudienceGroup.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for position, (slug, name, description) in enumerate(reference.PAYMENT_ROUTES):
        PaymentRoute.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    search_terms_forget()
    return {
        "interests": Interest.objects.count(),
        "features": Feature.objects.count(),
        "audiences": AudienceGroup.objects.count(),
        "payment routes": PaymentRoute.objects.count(),
    }
