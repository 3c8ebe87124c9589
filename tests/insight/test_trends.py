"""Trends: each main figure counted by calendar month (in Birmingham's time), empty months as 0."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from citizens.models import CitizenProfile, Enquiry
from insight import trends
from opportunities.models import Opportunity, SearchLog
from tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
TODAY = datetime.date(2026, 7, 15)


def at(year, month, day, hour=12, tz=LONDON):
    return datetime.datetime(year, month, day, hour, tzinfo=tz)


def searches(when, count=1, result_count=3):
    made = SearchLog.objects.bulk_create([SearchLog(result_count=result_count) for _ in range(count)])
    SearchLog.objects.filter(pk__in=[s.pk for s in made]).update(created_at=when)


def test_the_last_twelve_months_end_with_this_one_across_a_new_year():
    starts = trends.month_starts(datetime.date(2026, 2, 15))
    assert len(starts) == 12
    assert starts[0] == datetime.date(2025, 3, 1)
    assert starts[-2:] == [datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)]
    assert trends.month_label(starts[-1]) == "February 2026"


def test_each_measure_is_counted_in_its_month_and_empty_months_are_zero():
    searches(at(2026, 7, 2), count=3)
    searches(at(2026, 7, 3), count=2, result_count=0)
    searches(at(2026, 5, 20), count=1, result_count=0)
    searches(at(2025, 6, 30), count=4)  # more than twelve months ago: not counted
    # 23:30 UTC on 30 June is 00:30 on 1 July in Birmingham (summer time): a July search.
    searches(datetime.datetime(2026, 6, 30, 23, 30, tzinfo=UTC))

    OpportunityFactory(published_at=at(2026, 7, 1))
    OpportunityFactory(published_at=at(2026, 3, 9), status=Opportunity.Status.ARCHIVED)  # taken down since
    OpportunityFactory(published_at=None, status=Opportunity.Status.DRAFT)  # never published

    listing = OpportunityFactory(published_at=at(2025, 1, 1))
    for when in (at(2026, 4, 1), at(2026, 4, 30)):
        enquiry = Enquiry.objects.create(opportunity=listing, provider=listing.provider, message="Hello")
        Enquiry.objects.filter(pk=enquiry.pk).update(sent_at=when)
    profile = CitizenProfile.objects.create(preferred_name="Sam")
    CitizenProfile.objects.filter(pk=profile.pk).update(created_at=at(2025, 8, 1))

    starts, counts = trends.monthly_counts(today=TODAY)
    index = {start: i for i, start in enumerate(starts)}
    july, june, may, april, march = (index[datetime.date(2026, m, 1)] for m in (7, 6, 5, 4, 3))
    assert starts[0] == datetime.date(2025, 8, 1)

    assert counts["searches"][july] == 6
    assert counts["searches"][june] == 0
    assert counts["searches"][may] == 1
    assert sum(counts["searches"]) == 7
    assert counts["nothing_found"][july] == 2 and counts["nothing_found"][may] == 1
    assert sum(counts["nothing_found"]) == 3
    assert counts["published"][july] == 1 and counts["published"][march] == 1
    assert sum(counts["published"]) == 2
    assert counts["enquiries"][april] == 2 and sum(counts["enquiries"]) == 2
    assert counts["profiles"][0] == 1 and sum(counts["profiles"]) == 1


def test_the_trend_figures_are_line_charts_with_a_row_per_month(monkeypatch):
    monkeypatch.setattr(trends.timezone, "localdate", lambda: TODAY)
    searches(at(2026, 7, 2), count=2)
    searches(at(2026, 7, 2), count=1, result_count=0)
    figures = {figure.key: figure for figure in trends.figures()}
    assert set(figures) == {"published", "searches", "enquiries", "profiles"}
    assert all(figure.chart == "line" and len(figure.rows) == 12 for figure in figures.values())
    searched = figures["searches"]
    assert searched.columns == ["Month", "Searches", "Searches that found nothing"]
    assert searched.rows[0] == ["August 2025", 0, 0]
    assert searched.rows[-1] == ["July 2026", 3, 1]
    assert "July 2026 is counted so far." in searched.note
