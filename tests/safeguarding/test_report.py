"""The public 'Report a concern about an adult' page."""

import re
import uuid

import pytest
from django.urls import reverse

from accounts.models import User
from opportunities.models import Opportunity
from safeguarding.models import REFERENCE_ALPHABET, Concern, ConcernSubmission
from safeguarding.services import SUBMISSIONS_PER_HOUR
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("concerns:report")
WHAT = "Carol at the lunch club has bruises on her arms and seemed frightened"


def answers(**changes) -> dict:
    data = {
        "adult_name": "Carol",
        "adult_description": "",
        "place": "The lunch club on Alcester Road",
        "when_happened": "Last Tuesday",
        "what_happened": WHAT,
        "person_knows": "no",
        "reporter_relationship": "Neighbour",
        "contact": "contact",
        "reporter_name": "Sam Jones",
        "reporter_phone": "0121 496 0000",
        "reporter_email": "",
        "website": "",
    }
    data.update(changes)
    return data


def error_summary(response) -> list[tuple[str, str]]:
    """(link target, message) for each line of the GOV.UK error summary."""
    html = response.content.decode()
    summary = html.split('govuk-error-summary__list">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)


def test_the_page_says_what_to_do_in_an_emergency_before_the_form(client):
    html = client.get(URL).content.decode()
    assert "call 999" in html
    assert "0121 303 1234" in html  # Adult Social Care
    assert "0121 675 4806" in html  # the Emergency Duty Team, out of hours
    main = html[html.index('id="main-content"') :]  # the header has the Easy Read switch's form
    assert main.index("call 999") < main.index("<form")


def test_a_concern_with_contact_details_is_saved_and_the_reporter_gets_a_reference(client):
    response = client.post(URL, answers())
    assert response.status_code == 302 and response["Location"] == reverse("concerns:sent")
    concern = Concern.objects.get()
    assert concern.what_happened == WHAT
    assert concern.status == Concern.Status.NEW
    assert not concern.anonymous
    assert (concern.reporter_name, concern.reporter_phone) == ("Sam Jones", "0121 496 0000")
    assert concern.person_knows == Concern.PersonKnows.NO

    sent = client.get(response["Location"]).content.decode()
    assert concern.reference in sent
    assert re.fullmatch(rf"[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{4}}", concern.reference)
    assert str(concern.pk) not in concern.reference


def test_references_are_random_not_counted(client):
    client.post(URL, answers())
    client.post(URL, answers())
    first, second = Concern.objects.order_by("pk").values_list("reference", flat=True)
    assert first != second


def test_the_sent_page_without_a_concern_goes_back_to_the_form(client):
    response = client.get(reverse("concerns:sent"))
    assert response.status_code == 302 and response["Location"] == URL


def test_an_anonymous_concern_keeps_no_contact_details_even_if_typed(client):
    response = client.post(
        URL, answers(contact="anonymous", reporter_name="Sam Jones", reporter_email="sam@example.org")
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.anonymous
    assert (concern.reporter_name, concern.reporter_phone, concern.reporter_email) == ("", "", "")


def test_an_anonymous_concern_needs_no_contact_details(client):
    response = client.post(URL, answers(contact="anonymous", reporter_name="", reporter_phone=""))
    assert response.status_code == 302
    assert Concern.objects.get().anonymous


def test_the_page_says_anonymous_reports_cannot_be_followed_up(client):
    html = client.get(URL).content.decode()
    assert "If you stay anonymous, we cannot tell you what happens next" in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"adult_name": "", "adult_description": ""}, "adult_name", "Enter the person’s name"),
        ({"place": " "}, "place", "Tell us where it happened"),
        ({"what_happened": "   "}, "what_happened", "Tell us what happened"),
        ({"what_happened": "x" * 5001}, "what_happened", "What happened must be 5,000 characters or fewer"),
        ({"person_knows": ""}, "person_knows", "Select whether the person knows you are telling us"),
        ({"person_knows": "perhaps"}, "person_knows", "Select a valid choice"),
        ({"contact": ""}, "contact", "Select whether we can contact you"),
        ({"reporter_name": ""}, "reporter_name", "Enter your name, or choose to stay anonymous"),
        ({"reporter_phone": ""}, "reporter_phone", "Enter a phone number or an email address"),
        ({"reporter_phone": "call me"}, "reporter_phone", "Enter a phone number, like 0121 496 0000"),
        (
            {"reporter_phone": "", "reporter_email": "sam@"},
            "reporter_email",
            "Enter an email address in the correct format",
        ),
    ],
)
def test_each_mistake_gets_a_gov_uk_error_and_nothing_is_saved(client, changes, field, message):
    response = client.post(URL, answers(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("govuk-error-summary__list") == 1
    summary = error_summary(response)
    assert any(target == f"id_{field}" and text.startswith(message) for target, text in summary), summary
    # The link lands on something that exists (the first radio carries the field's id).
    assert f'id="id_{field}"' in html
    assert "<title>Error:" in html
    assert Concern.objects.count() == 0
    # What was typed is still there.
    if changes.get("what_happened", WHAT) == WHAT:
        assert WHAT in html


def test_a_description_will_do_instead_of_a_name(client):
    response = client.post(
        URL, answers(adult_name="", adult_description="An older man who uses a wheelchair")
    )
    assert response.status_code == 302


def test_a_concern_from_a_listing_shows_it_and_links_to_it(client):
    listing = OpportunityFactory(title="Friday lunch club")
    url = f"{URL}?listing={listing.uuid}"
    html = client.get(url).content.decode()
    assert "About:" in html and "Friday lunch club" in html
    # Where it happened is optional when we know the listing.
    response = client.post(url, answers(place=""))
    assert response.status_code == 302
    assert Concern.objects.get().opportunity == listing


@pytest.mark.parametrize("value", ["not-a-uuid", str(uuid.uuid4()), "'; drop table--", "%00", "1" * 500, ""])
def test_an_unknown_or_garbage_listing_is_ignored(client, value):
    page = client.get(URL, {"listing": value})
    assert page.status_code == 200
    assert "About:" not in page.content.decode()
    response = client.post(f"{URL}?listing={value}", answers())
    assert response.status_code == 302
    assert Concern.objects.get().opportunity is None


def test_an_unpublished_listing_is_ignored(client):
    draft = OpportunityFactory(title="Secret draft", status=Opportunity.Status.DRAFT, published_at=None)
    html = client.get(URL, {"listing": str(draft.uuid)}).content.decode()
    assert "Secret draft" not in html


def test_a_filled_in_hidden_field_saves_nothing_and_sends_no_email(client, mailoutbox):
    UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.SAFEGUARDING])
    response = client.post(URL, answers(website="http://spam.example"))
    assert response.status_code == 200
    assert "Concern sent" in response.content.decode()
    assert Concern.objects.count() == 0
    assert mailoutbox == []


