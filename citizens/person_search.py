"""Search for one person: the public search, started from their profile and kept on the server.

The person's postcode, needs and the rest never go into an address (only the profile's UUID does)
nor into the anonymous search log. The search's current values live in the session, one
urlencoded string per profile, and every change to them is a POST that SearchForm validates.
Until someone changes it, the search is worked out afresh from the profile, so an edit to the
profile shows at once.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode

from django.http import QueryDict
from django.utils.translation import gettext, ngettext

from opportunities.forms import DAYS, DISTANCES, TIMES, SearchForm
from opportunities.terms import Terms

from .models import CitizenProfile
from .plan import PARTS, and_list, list_of_groups, when_words
from .suggestions import distance_words

SESSION_KEY = "person_search"
PARAM_NAMES = tuple(SearchForm.base_fields)  # q, postcode, distance, ward … sort
# The longest distance the search page offers ("10"), for someone who will travel further.
FURTHEST = DISTANCES[-1][0]


@dataclass
class ProfileSearch:
    """The search a profile starts, and what each part of it came from, in plain words."""

    params: list[tuple[str, str]] = field(default_factory=list)
    used: list[tuple[str, str]] = field(default_factory=list)  # (what, from the profile)
    note: str = ""  # when days × times is wider than the times the person is free

    @property
    def query(self) -> str:
        return urlencode(self.params)


def distance_for(miles: Decimal | None) -> str:
    """The nearest distance the search page offers that is at least as far as the person will
    travel, or the furthest it offers."""
    if miles is None:
        return ""
    for value, _ in DISTANCES:
        if value and Decimal(value) >= miles:
            return value
    return FURTHEST


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def free_times(slots: list[int]) -> str:
    """[1, 3, 4] -> "Monday afternoon; Tuesday morning and afternoon"."""
    by_day: dict[int, list[int]] = {}
    for slot in sorted(set(slots)):
        by_day.setdefault(slot // 3, []).append(slot % 3)
    return list_of_groups(
        [when_words(day, and_list([PARTS[part] for part in parts])) for day, parts in by_day.items()]
    )


def profile_search(
    profile: CitizenProfile, terms: Terms, today: datetime.date | None = None
) -> ProfileSearch:
    """The search parameters a profile gives (three small queries: interests, needs, groups)."""
    name = profile.preferred_name
    found = ProfileSearch()
    params, used = found.params, found.used

    if profile.postcode:
        params.append(("postcode", profile.postcode))
        distance = distance_for(profile.travel_miles)
        if distance:
            params.append(("distance", distance))
            said = distance_words(profile.travel_miles)
            text = ngettext(
                "Within %(distance)s mile of %(postcode)s",
                "Within %(distance)s miles of %(postcode)s",
                int(distance),
            ) % {"distance": distance, "postcode": profile.postcode}
            if Decimal(distance) < profile.travel_miles:
                text += " " + gettext("(%(name)s will travel %(said)s, further than the search goes)") % {
                    "name": name,
                    "said": said,
                }
            elif Decimal(distance) != profile.travel_miles:
                text += " " + gettext("(%(name)s will travel %(said)s)") % {"name": name, "said": said}
            used.append((gettext("Where"), text))
        else:
            used.append(
                (
                    gettext("Where"),
                    gettext("Near %(postcode)s, nearest first") % {"postcode": profile.postcode},
                )
            )

    for param, kind, manager, label in (
        ("interest", "interests", profile.interests, gettext("Enjoys")),
        ("access", "features", profile.needs, gettext("Must have all of")),
        ("group", "groups", profile.audiences, gettext("Who for")),
    ):
        ids = set(manager.values_list("id", flat=True))
        chosen = [term for term in getattr(terms, kind) if term.id in ids]
        params += [(param, term.slug) for term in chosen]
        if chosen:
            used.append((label, ", ".join(term.name for term in chosen)))

    slots = set(profile.free_slots)
    if slots and len(slots) < 21:
        days = sorted({slot // 3 for slot in slots})
        parts = sorted({slot % 3 for slot in slots})
        if len(days) < 7:
            params += [("day", DAYS[day][0]) for day in days]
        if len(parts) < 3:
            params += [("time", TIMES[part][0]) for part in parts]
        used.append((gettext("Free"), free_times(profile.free_slots)))
        if len(days) * len(parts) != len(slots):
            found.note = gettext(
                "The search finds things on any of these days at any of these times of day, "
                "but %(name)s is not free at all of them: check each listing’s times."
            ) % {"name": name}

    if profile.weekly_budget is not None:
        params.append(("payment", "direct-payment"))
        used.append((gettext("Payment"), gettext("Can be paid with a direct payment")))

    if profile.date_of_birth:
        age = age_on(profile.date_of_birth, today or datetime.date.today())
        if 0 < age <= 120:
            params.append(("age", str(age)))
            used.append((gettext("Age"), str(age)))
    return found


# --- The search kept in the session -------------------------------------------------------------
def search_current(session, profile: CitizenProfile, start: ProfileSearch) -> QueryDict:
    """The person's search as it stands: as changed in this session, or as the profile starts it."""
    kept = session.get(SESSION_KEY, {}).get(str(profile.uuid))
    return QueryDict(start.query if kept is None else kept)


