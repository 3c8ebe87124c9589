import pytest

from accounts.models import User
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_council_officer_can_manage_opportunities_in_the_admin(client):
    officer = UserFactory(role=User.Role.COUNCIL_OFFICER, is_staff=True, is_superuser=True)
    opportunity = OpportunityFactory(title="Singing for the brain")
    client.force_login(officer)
    assert client.get("/admin/opportunities/opportunity/").status_code == 200
    response = client.get(f"/admin/opportunities/opportunity/{opportunity.pk}/change/")
    assert response.status_code == 200
    assert "Singing for the brain" in response.content.decode()


def test_citizens_cannot_reach_the_admin(client):
    client.force_login(UserFactory(role=User.Role.CITIZEN))
    response = client.get("/admin/opportunities/opportunity/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
