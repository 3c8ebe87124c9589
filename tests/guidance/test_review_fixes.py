"""Fixes from the review of the information pages: an edit conflict shows everything the other
officer saved, Easy Read says when a page has no Easy Read version, the list of pages in Easy Read,
times written the GOV.UK way ("5:12am", "midday") and the history of an unpublished page."""

import datetime
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from citizens.models import ProfileAccess
from citizens.services import profile_create
from daywell.templatetags.clock import clock_text
from guidance.context_processors import EASY_READ_COOKIE
from guidance.models import GuidancePage, GuidanceRevision
from safeguarding.models import ConcernNote, ConcernView
from tests.daywell.test_i18n import welsh_catalogue
from tests.factories import UserFactory
from tests.guidance.test_editor import edit_url, form_data, history_url
from tests.guidance.test_pages import make_page
from tests.safeguarding.test_queue import QUEUE, make_concern

pytestmark = pytest.mark.django_db

# 23 November is in GMT, so this is 5:12am in London too.
AT_5_12 = datetime.datetime(2026, 11, 23, 5, 12, 3, tzinfo=datetime.UTC)
NOT_YOURS = '<strong class="govuk-tag govuk-tag--yellow">Not the same as yours</strong>'


def officer(**values):
    return UserFactory(role=User.Role.COUNCIL_OFFICER, **values)


# --- 1. An edit conflict shows everything the other officer saved --------------------------------
def summary_rows(html: str) -> dict[str, str]:
    rows = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt><dd class="govuk-summary-list__value">(.*?)</dd>',
        html,
    )
    return {key: value.strip() for key, value in rows}


def test_a_conflict_shows_every_setting_they_saved_and_marks_the_ones_saving_again_would_change(client):
    page = make_page(summary="The old summary.", easy_read_title="")
    opened_at = page.content_revision
    client.force_login(officer(full_name="Ada Other"))
    ada = form_data(
        page,
        summary="Ada's summary.",
        audience="providers",
        position="7",
        easy_read_title="Ada's Easy Read title",
        published=None,
        body="## Buses\r\n\r\nYou can get a **free** bus pass.",  # as a browser sends it
    )
    assert client.post(edit_url(page), ada).status_code == 302

    client.force_login(officer(full_name="Mo Derator"))
    mine = form_data(
        page,
        title="Mo's title",
        summary="The old summary.",
        position="1",
        revision=str(opened_at),
        body="## Buses\n\nYou can get a **free** bus pass.",
    )
    response = client.post(edit_url(page), mine)
    assert response.status_code == 409
    html = response.content.decode()
    box = html[html.index('id="their-version"') : html.index("</details>")]
    rows = summary_rows(box)
    assert rows == {
        "Title": f"Getting there<br>{NOT_YOURS}",
        "Summary": f"Ada&#x27;s summary.<br>{NOT_YOURS}",
        "Who the page is for": f"For providers<br>{NOT_YOURS}",
        "Place in the list": f"7<br>{NOT_YOURS}",
        "Easy Read title": f"Ada&#x27;s Easy Read title<br>{NOT_YOURS}",
        "Shown to the public": f"No<br>{NOT_YOURS}",
    }
    # The same words with other line endings are not a difference; both versions are shown.
    assert box.count(NOT_YOURS) == 6
    assert "You can get a **free** bus pass." in box and "[icon:bus] You can get the bus." in box
    assert "everything in the form replaces their version" in box


def test_a_conflict_with_nothing_different_says_so(client):
    page = make_page()
    opened_at = page.content_revision
    client.force_login(officer())
    assert client.post(edit_url(page), form_data(page)).status_code == 302
    response = client.post(edit_url(page), form_data(page, revision=str(opened_at)))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Their version is the same as the one in the form." in html
    assert NOT_YOURS not in html


# --- 2. Easy Read on, but the page has no Easy Read version -------------------------------------
NO_EASY_READ = "There is no Easy Read version of this page yet."


