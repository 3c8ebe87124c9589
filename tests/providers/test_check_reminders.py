"""Reminders of insurance and DBS checks that run out: once before, once after, never twice."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from providers.checks import check_reminders_send
from providers.models import ProviderCheck, ProviderCheckReminder
from tests.factories import ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = ProviderCheck.Kind
TODAY = datetime.date(2026, 5, 1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def provider(settings):
    settings.COUNCIL_REVIEW_EMAIL = "day-opportunities@council.example"
    membership = ProviderMembershipFactory(user__email="owner@example.org", provider__name="Moseley Growers",
                                           provider__email="hello@moseley.example")  # fmt: skip
    UserFactory(role=User.Role.COUNCIL_OFFICER, email="officer@example.org")
    return membership.provider


def insurance(
    provider, expires, *, on=TODAY - 300 * DAY, outcome=ProviderCheck.Outcome.PASSED, kind=Kind.INSURANCE
):
    return ProviderCheck.objects.create(
        provider=provider, kind=kind, outcome=outcome, checked_on=on,
        expires_on=expires if outcome == ProviderCheck.Outcome.PASSED else None,
        note="" if outcome == ProviderCheck.Outcome.PASSED else "Out of date",
    )  # fmt: skip


def test_a_check_running_out_within_30_days_reminds_the_provider_and_the_council_once(provider, mailoutbox):
    insurance(provider, TODAY + 30 * DAY)
    assert check_reminders_send(today=TODAY) == {"expiring": 1, "lapsed": 0, "failed": 0}
    to_provider, to_council = mailoutbox
    assert sorted(to_provider.to) == ["hello@moseley.example", "owner@example.org"]
    assert to_provider.subject == (
        "The council's check of your public liability insurance runs out on 31 May 2026: Moseley Growers"
    )
    assert "new insurance certificate" in to_provider.body
    assert "/council-checked/" in to_provider.body
    assert sorted(to_council.to) == ["day-opportunities@council.example", "officer@example.org"]
    assert "day-opportunities@council.example" in to_provider.body
    assert f"/council/checks/{provider.uuid}/" in to_council.body
    assert check_reminders_send(today=TODAY) == {"expiring": 0, "lapsed": 0, "failed": 0}
    assert check_reminders_send(today=TODAY + 10 * DAY)["expiring"] == 0
    assert len(mailoutbox) == 2


def test_a_check_running_out_in_31_days_waits(provider, mailoutbox):
    insurance(provider, TODAY + 31 * DAY)
    assert check_reminders_send(today=TODAY)["expiring"] == 0
    assert mailoutbox == []
    assert check_reminders_send(today=TODAY + DAY)["expiring"] == 1


def test_once_more_when_it_has_run_out(provider, mailoutbox):
    check = insurance(provider, TODAY + 5 * DAY, kind=Kind.DBS)
    check_reminders_send(today=TODAY)
    assert check_reminders_send(today=TODAY + 5 * DAY) == {"expiring": 0, "lapsed": 0, "failed": 0}
    assert check_reminders_send(today=TODAY + 6 * DAY) == {"expiring": 0, "lapsed": 1, "failed": 0}
    assert check_reminders_send(today=TODAY + 60 * DAY)["lapsed"] == 0
    assert len(mailoutbox) == 4
    assert (
        mailoutbox[2].subject
        == "The council's check of your DBS checks for staff has run out: Moseley Growers"
    )
    assert 'do not show the "Council checked" badge' in mailoutbox[2].body
    assert sorted(check.reminders.values_list("kind", flat=True)) == ["expiring", "lapsed"]


def test_a_check_made_again_stops_the_reminders(provider, mailoutbox):
    old = insurance(provider, TODAY + 5 * DAY)
    insurance(provider, TODAY + 365 * DAY, on=TODAY - DAY)
    assert check_reminders_send(today=TODAY + 10 * DAY) == {"expiring": 0, "lapsed": 0, "failed": 0}
    assert not old.reminders.exists() and mailoutbox == []


def test_failed_checks_and_checks_that_do_not_run_out_are_not_reminded(provider, mailoutbox):
    insurance(provider, None, outcome=ProviderCheck.Outcome.FAILED)
    ProviderCheck.objects.create(provider=provider, kind=Kind.COMPLAINTS, outcome="passed",
                                 checked_on=TODAY - 400 * DAY)  # fmt: skip
    assert check_reminders_send(today=TODAY) == {"expiring": 0, "lapsed": 0, "failed": 0}
    assert mailoutbox == []


def test_a_reminder_already_recorded_is_not_sent_again(provider, mailoutbox):
    check = insurance(provider, TODAY + 3 * DAY)
    ProviderCheckReminder.objects.create(provider_check=check, kind="expiring")
    assert check_reminders_send(today=TODAY)["expiring"] == 0
    assert mailoutbox == []


def test_the_command_says_what_it_sent_and_checks_its_date(provider, mailoutbox):
    insurance(provider, datetime.date(2026, 6, 10))
    out = StringIO()
    call_command("send_check_reminders", "--date", "2026-05-20", stdout=out)
    assert out.getvalue().strip() == (
        "Sent 1 reminder of checks running out soon and 0 reminders of checks that have run out."
    )
    call_command("send_check_reminders", "--date", "2026-05-21", stdout=out)
    assert len(mailoutbox) == 2
    with pytest.raises(CommandError, match="--date must be a real date written as YYYY-MM-DD"):
        call_command("send_check_reminders", "--date", "2026-02-30")


def test_when_the_mail_server_is_down_nothing_is_recorded_and_the_command_fails(provider, mailoutbox):
    from unittest import mock

    insurance(provider, datetime.date(2026, 6, 10))
    with (
        mock.patch("daywell.notify.send_mail", side_effect=ConnectionRefusedError("SMTP down")),
        pytest.raises(CommandError, match="Could not send 1 reminder; see the log"),
    ):
        call_command("send_check_reminders", "--date", "2026-05-20", stdout=StringIO())
    assert not ProviderCheckReminder.objects.exists()
    call_command("send_check_reminders", "--date", "2026-05-21", stdout=StringIO())
    assert len(mailoutbox) == 2 and ProviderCheckReminder.objects.count() == 1
