"""Review of the safeguarding concerns feature (issue 7): each test here shows one defect found in
review, and fails until it is fixed."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from safeguarding.models import Concern, ConcernView
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("concerns:report")
WHAT = "Carol at the lunch club has bruises on her arms and seemed frightened"


def answers(**changes) -> dict:
    data = {
        "adult_name": "Carol",
        "adult_description": "",
        "place": "The lunch club on Alcester Road",
        "when_happened": "Last Tuesday",
        "what_happened": WHAT,
        "person_knows": "no",
        "reporter_relationship": "Neighbour",
        "contact": "contact",
        "reporter_name": "Sam Jones",
        "reporter_phone": "0121 496 0000",
        "reporter_email": "",
        "website": "",
    }
    data.update(changes)
    return data


def error_summary(response) -> list[tuple[str, str]]:
    html = response.content.decode()
    summary = html.split('govuk-error-summary__list">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)


def officer(*roles, **values):
    return UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=list(roles), **values)


def make_concern(**values) -> Concern:
    fields = {
        "adult_name": "Mr Patel",
        "place": "Sparkhill",
        "what_happened": "Someone takes his pension every week",
        "person_knows": Concern.PersonKnows.YES,
        "anonymous": True,
    }
    fields.update(values)
    return Concern.objects.create(**fields)


# --- 1. A form opened before a colleague's change silently undoes it ------------------------------


def test_a_status_change_from_a_page_opened_earlier_does_not_undo_a_colleagues_assignment():
    """Dana opens a new concern (form: New, Nobody yet). Lee then takes it (In triage, Lee).
    Dana, from the page she already had open, refers it: her form still sends "Nobody yet", and
    concern_update compares with the database, not with what Dana saw, so Lee is silently taken
    off the concern ("Now with nobody"). Either keep Lee or tell Dana it changed; never drop it."""
    dana = officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")
    lee = officer(User.OfficerRole.SAFEGUARDING, full_name="Lee Colleague")
    concern = make_concern()
    url = concern.get_absolute_url()
    dana_browser, lee_browser = Client(), Client()
    dana_browser.force_login(dana)
    lee_browser.force_login(lee)

    assert dana_browser.get(url).status_code == 200  # Dana's form: status New, Nobody yet
    lee_browser.post(url, {"update": "", "status": "in_triage", "assigned_to": lee.pk})
    concern.refresh_from_db()
    assert concern.assigned_to == lee

    dana_browser.post(url, {"update": "", "status": "referred", "assigned_to": ""})
    concern.refresh_from_db()
    assert concern.assigned_to == lee, "Lee's assignment was silently undone by a form opened earlier"


def test_the_officer_select_shows_who_has_it_even_if_they_have_left():
    """The page says "Dealt with by Former Officer", but the select (active safeguarding officers
    only) has no option for them, so the browser shows its first option, "Nobody yet", and saving
    any status change unassigns them ("Now with nobody") without the officer choosing to."""
    me = officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")
    former = officer(User.OfficerRole.SAFEGUARDING, full_name="Former Officer")
    concern = make_concern(assigned_to=former)
    former.is_active = False
    former.save()
    client = Client()
    client.force_login(me)
    html = client.get(concern.get_absolute_url()).content.decode()
    assert "Dealt with by Former Officer" in html
    select = html.split('name="assigned_to"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{former.pk}" selected>' in select, "the form shows Nobody yet"

    client.post(concern.get_absolute_url(), {"update": "", "status": "in_triage", "assigned_to": ""})
    concern.refresh_from_db()
    assert concern.status == Concern.Status.IN_TRIAGE
    assert concern.assigned_to == former, "changing the status took the concern off its officer"


# --- 2. Validation wording: contradictory and developer-speak errors -------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"adult_name": "C" * 201}, "adult_name"),
        ({"reporter_name": "S" * 201}, "reporter_name"),
        ({"reporter_name": "Sam\x00Jones"}, "reporter_name"),
    ],
)
def test_a_name_that_is_wrong_gets_one_error_not_also_enter_a_name(client, changes, field):
    """clean() checks `cleaned.get(name)` without `has_error(name)`, so a name that failed its own
    check is also reported as missing: "Enter the person’s name" / "Enter your name" after the
    user typed one."""
    response = client.post(URL, answers(**changes))
    assert response.status_code == 400
    messages = [text for target, text in error_summary(response) if target == f"id_{field}"]
    assert len(messages) == 1, messages


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"adult_name": "C" * 201}, "adult_name"),
        ({"when_happened": "x" * 201}, "when_happened"),
        ({"reporter_relationship": "x" * 201}, "reporter_relationship"),
        ({"reporter_phone": "0" * 41}, "reporter_phone"),
        ({"reporter_email": "a" * 250 + "@example.org"}, "reporter_email"),
        ({"what_happened": "He was\x00hit"}, "what_happened"),
        ({"place": "Kings\x00Heath"}, "place"),
    ],
)
def test_too_long_or_nul_input_gets_a_plain_english_error(client, changes, field):
    """Django's defaults ("Ensure this value has at most 200 characters (it has 201).", "Null
    characters are not allowed.") are shown instead of GOV.UK-style messages."""
    response = client.post(URL, answers(**changes))
    assert response.status_code == 400  # not a 500: this part is fine
    messages = [text for target, text in error_summary(response) if target == f"id_{field}"]
    assert messages
    for text in messages:
        assert not text.startswith("Ensure this value"), text
        assert "Null characters" not in text, text


