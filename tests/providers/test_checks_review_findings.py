"""Review findings on the provider checks (issue 7). Each test fails while its defect is there."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from providers import checks as rules
from providers.models import ProviderCheck
from tests.factories import ProviderFactory, UserFactory

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
