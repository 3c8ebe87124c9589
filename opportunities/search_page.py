"""What the search page shows, built from a search Result: the filter panel with counts,
the active filters, pagination, the ward map and the suggestions when nothing matched.

The public page puts every filter in its links. A search kept on the server (a person's search,
see citizens.person_search) builds no such link: each change is a form value posted back
(`Chip.remove`, `Suggestion.remove`, `Spelling.change`) and only ?page=N is left in an address."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy, ngettext

from daywell.money import pounds
from daywell.templatetags.clock import clock_text
from guidance.icons import icon_svg
from places.maps import legend, shade_for, ward_map

from .forms import DAYS, DELIVERY, DISTANCES, SORTS, TIMES
from .search import PAGE_SIZE, Filters, Result
from .spelling import spelling_suggestion
from .terms import Terms

WEEKDAY_NAMES = [name for _, name in DAYS]
UNIT_WORDS = {"session": gettext_lazy("a session"), "hour": gettext_lazy("an hour"),
              "day": gettext_lazy("a day"), "week": gettext_lazy("a week"), "month": gettext_lazy("a month"),
              "course": gettext_lazy("for the course")}  # fmt: skip


# --- URLs -------------------------------------------------------------------------------------
def url_with(
    params: QueryDict,
    *,
    drop: tuple[str, str | None] | None = None,
    add: tuple[str, str] | None = None,
    drop_keys: tuple[str, ...] = (),
) -> str:
    """The same search with one value taken away or added (and back on page 1)."""
    items = []
    for key in params:
        if key == "page" or key in drop_keys:
            continue
        for value in params.getlist(key):
            if drop and key == drop[0] and (drop[1] is None or value == drop[1]):
                continue
            if value != "":
                items.append((key, value))
    if add and add not in items:
        items.append(add)
    return "?" + urlencode(items) if items else "?"


def removal(drop: tuple[str, str | None] | None = None, drop_keys: tuple[str, ...] = ()) -> str:
    """url_with's `drop` and `drop_keys` as one form value: "interest=sport" takes that value
    away, "postcode=" every value of the parameter."""
    pairs = [(drop[0], drop[1] or "")] if drop else []
    return urlencode(pairs + [(key, "") for key in drop_keys])


def page_number(text: str) -> int:
    # isdecimal, not isdigit: "²" is a digit that int() cannot read.
    return int(text) if text.isdecimal() and len(text) < 6 and int(text) > 0 else 1


# --- The filter panel -------------------------------------------------------------------------
@dataclass
class Option:
    value: str
    label: str
    count: int | None
    checked: bool
    icon: str = ""  # an icon's name (guidance.icons), shown before the label


@dataclass
class Section:
    name: str  # the GET parameter
    legend: str
    options: list[Option]
    hint: str = ""
    long: bool = False  # shown folded in a details element unless something is ticked
    error: str = ""

    @property
    def any_checked(self) -> bool:
        return any(o.checked for o in self.options)

    @property
    def options_html(self) -> str:
        """The checkboxes, built here rather than in a template loop: the page has ~140 of them.
        The first carries the group's own name as its id, so error-summary links land on it."""
        counts = {count: _count_html(count) for count in {option.count for option in self.options}}
        return format_html_join(
            "\n",
            '<div class="govuk-checkboxes__item">'
            '<input class="govuk-checkboxes__input" id="{0}" name="{1}" type="checkbox" value="{2}"{3}>'
            '<label class="govuk-label govuk-checkboxes__label" for="{0}">{6}{4} '
            '<span class="dw-count">{5}</span></label></div>',
            (
                (
                    self.name if i == 0 else f"{self.name}-{i + 1}",
                    self.name,
                    option.value,
                    mark_safe(" checked") if option.checked else "",  # noqa: S308 (a constant)
                    option.label,
                    counts[option.count],
                    icon_svg(option.icon) if option.icon else "",
                )
                for i, option in enumerate(self.options)
            ),
        )


