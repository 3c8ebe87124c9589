"""What a concern says never leaves the concern pages: not in emails, logs or error reports."""

import logging

import pytest
from django.db import connection
from django.urls import reverse
from django.views.debug import ExceptionReporter

from accounts.models import User
from safeguarding import services
from safeguarding.forms import ConcernForm
from safeguarding.models import Concern
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("concerns:report")
# Words that appear nowhere else, so finding one anywhere means the concern leaked there.
NAME = "Zephaniah Quillfeather"
PLACE = "Gravelly Nook community hall"
WHAT = "Unmistakable-concern-words-7731 about the cupboard"
REPORTER = "Ottoline Brackenbury"
NOTE = "Officer-note-words-5512"
SECRETS = [NAME, PLACE, WHAT, REPORTER, "ottoline@example.org", NOTE]


def answers(**changes) -> dict:
    data = {
        "adult_name": NAME,
        "place": PLACE,
        "what_happened": WHAT,
        "person_knows": "not_sure",
        "contact": "contact",
        "reporter_name": REPORTER,
        "reporter_email": "ottoline@example.org",
    }
    data.update(changes)
    return data


def assert_nothing_leaked(text: str, where: str):
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} appeared in {where}"


@pytest.fixture
def safeguarding_officers():
    return [
        UserFactory(
            role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.SAFEGUARDING], email=email
        )
        for email in ("safe1@example.org", "safe2@example.org")
    ]


@pytest.fixture
def everything_logged(caplog):
    """Every logger at DEBUG, and Django's SQL log on (as with DEBUG on and the "django" logger at
    DEBUG): every query is logged with its values."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False


def test_safeguarding_officers_get_an_email_that_says_nothing_about_the_concern(
    client, mailoutbox, safeguarding_officers
):
    UserFactory(
        role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.MODERATOR], email="mod@example.org"
    )
    UserFactory(
        role=User.Role.COUNCIL_OFFICER,
        officer_roles=[User.OfficerRole.SAFEGUARDING],
        email="gone@example.org",
        is_active=False,
    )
    listing = OpportunityFactory(title="Tapestry circle")
    client.post(f"{URL}?listing={listing.uuid}", answers())
    concern = Concern.objects.get()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert sorted(message.to) == ["safe1@example.org", "safe2@example.org"]
    assert message.subject == "A new concern about an adult"
    assert "A new concern was reported. Sign in to read it:" in message.body
    assert concern.get_absolute_url() in message.body
    for text in (message.subject, message.body):
        assert_nothing_leaked(text, "the email")
        assert "Tapestry circle" not in text
        assert concern.reference not in text


def test_no_log_holds_a_concern_at_any_level(client, everything_logged, safeguarding_officers):
    caplog = everything_logged
    client.get(URL)
    client.post(URL, answers(person_knows=""))  # shown again with an error
    client.post(URL, answers())
    concern = Concern.objects.get()
    client.force_login(safeguarding_officers[0])
    client.get(reverse("council_concerns:queue"))
    client.get(concern.get_absolute_url())
    client.post(concern.get_absolute_url(), {"note": "", "text": NOTE})
    client.post(concern.get_absolute_url(), {"update": "", "status": "in_triage", "revision": 0})
    assert Concern.objects.get().status == "in_triage"  # the update was saved, and logged
    client.get(reverse("council:home"))
    assert any(record.name == "django.db.backends" for record in caplog.records)  # the SQL log was on
    assert_nothing_leaked(caplog.text, "the log")
    for record in caplog.records:
        assert_nothing_leaked(repr(record.__dict__), f"a {record.name} log record")


def _force_a_database_error(monkeypatch):
    """A bug that lets contact details through with an anonymous report: PostgreSQL refuses the row,
    and its error quotes the whole row ("Failing row contains ...")."""
    original = ConcernForm.concern_fields
    monkeypatch.setattr(ConcernForm, "concern_fields", lambda form: {**original(form), "anonymous": True})
    monkeypatch.setattr(services, "CONTACT_FIELDS", ())


def test_a_server_error_puts_no_concern_in_the_log_or_the_error_report(
    client, everything_logged, monkeypatch
):
    caplog = everything_logged
    _force_a_database_error(monkeypatch)
    client.raise_request_exception = False
    response = client.post(URL, answers())
    assert response.status_code == 500
    assert Concern.objects.count() == 0
    errors = [record for record in caplog.records if record.name == "django.request" and record.exc_info]
    assert len(errors) == 1
    assert errors[0].exc_info[0] is services.ConcernNotSaved
    assert_nothing_leaked(caplog.text, "the log")

    # What Django's error emails (AdminEmailHandler) and any error tracker built on its reporter show.
    reporter = ExceptionReporter(errors[0].request, *errors[0].exc_info, is_email=True)
    text, html = reporter.get_traceback_text(), reporter.get_traceback_html()
    assert "ConcernNotSaved" in text
    assert "********************" in text  # the POST and the views' variables are masked
    assert_nothing_leaked(text, "the error report")
    assert_nothing_leaked(html, "the error report (HTML)")


def test_the_views_mark_their_post_data_sensitive(client, rf, safeguarding_officers):
    from safeguarding import views

    request = rf.post(URL, answers())
    request.user = safeguarding_officers[0]
    request.session = client.session
    views.report(request)
    assert request.sensitive_post_parameters == "__ALL__"
    concern = Concern.objects.get()
    request = rf.post(concern.get_absolute_url(), {"note": "", "text": NOTE})
    request.user = safeguarding_officers[0]
    request._messages = type("Messages", (), {"add": lambda *args, **kwargs: None})()
    views.detail(request, concern_uuid=concern.uuid)
    assert request.sensitive_post_parameters == "__ALL__"


def test_concerns_are_not_in_the_admin(client):
    admin = UserFactory(role=User.Role.COUNCIL_OFFICER, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/safeguarding/concern/").status_code == 404
    assert "safeguarding" not in client.get("/admin/").content.decode().lower()


def test_a_concern_prints_as_its_reference_only():
    concern = Concern(what_happened=WHAT, adult_name=NAME, place=PLACE, person_knows="no", anonymous=True)
    assert str(concern) == f"Concern {concern.reference}"
