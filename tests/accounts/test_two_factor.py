"""Two-factor authentication: a code from an authenticator app after the password, required for
staff when STAFF_TWO_FACTOR_REQUIRED is on, and open to anyone who wants it."""

import re
import time

import pytest
from django.urls import reverse

from accounts import totp
from accounts.models import RecoveryCode, SignInAttempt, TwoFactor, User
from accounts.services import recovery_codes_replace
from accounts.sign_in import PENDING, VERIFIED
from tests.factories import PASSWORD, UserFactory

from .helpers import (
    CODE,
    RECOVERY,
    SET_UP,
    assert_gov_uk_error,
    assert_one_h1,
    code_now,
    sign_in,
    signed_in_user_id,
    turn_on_two_factor,
    wrong_code,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


def officer(**kwargs):
    return UserFactory(email="officer@example.org", role=User.Role.COUNCIL_OFFICER, **kwargs)


def secret_on_page(html: str) -> str:
    """The key as the page shows it, in groups of four."""
    return re.search(r"<code>([A-Z2-7 ]+)</code>", html).group(1).replace(" ", "")


def recovery_codes_on_page(html: str) -> list[str]:
    return re.findall(r"<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>", html)


# --- Signing in with a code ---------------------------------------------------------------------
def test_the_code_is_asked_for_before_anyone_is_signed_in(client):
    user = UserFactory(email="jo@example.org")
    two_factor = turn_on_two_factor(user)

    response = sign_in(client, "jo@example.org", PASSWORD)
    assert response["Location"] == CODE
    assert signed_in_user_id(client) is None
    assert client.session[PENDING]["user"] == str(user.pk)
    assert client.get("/account/").status_code == 302

    page = client.get(CODE)
    html = page.content.decode()
    assert page.status_code == 200
    assert_one_h1(html)
    assert "Enter the code from your authenticator app" in html
    field = re.search(r"<input[^>]*name=\"code\"[^>]*>", html).group(0)
    assert 'autocomplete="one-time-code"' in field
    assert 'inputmode="numeric"' in field
    assert 'id="id_code"' in field
    assert re.search(r'<label for="id_code" class="govuk-label">\s*6-digit code', html)

    response = client.post(CODE, {"code": code_now(two_factor.secret)})
    assert response["Location"] == reverse("accounts:home")
    assert signed_in_user_id(client) == user.pk
    assert client.session[VERIFIED] is True
    assert PENDING not in client.session
    assert SignInAttempt.objects.filter(stage="code", result="succeeded").count() == 1


def test_the_code_page_keeps_where_the_person_was_going(client):
    user = UserFactory(email="jo@example.org")
    two_factor = turn_on_two_factor(user)
    client.post("/account/sign-in/", {"username": user.email, "password": PASSWORD, "next": "/people/"})
    response = client.post(CODE, {"code": code_now(two_factor.secret)})
    assert response["Location"] == "/people/"


def test_a_code_with_spaces_as_apps_show_it_works(client):
    user = UserFactory(email="jo@example.org")
    two_factor = turn_on_two_factor(user)
    sign_in(client, user.email, PASSWORD)
    code = code_now(two_factor.secret)
    client.post(CODE, {"code": f"{code[:3]} {code[3:]}"})
    assert signed_in_user_id(client) == user.pk


def test_a_wrong_code_gives_a_gov_uk_error(client):
    user = UserFactory(email="jo@example.org")
    two_factor = turn_on_two_factor(user)
    sign_in(client, user.email, PASSWORD)

    response = client.post(CODE, {"code": wrong_code(two_factor.secret)})
    assert response.status_code == 200
    assert_gov_uk_error(
        response.content.decode(),
        "That code did not work. Enter the newest code from your authenticator app",
        "id_code",
    )
    assert signed_in_user_id(client) is None

    blank = client.post(CODE, {"code": ""})
    assert_gov_uk_error(
        blank.content.decode(), "Enter the 6-digit code from your authenticator app", "id_code"
    )
    letters = client.post(CODE, {"code": "12ab56"})
    assert_gov_uk_error(
        letters.content.decode(), "Enter the 6 numbers from your authenticator app, like 123456", "id_code"
    )
    assert SignInAttempt.objects.filter(stage="code", result="failed").count() == 1  # blanks are not guesses


def test_a_code_cannot_be_used_twice(client):
    user = UserFactory(email="jo@example.org")
    two_factor = turn_on_two_factor(user)
    code = code_now(two_factor.secret)
    sign_in(client, user.email, PASSWORD)
    client.post(CODE, {"code": code})
    assert signed_in_user_id(client) == user.pk
    client.post("/account/sign-out/")

    sign_in(client, user.email, PASSWORD)
    response = client.post(CODE, {"code": code})
    assert_gov_uk_error(
        response.content.decode(),
        "That code has already been used. Wait for your app to show a new code, then enter it",
        "id_code",
    )
    assert signed_in_user_id(client) is None

    client.post(CODE, {"code": code_now(two_factor.secret, steps_ahead=1)})  # the app's next code
    assert signed_in_user_id(client) == user.pk
    two_factor.refresh_from_db()
    assert two_factor.last_used_step == totp.step_at(time.time()) + 1


def test_wrong_codes_count_towards_the_sign_in_limit(client):
    user = UserFactory(email="jo@example.org")
    two_factor = turn_on_two_factor(user)
    sign_in(client, user.email, PASSWORD)
    for _ in range(5):
        client.post(CODE, {"code": wrong_code(two_factor.secret)})

    response = client.post(CODE, {"code": code_now(two_factor.secret)})
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert_gov_uk_error(
        response.content.decode(),
        "Too many attempts to sign in. Wait 15 minutes and try again, or phone 0121 303 1234.",
        "id_code",
    )
    assert signed_in_user_id(client) is None
    assert sign_in(client, user.email, PASSWORD).status_code == 429  # the password too


def test_the_code_page_needs_a_right_password_first(client):
    response = client.get(CODE)
    assert response["Location"] == "/account/sign-in/"
    assert client.post(CODE, {"code": "123456"})["Location"] == "/account/sign-in/"


def test_the_half_signed_in_state_runs_out(client):
    user = UserFactory(email="jo@example.org")
    two_factor = turn_on_two_factor(user)
    sign_in(client, user.email, PASSWORD)
    session = client.session
    session[PENDING]["until"] = time.time() - 1
    session.save()
    response = client.post(CODE, {"code": code_now(two_factor.secret)})
    assert response["Location"] == "/account/sign-in/"
    assert signed_in_user_id(client) is None


# --- Recovery codes -----------------------------------------------------------------------------
def test_a_recovery_code_works_once(client):
    user = UserFactory(email="jo@example.org")
    two_factor = turn_on_two_factor(user)
    codes = recovery_codes_replace(two_factor=two_factor)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = repr(list(RecoveryCode.objects.values()))
    assert not any(code.replace("-", "") in stored or code in stored for code in codes)

    sign_in(client, user.email, PASSWORD)
    page = client.get(RECOVERY).content.decode()
    assert_one_h1(page)
    assert 'autocomplete="one-time-code"' in page
    response = client.post(RECOVERY, {"recovery_code": codes[0].upper()})
    assert response["Location"] == reverse("accounts:home")
    assert signed_in_user_id(client) == user.pk
    client.post("/account/sign-out/")

    sign_in(client, user.email, PASSWORD)
    response = client.post(RECOVERY, {"recovery_code": codes[0]})
    assert response.status_code == 200
    assert_gov_uk_error(
        response.content.decode(),
        "That recovery code did not work. Check it, or try another one. Each code works once",
        "id_recovery_code",
    )
    assert signed_in_user_id(client) is None
    client.post(RECOVERY, {"recovery_code": codes[1]})
    assert signed_in_user_id(client) == user.pk
    assert RecoveryCode.objects.filter(used_at__isnull=False).count() == 2


def test_new_recovery_codes_replace_the_old_ones(client):
    user = UserFactory(email="jo@example.org")
    two_factor = turn_on_two_factor(user)
    old = recovery_codes_replace(two_factor=two_factor)
    client.force_login(user)

    response = client.post("/account/two-factor/recovery-codes/")
    new = recovery_codes_on_page(response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert "no-store" in response["Cache-Control"]
    client.post("/account/sign-out/")

    sign_in(client, user.email, PASSWORD)
    assert client.post(RECOVERY, {"recovery_code": old[0]}).status_code == 200
    assert signed_in_user_id(client) is None
    client.post(RECOVERY, {"recovery_code": new[0]})
    assert signed_in_user_id(client) == user.pk


# --- Required for staff -------------------------------------------------------------------------
@pytest.mark.usefixtures("required")
def test_staff_must_set_up_two_factor_before_reaching_the_council_pages(client):
    user = officer()

    response = sign_in(client, user.email, PASSWORD)
    assert response["Location"] == SET_UP
    assert signed_in_user_id(client) is None
    assert client.get("/council/")["Location"].startswith("/account/sign-in/")

    page = client.get(SET_UP)
    html = page.content.decode()
    assert page.status_code == 200
    assert_one_h1(html)
    assert "Because you work with people" in html
    secret = secret_on_page(html)
    pending = TwoFactor.objects.get(user=user)
    assert secret == pending.secret and pending.confirmed_at is None
    assert f"otpauth://totp/Daywell%3Aofficer%40example.org?secret={secret}" in html
    assert '<svg role="img" aria-label="QR code' in html
    assert 'inputmode="numeric"' in html and 'autocomplete="one-time-code"' in html

    wrong = client.post(SET_UP, {"code": wrong_code(secret)})
    assert_gov_uk_error(
        wrong.content.decode(),
        "That code did not work. Enter the newest code from your authenticator app",
        "id_code",
    )
    assert signed_in_user_id(client) is None

    done = client.post(SET_UP, {"code": code_now(secret)})
    html = done.content.decode()
    assert done.status_code == 200
    assert_one_h1(html)
    assert "Two-factor authentication is on" in html
    codes = recovery_codes_on_page(html)
    assert len(codes) == 10
    assert f'href="{reverse("accounts:home")}"' in html
    assert signed_in_user_id(client) == user.pk
    assert client.get("/council/").status_code == 200

    pending.refresh_from_db()
    assert pending.confirmed_at is not None
    assert RecoveryCode.objects.filter(two_factor=pending).count() == 10


@pytest.mark.usefixtures("required")
def test_staff_with_two_factor_give_a_code_then_reach_the_council_pages(client):
    user = officer()
    two_factor = turn_on_two_factor(user)
    assert sign_in(client, user.email, PASSWORD)["Location"] == CODE
    assert client.get("/council/")["Location"].startswith("/account/sign-in/")
    client.post(CODE, {"code": code_now(two_factor.secret)})
    assert client.get("/council/").status_code == 200


@pytest.mark.parametrize(
    "fields",
    [{"role": User.Role.SOCIAL_WORKER}, {"role": User.Role.PROVIDER, "is_staff": True}],
    ids=["social worker", "admin user"],
)
@pytest.mark.usefixtures("required")
def test_other_staff_must_set_it_up_too(client, fields):
    user = UserFactory(**fields)
    assert sign_in(client, user.email, PASSWORD)["Location"] == SET_UP


@pytest.mark.usefixtures("required")
def test_citizens_carers_and_providers_are_not_asked(client):
    for role in (User.Role.CITIZEN, User.Role.CARER, User.Role.PROVIDER):
        user = UserFactory(role=role)
        assert sign_in(client, user.email, PASSWORD)["Location"] == reverse("accounts:home")
        assert signed_in_user_id(client) == user.pk
        client.post("/account/sign-out/")


def test_staff_are_not_asked_while_the_setting_is_off(client):
    user = officer()
    assert sign_in(client, user.email, PASSWORD)["Location"] == reverse("accounts:home")
    assert client.get("/council/").status_code == 200


def test_a_session_from_before_the_setting_was_turned_on_must_sign_in_again(client, settings):
    user = officer()
    client.force_login(user)
    assert client.get("/council/").status_code == 200

    settings.STAFF_TWO_FACTOR_REQUIRED = True
    response = client.get("/council/")
    assert response["Location"] == "/account/sign-in/?next=/council/"
    assert signed_in_user_id(client) is None


@pytest.mark.usefixtures("required")
def test_staff_cannot_turn_it_off_while_it_is_required(client):
    user = officer()
    two_factor = turn_on_two_factor(user)
    sign_in(client, user.email, PASSWORD)
    client.post(CODE, {"code": code_now(two_factor.secret)})

    page = client.get("/account/two-factor/").content.decode()
    assert "You cannot turn it off" in page
    assert reverse("accounts:two-factor-turn-off") not in page
    assert client.get("/account/two-factor/turn-off/").status_code == 403
    assert client.post("/account/two-factor/turn-off/", {"password": PASSWORD}).status_code == 403
    assert TwoFactor.objects.filter(user=user).exists()


# --- Anyone may turn it on, and off -------------------------------------------------------------
def test_a_citizen_turns_it_on_then_is_asked_for_a_code(client):
    user = UserFactory(email="jo@example.org")
    client.force_login(user)
    page = client.get("/account/two-factor/").content.decode()
    assert_one_h1(page)
    assert "Two-factor authentication is <strong>off</strong>" in page
    assert f'href="{SET_UP}"' in page

    secret = secret_on_page(client.get(SET_UP).content.decode())
    assert secret_on_page(client.get(SET_UP).content.decode()) == secret  # a reload keeps the key
    done = client.post(SET_UP, {"code": code_now(secret)})
    assert len(recovery_codes_on_page(done.content.decode())) == 10
    assert f'href="{reverse("accounts:two-factor")}"' in done.content.decode()
    page = client.get("/account/two-factor/").content.decode()
    assert "10 of 10" in page
    assert client.get(SET_UP)["Location"] == reverse("accounts:two-factor")  # already on
    client.post("/account/sign-out/")

    assert sign_in(client, user.email, PASSWORD)["Location"] == CODE
    assert signed_in_user_id(client) is None


def test_turned_off_means_no_code_is_asked_for(client):
    user = UserFactory(email="jo@example.org")
    two_factor = turn_on_two_factor(user)
    recovery_codes_replace(two_factor=two_factor)
    sign_in(client, user.email, PASSWORD)
    client.post(CODE, {"code": code_now(two_factor.secret)})

    page = client.get("/account/two-factor/turn-off/").content.decode()
    assert_one_h1(page)
    wrong = client.post("/account/two-factor/turn-off/", {"password": "not-it"})
    assert_gov_uk_error(wrong.content.decode(), "Enter the password you use to sign in", "id_password")
    assert TwoFactor.objects.filter(user=user).exists()

    response = client.post("/account/two-factor/turn-off/", {"password": PASSWORD})
    assert response["Location"] == reverse("accounts:two-factor")
    assert not TwoFactor.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.exists()
    client.post("/account/sign-out/")

    assert sign_in(client, user.email, PASSWORD)["Location"] == reverse("accounts:home")
    assert signed_in_user_id(client) == user.pk


def test_the_two_factor_pages_need_someone_signed_in(client):
    for url in ("/account/two-factor/", "/account/two-factor/turn-off/", SET_UP):
        assert client.get(url)["Location"].startswith("/account/sign-in/?next="), url
    assert client.post("/account/two-factor/recovery-codes/")["Location"].startswith("/account/sign-in/")


def test_the_admin_login_page_sends_people_to_the_one_sign_in_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"] == "/account/sign-in/?next=/admin/"
    client.force_login(UserFactory(role=User.Role.CITIZEN))
    assert client.get("/admin/login/?next=/admin/").status_code == 403  # signed in, but not staff
