"""Search: every filter in the public URL contract, facet counts, sorting, and bad input."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opportunities.models import AudienceGroup, Feature, Interest, Opportunity, PaymentRoute, SearchLog
from opportunities.search_index import opportunity_index_refresh
from places.models import Ward
from tests.factories import CostFactory, OpportunityFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db

# Real postcodes: Moseley (B13 8JP), the city centre (B1 1AA), Sutton Coldfield (B72 1AA area).
MOSELEY = ("B13 8JP", "moseley")
CITY = ("B1 1AA", "ladywood")
SUTTON = ("B72 1AB", None)


def place(postcode):
    from places.models import Postcode

    row = Postcode.objects.select_related("ward").get(postcode=postcode)
    return {"postcode": postcode, "ward": row.ward, "latitude": row.latitude, "longitude": row.longitude}


def listing(title, *, where=MOSELEY, interests=(), features=(), groups=(), payments=(), sessions=(), cost=None,
            **fields):  # fmt: skip
    venues = [VenueFactory(name=f"{title} venue", **place(where[0]))] if where else []
    opportunity = OpportunityFactory(title=title, venues=venues, **fields)
    opportunity.interests.set(Interest.objects.filter(slug__in=interests))
    opportunity.features.set(Feature.objects.filter(slug__in=features))
    opportunity.audiences.set(AudienceGroup.objects.filter(slug__in=groups))
    opportunity.payment_routes.set(PaymentRoute.objects.filter(slug__in=payments))
    for weekday, start, end in sessions:
        SessionFactory(
            opportunity=opportunity, weekday=weekday, start=datetime.time(*start), end=datetime.time(*end)
        )
    if cost is not None:
        CostFactory(opportunity=opportunity, amount=Decimal(cost))
    return opportunity


@pytest.fixture
def directory():
    made = {
        "swim": listing("Adapted swimming", summary="Swimming in a warm pool with a hoist.",
                        interests=["sport"], features=["hoist", "changing-places"], groups=["physical-disability"],
                        payments=["direct-payment"], sessions=[(5, (10, 0), (12, 0))], cost="6.50"),
        "garden": listing("Allotment club", summary="Grow vegetables with friends.", where=CITY,
                          interests=["nature-gardening", "socialising"], features=["step-free"],
                          groups=["learning-disability"], sessions=[(1, (10, 0), (14, 0))], is_free=True),
        "choir": listing("Evening choir", summary="Sing together every Thursday evening.", where=SUTTON,
                         interests=["music-drama"], features=["hearing-loop", "step-free"], groups=["older-people"],
                         payments=["direct-payment", "self-funded"], sessions=[(3, (18, 30), (20, 0))], cost="25.00",
                         min_age=50),
        "pa": listing("Personal assistant for days out", summary="A PA to go out with you.", by_arrangement=True, where=None,
                      interests=["days-out"], payments=["direct-payment"], cost="15.00", max_age=40,
                      delivery=["community", "home"], vacancies=Opportunity.Vacancies.NO),
        "draft": listing("Secret swimming", summary="Not yet public.", interests=["sport"],
                         status=Opportunity.Status.DRAFT),
    }  # fmt: skip
    opportunity_index_refresh()
    return made


def titles(client, **params):
    response = client.get("/opportunities/", params)
    assert response.status_code == 200
    return [card["title"] for card in response.context["cards"]]


def test_lists_only_published_opportunities(client, directory):
    found = titles(client)
    assert set(found) == {
        "Adapted swimming",
        "Allotment club",
        "Evening choir",
        "Personal assistant for days out",
    }


def test_free_text_uses_stemming_and_synonyms(client, directory):
    assert titles(client, q="swim") == ["Adapted swimming"]
    assert titles(client, q="pool") == ["Adapted swimming"]  # synonym of swim
    assert titles(client, q="friends") == ["Allotment club"]  # in the summary
    assert titles(client, q="garden") == ["Allotment club"]  # garden ~ allotment
    assert titles(client, q="singing") == ["Evening choir"]  # stemming: sing/singing


def test_title_outweighs_summary(client, directory):
    directory["garden"].summary = "Grow vegetables, then swim in the lido."
    directory["garden"].save()
    opportunity_index_refresh()
    assert titles(client, q="swimming", sort="relevance") == ["Adapted swimming", "Allotment club"]


def test_misspelt_words_get_a_did_you_mean(client, directory):
    response = client.get("/opportunities/", {"q": "swiming"})
    assert response.context["result"].total == 0
    assert response.context["spelling"][0] == "swimming"
    assert "Did you mean" in response.content.decode()


def test_postcode_and_distance(client, directory):
    near = titles(client, postcode="b138jp", distance="2")
    assert near == ["Adapted swimming"]
    assert set(titles(client, postcode="B13 8JP", distance="5")) == {"Adapted swimming", "Allotment club"}
    cards = client.get("/opportunities/", {"postcode": "B13 8JP"}).context["cards"]
    assert [c["title"] for c in cards][:3] == ["Adapted swimming", "Allotment club", "Evening choir"]
    assert cards[0]["distance"] < 0.5


def test_an_outcode_is_enough(client, directory):
    assert titles(client, postcode="b13", distance="2") == ["Adapted swimming"]


def test_ward_and_constituency(client, directory):
    assert titles(client, ward="moseley") == ["Adapted swimming"]
    ladywood = Ward.objects.get(slug="ladywood").constituency.slug
    assert "Allotment club" in titles(client, constituency=ladywood)
    assert "Adapted swimming" not in titles(client, constituency=ladywood)


def test_interests_match_any_but_access_needs_must_all_be_met(client, directory):
    assert set(titles(client, interest=["sport", "music-drama"])) == {"Adapted swimming", "Evening choir"}
    assert set(titles(client, access=["step-free"])) == {"Allotment club", "Evening choir"}
    assert titles(client, access=["step-free", "hearing-loop"]) == ["Evening choir"]


def test_venue_access_features_count_for_its_opportunities(client, directory):
    venue = directory["garden"].venues.get()
    venue.features.add(Feature.objects.get(slug="changing-places"))
    opportunity_index_refresh()
    assert set(titles(client, access="changing-places")) == {"Adapted swimming", "Allotment club"}


def test_who_it_is_for_and_payment(client, directory):
    assert titles(client, group="older-people") == ["Evening choir"]
    assert set(titles(client, payment="direct-payment")) == {
        "Adapted swimming", "Evening choir", "Personal assistant for days out"}  # fmt: skip


def test_cost(client, directory):
    assert titles(client, free="1") == ["Allotment club"]
    assert set(titles(client, max_cost="10")) == {"Adapted swimming", "Allotment club"}
    # £15 an hour with no sessions counts as £15 for a visit
    assert "Personal assistant for days out" in titles(client, max_cost="15")


def test_days_and_times(client, directory):
    assert set(titles(client, day="sat")) == {"Adapted swimming", "Personal assistant for days out"}
    assert set(titles(client, time="evening")) == {"Evening choir", "Personal assistant for days out"}
    assert set(titles(client, day=["sat", "thu"], time="evening")) == {
        "Evening choir", "Personal assistant for days out"}  # fmt: skip
    assert titles(client, day="tue", time="evening") == ["Personal assistant for days out"]


def test_age_delivery_and_vacancies(client, directory):
    assert "Evening choir" not in titles(client, age="30")
    assert "Personal assistant for days out" not in titles(client, age="60")
    assert titles(client, delivery="home") == ["Personal assistant for days out"]
    assert "Personal assistant for days out" not in titles(client, vacancies="1")


def test_sorting(client, directory):
    assert titles(client, sort="name") == sorted(titles(client, sort="name"))
    directory["choir"].save()  # the most recently updated
    opportunity_index_refresh(ids=[directory["choir"].pk])
    assert titles(client, sort="updated")[0] == "Evening choir"


def test_facet_counts_keep_the_other_filters(client, directory):
    result = client.get("/opportunities/", {"interest": "sport", "payment": "direct-payment"}).context[
        "result"
    ]
    interests = {i.slug: result.counts["interest"].get(i.id, 0) for i in Interest.objects.all()}
    # Ticking music as well would add the choir (direct payment), but never the free allotment.
    assert interests["sport"] == 1
    assert interests["music-drama"] == 1
    assert interests["nature-gardening"] == 0
    payments = {p.slug: result.counts["payment"].get(p.id, 0) for p in PaymentRoute.objects.all()}
    assert payments["direct-payment"] == 1 and payments["self-funded"] == 0
    # Access counts say what ticking one more need would leave.
    access = client.get("/opportunities/", {"access": "step-free"}).context["result"].counts["access"]
    assert access[Feature.objects.get(slug="hearing-loop").id] == 1
    assert access[Feature.objects.get(slug="step-free").id] == 2


def test_the_ward_map_counts_and_links(client, directory):
    response = client.get("/opportunities/", {"interest": "sport"})
    wards = {w.slug: w for w in response.context["map"]["wards"]}
    assert len(wards) == 69
    assert wards["moseley"].count == 1
    assert wards["ladywood"].count == 0
    assert wards["moseley"].url == "?interest=sport&ward=moseley"
    html = response.content.decode()
    assert 'aria-label="Moseley: 1 thing to do"' in html
    assert "<table" in html


def test_nothing_found_suggests_the_filter_to_remove(client, directory):
    response = client.get("/opportunities/", {"interest": "sport", "day": "thu"})
    assert response.context["result"].total == 0
    # Without the day: the Saturday swim. Without the interest: the Thursday choir and the PA,
    # whose days are agreed with each person. The bigger gain comes first.
    first, second = response.context["suggestions"]
    assert (first.count, first.url) == (2, "?day=thu")
    assert (second.count, second.url) == (1, "?interest=sport")
    assert "Nothing matches all of your choices" in response.content.decode()


def test_the_number_of_queries_is_the_same_whatever_the_search(client, directory):
    searches = [
        {},
        {"q": "swim"},
        {"postcode": "B13 8JP", "distance": "3", "sort": "distance"},
        {
            "interest": ["sport", "music-drama"],
            "access": "step-free",
            "payment": "direct-payment",
            "day": "sat",
        },
        {"q": "choir", "ward": ["moseley", "ladywood"], "free": "1", "age": "40", "delivery": "venue"},
        {"q": "swim", "postcode": "B13 8JP", "distance": "5", "interest": "sport"},
        {"q": "swiming", "postcode": "B13 8JP"},  # nothing found: the spelling look-up instead of cards
    ]
    client.get("/opportunities/")  # warm the reference-data cache
    counts = []
    for params in searches:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/opportunities/", params).status_code == 200
        counts.append(len(queries))
    assert max(counts) <= 6, counts


def test_the_number_of_queries_does_not_grow_with_the_results(client, directory):
    client.get("/opportunities/")
    with CaptureQueriesContext(connection) as few:
        client.get("/opportunities/", {"interest": "sport"})
    for n in range(30):
        listing(
            f"Football session {n}",
            interests=["sport"],
            features=["step-free"],
            sessions=[(n % 7, (9, 0), (10, 0))],
        )
    opportunity_index_refresh()
    client.get("/opportunities/")  # the first search after a change reloads the in-memory copy
    with CaptureQueriesContext(connection) as many:
        response = client.get("/opportunities/", {"interest": "sport"})
    assert response.context["result"].total == 31
    assert len(many) == len(few)


def test_a_change_reaches_search_after_one_reload(client, directory):
    client.get("/opportunities/")
    listing("Brand new boccia club", interests=["sport"])
    assert "Brand new boccia club" not in titles(client, interest="sport")  # not refreshed yet
    opportunity_index_refresh()
    with CaptureQueriesContext(connection) as reload:
        assert "Brand new boccia club" in titles(client, interest="sport")
    with CaptureQueriesContext(connection) as steady:
        titles(client, interest="sport")
    # Once per change: the reference lists (6 small queries), the facet values and the facts (2).
    assert len(steady) < len(reload) <= len(steady) + 8


def test_searches_are_recorded_without_the_person(client, directory, django_user_model):
    client.get("/opportunities/", {"postcode": "B13 8JP", "distance": "3", "interest": "sport", "age": "34"})
    log = SearchLog.objects.get()
    assert log.result_count == 1
    assert log.filters == {"interest": ["sport"], "age_band": "30s", "postcode_area": "B13", "distance": 3.0}
    assert log.words == ""
    assert log.ward.slug == "moseley"
    assert "8JP" not in str(log.filters)
    assert not [
        f.name for f in SearchLog._meta.get_fields() if f.name in ("user", "ip", "ip_address", "session")
    ]


def test_later_pages_are_not_recorded_again(client, directory):
    for n in range(25):
        listing(f"Extra club {n}")
    opportunity_index_refresh()
    client.get("/opportunities/", {"page": "2"})
    assert SearchLog.objects.count() == 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"postcode": "ZZ99 9ZZ"}, "Enter a real postcode"),
        ({"postcode": "not a postcode"}, "Enter a real postcode"),
        ({"postcode": "B13", "distance": "-3"}, "Distance must be between"),
        ({"postcode": "B13", "distance": "99999"}, "Distance must be between"),
        ({"postcode": "B13", "distance": "far"}, "Distance must be a number"),
        ({"distance": "3"}, "Enter a postcode to search by distance"),
        ({"age": "abc"}, "Age must be a whole number"),
        ({"max_cost": "-1"}, "must be between £0"),
        ({"interest": "no-such-thing"}, "We could not find the interest"),
        ({"q": "x" * 10_000}, "200 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_message_and_the_rest_of_the_search(client, directory, params, message):
    response = client.get("/opportunities/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "govuk-error-summary" in html
    assert response.context["result"].total == 4  # the faulty filter is left out, the rest still runs


def test_every_error_summary_link_points_at_something_on_the_page(client, directory):
    params = {"postcode": "zz", "distance": "-1", "age": "x", "max_cost": "y", "interest": "nope", "access": "nah",
              "day": "someday", "q": "y" * 300, "sort": "bogus"}  # fmt: skip
    html = client.get("/opportunities/", params).content.decode()
    import re

    targets = re.findall(r'<li><a href="#([^"]+)">', html)
    assert len(targets) == 8
    for target in targets:
        assert f'id="{target}"' in html, target


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", ""])
def test_odd_page_numbers_show_the_first_page(client, directory, page):
    assert client.get("/opportunities/", {"page": page}).status_code == 200


def test_a_page_past_the_end_is_not_found(client, directory):
    assert client.get("/opportunities/", {"page": "2"}).status_code == 404


def test_markup_and_sql_in_parameters_are_harmless(client, directory):
    hostile = "<script>alert(1)</script>' OR 1=1; DROP TABLE opportunities_opportunity; --"
    response = client.get(
        "/opportunities/", {"q": hostile, "postcode": hostile, "interest": hostile, "sort": hostile}
    )
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert Opportunity.objects.count() == 5


@pytest.mark.parametrize(
    "params",
    [
        {"page": "²"},  # str.isdigit() says yes, int() says no
        {"page": "١"},
        {"age": "²"},
        {"age": "٣٤"},
        {"distance": "1e-400", "postcode": "B13"},
        {"distance": "0.0000001", "postcode": "B13"},
        {"max_cost": "1e400"},
        {"max_cost": "NaN"},
        {"postcode": ["B13", "B1 1AA"]},
        {"page": "99999999999999999999999"},
    ],
)
def test_odd_numbers_never_cause_a_server_error(client, directory, params):
    assert client.get("/opportunities/", params).status_code in (200, 404)


def test_nearest_first_pages_show_every_listing_once_even_with_ties(client, directory):
    # 45 listings at the same two venues (ties at every page boundary) and some with no venue.
    for n in range(30):
        listing(f"Same hall club {n:02d}", where=MOSELEY)
    for n in range(10):
        listing(f"City club {n:02d}", where=CITY)
    for n in range(5):
        listing(f"Home visit {n}", where=None)
    opportunity_index_refresh()
    seen = []
    for page in (1, 2, 3):
        response = client.get("/opportunities/", {"postcode": "B13 8JP", "sort": "distance", "page": page})
        cards = response.context["cards"]
        seen += [card["title"] for card in cards]
        for card in cards:
            assert card["distance"] is None or card["distance"] >= 0
            assert "nan" not in response.content.decode().split(card["title"])[1][:300]
    assert len(seen) == len(set(seen)) == response.context["result"].total == 49
    distances = [c["distance"] for p in (1, 2, 3) for c in client.get(
        "/opportunities/", {"postcode": "B13 8JP", "sort": "distance", "page": p}).context["cards"]]  # fmt: skip
    known = [d for d in distances if d is not None]
    assert known == sorted(known) and distances[-1] is None  # no venue comes last


def test_only_the_directory_s_own_words_are_recorded(client, directory):
    client.get("/opportunities/", {"q": "swimming near B13 8JP for John Smith 07700 900123"})
    assert SearchLog.objects.get().words == "swimming"


def test_a_tiny_distance_is_refused_not_ignored(client, directory):
    html = client.get("/opportunities/", {"postcode": "B13", "distance": "1e-400"}).content.decode()
    assert "Distance must be between 0.1 and 50 miles" in html


def test_an_unknown_value_is_shown_beside_its_checkboxes(client, directory):
    html = client.get("/opportunities/", {"interest": "knitting-nope"}).content.decode()
    assert 'id="interest-error"' in html
    assert "We could not find the interest" in html.split('id="interest-error"')[1][:200]
