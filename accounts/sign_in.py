"""The half-signed-in state between a right password and a right code, kept in the session.

Nobody is logged in (django.contrib.auth.login) until the second step is done: the session holds
only the user's id, which step is next, where to go afterwards and when the state runs out.
"""

import ipaddress
import time

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.shortcuts import resolve_url

PENDING = "accounts_pending_sign_in"
# Set once a session has passed two-factor authentication (see accounts.middleware).
VERIFIED = "accounts_two_factor_verified"

CODE = "code"
SET_UP = "set-up"
# Long enough to install an authenticator app when setting one up.
PENDING_SECONDS = {CODE: 10 * 60, SET_UP: 30 * 60}


def client_ip(request) -> str | None:
    """The address the request came from. Behind SIGN_IN_TRUSTED_PROXIES proxies, the one the
    nearest trusted proxy saw (the ones before it can be made up). IPv6 addresses are cut to
    their /64 network, which is what one household or phone usually has."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.SIGN_IN_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def pending_start(request, *, user, next_url: str, stage: str) -> None:
    request.session.cycle_key()  # a new session id from the moment the password is right
    request.session[PENDING] = {
        "user": str(user.pk),
        "backend": user.backend,
        "next": next_url,
        "stage": stage,
        "until": time.time() + PENDING_SECONDS[stage],
    }


def pending_user(request, stage: str):
    """The half-signed-in user waiting at `stage`, or None."""
    pending = request.session.get(PENDING)
    if not pending or pending.get("stage") != stage or pending.get("until", 0) < time.time():
        return None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def pending_next(request) -> str:
    return (request.session.get(PENDING) or {}).get("next") or resolve_url(settings.LOGIN_REDIRECT_URL)


def pending_clear(request) -> None:
    request.session.pop(PENDING, None)


def complete(request, user, *, verified: bool) -> None:
    """Log the person in. `verified`: they gave a code from their app or a recovery code."""
    pending_clear(request)
    login(request, user, backend=user.backend)
    if verified:
        request.session[VERIFIED] = True
