"""Time-based one-time passwords (RFC 6238, with the HOTP of RFC 4226), as authenticator apps make them:
SHA-1, 30-second steps, 6 digits. Pure functions; what is stored and when lives in services.py."""

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6


def new_secret() -> str:
    """160 random bits (the size RFC 4226 recommends) as base32, the form apps accept."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def secret_bytes(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> str:
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def step_at(unix_time: float) -> int:
    return int(unix_time // STEP_SECONDS)


def totp(key: bytes, unix_time: float, digits: int = DIGITS) -> str:
    return hotp(key, step_at(unix_time), digits)


def matching_steps(secret: str, code: str, unix_time: float, window: int = 1) -> list[int]:
    """The time steps, within `window` steps either side of now (for a slow phone clock or a slow
    typist), whose code is `code`. Usually none or one."""
    key = secret_bytes(secret)
    now = step_at(unix_time)
    return [
        step
        for step in range(now - window, now + window + 1)
        if step >= 0 and hmac.compare_digest(hotp(key, step), code)
    ]


def grouped(secret: str, size: int = 4) -> str:
    """ABCD EFGH …: easier to read out and type into an app than one long string."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


def provisioning_uri(*, secret: str, account: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from a QR code (Google's Key Uri Format)."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode(
        {"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": STEP_SECONDS},
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"