def test_with_easy_read_on_a_page_without_one_says_so_above_the_standard_text(client):
    page = make_page(easy_read_body="")
    assert NO_EASY_READ not in client.get(page.get_absolute_url()).content.decode()

    client.cookies[EASY_READ_COOKIE] = "1"
    html = client.get(page.get_absolute_url()).content.decode()
    assert f'<div class="govuk-inset-text dw-guidance-no-easy-read">{NO_EASY_READ}</div>' in html
    assert html.index(NO_EASY_READ) < html.index("You can get a <strong>free</strong> bus pass.")
    # Asked for the standard version on purpose: no note.
    assert NO_EASY_READ not in client.get(page.get_absolute_url() + "?version=standard").content.decode()


def test_asking_for_easy_read_in_the_address_gets_the_note_too(client):
    page = make_page(easy_read_body="")
    assert NO_EASY_READ in client.get(page.get_absolute_url() + "?version=easy-read").content.decode()


def test_a_page_with_an_easy_read_version_has_no_note(client):
    page = make_page()
    client.cookies[EASY_READ_COOKIE] = "1"
    html = client.get(page.get_absolute_url()).content.decode()
    assert "dw-easy-read-row" in html and NO_EASY_READ not in html


# --- 3. The list of pages in Easy Read ----------------------------------------------------------
def test_with_easy_read_on_the_list_uses_easy_read_titles_and_pictures_without_the_long_summaries(client):
    GuidancePage.objects.all().delete()
    make_page(
        "assessments",
        title="Getting a needs assessment from adult social care",
        summary="How to ask the council to look at what support you need.",
        easy_read_title="Asking the council for help",
        easy_read_body="[icon:unknown-thing] Not a picture.\n\n[icon:council] The council can **help**.",
    )
    make_page("plain-only", title="Plain only", summary="Only in plain English.", easy_read_body="")
    url = reverse("guidance:index")
    with CaptureQueriesContext(connection) as standard:
        html = client.get(url).content.decode()
    assert "Getting a needs assessment from adult social care" in html
    assert "How to ask the council to look at what support you need." in html
    assert "Asking the council for help" not in html and "dw-easy-read-row" not in html

    client.cookies[EASY_READ_COOKIE] = "1"
    with CaptureQueriesContext(connection) as easy:
        html = client.get(url).content.decode()
    assert len(easy) == len(standard)  # no query per page for its Easy Read words
    main = html[html.index('<main class="govuk-main-wrapper"') :]
    assert "Asking the council for help</a>" in main
    assert "Getting a needs assessment" not in main
    assert "How to ask the council" not in main and "Only in plain English." not in main
    # The introduction is in Easy Read too.
    assert "These pages help you <strong>find things to do</strong> in the day." in main
    assert "Plain English information about" not in main
    row = re.search(r'<li class="dw-easy-read-row">(.*?)</li>', main, re.S).group(1)
    assert '<span class="dw-easy-read-row__icon"><svg class="dw-icon dw-icon--large"' in row
    assert 'aria-hidden="true"' in row
    assert row.index("<svg") < row.index('href="/guidance/assessments/"')
    no_icon = r'<li class="dw-easy-read-row dw-easy-read-row--no-icon">(.*?)</li>'
    plain = re.search(no_icon, main, re.S).group(1)
    assert "Plain only</a>" in plain and NO_EASY_READ in plain and "<svg" not in plain


# --- 4. Times the GOV.UK way --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("hour", "minute", "second", "words", "with_seconds"),
    [
        (5, 12, 3, "5:12am", "5:12:03am"),
        (10, 0, 0, "10am", "10:00:00am"),
        (12, 0, 0, "midday", "12:00:00pm"),
        (0, 0, 0, "midnight", "12:00:00am"),
        (0, 30, 0, "12:30am", "12:30:00am"),
        (12, 5, 0, "12:05pm", "12:05:00pm"),
        (17, 30, 59, "5:30pm", "5:30:59pm"),
        (23, 0, 0, "11pm", "11:00:00pm"),
    ],
)
def test_times_are_written_the_gov_uk_way(hour, minute, second, words, with_seconds):
    time = datetime.time(hour, minute, second)
    assert clock_text(time) == words
    assert clock_text(time, seconds=True) == with_seconds
    rendered = Template('{% load clock %}{{ t|clock }} {{ t|clock:"seconds" }}').render(Context({"t": time}))
    assert rendered == f"{words} {with_seconds}"