def test_one_address_cannot_flood_the_queue(client):
    for _ in range(SUBMISSIONS_PER_HOUR):
        assert client.post(URL, answers(), REMOTE_ADDR="203.0.113.9").status_code == 302
    refused = client.post(URL, answers(), REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert "Phone Adult Social Care on 0121 303 1234" in refused.content.decode()
    assert WHAT in refused.content.decode()  # nothing typed is lost
    assert Concern.objects.count() == SUBMISSIONS_PER_HOUR
    # Someone else is not held up, and the limit keeps no address in the clear.
    assert client.post(URL, answers(), REMOTE_ADDR="198.51.100.20").status_code == 302
    assert not ConcernSubmission.objects.filter(ip_key__contains="203.0.113.9").exists()


def test_anyone_signed_in_may_report(client):
    client.force_login(UserFactory(role=User.Role.PROVIDER))
    assert client.post(URL, answers()).status_code == 302


def test_the_form_and_confirmation_are_never_cached(client):
    assert "no-store" in client.get(URL)["Cache-Control"]
    assert "no-store" in client.post(URL, answers(what_happened=""))["Cache-Control"]


def test_other_methods_are_refused(client):
    assert client.put(URL).status_code == 405
    assert client.post(reverse("concerns:sent")).status_code == 405
