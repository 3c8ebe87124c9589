"""Signing in leads each kind of user to their own starting page."""

import pytest

from accounts.models import User
from tests.factories import ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [User.Role.CITIZEN, User.Role.CARER, User.Role.SOCIAL_WORKER])
def test_people_and_the_social_workers_who_plan_with_them_go_to_their_people(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get("/account/")["Location"] == "/people/"


def test_council_officers_go_to_the_review_queue(client):
    client.force_login(UserFactory(role=User.Role.COUNCIL_OFFICER))
    assert client.get("/account/")["Location"] == "/council/"


def test_providers_go_to_their_listings(client):
    client.force_login(ProviderMembershipFactory().user)
    assert client.get("/account/")["Location"] == "/provider/"