def test_a_moment_is_written_in_london_time():
    summer = datetime.datetime(2026, 6, 1, 4, 12, tzinfo=datetime.UTC)  # 5:12am British Summer Time
    assert clock_text(summer) == "5:12am"
    assert Template("{% load clock %}{{ t|clock }}").render(Context({"t": summer})) == "5:12am"
    assert clock_text(None) == "" and clock_text("") == ""


@pytest.fixture
def welsh(settings, tmp_path):
    messages = {
        "the clock times are written on: 12 or 24\x0412": "24",
        "midday": "canol dydd",
    }
    with welsh_catalogue(settings, tmp_path, messages):
        yield


def test_times_are_translatable_even_to_the_24_hour_clock(welsh):
    with translation.override("cy"):
        assert clock_text(datetime.time(5, 12)) == "05:12"
        assert clock_text(datetime.time(17, 30)) == "17:30"
        assert clock_text(datetime.time(17, 30, 5), seconds=True) == "17:30:05"
        assert clock_text(datetime.time(12, 0)) == "canol dydd"
    assert clock_text(datetime.time(5, 12)) == "5:12am"


def test_the_editor_pages_write_times_the_gov_uk_way(client):
    page = make_page()
    client.force_login(officer())
    assert client.post(edit_url(page), form_data(page)).status_code == 302
    GuidancePage.objects.filter(pk=page.pk).update(updated_at=AT_5_12)
    GuidanceRevision.objects.filter(page=page).update(saved_at=AT_5_12)
    for url in (reverse("council_guidance:list"), history_url(page)):
        html = client.get(url).content.decode()
        assert "23 November 2026, 5:12am" in html, url
        assert "a.m." not in html and "p.m." not in html, url


def test_the_access_log_writes_times_the_gov_uk_way(client):
    worker = UserFactory(role=User.Role.SOCIAL_WORKER)
    client.force_login(worker)
    profile = profile_create(by=worker, preferred_name="Sam")
    ProfileAccess.objects.filter(profile=profile).update(at=AT_5_12)
    html = client.get(reverse("citizens:access-log", args=[profile.uuid])).content.decode()
    assert "23 November 2026, 5:12am" in html
    assert "a.m." not in html and "p.m." not in html


def test_the_safeguarding_pages_write_times_the_gov_uk_way(client):
    safeguarding = officer(officer_roles=[User.OfficerRole.SAFEGUARDING], full_name="Dana Officer")
    concern = make_concern(created_at=AT_5_12)
    midday = make_concern(created_at=AT_5_12.replace(hour=12, minute=0))
    ConcernNote.objects.create(concern=concern, author=safeguarding, text="Phoned.", created_at=AT_5_12)
    ConcernView.objects.create(
        concern=concern, user=safeguarding, action=ConcernView.Action.LISTED, at=AT_5_12
    )
    client.force_login(safeguarding)
    html = client.get(concern.get_absolute_url()).content.decode()
    assert "Reported 23 November 2026, 5:12am" in html
    assert "</strong>, 23 Nov 2026, 5:12am</p>" in html  # the note
    assert "23 Nov 2026, 5:12:03am" in html  # the logs, to the second
    assert "a.m." not in html and "p.m." not in html
    html = client.get(QUEUE).content.decode()
    assert "23 Nov 2026, 5:12am" in html and "23 Nov 2026, midday" in html
    assert midday.reference in html
    assert "a.m." not in html and "p.m." not in html and "noon" not in html


# --- 5. The history of an unpublished page ------------------------------------------------------
def test_the_history_of_an_unpublished_page_does_not_call_it_the_version_on_the_site(client):
    page = make_page()
    client.force_login(officer())
    assert client.post(edit_url(page), form_data(page)).status_code == 302
    page.refresh_from_db()
    assert "(the version on the site now)" in client.get(history_url(page)).content.decode()

    assert client.post(edit_url(page), form_data(page, published=None)).status_code == 302
    html = client.get(history_url(page)).content.decode()
    assert "(the version on the site now)" not in html
    assert "(the current version, not on the site: the page is not published)" in html
