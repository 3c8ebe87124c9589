"""Listings say when they were last checked; providers are reminded at six months and the listing
leaves search at a year until they confirm it, through a single-use link that needs no password."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from daywell.tokens import token_hash
from opportunities import freshness
from opportunities.freshness import freshness_notices_send
from opportunities.models import FreshnessNotice, ListingEvent, Opportunity
from opportunities.search_index import opportunity_index_refresh
from tests.factories import OpportunityFactory, ProviderMembershipFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(re.escape(settings.SITE_URL) + r"(/opportunities/still-current/([^/\s]+)/)")


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def listing(days_since_check: int, *, email: str = "sam@example.org", **kwargs) -> Opportunity:
    """A published listing whose provider has a member who reads the emails."""
    membership = ProviderMembershipFactory(user__email=email)
    kwargs.setdefault("last_checked_on", days_ago(days_since_check))
    return OpportunityFactory(provider=membership.provider, **kwargs)


def link_in(message) -> tuple[str, str]:
    """(path, token) of the still-current link in an email."""
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1), match.group(2)


def search_titles(client, words: str) -> list[str]:
    return [card["title"] for card in client.get("/opportunities/", {"q": words}).context["cards"]]


# --- Reminders at six months ----------------------------------------------------------------------
def test_a_listing_unchecked_for_183_days_gets_a_reminder_with_a_working_link(client, mailoutbox):
    opportunity = listing(183, title="Pottery for beginners")

    assert freshness_notices_send() == {"reminded": 1, "hidden": 0, "failed": 0}

    [message] = mailoutbox
    assert sorted(message.to) == ["hello@example.org", "sam@example.org"]
    assert message.subject == "Is your listing still right? Pottery for beginners"
    assert f"since {days_ago(183):%-d %B %Y}" in message.body
    hide_on = days_ago(183) + datetime.timedelta(days=settings.FRESHNESS_HIDE_DAYS)
    assert f"we will stop showing it in search results on {hide_on:%-d %B %Y}" in message.body
    path, _ = link_in(message)
    page = client.get(path)
    assert page.status_code == 200
    assert "Pottery for beginners" in page.content.decode()
    assert opportunity.events.filter(kind=ListingEvent.Kind.REMINDED).count() == 1


def test_a_listing_checked_181_days_ago_gets_no_reminder(mailoutbox):
    listing(181)
    assert freshness_notices_send() == {"reminded": 0, "hidden": 0, "failed": 0}
    assert mailoutbox == []
    assert not FreshnessNotice.objects.exists()


def test_running_twice_sends_only_one_reminder(mailoutbox):
    opportunity = listing(183)
    freshness_notices_send()
    assert freshness_notices_send() == {"reminded": 0, "hidden": 0, "failed": 0}
    assert len(mailoutbox) == 1
    assert opportunity.events.filter(kind=ListingEvent.Kind.REMINDED).count() == 1


def test_a_listing_never_confirmed_counts_from_when_it_was_published(mailoutbox):
    published = timezone.now() - datetime.timedelta(days=200)
    listing(0, title="Choir", published_at=published, last_checked_on=None)
    freshness_notices_send()
    [message] = mailoutbox
    assert f"since {timezone.localdate(published):%-d %B %Y}" in message.body


def test_the_database_keeps_only_a_hash_of_the_link(mailoutbox):
    listing(183)
    freshness_notices_send()
    _, token = link_in(mailoutbox[0])
    notice = FreshnessNotice.objects.get()
    assert len(token) >= 40
    assert notice.token_hash == token_hash(token)
    stored = " ".join(str(value) for value in FreshnessNotice.objects.values_list().get())
    assert token not in stored


def test_a_draft_listing_never_gets_a_reminder_or_is_hidden(mailoutbox):
    draft = listing(400, status=Opportunity.Status.DRAFT, published_at=None)
    assert freshness_notices_send() == {"reminded": 0, "hidden": 0, "failed": 0}
    assert mailoutbox == []
    draft.refresh_from_db()
    assert draft.hidden_as_stale_on is None


# --- The still-current link -----------------------------------------------------------------------
@pytest.fixture
def reminded(mailoutbox):
    opportunity = listing(183, title="Walking football")
    freshness_notices_send()
    path, _ = link_in(mailoutbox[0])
    return opportunity, path


def test_opening_the_link_changes_nothing(client, reminded):
    opportunity, path = reminded
    for _ in range(3):  # a mail scanner, a preview and the person
        page = client.get(path)
        assert page.status_code == 200
    assert client.head(path).status_code == 200
    text = page.content.decode()
    assert "Yes, it is all still right" in text
    assert f"Last checked on {days_ago(183):%-d %B %Y}" in text
    assert "Shown in search" in text
    assert opportunity.provider.name in text
    assert opportunity.summary in text
    assert "Something has changed: sign in to update it" in text
    assert reverse("providers:listing", args=[opportunity.provider.slug, opportunity.pk]) in text
    opportunity.refresh_from_db()
    assert opportunity.last_checked_on == days_ago(183)
    assert FreshnessNotice.objects.get().used_at is None
    assert not opportunity.events.filter(kind=ListingEvent.Kind.CONFIRMED).exists()


def test_the_button_confirms_the_listing_and_works_once(reminded):
    opportunity, path = reminded
    browser = Client(enforce_csrf_checks=True)  # as a real browser would: the form must carry its token
    browser.get(path)
    csrf = browser.cookies[settings.CSRF_COOKIE_NAME].value

    done = browser.post(path, {"csrfmiddlewaretoken": csrf})

    assert done.status_code == 200
    assert "The listing is marked as checked today" in done.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.last_checked_on == timezone.localdate()
    event = opportunity.events.get(kind=ListingEvent.Kind.CONFIRMED)
    assert event.who == "Still current link in an email"

    # Months later the same email is opened again: the link is refused and nothing moves.
    Opportunity.objects.filter(pk=opportunity.pk).update(last_checked_on=days_ago(100))
    again = browser.post(path, {"csrfmiddlewaretoken": csrf})
    assert again.status_code == 410
    assert "This link has already been used or has run out" in again.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.last_checked_on == days_ago(100)
    assert opportunity.events.filter(kind=ListingEvent.Kind.CONFIRMED).count() == 1
    assert browser.get(path).status_code == 410


@pytest.mark.parametrize(
    "token", ["nothing-we-ever-sent", "a" * 43, "x" * 101, "with%20a%20space", "%E2%9C%93"]
)
def test_an_unknown_or_garbled_link_is_not_found(client, reminded, token):
    page = client.get(f"/opportunities/still-current/{token}/")
    assert page.status_code == 404
    text = page.content.decode()
    assert "This link has already been used or has run out" in text
    assert reverse("accounts:sign-in") in text
    assert client.post(f"/opportunities/still-current/{token}/").status_code == 404


def test_an_expired_link_is_refused_and_changes_nothing(client, reminded):
    opportunity, path = reminded
    FreshnessNotice.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    page = client.get(path)
    assert page.status_code == 410
    text = page.content.decode()
    assert "This link has already been used or has run out" in text
    assert reverse("providers:listing", args=[opportunity.provider.slug, opportunity.pk]) in text
    assert client.post(path).status_code == 410
    opportunity.refresh_from_db()
    assert opportunity.last_checked_on == days_ago(183)


# --- Hidden at a year -----------------------------------------------------------------------------
def test_at_366_days_the_listing_leaves_search_until_confirmed(client, mailoutbox):
    opportunity = listing(366, title="Birdwatching rambles")
    opportunity_index_refresh()
    assert search_titles(client, "birdwatching") == ["Birdwatching rambles"]

    assert freshness_notices_send() == {"reminded": 0, "hidden": 1, "failed": 0}

    assert search_titles(client, "birdwatching") == []
    detail = client.get(opportunity.get_absolute_url())
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "The provider has not checked this listing for over a year" in text
    assert "It is not shown in search results" in text
    [message] = mailoutbox  # the hidden notice only, not a reminder as well
    assert message.subject == "We have stopped showing your listing in search: Birdwatching rambles"
    assert f"since {days_ago(366):%-d %B %Y}" in message.body
    assert opportunity.events.filter(kind=ListingEvent.Kind.HIDDEN).exists()

    path, _ = link_in(message)
    assert "Hidden from search since" in client.get(path).content.decode()
    done = client.post(path)
    assert "It shows in search results again" in done.content.decode()
    assert search_titles(client, "birdwatching") == ["Birdwatching rambles"]
    assert "has not checked this listing" not in client.get(opportunity.get_absolute_url()).content.decode()


def test_a_hidden_listing_is_not_hidden_or_emailed_again(mailoutbox):
    opportunity = listing(400)
    freshness_notices_send()
    assert freshness_notices_send() == {"reminded": 0, "hidden": 0, "failed": 0}
    assert len(mailoutbox) == 1
    opportunity.refresh_from_db()
    assert opportunity.hidden_as_stale_on == timezone.localdate()


# --- The daily command ----------------------------------------------------------------------------
def test_the_command_can_act_as_if_today_were_another_date(mailoutbox):
    listing(0, last_checked_on=datetime.date(2024, 1, 10), email="ana@example.org")
    listing(0, last_checked_on=datetime.date(2022, 12, 1), email="bo@example.org")
    out = io.StringIO()

    call_command("send_freshness_reminders", "--date", "2024-01-20", stdout=out)
    assert out.getvalue().strip() == "Sent 0 reminders; hid 1 listing not checked for a year."

    call_command("send_freshness_reminders", "--date", "2024-07-20", stdout=out)
    assert out.getvalue().strip().endswith("Sent 1 reminder; hid 0 listings not checked for a year.")
    assert len(mailoutbox) == 2


@pytest.mark.parametrize("bad", ["2024-02-30", "20/01/2024", "tomorrow"])
def test_the_command_explains_a_bad_date(bad, mailoutbox):
    listing(400)
    with pytest.raises(CommandError, match="--date must be a real date written as YYYY-MM-DD"):
        call_command("send_freshness_reminders", "--date", bad, stdout=io.StringIO())
    assert mailoutbox == []


def test_one_listing_failing_does_not_stop_the_others(monkeypatch, mailoutbox):
    listing(183, title="Broken club", email="ana@example.org")
    listing(183, title="Fine club", email="bo@example.org")
    real_event = freshness.listing_event_record

    def event_failing_for_broken_club(opportunity, kind, **kwargs):
        if opportunity.title == "Broken club":
            raise RuntimeError("the database went away")
        return real_event(opportunity, kind, **kwargs)

    monkeypatch.setattr(freshness, "listing_event_record", event_failing_for_broken_club)
    with pytest.raises(CommandError, match="Could not handle 1 listing"):
        call_command("send_freshness_reminders", stdout=io.StringIO())
    assert [message.subject for message in mailoutbox] == ["Is your listing still right? Fine club"]
    assert list(FreshnessNotice.objects.values_list("opportunity__title", flat=True)) == ["Fine club"]

    monkeypatch.undo()  # fixed by the next day: the failed one is tried again, the other not repeated
    assert freshness_notices_send() == {"reminded": 1, "hidden": 0, "failed": 0}
    assert mailoutbox[-1].subject == "Is your listing still right? Broken club"
