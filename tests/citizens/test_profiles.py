"""Who may see a person's profile, and the log of everyone who did."""

import datetime

import pytest
from django.db import IntegrityError

from accounts.models import User
from citizens.models import CitizenProfile, ProfileAccess
from citizens.services import carer_link_add, carer_link_end, profile_create, profile_hand_over
from tests.factories import ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    """A profile made by its social worker, with the person's own account and a linked carer."""
    social_worker = UserFactory(role=User.Role.SOCIAL_WORKER)
    profile = profile_create(by=social_worker, preferred_name="Jo")
    person = UserFactory(role=User.Role.CITIZEN)
    profile.person = person
    profile.save()
    carer = UserFactory(role=User.Role.CARER)
    carer_link_add(
        profile=profile,
        carer=carer,
        by=social_worker,
        consent_given_by="Jo",
        consent_method="in_person",
        consent_given_on=datetime.date(2026, 11, 1),
    )
    return {
        "profile": profile,
        "person": person,
        "carer": carer,
        "social_worker": social_worker,
        "unlinked_carer": UserFactory(role=User.Role.CARER),
        "other_social_worker": UserFactory(role=User.Role.SOCIAL_WORKER),
        "provider": ProviderMembershipFactory().user,
        "officer": UserFactory(role=User.Role.COUNCIL_OFFICER, is_staff=True, is_superuser=True),
    }


@pytest.mark.parametrize(
    ("who", "sees"),
    [("person", True), ("carer", True), ("social_worker", True), ("unlinked_carer", False),
     ("other_social_worker", False), ("provider", False), ("officer", False)],
)  # fmt: skip
def test_only_the_person_their_linked_carer_and_their_social_worker_see_the_profile(people, who, sees):
    visible = CitizenProfile.objects.visible_to(people[who])
    assert (people["profile"] in visible) is sees


def test_nobody_signed_out_sees_a_profile(people):
    from django.contrib.auth.models import AnonymousUser

    assert not CitizenProfile.objects.visible_to(AnonymousUser()).exists()


def test_ending_a_carers_link_ends_their_access_and_is_logged(people):
    link = people["profile"].carer_links.get()
    carer_link_end(link=link, by=people["person"])
    assert not CitizenProfile.objects.visible_to(people["carer"]).exists()
    entry = people["profile"].accesses.first()
    assert (entry.action, entry.user) == (ProfileAccess.Action.UNLINKED, people["person"])


def test_handing_over_moves_the_caseload(people):
    profile = people["profile"]
    profile_hand_over(profile=profile, by=people["social_worker"], to=people["other_social_worker"])
    assert profile in CitizenProfile.objects.visible_to(people["other_social_worker"])
    assert profile not in CitizenProfile.objects.visible_to(people["social_worker"])
    with pytest.raises(ValueError, match="active social worker"):
        profile_hand_over(profile=profile, by=people["other_social_worker"], to=people["provider"])


def test_every_write_is_in_the_access_log(people):
    actions = list(people["profile"].accesses.order_by("at", "id").values_list("action", flat=True))
    assert actions == ["created", "linked"]


def test_a_profile_refuses_impossible_values(people):
    with pytest.raises(IntegrityError):
        CitizenProfile.objects.filter(pk=people["profile"].pk).update(free_slots=[21])