def _count_html(count: int) -> str:
    """A filter's count, "(7 results)", with its words for screen readers only."""
    # Translators: the number of results a filter would give, after its name; the words are read
    # out by screen readers only. Keep the <span> around the space and the word.
    text = ngettext(
        '(%(count)s<span class="govuk-visually-hidden"> result</span>)',
        '(%(count)s<span class="govuk-visually-hidden"> results</span>)',
        count,
    ) % {"count": int(count)}
    return mark_safe(text)  # noqa: S308 (the catalogue's own markup and a number)


_ICONED = ("interests", "features")  # the reference lists that have icons beside their names


def filter_sections(form, result: Result, terms: Terms) -> list[Section]:
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}
    counts = result.counts

    def terms_section(name, kind, legend_text, hint="", long=False):
        chosen = set(data.get(name) or [])
        facet = counts.get(name, {})
        iconed = kind in _ICONED
        return Section(
            name, legend_text,
            [
                Option(t.slug, t.name, facet.get(t.id, 0), t.slug in chosen, t.slug if iconed else "")
                for t in getattr(terms, kind)
            ],
            hint, long,
        )  # fmt: skip

    def fixed_section(name, choices, facet_values, legend_text, hint=""):
        chosen = set(data.get(name) or [])
        facet = counts.get(name, {})
        return Section(
            name, legend_text,
            [
                Option(v, label, facet.get(key, 0), v in chosen)
                for (v, label), key in zip(choices, facet_values, strict=True)
            ],
            hint,
        )  # fmt: skip

    errors = dict(form.messages())
    sections = [
        terms_section("interest", "interests", gettext("What do you enjoy?"), gettext("Choose any")),
        terms_section(
            "access",
            "features",
            gettext("Access and support you need"),
            gettext("Only places that have all of these are shown"),
            long=True,
        ),  # fmt: skip
        fixed_section("day", DAYS, range(7), gettext("Which days?")),
        fixed_section("time", TIMES, range(3), gettext("What time of day?")),
        terms_section("payment", "payments", gettext("How will it be paid for?")),
        terms_section("group", "groups", gettext("Who is it for?"), long=True),
        fixed_section("delivery", DELIVERY, range(1, 5), gettext("Where does it happen?")),
        terms_section("constituency", "constituencies", gettext("Area of Birmingham"), long=True),
        terms_section("ward", "wards", gettext("Ward"), long=True),
    ]
    for section in sections:
        section.error = errors.get(section.name, "")
    return sections


# --- Active filters ---------------------------------------------------------------------------
@dataclass
class Chip:
    group: str  # the filter group in search clauses
    label: str
    remove_url: str  # empty when links=False
    remove: str = ""  # the same change as a form value (see `removal`)


def active_chips(form, params: QueryDict, terms: Terms, *, links: bool = True) -> list[Chip]:
    data = form.cleaned_data
    chips = []

    def chip(group, label, drop, drop_keys=()):
        url = url_with(params, drop=drop, drop_keys=drop_keys) if links else ""
        chips.append(Chip(group, label, url, removal(drop, drop_keys)))

    if data.get("q"):
        chip("q", gettext("Words: %(words)s") % {"words": data["q"]}, ("q", None))
    if data.get("postcode"):
        text = gettext("Near %(postcode)s") % {"postcode": data["postcode"]}
        if data.get("distance"):
            text = gettext("Within %(distance)s miles of %(postcode)s") % {
                "distance": f"{data['distance']:g}",
                "postcode": data["postcode"],
            }
        chip("distance", text, ("postcode", None), ("distance",))
    names = {"interest": terms.by_slug("interests"), "access": terms.by_slug("features"),
             "group": terms.by_slug("groups"), "payment": terms.by_slug("payments"),
             "ward": terms.by_slug("wards"), "constituency": terms.by_slug("constituencies")}  # fmt: skip
    for name, lookup in names.items():
        for slug in data.get(name) or []:
            chip(name, lookup[slug].name, (name, slug))
    fixed = {"day": dict(DAYS), "time": dict(TIMES), "delivery": dict(DELIVERY)}
    for name, labels in fixed.items():
        group = "when" if name in ("day", "time") else name
        for value in data.get(name) or []:
            chip(group, labels[value], (name, value))
    if data.get("free"):
        chip("cost", gettext("Free only"), ("free", None))
    elif data.get("max_cost") is not None:
        chip(
            "cost",
            gettext("Up to %(amount)s a session") % {"amount": pounds(data["max_cost"])},
            ("max_cost", None),
        )
    if data.get("age") is not None:
        chip("age", gettext("Age %(age)s") % {"age": data["age"]}, ("age", None))
    if data.get("vacancies"):
        chip("vacancies", gettext("Taking new people"), ("vacancies", None))
    if data.get("pa"):
        chip("assistants", gettext("Personal Assistants"), ("pa", None))
    return chips


