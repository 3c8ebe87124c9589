"""A person's shortlist and weekly plan, read for the pages: the Monday-to-Sunday timetable,
its clashes, its cost against the weekly budget, and the iCalendar text of it.

The functions that build the plan work on entries already fetched (`plan_entries`), so the
rules (what clashes, what the week costs) can be tested without pages or a database.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext, pgettext, pgettext_lazy

from daywell.money import pounds
from guidance.icons import ICONS
from opportunities.models import Interest, Opportunity, Weekday
from opportunities.search_page import cost_text, when_text
from opportunities.templatetags.daywell import clock
from providers.models import Venue

from .models import CitizenProfile, PlanEntry, ShortlistItem

DAYS = [label for _, label in Weekday.choices]  # Monday … Sunday
# The parts of the day as they read inside a sentence ("Tuesday morning"), in PlanEntry.Part's
# order: words of their own for translators, not the labels lowercased.
PARTS = [
    pgettext_lazy("part of the day, inside a sentence", "morning"),
    pgettext_lazy("part of the day, inside a sentence", "afternoon"),
    pgettext_lazy("part of the day, inside a sentence", "evening"),
]
# The same, for something that happens every week ("Tuesday and Thursday mornings").
PARTS_EVERY_WEEK = [
    pgettext_lazy("parts of the day, every week: Tuesday mornings", "mornings"),
    pgettext_lazy("parts of the day, every week: Tuesday mornings", "afternoons"),
    pgettext_lazy("parts of the day, every week: Tuesday mornings", "evenings"),
]
ICS_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# When a listing has no fixed times the calendar shows the usual hours of that part of the day.
PART_HOURS = {
    PlanEntry.Part.MORNING: (datetime.time(10), datetime.time(12)),
    PlanEntry.Part.AFTERNOON: (datetime.time(14), datetime.time(16)),
    PlanEntry.Part.EVENING: (datetime.time(18), datetime.time(20)),
}
# The Easy Read plan's picture for a listing with no kind of activity that has an icon.
DEFAULT_ICON = "calendar"


def part_of_day(start: datetime.time) -> int:
    """The part of the day a session starting then belongs to, as in the search index."""
    if start < datetime.time(12):
        return PlanEntry.Part.MORNING
    if start < datetime.time(17):
        return PlanEntry.Part.AFTERNOON
    return PlanEntry.Part.EVENING


def and_list(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c", in the reader's language."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return pgettext("the last two items of a list", "%(items)s and %(last)s") % {
        "items": pgettext("between items of a list", ", ").join(words[:-1]),
        "last": words[-1],
    }


def list_of_groups(groups: list[str]) -> str:
    """ "Monday morning; Tuesday evening": groups that may hold commas of their own."""
    return pgettext("between groups of a list", "; ").join(str(group) for group in groups)


def when_words(weekday: int, part: int | str) -> str:
    """ "Tuesday morning": a day and a part of it (or, given words, several parts)."""
    part = PARTS[part] if isinstance(part, int) else part
    return pgettext("a day and a part of it: Tuesday morning", "%(day)s %(part)s") % {
        "day": DAYS[weekday],
        "part": part,
    }


def listing_when_and_cost(opportunity: Opportunity) -> tuple[str, str]:
    """The search results' wording for when a listing happens and what it costs, from its
    prefetched sessions and costs (so it is current even before the search index catches up)."""
    card = {
        "sessions": [[s.weekday, f"{s.start:%H:%M}", f"{s.end:%H:%M}"] for s in opportunity.sessions.all()],
        "costs": [[str(c.amount), c.unit, c.label] for c in opportunity.costs.all()],
    }
    return when_text(card, opportunity.by_arrangement), cost_text(card, opportunity.is_free)


# --- Reads -------------------------------------------------------------------------------------
def shortlist_items(profile: CitizenProfile):
    return profile.shortlist.select_related("opportunity", "opportunity__provider").prefetch_related(
        "opportunity__sessions", "opportunity__costs"
    )


def plan_entries(profile: CitizenProfile):
    """The plan's entries with what the pages show of each listing, in a fixed number of queries."""
    return profile.plan_entries.select_related("opportunity", "opportunity__provider").prefetch_related(
        Prefetch("opportunity__interests", queryset=Interest.objects.order_by("position", "name")),
        Prefetch("opportunity__venues", queryset=Venue.objects.order_by("name")),
    )


