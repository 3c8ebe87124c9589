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

from .test_report import URL, answers, error_summary

pytestmark = pytest.mark.django_db


def officer(*roles, **values):
    return UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=list(roles), **values)


def revision(response) -> dict:
    """The revision hidden in a concern page's status form."""
    return {"revision": re.search(r'name="revision" value="(\d+)"', response.content.decode()).group(1)}


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

    # Adjusted in the fix: each form now sends the revision its page was opened at, as the page does.
    dana_page = dana_browser.get(url)  # Dana's form: status New, Nobody yet
    assert dana_page.status_code == 200
    lee_browser.post(
        url, {"update": "", "status": "in_triage", "assigned_to": lee.pk, **revision(lee_browser.get(url))}
    )
    concern.refresh_from_db()
    assert concern.assigned_to == lee

    response = dana_browser.post(
        url, {"update": "", "status": "referred", "assigned_to": "", **revision(dana_page)}
    )
    concern.refresh_from_db()
    assert concern.assigned_to == lee, "Lee's assignment was silently undone by a form opened earlier"
    assert concern.status == Concern.Status.IN_TRIAGE  # nothing of Dana's out-of-date form was saved
    latest = dana_browser.get(response["Location"]).content.decode()
    assert "This concern changed after you opened it" in latest and "Dealt with by Lee Colleague" in latest
    assert not ConcernView.objects.filter(user=dana).exclude(action=ConcernView.Action.VIEWED).exists()


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

    # Adjusted in the fix: the form sends what the fixed page has selected (the former officer), and
    # its revision; choosing "Nobody yet" on purpose still takes the concern off them.
    posted = {"update": "", "status": "in_triage", "assigned_to": former.pk, "revision": concern.revision}
    client.post(concern.get_absolute_url(), posted)
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


# --- Checks added with the fixes ----------------------------------------------------------------


def test_a_former_officer_is_labelled_and_can_still_be_replaced():
    me = officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")
    former = officer(User.OfficerRole.SAFEGUARDING, full_name="Former Officer", is_active=False)
    moved = officer(User.OfficerRole.MODERATOR, full_name="Moved Officer")
    concern = make_concern(assigned_to=former)
    client = Client()
    client.force_login(me)
    html = client.get(concern.get_absolute_url()).content.decode()
    assert "Former Officer (no longer active)</option>" in html
    assert "Moved Officer" not in html  # only the officer dealing with it is kept on the list
    posted = {"update": "", "status": "new", "assigned_to": me.pk, "revision": concern.revision}
    assert client.post(concern.get_absolute_url(), posted).status_code == 302
    concern.refresh_from_db()
    assert concern.assigned_to == me
    # Once replaced, the former officer cannot be chosen again.
    posted = {"update": "", "status": "new", "assigned_to": former.pk, "revision": concern.revision}
    assert client.post(concern.get_absolute_url(), posted).status_code == 400
    posted["assigned_to"] = moved.pk
    assert client.post(concern.get_absolute_url(), posted).status_code == 400


def test_a_status_form_without_its_revision_saves_nothing():
    me = officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")
    concern = make_concern()
    client = Client()
    client.force_login(me)
    response = client.post(concern.get_absolute_url(), {"update": "", "status": "closed"}, follow=True)
    assert "This concern changed after you opened it" in response.content.decode()
    concern.refresh_from_db()
    assert concern.status == Concern.Status.NEW and concern.revision == 0


def test_each_saved_change_moves_the_revision_on():
    me = officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")
    concern = make_concern()
    client = Client()
    client.force_login(me)
    url = concern.get_absolute_url()
    client.post(url, {"update": "", "status": "in_triage", "revision": 0})
    concern.refresh_from_db()
    assert concern.status == Concern.Status.IN_TRIAGE and concern.revision == 1
    assert 'name="revision" value="1"' in client.get(url).content.decode()
    client.post(url, {"update": "", "status": "in_triage", "revision": 1})  # nothing changed
    concern.refresh_from_db()
    assert concern.revision == 1


def test_a_note_and_a_status_sent_together_save_neither_and_keep_the_note(client):
    me = officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")
    concern = make_concern()
    client.force_login(me)
    posted = {"update": "", "status": "closed", "revision": 0, "note": "", "text": "Phoned his bank"}
    response = client.post(concern.get_absolute_url(), posted)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Add the note and save the status one at a time" in html
    assert "Phoned his bank</textarea>" in html  # what was typed is not lost
    concern.refresh_from_db()
    assert concern.status == Concern.Status.NEW and not concern.notes.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 5001, "A note must be 5,000 characters or fewer"),
        ("Phoned\x00", "A note has a hidden character"),
    ],
)
def test_a_bad_note_gets_a_plain_english_error(client, text, message):
    me = officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")
    concern = make_concern()
    client.force_login(me)
    response = client.post(concern.get_absolute_url(), {"note": "", "text": text})
    assert response.status_code == 400
    assert [m for target, m in error_summary(response) if target == "id_text"][0].startswith(message)
    assert not concern.notes.exists()


