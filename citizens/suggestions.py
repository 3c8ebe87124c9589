"""Suggestions for a person: published listings ranked by how well they fit the profile, each
with the plain reasons why.

Must-haves leave a listing out: every one of the person's access and support needs, how far they
will travel (a listing that is online, or that comes to people in the person's ward, is kept),
their age, and the weekly budget (nothing costing more a session than the whole week's budget).
Everything else scores: interests matched counts most, then times when the person is free, who
it is made for, nearness, cost, and whether it is taking new people.

A fixed number of queries, whatever the size of the directory:

1. the search index's version (the in-memory columns of every listing, `opportunities.facets`);
2. the profile's interests, needs, audiences and shortlist, in one statement;
3. (only with a postcode) where the person lives;
4. the rows of the top suggestions, by id.

Names of interests, needs and wards come from `opportunities.terms`, cached per index version
and shared with the search (so they cost queries only the first time after the index changes).
"""

import datetime
import math
from dataclasses import dataclass, field

import numpy as np
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.utils.translation import gettext

from daywell.money import pounds
from opportunities import facets
from opportunities.search import index_version
from opportunities.terms import search_terms

from .models import CitizenProfile, ShortlistItem

LIMIT = 20
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PARTS = ["morning", "afternoon", "evening"]
ONLINE = facets.DELIVERY_VALUES.index("online")
HOME = facets.DELIVERY_VALUES.index("home")

# How much each thing counts. Interests matter most: each shared interest (up to three)
# outweighs all the other reasons together, so more interests matched always ranks higher.
SCORE_INTEREST = 15.0
SCORE_FREE_TIME = 4.0  # it runs at a time the person is free
SCORE_MORE_TIMES = 0.5  # for each further free slot it runs in, up to three
SCORE_AUDIENCE = 2.0  # made for people like them
SCORE_NEAR = 3.0  # at the door; falling to 0 at the edge of how far they will go
SCORE_FREE = 2.0
SCORE_IN_BUDGET = 1.0
SCORE_PLACES = 1.5  # taking new people now
NEAR_SCALE_MILES = 10.0  # how nearness is judged when the person has not said how far they go


@dataclass(frozen=True)
class Voice:
    """Who the reasons speak about: "you" when the person reads their own page, else their name."""

    name: str
    you: bool = False

    @property
    def whose(self) -> str:  # "Sam’s" / "your"
        return "your" if self.you else f"{self.name}’s"

    @property
    def them(self) -> str:  # "Sam" / "you"
        return "you" if self.you else self.name

    @property
    def they_are(self) -> str:  # "Sam is" / "you are"
        return "you are" if self.you else f"{self.name} is"


@dataclass
class Suggestion:
    opportunity: object  # an Opportunity with only the fields a card needs
    reasons: list[str]
    score: float
    distance: float | None  # miles, when both the person and the listing have a place
    shortlisted: bool
    card: dict

    @property
    def closed_until(self) -> datetime.date | None:
        """The date a temporarily closed listing opens again, while that is still to come."""
        text = self.card.get("closed_until")
        day = datetime.date.fromisoformat(text) if text else None
        return day if day and day > datetime.date.today() else None


@dataclass
class Suggestions:
    items: list[Suggestion]
    fitting: int  # listings that meet every must-have
    listed: int  # listings in the directory
    voice: Voice
    empty_message: str = ""  # why nothing came back
    tips: list[str] = field(default_factory=list)  # what would bring something back
    missing: list[str] = field(default_factory=list)  # parts of the profile that would help


# --- Words ------------------------------------------------------------------------------------
def and_join(words: list[str], last: str = " and ") -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + last + words[-1]


def miles_words(miles: float) -> str:
    if miles < 0.05:
        return gettext("Less than 0.1 miles away")
    shown = f"{miles:.1f}"
    return "1 mile away" if shown == "1.0" else f"{shown} miles away"