# --- The timetable -----------------------------------------------------------------------------
@dataclass
class PlanItem:
    """One entry of the plan as the pages show it."""

    entry: PlanEntry
    clash: bool = False  # at the same time as another entry

    @property
    def opportunity(self) -> Opportunity:
        return self.entry.opportunity

    @property
    def title(self) -> str:
        return self.entry.opportunity.title

    @property
    def listed(self) -> bool:
        return self.entry.opportunity.is_published

    @property
    def day(self) -> str:
        return DAYS[self.entry.weekday]

    @property
    def part(self) -> str:
        return PARTS[self.entry.part]

    @property
    def when(self) -> str:
        """ "Tuesday morning"."""
        return when_words(self.entry.weekday, self.entry.part)

    @property
    def has_times(self) -> bool:
        return self.entry.start is not None and self.entry.end is not None

    @property
    def times(self) -> str:
        """ "10am to midday", or "" when the time is agreed with the provider."""
        if not self.has_times:
            return ""
        return gettext("%(start)s to %(end)s") % {
            "start": clock(self.entry.start),
            "end": clock(self.entry.end),
        }

    @property
    def starts(self) -> str:
        return clock(self.entry.start) if self.entry.start else ""

    @property
    def ends(self) -> str:
        return clock(self.entry.end) if self.entry.end else ""

    @property
    def cost_words(self) -> str:
        """The cost each week, for Easy Read: "£12.50"; "" when free or not known."""
        if not self.entry.weekly_cost:
            return ""
        return pounds(self.entry.weekly_cost)

    @property
    def cost(self) -> str:
        if self.entry.weekly_cost is None:
            return gettext("Cost not known")
        if self.entry.weekly_cost == 0:
            return gettext("Free")
        return gettext("%(cost)s a week") % {"cost": pounds(self.entry.weekly_cost)}

    @property
    def icon(self) -> str:
        """The name of the icon (guidance/icons.py) for the listing's first kind of activity: the
        same picture the search filters and listing pages show beside that interest."""
        interests = list(self.entry.opportunity.interests.all())
        return next((i.slug for i in interests if i.slug in ICONS), DEFAULT_ICON)

    @property
    def venue(self) -> Venue | None:
        venues = list(self.entry.opportunity.venues.all())
        return venues[0] if venues else None

    @property
    def place(self) -> str:
        """Where it happens, in one line: the first venue's address, or at home, or online."""
        if self.venue is not None:
            return ", ".join(self.venue.address_lines)
        delivery = self.entry.opportunity.delivery
        if "home" in delivery:
            return gettext("At home")
        if "online" in delivery:
            return gettext("Online")
        return ""

    @property
    def where_kind(self) -> str:
        """What `place` says, as a key for templates that word it their own way: venue, home, online or ""."""
        if self.venue is not None:
            return "venue"
        delivery = self.entry.opportunity.delivery
        return "home" if "home" in delivery else "online" if "online" in delivery else ""

    @property
    def contact_phone(self) -> str:
        opportunity = self.entry.opportunity
        return opportunity.contact_phone or (opportunity.provider.phone if opportunity.provider else "")

    @property
    def provider_name(self) -> str:
        provider = self.entry.opportunity.provider
        return provider.name if provider else ""


