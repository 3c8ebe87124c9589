"""Every council URL, for every kind of account: each part of the workspace opens only for officers
holding its role. The URLs are read from the URLconf, so a page added later is checked too, and a
new part of the workspace without a role in ROLE_FOR fails here until it is given one."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from accounts.models import User
from tests.factories import ProviderMembershipFactory, UserFactory

ANY_OFFICER = "any officer"
# Which officer role opens each part of the workspace (by URL namespace). `council:home` is the
# front page every officer may open; it shows only the parts their roles allow.
ROLE_FOR = {
    "council": User.OfficerRole.MODERATOR,
    "council_data": User.OfficerRole.MODERATOR,
    "council_checks": User.OfficerRole.MODERATOR,
    "council_concerns": User.OfficerRole.SAFEGUARDING,
    "insight": User.OfficerRole.COMMISSIONING,
    "council_guidance": User.OfficerRole.MODERATOR,
}
EXCEPTIONS = {"council:home": ANY_OFFICER}

ACCOUNTS = {
    "citizen": lambda: UserFactory(role=User.Role.CITIZEN),
    "carer": lambda: UserFactory(role=User.Role.CARER),
    "social worker": lambda: UserFactory(role=User.Role.SOCIAL_WORKER),
    "provider": lambda: ProviderMembershipFactory().user,
    "officer with no role": lambda: UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=[]),
    "moderator": lambda: UserFactory(
        role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.MODERATOR]
    ),
    "safeguarding officer": lambda: UserFactory(
        role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.SAFEGUARDING]
    ),
    "commissioning officer": lambda: UserFactory(
        role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.COMMISSIONING]
    ),
    "a former officer, now a citizen, who kept the roles": lambda: UserFactory(
        role=User.Role.CITIZEN, officer_roles=list(User.OfficerRole.values)
    ),
    "deactivated officer with every role": lambda: UserFactory(
        role=User.Role.COUNCIL_OFFICER, officer_roles=list(User.OfficerRole.values), is_active=False
    ),
}


def _council_urls(resolver=None, namespace=""):
    """(name with namespace, converters) for every URL pattern under a council namespace."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace
            yield from _council_urls(entry, inner or namespace)
        elif isinstance(entry, URLPattern) and entry.name and namespace:
            converters = dict(getattr(resolver.pattern, "converters", {}))
            converters.update(getattr(entry.pattern, "converters", {}))
            if namespace in ROLE_FOR or namespace.startswith("council"):
                yield f"{namespace}:{entry.name}", converters


def _url(name: str, converters: dict) -> str:
    kwargs = {}
    for key, converter in converters.items():
        if isinstance(converter, IntConverter):
            kwargs[key] = 987654
        elif isinstance(converter, UUIDConverter):
            kwargs[key] = uuid.uuid4()
        else:
            kwargs[key] = "no-such-thing"
    return reverse(name, kwargs=kwargs)


COUNCIL_URLS = sorted(_council_urls())


def test_the_url_list_is_read_from_the_urlconf():
    names = {name for name, _ in COUNCIL_URLS}
    # A few from each part, so an empty or partial list cannot pass the tests below.
    assert {
        "council:home",
        "council:queue",
        "council:change",
        "council_data:hub",
        "council_checks:list",
    } <= names
    assert {"council_concerns:queue", "insight:home"} <= names
    assert len(names) >= 20


@pytest.mark.parametrize(("name", "converters"), COUNCIL_URLS, ids=[name for name, _ in COUNCIL_URLS])
def test_every_part_of_the_workspace_has_a_role(name, converters):
    assert name.split(":")[0] in ROLE_FOR, f"{name} is in the council workspace but no role opens it"


def _request(client, url):
    response = client.get(url)
    if response.status_code == 405:  # a POST-only action
        response = client.post(url, {})
    return response


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "converters"), COUNCIL_URLS, ids=[name for name, _ in COUNCIL_URLS])
def test_each_council_url_opens_only_for_its_role(client, name, converters):
    url = _url(name, converters)
    needed = EXCEPTIONS.get(name) or ROLE_FOR[name.split(":")[0]]

    signed_out = _request(client, url)
    assert signed_out.status_code == 302, name
    assert signed_out["Location"].startswith(reverse("accounts:sign-in")), name

    for label, make in ACCOUNTS.items():
        user = make()
        client.force_login(user)
        entitled = (
            user.is_active
            and user.role == User.Role.COUNCIL_OFFICER
            and (needed == ANY_OFFICER or needed in user.officer_roles)
        )
        response = _request(client, url)
        if not user.is_active:  # Django signs out a deactivated account: back to the sign-in page
            assert response.status_code == 302 and "/sign-in/" in response["Location"], (name, label)
        elif entitled:
            # Let through: the page, its own "not found" for the made-up id, or a redirect onwards.
            assert response.status_code in (200, 302, 404), (name, label, response.status_code)
            if response.status_code == 302:
                assert "/sign-in/" not in response["Location"], (name, label)
        else:
            assert response.status_code == 403, (name, label, response.status_code)
        client.logout()
