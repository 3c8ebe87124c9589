"""Writes for information pages: officers' saves (with a revision kept each time) and the pages
that ship with Daywell (guidance/content.py)."""

from dataclasses import dataclass

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
        slug=slug,
        updated_by=by,
        as_shipped=by is None,
        **{name: values[name] for name in EDITABLE if name in values},
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
    locked.as_shipped = False
    locked.content_revision += 1
    locked.save()
    _revision_record(locked, by)
    return locked


@dataclass(frozen=True)
class ShippedPages:
    created: int
    updated: int


@transaction.atomic
def guidance_pages_ensure(pages: list[dict] | None = None) -> ShippedPages:
    """Bring the pages that ship with Daywell (guidance/content.py) onto the site. A missing page is
    created. A page no officer has ever saved takes the shipped text, so corrections reach sites
    loaded before them; a page an officer has saved is left alone, so their edits are never
    overwritten. Each change is kept in the page's history."""
    if pages is None:
        from . import content

        pages = content.PAGES
    existing = {page.slug: page for page in GuidancePage.objects.select_for_update()}
    created = updated = 0
    for values in pages:
        page = existing.get(values["slug"])
        if page is None:
            existing[values["slug"]] = guidance_page_create(slug=values["slug"], values=values, by=None)
            created += 1
        elif page.as_shipped:
            changed = [name for name in EDITABLE if name in values and getattr(page, name) != values[name]]
            if changed:
                for name in changed:
                    setattr(page, name, values[name])
                page.content_revision += 1
                page.save()
                _revision_record(page, None)
                updated += 1
    return ShippedPages(created=created, updated=updated)
