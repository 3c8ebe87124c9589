"""The council's reference lists as search needs them, cached so a search page need not ask
the database for them each time. The cache is keyed by the search index's version, which every
change to the lists moves on, so every process sees a change at once."""

from dataclasses import dataclass

from django.core.cache import cache

CACHE_KEY = "daywell:search-terms:v1"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    name: str
    extra: str = ""  # a feature's category, a ward's constituency slug


@dataclass(frozen=True)
class Terms:
    interests: tuple[Term, ...]
    features: tuple[Term, ...]
    groups: tuple[Term, ...]
    payments: tuple[Term, ...]
    wards: tuple[Term, ...]
    constituencies: tuple[Term, ...]

    def by_slug(self, kind: str) -> dict[str, Term]:
        return {term.slug: term for term in getattr(self, kind)}

    def by_id(self, kind: str) -> dict[int, Term]:
        return {term.id: term for term in getattr(self, kind)}


def search_terms(version: str | None = None) -> Terms:
    if version is None:
        from .search import index_version

        version = index_version()
    key = f"{CACHE_KEY}:{version}"
    terms = cache.get(key)
    if terms is None:
        terms = _load()
        cache.set(key, terms, CACHE_SECONDS)
    return terms


def search_terms_forget() -> None:
    """The lists have changed: move the index version on, so every process reloads them."""
    from .search_index import search_index_version_bump

    search_index_version_bump()


def _load() -> Terms:
    from places.models import Constituency, Ward

    from .models import AudienceGroup, Feature, Interest, PaymentRoute

    def plain(queryset):
        return tuple(Term(t.id, t.slug, t.name) for t in queryset)

    return Terms(
        interests=plain(Interest.objects.all()),
        features=tuple(Term(f.id, f.slug, f.name, f.category) for f in Feature.objects.all()),
        groups=plain(AudienceGroup.objects.all()),
        payments=plain(PaymentRoute.objects.all()),
        wards=tuple(
            Term(w.id, w.slug, w.name, w.constituency.slug)
            for w in Ward.objects.select_related("constituency")
        ),
        constituencies=tuple(Term(c.id, c.slug, c.short_name) for c in Constituency.objects.all()),
    )
