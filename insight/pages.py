"""The insight pages: each is a title, a short introduction and a function returning its figures.

One registry, so every page shares one view, one template and one CSV download: adding a page is
one import and one line below. `PAGES[slug]()` returns the page's figures, and
`PAGES[slug].figure(key)` one of them (working out only that one where the page can)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import demand, gaps, supply, trends
from .figures import Figure


@dataclass(frozen=True)
class Page:
    title: str
    intro: str
    figures: Callable[[], list[Figure]]
    summary: str = ""  # one line for the insight front page
    # Works out just one figure by its key (None for no such key); without it, every figure is
    # worked out and the one picked.
    one: Callable[[str], Figure | None] | None = None

    # A Page is callable; without this a template reading {{ entry.title }} would call it (and work
    # out every page's figures just to draw the navigation).
    do_not_call_in_templates = True

    def __call__(self) -> list[Figure]:
        return self.figures()

    def figure(self, key: str) -> Figure | None:
        if self.one is not None:
            return self.one(key)
        return next((figure for figure in self.figures() if figure.key == key), None)


PAGES: dict[str, Page] = {
    "supply": Page(
        _("Supply"),
        _(
            "What the directory offers now: published listings shown in search, where they are, what they "
            "are about, who they are for, when they happen and how they can be paid for."
        ),
        supply.figures,
        _(
            "Published opportunities by ward, interest and who they are for; "
            "payment, times, access, freshness."
        ),
    ),
    "demand": Page(
        _("Demand"),
        _(
            "What people ask for: from their profiles (what they enjoy, what they need, when they are free, "
            "where they live) and from the searches they run, with the searches that found nothing."
        ),
        demand.figures,
        _("What people enjoy and need, when they are free and where they live; what they search for."),
        demand.figure,
    ),
    "gaps": Page(
        _("Gaps"),
        _(
            "Where demand outruns supply: each ward and interest, the worst first, linked to the search that "
            "shows what is there now; and what happens to enquiries."
        ),
        gaps.figures,
        _("The biggest gaps between what people in a ward ask for and what is listed; enquiries by outcome."),
        gaps.figure,
    ),
    "trends": Page(
        _("Trends"),
        _("The main figures month by month, so you can see what is growing and what is not."),
        trends.figures,
        _("New listings, searches, searches that found nothing, enquiries and new profiles, by month."),
    ),
}


def page_figures(slug: str) -> list[Figure]:
    """A page's figures, or none when the page is not there (yet)."""
    page = PAGES.get(slug)
    return page() if page is not None else []


def page_figure(slug: str, key: str) -> Figure | None:
    """One figure of a page, or None when the page or the figure is not there (yet)."""
    page = PAGES.get(slug)
    return page.figure(key) if page is not None else None
