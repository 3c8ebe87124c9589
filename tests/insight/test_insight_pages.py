"""Who may open the insight pages (commissioning officers only), and that each page answers."""

import pytest
from django.urls import reverse

from accounts.models import User
from opportunities.search_index import opportunity_index_refresh
from tests.factories import OpportunityFactory, ProviderMembershipFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db

URLS = [
    reverse("insight:home"),
    reverse("insight:page", kwargs={"page": "supply"}),
    reverse("insight:page", kwargs={"page": "trends"}),
    reverse("insight:statement"),
    reverse("insight:statement-csv"),
    reverse("insight:csv", kwargs={"page": "supply", "key": "wards"}),
    reverse("insight:csv", kwargs={"page": "trends", "key": "searches"}),
]


def officer(*roles):
    return UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=list(roles))


@pytest.fixture
def commissioner():
    return officer(User.OfficerRole.COMMISSIONING)


@pytest.fixture(autouse=True)
def a_listing():
    OpportunityFactory(title="Walking football", venues=[VenueFactory()])
    opportunity_index_refresh()


@pytest.mark.parametrize("url", URLS)
def test_a_commissioning_officer_opens_every_page_and_it_is_kept_private(client, commissioner, url):
    client.force_login(commissioner)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    "make",
    [
        lambda: officer(User.OfficerRole.MODERATOR),
        lambda: officer(User.OfficerRole.SAFEGUARDING),
        lambda: officer(),
        lambda: ProviderMembershipFactory().user,
        lambda: UserFactory(role=User.Role.CITIZEN),
    ],
    ids=["moderator", "safeguarding", "officer-without-roles", "provider", "citizen"],
)
def test_anyone_else_is_refused(client, url, make):
    client.force_login(make())
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_signed_out_people_are_asked_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_an_officer_with_several_roles_including_commissioning_gets_in(client):
    client.force_login(officer(User.OfficerRole.MODERATOR, User.OfficerRole.COMMISSIONING))
    assert client.get(reverse("insight:home")).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/council/insight/no-such-page/",
        "/council/insight/no-such-page/wards.csv",
        "/council/insight/supply/no-such-table.csv",
    ],
)
def test_unknown_pages_and_tables_are_not_found(client, commissioner, url):
    client.force_login(commissioner)
    assert client.get(url).status_code == 404


def test_changes_are_refused(client, commissioner):
    client.force_login(commissioner)
    assert client.post(reverse("insight:page", kwargs={"page": "supply"})).status_code == 405


def test_the_front_page_shows_headlines_and_links_to_every_page(client, commissioner):
    client.force_login(commissioner)
    response = client.get(reverse("insight:home"))
    html = response.content.decode()
    assert response.context["headlines"].listed == 1
    for slug in ("supply", "trends"):
        assert reverse("insight:page", kwargs={"page": slug}) in html
    assert reverse("insight:statement") in html


def test_a_page_lists_its_figures_with_a_contents_list_and_a_csv_link_each(client, commissioner):
    client.force_login(commissioner)
    response = client.get(reverse("insight:page", kwargs={"page": "supply"}))
    html = response.content.decode()
    figures = response.context["figures"]
    assert len(figures) >= 8
    for figure in figures:
        assert f'href="#{figure.key}"' in html
        assert f'id="{figure.key}-heading"' in html
        assert reverse("insight:csv", kwargs={"page": "supply", "key": figure.key}) in html
    assert 'role="img"' in html
    assert "Chart: Opportunities in each ward. The numbers are in the table below." in html


def test_the_workspace_front_page_shows_insight_only_to_commissioning_officers(client, commissioner):
    client.force_login(commissioner)
    html = client.get(reverse("council:home")).content.decode()
    assert "Commissioning insight" in html
    assert reverse("insight:statement") in html
    assert "Opportunities listed</a>: 1, in 1 of 69 wards" in html

    client.force_login(officer(User.OfficerRole.MODERATOR))
    html = client.get(reverse("council:home")).content.decode()
    assert 'id="insight-heading"' not in html
