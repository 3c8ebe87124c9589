"""Searching published opportunities.

A search page costs a fixed, small number of queries whatever the filters and results:

1. the search index's version (see `facets`: the in-memory copy of every listing's facts);
2. (only with a postcode) find the postcode;
3. (only with search words) the listings whose text matches, ranked, from PostgreSQL's GIN index;
4. the page of result cards, by id;
5. (only when a word finds nothing) look for a better spelling;
6. record the search, anonymously.

Filtering and every count on the page (the total, each option's count with the other filters
kept, the ward map, what removing a filter would give) are worked out on the in-memory columns.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.db import connection

from places.services import Place

from . import facets
from .forms import DAYS, TIMES
from .synonyms import STOP_WORDS, alternatives
from .terms import Terms

PAGE_SIZE = 20
# The search form's values for days and parts of the day, in the index's order (its labels are the
# words people read).
WEEKDAYS = [value for value, _label in DAYS]
PARTS = [value for value, _label in TIMES]
MAX_WORDS = 12
# "Any of these": a person choosing two interests wants either. Access needs must all be met.
ANY_OF = ("interest", "group", "payment", "ward", "constituency")


@dataclass
class Filters:
    """A search, read from SearchForm's valid values (slugs already turned into ids)."""

    q: str = ""
    place: Place | None = None
    distance: float | None = None
    ids: dict[str, list[int]] = field(default_factory=dict)  # interest, access, group, payment, ward…
    days: list[int] = field(default_factory=list)
    times: list[int] = field(default_factory=list)
    delivery: list[str] = field(default_factory=list)
    free: bool = False
    max_cost: Decimal | None = None
    age: int | None = None
    vacancies: bool = False
    assistants: bool = False
    sort: str = ""
    page: int = 1

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevance" and self.words:
            return "relevance"
        if self.sort == "distance" and self.place:
            return "distance"
        if self.sort in ("name", "updated"):
            return self.sort
        return "relevance" if self.words else "distance" if self.place else "name"

    @property
    def words(self) -> list[str]:
        """The words that can find something: letters and digits, no stop words."""
        return [w for w in re.findall(r"[a-z0-9]+", self.q.lower()) if w not in STOP_WORDS][:MAX_WORDS]


@dataclass
class Result:
    total: int
    rows: list
    counts: dict[str, dict]  # facet -> {value: count}
    without: dict[str, int]  # active filter group -> results without it
    filters: Filters


def tsquery_text(words: list[str], weights: str = "") -> str:
    """'swim art' -> '(pool | swim | swimming …) & (art | arts | craft …)': every word must be
    found, in any of its alternatives; with weights 'A', only in the title ('AB': title or
    summary). Only [a-z0-9] reaches here, so nothing can be injected."""
    suffix = f":{weights}" if weights else ""
    groups = []
    for word in words:
        options = [w for w in alternatives(word) if re.fullmatch(r"[a-z0-9]+", w) and w not in STOP_WORDS]
        groups.append("(" + " | ".join(option + suffix for option in options) + ")")
    return " & ".join(groups)


# Relevance: found in the title beats found in the summary beats found further down (ties go
# by name). Weight-restricted matches cost far less than positional ranking over thousands.
_TEXT_SQL = """
SELECT coalesce(array_agg(opportunity_id), '{}'), coalesce(array_agg(relevance), '{}')
FROM (
    SELECT opportunity_id,
           (search_vector @@ to_tsquery('english', %s))::int * 2
           + (search_vector @@ to_tsquery('english', %s))::int AS relevance
    FROM opportunities_searchtext
    WHERE search_vector @@ to_tsquery('english', %s)
) matches
"""


def index_version() -> str:
    from .models import SearchIndexVersion

    return SearchIndexVersion.objects.filter(pk=1).values_list("version", flat=True).first() or "empty"


