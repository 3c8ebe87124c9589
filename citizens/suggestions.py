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
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext, pgettext

from daywell.money import pounds
from opportunities import facets
from opportunities.search import index_version
from opportunities.terms import search_terms

from .models import CitizenProfile, ShortlistItem
from .plan import DAYS, PARTS, PARTS_EVERY_WEEK, and_list, list_of_groups

LIMIT = 20
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
    """Who the words speak about: "you" when the person reads their own page, else their name.

    Each sentence is written out twice, whole, for translators: one said to the person and one about
    them by name. A word such as "your" or "Sam’s" is never dropped into the middle of a sentence.
    Templates do the same with `{% if voice.you %}…{% else %}…{% endif %}`."""

    name: str
    you: bool = False

    def says(self, to_you: str, about_them: str, **values) -> str:
        """The sentence that fits, from both already translated. `about_them` names the person with
        %(name)s; either may hold the other placeholders given in `values`."""
        return (to_you if self.you else about_them) % {"name": self.name, **values}


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
def count_words(count: int) -> str:
    """A count as the reader's language groups its digits: "1,234"."""
    return number_format(count, force_grouping=True)


def miles_words(miles: float) -> str:
    if miles < 0.05:
        return gettext("Less than 0.1 miles away")
    shown = f"{miles:.1f}"
    one = shown == "1.0"
    return ngettext("%(miles)s mile away", "%(miles)s miles away", 1 if one else 2) % {
        "miles": "1" if one else shown
    }


def distance_words(miles: float) -> str:
    """ "1 mile", "2.5 miles"."""
    return ngettext("%(miles)s mile", "%(miles)s miles", 1 if miles == 1 else 2) % {"miles": f"{miles:g}"}


