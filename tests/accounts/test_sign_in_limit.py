"""Sign-in is limited: too many wrong guesses for one email address, or from one internet address,
and sign-in is refused for a while, even with the right password."""

import datetime
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.db.models import F
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import SignInAttempt
from accounts.services import email_key, sign_in_attempt
from accounts.sign_in import client_ip
from tests.factories import PASSWORD, UserFactory

from .helpers import assert_gov_uk_error, sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many attempts to sign in. Wait 15 minutes and try again, or phone 0121 303 1234."


def fail(client, email, times, **extra):
    for _ in range(times):
        response = sign_in(client, email, "not-the-password", **extra)
        assert response.status_code == 200
        assert "Enter a correct email address and password" in response.content.decode()


def pass_the_window():
    SignInAttempt.objects.update(attempted_at=F("attempted_at") - datetime.timedelta(minutes=16))


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client):
    user = UserFactory(email="jo@example.org")
    fail(client, "jo@example.org", 5)

    response = sign_in(client, "jo@example.org", PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert_gov_uk_error(response.content.decode(), TOO_MANY, "id_username", by_field=False)
    assert signed_in_user_id(client) is None
    assert client.get("/account/").status_code == 302  # still asked to sign in
    assert SignInAttempt.objects.filter(result=SignInAttempt.Result.REFUSED).count() == 1
    user.refresh_from_db()
    assert user.last_login is None


def test_the_limit_ignores_the_case_of_the_email_address(client):
    UserFactory(email="jo@example.org")
    fail(client, "Jo@Example.org", 3)
    fail(client, "jo@example.org", 2)
    assert sign_in(client, "JO@EXAMPLE.ORG", PASSWORD).status_code == 429


def test_another_email_address_can_still_sign_in(client):
    UserFactory(email="jo@example.org")
    other = UserFactory(email="sam@example.org")
    fail(client, "jo@example.org", 5)

    response = sign_in(client, "sam@example.org", PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(client) == other.pk


def test_sign_in_works_again_once_the_window_has_passed(client):
    user = UserFactory(email="jo@example.org")
    fail(client, "jo@example.org", 5)
    assert sign_in(client, "jo@example.org", PASSWORD).status_code == 429

    pass_the_window()
    response = sign_in(client, "jo@example.org", PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(client) == user.pk


def test_the_window_slides_so_only_recent_failures_count(client):
    UserFactory(email="jo@example.org")
    fail(client, "jo@example.org", 4)
    pass_the_window()
    fail(client, "jo@example.org", 4)  # 8 failures today, 4 in the last 15 minutes
    assert sign_in(client, "jo@example.org", PASSWORD).status_code == 302


def test_a_right_password_does_not_wipe_out_earlier_failures(client):
    UserFactory(email="jo@example.org")
    fail(client, "jo@example.org", 4)
    assert sign_in(client, "jo@example.org", PASSWORD).status_code == 302
    client.post("/account/sign-out/")
    fail(client, "jo@example.org", 1)
    assert sign_in(client, "jo@example.org", PASSWORD).status_code == 429
    assert SignInAttempt.objects.filter(result=SignInAttempt.Result.SUCCEEDED).count() == 1


def test_unknown_addresses_are_limited_like_real_ones(client):
    fail(client, "nobody@example.org", 5)
    response = sign_in(client, "nobody@example.org", "anything")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()


def test_too_many_failures_from_one_address_stop_every_email_from_it(client, settings):
    settings.SIGN_IN_MAX_FAILURES_PER_IP = 6
    user = UserFactory(email="jo@example.org")
    for number in range(6):
        fail(client, f"guess{number}@example.org", 1, REMOTE_ADDR="203.0.113.9")

    refused = sign_in(client, "jo@example.org", PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert TOO_MANY in refused.content.decode()

    elsewhere = sign_in(client, "jo@example.org", PASSWORD, REMOTE_ADDR="198.51.100.20")
    assert elsewhere.status_code == 302
    assert signed_in_user_id(client) == user.pk


def test_the_limits_come_from_settings(client, settings):
    settings.SIGN_IN_MAX_FAILURES = 2
    settings.SIGN_IN_LOCK_MINUTES = 60
    UserFactory(email="jo@example.org")
    fail(client, "jo@example.org", 2)
    pass_the_window()  # 16 minutes is not an hour
    response = sign_in(client, "jo@example.org", PASSWORD)
    assert response.status_code == 429
    assert "Wait 60 minutes" in response.content.decode()


def test_what_is_stored_holds_no_email_address_or_password(client):
    UserFactory(email="jo.bloggs@example.org")
    sign_in(client, "Jo.Bloggs@Example.org", "my-secret-guess")
    sign_in(client, "jo.bloggs@example.org", PASSWORD)

    rows = list(SignInAttempt.objects.values())
    assert len(rows) == 2
    stored = repr(rows).lower()
    for secret in ("jo.bloggs", "example.org", "my-secret-guess", PASSWORD):
        assert secret not in stored
    assert {row["email_key"] for row in rows} == {email_key("jo.bloggs@example.org")}
    assert len(rows[0]["email_key"]) == 64
    assert {row["ip"] for row in rows} == {"127.0.0.1"}
    assert {row["result"] for row in rows} == {"failed", "succeeded"}


def test_attempts_older_than_a_day_are_deleted(client):
    UserFactory(email="jo@example.org")
    fail(client, "jo@example.org", 2)
    SignInAttempt.objects.update(attempted_at=timezone.now() - datetime.timedelta(hours=25))
    fail(client, "jo@example.org", 1)
    assert SignInAttempt.objects.count() == 1


def test_missing_fields_are_not_counted_as_attempts(client):
    response = client.post("/account/sign-in/", {"username": "", "password": ""})
    html = response.content.decode()
    assert_gov_uk_error(html, "Enter your email address", "id_username")
    assert_gov_uk_error(html, "Enter your password", "id_password")
    assert "Enter your password" in html
    assert not SignInAttempt.objects.exists()


def test_the_client_address_behind_trusted_proxies(settings):
    factory = RequestFactory()
    spoofed = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(spoofed) == "10.0.0.5"  # no proxies trusted: the header is ignored
    settings.SIGN_IN_TRUSTED_PROXIES = 1
    assert client_ip(spoofed) == "198.51.100.7"  # what our proxy saw, not what the client claimed
    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.5")) == "10.0.0.5"
    ipv6 = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="2001:db8:1:2:3:4:5:6")
    assert client_ip(ipv6) == "2001:db8:1:2::"
    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="nonsense")) is None


def test_guesses_sent_at_the_same_time_get_no_more_tries():
    """Eight slow wrong guesses at once, each on its own database connection (as on separate app
    servers): five are checked and three refused, as if they had been sent one by one."""
    email = "parallel-guesses@example.org"

    def in_a_thread(work):
        try:
            return work()
        finally:
            connection.close()

    def guess(_):
        return in_a_thread(
            lambda: sign_in_attempt(
                email=email, ip=None, stage=SignInAttempt.Stage.PASSWORD, check=lambda: time.sleep(0.2)
            )
        )

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(guess, range(8)))
    finally:  # the threads' rows are committed, outside this test's transaction
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(in_a_thread, SignInAttempt.objects.filter(email_key=email_key(email)).delete).result()
    assert sorted(results) == ["failed"] * 5 + ["refused"] * 3
