"""Single-use links that need no password: a long random token sent by email, of which only
a SHA-256 hash is stored, so a copy of the database cannot be used to forge a link."""

import hashlib
import secrets


def token_new() -> tuple[str, str]:
    """(token for the link, hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
