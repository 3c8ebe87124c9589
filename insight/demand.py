"""Demand: what people ask for, from their profiles and from the searches they run.

Profiles describe people, so every count of people is protected in one place (`suppress`,
`suppress_linked`): a count under SMALLEST_CELL is hidden, and where a hidden count could be
worked out by taking the others from a total, one more count is hidden too. Searches are
anonymous (no person, no IP, no session), so they are counted as they are, except the words
people typed, which are shown only when at least SMALLEST_CELL searches share them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from citizens.models import CitizenProfile
from daywell.money import pounds
from opportunities.forms import DAYS, DELIVERY, TIMES, SearchForm
from opportunities.models import SearchLog
from opportunities.terms import Terms, search_terms

from .figures import HIDDEN, HIDDEN_WORD, Figure, Link

# --- Keeping people from being picked out --------------------------------------------------------
SMALLEST_CELL = 5
# HIDDEN (insight.figures) marks every hidden count; the note says so in the reader's language.
HIDDEN_NOTE = format_lazy(
    gettext_lazy(
        "To keep people from being picked out, a number of people under {smallest} is shown as "
        "“{hidden}”. Where a hidden number could be worked out by taking the others from a total, the "
        "next smallest number is hidden too. No totals are shown beside hidden numbers."
    ),
    smallest=SMALLEST_CELL,
    hidden=HIDDEN_WORD,
)
SEARCH_MONTHS = 12  # searches are counted over the last year
WEEKDAY_NAMES = [name for _slug, name in DAYS]
PARTS = [gettext_lazy("Morning"), gettext_lazy("Afternoon"), gettext_lazy("Evening")]
NO_WARD = None  # the key of people whose ward is not known


def suppress(count: int) -> int | str:
    """A count of people as it may be shown: the number, or HIDDEN when under SMALLEST_CELL."""
    return count if count >= SMALLEST_CELL else HIDDEN


def suppress_linked(counts: dict[Hashable, int], groups: Iterable[Iterable[Hashable]] = ()) -> dict:
    """Counts of people as they may be shown, for cells that add up to totals a reader may know.

    `counts` must hold every cell, zeros included. Each group is a set of cells whose sum is known
    (shown elsewhere, or the number of people in the city): if just one of its cells were hidden,
    the total minus the others would give it away, so the smallest shown cell of that group is
    hidden as well, and so on until no group has a single hidden cell."""
    groups = [list(group) for group in groups]
    hidden = {key for key, count in counts.items() if count < SMALLEST_CELL}
    changed = True
    while changed:
        changed = False
        for group in groups:
            if sum(1 for key in group if key in hidden) != 1:
                continue
            shown = [key for key in group if key not in hidden]
            if shown:
                hidden.add(min(shown, key=lambda key: (counts[key], str(key))))
                changed = True
    return {key: HIDDEN if key in hidden else count for key, count in counts.items()}


def search_since():
    return timezone.now() - timedelta(days=365)


# --- People, from their profiles ------------------------------------------------------------------
def people_by_ward_interest(terms: Terms) -> dict[tuple[int | None, int], int | str]:
    """(ward id or None, interest id) -> people with that interest living in that ward, protected.

    The counts of one interest over all wards (and "ward not known") add up to the city's count
    for that interest, which the demand page shows: they are protected together."""
    through = CitizenProfile.interests.through
    raw = Counter(
        {
            (row["citizenprofile__ward_id"], row["interest_id"]): row["n"]
            for row in through.objects.values("citizenprofile__ward_id", "interest_id").annotate(
                n=Count("citizenprofile_id")
            )
        }
    )
    wards = [ward.id for ward in terms.wards] + [NO_WARD]
    interests = [interest.id for interest in terms.interests]
    counts = {(ward, interest): raw[(ward, interest)] for ward in wards for interest in interests}
    groups = [[(ward, interest) for ward in wards] for interest in interests]
    return suppress_linked(counts, groups)


def _people_by_term(through, column: str, terms_of_kind) -> list[list]:
    raw = dict(
        through.objects.values_list(column).annotate(n=Count("citizenprofile_id")).values_list(column, "n")
    )
    rows = [[term.name, suppress(raw.get(term.id, 0))] for term in terms_of_kind]
    return _biggest_first(rows)


def _biggest_first(rows: list[list], column: int = 1) -> list[list]:
    """Largest numbers first, hidden ones last, then by name."""
    return sorted(rows, key=lambda row: (isinstance(row[column], str), -_number(row[column]), row[0]))


def _number(value) -> float:
    return value if isinstance(value, int | float) else 0


def people_by_interest(terms: Terms) -> Figure:
    rows = _people_by_term(CitizenProfile.interests.through, "interest_id", terms.interests)
    return Figure(
        key="people-by-interest",
        title=_("People with a profile, by what they enjoy"),
        columns=[_("What they enjoy"), _("People")],
        rows=rows,
        unit="people",
        note=_("Each person counts once for each thing they enjoy. %(HIDDEN_NOTE)s")
        % {"HIDDEN_NOTE": HIDDEN_NOTE},
    )


def people_by_need(terms: Terms) -> Figure:
    rows = _people_by_term(CitizenProfile.needs.through, "feature_id", terms.features)
    return Figure(
        key="people-by-need",
        title=_("People with a profile, by the access and support they need"),
        columns=[_("Access and support need"), _("People")],
        rows=rows,
        unit="people",
        note=_("Each person counts once for each need they told us about. %(HIDDEN_NOTE)s")
        % {"HIDDEN_NOTE": HIDDEN_NOTE},
    )


def people_by_free_time() -> Figure:
    with connection.cursor() as cursor:
        # Each part of each day, and each day as a whole (a person free all day counts once).
        cursor.execute(
            f"""SELECT slot / 3 AS day, slot % 3 AS part, count(DISTINCT id)
                FROM {CitizenProfile._meta.db_table}, unnest(free_slots) AS slot
                GROUP BY GROUPING SETS ((day, part), (day))"""  # noqa: S608 (a table name, no user input)
        )
        by_slot, by_day = {}, {}
        for day, part, count in cursor.fetchall():
            if part is None:
                by_day[day] = count
            else:
                by_slot[day * 3 + part] = count
    rows = [
        [str(name), *_day_cells([by_slot.get(day * 3 + part, 0) for part in range(3)], by_day.get(day, 0))]
        for day, name in enumerate(WEEKDAY_NAMES)
    ]
    return Figure(
        key="people-by-free-time",
        title=_("When people with a profile are free"),
        columns=[_("Day"), *(str(part) for part in PARTS), _("Any time that day")],
        rows=rows,
        value_column=4,
        unit="people",
        note=(
            _(
                "People free at any time of a day count once for that day, so “Any time that day” is not "
                "the parts added up. %(HIDDEN_NOTE)s “Any time that day” is hidden too when it could give "
                "a number away: when taking a part of the day from it leaves 1 to %(SMALLEST_CELL)s, when "
                "a part is hidden and the parts shown add up to fewer than it, or when the three parts add "
                "up to 1 to %(SMALLEST_CELL)s more than it."
            )
            % {"HIDDEN_NOTE": HIDDEN_NOTE, "SMALLEST_CELL": SMALLEST_CELL - 1}
        ),
    )


def _small_difference(difference: int) -> bool:
    return 0 < difference < SMALLEST_CELL


def _day_cells(parts: list[int], any_time: int) -> list[int | str]:
    """One day's morning, afternoon and evening and "any time that day", as they may be shown.

    "Any time" counts the people free in any part (a union, not a sum), so it is shown only when
    nothing hidden or small can be worked out from it and the parts: any time minus a shown part is
    the people free that day but not then; beside a hidden part, any time more than the shown parts
    put together means the hidden part holds someone; and the parts added up, minus any time,
    counts people free in more than one part."""
    cells = [suppress(count) for count in parts]
    shown = [count for count, cell in zip(parts, cells, strict=True) if cell != HIDDEN]
    risky = any(_small_difference(any_time - count) for count in shown)
    if len(shown) < len(parts):
        risky = risky or any_time > sum(shown)
    else:
        risky = risky or _small_difference(sum(parts) - any_time)
    return [*cells, HIDDEN if risky else suppress(any_time)]


def people_by_ward(terms: Terms) -> Figure:
    raw = Counter(
        dict(
            CitizenProfile.objects.values_list("ward_id").annotate(n=Count("id")).values_list("ward_id", "n")
        )
    )
    keys = [ward.id for ward in terms.wards] + [NO_WARD]
    # Every profile is in exactly one of these, so together they add up to the number of profiles.
    shown = suppress_linked({key: raw[key] for key in keys}, [keys])
    rows = _biggest_first([[ward.name, shown[ward.id]] for ward in terms.wards])
    rows.append([_("Ward not known"), shown[NO_WARD]])
    return Figure(
        key="people-by-ward",
        title=_("People with a profile, by the ward they live in"),
        columns=[_("Ward"), _("People")],
        rows=rows,
        chart="map",
        unit="people",
        note=_(
            "The ward of the postcode on the profile. %(HIDDEN_NOTE)s On the map a hidden ward is hatched."
        )
        % {"HIDDEN_NOTE": HIDDEN_NOTE},
        # Hidden wards stay hidden on the map (their own shade and key entry), never drawn as 0.
        ward_values={ward.id: shown[ward.id] for ward in terms.wards},
    )


def people_by_ward_and_interest(terms: Terms, cells: dict) -> Figure:
    rows = [
        [ward.name, *(cells[(ward.id, interest.id)] for interest in terms.interests)] for ward in terms.wards
    ]
    rows.append([_("Ward not known"), *(cells[(NO_WARD, interest.id)] for interest in terms.interests)])
    return Figure(
        key="people-by-ward-and-interest",
        title=_("People with a profile, by ward and what they enjoy"),
        columns=[_("Ward"), *(interest.name for interest in terms.interests)],
        rows=rows,
        chart="none",
        unit="people",
        note=_("Each person counts once for each thing they enjoy, in the ward they live in. %(HIDDEN_NOTE)s")
        % {"HIDDEN_NOTE": HIDDEN_NOTE},
    )


# --- Searches ---------------------------------------------------------------------------------------
# The search log's keys (opportunities.search_page.log_filters) in the words of the search form.
FILTER_LABELS = {
    "interest": gettext_lazy("What you enjoy"),
    "access": gettext_lazy("Access and support you need"),
    "group": gettext_lazy("Who it is for"),
    "payment": gettext_lazy("Ways to pay"),
    "ward": gettext_lazy("Ward"),
    "constituency": gettext_lazy("Area (constituency)"),
    "postcode_area": gettext_lazy("Postcode"),
    "distance": gettext_lazy("Distance"),
    "day": gettext_lazy("Days"),
    "time": gettext_lazy("Time of day"),
    "delivery": gettext_lazy("Where it happens"),
    "free": gettext_lazy("Free only"),
    "max_cost": gettext_lazy("Most to pay for a session"),
    "age_band": gettext_lazy("Age of the person"),
    "vacancies": gettext_lazy("Only places taking new people"),
    "pa": gettext_lazy("Only Personal Assistants"),
}
WORDS_LABEL = gettext_lazy("Search words")
TERM_KINDS = {"interest": "interests", "access": "features", "group": "groups", "payment": "payments",
              "ward": "wards", "constituency": "constituencies"}  # fmt: skip
CHOICE_NAMES = {"day": dict(DAYS), "time": dict(TIMES), "delivery": dict(DELIVERY)}


def search_filters_used(since) -> Figure:
    # One pass over the log, every count at once: cheaper than expanding each search's keys.
    counts = ", ".join(f"count(*) FILTER (WHERE filters ? '{key}')" for key in FILTER_LABELS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT {counts}, count(*) FILTER (WHERE words <> ''),
                       count(*) FILTER (WHERE words = '' AND filters = '{{}}'::jsonb), count(*)
                FROM {SearchLog._meta.db_table} WHERE created_at >= %s""",  # noqa: S608 (fixed names)
            [since],
        )
        *by_filter, with_words, bare, total = cursor.fetchone()
    by_key = dict(zip(FILTER_LABELS, by_filter, strict=True))
    rows = [[str(label), by_key.get(key, 0)] for key, label in FILTER_LABELS.items()]
    rows.append([str(WORDS_LABEL), with_words])
    rows = _biggest_first(rows)
    rows.append([_("Nothing chosen (every listing)"), bare])
    return Figure(
        key="search-filters",
        title=_("What people choose when they search"),
        columns=[_("Filter"), _("Searches")],
        rows=rows,
        unit="searches",
        note=ngettext(
            "%(total)s search in the last %(months)s months. A search counts once for each filter it "
            "used, so the numbers add up to more than the searches. Searches are recorded without the "
            "person: no name, no account, no address.",
            "%(total)s searches in the last %(months)s months. A search counts once for each filter it "
            "used, so the numbers add up to more than the searches. Searches are recorded without the "
            "person: no name, no account, no address.",
            total,
        )
        % {"total": f"{total:,}", "months": SEARCH_MONTHS},
    )


