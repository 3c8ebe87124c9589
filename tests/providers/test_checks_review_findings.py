"""Review findings on the provider checks (issue 7). Each test fails while its defect is there."""

import datetime
import re
from unittest import mock

import pytest
from django.urls import reverse

from accounts.models import User
from opportunities.models import Feature
from providers import checks as rules
from providers.models import ProviderCheck, ProviderCheckReminder
from tests.factories import OpportunityFactory, ProviderFactory, ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = ProviderCheck.Kind
Outcome = ProviderCheck.Outcome
DAY = datetime.timedelta(days=1)


def today():
    return datetime.date.today()


def check(provider, kind, outcome=Outcome.PASSED, *, on=None, expires=None, note="", **extra):
    on = on or today() - 10 * DAY
    if expires is None and outcome == Outcome.PASSED and kind in rules.EXPIRING_KINDS:
        expires = today() + 300 * DAY
    if outcome == Outcome.FAILED and not note:
        note = "Not good enough"
    return ProviderCheck.objects.create(
        provider=provider, kind=kind, outcome=outcome, checked_on=on, expires_on=expires, note=note, **extra
    )


def all_passed(provider, *, on=None, cqc=Outcome.NOT_NEEDED):
    for kind in rules.STANDARDS:
        check(provider, kind, cqc if kind == Kind.CQC else Outcome.PASSED, on=on)


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def moderator(client):
    officer = UserFactory(role=User.Role.COUNCIL_OFFICER, full_name="Grace Adeyemi")
    client.force_login(officer)
    return officer


def record_url(provider, kind="insurance"):
    return reverse("council_checks:record", args=[provider.uuid, kind])


def insurance_data(**changes):
    data = {
        "outcome": "passed",
        **date_fields("checked_on", today() - 2 * DAY),
        **date_fields("expires_on", today() + 365 * DAY),
        "reference": "Midlands Mutual PL-1234",
        "note": "",
    }
    data.update(changes)
    return data


# --- Bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "changes",
    [
        {"expires_on_0": "99999999999999999999"},  # an enormous day
        {"expires_on_1": "99999999999999999999"},  # an enormous month
    ],
)
def test_an_enormous_day_or_month_in_the_expiry_date_is_an_error_not_a_500(client, moderator, changes):
    """council/forms.py CheckDateField.clean: the future-date path calls datetime.date() on any decimal
    day and month and catches only ValueError; an over-long number raises OverflowError (a 500)."""
    provider = ProviderFactory()
    client.raise_request_exception = False
    response = client.post(record_url(provider), insurance_data(**changes))
    assert response.status_code == 200
    assert "The date the insurance runs out must be a real date" in response.content.decode()
    assert not ProviderCheck.objects.exists()


def test_a_nul_byte_in_the_list_search_is_not_a_500(client, moderator):
    """council/checks.py check_list: `q` goes straight into name__icontains; PostgreSQL refuses NUL."""
    ProviderFactory(name="Moseley Growers")
    client.raise_request_exception = False
    response = client.get(reverse("council_checks:list"), {"q": "Mose\x00ley"})
    assert response.status_code in (200, 400)


def test_a_failed_insurance_check_needs_no_expiry_date(client, moderator):
    """council/forms.py: the expiry date is "Needed when it passed", but GdsDateField.clean raises
    "Enter the date the insurance runs out" on three empty boxes whatever `required` says, so a failed
    insurance or DBS check cannot be recorded without making up an expiry date."""
    provider = ProviderFactory()
    data = insurance_data(
        outcome="failed", note="No certificate", expires_on_0="", expires_on_1="", expires_on_2=""
    )
    response = client.post(record_url(provider), data)
    errors = re.findall(r'<li><a href="#[^"]+">([^<]*)</a>', response.content.decode())
    assert response.status_code == 302, errors
    made = ProviderCheck.objects.get()
    assert (made.outcome, made.expires_on) == (Outcome.FAILED, None)


def test_an_expiry_date_thousands_of_years_away_is_refused(client, moderator):
    """council/forms.py CheckDateField: any future date is let through, so a mistyped year (9999 for
    2029) gives a badge that never runs out and a check that is never reminded."""
    provider = ProviderFactory()
    data = insurance_data(**date_fields("expires_on", datetime.date(9999, 12, 31)))
    response = client.post(record_url(provider), data)
    assert response.status_code == 200
    assert not ProviderCheck.objects.exists()


