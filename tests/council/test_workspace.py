"""The workspace front page each officer starts from, and the list of listings hidden as stale."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from opportunities.models import ListingReport, Opportunity
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db


def officer(*roles):
    return UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=list(roles))


def test_officers_start_at_the_workspace_front_page(client):
    client.force_login(officer(User.OfficerRole.SAFEGUARDING))
    assert client.get(reverse("accounts:home"))["Location"] == reverse("council:home")


def test_the_front_page_shows_moderators_what_is_waiting(client):
    listing = OpportunityFactory()
    ListingReport.objects.create(opportunity=listing, problem="stopped", details="It closed.")
    ListingReport.objects.create(opportunity=listing, problem="contact", details="Wrong phone.")
    OpportunityFactory(hidden_as_stale_on=datetime.date(2026, 1, 5))
    client.force_login(officer(User.OfficerRole.MODERATOR))
    html = client.get(reverse("council:home")).content.decode()
    assert "Keeping the directory right" in html
    assert "</a> by the public: 2 open" in html
    assert "Listings hidden as stale</a>: 1" in html
    assert reverse("council:queue") in html


@pytest.mark.parametrize("role", [User.OfficerRole.SAFEGUARDING, User.OfficerRole.COMMISSIONING])
def test_other_officers_see_no_moderation_counts_or_links(client, role):
    client.force_login(officer(role))
    html = client.get(reverse("council:home")).content.decode()
    assert "Keeping the directory right" not in html
    assert reverse("council:queue") not in html
    assert reverse("council:stale") not in html


def test_an_officer_with_no_role_is_told_how_to_get_one(client):
    client.force_login(officer())
    response = client.get(reverse("council:home"))
    assert response.status_code == 200
    assert "Your account has no officer role yet" in response.content.decode()


def test_stale_listings_are_listed_longest_hidden_first(client):
    newer = OpportunityFactory(title="Pottery", hidden_as_stale_on=datetime.date(2026, 9, 1))
    older = OpportunityFactory(
        title="Walking football", hidden_as_stale_on=datetime.date(2026, 3, 1), last_checked_on=None
    )
    OpportunityFactory(title="Choir")  # checked, so not hidden
    OpportunityFactory(
        title="Old draft", status=Opportunity.Status.DRAFT, hidden_as_stale_on=datetime.date(2026, 1, 1)
    )
    client.force_login(officer(User.OfficerRole.MODERATOR))
    html = client.get(reverse("council:stale")).content.decode()
    assert html.index(older.title) < html.index(newer.title)
    assert "Choir" not in html and "Old draft" not in html
    assert "1 March 2026" in html and "Never" in html
    assert reverse("council:history", args=[older.pk]) in html


def test_with_nothing_stale_the_page_says_so(client):
    OpportunityFactory()
    client.force_login(officer(User.OfficerRole.MODERATOR))
    assert "No listing is hidden as stale." in client.get(reverse("council:stale")).content.decode()


def test_an_administrator_gives_an_officer_roles_with_tick_boxes(admin_client):
    person = officer()
    url = reverse("admin:accounts_user_change", args=[person.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        email=person.email,
        role=User.Role.COUNCIL_OFFICER,
        officer_roles=[User.OfficerRole.SAFEGUARDING, User.OfficerRole.COMMISSIONING],
        date_joined_0="2026-11-01",
        date_joined_1="09:00:00",
    )
    data.pop("groups", None), data.pop("user_permissions", None), data.pop("last_login", None)
    data.pop("password", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.officer_roles == [User.OfficerRole.SAFEGUARDING, User.OfficerRole.COMMISSIONING]


def test_the_review_queue_filters_by_listing_or_provider_name_and_counts_what_matches(client):
    from opportunities.models import ListingChange

    pottery = OpportunityFactory(title="Pottery for beginners", provider__name="Moseley Makers")
    choir = OpportunityFactory(title="Community choir", provider__name="Balsall Heath Voices")
    draft = OpportunityFactory(title="Pottery evenings", status=Opportunity.Status.DRAFT, published_at=None)
    for listing in (pottery, choir, draft):
        ListingChange.objects.create(
            opportunity=listing, status="submitted", proposed={"title": listing.title}
        )
    client.force_login(officer(User.OfficerRole.MODERATOR))

    html = client.get(reverse("council:queue"), {"q": "pottery"}).content.decode()
    assert "Pottery for beginners" in html and "Pottery evenings" in html and "Community choir" not in html
    assert "All (2)" in html and "New listings (1)" in html and "Changes to published listings (1)" in html

    html = client.get(reverse("council:queue"), {"q": "voices", "kind": "changes"}).content.decode()
    assert "Community choir" in html and "Pottery" not in html

    html = client.get(reverse("council:queue"), {"q": "knitting" * 40}).content.decode()
    assert "Nothing waiting for review matches" in html and "All (0)" in html


def test_council_emails_go_to_moderators_and_the_shared_inbox_only(settings):
    from daywell.notify import council_addresses

    moderator = UserFactory(email="mod@example.org", role=User.Role.COUNCIL_OFFICER)
    UserFactory(
        email="sg@example.org", role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.SAFEGUARDING]
    )
    UserFactory(email="gone@example.org", role=User.Role.COUNCIL_OFFICER, is_active=False)
    UserFactory(email="citizen@example.org", officer_roles=[User.OfficerRole.MODERATOR])
    addresses = council_addresses()
    assert moderator.email in addresses and settings.COUNCIL_REVIEW_EMAIL in addresses
    assert not {"sg@example.org", "gone@example.org", "citizen@example.org"} & set(addresses)


def test_a_nul_character_in_the_review_queue_search_is_ignored_not_a_500(client):
    from opportunities.models import ListingChange

    listing = OpportunityFactory(title="Pottery for beginners")
    ListingChange.objects.create(opportunity=listing, status="submitted", proposed={"title": listing.title})
    client.force_login(officer(User.OfficerRole.MODERATOR))
    client.raise_request_exception = False
    response = client.get(reverse("council:queue"), {"q": "Pot\x00tery"})
    assert response.status_code == 200
    assert "Pottery for beginners" in response.content.decode()