def _masks(filters: Filters, cols: facets.Columns, text: np.ndarray | None, miles) -> dict[str, np.ndarray]:
    """One boolean mask per active filter group. `text` is each listing's relevance, -1 if no match."""
    masks: dict[str, np.ndarray] = {}
    if text is not None:
        masks["q"] = text >= 0
    if miles is not None and filters.distance:
        masks["distance"] = np.nan_to_num(miles, nan=np.inf) <= filters.distance
    for group in (*ANY_OF, "access"):
        chosen = filters.ids.get(group)
        if chosen:
            value_ids = cols.value_ids[group]
            columns = [value_ids.index(v) for v in chosen if v in value_ids]
            matrix = cols.matrices[group][:, columns]
            masks[group] = matrix.all(axis=1) if group == "access" else matrix.any(axis=1)
    if filters.days or filters.times:
        days = filters.days or list(range(7))
        times = filters.times or list(range(3))
        masks["when"] = cols.slots[:, days][:, :, times].any(axis=(1, 2))
    if filters.delivery:
        masks["delivery"] = cols.delivery[:, [facets.DELIVERY_VALUES.index(d) for d in filters.delivery]].any(
            axis=1
        )
    if filters.free:
        masks["cost"] = cols.free
    elif filters.max_cost is not None:
        masks["cost"] = cols.free | (np.nan_to_num(cols.cost, nan=np.inf) <= float(filters.max_cost))
    if filters.age is not None:
        masks["age"] = (cols.min_age <= filters.age) & (cols.max_age >= filters.age)
    if filters.vacancies:
        masks["vacancies"] = cols.vacancies
    if filters.assistants:
        masks["assistants"] = cols.assistant
    return masks


def _all_but(masks: dict[str, np.ndarray], size: int, leave_out: str | None = None) -> np.ndarray:
    keep = np.ones(size, dtype=bool)
    for group, mask in masks.items():
        if group != leave_out:
            keep &= mask
    return keep


def _counts(
    filters: Filters, cols: facets.Columns, masks: dict[str, np.ndarray], matched: np.ndarray
) -> dict:
    """Each option's count with the other filters kept (and access needs with the ticked ones kept)."""

    def rows_for(group: str) -> np.ndarray | None:
        # None means every listing: nothing filters these counts.
        others = [g for g in masks if g != group]
        if not others:
            return None
        return matched if group not in masks else _all_but(masks, cols.size, group)

    counts: dict[str, dict] = {}
    for group in (*ANY_OF, "access"):
        rows = (matched if masks else None) if group == "access" else rows_for(group)
        sums = facets.column_counts(cols.weights[group], rows)
        counts[group] = {value: int(round(c)) for value, c in zip(cols.value_ids[group], sums, strict=True)}
    rows = rows_for("when")
    slots = cols.slots if rows is None else cols.slots[rows]
    times = filters.times or list(range(3))
    days = filters.days or list(range(7))
    counts["day"] = dict(enumerate(int(c) for c in slots[:, :, times].any(axis=2).sum(axis=0)))
    counts["time"] = dict(enumerate(int(c) for c in slots[:, days, :].any(axis=1).sum(axis=0)))
    rows = rows_for("delivery")
    delivery = cols.delivery if rows is None else cols.delivery[rows]
    counts["delivery"] = {i + 1: int(c) for i, c in enumerate(delivery.sum(axis=0))}
    rows = rows_for("cost")
    counts["free"] = {1: int(cols.free.sum() if rows is None else (cols.free & rows).sum())}
    rows = rows_for("vacancies")
    counts["vacancies"] = {1: int(cols.vacancies.sum() if rows is None else (cols.vacancies & rows).sum())}
    rows = rows_for("assistants")
    counts["assistants"] = {1: int(cols.assistant.sum() if rows is None else (cols.assistant & rows).sum())}
    return counts