@dataclass
class Suggestion:
    label: str
    count: int
    url: str  # empty when links=False
    remove: str = ""  # the same change as a form value (see `removal`)


# The GET parameters behind each filter group, and how to name the group when it holds several
# choices: a count "without this filter" is for the whole group, so the link must drop all of it.
GROUP_PARAMS = {
    "q": (("q",), "your search words"),
    "distance": (("postcode", "distance"), "the distance from your postcode"),
    "interest": (("interest",), "what you enjoy"),
    "access": (("access",), "your access and support needs"),
    "group": (("group",), "who it is for"),
    "payment": (("payment",), "ways to pay"),
    "ward": (("ward",), "the wards"),
    "constituency": (("constituency",), "the areas"),
    "when": (("day", "time"), "the days and times"),
    "delivery": (("delivery",), "where it happens"),
    "cost": (("free", "max_cost"), "the cost"),
    "age": (("age",), "the age"),
    "vacancies": (("vacancies",), "only places taking new people"),
    "assistants": (("pa",), "only Personal Assistants"),
}


def suggestions_when_empty(
    chips: list[Chip], result: Result, params: QueryDict, *, links: bool = True
) -> list[Suggestion]:
    """Which single filter to remove, and what that would give: the best first."""
    chips_by_group: dict[str, list[Chip]] = {}
    for chip in chips:
        chips_by_group.setdefault(chip.group, []).append(chip)
    found = []
    for group, group_chips in chips_by_group.items():
        count = result.without.get(group, 0)
        if not count:
            continue
        keys, name = GROUP_PARAMS[group]
        label = f"“{group_chips[0].label}”" if len(group_chips) == 1 else name
        url = url_with(params, drop_keys=keys) if links else ""
        found.append(Suggestion(label, count, url, removal(drop_keys=keys)))
    return sorted(found, key=lambda s: -s.count)[:3]


# --- Pagination -------------------------------------------------------------------------------
@dataclass
class Pagination:
    number: int
    pages: int
    previous_url: str | None = None
    next_url: str | None = None
    items: list = field(default_factory=list)  # (number or None for an ellipsis, url, current)