def _searches_with_their_wards_sql(*, needs: str = "") -> str:
    """SQL for (filters, ward id) rows: each search once for the ward of the postcode it was made
    from, and once for each other ward it asked for. `needs`: a top-level filter the search must use."""
    log = SearchLog._meta.db_table
    also = f"AND s.filters ? '{needs}'" if needs else ""
    return f"""
        SELECT s.filters, s.ward_id AS ward FROM {log} AS s
        WHERE s.ward_id IS NOT NULL AND s.created_at >= %(since)s {also}
        UNION ALL
        SELECT s.filters, w.id FROM {log} AS s
            CROSS JOIN LATERAL jsonb_array_elements_text(s.filters -> 'ward') AS chosen(slug)
            JOIN places_ward AS w ON w.slug = chosen.slug
        WHERE s.filters ? 'ward' AND s.created_at >= %(since)s {also} AND w.id IS DISTINCT FROM s.ward_id"""  # noqa: S608 (fixed names)


def searches_by_ward_counts(since) -> dict[int, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ward, count(*) FROM ({_searches_with_their_wards_sql()}) AS pairs GROUP BY ward",  # noqa: S608
            {"since": since},
        )
        return dict(cursor.fetchall())


def searches_by_ward_interest_counts(since) -> dict[tuple[int, int], int]:
    """(ward id, interest id) -> searches for that interest, from or for that ward."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT pairs.ward, i.id, count(*)
                FROM ({_searches_with_their_wards_sql(needs="interest")}) AS pairs
                CROSS JOIN LATERAL jsonb_array_elements_text(pairs.filters -> 'interest') AS chosen(slug)
                JOIN opportunities_interest AS i ON i.slug = chosen.slug
                GROUP BY pairs.ward, i.id""",  # noqa: S608
            {"since": since},
        )
        return {(ward, interest): n for ward, interest, n in cursor.fetchall()}