# --- 3. The character count and the server disagree about line breaks --------------------------


def test_line_breaks_count_once_as_the_character_count_shows_them(client):
    """GOV.UK Frontend's character count counts a line break as 1 (the textarea's value uses
    "\\n"); browsers send "\\r\\n", and the server counts 2. A report the counter said was
    within 5,000 characters is refused as too long."""
    typed = "\r\n".join(["x" * 82] * 60)  # the counter shows 60 * 82 + 59 = 4,979 characters
    assert len(typed.replace("\r\n", "\n")) <= 5000 < len(typed)
    response = client.post(URL, answers(what_happened=typed))
    assert response.status_code == 302, error_summary(response)


# --- 4. Double submit --------------------------------------------------------------------------


def test_the_send_button_guards_against_a_double_click(client):
    """A double click sends the concern twice: two concerns, two references, two emails to the
    officers. The other one-shot buttons here use GOV.UK's data-prevent-double-click."""
    html = client.get(URL).content.decode()
    button = html.split('name="submit"', 1)[1].split(">", 1)[0]
    assert 'data-prevent-double-click="true"' in button


# --- 5. Accessibility ---------------------------------------------------------------------------


def test_the_contact_details_explanation_is_announced_with_the_contact_fields(client):
    """The paragraph saying these fields are only for people who can be contacted
    (id="contact-details-hint") is referenced by no field, so a screen reader user tabbing from the
    radios lands on "Your name" with no hint that an anonymous reporter should leave it empty."""
    html = client.get(URL).content.decode()
    assert 'id="contact-details-hint"' in html
    for name in ("reporter_name", "reporter_phone", "reporter_email"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert "contact-details-hint" in tag, tag


# --- 6. Footer link everywhere ------------------------------------------------------------------


def test_the_server_error_page_also_links_to_report_a_concern():
    """ "Report a concern" must be reachable from every page's footer; templates/500.html has no
    footer, so someone who meets an error while reporting has no way back to the form."""
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert reverse("concerns:report") in html


# --- 7. The access log on the concern page -------------------------------------------------------


def test_the_access_log_does_not_silently_drop_who_opened_the_concern(client):
    """The page promises "Everyone who has seen or changed this concern", but shows only the
    newest 200 log rows, and every queue page adds a "Saw it in the queue" row for each concern.
    After a few weeks of queue visits, who opened or changed the concern falls off the page with
    no sign that anything is missing."""
    me = officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")
    early = officer(User.OfficerRole.SAFEGUARDING, full_name="Early Opener")
    concern = make_concern()
    long_ago = timezone.now() - datetime.timedelta(days=30)
    ConcernView.objects.create(concern=concern, user=early, action=ConcernView.Action.VIEWED, at=long_ago)
    ConcernView.objects.bulk_create(
        ConcernView(
            concern=concern,
            user=me,
            action=ConcernView.Action.LISTED,
            at=long_ago + datetime.timedelta(minutes=i + 1),
        )
        for i in range(250)
    )
    client.force_login(me)
    html = client.get(concern.get_absolute_url()).content.decode()
    log = html.split("Access log", 1)[1]
    assert "Early Opener" in log or "older" in log.lower(), "an officer who opened it is not on the page"
