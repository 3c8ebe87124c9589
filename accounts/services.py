"""Writes for signing in: attempts and their limit, and two-factor authentication.

The limit lives in the database, so it holds across every app server and process. While one
attempt for an email address is being checked, other attempts for it wait (a PostgreSQL advisory
lock), so sending many guesses at once gets no more tries than sending them one by one.
"""

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import totp
from .models import RecoveryCode, SignInAttempt, TwoFactor

KEEP_ATTEMPTS = timedelta(days=1)
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: easy to copy from paper.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_LOCK_NAMESPACE = 0x5349474E  # "SIGN": keeps these advisory locks apart from any others


def email_key(email: str) -> str:
    """A keyed SHA-256 of the lower-cased address: the same address always gives the same key, but
    a copy of the table cannot be matched against a list of addresses without the SECRET_KEY."""
    return salted_hmac("accounts.SignInAttempt", email.strip().lower(), algorithm="sha256").hexdigest()


def sign_in_refused(*, key: str, ip: str | None, now: datetime) -> bool:
    """Too many failures for this email address, or from this address, in the last few minutes."""
    since = now - timedelta(minutes=settings.SIGN_IN_LOCK_MINUTES)
    recent = SignInAttempt.objects.filter(result=SignInAttempt.Result.FAILED, attempted_at__gt=since)
    if recent.filter(email_key=key).count() >= settings.SIGN_IN_MAX_FAILURES:
        return True
    return bool(ip) and recent.filter(ip=ip).count() >= settings.SIGN_IN_MAX_FAILURES_PER_IP


def sign_in_attempt(
    *, email: str, ip: str | None, stage: str, check: Callable[[], bool], now: datetime | None = None
) -> str:
    """Run `check` (is the password, or the code, right?) unless sign-in is refused for now, and
    record the attempt. Returns the SignInAttempt.Result."""
    key = email_key(email)
    with transaction.atomic():
        with connection.cursor() as cursor:
            lock_id = int(key[:8], 16) - 2**31  # a signed 32-bit number from the key
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, lock_id])
        now = now or timezone.now()
        if sign_in_refused(key=key, ip=ip, now=now):
            result = SignInAttempt.Result.REFUSED
        elif check():
            result = SignInAttempt.Result.SUCCEEDED
        else:
            result = SignInAttempt.Result.FAILED
        SignInAttempt.objects.create(email_key=key, ip=ip, stage=stage, result=result, attempted_at=now)
        SignInAttempt.objects.filter(attempted_at__lt=now - KEEP_ATTEMPTS).delete()
    return result


# --- Two-factor authentication -----------------------------------------------------------------


class CodeCheck(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    REUSED = "reused"


def _check_code(two_factor: TwoFactor, code: str, now: datetime) -> CodeCheck:
    """Checks a code against a row locked for update, and uses it up."""
    steps = totp.matching_steps(two_factor.secret, code, now.timestamp())
    last = two_factor.last_used_step
    fresh = [step for step in steps if last is None or step > last]
    if not fresh:
        return CodeCheck.REUSED if steps else CodeCheck.WRONG
    two_factor.last_used_step = max(fresh)
    two_factor.save(update_fields=["last_used_step"])
    return CodeCheck.OK


def two_factor_start(*, user) -> TwoFactor:
    """The authenticator secret being set up. It is kept until confirmed, so reloading the page
    does not undo a QR code already scanned."""
    with transaction.atomic():
        two_factor, _ = TwoFactor.objects.get_or_create(user=user, defaults={"secret": totp.new_secret()})
    return two_factor


def two_factor_confirm(*, user, code: str, now: datetime | None = None) -> tuple[CodeCheck, list[str]]:
    """Turn two-factor authentication on once the person has typed a code from their app.
    Gives back the recovery codes, to show once."""
    with transaction.atomic():
        two_factor = TwoFactor.objects.select_for_update().filter(user=user, confirmed_at=None).first()
        if two_factor is None:
            return CodeCheck.WRONG, []
        now = now or timezone.now()
        result = _check_code(two_factor, code, now)
        if result != CodeCheck.OK:
            return result, []
        two_factor.confirmed_at = now
        two_factor.save(update_fields=["confirmed_at"])
        return result, recovery_codes_replace(two_factor=two_factor)


def two_factor_verify(*, user, code: str, now: datetime | None = None) -> CodeCheck:
    """Check a code from the person's app at sign-in. Each code works once."""
    with transaction.atomic():
        confirmed = TwoFactor.objects.filter(user=user).exclude(confirmed_at=None)
        two_factor = confirmed.select_for_update().first()
        if two_factor is None:
            return CodeCheck.WRONG
        return _check_code(two_factor, code, now or timezone.now())


def two_factor_turn_off(*, user) -> None:
    TwoFactor.objects.filter(user=user).delete()  # its recovery codes go with it


def normalise_recovery_code(text: str) -> str:
    return "".join(text.split()).replace("-", "").lower()


def _recovery_hash(code: str) -> str:
    return hashlib.sha256(normalise_recovery_code(code).encode()).hexdigest()


def recovery_codes_replace(*, two_factor: TwoFactor) -> list[str]:
    """Ten new recovery codes (xxxxx-xxxxx); any old ones stop working."""
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        code = f"{raw[:5]}-{raw[5:]}"
        if code not in codes:
            codes.append(code)
    with transaction.atomic():
        two_factor.recovery_codes.all().delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(two_factor=two_factor, code_hash=_recovery_hash(code)) for code in codes
        )
    return codes


def recovery_code_use(*, user, code: str, now: datetime | None = None) -> bool:
    """Sign in with a recovery code instead of the app. Each code works once."""
    if not normalise_recovery_code(code):
        return False
    with transaction.atomic():
        recovery_code = (
            RecoveryCode.objects.select_for_update(of=("self",))
            .filter(
                two_factor__user=user,
                code_hash=_recovery_hash(code),
                used_at=None,
            )
            .exclude(two_factor__confirmed_at=None)
            .first()
        )
        if recovery_code is None:
            return False
        recovery_code.used_at = now or timezone.now()
        recovery_code.save(update_fields=["used_at"])
    return True


def recovery_codes_left(*, user) -> int:
    return RecoveryCode.objects.filter(two_factor__user=user, used_at=None).count()
