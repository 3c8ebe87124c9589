import re
import time

from django.utils import timezone

from accounts import totp
from accounts.models import TwoFactor

SIGN_IN = "/account/sign-in/"
CODE = "/account/sign-in/code/"
RECOVERY = "/account/sign-in/recovery-code/"
SET_UP = "/account/two-factor/set-up/"


def signed_in_user_id(client):
    return int(client.session["_auth_user_id"]) if "_auth_user_id" in client.session else None


def sign_in(client, email, password, **extra):
    return client.post(SIGN_IN, {"username": email, "password": password}, **extra)


def code_now(secret: str, steps_ahead: int = 0) -> str:
    return totp.totp(totp.secret_bytes(secret), time.time() + steps_ahead * totp.STEP_SECONDS)


def wrong_code(secret: str) -> str:
    """A well-formed code that is not right for any step near now."""
    near = {code_now(secret, steps) for steps in range(-2, 3)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in near)


def turn_on_two_factor(user) -> TwoFactor:
    return TwoFactor.objects.create(user=user, secret=totp.new_secret(), confirmed_at=timezone.now())


def assert_gov_uk_error(html: str, message: str, field_id: str, *, by_field: bool = True):
    """The GOV.UK pattern: 'Error:' in the title, a summary linking to the field, and the message by
    the field (`by_field`; an error about the whole form is in the summary only)."""
    assert "<title>Error: " in html
    summary = re.search(r"govuk-error-summary__list.*?</ul>", html, re.S).group(0)
    assert f'href="#{field_id}"' in summary
    assert message in summary
    assert f'id="{field_id}"' in html
    if by_field:
        assert re.search(
            r'<(?:p|span)[^>]*class="govuk-error-message"[^>]*>.*?' + re.escape(message), html, re.S
        )


def assert_one_h1(html: str):
    assert len(re.findall(r"<h1[\s>]", html)) == 1
