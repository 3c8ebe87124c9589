"""The gaps page: demand against supply by ward and interest, worst first, each linked to the search
showing what is there; and enquiries by outcome and kind of provider, small numbers hidden."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from citizens.models import Enquiry
from insight import gaps
from insight.demand import HIDDEN
from insight.figures import Link
from opportunities.models import Interest
from opportunities.search_index import opportunity_index_refresh
from places.models import Postcode, Ward
from providers.models import Provider
from tests.factories import OpportunityFactory, ProviderFactory, UserFactory, VenueFactory
from tests.insight.test_demand import people, searches

pytestmark = pytest.mark.django_db
SPORT, MUSIC, NATURE = "Sport and fitness", "Music and drama", "Nature and gardening"


def listing(title, *, postcode, interests, **fields):
    row = Postcode.objects.select_related("ward").get(postcode=postcode)
    venue = VenueFactory(postcode=postcode, ward=row.ward, latitude=row.latitude, longitude=row.longitude)
    opportunity = OpportunityFactory(title=title, venues=[venue], **fields)
    opportunity.interests.set(Interest.objects.filter(slug__in=interests))
    return opportunity


def worst_gaps():
    return next(f for f in gaps.figures() if f.key == "worst-gaps")


def enquiries_table():
    return next(f for f in gaps.figures() if f.key == "enquiries-by-outcome")


@pytest.fixture
def city():
    """Moseley: 6 people enjoy sport and nothing is listed; Ladywood: 10 people enjoy sport and one
    listing; Moseley music: 3 searches and nothing listed; Ladywood nature: 4 people (hidden)."""
    people(6, ward="moseley", interests=["sport"])
    people(10, ward="ladywood", interests=["sport"])
    people(4, ward="ladywood", interests=["nature-gardening"])
    searches(3, from_ward="moseley", interest=["music-drama"])
    searches(7, from_ward="moseley", interest=["music-drama"], days_ago=400)  # too old to count
    made = {
        "ladywood-sport": listing("Ladywood swimming", postcode="B1 1AA", interests=["sport"]),
        "moseley-art": listing("Moseley painting", postcode="B13 8JP", interests=["arts-crafts"]),
        "moseley-sport-draft": listing(
            "Moseley football (draft)", postcode="B13 8JP", interests=["sport"], status="draft"
        ),
    }
    opportunity_index_refresh()
    return made


def test_gaps_are_worst_first_with_a_clear_score(city):
    moseley, ladywood = Ward.objects.get(slug="moseley").name, Ward.objects.get(slug="ladywood").name
    fig = worst_gaps()
    assert fig.columns == ["Interest and ward", "People with a profile", "Searches", "Opportunities listed",
                           "Gap score"]  # fmt: skip
    assert [[str(row[0]), *row[1:]] for row in fig.rows] == [
        [f"{SPORT} in {moseley}", 6, 0, 0, 6.0],  # 6 asking, nothing listed (the draft does not count)
        [f"{SPORT} in {ladywood}", 10, 0, 1, 5.0],  # 10 asking, one listing: 10 / 2
        [f"{MUSIC} in {moseley}", HIDDEN, 3, 0, 3.0],  # 3 searches this year; none of the old ones
    ]
    # Ladywood's 4 nature lovers are hidden and add nothing, so that cell has no demand at all.
    assert not any(NATURE in str(row[0]) for row in fig.rows)
    assert "divided by one more than the listings" in fig.note


def test_a_hidden_number_of_people_adds_nothing_to_the_demand(city):
    searches(2, from_ward="ladywood", interest=["nature-gardening"])
    ladywood = Ward.objects.get(slug="ladywood").name
    row = next(row for row in worst_gaps().rows if str(row[0]) == f"{NATURE} in {ladywood}")
    assert row[1:] == [HIDDEN, 2, 0, 2.0]  # the score is the 2 searches alone, not 6


def test_each_gap_links_to_the_search_that_shows_its_thin_supply(client, city):
    rows = worst_gaps().rows
    assert all(isinstance(row[0], Link) for row in rows)
    assert rows[1][0].href == "/opportunities/?interest=sport&ward=ladywood"

    listing("Ladywood yoga", postcode="B1 1AA", interests=["sport", "health-wellbeing"])
    opportunity_index_refresh()
    response = client.get(rows[1][0].href)
    assert response.status_code == 200
    assert response.context["result"].total == 2
    page = response.content.decode()
    assert "Ladywood swimming" in page and "Ladywood yoga" in page
    assert "Moseley painting" not in page  # another ward and interest
    response = client.get(rows[0][0].href)  # sport in Moseley: nothing listed
    assert response.context["result"].total == 0


def test_enquiries_by_outcome_and_kind_of_provider_hide_small_numbers_and_cannot_be_undone():
    charity = OpportunityFactory(provider=ProviderFactory(kind=Provider.Kind.CHARITY))
    private = OpportunityFactory(provider=ProviderFactory(kind=Provider.Kind.PRIVATE))

    def enquiries(opportunity, status, count, days_ago=0):
        for _ in range(count):
            enquiry = Enquiry.objects.create(
                opportunity=opportunity, provider=opportunity.provider, message="Hello", status=status
            )
            if days_ago:
                Enquiry.objects.filter(pk=enquiry.pk).update(
                    sent_at=timezone.now() - timedelta(days=days_ago)
                )

    enquiries(charity, Enquiry.Status.SENT, 6)
    enquiries(charity, Enquiry.Status.ANSWERED, 9)
    enquiries(charity, Enquiry.Status.STARTING, 3)
    enquiries(charity, Enquiry.Status.NOT_SUITABLE, 7)
    enquiries(private, Enquiry.Status.STARTING, 5)
    enquiries(private, Enquiry.Status.ANSWERED, 20, days_ago=400)  # too old to count
    fig = enquiries_table()
    assert fig.columns == ["Kind of provider", "Sent, no answer yet", "Answered", "Starting", "Not suitable"]
    rows = {row[0]: row[1:] for row in fig.rows}
    assert set(rows) == {label for _kind, label in Provider.Kind.choices}
    # The charities' 3 starting is hidden; their 6 "sent" goes with it, or the charities' total (25,
    # which they know) would give the 3 away.
    assert rows["Charity"] == [HIDDEN, 9, HIDDEN, 7]
    assert rows["Private company"] == [HIDDEN, HIDDEN, 5, HIDDEN]
    assert rows["Community group"] == [HIDDEN] * 4
    # No row or column is left with a single hidden number.
    columns = list(zip(*rows.values(), strict=True))
    for cells in [*rows.values(), *columns]:
        assert list(cells).count(HIDDEN) != 1


def test_the_gaps_page_and_its_csvs(client, city):
    client.force_login(
        UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.COMMISSIONING])
    )
    response = client.get("/council/insight/gaps/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/opportunities/?interest=sport&amp;ward=moseley"' in page
    response = client.get("/council/insight/gaps/worst-gaps.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    moseley = Ward.objects.get(slug="moseley").name
    assert rows[1] == [f"{SPORT} in {moseley}", "6", "0", "0", "6.0"]
    assert rows[3][1] == HIDDEN
    assert not any("4" in row[1:] for row in rows)  # Ladywood's 4 nature lovers
    enquiries = client.get("/council/insight/gaps/enquiries-by-outcome.csv")
    assert enquiries.status_code == 200


@pytest.mark.parametrize(
    "roles, status",
    [
        ([User.OfficerRole.COMMISSIONING], 200),
        ([User.OfficerRole.MODERATOR], 403),
        ([User.OfficerRole.SAFEGUARDING], 403),
    ],
)
@pytest.mark.parametrize(
    "url",
    [
        "/council/insight/gaps/",
        "/council/insight/gaps/worst-gaps.csv",
        "/council/insight/gaps/enquiries-by-outcome.csv",
    ],
)
def test_only_commissioning_officers_see_gaps(client, roles, status, url):
    client.force_login(UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=roles))
    assert client.get(url).status_code == status
