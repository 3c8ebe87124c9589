"""Writes of the council's open data pages: mapping a source tag to a Daywell term."""

from django.db import transaction
from django.utils import timezone

from opportunities.models import ListingChange, Opportunity
from opportunities.search_index import opportunity_index_refresh

from .models import SourceTag

FIELD_FOR_KIND = {"interest": "interests", "audience": "audiences", "feature": "features"}


@transaction.atomic
def source_tag_map(*, tag: SourceTag, by, interest=None, audience=None, feature=None, ignore=False) -> int:
    """Map an outside directory's tag to one Daywell term (or mark that none fits) and give that
    term to every listing carrying the tag, in its live rows and in any proposal still open, so
    approving the proposal keeps it. Returns how many listings gained the term."""
    chosen = [
        (kind, term)
        for kind, term in (("interest", interest), ("audience", audience), ("feature", feature))
        if term
    ]
    if len(chosen) + bool(ignore) != 1:
        raise ValueError("Map a source tag to exactly one term, or mark it as having none")
    tag = SourceTag.objects.select_for_update().get(pk=tag.pk)
    tag.interest, tag.audience, tag.feature, tag.ignored = interest, audience, feature, bool(ignore)
    tag.mapped_by, tag.mapped_at = by, timezone.now()
    tag.save()
    if ignore:
        return 0
    kind, term = chosen[0]
    field = FIELD_FOR_KIND[kind]
    through = getattr(Opportunity, field).through
    listings = list(tag.opportunities.exclude(**{field: term}).values_list("pk", flat=True))
    through.objects.bulk_create(
        [through(**{"opportunity_id": pk, f"{term._meta.model_name}_id": term.pk}) for pk in listings],
        ignore_conflicts=True,
    )
    for change in (
        ListingChange.objects.open().filter(opportunity__in=tag.opportunities.all()).select_for_update()
    ):
        slugs = list(change.proposed.get(field) or [])
        if term.slug not in slugs:
            change.proposed = {**change.proposed, field: sorted([*slugs, term.slug])}
            change.save(update_fields=["proposed", "updated_at"])
    published = list(tag.opportunities.published().values_list("pk", flat=True))
    opportunity_index_refresh(ids=published)
    return len(listings)