# --- The badge showing when it should not --------------------------------------------------------
def test_recording_a_failed_check_dated_before_the_latest_one_takes_the_badge_away_or_is_refused(
    client, moderator
):
    """providers/checks.py latest_by_kind / ProviderCheck.latest_per_kind: the check with the latest
    *date* counts, not the one recorded last. The record page says "Recording a new check keeps the old
    one in the history; the new one counts" and the success message says "Failed is recorded", yet a
    failure dated a day before the current pass leaves the "Council checked" badge on the listings."""
    listing = OpportunityFactory()
    provider = listing.provider
    all_passed(provider, on=today() - 5 * DAY)
    assert rules.provider_standing(provider).is_council_checked
    data = insurance_data(
        outcome="failed", note="The policy was cancelled", **date_fields("checked_on", today() - 6 * DAY)
    )
    response = client.post(record_url(provider), data)
    refused = response.status_code == 200 and "There is a problem" in response.content.decode()
    assert refused or not rules.provider_standing(provider).is_council_checked
    if not refused:
        assert "Council checked</strong> on" not in client.get(listing.get_absolute_url()).content.decode()


def test_cqc_cannot_be_marked_not_needed_for_a_provider_whose_listings_say_they_give_personal_care(
    client, moderator
):
    """council/forms.py ProviderCheckForm / providers/checks.py check_met: "CQC registration ... where
    personal care is given". The provider page only hints that listings say personal care; the form takes
    "Not needed" anyway and the provider becomes council checked without any CQC registration."""
    listing = OpportunityFactory()
    listing.features.add(Feature.objects.get(slug="personal-care"))
    provider = listing.provider
    for kind in rules.STANDARDS:
        if kind != Kind.CQC:
            check(provider, kind)
    data = {"outcome": "not_needed", **date_fields("checked_on", today())}
    response = client.post(record_url(provider, "cqc"), data)
    refused = response.status_code == 200 and "There is a problem" in response.content.decode()
    assert refused or not rules.provider_standing(provider).is_council_checked


def test_checks_cannot_be_deleted_in_the_django_admin(client):
    """providers/admin.py ProviderCheckAdmin is "Read only" but keeps Django's delete permission: a
    superuser can delete a failed check, losing the history and leaving ProviderCheckStanding (the badge
    on search result cards) out of step with the checks."""
    provider = ProviderFactory()
    failed = check(provider, Kind.SAFEGUARDING_POLICY, Outcome.FAILED)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(reverse("admin:providers_providercheck_delete", args=[failed.pk]), {"post": "yes"})
    assert ProviderCheck.objects.filter(pk=failed.pk).exists(), response
    assert response.status_code == 403


# --- Reminders --------------------------------------------------------------------------------------
def test_a_reminder_the_mail_server_refused_is_sent_on_the_next_run(settings, mailoutbox):
    """providers/checks.py _reminder_send: the reminder row is committed before the email is sent, and
    email_send logs and swallows a mail server failure; so when the server is down on the day, every
    reminder is marked sent, the command says "Sent 1 reminder" and exits 0, and none is ever sent."""
    settings.COUNCIL_REVIEW_EMAIL = "day-opportunities@council.example"
    membership = ProviderMembershipFactory(user__email="owner@example.org")
    check(membership.provider, Kind.INSURANCE, on=today() - 300 * DAY, expires=today() + 10 * DAY)
    with mock.patch("daywell.notify.send_mail", side_effect=ConnectionRefusedError("SMTP down")):
        first = rules.check_reminders_send(today=today())
    assert mailoutbox == []
    second = rules.check_reminders_send(today=today() + DAY)
    sent_to = {address for message in mailoutbox for address in message.to}
    assert "owner@example.org" in sent_to, (first, second)
    assert ProviderCheckReminder.objects.count() == 1


# --- More bad input ------------------------------------------------------------------------------
def test_a_passed_check_that_has_already_run_out_is_refused(client, moderator):
    """council/forms.py ProviderCheckForm.clean only asks that the expiry be after the date of the check,
    so "Passed" with insurance that ran out yesterday is recorded ("Passed is recorded"), the provider is
    at once "Expired", and the next reminder run emails the provider that its check has run out."""
    provider = ProviderFactory()
    data = insurance_data(
        **date_fields("checked_on", today() - 60 * DAY), **date_fields("expires_on", today() - DAY)
    )
    response = client.post(record_url(provider), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not ProviderCheck.objects.exists()