def pagination(params: QueryDict, page: int, total: int) -> Pagination | None:
    pages = max(1, -(-total // PAGE_SIZE))
    if pages == 1:
        return None

    def url(n):
        return url_with(params, add=("page", str(n))) if n > 1 else url_with(params)

    shown = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    items, previous = [], 0
    for n in shown:
        if n - previous > 1:
            items.append((None, None, False))
        items.append((n, url(n), n == page))
        previous = n
    return Pagination(
        page, pages, url(page - 1) if page > 1 else None, url(page + 1) if page < pages else None, items
    )


# --- Ward map ---------------------------------------------------------------------------------
@dataclass
class MapWard:
    name: str
    slug: str
    count: int
    colour: str
    path: str
    url: str
    chosen: bool


def _map_links_html(wards: list[MapWard]) -> str:
    return format_html_join(
        "",
        '<a href="{0}" aria-label="{1}">'
        '<path d="{3}" fill="{4}"{5}><title>{6}: {2}</title></path></a>',
        (
            (w.url, _ward_label(w), w.count, w.path, w.colour,
             mark_safe(' class="dw-map__chosen"') if w.chosen else "", w.name)  # noqa: S308 (a constant)
            for w in wards
        ),
    )  # fmt: skip


def _ward_label(ward: MapWard) -> str:
    # Translators: a ward on the map, read out by screen readers, for example "Ladywood: 7 things to do".
    return ngettext("%(ward)s: %(count)s thing to do", "%(ward)s: %(count)s things to do", ward.count) % {
        "ward": ward.name,
        "count": ward.count,
    }


def _map_rows_html(wards: list[MapWard]) -> str:
    return format_html_join(
        "\n",
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
        '<a class="govuk-link" href="{0}">{1}</a></th>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">{2}</td></tr>',
        ((w.url, w.name, f"{w.count:,}") for w in wards),
    )


def map_context(params: QueryDict, result: Result, terms: Terms, chosen_wards: list[str]) -> dict:
    by_code = {}
    wards = {t.name: t for t in terms.wards}
    counts = result.counts.get("ward", {})
    highest = max(counts.values(), default=0)
    shapes = ward_map()
    for shape in shapes.shapes:
        term = wards.get(shape.name)
        if term is None:
            continue
        count = counts.get(term.id, 0)
        by_code[shape.code] = MapWard(
            shape.name, term.slug, count, shade_for(count, highest), shape.path,
            url_with(params, add=("ward", term.slug)), term.slug in chosen_wards,
        )  # fmt: skip
    wards = list(by_code.values())
    return {
        "width": shapes.width,
        "height": shapes.height,
        "wards": wards,
        "links_html": _map_links_html(wards),
        "rows_html": _map_rows_html(sorted(wards, key=lambda w: (-w.count, w.name))),
        "legend": legend(highest),
    }


# --- Result cards -----------------------------------------------------------------------------
def _clock(text: str) -> str:
    hour, minute = (int(part) for part in text.split(":")[:2])
    return clock_text(datetime.time(hour, minute))


def when_text(card: dict, by_arrangement: bool) -> str:
    if by_arrangement:
        return gettext("Days and times agreed with you")
    sessions = card.get("sessions") or []
    if not sessions:
        return gettext("Ask the provider when")
    parts = [
        gettext("%(day)s %(start)s to %(end)s")
        % {"day": WEEKDAY_NAMES[day], "start": _clock(start), "end": _clock(end)}
        for day, start, end in sessions[:4]
    ]
    more = len(sessions) - 4
    return "; ".join(parts) + (gettext("; and %(more)s more") % {"more": more} if more > 0 else "")


def cost_text(card: dict, is_free: bool) -> str:
    if is_free:
        return gettext("Free")
    costs = [c for c in card.get("costs") or [] if Decimal(c[0]) > 0] or card.get("costs") or []
    if not costs:
        return gettext("Ask the provider about cost")
    amount, unit, _ = costs[0]
    price = f"{pounds(amount)} {UNIT_WORDS.get(unit, unit)}"
    return gettext("From %(price)s") % {"price": price} if len(costs) > 1 else price


def _closed_until(card: dict):
    """The date a temporarily closed listing opens again, while that is still to come."""
    text = card.get("closed_until")
    if not text:
        return None
    day = datetime.date.fromisoformat(text)
    return day if day > datetime.date.today() else None


def _council_checked_on(card: dict):
    """The "Council checked" badge's date, while none of the provider's checks has run out."""
    checked_on, valid_until = card.get("council_checked") or (None, None)
    if not checked_on or (valid_until and datetime.date.fromisoformat(valid_until) < datetime.date.today()):
        return None
    return datetime.date.fromisoformat(checked_on)


def present_rows(rows, terms: Terms) -> list[dict]:
    direct = next((t.id for t in terms.payments if t.slug == "direct-payment"), None)
    feature_slugs = {t.name: t.slug for t in terms.features}  # the card names features; icons need slugs
    cards = []
    for row in rows:
        card = row.card or {}
        cards.append({
            "id": row.id,
            "title": row.title,
            "url": row.get_absolute_url(),
            "summary": row.summary,
            "easy_read_summary": row.easy_read_summary,
            "provider": card.get("provider") or "",
            "ward": card.get("ward") or "",
            "distance": row.distance_miles,
            "when": when_text(card, row.by_arrangement),
            "cost": cost_text(card, row.is_free),
            "direct_payment": direct in (row.payment_ids or []),
            "features": card.get("features") or [],
            "feature_items": [(feature_slugs.get(name, ""), name) for name in card.get("features") or []],
            "taking_new_people": row.vacancies == "yes",
            "last_checked_on": row.last_checked_on,
            "personal_assistant": bool(card.get("personal_assistant")),
            "closed_until": _closed_until(card),
            "areas": card.get("areas") or 0,
            "council_checked_on": _council_checked_on(card),
        })  # fmt: skip
    return cards


def log_filters(form) -> dict:
    """What a search used, without anything that could point to a person (no full postcode)."""
    data = form.cleaned_data
    logged = {}
    for key in ("interest", "access", "group", "payment", "ward", "constituency", "day", "time", "delivery"):
        if data.get(key):
            logged[key] = list(data[key])
    for key in ("free", "vacancies", "pa"):
        if data.get(key):
            logged[key] = True
    if data.get("max_cost") is not None:
        logged["max_cost"] = str(data["max_cost"])
    if data.get("age") is not None:
        logged["age_band"] = f"{data['age'] // 10 * 10}s"
    if data.get("postcode"):
        logged["postcode_area"] = data["postcode"].split(" ")[0]
        if data.get("distance"):
            logged["distance"] = data["distance"]
    return logged


def loggable_words(words: list[str]) -> str:
    """The search words worth keeping for insight: only words the directory itself uses (or
    their known synonyms), never numbers, names, phone numbers or postcodes someone typed."""
    from .models import SearchWord
    from .synonyms import alternatives

    plain = [w for w in words if w.isalpha()]
    known = set(SearchWord.objects.filter(word__in=plain).values_list("word", flat=True)) if plain else set()
    return " ".join(w for w in plain if w in known or alternatives(w) != [w])[:200]


# --- The whole page ---------------------------------------------------------------------------
class Spelling(NamedTuple):
    word: str  # "Did you mean <word>?"
    url: str  # empty when links=False
    change: str  # the same change as a form value: "q=<word>"


def page_context(
    *, form, terms: Terms, filters: Filters, result: Result, params: QueryDict, page: int, links: bool = True
) -> dict:
    """Everything the search page template needs but the search log. With links=False (a search
    kept on the server) no link carries a filter: pagination is ?page=N and there is no ward map."""
    chips = active_chips(form, params, terms, links=links)
    spelling = None
    if result.total == 0 and filters.words:
        corrected = spelling_suggestion(filters.words)
        if corrected:
            url = url_with(params, drop=("q", None), add=("q", corrected)) if links else ""
            spelling = Spelling(corrected, url, urlencode({"q": corrected}))
    return {
        "form": form,
        "messages_for_summary": form.messages(),
        "result": result,
        "cards": present_rows(result.rows, terms),
        "sections": filter_sections(form, result, terms),
        "chips": chips,
        "clear_url": "?",
        "suggestions": suggestions_when_empty(chips, result, params, links=links) if not result.total else [],
        "spelling": spelling,
        "pagination": pagination(params if links else QueryDict(), page, result.total),
        "map": map_context(params, result, terms, form.cleaned_data.get("ward") or []) if links else None,
        "distances": DISTANCES,
        "sorts": SORTS,
        "sort": filters.effective_sort,
        "first": (page - 1) * PAGE_SIZE + 1,
        "last": (page - 1) * PAGE_SIZE + len(result.rows),
    }
