"""Every profile URL against every role: who gets the page, who gets a 404 or 403, and that every
allowed access is written to the person's access log (and no refused one is)."""

import datetime

import pytest
from django.urls import URLPattern, reverse

from accounts.models import User
from citizens import urls as citizen_urls
from citizens.models import CitizenProfile, Enquiry, PlanEntry, ProfileAccess, Review, ShortlistItem
from citizens.services import carer_link_add, profile_create
from tests.factories import OpportunityFactory, ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ALLOWED = ("person", "linked_carer", "allocated_social_worker")
REFUSED = ("unlinked_carer", "other_social_worker", "provider", "council_officer")
# What some roles may see but not do there (403): only the allocated worker hands over; a carer
# cannot delete the person's profile.
FORBIDDEN = {
    "hand-over": ("person", "linked_carer"),
    "delete": ("linked_carer",),
    "own-account": ("person", "linked_carer"),
}
# Actions that only take a POST: a GET is refused with 405 for everyone, before anything is looked
# up, so it tells nobody whether the profile exists, and it is not an access.
POST_ONLY = {"shortlist-add", "shortlist-remove", "plan-remove"}


@pytest.fixture
def world():
    social_worker = UserFactory(role=User.Role.SOCIAL_WORKER)
    profile = profile_create(by=social_worker, preferred_name="Jo")
    person = UserFactory(role=User.Role.CITIZEN)
    profile.person = person
    profile.save()
    carer = UserFactory(role=User.Role.CARER)
    link = carer_link_add(
        profile=profile, carer=carer, by=social_worker, consent_given_by="Jo",
        consent_method="in_person", consent_given_on=datetime.date(2026, 11, 1),
    )  # fmt: skip
    listing = OpportunityFactory()
    ids = {
        "link_id": link.pk,
        "item_id": ShortlistItem.objects.create(profile=profile, opportunity=listing).pk,
        "entry_id": PlanEntry.objects.create(profile=profile, opportunity=listing, weekday=1, part=0).pk,
        "enquiry_id": Enquiry.objects.create(
            profile=profile,
            opportunity=listing,
            provider=listing.provider,
            message="Hello",
            consent_confirmed=True,
        ).pk,  # fmt: skip
        "review_id": Review.objects.create(
            profile=profile,
            reviewed_on=datetime.date(2026, 11, 1),
            purpose=1,
            ordinary_places=2,
            right_support=3,
            meeting_people=4,
        ).pk,  # fmt: skip
        "opportunity_id": listing.pk,
        "section": "about",
    }
    roles = {
        "anonymous": None,
        "person": person,
        "linked_carer": carer,
        "allocated_social_worker": social_worker,
        "unlinked_carer": UserFactory(role=User.Role.CARER),
        "other_social_worker": UserFactory(role=User.Role.SOCIAL_WORKER),
        "provider": ProviderMembershipFactory(provider=listing.provider).user,
        "council_officer": UserFactory(role=User.Role.COUNCIL_OFFICER, is_staff=True),
    }
    return {"profile": profile, "ids": ids, "roles": roles}


def profile_patterns() -> list[URLPattern]:
    return [p for p in citizen_urls.urlpatterns if "profile_uuid" in str(p.pattern)]


def test_the_matrix_covers_every_profile_url():
    names = {p.name for p in profile_patterns()}
    assert {"profile", "carers", "access-log", "your-data", "your-data-json", "delete", "search",
            "suggestions", "shortlist", "plan", "plan-print", "plan-easy-read", "plan-ics", "enquiries",
            "enquiry-new", "enquiry", "reviews", "review-new", "hand-over", "section"} <= names  # fmt: skip


def _url(pattern: URLPattern, world) -> str:
    params = [name for name in pattern.pattern.converters if name != "profile_uuid"]
    return reverse(
        f"citizens:{pattern.name}",
        kwargs={"profile_uuid": world["profile"].uuid, **{name: world["ids"][name] for name in params}},
    )


def _expected(name: str, role: str) -> int:
    if name in POST_ONLY:
        return 405
    if role == "anonymous":
        return 302
    if role in REFUSED:
        return 404
    if role in FORBIDDEN.get(name, ()):
        return 403
    if name == "own-account" and role == "allocated_social_worker":
        return 302  # the person's own account is already linked: back to the profile
    if name == "carer-end" and role == "linked_carer":
        return 200  # a carer may end their own link
    return 200


@pytest.mark.parametrize("role", ["anonymous", *ALLOWED, *REFUSED])
def test_who_gets_each_profile_page(client, world, role):
    user = world["roles"][role]
    if user is not None:
        client.force_login(user)
    profile = world["profile"]
    for pattern in profile_patterns():
        url = _url(pattern, world)
        before = ProfileAccess.objects.filter(profile=profile, user=user).count() if user else 0
        response = client.get(url)
        expected = _expected(pattern.name, role)
        assert response.status_code == expected, f"{role} GET {pattern.name}: {response.status_code}"
        if role == "anonymous":
            if expected == 302:
                assert reverse("accounts:sign-in") in response["Location"]
            continue
        logged = ProfileAccess.objects.filter(profile=profile, user=user).count() - before
        if expected in (200, 302, 403):
            assert logged >= 1, f"{role} GET {pattern.name} was not logged"
        else:
            assert logged == 0, f"{role} GET {pattern.name} was logged but refused"


@pytest.mark.parametrize("role", REFUSED)
def test_refused_roles_cannot_change_anything(client, world, role):
    client.force_login(world["roles"][role])
    profile = world["profile"]
    before = CitizenProfile.objects.values().get(pk=profile.pk)
    counts = (ShortlistItem.objects.count(), PlanEntry.objects.count(), Enquiry.objects.count(),
              Review.objects.count())  # fmt: skip
    for pattern in profile_patterns():
        response = client.post(_url(pattern, world), {"preferred_name": "Hacked", "confirm": "on"})
        # 404 from the profile check; 405 where the page takes no POST at all.
        assert response.status_code in (404, 405), f"{role} POST {pattern.name}: {response.status_code}"
    assert CitizenProfile.objects.values().get(pk=profile.pk) == before
    assert counts == (ShortlistItem.objects.count(), PlanEntry.objects.count(), Enquiry.objects.count(),
                      Review.objects.count())  # fmt: skip
    assert not ProfileAccess.objects.filter(user=world["roles"][role]).exists()


def test_a_profile_that_does_not_exist_is_a_404_for_everyone(client, world):
    client.force_login(world["roles"]["allocated_social_worker"])
    assert (
        client.get(reverse("citizens:profile", args=["00000000-0000-0000-0000-000000000000"])).status_code
        == 404
    )
    assert client.get("/people/not-a-uuid/").status_code == 404


def test_names_are_escaped_on_every_profile_page(client, world):
    """A person's name and a provider's name reach labels and hints; markup in them stays text."""
    profile = world["profile"]
    profile.preferred_name = '<img src=x onerror="alert(1)">'
    profile.save()
    listing = profile.shortlist.first().opportunity
    listing.provider.name = "<svg onload=alert(2)>"
    listing.provider.save()
    client.force_login(world["roles"]["allocated_social_worker"])
    for pattern in profile_patterns():
        response = client.get(_url(pattern, world))
        if not response["Content-Type"].startswith("text/html"):
            continue  # the JSON download and the calendar file hold the name as data, not markup
        page = response.content.decode()
        assert "<img src=x" not in page, pattern.name
        assert "<svg onload" not in page, pattern.name
