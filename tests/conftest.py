import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the council's reference data once, into the test database, for every test."""
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def pytest_collection_modifyitems(items):
    # Browser tests use a live server, so their database is emptied after each of them; run them
    # last so that the reference data loaded above is there for every other test.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests make and sign in many accounts; the real hasher's million rounds add nothing to them.
    Only tests change this: the site itself keeps Django's default hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