def search_changed(session, profile: CitizenProfile) -> bool:
    return str(profile.uuid) in session.get(SESSION_KEY, {})


def search_keep(session, profile: CitizenProfile, form: SearchForm) -> None:
    """Keep a valid SearchForm's values (only the ones it recognised) as the person's search."""
    searches = dict(session.get(SESSION_KEY, {}))
    searches[str(profile.uuid)] = _params_of(form)
    session[SESSION_KEY] = searches  # a new dict, so the session knows to save itself


def search_forget(session, profile: CitizenProfile) -> None:
    """Back to the search the profile starts."""
    searches = dict(session.get(SESSION_KEY, {}))
    if searches.pop(str(profile.uuid), None) is not None:
        session[SESSION_KEY] = searches


def _params_of(form: SearchForm) -> str:
    pairs = []
    for name in PARAM_NAMES:
        value = form.cleaned_data.get(name)
        if value is None or value == "" or value is False or value == []:
            continue
        if isinstance(value, list):
            pairs += [(name, item) for item in value]
        elif value is True:
            pairs.append((name, "1"))
        elif name == "distance":
            pairs.append((name, f"{value:g}"))  # 3.0 -> "3", as the page's list of distances has it
        else:
            pairs.append((name, str(value)))
    return urlencode(pairs)


def search_change(current: QueryDict, post: QueryDict) -> QueryDict:
    """The search after the change a POST asks for:
    - remove="interest=sport&postcode=": take those values away ("name=" takes every value);
    - set="q=swimming": replace those parameters;
    - clear: no filters at all;
    - anything else is the filter form itself: its values, known parameter names only."""
    changed = QueryDict(mutable=True)
    if "clear" in post:
        return changed
    if "remove" in post:
        removing = parse_qsl(post["remove"], keep_blank_values=True)
        every = {name for name, value in removing if value == ""}
        some = {(name, value) for name, value in removing if value != ""}
        for name in current:
            kept = [value for value in current.getlist(name) if (name, value) not in some]
            if name not in every and kept:
                changed.setlist(name, kept)
        return changed
    if "set" in post:
        setting: dict[str, list[str]] = {}
        for name, value in parse_qsl(post["set"], keep_blank_values=True):
            if name in PARAM_NAMES:
                setting.setdefault(name, []).append(value)
        for name in current:
            if name not in setting:
                changed.setlist(name, current.getlist(name))
        for name, values in setting.items():
            changed.setlist(name, values)
        return changed
    for name in PARAM_NAMES:
        values = [value for value in post.getlist(name) if value != ""]
        if values:
            changed.setlist(name, values)
    return changed
