"""The Easy Read switch: a plain form in every page's header that sets a cookie, and what it changes
on guidance pages, listings and search results."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidance.context_processors import EASY_READ_COOKIE
from opportunities.search_index import opportunity_index_refresh
from tests.factories import OpportunityFactory
from tests.guidance.test_pages import make_page

pytestmark = pytest.mark.django_db
SWITCH = "/guidance/easy-read/"


def test_switching_on_sets_a_year_long_lax_cookie_and_goes_back(client):
    response = client.post(SWITCH, {"on": "1", "next": "/opportunities/?q=garden"})
    assert response.status_code == 302
    assert response["Location"] == "/opportunities/?q=garden"
    cookie = response.cookies[EASY_READ_COOKIE]
    assert cookie.value == "1"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


def test_switching_off_clears_the_cookie(client):
    client.cookies[EASY_READ_COOKIE] = "1"
    response = client.post(SWITCH, {"on": "0", "next": "/guidance/"})
    assert response["Location"] == "/guidance/"
    assert response.cookies[EASY_READ_COOKIE].value == ""
    assert response.cookies[EASY_READ_COOKIE]["max-age"] == 0


@pytest.mark.parametrize(
    "following",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "",
        "guidance/",
    ],
)
def test_only_a_local_address_is_followed(client, following):
    response = client.post(SWITCH, {"on": "1", "next": following})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_version_in_the_address_gives_way_to_the_new_choice(client):
    response = client.post(SWITCH, {"on": "1", "next": "/guidance/getting-there/?version=standard&x=1#top"})
    assert response["Location"] == "/guidance/getting-there/?x=1#top"


def test_the_switch_only_takes_post_and_needs_the_form_token():
    checked = Client(enforce_csrf_checks=True)
    assert checked.get(SWITCH).status_code == 405
    assert checked.post(SWITCH, {"on": "1", "next": "/"}).status_code == 403
    html = checked.get(reverse("home")).content.decode()
    token = checked.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in html
    response = checked.post(SWITCH, {"on": "1", "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_the_header_switch_says_what_it_will_do_on_every_page(client):
    for url in (reverse("home"), reverse("opportunities:list"), reverse("cookies"), "/guidance/"):
        html = client.get(url).content.decode()
        assert f'action="{SWITCH}"' in html, url
        assert '<input type="hidden" name="on" value="1">' in html
        assert f'<input type="hidden" name="next" value="{url}">' in html
        assert ">Switch Easy Read on</button>" in html
    client.cookies[EASY_READ_COOKIE] = "1"
    html = client.get(reverse("home")).content.decode()
    assert '<input type="hidden" name="on" value="0">' in html
    assert ">Switch Easy Read off</button>" in html


def test_the_whole_round_trip_without_javascript(client):
    page = make_page()
    response = client.post(SWITCH, {"on": "1", "next": page.get_absolute_url()}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(page.get_absolute_url(), 302)]
    assert "dw-easy-read-row" in html and "Switch Easy Read off" in html
    response = client.post(SWITCH, {"on": "0", "next": page.get_absolute_url()}, follow=True)
    html = response.content.decode()
    assert "dw-easy-read-row" not in html and "Switch Easy Read on" in html


def test_with_easy_read_on_a_page_opens_in_easy_read_and_the_standard_version_is_a_link_away(client):
    page = make_page()
    client.cookies[EASY_READ_COOKIE] = "1"
    html = client.get(page.get_absolute_url()).content.decode()
    assert "You can get the <strong>bus</strong>." in html
    assert "Read the standard version" in html
    html = client.get(page.get_absolute_url() + "?version=standard").content.decode()
    assert "You can get a <strong>free</strong> bus pass." in html
    assert "Read the Easy Read version" in html


def test_a_cookie_with_another_value_is_off(client):
    page = make_page()
    client.cookies[EASY_READ_COOKIE] = "yes"
    html = client.get(page.get_absolute_url()).content.decode()
    assert "dw-easy-read-row" not in html


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index('<main class="govuk-main-wrapper"') :]


def test_a_listing_shows_its_easy_read_summary_first_when_easy_read_is_on(client):
    listing = OpportunityFactory(
        summary="A weekly gardening group.",
        description="We grow vegetables on an allotment.",
        easy_read_summary="We grow **vegetables**.\n\nWe meet on <Tuesdays>.",
    )
    html = _main(client.get(listing.get_absolute_url()))
    assert "dw-easy-read-summary" not in html
    assert html.index("A weekly gardening group.") < html.index(
        "We grow **vegetables**."
    )  # the inset, lower down

    client.cookies[EASY_READ_COOKIE] = "1"
    html = _main(client.get(listing.get_absolute_url()))
    easy = html.index('<section class="dw-easy-read dw-easy-read-summary"')
    assert easy < html.index("A weekly gardening group.") < html.index("We grow vegetables on an allotment.")
    assert "We meet on &lt;Tuesdays&gt;." in html  # the provider's words, escaped
    assert html.count("We meet on") == 1
    assert '<h2 class="govuk-heading-l">What happens</h2>' in html


def test_a_listing_without_an_easy_read_summary_says_so_with_easy_read_on(client):
    listing = OpportunityFactory(easy_read_summary="")
    note = "There is no Easy Read summary of this activity yet."
    assert note not in client.get(listing.get_absolute_url()).content.decode()
    client.cookies[EASY_READ_COOKIE] = "1"
    html = client.get(listing.get_absolute_url()).content.decode()
    assert "dw-easy-read-summary" not in html
    assert note in html


def test_search_results_show_the_easy_read_summary_when_easy_read_is_on(client):
    OpportunityFactory(title="Allotment club", summary="Standard words.", easy_read_summary="Easy words.")
    OpportunityFactory(title="Choir", summary="Sing with us.", easy_read_summary="")
    opportunity_index_refresh()
    url = reverse("opportunities:list")
    client.get(url)  # caches warmed, so both counts below are like for like
    with CaptureQueriesContext(connection) as standard:
        html = client.get(url).content.decode()
    assert "Standard words." in html and "Easy words." not in html
    client.cookies[EASY_READ_COOKIE] = "1"
    with CaptureQueriesContext(connection) as easy:
        html = client.get(url).content.decode()
    assert "<strong>Easy Read:</strong> Easy words." in html and "Standard words." not in html
    assert len(easy) == len(standard)  # the summary comes with the results, not one query per card
    assert "Sing with us." in html


def test_the_cookies_page_names_the_easy_read_cookie(client):
    html = client.get(reverse("cookies")).content.decode()
    assert "daywell_easy_read" in html
    assert "Easy Read" in html


# --- The switch never loses what someone sent or typed ----------------------------------------------
def test_a_page_shown_in_answer_to_a_form_has_no_switch(client):
    """Going back to the address would lose what was sent: a form with errors comes back empty, and
    a page such as new recovery codes can only be reached by sending its form."""
    url = reverse("accounts:sign-in")
    assert 'action="/guidance/easy-read/"' in client.get(url).content.decode()
    answer = client.post(url, {"username": "someone@example.org", "password": "not-it"})
    html = answer.content.decode()
    assert answer.status_code == 200 and "govuk-error-summary" in html
    assert "someone@example.org" in html
    assert 'action="/guidance/easy-read/"' not in html


def test_a_form_sent_without_its_security_token_gets_a_plain_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(SWITCH, {"on": "1", "next": "/"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your form could not be sent" in html and "Nothing was saved or changed." in html
    assert "CSRF verification failed" not in html
    assert 'href="/cookies/"' in html


def test_a_field_error_starts_with_the_hidden_word_error_marked_for_translation(client):
    """crispy-forms-gds writes "Error:" in English; our copy of its template marks it."""
    html = client.post(reverse("accounts:sign-in"), {"username": "", "password": ""}).content.decode()
    assert '<span class="govuk-visually-hidden">Error:</span>' in html
    from django.template.loader import get_template

    assert get_template("gds/layout/field_errors.html").origin.name.startswith(
        str(settings.BASE_DIR / "templates")
    )
