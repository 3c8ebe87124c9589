import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests sign in many times; the real hasher's million rounds add nothing to them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