@dataclass
class Slot:
    weekday: int
    part: int
    items: list[PlanItem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return when_words(self.weekday, self.part)


@dataclass
class Day:
    weekday: int
    slots: list[Slot]

    @property
    def name(self) -> str:
        return DAYS[self.weekday]

    @property
    def items(self) -> list[PlanItem]:
        return [item for slot in self.slots for item in slot.items]


@dataclass
class Clash:
    weekday: int
    items: list[PlanItem]

    @property
    def when(self) -> str:
        """ "Tuesday morning", or "Tuesday morning and afternoon"."""
        parts = sorted({item.entry.part for item in self.items})
        return when_words(self.weekday, and_list([PARTS[p] for p in parts]))

    @property
    def message(self) -> str:
        """ "Tuesday morning: Art club and Swimming are at the same time"."""
        return gettext("%(when)s: %(titles)s are at the same time") % {
            "when": self.when,
            "titles": and_list([item.title for item in self.items]),
        }

    @property
    def sentence(self) -> str:
        """For Easy Read: "On Tuesday morning, Art club and Swimming are at the same time."."""
        return gettext("On %(when)s, %(titles)s are at the same time.") % {
            "when": self.when,
            "titles": and_list([item.title for item in self.items]),
        }


def _item_order(item: PlanItem):
    return (item.entry.weekday, item.entry.part, item.entry.start or datetime.time(0), item.entry.pk or 0)


def entries_clash(a: PlanEntry, b: PlanEntry) -> bool:
    """Two entries clash on the same day when their times overlap; when either has no fixed
    times (a listing by arrangement), when they are in the same part of the day. Two sessions
    in one morning that do not overlap (9am to 10am, then 11am to midday) do not clash."""
    if a.weekday != b.weekday:
        return False
    if None not in (a.start, a.end, b.start, b.end):
        return a.start < b.end and b.start < a.end
    return a.part == b.part


def find_clashes(items: list[PlanItem]) -> list[Clash]:
    """Groups of entries that overlap one another on the same day, each group named once."""
    clashes = []
    for weekday in range(7):
        day_items = [item for item in items if item.entry.weekday == weekday]
        groups: list[list[PlanItem]] = []
        for item in day_items:
            touching = [g for g in groups if any(entries_clash(item.entry, other.entry) for other in g)]
            merged = [item] + [other for g in touching for other in g]
            groups = [g for g in groups if g not in touching] + [merged]
        for group in groups:
            if len(group) > 1:
                group.sort(key=_item_order)
                clashes.append(Clash(weekday, group))
    return clashes


@dataclass
class WeeklyPlan:
    profile: CitizenProfile
    items: list[PlanItem]
    days: list[Day]
    clashes: list[Clash]
    total: Decimal
    unknown_costs: int

    @property
    def budget(self) -> Decimal | None:
        return self.profile.weekly_budget

    @property
    def over_by(self) -> Decimal:
        """How much more than the weekly budget the plan costs (0 when within it or no budget)."""
        if self.budget is None or self.total <= self.budget:
            return Decimal(0)
        return self.total - self.budget

    @property
    def left(self) -> Decimal:
        if self.budget is None or self.total >= self.budget:
            return Decimal(0)
        return self.budget - self.total

    @property
    def total_text(self) -> str:
        return pounds(self.total)

    @property
    def budget_text(self) -> str:
        return pounds(self.budget) if self.budget is not None else ""

    @property
    def over_by_text(self) -> str:
        return pounds(self.over_by)

    @property
    def left_text(self) -> str:
        return pounds(self.left)

    @property
    def listings(self) -> list[PlanItem]:
        """One item for each listing in the plan, for its place and who to contact."""
        seen, found = set(), []
        for item in self.items:
            if item.entry.opportunity_id not in seen:
                seen.add(item.entry.opportunity_id)
                found.append(item)
        return found

    @property
    def busy_days(self) -> list[Day]:
        return [day for day in self.days if day.items]

    @property
    def free_days(self) -> list[str]:
        return [day.name for day in self.days if not day.items]


def weekly_plan(profile: CitizenProfile, entries=None) -> WeeklyPlan:
    """The 7 × 3 timetable, its clashes and its weekly cost set against the budget."""
    if entries is None:
        entries = plan_entries(profile)
    items = [PlanItem(entry) for entry in entries]
    items.sort(key=_item_order)
    days = [Day(weekday, [Slot(weekday, part) for part in range(3)]) for weekday in range(7)]
    for item in items:
        days[item.entry.weekday].slots[item.entry.part].items.append(item)
    clashes = find_clashes(items)
    for clash in clashes:
        for item in clash.items:
            item.clash = True
    known = [item.entry.weekly_cost for item in items if item.entry.weekly_cost is not None]
    return WeeklyPlan(
        profile=profile,
        items=items,
        days=days,
        clashes=clashes,
        total=sum(known, Decimal(0)),
        unknown_costs=len(items) - len(known),
    )


# --- iCalendar (RFC 5545) -----------------------------------------------------------------------
# Times are given in Europe/London with its VTIMEZONE, not as floating local times: these are
# sessions at a place in Birmingham, so a phone set to another zone should still show them at
# Birmingham's time, and clients differ in how they read floating times in repeating events.
# The rules below are the UK's since 1996 (last Sunday of March and of October).
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19810329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def ics_escape(text: str) -> str:
    """TEXT values: backslash, semicolon, comma and new lines are escaped (RFC 5545 3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def ics_fold(line: str) -> str:
    """Fold a content line so that no line is longer than 75 octets, never splitting a character.
    Each continuation line starts with one space, which counts towards its 75 (RFC 5545 3.1)."""
    if len(line.encode("utf-8")) <= 75:
        return line
    pieces, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode("utf-8"))
            current, limit = b"", 74
        current += encoded
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def next_weekday(today: datetime.date, weekday: int) -> datetime.date:
    """The first date on or after today that falls on the weekday (0 Monday)."""
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7)


def ics_calendar(items: list[PlanItem], *, today: datetime.date, now: datetime.datetime, url_for=None) -> str:
    """The plan as an iCalendar file: one weekly repeating event per entry.

    `url_for(opportunity)` gives the listing's full web address, for the event's URL."""
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Birmingham City Council//Daywell//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ics_escape(gettext("Weekly plan")),
        "X-WR-TIMEZONE:Europe/London",
        *VTIMEZONE,
    ]
    for item in items:
        entry = item.entry
        if item.has_times:
            start, end = entry.start, entry.end
        else:
            start, end = PART_HOURS[entry.part]
        day = next_weekday(today, entry.weekday)
        description = []
        if not item.has_times:
            description.append(
                gettext(
                    "The time is agreed with the provider. "
                    "This calendar shows the %(part)s (%(start)s to %(end)s)."
                )
                % {"part": item.part, "start": clock(start), "end": clock(end)}
            )
        if entry.weekly_cost is not None:
            description.append(gettext("Cost: %(cost)s.") % {"cost": item.cost})
        url = url_for(entry.opportunity) if url_for and item.listed else ""
        if url:
            description.append(gettext("More about it: %(url)s") % {"url": url})
        lines += [
            "BEGIN:VEVENT",
            f"UID:plan-{entry.pk}@daywell",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID=Europe/London:{day:%Y%m%d}T{start:%H%M%S}",
            f"DTEND;TZID=Europe/London:{day:%Y%m%d}T{end:%H%M%S}",
            f"RRULE:FREQ=WEEKLY;BYDAY={ICS_DAYS[entry.weekday]}",
            f"SUMMARY:{ics_escape(item.title)}",
        ]
        if item.place:
            lines.append(f"LOCATION:{ics_escape(item.place)}")
        if description:
            lines.append(f"DESCRIPTION:{ics_escape(chr(10).join(description))}")
        if url:
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


# --- The box on a public listing page ----------------------------------------------------------
@dataclass
class ShortlistBox:
    """What a signed-in user who acts for people sees on a listing: whom they can shortlist it for."""

    people: list[CitizenProfile]
    shortlisted: set[int]  # profile ids that already have it

    @property
    def own_only(self) -> bool:
        return len(self.people) == 1 and self.people[0].is_own

    @property
    def already(self) -> list[CitizenProfile]:
        return [p for p in self.people if p.pk in self.shortlisted]


def shortlist_box(user, opportunity: Opportunity) -> ShortlistBox | None:
    """None for anyone who acts for nobody, without a query for a visitor who is not signed in."""
    if not user.is_authenticated:
        return None
    people = list(CitizenProfile.objects.visible_to(user).only("uuid", "preferred_name", "person_id"))
    if not people:
        return None
    for person in people:
        person.is_own = person.person_id == user.pk
    shortlisted = set(
        ShortlistItem.objects.filter(profile__in=people, opportunity=opportunity).values_list(
            "profile_id", flat=True
        )
    )
    return ShortlistBox(people, shortlisted)