def test_a_note_counts_line_breaks_once_and_keeps_them(client):
    me = officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")
    concern = make_concern()
    client.force_login(me)
    typed = "\r\n".join(["x" * 99] * 50)  # 4,999 characters as the counter shows them
    assert client.post(concern.get_absolute_url(), {"note": "", "text": typed}).status_code == 302
    assert concern.notes.get().text == typed.replace("\r\n", "\n")


def test_the_too_long_message_names_the_field_in_plain_words(client):
    response = client.post(URL, answers(adult_name="C" * 201, reporter_name="S" * 201))
    found = dict(error_summary(response))
    assert found["id_adult_name"] == "The person’s name must be 200 characters or fewer"
    assert found["id_reporter_name"] == "Your name must be 200 characters or fewer"


def test_the_same_form_sent_twice_saves_one_concern_and_one_email(client, mailoutbox):
    officer(User.OfficerRole.SAFEGUARDING)
    html = client.get(URL).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    first = client.post(URL, answers(form_token=token))
    second = client.post(URL, answers(form_token=token))  # the double click
    assert first.status_code == second.status_code == 302
    assert Concern.objects.count() == 1 and len(mailoutbox) == 1
    reference = Concern.objects.get().reference
    assert reference in client.get(second["Location"]).content.decode()
    # Sent a third time after the reference was shown: still one concern, and no reference.
    third = client.post(URL, answers(form_token=token))
    assert third.status_code == 200 and "Concern sent" in third.content.decode()
    assert reference not in third.content.decode()
    assert Concern.objects.count() == 1 and len(mailoutbox) == 1
    # A new form (a new token) sends a new concern.
    assert client.post(URL, answers(form_token="b" * 32)).status_code == 302
    assert Concern.objects.count() == 2


def test_a_form_shown_again_with_errors_keeps_its_token(client):
    token = "a" * 32
    html = client.post(URL, answers(what_happened="", form_token=token)).content.decode()
    assert f'name="form_token" value="{token}"' in html
    html = client.post(URL, answers(what_happened="", form_token="<bad>")).content.decode()
    assert "&lt;bad&gt;" not in html and "<bad>" not in html


def test_the_reference_is_shown_once_then_forgotten(client):
    response = client.post(URL, answers())
    reference = Concern.objects.get().reference
    assert reference in client.get(response["Location"]).content.decode()
    again = client.get(response["Location"])
    assert again.status_code == 302 and again["Location"] == URL
    assert reference not in str(dict(client.session))


def test_stale_rate_limit_rows_are_deleted_when_an_officer_opens_the_queue(client):
    from safeguarding.models import ConcernSubmission

    old = ConcernSubmission.objects.create(ip_key="x", at=timezone.now() - datetime.timedelta(days=2))
    recent = ConcernSubmission.objects.create(ip_key="y", at=timezone.now() - datetime.timedelta(hours=2))
    client.force_login(officer(User.OfficerRole.SAFEGUARDING))
    assert client.get(reverse("council_concerns:queue")).status_code == 200
    assert list(ConcernSubmission.objects.all()) == [recent]
    assert not ConcernSubmission.objects.filter(pk=old.pk).exists()


def test_queue_appearances_are_one_line_per_officer_with_a_count(client):
    me = officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")
    lee = officer(User.OfficerRole.SAFEGUARDING, full_name="Lee Colleague")
    concern = make_concern()
    start = timezone.now() - datetime.timedelta(days=10)
    ConcernView.objects.bulk_create(
        ConcernView(
            concern=concern, user=me, action=ConcernView.Action.LISTED, at=start + datetime.timedelta(days=i)
        )
        for i in range(7)
    )
    ConcernView.objects.create(concern=concern, user=lee, action=ConcernView.Action.LISTED, at=start)
    client.force_login(me)
    html = client.get(concern.get_absolute_url()).content.decode()
    queue_log = (
        html.split("Saw it in the queue</caption>", 1)[1].split("</tbody>", 1)[0].split("<tbody", 1)[1]
    )
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", queue_log, re.S)
    assert len(rows) == 2
    assert "Dana Officer" in rows[0] and ">7<" in rows[0]
    assert "Lee Colleague" in rows[1] and ">1<" in rows[1]
    assert (
        "Saw it in the queue" not in html.split("Opened or changed it</caption>", 1)[1].split("</table>")[0]
    )
