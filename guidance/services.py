"""Writes for information pages: officers' saves (with a revision kept each time) and the pages
that ship with Daywell (guidance/content.py)."""

from django.db import transaction

from .models import GuidancePage, GuidanceRevision

# What an officer edits; the slug is set when a page is made and then stays, so links keep working.
EDITABLE = (
    "title",
    "summary",
    "audience",
    "position",
    "body",
    "easy_read_title",
    "easy_read_body",
    "published",
)
REVISION_FIELDS = ("title", "summary", "body", "easy_read_title", "easy_read_body", "published")


class EditConflict(Exception):
    """Someone else saved the page after this officer opened it."""


def _revision_record(page: GuidancePage, by) -> GuidanceRevision:
    return GuidanceRevision.objects.create(
        page=page, saved_by=by, **{name: getattr(page, name) for name in REVISION_FIELDS}
    )


@transaction.atomic
def guidance_page_create(*, slug: str, values: dict, by) -> GuidancePage:
    page = GuidancePage(
        slug=slug, updated_by=by, **{name: values[name] for name in EDITABLE if name in values}
    )
    page.full_clean()
    page.save()
    _revision_record(page, by)
    return page


@transaction.atomic
def guidance_page_save(*, page: GuidancePage, values: dict, by, revision: int) -> GuidancePage:
    """Save an officer's edit. Refused with EditConflict when the page was saved by someone else
    since `revision` (the version this officer started from)."""
    locked = GuidancePage.objects.select_for_update().get(pk=page.pk)
    if locked.content_revision != revision:
        raise EditConflict
    for name in EDITABLE:
        if name in values:
            setattr(locked, name, values[name])
    locked.updated_by = by
    locked.content_revision += 1
    locked.save()
    _revision_record(locked, by)
    return locked


@transaction.atomic
def guidance_pages_ensure(pages: list[dict] | None = None) -> int:
    """Create the pages that ship with Daywell where they are missing. A page that exists is left
    alone, so an officer's edits are never overwritten. Returns how many pages were created."""
    if pages is None:
        try:
            from . import content
        except ModuleNotFoundError as error:  # written separately; until then there is nothing to load
            if error.name != "guidance.content":
                raise
            return 0
        pages = content.PAGES
    existing = set(GuidancePage.objects.values_list("slug", flat=True))
    created = 0
    for values in pages:
        if values["slug"] in existing:
            continue
        guidance_page_create(slug=values["slug"], values=values, by=None)
        existing.add(values["slug"])
        created += 1
    return created