def _lower_first(name: str) -> str:
    """ "Nature and gardening" -> "nature and gardening", but "BSL" stays."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def _days_words(days: list[int]) -> str:
    if days == [0, 1, 2, 3, 4]:
        return "weekday"
    if days == [5, 6]:
        return "weekend"
    return and_join([DAY_NAMES[d] for d in days])


def slots_words(slots) -> str:
    """Slots (weekday * 3 + part) in plain words: "Tuesday and Thursday mornings",
    "weekday afternoons", "every evening", "Monday mornings and afternoons; Friday evenings"."""
    by_day: dict[int, list[int]] = {}
    for slot in sorted({int(s) for s in slots}):
        by_day.setdefault(slot // 3, []).append(slot % 3)
    groups: dict[tuple[int, ...], list[int]] = {}
    for day, parts in by_day.items():
        groups.setdefault(tuple(parts), []).append(day)
    phrases = []
    for parts, days in groups.items():
        if len(days) == 7:
            phrases.append("every " + and_join([PARTS[p] for p in parts]))
        else:
            phrases.append(f"{_days_words(days)} " + and_join([PARTS[p] + "s" for p in parts]))
    text = "; ".join(phrases)
    return text[:1].upper() + text[1:]


def age_on(born: datetime.date, today: datetime.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# --- The profile, in one statement ------------------------------------------------------------
def _profile_facts(profile: CitizenProfile) -> dict[str, list[int]]:
    """The ids of the person's interests, needs and audiences, and of what is on their shortlist."""

    def ids(relation: str, column: str):
        through = getattr(CitizenProfile, relation).through
        return ArraySubquery(through.objects.filter(citizenprofile_id=OuterRef("pk")).values(column))

    row = (
        CitizenProfile.objects.filter(pk=profile.pk)
        .values(
            interest_ids=ids("interests", "interest_id"),
            need_ids=ids("needs", "feature_id"),
            audience_ids=ids("audiences", "audiencegroup_id"),
            shortlist_ids=ArraySubquery(
                ShortlistItem.objects.filter(profile_id=OuterRef("pk")).values("opportunity_id")
            ),
        )
        .first()
    )
    return {key: sorted(value or []) for key, value in (row or {}).items()}


def _columns_of(cols: facets.Columns, facet: str, ids: list[int]) -> tuple[list[int], bool]:
    """Matrix columns of these value ids, and whether every id was found."""
    value_ids = cols.value_ids[facet]
    index = {value: i for i, value in enumerate(value_ids)}
    found = [index[v] for v in ids if v in index]
    return found, len(found) == len(ids)


