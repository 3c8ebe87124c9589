"""1,000 random searches: whatever the parameters, the page never fails with a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opportunities.search_index import opportunity_index_refresh
from tests.factories import OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db

PARAMETERS = ["q", "postcode", "distance", "ward", "constituency", "interest", "access", "group", "payment",
              "free", "max_cost", "day", "time", "age", "delivery", "vacancies", "sort", "page"]  # fmt: skip
PLAUSIBLE = ["sport", "moseley", "ladywood", "step-free", "direct-payment", "autism", "mon", "sat", "evening",
             "venue", "online", "1", "0", "3", "10", "-5", "1e309", "NaN", "inf", "B13 8JP", "b13", "SW1A 1AA",
             "relevance", "distance", "name", "updated", "99999999999999999999", "£5", "5.555", "true",
             "²", "١٢", "½", "٣٤", "1e-400", "-0"]  # fmt: skip
nasty_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from(["\x00", "'", '"', "%", "\\"]),
    max_size=60,
)
values = st.lists(st.sampled_from(PLAUSIBLE) | nasty_text, min_size=1, max_size=3)
searches = st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=8)


@pytest.fixture
def small_directory():
    for n in range(3):
        SessionFactory(opportunity=OpportunityFactory(title=f"Walking football {n}"), weekday=n)
    opportunity_index_refresh()


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=searches)
def test_no_search_causes_a_server_error(client, small_directory, params):
    query = [(key, value) for key, vals in params.items() for value in vals]
    response = client.get("/opportunities/", query)
    assert response.status_code in (200, 404), (query, response.status_code)
    if response.status_code == 404:
        assert any(key == "page" for key, _ in query)