def _lower_first(name: str) -> str:
    """ "Nature and gardening" -> "nature and gardening", but "BSL" stays."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def _every_week(days: list[int], parts: tuple[int, ...]) -> str:
    """One group of free times, each a whole phrase for translators: "every morning",
    "weekday afternoons", "weekend mornings", "Tuesday and Thursday mornings and evenings"."""
    if len(days) == 7:
        return pgettext("every day, at these parts of it: every morning", "every %(parts)s") % {
            "parts": and_list([PARTS[p] for p in parts])
        }
    parts_words = and_list([PARTS_EVERY_WEEK[p] for p in parts])
    if days == [0, 1, 2, 3, 4]:
        return pgettext("Monday to Friday, every week: weekday mornings", "weekday %(parts)s") % {
            "parts": parts_words
        }
    if days == [5, 6]:
        return pgettext("Saturday and Sunday, every week: weekend mornings", "weekend %(parts)s") % {
            "parts": parts_words
        }
    return pgettext(
        "days and parts of them, every week: Tuesday and Thursday mornings", "%(days)s %(parts)s"
    ) % {
        "days": and_list([DAYS[d] for d in days]),
        "parts": parts_words,
    }


def slots_words(slots) -> str:
    """Slots (weekday * 3 + part) in plain words: "Tuesday and Thursday mornings",
    "weekday afternoons", "every evening", "Monday mornings and afternoons; Friday evenings"."""
    by_day: dict[int, list[int]] = {}
    for slot in sorted({int(s) for s in slots}):
        by_day.setdefault(slot // 3, []).append(slot % 3)
    groups: dict[tuple[int, ...], list[int]] = {}
    for day, parts in by_day.items():
        groups.setdefault(tuple(parts), []).append(day)
    text = list_of_groups([_every_week(days, parts) for parts, days in groups.items()])
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
                    voice.says(
                        gettext("Matches your interests: %(interests)s"),
                        gettext("Matches %(name)s’s interests: %(interests)s"),
                        interests=pgettext("between items of a list", ", ").join(names),
                    )
                )
        # When they are free
        together = np.flatnonzero(cols.slots[position].reshape(21) & free_slots)
        if len(together):
            if row.by_arrangement:
                reasons.append(
                    voice.says(
                        gettext("Days and times agreed with you, to fit when you are free"),
                        gettext("Days and times agreed with %(name)s, to fit when %(name)s is free"),
                    )
                )
            else:
                reasons.append(
                    voice.says(
                        gettext("%(times)s, when you are free"),
                        gettext("%(times)s, when %(name)s is free"),
                        times=slots_words(together),
                    )
                )
        # Where
        distance = None
        if miles is not None and not np.isnan(miles[position]):
            distance = float(miles[position])
        if distance is not None and (travel is None or distance <= travel):
            reasons.append(miles_words(distance))
        elif comes_to_them[position] and ward_id in ward_names:
            reasons.append(
                voice.says(
                    gettext("Comes to you in %(ward)s"),
                    gettext("Comes to %(name)s in %(ward)s"),
                    ward=ward_names[ward_id].name,
                )
            )
        elif online[position]:
            reasons.append(gettext("Online, so no travel is needed"))
        elif distance is not None:
            reasons.append(miles_words(distance))
        # Must-have needs
        if need_ids:
            if len(need_ids) == 1:
                reasons.append(
                    voice.says(gettext("Meets your access need"), gettext("Meets %(name)s’s access need"))
                )
            else:
                reasons.append(
                    voice.says(
                        gettext("Meets all of your access needs"),
                        gettext("Meets all of %(name)s’s access needs"),
                    )
                )
        # Cost
        cost = cols.cost[position]
        if cols.free[position] or row.is_free or cost == 0:
            reasons.append(gettext("Free"))
        elif not math.isnan(cost):
            money = {"cost": pounds(cost), "budget": pounds(budget)}
            if budget is None:
                reasons.append(gettext("%(cost)s a session") % money)
            elif direct_column is not None and cols.matrices["payment"][position, direct_column]:
                reasons.append(
                    voice.says(
                        gettext(
                            "%(cost)s a session, within your weekly budget of %(budget)s: "
                            "can be paid with a direct payment"
                        ),
                        gettext(
                            "%(cost)s a session, within %(name)s’s weekly budget of %(budget)s: "
                            "can be paid with a direct payment"
                        ),
                        **money,
                    )
                )
            else:
                reasons.append(
                    voice.says(
                        gettext("%(cost)s a session, within your weekly budget of %(budget)s"),
                        gettext("%(cost)s a session, within %(name)s’s weekly budget of %(budget)s"),
                        **money,
                    )
                )
        # Who it is for
        if audience_columns:
            names = [
                _lower_first(audience_names[group_value_ids[c]].name)
                for c in audience_columns
                if cols.matrices["group"][position, c] and group_value_ids[c] in audience_names
            ]
            if names:
                reasons.append(gettext("Made for %(groups)s") % {"groups": and_list(names)})
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
    """Parts of the profile that would make the suggestions better, in words for a list that
    follows "Suggestions get better when your profile says:"."""
    missing = []
    if not facts.get("interest_ids"):
        missing.append(voice.says(gettext("what you enjoy"), gettext("what %(name)s enjoys")))
    if not profile.postcode:
        missing.append(
            voice.says(
                gettext("your postcode, to find things nearby"),
                gettext("%(name)s’s postcode, to find things nearby"),
            )
        )
    elif place is None:
        missing.append(
            gettext("a postcode we can find (%(postcode)s is not one we know)")
            % {"postcode": profile.postcode}
        )
    elif profile.travel_miles is None:
        missing.append(
            voice.says(gettext("how far you will travel"), gettext("how far %(name)s will travel"))
        )
    if not profile.free_slots:
        missing.append(
            voice.says(
                gettext("the days and times you are free"), gettext("the days and times %(name)s is free")
            )
        )
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
    # Each clause is whole, with its own "your" or name, to end "No listing … meets your access need".
    clause = "what no listing does, after: No listing within 3 miles of your home"
    predicates = []
    if "needs" in named:
        if len(need_ids) == 1:
            predicates.append(
                voice.says(
                    pgettext(clause, "meets your access need"),
                    pgettext(clause, "meets %(name)s’s access need"),
                )
            )
        else:
            predicates.append(
                voice.says(
                    pgettext(clause, "meets all of your access needs"),
                    pgettext(clause, "meets all of %(name)s’s access needs"),
                )
            )
    if "age" in named:
        predicates.append(pgettext(clause, "is open to people aged %(age)s") % {"age": age})
    if "budget" in named:
        predicates.append(pgettext(clause, "costs %(cost)s a session or less") % {"cost": pounds(budget)})
    values = {
        "distance": distance_words(travel) if travel is not None else "",
        "predicates": and_list(predicates),
    }
    if "distance" in named and predicates:
        message = voice.says(
            gettext("No listing within %(distance)s of your home %(predicates)s."),
            gettext("No listing within %(distance)s of %(name)s’s home %(predicates)s."),
            **values,
        )
    elif predicates:
        message = gettext("No listing %(predicates)s.") % values
    elif "distance" in named:
        message = voice.says(
            gettext("Nothing is listed within %(distance)s of your home."),
            gettext("Nothing is listed within %(distance)s of %(name)s’s home."),
            **values,
        )
    else:
        message = gettext("Nothing is listed.")

    def without(rule: str) -> int:
        keep = np.ones(cols.size, dtype=bool)
        for name, mask in masks.items():
            if name != rule:
                keep &= mask
        return int(keep.sum())

    tips = []
    if "distance" in masks and (count := without("distance")):
        tips.append(
            ngettext(
                "Try a longer distance: %(count)s listing further away would fit.",
                "Try a longer distance: %(count)s listings further away would fit.",
                count,
            )
            % {"count": count_words(count)}
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
                    voice.says(
                        ngettext(
                            "Check each of your access needs is a must-have: "
                            "without “%(need)s”, %(count)s listing would fit.",
                            "Check each of your access needs is a must-have: "
                            "without “%(need)s”, %(count)s listings would fit.",
                            best,
                        ),
                        ngettext(
                            "Check each of %(name)s’s access needs is a must-have: "
                            "without “%(need)s”, %(count)s listing would fit.",
                            "Check each of %(name)s’s access needs is a must-have: "
                            "without “%(need)s”, %(count)s listings would fit.",
                            best,
                        ),
                        need=best_name,
                        count=count_words(best),
                    )
                )
        elif count:
            tips.append(
                voice.says(
                    ngettext(
                        "%(count)s listing would fit without your access need: check it is a must-have.",
                        "%(count)s listings would fit without your access need: check it is a must-have.",
                        count,
                    ),
                    ngettext(
                        "%(count)s listing would fit without %(name)s’s access need: "
                        "check it is a must-have.",
                        "%(count)s listings would fit without %(name)s’s access need: "
                        "check it is a must-have.",
                        count,
                    ),
                    count=count_words(count),
                )
            )
    if "budget" in masks and (count := without("budget")):
        tips.append(
            voice.says(
                ngettext(
                    "%(count)s listing would fit but cost more a session than your weekly budget.",
                    "%(count)s listings would fit but cost more a session than your weekly budget.",
                    count,
                ),
                ngettext(
                    "%(count)s listing would fit but cost more a session than %(name)s’s weekly budget.",
                    "%(count)s listings would fit but cost more a session than %(name)s’s weekly budget.",
                    count,
                ),
                count=count_words(count),
            )
        )
    if "age" in masks and (count := without("age")):
        tips.append(
            ngettext(
                "%(count)s listing would fit but is for people of other ages.",
                "%(count)s listings would fit but are for people of other ages.",
                count,
            )
            % {"count": count_words(count)}
        )
    return message, tips
