"""A provider user sees and changes only their own providers' things: anyone else's is a 404."""

import pytest
from django.urls import reverse

from citizens.models import Enquiry
from opportunities.models import ListingChange, ListingReport, Photo
from tests.factories import OpportunityFactory, ProviderMembershipFactory, VenueFactory

pytestmark = pytest.mark.django_db

SECTIONS = ["about", "who", "where", "when", "cost", "access", "joining", "easy-read", "photo"]


@pytest.fixture
def mine():
    return ProviderMembershipFactory()


@pytest.fixture
def theirs():
    """Another provider with a venue, a listing with a photo, and a reported problem."""
    membership = ProviderMembershipFactory()
    provider = membership.provider
    venue = VenueFactory(provider=provider, name="Their secret hall")
    listing = OpportunityFactory(provider=provider, venues=[venue])
    photo = Photo.objects.create(
        opportunity=listing,
        image=b"\xff\xd8",
        content_type="image/jpeg",
        width=1,
        height=1,
        alt_text="A hall",
    )
    report = ListingReport.objects.create(opportunity=listing, problem="other", details="Wrong")
    enquiry = Enquiry.objects.create(
        opportunity=listing,
        provider=provider,
        message="Private",
        shared={"Name": "Jo"},
        consent_confirmed=True,
    )
    return {"provider": provider, "venue": venue, "listing": listing, "photo": photo, "report": report,
            "enquiry": enquiry}  # fmt: skip


def their_urls(theirs, my_slug):
    provider, listing = theirs["provider"], theirs["listing"]
    urls = []
    # Their organisation's own pages.
    for slug in (provider.slug,):
        urls += [
            reverse("providers:detail", args=[slug]),
            reverse("providers:update", args=[slug]),
            reverse("providers:team", args=[slug]),
            reverse("providers:venue-create", args=[slug]),
            reverse("providers:listing-create", args=[slug]),
            reverse("providers:enquiries", args=[slug]),
        ]
    # Their objects, reached through their slug and, just as firmly, through mine.
    for slug in (provider.slug, my_slug):
        urls += [
            reverse("providers:venue-update", args=[slug, theirs["venue"].pk]),
            reverse("providers:listing", args=[slug, listing.pk]),
            reverse("providers:listing-check", args=[slug, listing.pk]),
            reverse("providers:listing-discard", args=[slug, listing.pk]),
            reverse("providers:listing-vacancies", args=[slug, listing.pk]),
            reverse("providers:listing-closure", args=[slug, listing.pk]),
            reverse("providers:listing-confirm", args=[slug, listing.pk]),
            reverse("providers:listing-history", args=[slug, listing.pk]),
            reverse("providers:listing-photo", args=[slug, listing.pk, theirs["photo"].pk]),
            reverse("providers:report-resolve", args=[slug, theirs["report"].pk]),
            reverse("providers:enquiry", args=[slug, theirs["enquiry"].pk]),
            *(reverse("providers:listing-section", args=[slug, listing.pk, section]) for section in SECTIONS),
        ]
    return urls


def test_every_view_of_another_providers_things_is_a_404(client, mine, theirs):
    client.force_login(mine.user)
    for url in their_urls(theirs, mine.provider.slug):
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"title": "Taken over", "vacancies": "no"}).status_code in (404, 405), url
    listing = theirs["listing"]
    listing.refresh_from_db()
    assert listing.vacancies == "yes" and listing.title != "Taken over"
    assert not ListingChange.objects.exists()
    assert theirs["report"].status == "open"
    theirs["enquiry"].refresh_from_db()
    assert theirs["enquiry"].reply == "" and theirs["enquiry"].status == "sent"


def test_signed_out_people_are_asked_to_sign_in(client, theirs):
    for url in their_urls(theirs, theirs["provider"].slug):
        response = client.get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("accounts:sign-in")), url


def test_no_other_providers_venue_is_offered_or_accepted(client, mine, theirs):
    my_venue = VenueFactory(provider=mine.provider, name="Our own hall")
    listing = OpportunityFactory(provider=mine.provider, venues=[my_venue])
    client.force_login(mine.user)
    url = reverse("providers:listing-section", args=[mine.provider.slug, listing.pk, "where"])
    page = client.get(url).content.decode()
    assert "Our own hall" in page
    assert "Their secret hall" not in page

    response = client.post(
        url, {"delivery": ["venue"], "venues": [theirs["venue"].pk], "revision": listing.content_revision}
    )
    assert "Select a venue from the list" in response.content.decode()
    assert not ListingChange.objects.exists()


def test_a_provider_sees_only_their_own_organisations(client, mine, theirs):
    other = ProviderMembershipFactory(user=mine.user)  # a second organisation of mine
    client.force_login(mine.user)
    page = client.get(reverse("providers:list")).content.decode()
    assert mine.provider.name in page and other.provider.name in page
    assert theirs["provider"].name not in page
