"""Searching published opportunities.

Everything reads the denormalised columns kept by `search_index`, so a search page costs a
fixed number of queries whatever the filters and results:

1. (only with a postcode) find the postcode;
2. one query for every count on the page: the total, each filter option's count with the other
   filters kept, the ward map's counts, and what removing each active filter would give;
3. one query for the page of results;
4. (only when a word finds nothing) look for a better spelling;
5. record the search, anonymously.

The SQL is assembled from fixed fragments and column names only; every value a person typed
travels as a query parameter, never as SQL text.
"""

# ruff: noqa: S608

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection

from places.services import Place

from .synonyms import alternatives
from .terms import Terms

PAGE_SIZE = 20
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
PARTS = ["morning", "afternoon", "evening"]
MILES_PER_DEGREE_LATITUDE = 69.0
EARTH_RADIUS_MILES = 3958.8
MAX_WORDS = 12

# Array columns filtered as "any of these" (a person choosing two interests wants either).
ANY_OF = {"interest": "interest_ids", "group": "audience_ids", "payment": "payment_ids",
          "ward": "ward_ids", "constituency": "constituency_ids"}  # fmt: skip


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
        return re.findall(r"[a-z0-9]+", self.q.lower())[:MAX_WORDS]


@dataclass
class Result:
    total: int
    rows: list
    counts: dict[str, dict]  # facet -> {value: count}
    without: dict[str, int]  # active filter group -> results without it
    filters: Filters


class Clause:
    def __init__(self, sql: str, params: list):
        self.sql, self.params = sql, params


def tsquery_text(words: list[str]) -> str:
    """'swim art' -> '(pool | swim | swimming …) & (art | arts | craft …)': every word must be
    found, in any of its alternatives. Only [a-z0-9] reaches here, so nothing can be injected."""
    groups = []
    for word in words:
        options = [w for w in alternatives(word) if re.fullmatch(r"[a-z0-9]+", w)]
        groups.append("(" + " | ".join(options) + ")")
    return " & ".join(groups)


def _distance_sql(place: Place) -> Clause:
    return Clause(
        "(%s * 2 * asin(sqrt(power(sin(radians(latitude - %s) / 2), 2) + cos(radians(%s)) "
        "* cos(radians(latitude)) * power(sin(radians(longitude - %s) / 2), 2))))",
        [EARTH_RADIUS_MILES, place.latitude, place.latitude, place.longitude],
    )


def _slot_codes(days: list[int], times: list[int]) -> list[int]:
    days = days or list(range(7))
    times = times or list(range(3))
    return sorted(d * 3 + t for d in days for t in times)


def build_clauses(filters: Filters) -> dict[str, Clause]:
    """One clause per filter group, so each facet can leave out its own group."""
    clauses: dict[str, Clause] = {}
    if filters.words:
        clauses["q"] = Clause(
            "(numnode(to_tsquery('english', %s)) = 0 OR search_vector @@ to_tsquery('english', %s))",
            [tsquery_text(filters.words)] * 2,
        )
    if filters.place and filters.distance:
        miles, lat, lng = filters.distance, filters.place.latitude, filters.place.longitude
        dlat = miles / MILES_PER_DEGREE_LATITUDE
        dlng = miles / (MILES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(lat)), 0.01))
        distance = _distance_sql(filters.place)
        # The box lets the index find candidates; the exact distance then trims the corners.
        clauses["distance"] = Clause(
            f"(latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s AND {distance.sql} <= %s)",
            [lat - dlat, lat + dlat, lng - dlng, lng + dlng, *distance.params, miles],
        )
    for group, column in ANY_OF.items():
        if filters.ids.get(group):
            clauses[group] = Clause(f"{column} && %s::int[]", [filters.ids[group]])
    if filters.ids.get("access"):
        clauses["access"] = Clause("feature_ids @> %s::int[]", [filters.ids["access"]])
    if filters.days or filters.times:
        clauses["when"] = Clause("slots && %s::smallint[]", [_slot_codes(filters.days, filters.times)])
    if filters.delivery:
        clauses["delivery"] = Clause("delivery && %s::varchar[]", [filters.delivery])
    if filters.free:
        clauses["cost"] = Clause("is_free", [])
    elif filters.max_cost is not None:
        clauses["cost"] = Clause("(is_free OR cost_per_session <= %s)", [filters.max_cost])
    if filters.age is not None:
        clauses["age"] = Clause(
            "((min_age IS NULL OR min_age <= %s) AND (max_age IS NULL OR max_age >= %s))",
            [filters.age, filters.age],
        )
    if filters.vacancies:
        clauses["vacancies"] = Clause("vacancies = 'yes'", [])
    return clauses


