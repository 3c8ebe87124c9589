"""The demand page: people from their profiles (with small numbers hidden), searches, and the
searches that found nothing."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from citizens.models import CitizenProfile
from insight import demand
from insight.demand import HIDDEN, SMALLEST_CELL, suppress, suppress_linked
from insight.figures import Link
from opportunities.models import Feature, Interest, SearchLog
from opportunities.terms import search_terms
from places.models import Ward
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SPORT = "Sport and fitness"  # the council's names for the interests "sport" and "music-drama"
MUSIC = "Music and drama"


def people(count, *, ward="moseley", interests=(), needs=(), free_slots=()):
    ward = Ward.objects.get(slug=ward) if ward else None
    made = []
    for number in range(count):
        profile = CitizenProfile.objects.create(
            preferred_name=f"Person {number}", ward=ward, free_slots=list(free_slots)
        )
        profile.interests.set(Interest.objects.filter(slug__in=interests))
        profile.needs.set(Feature.objects.filter(slug__in=needs))
        made.append(profile)
    return made


def searches(count, *, result_count=3, words="", from_ward=None, days_ago=0, **filters):
    rows = SearchLog.objects.bulk_create(
        SearchLog(
            filters=filters,
            words=words,
            result_count=result_count,
            ward=Ward.objects.get(slug=from_ward) if from_ward else None,
        )
        for _ in range(count)
    )
    if days_ago:
        SearchLog.objects.filter(pk__in=[r.pk for r in rows]).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return rows


def figure(key):
    return next(f for f in demand.figures() if f.key == key)


def row_for(fig, name):
    return next(row for row in fig.rows if str(row[0]) == name)


def commissioning_client(client):
    client.force_login(
        UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.COMMISSIONING])
    )
    return client


# --- The rule -------------------------------------------------------------------------------------------
def test_a_count_under_5_is_hidden_and_5_is_shown():
    assert SMALLEST_CELL == 5
    assert [suppress(n) for n in (0, 1, 4, 5, 6, 120)] == [HIDDEN, HIDDEN, HIDDEN, 5, 6, 120]


def test_a_single_hidden_cell_in_a_known_total_hides_the_next_smallest_too():
    counts = {"a": 3, "b": 9, "c": 7, "d": 20}
    shown = suppress_linked(counts, [["a", "b", "c", "d"]])
    # Without the second hidden cell, the total (39) minus 9, 7 and 20 would give 3 away.
    assert shown == {"a": HIDDEN, "b": 9, "c": HIDDEN, "d": 20}


def test_two_hidden_cells_need_nothing_more_and_no_group_means_only_small_cells_hide():
    assert suppress_linked({"a": 3, "b": 2, "c": 7}, [["a", "b", "c"]]) == {"a": HIDDEN, "b": HIDDEN, "c": 7}
    assert suppress_linked({"a": 3, "b": 9, "c": 7}) == {"a": HIDDEN, "b": 9, "c": 7}


def test_hiding_spreads_until_no_row_or_column_has_a_single_hidden_cell():
    # A 2 x 2 table with row and column totals known: one small cell forces the whole table hidden
    # (hiding b11's row partner exposes it through its column, and so on).
    counts = {(0, 0): 2, (0, 1): 10, (1, 0): 8, (1, 1): 12}
    groups = [[(0, 0), (0, 1)], [(1, 0), (1, 1)], [(0, 0), (1, 0)], [(0, 1), (1, 1)]]
    shown = suppress_linked(counts, groups)
    assert set(shown.values()) == {HIDDEN}
    for group in groups:  # no group is left with exactly one hidden cell
        assert sum(shown[key] == HIDDEN for key in group) != 1


# --- People --------------------------------------------------------------------------------------------
def test_people_by_interest_need_and_free_time_hide_fewer_than_5():
    people(5, interests=["sport", "music-drama"], needs=["step-free"], free_slots=[0, 1])  # Monday am, pm
    people(4, interests=["music-drama"], needs=["hearing-loop"], free_slots=[3])  # Tuesday morning

    interests = figure("people-by-interest")
    assert row_for(interests, SPORT)[1] == 5
    assert row_for(interests, MUSIC)[1] == 9
    nature = Interest.objects.get(slug="nature-gardening").name
    assert row_for(interests, nature)[1] == HIDDEN
    assert interests.rows[0][0] == MUSIC  # biggest first

    needs = figure("people-by-need")
    assert row_for(needs, Feature.objects.get(slug="step-free").name)[1] == 5
    assert row_for(needs, Feature.objects.get(slug="hearing-loop").name)[1] == HIDDEN

    free = figure("people-by-free-time")
    assert free.columns == ["Day", "Morning", "Afternoon", "Evening", "Any time that day"]
    assert row_for(free, "Monday") == ["Monday", 5, 5, HIDDEN, 5]  # each person once for the day
    assert row_for(free, "Tuesday") == ["Tuesday", HIDDEN, HIDDEN, HIDDEN, HIDDEN]


def test_people_by_ward_shows_wards_of_5_or_more_and_a_map_of_only_those():
    people(7, ward="moseley")
    people(5, ward="ladywood")
    people(4, ward=None)
    fig = figure("people-by-ward")
    moseley, ladywood = Ward.objects.get(slug="moseley"), Ward.objects.get(slug="ladywood")
    assert fig.rows[:2] == [[moseley.name, 7], [ladywood.name, 5]]
    assert fig.rows[-1] == ["Ward not known", HIDDEN]
    assert {pk: value for pk, value in fig.ward_values.items() if value != HIDDEN} == {
        moseley.pk: 7,
        ladywood.pk: 5,
    }
    assert set(fig.ward_values.values()) == {7, 5, HIDDEN}  # the others are drawn as hidden, not as 0
    assert not any("total" in str(row[0]).lower() for row in fig.rows)


def test_the_ward_and_interest_table_cannot_be_undone_by_the_city_count():
    """Sport in 69 wards adds up to the city's count for sport, which the page shows: a single
    hidden ward would be given away by subtraction, so another one is hidden with it."""
    wards = list(Ward.objects.order_by("pk"))
    for ward in wards:
        people(5 if ward.slug != "moseley" else 3, ward=ward.slug, interests=["sport"])
    people(6, ward=None, interests=["sport"])
    terms = search_terms()
    sport = Interest.objects.get(slug="sport")
    cells = demand.people_by_ward_interest(terms)
    column = [cells[(ward.id, sport.id)] for ward in wards] + [cells[(None, sport.id)]]
    assert column.count(HIDDEN) == 2  # Moseley's 3, and one other ward's 5 with it
    assert cells[(Ward.objects.get(slug="moseley").id, sport.id)] == HIDDEN
    city = row_for(figure("people-by-interest"), SPORT)[1]
    assert city == 5 * 68 + 3 + 6  # the city count is exact, and so cannot reveal Moseley's 3
    fig = figure("people-by-ward-and-interest")
    assert fig.columns[0] == "Ward" and SPORT in fig.columns
    sport_column = fig.columns.index(SPORT)
    assert [row[sport_column] for row in fig.rows].count(HIDDEN) == 2


# --- Searches ------------------------------------------------------------------------------------------
def test_filters_used_searches_by_ward_and_by_interest_count_the_last_12_months():
    searches(3, interest=["sport"], from_ward="moseley")  # searched from a Moseley postcode
    searches(2, interest=["sport", "music-drama"], day=["mon"])
    searches(1, from_ward="ladywood", ward=["moseley", "ladywood"])  # counted once in Ladywood
    searches(4, words="swimming")
    searches(9, interest=["sport"], days_ago=400)  # too old

    used = figure("search-filters")
    assert row_for(used, "What you enjoy")[1] == 5
    assert row_for(used, "Days")[1] == 2
    assert row_for(used, "Ward")[1] == 1
    assert row_for(used, "Search words")[1] == 4
    assert "10 searches in the last 12 months" in used.note

    by_ward = figure("searches-by-ward")
    moseley, ladywood = Ward.objects.get(slug="moseley"), Ward.objects.get(slug="ladywood")
    assert row_for(by_ward, moseley.name)[1] == 4
    assert row_for(by_ward, ladywood.name)[1] == 1
    assert row_for(by_ward, Ward.objects.get(slug="nechells").name)[1] == 0  # neither from nor for it
    assert by_ward.ward_values[moseley.pk] == 4

    by_interest = figure("searches-by-interest")
    assert by_interest.rows[:2] == [[SPORT, 5], [MUSIC, 2]]


def test_searches_that_found_nothing_most_frequent_first_with_words_only_from_5_searches():
    searches(6, result_count=0, interest=["sport"], day=["sun"])
    searches(5, result_count=0, words="trampolining")
    searches(4, result_count=0, words="jo bloggs", interest=["sport"], day=["sun"])  # might be a name
    searches(3, result_count=0, words="kiln", interest=["sport"], day=["sun"])
    searches(2, result_count=0, words="pottery")
    searches(8, result_count=4, words="bingo")  # found something
    fig = figure("searches-found-nothing")
    texts = [str(row[0]) for row in fig.rows]
    assert [row[1] for row in fig.rows] == [7, 6, 5, 2]
    assert texts[0] == f"What you enjoy: {SPORT}; Days: Sunday; with other words"  # jo bloggs + kiln
    assert texts[1] == f"What you enjoy: {SPORT}; Days: Sunday"
    assert texts[2] == "Search words: “trampolining”"
    assert texts[3] == "Nothing chosen; with other words"
    page = " ".join(texts)
    for private in ("jo bloggs", "kiln", "pottery", "bingo"):
        assert private not in page
    # Rows with words hidden have no link (it would not be the same search); the others do.
    assert not isinstance(fig.rows[0][0], Link)
    assert fig.rows[1][0].href == "/opportunities/?interest=sport&day=sun"
    assert fig.rows[2][0].href == "/opportunities/?q=trampolining"


def test_a_found_nothing_link_runs_the_same_search_again(client):
    searches(5, result_count=0, interest=["sport"], day=["sun"], free=True, postcode_area="B13")
    link = figure("searches-found-nothing").rows[0][0]
    SearchLog.objects.all().delete()
    response = client.get(link.href)
    assert response.status_code == 200
    assert SearchLog.objects.get().filters == {
        "interest": ["sport"],
        "day": ["sun"],
        "free": True,
        "postcode_area": "B13",
    }


# --- The page, its CSVs and who may see them ----------------------------------------------------------------
def test_the_demand_page_and_csvs_never_show_a_hidden_number(client):
    people(4, interests=["music-drama"], ward="ladywood")
    people(6, interests=["sport"], ward="moseley")
    commissioning_client(client)
    response = client.get("/council/insight/demand/")
    assert response.status_code == 200
    assert [f.key for f in response.context["figures"]] == [f.key for f in demand.figures()]
    assert "People with a profile, by what they enjoy" in response.content.decode()

    for fig in demand.figures():
        response = client.get(f"/council/insight/demand/{fig.key}.csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == fig.columns
        cells = [cell for row in rows[1:] for cell in row[1:]]
        assert "4" not in cells  # Ladywood's four music lovers are never written down
    interest_rows = list(
        csv.reader(io.StringIO(client.get("/council/insight/demand/people-by-interest.csv").content.decode()))
    )
    assert [MUSIC, HIDDEN] in interest_rows
    assert [SPORT, "6"] in interest_rows


@pytest.mark.parametrize(
    "roles, status",
    [
        ([User.OfficerRole.COMMISSIONING], 200),
        ([User.OfficerRole.MODERATOR], 403),
        ([User.OfficerRole.SAFEGUARDING], 403),
        ([User.OfficerRole.MODERATOR, User.OfficerRole.SAFEGUARDING], 403),
    ],
)
@pytest.mark.parametrize("url", ["/council/insight/demand/", "/council/insight/demand/people-by-ward.csv"])
def test_only_commissioning_officers_see_demand(client, roles, status, url):
    client.force_login(UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=roles))
    assert client.get(url).status_code == status


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/council/insight/demand/")
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(("recorded", "written"), [("10.00", "£10"), ("7.5", "£7.50"), ("1200", "£1,200")])
def test_a_cost_filter_is_written_in_the_sites_money_style(recorded, written):
    from insight.demand import describe_search
    from opportunities.terms import search_terms

    assert (
        describe_search({"max_cost": recorded}, "", search_terms()) == f"Most to pay for a session: {written}"
    )
