"""A person's shortlist and weekly plan: adding and removing, clashes, the week's cost against the
budget, the print and Easy Read versions, the calendar file, and the box on a listing's page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from citizens.models import PlanEntry, ProfileAccess, ShortlistItem
from citizens.plan import (
    DEFAULT_ICON,
    PlanItem,
    find_clashes,
    ics_calendar,
    ics_escape,
    ics_fold,
    next_weekday,
    pounds,
    weekly_plan,
)
from citizens.services import carer_link_add, plan_entry_add, profile_create, shortlist_add
from guidance.icons import ICONS, icon_svg
from opportunities.models import Interest, Opportunity
from opportunities.search_index import opportunity_index_refresh
from tests.factories import CostFactory, OpportunityFactory, SessionFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db

T = datetime.time


@pytest.fixture
def social_worker():
    return UserFactory(role=User.Role.SOCIAL_WORKER, full_name="Priya Sandhu")


@pytest.fixture
def sam(social_worker):
    profile = profile_create(by=social_worker, preferred_name="Sam")
    profile.weekly_budget = Decimal("18.00")
    profile.save()
    return profile


@pytest.fixture
def signed_in(client, social_worker):
    client.force_login(social_worker)
    return client


def art_club(**kwargs):
    """A listing on Tuesday mornings, £12.50 a session."""
    opportunity = OpportunityFactory(title=kwargs.pop("title", "Art club"), **kwargs)
    session = SessionFactory(opportunity=opportunity, weekday=1, start=T(10), end=T(12))
    SessionFactory(opportunity=opportunity, weekday=3, start=T(14), end=T(16))
    CostFactory(opportunity=opportunity, amount=Decimal("12.50"))
    opportunity_index_refresh(ids=[opportunity.pk])
    opportunity.refresh_from_db()
    return opportunity, session


def entry(profile, opportunity, weekday=1, part=0, start=None, end=None, cost=None, by=None):
    made, _ = plan_entry_add(
        profile=profile,
        opportunity=opportunity,
        by=by or profile.social_worker,
        weekday=weekday,
        part=part,
        start=start,
        end=end,
        weekly_cost=cost,
    )
    return made


def changes(profile, detail):
    return profile.accesses.filter(action=ProfileAccess.Action.CHANGED, detail=detail).count()


# --- Shortlist ---------------------------------------------------------------------------------
def test_adding_to_the_shortlist_keeps_it_once_and_logs_the_change(signed_in, sam):
    opportunity, _ = art_club()
    url = reverse("citizens:shortlist-add", args=[sam.uuid])
    response = signed_in.post(url, {"opportunity": opportunity.pk}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("citizens:shortlist", args=[sam.uuid])
    assert "Added Art club to Sam’s shortlist" in response.content.decode()
    signed_in.post(url, {"opportunity": opportunity.pk})  # twice is harmless
    assert list(sam.shortlist.values_list("opportunity", flat=True)) == [opportunity.pk]
    assert changes(sam, "shortlist") == 1


def test_adding_goes_back_to_a_local_next_page_only(signed_in, sam):
    opportunity, _ = art_club()
    url = reverse("citizens:shortlist-add", args=[sam.uuid])
    back = opportunity.get_absolute_url() + "?from=suggestions"
    response = signed_in.post(url, {"opportunity": opportunity.pk, "next": back})
    assert response.status_code == 302 and response["Location"] == back
    for unsafe in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"):
        response = signed_in.post(url, {"opportunity": opportunity.pk, "next": unsafe})
        assert response["Location"] == reverse("citizens:shortlist", args=[sam.uuid]), unsafe


@pytest.mark.parametrize("status", [Opportunity.Status.DRAFT, Opportunity.Status.ARCHIVED])
def test_a_listing_that_is_not_published_cannot_be_shortlisted_or_planned(signed_in, sam, status):
    opportunity = OpportunityFactory(status=status)
    add = signed_in.post(reverse("citizens:shortlist-add", args=[sam.uuid]), {"opportunity": opportunity.pk})
    assert add.status_code == 404
    assert signed_in.get(reverse("citizens:plan-add", args=[sam.uuid, opportunity.pk])).status_code == 404
    assert (
        signed_in.post(reverse("citizens:shortlist-add", args=[sam.uuid]), {"opportunity": "x"}).status_code
        == 404
    )
    assert not ShortlistItem.objects.exists() and not PlanEntry.objects.exists()


def test_the_shortlist_shows_each_listing_with_what_to_do_next(signed_in, sam, social_worker):
    opportunity, _ = art_club()
    gone = OpportunityFactory(title="Pottery for beginners")
    shortlist_add(profile=sam, opportunity=opportunity, by=social_worker)
    shortlist_add(profile=sam, opportunity=gone, by=social_worker)
    Opportunity.objects.filter(pk=gone.pk).update(status=Opportunity.Status.ARCHIVED)

    page = signed_in.get(reverse("citizens:shortlist", args=[sam.uuid])).content.decode()
    assert f'href="{opportunity.get_absolute_url()}"' in page
    assert "Tuesday 10am to midday; Thursday 2pm to 4pm" in page
    assert "£12.50 a session" in page
    assert reverse("citizens:plan-add", args=[sam.uuid, opportunity.pk]) in page
    assert reverse("citizens:enquiry-new", args=[sam.uuid, opportunity.pk]) in page
    assert "No longer listed" in page
    assert reverse("citizens:plan-add", args=[sam.uuid, gone.pk]) not in page
    assert f'href="{gone.get_absolute_url()}"' not in page
    assert sam.accesses.filter(action=ProfileAccess.Action.VIEWED, detail="shortlist").exists()


def test_removing_from_the_shortlist_only_touches_this_persons_items(signed_in, sam, social_worker):
    opportunity, _ = art_club()
    item, _ = shortlist_add(profile=sam, opportunity=opportunity, by=social_worker)
    someone_else = profile_create(by=UserFactory(role=User.Role.SOCIAL_WORKER), preferred_name="Jo")
    theirs, _ = shortlist_add(profile=someone_else, opportunity=opportunity, by=someone_else.social_worker)

    wrong = signed_in.post(reverse("citizens:shortlist-remove", args=[sam.uuid, theirs.pk]))
    assert wrong.status_code == 404
    assert ShortlistItem.objects.filter(pk=theirs.pk).exists()

    response = signed_in.post(reverse("citizens:shortlist-remove", args=[sam.uuid, item.pk]), follow=True)
    assert "Removed Art club from Sam’s shortlist" in response.content.decode()
    assert not sam.shortlist.exists()
    assert changes(sam, "shortlist") == 2  # added, then removed


def test_only_people_who_act_for_the_person_reach_their_shortlist_and_plan(client, sam):
    opportunity, _ = art_club()
    client.force_login(UserFactory(role=User.Role.SOCIAL_WORKER))  # not Sam's social worker
    for name in ("citizens:shortlist", "citizens:plan", "citizens:plan-print", "citizens:plan-easy-read",
                 "citizens:plan-ics"):  # fmt: skip
        assert client.get(reverse(name, args=[sam.uuid])).status_code == 404, name
    assert client.get(reverse("citizens:plan-add", args=[sam.uuid, opportunity.pk])).status_code == 404
    post = client.post(reverse("citizens:shortlist-add", args=[sam.uuid]), {"opportunity": opportunity.pk})
    assert post.status_code == 404
    chosen = client.post(
        reverse("citizens:shortlist-add-chosen"), {"profile": str(sam.uuid), "opportunity": opportunity.pk}
    )
    assert chosen.status_code == 404
    assert not sam.shortlist.exists()


def test_a_linked_carer_and_the_person_can_shortlist_too(client, sam, social_worker):
    opportunity, _ = art_club()
    carer = UserFactory(role=User.Role.CARER)
    carer_link_add(
        profile=sam, carer=carer, by=social_worker, consent_given_by="Sam", consent_method="in_person",
        consent_given_on=datetime.date(2026, 1, 5),
    )  # fmt: skip
    client.force_login(carer)
    response = client.post(
        reverse("citizens:shortlist-add", args=[sam.uuid]), {"opportunity": opportunity.pk}, follow=True
    )
    assert "Added Art club to Sam’s shortlist" in response.content.decode()
    person = UserFactory(role=User.Role.CITIZEN)
    sam.person = person
    sam.save()
    client.force_login(person)
    page = client.get(reverse("citizens:shortlist", args=[sam.uuid])).content.decode()
    assert "Your shortlist" in page


# --- Adding to the plan ------------------------------------------------------------------------
def test_adding_a_session_puts_it_in_the_plan_with_its_times_and_cost(signed_in, sam):
    opportunity, session = art_club()
    url = reverse("citizens:plan-add", args=[sam.uuid, opportunity.pk])
    form = signed_in.get(url).content.decode()
    assert "Tuesday 10am to midday" in form and "Thursday 2pm to 4pm" in form
    assert 'value="12.50"' in form  # the weekly cost, filled in from the listing

    response = signed_in.post(url, {"session": session.pk, "weekly_cost": "12.50"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("citizens:plan", args=[sam.uuid])
    assert "Added Art club on Tuesday morning to Sam’s weekly plan" in response.content.decode()
    saved = sam.plan_entries.get()
    assert (saved.weekday, saved.part, saved.start, saved.end, saved.weekly_cost) == (
        1, PlanEntry.Part.MORNING, T(10), T(12), Decimal("12.50"),
    )  # fmt: skip
    assert changes(sam, "weekly plan") == 1
    signed_in.post(url, {"session": session.pk, "weekly_cost": "12.50"})  # the same session again
    assert sam.plan_entries.count() == 1


def test_a_listing_by_arrangement_is_planned_on_a_day_and_part_of_the_day(signed_in, sam):
    opportunity = OpportunityFactory(title="Personal Assistant", by_arrangement=True, is_free=True)
    url = reverse("citizens:plan-add", args=[sam.uuid, opportunity.pk])
    form = signed_in.get(url).content.decode()
    assert "Which day?" in form and "Which part of the day?" in form and 'value="0"' in form
    signed_in.post(url, {"weekday": "4", "part": "2", "weekly_cost": ""})
    saved = sam.plan_entries.get()
    assert (saved.weekday, saved.part, saved.start, saved.end, saved.weekly_cost) == (4, 2, None, None, None)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"weekly_cost": "12"}, "session", "Select when Sam will go"),
        ({"session": "other", "weekly_cost": "12"}, "session", "Select when Sam will go"),
        ({"session": "mine", "weekly_cost": "-5"}, "weekly_cost", "The cost each week must be £0 or more"),
        ({"session": "mine", "weekly_cost": "twelve"}, "weekly_cost", "Enter the cost each week in pounds, like 12.50"),
        ({"session": "mine", "weekly_cost": "NaN"}, "weekly_cost", "Enter the cost each week in pounds, like 12.50"),
        ({"session": "mine", "weekly_cost": "1.234"}, "weekly_cost", "Enter the cost each week in pounds and pence, like 12.50"),
    ],
)  # fmt: skip
def test_bad_choices_get_gov_uk_errors_and_nothing_is_saved(signed_in, sam, data, field, message):
    opportunity, session = art_club()
    _, other_session = art_club(title="Swimming")
    data = {**data}
    if "session" in data:
        data["session"] = session.pk if data["session"] == "mine" else other_session.pk
    response = signed_in.post(reverse("citizens:plan-add", args=[sam.uuid, opportunity.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and f'href="#id_{field}"' in page
    assert message in page
    assert page.count(message) == 2  # in the summary and by the field
    assert "<title>Error:" in page
    assert not PlanEntry.objects.exists()
    assert sam.accesses.filter(action=ProfileAccess.Action.VIEWED, detail="weekly plan").count() == 1


def test_by_arrangement_needs_a_day_and_a_part_of_the_day(signed_in, sam):
    opportunity = OpportunityFactory(by_arrangement=True)
    url = reverse("citizens:plan-add", args=[sam.uuid, opportunity.pk])
    page = signed_in.post(url, {"weekday": "9", "weekly_cost": ""}).content.decode()
    assert "Select a day" in page and "Select a part of the day" in page
    assert not PlanEntry.objects.exists()


# --- The timetable, clashes and the budget -----------------------------------------------------
def plan_of(*entries):
    return [PlanItem(e) for e in entries]


def test_clashes_are_the_same_part_of_the_day_or_overlapping_times():
    art, swim, choir = (Opportunity(title=t) for t in ("Art club", "Swimming", "Choir"))
    by_arrangement = PlanEntry(pk=1, opportunity=art, weekday=1, part=0)
    overlapping = PlanEntry(pk=2, opportunity=swim, weekday=1, part=0, start=T(11), end=T(13))
    clashes = find_clashes(plan_of(by_arrangement, overlapping))
    assert [c.message for c in clashes] == ["Tuesday morning: Art club and Swimming are at the same time"]

    # Times that overlap across parts of the day clash; times in one morning that do not, do not.
    morning = PlanEntry(pk=3, opportunity=art, weekday=2, part=0, start=T(9), end=T(10))
    later = PlanEntry(pk=4, opportunity=swim, weekday=2, part=0, start=T(10, 30), end=T(12, 30))
    after = PlanEntry(pk=5, opportunity=choir, weekday=2, part=1, start=T(12), end=T(14))
    assert [c.message for c in find_clashes(plan_of(morning, later, after))] == [
        "Wednesday morning and afternoon: Swimming and Choir are at the same time"
    ]
    assert find_clashes(plan_of(morning, PlanEntry(pk=6, opportunity=swim, weekday=3, part=0))) == []


def test_the_plan_page_sets_the_week_against_the_budget_and_warns(signed_in, sam):
    art, _ = art_club()
    swim = OpportunityFactory(title="Swimming")
    entry(sam, art, weekday=1, part=0, start=T(10), end=T(12), cost=Decimal("12.50"))
    entry(sam, swim, weekday=1, part=0, start=T(11), end=T(12), cost=Decimal("17.50"))
    page = signed_in.get(reverse("citizens:plan", args=[sam.uuid])).content.decode()
    assert (
        "<caption" in page
        and '<th scope="row" class="govuk-table__header dw-plan-table__day">Sunday</th>' in page
    )
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    assert "Weekly cost £30 of £18 budget" in text
    assert "WarningThis plan costs £12 more than Sam’s weekly budget" in text
    assert "WarningTuesday morning: Art club and Swimming are at the same time" in text
    assert page.count(">Remove<") == 4  # each entry, in the table and in the list for narrow screens
    assert reverse("citizens:plan-print", args=[sam.uuid]) in page
    assert reverse("citizens:plan-easy-read", args=[sam.uuid]) in page
    assert reverse("citizens:plan-ics", args=[sam.uuid]) in page


def test_a_plan_within_budget_gives_no_warning():
    plan = weekly_plan(
        type("Profile", (), {"weekly_budget": Decimal("20")})(),
        entries=[PlanEntry(pk=1, opportunity=Opportunity(title="Art"), weekday=0, part=0, weekly_cost=Decimal(8)),
                 PlanEntry(pk=2, opportunity=Opportunity(title="Swim"), weekday=0, part=1, weekly_cost=None)],
    )  # fmt: skip
    assert (plan.total, plan.over_by, plan.left, plan.unknown_costs, plan.clashes) == (8, 0, 12, 1, [])
    assert [item.title for item in plan.days[0].items] == ["Art", "Swim"]
    assert pounds(Decimal("1200.5")) == "£1,200.50" and pounds(Decimal("12.00")) == "£12"


def test_removing_from_the_plan_only_touches_this_persons_entries(signed_in, sam):
    art, _ = art_club()
    mine = entry(sam, art)
    jo = profile_create(by=UserFactory(role=User.Role.SOCIAL_WORKER), preferred_name="Jo")
    theirs = entry(jo, art)
    assert signed_in.post(reverse("citizens:plan-remove", args=[sam.uuid, theirs.pk])).status_code == 404
    assert PlanEntry.objects.filter(pk=theirs.pk).exists()
    response = signed_in.post(reverse("citizens:plan-remove", args=[sam.uuid, mine.pk]), follow=True)
    assert "Removed Art club on Tuesday morning from Sam’s weekly plan" in response.content.decode()
    assert not sam.plan_entries.exists()
    assert changes(sam, "weekly plan") == 2


# --- Print, Easy Read and the calendar file -----------------------------------------------------
def test_the_print_version_is_the_plain_timetable(signed_in, sam):
    art, _ = art_club(venues=[VenueFactory(name="Moseley Hall")])
    entry(sam, art, start=T(10), end=T(12), cost=Decimal("12.50"))
    page = signed_in.get(reverse("citizens:plan-print", args=[sam.uuid])).content.decode()
    assert "Sam’s weekly plan" in page and "Art club" in page and "10am to midday" in page
    assert "data-print hidden" in page and "<script>" not in page.split("<main")[1]
    assert "Moseley Hall, 1 High Street" in page and "0121 496 0000" in page
    assert ">Remove<" not in page


def test_the_easy_read_version_speaks_plainly_with_a_picture(signed_in, sam):
    art, _ = art_club()
    art.interests.set([Interest.objects.get(slug="arts-crafts")])
    entry(sam, art, start=T(10), end=T(12), cost=Decimal("12.50"))
    page = signed_in.get(reverse("citizens:plan-easy-read", args=[sam.uuid])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    assert "On Tuesday morning you go to Art club." in text
    assert "It starts at 10am." in text and "It ends at midday." in text
    assert "It costs £12.50 each week." in text
    assert "Your budget is £18 each week." in text and "You have £5.50 left each week." in text
    assert "Your social worker is Priya Sandhu." in text
    assert "You have nothing planned on Monday." in text
    # The picture is the site's icon for arts and crafts, hidden from screen readers beside the words.
    picture = icon_svg("arts-crafts", large=True)
    assert f'<span class="dw-easy-read-row__icon">{picture}</span>' in page
    assert 'aria-hidden="true"' in picture and "<img" not in page.split("<main")[1]
    assert sam.accesses.filter(action=ProfileAccess.Action.VIEWED, detail__contains="Easy Read").exists()


def test_every_kind_of_activity_has_its_icon_and_a_listing_without_one_has_a_calendar(sam):
    slugs = set(Interest.objects.values_list("slug", flat=True))
    assert len(slugs) == 16 and slugs <= ICONS and DEFAULT_ICON in ICONS
    art, _ = art_club()
    art.interests.set([Interest.objects.get(slug="sport"), Interest.objects.get(slug="arts-crafts")])
    plain, _ = art_club(title="Chat club")
    plain.interests.clear()
    entry(sam, art)
    entry(sam, plain, weekday=2)
    icons = [item.icon for item in weekly_plan(sam).items]
    assert icons == ["sport", DEFAULT_ICON]  # the first kind of activity, in the interests' order


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_the_calendar_file_follows_rfc_5545(signed_in, sam):
    art, _ = art_club(title="Art, craft; and tea \\ biscuits", venues=[VenueFactory(name="Moseley Hall")])
    timed = entry(sam, art, weekday=1, start=T(10), end=T(12), cost=Decimal("12.50"))
    agreed = entry(
        sam,
        OpportunityFactory(title="Personal Assistant " + "x" * 80, by_arrangement=True),
        weekday=4,
        part=1,
    )

    response = signed_in.get(reverse("citizens:plan-ics", args=[sam.uuid]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="weekly-plan.ics"'
    raw = response.content.decode("utf-8")
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    physical = raw.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in physical)
    assert any(line.startswith(" ") for line in physical)  # the long title was folded

    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "BEGIN:VTIMEZONE" in lines and "TZID:Europe/London" in lines
    assert lines.count("BEGIN:VEVENT") == 2
    tuesday = next_weekday(timezone.localdate(), 1)
    assert tuesday.weekday() == 1 and 0 <= (tuesday - timezone.localdate()).days < 7
    event = lines[lines.index(f"UID:plan-{timed.pk}@daywell") - 1 :]
    event = event[: event.index("END:VEVENT")]
    assert f"DTSTART;TZID=Europe/London:{tuesday:%Y%m%d}T100000" in event
    assert f"DTEND;TZID=Europe/London:{tuesday:%Y%m%d}T120000" in event
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in event
    assert "SUMMARY:Art\\, craft\\; and tea \\\\ biscuits" in event
    location = next(line for line in event if line.startswith("LOCATION:"))
    assert location.startswith("LOCATION:Moseley Hall\\, 1 High Street\\, ") and location.endswith("B13 8JP")
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in event)

    other = lines[lines.index(f"UID:plan-{agreed.pk}@daywell") :]
    other = other[: other.index("END:VEVENT")]
    friday = next_weekday(timezone.localdate(), 4)
    assert (
        f"DTSTART;TZID=Europe/London:{friday:%Y%m%d}T140000" in other
        and "RRULE:FREQ=WEEKLY;BYDAY=FR" in other
    )
    assert any(line.startswith("DESCRIPTION:The time is agreed with the provider") for line in other)

    assert sam.accesses.filter(action=ProfileAccess.Action.DOWNLOADED).count() == 1


def test_folding_never_splits_a_character_and_escaping_covers_new_lines():
    line = "SUMMARY:" + "é" * 60
    folded = ics_fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    empty = ics_calendar([], today=datetime.date(2026, 3, 2), now=timezone.now())
    assert "BEGIN:VEVENT" not in empty and empty.startswith("BEGIN:VCALENDAR\r\n")


# --- The box on a listing's page ---------------------------------------------------------------
def test_a_social_worker_can_shortlist_from_the_listing_page(signed_in, sam):
    opportunity, _ = art_club()
    page = signed_in.get(opportunity.get_absolute_url()).content.decode()
    assert "For someone you support" in page
    assert "Add to Sam’s shortlist" in page
    assert reverse("citizens:shortlist-add", args=[sam.uuid]) in page
    assert reverse("citizens:shortlist", args=[sam.uuid]) in page
    response = signed_in.post(
        reverse("citizens:shortlist-add", args=[sam.uuid]),
        {"opportunity": opportunity.pk, "next": opportunity.get_absolute_url()},
        follow=True,
    )
    page = response.content.decode()
    assert "Added Art club to Sam’s shortlist" in page and "This is on Sam’s shortlist." in page


def test_with_several_people_the_listing_page_asks_who_it_is_for(signed_in, sam, social_worker):
    opportunity, _ = art_club()
    jo = profile_create(by=social_worker, preferred_name="Jo")
    page = signed_in.get(opportunity.get_absolute_url()).content.decode()
    assert '<select class="govuk-select" id="shortlist-profile" name="profile">' in page
    assert (
        f'<option value="{jo.uuid}">Jo</option>' in page
        and f'<option value="{sam.uuid}">Sam</option>' in page
    )
    signed_in.post(
        reverse("citizens:shortlist-add-chosen"),
        {"profile": str(jo.uuid), "opportunity": opportunity.pk, "next": opportunity.get_absolute_url()},
    )
    assert jo.shortlist.filter(opportunity=opportunity).exists() and not sam.shortlist.exists()
    assert (
        signed_in.post(
            reverse("citizens:shortlist-add-chosen"), {"profile": "nonsense", "opportunity": opportunity.pk}
        ).status_code
        == 404
    )


def test_anonymous_visitors_see_nothing_new_and_cost_no_query(client, sam):
    opportunity, _ = art_club()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(opportunity.get_absolute_url()).content.decode()
    assert "For someone you support" not in page and "shortlist" not in page.lower()
    assert not [q for q in queries.captured_queries if "citizens_" in q["sql"]]


def test_someone_who_acts_for_nobody_sees_nothing_new(client):
    opportunity, _ = art_club()
    client.force_login(UserFactory(role=User.Role.SOCIAL_WORKER))
    assert "shortlist" not in client.get(opportunity.get_absolute_url()).content.decode().lower()