def _ordered(
    filters: Filters, cols: facets.Columns, matched: np.ndarray, text, miles, end: int
) -> np.ndarray:
    """Matching positions in the order the person asked for."""
    positions = np.flatnonzero(matched)  # already in title order
    sort = filters.effective_sort
    if sort == "relevance" and text is not None:
        return positions[np.argsort(-text[positions], kind="stable")]
    if sort == "distance" and miles is not None:
        distances = np.nan_to_num(miles[positions], nan=np.inf)
        wanted = min(len(positions), end)
        if 0 < wanted < len(positions):
            # Only the nearest need sorting: everything no further than the wanted-th distance,
            # ties included, so that every page cuts the same (distance, name) order.
            furthest = np.partition(distances, wanted - 1)[wanted - 1]
            near = np.flatnonzero(distances <= furthest)
            return positions[near[np.lexsort((positions[near], distances[near]))]]
        return positions[np.lexsort((positions, distances))]
    if sort == "updated":
        order = cols.updated_order
        return order[matched[order]]
    return positions


def search(filters: Filters, version: str | None = None) -> Result:
    from .models import Opportunity

    cols = facets.columns(version or index_version())
    text = None
    if filters.words:
        with connection.cursor() as cursor:
            words = filters.words
            cursor.execute(
                _TEXT_SQL, [tsquery_text(words, "A"), tsquery_text(words, "AB"), tsquery_text(words)]
            )
            listing_ids, relevance = cursor.fetchone()  # two arrays in one row: cheap to carry
        # Each listing's relevance (2 title, 1 summary, 0 elsewhere), or -1 where the words are not found.
        text = np.full(cols.size, -1, dtype=np.int8)
        positions, known = cols.positions(np.array(listing_ids, dtype=np.int64))
        text[positions] = np.array(relevance, dtype=np.int8)[known]
    miles = (
        facets.miles_from(cols, filters.place.latitude, filters.place.longitude) if filters.place else None
    )
    masks = _masks(filters, cols, text, miles)
    matched = _all_but(masks, cols.size)
    total = int(matched.sum())
    if masks:
        counts = _counts(filters, cols, masks, matched)
    else:  # the whole directory: the same for everyone until the index changes
        if cols.all_counts is None:
            cols.all_counts = _counts(filters, cols, masks, matched)
        counts = cols.all_counts
    without = {group: int(_all_but(masks, cols.size, group).sum()) for group in masks} if total == 0 else {}

    rows = []
    start = (filters.page - 1) * PAGE_SIZE
    if total and start < total:
        page = _ordered(filters, cols, matched, text, miles, start + PAGE_SIZE)[start : start + PAGE_SIZE]
        page_ids = [int(cols.ids[p]) for p in page]
        by_id = {
            row.id: row
            for row in Opportunity.objects.filter(id__in=page_ids).only(
                "id", "title", "slug", "summary", "is_free", "by_arrangement", "vacancies", "last_checked_on",
                "payment_ids", "card", "updated_at", "easy_read_summary",
            )
        }  # fmt: skip
        for position, listing_id in zip(page, page_ids, strict=True):
            if listing_id in by_id:  # it may have been removed since the index was built
                row = by_id[listing_id]
                distance = None if miles is None else float(miles[position])
                row.distance_miles = None if distance is None or np.isnan(distance) else distance
                rows.append(row)
    return Result(total=total, rows=rows, counts=counts, without=without, filters=filters)


def filters_from_form(form, terms: Terms, page: int) -> Filters:
    """Turn a validated SearchForm into Filters; fields with errors are simply left out."""
    data = form.cleaned_data
    kinds = {"interest": "interests", "access": "features", "group": "groups", "payment": "payments",
             "ward": "wards", "constituency": "constituencies"}  # fmt: skip
    ids = {}
    for group, kind in kinds.items():
        by_slug = terms.by_slug(kind)
        ids[group] = [by_slug[slug].id for slug in data.get(group) or [] if slug in by_slug]
    return Filters(
        q=data.get("q") or "",
        place=form.place if data.get("postcode") else None,
        distance=data.get("distance"),
        ids=ids,
        days=[WEEKDAYS.index(d) for d in data.get("day") or []],
        times=[PARTS.index(t) for t in data.get("time") or []],
        delivery=list(data.get("delivery") or []),
        free=bool(data.get("free")),
        max_cost=data.get("max_cost"),
        age=data.get("age"),
        vacancies=bool(data.get("vacancies")),
        assistants=bool(data.get("pa")),
        sort=data.get("sort") or "",
        page=page,
    )