def _where(clauses: dict[str, Clause], *, leave_out: tuple[str, ...] = ()) -> Clause:
    parts = ["status = 'published'"]
    params: list = []
    for group, clause in clauses.items():
        if group not in leave_out:
            parts.append(clause.sql)
            params.extend(clause.params)
    return Clause(" AND ".join(parts), params)


def _counts_sql(filters: Filters, clauses: dict[str, Clause]) -> Clause:
    table = "opportunities_opportunity"
    selects: list[Clause] = []

    def add(sql: str, where: Clause, params_before: list | None = None):
        selects.append(Clause(sql.replace("{where}", where.sql), (params_before or []) + where.params))

    add(f"SELECT 'total', 0, count(*) FROM {table} WHERE {{where}}", _where(clauses))
    for group, column in {**ANY_OF, "access": "feature_ids"}.items():
        # "Access" needs every feature ticked, so its counts keep the ticked ones.
        where = _where(clauses) if group == "access" else _where(clauses, leave_out=(group,))
        add(
            f"SELECT '{group}', v, count(*) FROM {table}, unnest({column}) v WHERE {{where}} GROUP BY v",
            where,
        )
    # Days and times share one filter; each counts with the other's choice kept.
    where = _where(clauses, leave_out=("when",))
    times = filters.times or [0, 1, 2]
    days = filters.days or list(range(7))
    add(
        f"SELECT 'day', s / 3, count(DISTINCT id) FROM {table}, unnest(slots) s "
        f"WHERE {{where}} AND s %% 3 = ANY(%s) GROUP BY s / 3",
        where,
    )
    selects[-1].params.append(times)
    add(
        f"SELECT 'time', s %% 3, count(DISTINCT id) FROM {table}, unnest(slots) s "
        f"WHERE {{where}} AND s / 3 = ANY(%s) GROUP BY s %% 3",
        where,
    )
    selects[-1].params.append(days)
    add(
        f"SELECT 'delivery', array_position(ARRAY['venue','community','home','online']::varchar[], d), "
        f"count(*) FROM {table}, unnest(delivery) d WHERE {{where}} GROUP BY d",
        _where(clauses, leave_out=("delivery",)),
    )
    add(
        f"SELECT 'free', 1, count(*) FROM {table} WHERE {{where}} AND is_free",
        _where(clauses, leave_out=("cost",)),
    )
    add(
        f"SELECT 'vacancies', 1, count(*) FROM {table} WHERE {{where}} AND vacancies = 'yes'",
        _where(clauses, leave_out=("vacancies",)),
    )
    for index, group in enumerate(clauses):
        add(
            f"SELECT '-', {index}, count(*) FROM {table} WHERE {{where}}", _where(clauses, leave_out=(group,))
        )
    return Clause(" UNION ALL ".join(s.sql for s in selects), [p for s in selects for p in s.params])


def _results_sql(filters: Filters, clauses: dict[str, Clause]) -> Clause:
    where = _where(clauses)
    columns = ("id, title, slug, summary, is_free, by_arrangement, vacancies, last_checked_on, "
               "payment_ids, card, updated_at")  # fmt: skip
    params: list = []
    if filters.place:
        distance = _distance_sql(filters.place)
        columns += f", {distance.sql} AS distance_miles"
        params += distance.params
    else:
        columns += ", NULL::float AS distance_miles"
    sort = filters.effective_sort
    if sort == "relevance":
        order = "ts_rank_cd(search_vector, to_tsquery('english', %s), 1) DESC, title, id"
        order_params = [tsquery_text(filters.words)]
    elif sort == "distance":
        order, order_params = "distance_miles ASC NULLS LAST, title, id", []
    elif sort == "updated":
        order, order_params = "updated_at DESC, id", []
    else:
        order, order_params = "title, id", []
    offset = (filters.page - 1) * PAGE_SIZE
    return Clause(
        f"SELECT {columns} FROM opportunities_opportunity WHERE {where.sql} "
        f"ORDER BY {order} LIMIT {PAGE_SIZE} OFFSET {offset}",
        params + where.params + order_params,
    )


def search(filters: Filters) -> Result:
    from .models import Opportunity

    clauses = build_clauses(filters)
    counts_sql = _counts_sql(filters, clauses)
    counts: dict[str, dict] = {}
    without: dict[str, int] = {}
    groups = list(clauses)
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(counts_sql.sql, counts_sql.params)
        for facet, value, count in cursor.fetchall():
            if facet == "total":
                total = count
            elif facet == "-":
                without[groups[value]] = count
            else:
                counts.setdefault(facet, {})[value] = count
    rows = []
    if total and (filters.page - 1) * PAGE_SIZE < total:
        results_sql = _results_sql(filters, clauses)
        rows = list(Opportunity.objects.raw(results_sql.sql, results_sql.params))
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
        sort=data.get("sort") or "",
        page=page,
    )