# --- The engine -------------------------------------------------------------------------------
def profile_suggestions(
    *, profile: CitizenProfile, you: bool = False, limit: int = LIMIT, today: datetime.date | None = None
) -> Suggestions:
    """The best `limit` listings for the person, best first, each with its reasons."""
    from opportunities.models import Opportunity
    from places.services import place_for_postcode

    voice = Voice(profile.preferred_name, you)
    version = index_version()
    cols = facets.columns(version)
    facts = _profile_facts(profile)
    place = place_for_postcode(profile.postcode) if profile.postcode else None
    terms = search_terms(version)
    today = today or datetime.date.today()
    n = cols.size

    # Must-haves: one mask per rule, so that an empty list can say which rule emptied it.
    masks: dict[str, np.ndarray] = {}
    need_ids = facts.get("need_ids", [])
    if need_ids:
        columns, all_known = _columns_of(cols, "access", need_ids)
        masks["needs"] = (
            cols.matrices["access"][:, columns].all(axis=1) if all_known else np.zeros(n, dtype=bool)
        )
    miles = facets.miles_from(cols, place.latitude, place.longitude) if place else None
    ward_id = place.ward.id if place and place.ward else profile.ward_id
    ward_columns, _ = _columns_of(cols, "ward", [ward_id] if ward_id else [])
    covers_ward = cols.matrices["ward"][:, ward_columns[0]] if ward_columns else np.zeros(n, dtype=bool)
    has_place = ~np.isnan(cols.latitude)
    online = cols.delivery[:, ONLINE]
    # It comes to people where the person lives: no venue, or a home service or a Personal
    # Assistant, covering the person's ward.
    comes_to_them = covers_ward & (~has_place | cols.delivery[:, HOME] | cols.assistant)
    travel = float(profile.travel_miles) if profile.travel_miles is not None else None
    if miles is not None and travel is not None:
        masks["distance"] = (np.nan_to_num(miles, nan=np.inf) <= travel) | online | comes_to_them
    age = age_on(profile.date_of_birth, today) if profile.date_of_birth else None
    if age is not None:
        masks["age"] = (cols.min_age <= age) & (cols.max_age >= age)
    budget = float(profile.weekly_budget) if profile.weekly_budget is not None else None
    if budget is not None:
        masks["budget"] = cols.free | np.isnan(cols.cost) | (cols.cost <= budget)
    kept = np.ones(n, dtype=bool)
    for mask in masks.values():
        kept &= mask

    # Score what is left: the things that make a good day more likely.
    candidates = np.flatnonzero(kept)
    interest_columns, _ = _columns_of(cols, "interest", facts.get("interest_ids", []))
    audience_columns, _ = _columns_of(cols, "group", facts.get("audience_ids", []))
    free_slots = np.zeros(21, dtype=bool)
    free_slots[[s for s in profile.free_slots if 0 <= s < 21]] = True
    score = SCORE_FREE * cols.free[candidates] + SCORE_PLACES * cols.vacancies[candidates]
    if interest_columns:
        hits = cols.matrices["interest"][np.ix_(candidates, interest_columns)].sum(axis=1)
        score += SCORE_INTEREST * np.minimum(hits, 3)
    if free_slots.any():
        overlap = (cols.slots[candidates].reshape(len(candidates), 21) & free_slots).sum(axis=1)
        score += SCORE_FREE_TIME * (overlap > 0) + SCORE_MORE_TIMES * np.clip(overlap - 1, 0, 3)
    if audience_columns:
        score += SCORE_AUDIENCE * cols.matrices["group"][np.ix_(candidates, audience_columns)].any(axis=1)
    if miles is not None:
        scale = travel if travel else NEAR_SCALE_MILES
        nearness = np.clip(1 - np.nan_to_num(miles[candidates], nan=np.inf) / scale, 0, 1)
        no_place = ~has_place[candidates]
        nearness[no_place & comes_to_them[candidates]] = 1.0
        nearness[no_place & online[candidates]] = np.maximum(nearness[no_place & online[candidates]], 0.5)
        score += SCORE_NEAR * nearness
    if budget is not None:
        cost = cols.cost[candidates]
        score += SCORE_IN_BUDGET * (~cols.free[candidates] & ~np.isnan(cost) & (cost <= budget))

    # The best `limit`, ties kept in title order (the columns are in title order).
    if len(candidates) > limit:
        cut = np.partition(score, len(candidates) - limit)[len(candidates) - limit]
        best = score >= cut
        candidates, score = candidates[best], score[best]
    order = np.lexsort((candidates, -score))[:limit]
    top, top_scores = candidates[order], score[order]

    result = Suggestions(items=[], fitting=int(kept.sum()), listed=n, voice=voice)
    result.missing = _missing(profile, voice, place, facts)
    if len(top) == 0:
        result.empty_message, result.tips = _why_empty(
            cols, masks, voice, travel, age, budget, need_ids, terms
        )
        return result

    top_ids = [int(cols.ids[p]) for p in top]
    rows = {
        row.id: row
        for row in Opportunity.objects.listed().filter(id__in=top_ids).only(
            "id", "title", "slug", "summary", "is_free", "by_arrangement", "vacancies", "card",
        )
    }  # fmt: skip
    interest_names = terms.by_id("interests")
    audience_names = terms.by_id("groups")
    ward_names = terms.by_id("wards")
    payment_ids = cols.value_ids["payment"]
    direct = next((t.id for t in terms.payments if t.slug == "direct-payment"), None)
    direct_column = payment_ids.index(direct) if direct in payment_ids else None
    shortlisted = set(facts.get("shortlist_ids", []))
    interest_value_ids = cols.value_ids["interest"]
    group_value_ids = cols.value_ids["group"]

    for position, listing_id, listing_score in zip(top, top_ids, top_scores, strict=True):
        row = rows.get(listing_id)
        if row is None:  # changed since the index was built
            continue
        reasons = []
        # What they enjoy
        if interest_columns:
            names = [
                _lower_first(interest_names[interest_value_ids[c]].name)
                for c in interest_columns
                if cols.matrices["interest"][position, c] and interest_value_ids[c] in interest_names
            ]
            if names:
                reasons.append(
                    gettext("Matches %(whose)s interests: ") % {"whose": voice.whose} + ", ".join(names)
                )
        # When they are free
        together = np.flatnonzero(cols.slots[position].reshape(21) & free_slots)
        if len(together):
            if row.by_arrangement:
                reasons.append(
                    gettext("Days and times agreed with %(them)s, to fit when %(they_are)s free")
                    % {"them": voice.them, "they_are": voice.they_are}
                )
            else:
                reasons.append(f"{slots_words(together)}, when {voice.they_are} free")
        # Where
        distance = None
        if miles is not None and not np.isnan(miles[position]):
            distance = float(miles[position])
        if distance is not None and (travel is None or distance <= travel):
            reasons.append(miles_words(distance))
        elif comes_to_them[position] and ward_id in ward_names:
            reasons.append(
                gettext("Comes to %(them)s in %(name)s")
                % {"them": voice.them, "name": ward_names[ward_id].name}
            )
        elif online[position]:
            reasons.append(gettext("Online, so no travel is needed"))
        elif distance is not None:
            reasons.append(miles_words(distance))
        # Must-have needs
        if need_ids:
            if len(need_ids) == 1:
                reasons.append(gettext("Meets %(whose)s access need") % {"whose": voice.whose})
            else:
                reasons.append(gettext("Meets all of %(whose)s access needs") % {"whose": voice.whose})
        # Cost
        cost = cols.cost[position]
        if cols.free[position] or row.is_free or cost == 0:
            reasons.append(gettext("Free"))
        elif not math.isnan(cost):
            text = f"{pounds(cost)} a session"
            if budget is not None:
                text += f", within {voice.whose} weekly budget of {pounds(budget)}"
                if direct_column is not None and cols.matrices["payment"][position, direct_column]:
                    text += ": can be paid with a direct payment"
            reasons.append(text)
        # Who it is for
        if audience_columns:
            names = [
                _lower_first(audience_names[group_value_ids[c]].name)
                for c in audience_columns
                if cols.matrices["group"][position, c] and group_value_ids[c] in audience_names
            ]
            if names:
                reasons.append(gettext("Made for ") + and_join(names))
        if cols.vacancies[position]:
            reasons.append(gettext("Taking new people now"))
        result.items.append(
            Suggestion(
                opportunity=row,
                reasons=reasons,
                score=float(listing_score),
                distance=distance,
                shortlisted=listing_id in shortlisted,
                card=row.card or {},
            )
        )
    return result


