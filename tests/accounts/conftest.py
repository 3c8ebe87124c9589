import pytest

# The browser fixtures, for the two-factor journey in test_two_factor_browser.py.
from tests.browser.conftest import browser, page, reference_data  # noqa: F401


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests sign in many times; the real hasher's million rounds add nothing to them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
