import re

import pytest
from django.urls import reverse

from opportunities.models import ListingReport, Opportunity
from tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def report_url(opportunity):
    return reverse("opportunities:report", kwargs={"slug": opportunity.slug})


def test_the_detail_page_links_to_the_report_form(client):
    opportunity = OpportunityFactory()
    assert report_url(opportunity) in client.get(opportunity.get_absolute_url()).content.decode()


def test_a_report_is_stored_for_the_council(client):
    opportunity = OpportunityFactory()
    response = client.post(
        report_url(opportunity),
        {"problem": "stopped", "details": "It finished in March.", "email": "me@example.org"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("opportunities:report-sent", kwargs={"slug": opportunity.slug})
    report = ListingReport.objects.get()
    assert (report.opportunity, report.problem, report.details, report.status) == (
        opportunity,
        "stopped",
        "It finished in March.",
        "open",
    )
    assert "Report sent" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({}, ["Select what is wrong", "Tell us what is wrong"]),
        ({"problem": "nonsense", "details": "x"}, ["Select a valid choice"]),
        ({"problem": "other", "details": "   "}, ["Tell us what is wrong"]),
        ({"problem": "other", "details": "y" * 2001}, ["2,000 characters or fewer"]),
        (
            {"problem": "other", "details": "ok", "email": "not-an-email"},
            ["Enter an email address in the correct format"],
        ),
    ],
)
def test_bad_reports_are_refused_with_messages_and_nothing_is_saved(client, data, messages):
    opportunity = OpportunityFactory()
    response = client.post(report_url(opportunity), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    for message in messages:
        assert message in html
    # Every link in the error summary lands on a field on the page (radios included).
    targets = re.findall(r"govuk-error-summary__list.*?</ul>", html, re.S)[0]
    for target in re.findall(r'href="#([^"]+)"', targets):
        assert f'id="{target}"' in html, target
    assert not ListingReport.objects.exists()


def test_what_was_typed_is_shown_back_after_an_error(client):
    opportunity = OpportunityFactory()
    html = client.post(
        report_url(opportunity), {"details": "The café has moved", "email": "a@b"}
    ).content.decode()
    assert "The café has moved" in html
    assert 'value="a@b"' in html


def test_drafts_cannot_be_reported(client):
    draft = OpportunityFactory(status=Opportunity.Status.DRAFT)
    assert client.get(report_url(draft)).status_code == 404
    assert client.post(report_url(draft), {"problem": "other", "details": "x"}).status_code == 404
