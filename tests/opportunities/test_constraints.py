"""The database itself refuses what must never be stored."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from opportunities.models import Opportunity
from tests.factories import CostFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_minimum_age_above_maximum_is_refused():
    refused(lambda: OpportunityFactory(min_age=65, max_age=18))


def test_equal_and_open_ended_ages_are_allowed():
    assert OpportunityFactory(min_age=18, max_age=18).age_range == "18 to 18"
    assert OpportunityFactory(min_age=50, max_age=None).age_range == "50 and over"
    assert OpportunityFactory(min_age=None, max_age=25).age_range == "Up to 25"


def test_session_ending_before_it_starts_is_refused():
    refused(lambda: SessionFactory(start=datetime.time(14, 0), end=datetime.time(13, 0)))


def test_session_ending_when_it_starts_is_refused():
    refused(lambda: SessionFactory(start=datetime.time(14, 0), end=datetime.time(14, 0)))


def test_weekday_outside_the_week_is_refused():
    refused(lambda: SessionFactory(weekday=7))


def test_negative_price_is_refused():
    refused(lambda: CostFactory(amount=Decimal("-0.01")))


def test_zero_price_is_allowed():
    assert CostFactory(amount=Decimal("0.00")).amount == 0


def test_published_opportunity_needs_a_provider():
    refused(lambda: OpportunityFactory(provider=None, status=Opportunity.Status.PUBLISHED))


def test_draft_opportunity_may_wait_for_a_provider():
    draft = OpportunityFactory(provider=None, status=Opportunity.Status.DRAFT)
    assert draft.pk is not None


def test_publishing_a_provider_less_draft_is_refused():
    draft = OpportunityFactory(provider=None, status=Opportunity.Status.DRAFT)
    refused(lambda: Opportunity.objects.filter(pk=draft.pk).update(status=Opportunity.Status.PUBLISHED))


def test_unknown_delivery_mode_is_refused():
    refused(lambda: OpportunityFactory(delivery=["teleport"]))


def test_unknown_status_is_refused():
    refused(lambda: OpportunityFactory(status="deleted"))