def searches_by_ward(terms: Terms, since) -> Figure:
    counts = searches_by_ward_counts(since)
    rows = _biggest_first([[ward.name, counts.get(ward.id, 0)] for ward in terms.wards])
    return Figure(
        key="searches-by-ward",
        title=_("Searches by ward"),
        columns=[_("Ward"), _("Searches")],
        rows=rows,
        chart="map",
        unit="searches",
        note=(
            _(
                "Searches in the last %(SEARCH_MONTHS)s months from a postcode in the ward, or for the "
                "ward itself. A search for two wards counts in both."
            )
            % {"SEARCH_MONTHS": SEARCH_MONTHS}
        ),
        ward_values={ward.id: counts.get(ward.id, 0) for ward in terms.wards},
    )


def searches_by_interest(terms: Terms, since) -> Figure:
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT slug, count(*) FROM {SearchLog._meta.db_table},
                    jsonb_array_elements_text(filters -> 'interest') AS slug
                WHERE filters ? 'interest' AND created_at >= %s GROUP BY slug""",  # noqa: S608
            [since],
        )
        counts = dict(cursor.fetchall())
    rows = _biggest_first([[interest.name, counts.get(interest.slug, 0)] for interest in terms.interests])
    return Figure(
        key="searches-by-interest",
        title=_("Searches by what people enjoy"),
        columns=[_("What they enjoy"), _("Searches")],
        rows=rows,
        unit="searches",
        note=(
            _(
                "Searches in the last %(SEARCH_MONTHS)s months that chose an interest. A search for two "
                "interests counts for both."
            )
            % {"SEARCH_MONTHS": SEARCH_MONTHS}
        ),
    )


# --- Searches that found nothing -----------------------------------------------------------------------
NOTHING_FOUND_SHOWN = 50


def describe_search(filters: dict, words: str, terms: Terms) -> str:
    """A search in plain words: "What you enjoy: Gardening; Ward: Moseley; Search words: “kiln”"."""
    parts = []
    for key, label in FILTER_LABELS.items():
        if key not in filters:
            continue
        value = filters[key]
        if key in TERM_KINDS:
            names = terms.by_slug(TERM_KINDS[key])
            value = ", ".join(names[slug].name if slug in names else slug for slug in value)
        elif key in CHOICE_NAMES:
            value = ", ".join(str(CHOICE_NAMES[key].get(slug, slug)) for slug in value)
        elif value is True:
            parts.append(str(label))
            continue
        elif key == "max_cost":
            value = pounds(value) or value
        elif key == "distance":
            value = _miles(value)
        parts.append(_("%(label)s: %(value)s") % {"label": label, "value": value})
    if words:
        parts.append(_("%(label)s: “%(words)s”") % {"label": WORDS_LABEL, "words": words})
    return "; ".join(parts) or _("Nothing chosen")


def _miles(value) -> str:
    if not isinstance(value, int | float):
        return _("%(distance)s miles") % {"distance": value}
    return ngettext("%(distance)s mile", "%(distance)s miles", 1 if value == 1 else 2) % {
        "distance": f"{value:g}"
    }


def search_url(filters: dict, words: str = "") -> str:
    """The public search page for the same search (a search log keeps only the first half of a
    postcode and a band of ages: the link uses those)."""
    params: list[tuple[str, str]] = []
    if words:
        params.append(("q", words))
    # In the search form's order (the log's JSON keeps its own), so the same search is one URL.
    order = list(SearchForm.base_fields)
    for key, value in sorted(filters.items(), key=lambda item: _form_position(item[0], order)):
        if key == "postcode_area":
            params.append(("postcode", value))
        elif key == "age_band":
            params.append(("age", value.rstrip("s") or "0"))
        elif value is True:
            params.append((key, "true"))
        elif isinstance(value, list):
            params.extend((key, str(item)) for item in value)
        elif key in SearchForm.base_fields:
            params.append((key, str(value)))
    url = reverse("opportunities:list")
    return f"{url}?{urlencode(params)}" if params else url


def _form_position(key: str, order: list[str]) -> int:
    name = {"postcode_area": "postcode", "age_band": "age"}.get(key, key)
    return order.index(name) if name in order else len(order)


def searches_found_nothing(terms: Terms, since) -> Figure:
    """The searches that found nothing, grouped by what was asked, most frequent first.

    Words people typed are shown only when SMALLEST_CELL or more of these searches share them
    (someone might type a name); rarer ones are counted together as "other words"."""
    rows = (
        SearchLog.objects.filter(result_count=0, created_at__gte=since)
        .values("filters", "words")
        .annotate(n=Count("id"))
        .order_by()
    )
    groups: Counter = Counter()
    for row in rows:
        words = row["words"]
        if words and row["n"] < SMALLEST_CELL:
            words = None  # other words, fewer than SMALLEST_CELL searches each
        key = (_frozen(row["filters"]), words)
        groups[key] += row["n"]
    # Only groups as frequent as the last one shown can be shown: ordering just those is much cheaper
    # (the tie-break writes each group out as text).
    counts = sorted(groups.values(), reverse=True)
    floor = counts[NOTHING_FOUND_SHOWN - 1] if len(counts) >= NOTHING_FOUND_SHOWN else 0
    candidates = [item for item in groups.items() if item[1] >= floor]
    ordered = sorted(candidates, key=lambda item: (-item[1], str(item[0])))[:NOTHING_FOUND_SHOWN]
    table = []
    for (frozen, words), count in ordered:
        filters = {k: list(v) if isinstance(v, tuple) else v for k, v in frozen}
        if words is None:  # no link: the same search without the words would not be the same search
            first = _("%(search)s; with other words") % {"search": describe_search(filters, "", terms)}
        else:
            first = Link(describe_search(filters, words, terms), search_url(filters, words))
        table.append([first, count])
    total = sum(groups.values())
    return Figure(
        key="searches-found-nothing",
        title=_("Searches that found nothing, most frequent first"),
        columns=[_("What was searched for"), _("Searches")],
        rows=table,
        chart="none",
        unit="searches",
        note=ngettext(
            "%(total)s search in the last %(months)s months found nothing; the %(shown)s most frequent "
            "are shown, each linked to the same search today. Words people typed are shown only when at "
            "least %(smallest)s searches used the same words; the others are counted as “with other words”.",
            "%(total)s searches in the last %(months)s months found nothing; the %(shown)s most frequent "
            "are shown, each linked to the same search today. Words people typed are shown only when at "
            "least %(smallest)s searches used the same words; the others are counted as “with other words”.",
            total,
        )
        % {
            "total": f"{total:,}",
            "months": SEARCH_MONTHS,
            "shown": NOTHING_FOUND_SHOWN,
            "smallest": SMALLEST_CELL,
        },
    )


def _frozen(filters: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in filters.items()))


# --- The page ---------------------------------------------------------------------------------------------
# Each figure by its key, in the page's order: a figure's CSV and the statement work out only theirs.
BUILDERS: dict[str, Callable[[Terms, datetime], Figure]] = {
    "people-by-interest": lambda terms, since: people_by_interest(terms),
    "people-by-need": lambda terms, since: people_by_need(terms),
    "people-by-free-time": lambda terms, since: people_by_free_time(),
    "people-by-ward": lambda terms, since: people_by_ward(terms),
    "people-by-ward-and-interest": lambda terms, since: people_by_ward_and_interest(
        terms, people_by_ward_interest(terms)
    ),
    "search-filters": lambda terms, since: search_filters_used(since),
    "searches-by-ward": searches_by_ward,
    "searches-by-interest": searches_by_interest,
    "searches-found-nothing": searches_found_nothing,
}


def figures() -> list[Figure]:
    terms, since = search_terms(), search_since()
    return [build(terms, since) for build in BUILDERS.values()]


def figure(key: str) -> Figure | None:
    build = BUILDERS.get(key)
    return build(search_terms(), search_since()) if build else None
