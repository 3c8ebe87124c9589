"""The plan, the shortlist and the suggestions are ready for translators.

Days and parts of the day come from marked words put together by one marked pattern ("Monday
morning" may be "bore dydd Llun"); a sentence about a person is whole in both voices ("your
shortlist", "Sam’s shortlist"), never an English "your" or "Sam’s" dropped into it; counts use real
plurals. A Welsh catalogue made on the fly shows each of them translated. The Easy Read plan shows
the site's own icon for a listing's kind of activity, the same picture as everywhere else.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from citizens.enquiries import free_slots_text
from citizens.services import plan_entry_add, profile_create, shortlist_add
from citizens.suggestions import Voice, profile_suggestions, slots_words
from guidance.icons import icon_svg
from opportunities.models import Interest
from opportunities.search_index import opportunity_index_refresh
from tests.factories import CostFactory, OpportunityFactory, SessionFactory, UserFactory

from ..daywell.test_i18n import welsh_catalogue
from .test_suggestions import HOME, listing

PART = "part of the day, inside a sentence"
EVERY_WEEK = "parts of the day, every week: Tuesday mornings"
WELSH = {
    # Days and parts of the day, and the patterns that put them together (in Welsh, part first)
    "Monday": "dydd Llun",
    "Tuesday": "dydd Mawrth",
    "Thursday": "dydd Iau",
    f"{PART}\x04morning": "bore",
    f"{PART}\x04afternoon": "prynhawn",
    f"{EVERY_WEEK}\x04mornings": "boreau",
    "a day and a part of it: Tuesday morning\x04%(day)s %(part)s": "%(part)s %(day)s",
    "days and parts of them, every week: Tuesday and Thursday mornings\x04%(days)s %(parts)s": (
        "%(parts)s %(days)s"
    ),
    "the last two items of a list\x04%(items)s and %(last)s": "%(items)s a %(last)s",
    "between groups of a list\x04; ": " · ",
    # The plan's messages and the shortlist page, about someone by name
    "Added %(title)s on %(when)s to %(name)s’s weekly plan": (
        "Ychwanegwyd %(title)s ar %(when)s at gynllun wythnosol %(name)s"
    ),
    "In the plan": "Yn y cynllun",
    # Suggestions: the page's heading (a template) and a reason (Python), in both voices
    "Suggestions for %(name)s": "Awgrymiadau i %(name)s",
    "%(times)s, when %(name)s is free": "%(times)s, pan mae %(name)s yn rhydd",
    "%(times)s, when you are free": "%(times)s, pan wyt ti’n rhydd",
    # The person's search and the readable copy of their data
    "Free": "Rhydd",
    "Enjoys": "Yn mwynhau",
    "name they like to be called": "yr enw sydd orau ganddynt",
    "Nothing": "Dim",
    # A real plural
    "%(count)s listing would fit but is for people of other ages.\x00"
    "%(count)s listings would fit but are for people of other ages.": (
        "Byddai %(count)s rhestriad yn addas ond i bobl o oed arall.\x00"
        "Byddai %(count)s rhestriad yn addas ond i bobl o oedrannau eraill."
    ),
}
TUESDAY, THURSDAY = 1, 3


@pytest.fixture
def welsh(settings, tmp_path):
    """Welsh as a second language, with a catalogue of the strings these pages use."""
    with welsh_catalogue(settings, tmp_path, WELSH):
        yield


@pytest.fixture
def social_worker():
    return UserFactory(role=User.Role.SOCIAL_WORKER, full_name="Priya Sandhu")


@pytest.fixture
def sam(social_worker):
    return profile_create(by=social_worker, preferred_name="Sam")


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- Days and parts of the day -------------------------------------------------------------------
@pytest.mark.django_db
def test_the_plans_monday_morning_is_translated_in_the_views(client, welsh, social_worker, sam):
    listing = OpportunityFactory(title="Art club")
    session = SessionFactory(opportunity=listing, weekday=0, start=datetime.time(10), end=datetime.time(12))
    CostFactory(opportunity=listing, amount=Decimal("5"))
    shortlist_add(profile=sam, opportunity=listing, by=social_worker)
    client.force_login(social_worker)
    url = reverse("citizens:plan-add", args=[sam.uuid, listing.pk])

    cymraeg = {"accept-language": "cy"}
    added = client.post(url, {"session": session.pk, "weekly_cost": "5"}, headers=cymraeg, follow=True)
    assert "Ychwanegwyd Art club ar bore dydd Llun at gynllun wythnosol Sam" in text_of(added)
    shortlist = text_of(client.get(reverse("citizens:shortlist", args=[sam.uuid]), headers=cymraeg))
    assert "Yn y cynllun bore dydd Llun" in shortlist
    assert "Monday morning" not in shortlist

    # In English nothing changes.
    shortlist = text_of(client.get(reverse("citizens:shortlist", args=[sam.uuid])))
    assert "In the plan Monday morning" in shortlist


def test_parts_of_the_day_phrases_are_translated_whole():
    """ "Tuesday and Thursday mornings" is a phrase of its own: not "morning" with an English "s"."""
    with translation.override("en-gb"):
        assert slots_words([3, 9]) == "Tuesday and Thursday mornings"
        assert free_slots_text([0, 1, 3]) == "Monday morning and afternoon; Tuesday morning"


def test_parts_of_the_day_phrases_in_welsh(welsh):
    with translation.override("cy"):
        assert slots_words([3, 9]) == "Boreau dydd Mawrth a dydd Iau"
        assert free_slots_text([0, 1, 3]) == "bore a prynhawn dydd Llun · bore dydd Mawrth"


# --- Sentences about a person ----------------------------------------------------------------------
def test_a_voice_picks_one_whole_sentence():
    to_you, about_them = "Go to your shortlist", "Go to %(name)s’s shortlist"
    assert Voice("Sam").says(to_you, about_them) == "Go to Sam’s shortlist"
    assert Voice("Sam", you=True).says(to_you, about_them) == "Go to your shortlist"
    assert (
        Voice("100% Sam").says("%(title)s for you", "%(title)s for %(name)s", title="50%")
        == "50% for 100% Sam"
    )


@pytest.mark.django_db
def test_suggestions_for_a_named_person_are_translated(client, welsh, social_worker, sam):
    sam.free_slots = [TUESDAY * 3, THURSDAY * 3]
    sam.save()
    listing("Garden club", sessions=[(TUESDAY, 10, 12), (THURSDAY, 10, 12)])
    opportunity_index_refresh()
    client.force_login(social_worker)

    page = text_of(
        client.get(reverse("citizens:suggestions", args=[sam.uuid]), headers={"accept-language": "cy"})
    )
    assert "Awgrymiadau i Sam" in page
    assert "Boreau dydd Mawrth a dydd Iau, pan mae Sam yn rhydd" in page
    assert "Suggestions for Sam" not in page and "mornings, when Sam is free" not in page

    # The same reason said to the person is its own sentence for translators.
    with translation.override("cy"):
        [garden] = profile_suggestions(profile=sam, you=True).items
    assert "Boreau dydd Mawrth a dydd Iau, pan wyt ti’n rhydd" in garden.reasons
    with translation.override("en-gb"):
        [garden] = profile_suggestions(profile=sam).items
    assert "Tuesday and Thursday mornings, when Sam is free" in garden.reasons


@pytest.mark.django_db
def test_a_count_of_listings_is_a_real_plural(welsh, sam):
    """One listing for other ages is "is for", more are "are for", and both are translated."""
    sam.date_of_birth = datetime.date(2015, 1, 1)  # a child: every listing is for adults
    sam.save()
    listing("Lunch club", where=HOME, min_age=18)
    opportunity_index_refresh()
    found = profile_suggestions(profile=sam)
    assert found.items == [] and found.tips == ["1 listing would fit but is for people of other ages."]
    listing("Pottery", where=HOME, min_age=18)
    opportunity_index_refresh()
    assert profile_suggestions(profile=sam).tips == ["2 listings would fit but are for people of other ages."]
    with translation.override("cy"):
        tips = profile_suggestions(profile=sam).tips
    assert tips == ["Byddai 2 rhestriad yn addas ond i bobl o oedrannau eraill."]


# --- The Easy Read plan's pictures ------------------------------------------------------------------
@pytest.mark.django_db
def test_the_easy_read_plan_shows_the_icon_for_the_activitys_interest(client, social_worker, sam):
    swimming = OpportunityFactory(title="Swimming")
    swimming.interests.set([Interest.objects.get(slug="sport")])
    plan_entry_add(profile=sam, opportunity=swimming, by=social_worker, weekday=TUESDAY, part=0)
    client.force_login(social_worker)

    html = client.get(reverse("citizens:plan-easy-read", args=[sam.uuid])).content.decode()
    picture = icon_svg("sport", large=True)
    # The icon family's picture, hidden from screen readers, with the words beside it.
    assert re.search(
        re.escape(f'<span class="dw-easy-read-row__icon">{picture}</span>')
        + r'\s*<div class="dw-easy-read__words">\s*<p class="dw-easy-read__lead">On Tuesday morning you go to'
        r" <strong>Swimming</strong>\.</p>",
        html,
    )
    assert 'aria-hidden="true"' in picture and 'focusable="false"' in picture
    assert "images/activities" not in html

    # The same picture as "Sport and fitness" on the listing's own page.
    drawing = picture.split(">", 1)[1]  # the SVG without its opening tag and class
    detail = client.get(swimming.get_absolute_url()).content.decode()
    assert drawing in detail and "Sport and fitness" in detail


@pytest.mark.django_db
def test_the_persons_search_and_their_data_are_in_their_language(welsh):
    from citizens.export import export_readable, free_times_text, profile_export
    from citizens.person_search import free_times

    with translation.override("cy"):
        assert (
            free_times([TUESDAY * 3, THURSDAY * 3, THURSDAY * 3 + 1])
            == "bore dydd Mawrth · bore a prynhawn dydd Iau"
        )
        assert free_times_text([TUESDAY * 3]) == ["bore dydd Mawrth"]
    profile = profile_create(by=UserFactory(role=User.Role.SOCIAL_WORKER), preferred_name="Sam")
    profile.free_slots = [TUESDAY * 3]
    profile.save()
    with translation.override("cy"):
        rows = dict(export_readable(profile_export(profile))[0][1][0])
    assert rows["Yr enw sydd orau ganddynt"] == "Sam"
    assert rows["Free"] == "bore dydd Mawrth"
    assert rows["Notes"] == "Dim"
    # The download keeps its English keys, so a file means the same whoever saved it.
    with translation.override("cy"):
        assert "name they like to be called" in profile_export(profile)["profile"]


def test_every_access_log_detail_is_listed_for_translators():
    """The log stores its words in English; the ones the code writes must be in ACCESS_DETAILS."""
    import ast
    from pathlib import Path

    from django.conf import settings

    from citizens.access import ACCESS_DETAILS
    from citizens.forms import ProfileSectionForm

    written = set()
    for path in (Path(settings.BASE_DIR) / "citizens").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            values = [k.value for k in node.keywords if k.arg == "detail"]
            if called in ("profile_viewed", "profile_view"):
                values += node.args[2:3] if called == "profile_viewed" else node.args[:1]
            written |= {v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)}
    assert len(written) > 15
    assert written - ACCESS_DETAILS == set()
    with translation.override("en-gb"):
        titles = {str(form.title).lower() for form in ProfileSectionForm.__subclasses__() if form.title}
    assert titles and titles <= ACCESS_DETAILS


@pytest.mark.django_db
def test_the_access_log_shows_its_words_in_the_readers_language(settings, tmp_path, client):
    from citizens.models import ProfileAccess
    from citizens.services import profile_access_record
    from tests.daywell.test_i18n import welsh_catalogue

    person = UserFactory(role=User.Role.CITIZEN)
    profile = profile_create(by=person, preferred_name="Sam", for_self=True)
    profile_access_record(
        profile=profile, user=person, action=ProfileAccess.Action.CHANGED, detail="weekly plan"
    )
    client.force_login(person)
    with welsh_catalogue(settings, tmp_path, {"weekly plan": "cynllun wythnosol"}):
        client.post(reverse("set_language"), {"language": "cy", "next": "/"})
        html = client.get(reverse("citizens:access-log", args=[profile.uuid])).content.decode()
    assert ": cynllun wythnosol</td>" in html


def test_shared_details_are_stored_in_english_and_headed_in_the_readers_language(settings, tmp_path):
    from django.template import Context, Template

    from citizens.enquiries import SHARED_ORDER
    from tests.daywell.test_i18n import welsh_catalogue

    assert "Free days and times" in SHARED_ORDER  # the stored copy's key
    # Both pages that show a stored copy head each row through the catalogue.
    row = '<dt class="govuk-summary-list__key">{% translate heading %}</dt>'
    for name in ("providers/enquiry_detail.html", "citizens/enquiry_detail.html"):
        assert row in (settings.BASE_DIR / "templates" / name).read_text(), name
    template = Template("{% load i18n %}{% for heading in headings %}" + row + "{% endfor %}")
    welsh = {"Free days and times": "Dyddiau ac amseroedd rhydd"}
    with welsh_catalogue(settings, tmp_path, welsh), translation.override("cy"):
        html = template.render(Context({"headings": ["Free days and times"]}))
    assert html == '<dt class="govuk-summary-list__key">Dyddiau ac amseroedd rhydd</dt>'
