"""Fuzzing the ORUK API from its own OpenAPI document (schemathesis, in-process over WSGI).

For every operation in the served /api/oruk/openapi.json, schemathesis generates requests
(valid and invalid parameters and ids) against a few published listings; no answer may be a
server error, and every answer must match the schema the document declares for its status
(200 pages and objects in ORUK's schemas, 400 and 404 errors in ours), with its declared
content type and status code."""

import datetime

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from opportunities.models import Feature, Interest
from opportunities.search_index import opportunity_index_refresh
from oruk.openapi import document
from tests.factories import CostFactory, OpportunityFactory, SessionFactory, VenueFactory

EXAMPLES = 40  # per operation, positive and negative together: about a minute in all
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


@pytest.fixture
def app():
    """The WSGI app, keeping the test's database connection (and transaction) open between
    requests, as Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def directory(db):
    for n in range(3):
        venue = VenueFactory(address_line_2="Back entrance" if n == 0 else "")
        venue.features.set(Feature.objects.filter(slug__in=["step-free", "hearing-loop"]))
        listing = OpportunityFactory(
            title=f"Walking football {n}", venues=[venue], min_age=18 + n, is_free=n == 2
        )
        listing.interests.set(Interest.objects.filter(slug="sport"))
        SessionFactory(opportunity=listing, weekday=n, start=datetime.time(10 + n), end=datetime.time(12 + n))
        CostFactory(opportunity=listing)
    opportunity_index_refresh()


# One test per operation of the document (read here without a database; the test itself loads
# the document the app serves).
OPERATIONS = [f"GET {path}" for path in document()["paths"]]


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_answers_every_generated_request_within_its_schema(directory, app, label):
    schema = schemathesis.openapi.from_wsgi("/api/oruk/openapi.json", app)
    operation = schema.find_operation_by_label(label)
    assert operation is not None, label
    strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE)

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(checks=CHECKS)

    run()