def _missing(profile: CitizenProfile, voice: Voice, place, facts: dict) -> list[str]:
    """Parts of the profile that would make the suggestions better, in words for a list."""
    missing = []
    if not facts.get("interest_ids"):
        missing.append(f"what {voice.them} enjoys" if not voice.you else "what you enjoy")
    if not profile.postcode:
        missing.append(f"{voice.whose} postcode, to find things nearby")
    elif place is None:
        missing.append(f"a postcode we can find ({profile.postcode} is not one we know)")
    elif profile.travel_miles is None:
        missing.append(f"how far {voice.them} will travel")
    if not profile.free_slots:
        missing.append(f"the days and times {voice.they_are} free")
    return missing


def _why_empty(
    cols: facets.Columns,
    masks: dict[str, np.ndarray],
    voice: Voice,
    travel: float | None,
    age: int | None,
    budget: float | None,
    need_ids: list[int],
    terms,
) -> tuple[str, list[str]]:
    """Why nothing came back, in one sentence, and what would bring something back."""
    if cols.size == 0:
        return gettext("There is nothing listed yet."), []
    # Name only the rules that narrowed the list, applied in turn until nothing was left.
    named, left = set(), np.ones(cols.size, dtype=bool)
    for rule in ("needs", "distance", "budget", "age"):
        if rule in masks and left.any():
            narrowed = left & masks[rule]
            if narrowed.sum() < left.sum():
                named.add(rule)
            left = narrowed
    distance = "" if travel is None else "1 mile" if travel == 1 else f"{travel:g} miles"
    where = f" within {distance} of {voice.whose} home" if "distance" in named else ""
    predicates = []
    if "needs" in named:
        if len(need_ids) == 1:
            predicates.append(f"meets {voice.whose} access need")
        else:
            predicates.append(f"meets all of {voice.whose} access needs")
    if "age" in named:
        predicates.append(f"is open to people aged {age}")
    if "budget" in named:
        predicates.append(f"costs {pounds(budget)} a session or less")
    message = (
        gettext("No listing%(where)s %(predicates)s.") % {"where": where, "predicates": and_join(predicates)}
        if predicates
        else gettext("Nothing is listed%(where)s.") % {"where": where}
    )

    def without(rule: str) -> int:
        keep = np.ones(cols.size, dtype=bool)
        for name, mask in masks.items():
            if name != rule:
                keep &= mask
        return int(keep.sum())

    def listings(count: int) -> str:
        return f"{count:,} listing" + ("" if count == 1 else "s")

    tips = []
    if "distance" in masks and (count := without("distance")):
        tips.append(
            gettext("Try a longer distance: %(count)s further away would fit.") % {"count": listings(count)}
        )
    if "needs" in masks:
        count = without("needs")
        if count and len(need_ids) > 1:
            # Which single need, if it were not a must-have, would bring most back.
            names = terms.by_id("features")
            best_name, best = "", 0
            for need in need_ids:
                columns, _ = _columns_of(cols, "access", [n for n in need_ids if n != need])
                rest = cols.matrices["access"][:, columns].all(axis=1)
                for name, mask in masks.items():
                    if name != "needs":
                        rest = rest & mask
                if (found := int(rest.sum())) > best and need in names:
                    best_name, best = names[need].name, found
            if best:
                tips.append(
                    gettext(
                        "Check each of %(whose)s access needs is a must-have: "
                        "without “%(best_name)s”, %(best)s would fit."
                    )
                    % {"whose": voice.whose, "best_name": best_name, "best": listings(best)}
                )
        elif count:
            tips.append(
                f"{listings(count)} would fit without {voice.whose} access need: check it is a must-have."
            )
    if "budget" in masks and (count := without("budget")):
        tips.append(f"{listings(count)} would fit but cost more a session than {voice.whose} weekly budget.")
    if "age" in masks and (count := without("age")):
        tips.append(f"{listings(count)} would fit but are for people of other ages.")
    return message, tips
