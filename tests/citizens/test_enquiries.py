"""Enquiries: sent from a person's profile with their consent, answered in the provider's workspace."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from citizens.enquiries import enquiry_answer, enquiry_send, free_slots_text
from citizens.models import Enquiry, ProfileAccess
from citizens.services import carer_link_add, profile_create
from opportunities.models import Feature, Interest, Opportunity
from tests.factories import OpportunityFactory, ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Is there a place on Tuesdays? Can Sam visit first?"


@pytest.fixture
def people():
    """Sam's profile, kept by a social worker, with Sam's own account and a linked carer; a listed
    opportunity of a provider with one member."""
    social_worker = UserFactory(role=User.Role.SOCIAL_WORKER, full_name="Priya Sandhu")
    profile = profile_create(by=social_worker, preferred_name="Sam")
    profile.person = UserFactory(role=User.Role.CITIZEN, full_name="Samira Khan")
    profile.date_of_birth = datetime.date(1990, 1, 1)
    profile.free_slots = [3, 4, 14]  # Tuesday morning and afternoon, Friday evening
    profile.travel = ["bus", "driven"]
    profile.travel_miles = Decimal("3.0")
    profile.save()
    profile.needs.set(Feature.objects.filter(slug__in=["changing-places", "autism-friendly"]))
    profile.interests.set(Interest.objects.filter(slug__in=["nature-gardening", "cooking-food"]))
    carer = UserFactory(role=User.Role.CARER)
    carer_link_add(
        profile=profile,
        carer=carer,
        by=social_worker,
        consent_given_by="Sam",
        consent_method="in_person",
        consent_given_on=datetime.date(2026, 1, 5),
    )
    membership = ProviderMembershipFactory(user__email="owner@example.org", provider__name="Moseley Growers")
    opportunity = OpportunityFactory(provider=membership.provider, title="Allotment club")
    return {
        "profile": profile,
        "person": profile.person,
        "carer": carer,
        "social_worker": social_worker,
        "member": membership.user,
        "provider": membership.provider,
        "opportunity": opportunity,
    }


def new_url(people, opportunity=None):
    return reverse(
        "citizens:enquiry-new", args=[people["profile"].uuid, (opportunity or people["opportunity"]).pk]
    )


def send(client, people, **data):
    client.force_login(people["social_worker"])
    return client.post(
        new_url(people), {"message": MESSAGE, "share": ["name", "needs"], "consent": "on", **data}
    )


def test_the_form_offers_the_profiles_details_and_asks_for_the_persons_agreement(client, people):
    client.force_login(people["social_worker"])
    page = client.get(new_url(people)).content.decode()
    assert "What can we share with Moseley Growers?" in page
    assert "Sam agrees to share these details" in page
    for hint in (
        "Changing Places toilet",
        "Tuesday morning and afternoon; Friday evening",
        people["social_worker"].email,
    ):
        assert hint in page
    client.force_login(people["person"])
    assert "I agree to share these details" in client.get(new_url(people)).content.decode()


def test_sending_shares_a_copy_of_only_the_chosen_details(client, people, mailoutbox):
    response = send(client, people)
    enquiry = Enquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:enquiry", args=[people["profile"].uuid, enquiry.pk])
    assert enquiry.shared == {
        "Name": "Sam",
        "Access and support needs": "Autism-friendly, Changing Places toilet",
    }
    assert (enquiry.status, enquiry.provider, enquiry.sent_by) == (
        "sent",
        people["provider"],
        people["social_worker"],
    )
    assert enquiry.message == MESSAGE and enquiry.consent_confirmed

    # A later change to the profile does not change what was shared.
    people["profile"].preferred_name = "Samantha"
    people["profile"].save()
    enquiry.refresh_from_db()
    assert enquiry.shared["Name"] == "Sam"


def test_free_times_are_written_out_by_day():
    assert (
        free_slots_text([14, 0, 1, 2, 5])
        == "Monday morning, afternoon and evening; Tuesday evening; Friday evening"
    )


def test_the_list_speaks_to_the_person_on_their_own_profile(client, people):
    client.force_login(people["person"])
    assert (
        "things you might like to do"
        in client.get(reverse("citizens:enquiries", args=[people["profile"].uuid])).content.decode()
    )
    client.force_login(people["social_worker"])
    assert (
        "things Sam might like to do"
        in client.get(reverse("citizens:enquiries", args=[people["profile"].uuid])).content.decode()
    )


def test_every_detail_can_be_shared_as_plain_words(client, people):
    send(client, people, share=["name", "age", "needs", "interests", "free", "travel", "email"])
    shared = Enquiry.objects.get().shared
    today = datetime.date.today()
    assert shared["Age"] == str(today.year - 1990 - ((today.month, today.day) < (1, 1)))
    assert shared["Interests"] == "Cooking and food, Nature and gardening"
    assert shared["Free days and times"] == "Tuesday morning and afternoon; Friday evening"
    assert shared["How they travel"] == "Bus, train or tram, Someone drives them, up to 3 miles"
    assert shared["Email address to reply to"] == people["social_worker"].email


def test_a_detail_not_offered_is_never_shared(client, people):
    people["profile"].date_of_birth = None
    people["profile"].save()
    send(client, people, share=["age", "notes", "postcode", "name"])
    assert Enquiry.objects.get().shared == {"Name": "Sam"}


def test_the_providers_email_says_only_that_there_is_an_enquiry(client, people, mailoutbox):
    send(client, people, share=["name", "needs", "email"])
    (email,) = mailoutbox
    assert email.subject == "New enquiry about Allotment club"
    assert sorted(email.to) == ["hello@example.org", "owner@example.org"]
    enquiry = Enquiry.objects.get()
    assert reverse("providers:enquiry", args=[people["provider"].slug, enquiry.pk]) in email.body
    for private in ("Sam", "Changing Places", "Autism", MESSAGE, "Tuesday", people["social_worker"].email,
                    str(people["profile"].uuid)):  # fmt: skip
        assert private not in email.body and private not in email.subject


def test_sending_is_logged_as_a_change_to_the_profile(client, people):
    client.force_login(people["social_worker"])
    client.get(new_url(people))
    send(client, people)
    details = list(
        people["profile"].accesses.filter(user=people["social_worker"]).values_list("action", "detail")
    )
    assert details[:2] == [
        (ProfileAccess.Action.CHANGED, "enquiry"),
        (ProfileAccess.Action.VIEWED, "new enquiry"),
    ]


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"consent": ""}, ["Select to confirm that Sam agrees to share these details"]),
        ({"message": "   "}, ["Enter your message"]),
        ({"message": "x" * 2001}, ["Your message must be 2,000 characters or fewer"]),
        ({"message": "", "consent": ""}, ["Enter your message", "Select to confirm that Sam agrees"]),
    ],
)
def test_bad_input_shows_errors_and_sends_nothing(client, people, mailoutbox, data, errors):
    before = people["profile"].accesses.count()
    response = send(client, people, **data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "<title>Error:" in page
    for error in errors:
        assert error in page
    summary_links = re.findall(r'<li><a href="#([^"]+)"', page)
    for target in summary_links:
        assert f'id="{target}"' in page, target
    assert not Enquiry.objects.exists() and not mailoutbox
    # The form was shown again: logged as a view, not a change.
    new_entries = people["profile"].accesses.all()[: people["profile"].accesses.count() - before]
    assert [(e.action, e.detail) for e in new_entries] == [(ProfileAccess.Action.VIEWED, "new enquiry")]


def test_the_service_refuses_an_enquiry_without_consent(people):
    with pytest.raises(ValueError, match="agreement"):
        enquiry_send(profile=people["profile"], opportunity=people["opportunity"], by=people["person"],
                     message=MESSAGE, share=[], consent=False)  # fmt: skip
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize(
    "change", [{"status": Opportunity.Status.DRAFT}, {"status": Opportunity.Status.ARCHIVED},
               {"hidden_as_stale_on": datetime.date(2026, 1, 1)}],
)  # fmt: skip
def test_an_unlisted_opportunity_cannot_be_asked_about(client, people, change):
    Opportunity.objects.filter(pk=people["opportunity"].pk).update(**change)
    client.force_login(people["social_worker"])
    assert client.get(new_url(people)).status_code == 404
    assert send(client, people).status_code == 404
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize("who", ["person", "carer", "social_worker"])
def test_everyone_acting_for_the_person_can_send_one(client, people, who):
    client.force_login(people[who])
    response = client.post(new_url(people), {"message": MESSAGE, "consent": "on"})
    assert response.status_code == 302
    assert Enquiry.objects.get().sent_by == people[who]


@pytest.mark.parametrize(
    "role", [User.Role.CARER, User.Role.SOCIAL_WORKER, User.Role.PROVIDER, User.Role.COUNCIL_OFFICER]
)
def test_nobody_else_can_send_or_read_one(client, people, role):
    enquiry = enquiry_send(profile=people["profile"], opportunity=people["opportunity"], by=people["person"],
                           message=MESSAGE, share=["name"], consent=True)  # fmt: skip
    uuid = people["profile"].uuid
    # Another carer or social worker, the provider's own member, a council officer.
    client.force_login(people["member"] if role == User.Role.PROVIDER else UserFactory(role=role))
    for url in (new_url(people), reverse("citizens:enquiries", args=[uuid]),
                reverse("citizens:enquiry", args=[uuid, enquiry.pk])):  # fmt: skip
        assert client.get(url).status_code == 404, url
        posted = client.post(url, {"message": MESSAGE, "consent": "on", "status": "starting"})
        assert posted.status_code in (404, 405), url
    enquiry.refresh_from_db()
    assert Enquiry.objects.count() == 1 and enquiry.status == "sent"


def test_signed_out_visitors_are_asked_to_sign_in(client, people):
    response = client.get(new_url(people))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


# --- The provider's side ---------------------------------------------------------------------------
@pytest.fixture
def enquiry(people):
    return enquiry_send(
        profile=people["profile"],
        opportunity=people["opportunity"],
        by=people["social_worker"],
        message=MESSAGE,
        share=["name", "needs"],
        consent=True,
    )


def provider_url(people, enquiry, slug=None):
    return reverse("providers:enquiry", args=[slug or people["provider"].slug, enquiry.pk])


def test_the_provider_sees_the_message_and_only_the_shared_details(client, people, enquiry):
    client.force_login(people["member"])
    listing = client.get(reverse("providers:enquiries", args=[people["provider"].slug])).content.decode()
    assert "Allotment club" in listing and "Sam" in listing and ">New<" in listing
    page = client.get(provider_url(people, enquiry)).content.decode()
    assert "Is there a place on Tuesdays?" in page
    assert "Changing Places toilet" in page and "Sam" in page
    for unshared in ("Cooking and food", "Tuesday morning", people["social_worker"].email, "Samira", "Priya"):
        assert unshared not in page
    assert "Their social worker" in page
    assert (
        "Enquiries (1 new)"
        in client.get(reverse("providers:detail", args=[people["provider"].slug])).content.decode()
    )


def test_the_providers_reading_is_not_in_the_persons_access_log(client, people, enquiry):
    before = people["profile"].accesses.count()
    client.force_login(people["member"])
    client.get(provider_url(people, enquiry))
    assert people["profile"].accesses.count() == before


def test_another_provider_cannot_see_or_answer_it(client, people, enquiry):
    other = ProviderMembershipFactory()
    client.force_login(other.user)
    for slug in (people["provider"].slug, other.provider.slug):
        url = provider_url(people, enquiry, slug)
        assert client.get(url).status_code == 404
        assert client.post(url, {"suitable": "yes", "reply": "Come along"}).status_code == 404
    page = client.get(reverse("providers:enquiries", args=[other.provider.slug])).content.decode()
    assert "Allotment club" not in page
    assert client.get(reverse("providers:enquiries", args=[people["provider"].slug])).status_code == 404
    enquiry.refresh_from_db()
    assert enquiry.reply == "" and enquiry.status == "sent"


def test_the_person_side_cannot_use_the_provider_pages(client, people, enquiry):
    client.force_login(people["social_worker"])
    assert client.get(provider_url(people, enquiry)).status_code == 404


def test_answering_records_the_reply_and_emails_the_sender_without_its_content(
    client, people, enquiry, mailoutbox
):
    mailoutbox.clear()
    client.force_login(people["member"])
    reply = "Yes, we have a place on Tuesdays. Sam is welcome to visit."
    response = client.post(provider_url(people, enquiry), {"suitable": "yes", "reply": reply})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.reply, enquiry.answered_by) == ("answered", reply, people["member"])
    assert enquiry.answered_at is not None
    (email,) = mailoutbox
    assert email.to == [people["social_worker"].email]
    assert email.subject == "The provider has answered your enquiry"
    assert "Tuesdays" not in email.body and "Allotment" not in email.body and "Sam" not in email.body
    assert reverse("citizens:enquiry", args=[people["profile"].uuid, enquiry.pk]) in email.body
    # The person's side reads it.
    client.force_login(people["person"])
    page = client.get(reverse("citizens:enquiry", args=[people["profile"].uuid, enquiry.pk])).content.decode()
    assert reply in page and "Answered" in page


def test_the_provider_can_say_it_is_not_suitable_with_a_reason(client, people, enquiry):
    client.force_login(people["member"])
    client.post(
        provider_url(people, enquiry), {"suitable": "no", "reply": "We have no Changing Places toilet."}
    )
    enquiry.refresh_from_db()
    assert enquiry.status == "not_suitable" and enquiry.reply == "We have no Changing Places toilet."


@pytest.mark.parametrize(
    ("data", "error"),
    [({"suitable": "yes", "reply": " "}, "Enter your reply"),
     ({"reply": "Hello"}, "Select whether this activity could be right for them"),
     ({"suitable": "maybe", "reply": "Hello"}, "Select a valid choice")],
)  # fmt: skip
def test_a_bad_answer_shows_errors_and_saves_nothing(client, people, enquiry, mailoutbox, data, error):
    mailoutbox.clear()
    client.force_login(people["member"])
    page = client.post(provider_url(people, enquiry), data).content.decode()
    assert "There is a problem" in page and error in page
    for target in re.findall(r'<li><a href="#([^"]+)"', page):
        assert f'id="{target}"' in page, target
    enquiry.refresh_from_db()
    assert enquiry.status == "sent" and enquiry.reply == "" and not mailoutbox


def test_an_enquiry_is_answered_once(client, people, enquiry):
    enquiry_answer(enquiry=enquiry, by=people["member"], reply="First")
    client.force_login(people["member"])
    page = client.get(provider_url(people, enquiry)).content.decode()
    assert 'name="reply"' not in page and "First" in page
    client.post(provider_url(people, enquiry), {"suitable": "yes", "reply": "Second"})
    enquiry.refresh_from_db()
    assert enquiry.reply == "First"


def test_no_email_goes_to_a_sender_who_can_no_longer_see_the_profile(people, mailoutbox):
    enquiry = enquiry_send(profile=people["profile"], opportunity=people["opportunity"], by=people["carer"],
                           message=MESSAGE, share=[], consent=True)  # fmt: skip
    people["profile"].carer_links.update(ended_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC))
    mailoutbox.clear()
    enquiry_answer(enquiry=enquiry, by=people["member"], reply="Hello")
    assert not mailoutbox


def test_after_the_profile_is_deleted_the_provider_sees_that_and_cannot_answer(client, people, enquiry):
    Enquiry.objects.filter(pk=enquiry.pk).update(profile=None, message="", shared={}, reply="")
    client.force_login(people["member"])
    page = client.get(provider_url(people, enquiry)).content.decode()
    assert "The person has deleted their profile" in page and 'name="reply"' not in page
    listing = client.get(reverse("providers:enquiries", args=[people["provider"].slug])).content.decode()
    assert "Profile deleted" in listing
    assert client.post(provider_url(people, enquiry), {"suitable": "yes", "reply": "Hi"}).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.reply == "" and enquiry.answered_at is None
    assert (
        "Enquiries (0 new)"
        in client.get(reverse("providers:detail", args=[people["provider"].slug])).content.decode()
    )


# --- The person's side: the list, the reply and how it turned out -----------------------------------
def test_the_persons_side_lists_enquiries_and_each_view_is_logged(client, people, enquiry):
    client.force_login(people["carer"])
    uuid = people["profile"].uuid
    page = client.get(reverse("citizens:enquiries", args=[uuid])).content.decode()
    assert "Allotment club" in page and "Moseley Growers" in page and ">Sent<" in page
    page = client.get(reverse("citizens:enquiry", args=[uuid, enquiry.pk])).content.decode()
    assert MESSAGE in page and "Changing Places toilet" in page and "No reply yet" in page
    views = (
        people["profile"]
        .accesses.filter(user=people["carer"], action="viewed")
        .values_list("detail", flat=True)
    )
    assert sorted(views) == ["enquiries", "enquiry"]


@pytest.mark.parametrize(
    ("who", "status"), [("person", "starting"), ("carer", "not_suitable"), ("social_worker", "starting")]
)
def test_the_persons_side_says_how_it_turned_out(client, people, enquiry, who, status):
    client.force_login(people[who])
    url = reverse("citizens:enquiry", args=[people["profile"].uuid, enquiry.pk])
    assert client.post(url, {"status": status}).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == status and enquiry.status_changed_at is not None
    entry = people["profile"].accesses.first()
    assert (entry.user, entry.action, entry.detail) == (people[who], ProfileAccess.Action.CHANGED, "enquiry")


@pytest.mark.parametrize("status", ["answered", "sent", "", "deleted"])
def test_the_persons_side_cannot_set_any_other_status(client, people, enquiry, status):
    client.force_login(people["person"])
    url = reverse("citizens:enquiry", args=[people["profile"].uuid, enquiry.pk])
    page = client.post(url, {"status": status}).content.decode()
    assert "There is a problem" in page and 'id="status-starting"' in page
    enquiry.refresh_from_db()
    assert enquiry.status == "sent"
    assert people["profile"].accesses.first().action == ProfileAccess.Action.VIEWED


def test_an_enquiry_from_another_profile_is_a_404(client, people, enquiry):
    other = profile_create(by=people["social_worker"], preferred_name="Alex")
    client.force_login(people["social_worker"])
    assert client.get(reverse("citizens:enquiry", args=[other.uuid, enquiry.pk])).status_code == 404
    assert (
        client.post(
            reverse("citizens:enquiry", args=[other.uuid, enquiry.pk]), {"status": "starting"}
        ).status_code
        == 404
    )
