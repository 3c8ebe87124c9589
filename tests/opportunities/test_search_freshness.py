"""Changes made in the admin reach search at once (its in-memory copy follows the index version)."""

import pytest

from accounts.models import User
from opportunities.models import Interest
from opportunities.search_index import opportunity_index_refresh
from tests.factories import OpportunityFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(role=User.Role.COUNCIL_OFFICER, is_staff=True, is_superuser=True))
    return client


def titles(client, **params):
    return [card["title"] for card in client.get("/opportunities/", params).context["cards"]]


def test_a_listing_deleted_in_the_admin_leaves_search(officer_client):
    OpportunityFactory(title="Kept club")
    gone = OpportunityFactory(title="Gone club")
    opportunity_index_refresh()
    assert set(titles(officer_client)) == {"Kept club", "Gone club"}
    response = officer_client.post(f"/admin/opportunities/opportunity/{gone.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert titles(officer_client) == ["Kept club"]
    assert officer_client.get("/opportunities/").context["result"].total == 1


def test_a_venue_deleted_in_the_admin_updates_its_listings(officer_client):
    venue = VenueFactory(name="Old hall")
    OpportunityFactory(title="Moving club", venues=[venue])
    opportunity_index_refresh()
    assert titles(officer_client, ward="moseley") == ["Moving club"]
    officer_client.post(f"/admin/providers/venue/{venue.pk}/delete/", {"post": "yes"})
    assert titles(officer_client, ward="moseley") == []


def test_a_renamed_interest_is_searchable_by_its_new_slug(officer_client):
    club = OpportunityFactory(title="Board game club")
    club.interests.add(Interest.objects.get(slug="games"))
    opportunity_index_refresh()
    games = Interest.objects.get(slug="games")
    response = officer_client.post(
        f"/admin/opportunities/interest/{games.pk}/change/",
        {
            "name": "Games and puzzles",
            "slug": "games-puzzles",
            "description": games.description,
            "position": 15,
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert titles(officer_client, interest="games-puzzles") == ["Board game club"]


def test_a_renamed_ward_shows_on_result_cards(officer_client):
    OpportunityFactory(title="Ward club", venues=[VenueFactory()])
    opportunity_index_refresh()
    from places.models import Ward

    moseley = Ward.objects.get(slug="moseley")
    response = officer_client.post(
        f"/admin/places/ward/{moseley.pk}/change/",
        {"code": moseley.code, "name": "Moseley Village", "slug": "moseley", "constituency": moseley.constituency_id,
         "latitude": moseley.latitude, "longitude": moseley.longitude, "area_km2": moseley.area_km2 or ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:500]
    cards = officer_client.get("/opportunities/").context["cards"]
    assert cards[0]["ward"] == "Moseley Village"
