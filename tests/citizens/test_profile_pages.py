"""The profile pages: starting a profile, its parts, carers, handing over, the access log, the
person's own data and deleting it."""

import datetime
import json

import pytest
from django.urls import reverse

from accounts.models import User
from citizens.models import CarerLink, CitizenProfile, Enquiry, ProfileAccess, ProfileDeletion, ShortlistItem
from citizens.services import carer_link_add, profile_create
from opportunities.models import Feature, Interest
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def social_worker(client):
    worker = UserFactory(role=User.Role.SOCIAL_WORKER, full_name="Priya Sandhu")
    client.force_login(worker)
    return worker


@pytest.fixture
def profile(social_worker):
    return profile_create(by=social_worker, preferred_name="Sam")


def url(name, profile, *args):
    return reverse(f"citizens:{name}", args=[profile.uuid, *args])


def test_a_social_worker_starts_a_profile_and_fills_it_in_part_by_part(client, social_worker):
    response = client.post(reverse("citizens:new"), {"preferred_name": "  Sam  "})
    profile = CitizenProfile.objects.get()
    assert profile.preferred_name == "Sam"
    assert profile.social_worker == social_worker
    assert response.status_code == 302
    assert response["Location"] == url("section", profile, "about") + "?new=1"

    response = client.post(
        url("section", profile, "about") + "?new=1",
        {"preferred_name": "Sam", "date_of_birth_0": "27", "date_of_birth_1": "3", "date_of_birth_2": "1990",
         "postcode": "b13 8jp"},
    )  # fmt: skip
    assert response["Location"] == url("section", profile, "interests") + "?new=1"
    profile.refresh_from_db()
    assert profile.date_of_birth == datetime.date(1990, 3, 27)
    assert profile.postcode == "B13 8JP"
    assert profile.ward.slug == "moseley"

    gardening = Interest.objects.get(slug="nature-gardening")
    client.post(
        url("section", profile, "interests"), {"interests": ["nature-gardening"], "good_day": "Outside"}
    )
    client.post(url("section", profile, "needs"), {"needs": ["step-free", "quiet-space"]})
    client.post(url("section", profile, "when"), {"morning": ["1", "3"], "evening": ["6"]})
    client.post(url("section", profile, "travel"), {"travel": ["bus"], "travel_miles": "2.5"})
    client.post(url("section", profile, "money"), {"weekly_budget": "85.50"})
    profile.refresh_from_db()
    assert list(profile.interests.all()) == [gardening]
    assert profile.good_day == "Outside"
    assert set(profile.needs.values_list("slug", flat=True)) == {"step-free", "quiet-space"}
    assert profile.free_slots == [3, 9, 20]  # Tuesday and Thursday mornings, Sunday evening
    assert profile.travel == ["bus"] and str(profile.travel_miles) == "2.5"
    assert str(profile.weekly_budget) == "85.50"

    page = client.get(url("profile", profile)).content.decode()
    assert "Tuesday morning" in page and "Step-free" in page and "£85.50 a week" in page
    changed = ProfileAccess.objects.filter(profile=profile, action="changed").count()
    assert changed == 6


@pytest.mark.parametrize(
    ("section", "data", "message"),
    [
        ("about", {"preferred_name": ""}, "Enter the name they like to be called"),
        ("about", {"preferred_name": "Sam", "postcode": "XX1"}, "Enter a full postcode in Birmingham"),
        (
            "about",
            {
                "preferred_name": "Sam",
                "date_of_birth_0": "31",
                "date_of_birth_1": "2",
                "date_of_birth_2": "1990",
            },
            "Enter a real date",
        ),  # fmt: skip
        (
            "about",
            {
                "preferred_name": "Sam",
                "date_of_birth_0": "1",
                "date_of_birth_1": "1",
                "date_of_birth_2": "2099",
            },
            "Date of birth must be in the past",
        ),  # fmt: skip
        ("travel", {"travel_miles": "far"}, "Enter the distance as a number of miles"),
        ("travel", {"travel": ["rocket"]}, "Select a valid choice"),
        ("money", {"weekly_budget": "-5"}, "The amount cannot be less than £0"),
        ("money", {"weekly_budget": "12.345"}, "Enter the amount in pounds and pence"),
        ("when", {"morning": ["9"]}, "Select a valid choice"),
        ("notes", {"notes": "x" * 2001}, "Anything else that helps must be 2000 characters or fewer"),
    ],
)
def test_bad_answers_get_gov_uk_errors_and_nothing_is_saved(client, profile, section, data, message):
    before = CitizenProfile.objects.values().get(pk=profile.pk)
    response = client.post(url("section", profile, section), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert CitizenProfile.objects.values().get(pk=profile.pk) == before
    # The page showed the profile again, so that is logged as a look, not a change.
    assert not ProfileAccess.objects.filter(profile=profile, action="changed").exists()
    assert ProfileAccess.objects.filter(profile=profile, action="viewed").exists()


@pytest.mark.parametrize("section", ["about", "interests", "needs", "when", "travel", "money", "notes"])
def test_every_part_of_the_profile_shows_its_form(client, profile, section):
    response = client.get(url("section", profile, section))
    assert response.status_code == 200
    assert '<form method="post" novalidate>' in response.content.decode()


def test_the_date_error_links_to_the_day_box(client, profile):
    page = client.post(
        url("section", profile, "about"),
        {"preferred_name": "Sam", "date_of_birth_0": "x", "date_of_birth_1": "1", "date_of_birth_2": "1990"},
    ).content.decode()
    assert 'href="#id_date_of_birth_0"' in page
    assert 'id="id_date_of_birth_0"' in page


def test_a_citizen_starts_their_own_profile_once(client):
    person = UserFactory(role=User.Role.CITIZEN)
    client.force_login(person)
    client.post(reverse("citizens:new"), {"preferred_name": "Jordan"})
    profile = CitizenProfile.objects.get()
    assert profile.person == person and profile.social_worker is None
    response = client.get(reverse("citizens:new"))
    assert response.status_code == 302
    assert CitizenProfile.objects.count() == 1


def test_a_carer_starting_a_profile_records_the_persons_consent(client):
    carer = UserFactory(role=User.Role.CARER)
    client.force_login(carer)
    response = client.post(reverse("citizens:new"), {"preferred_name": "Ann"})
    assert "Enter who agreed" in response.content.decode()
    assert "Select how they agreed" in response.content.decode()
    assert not CitizenProfile.objects.exists()
    client.post(
        reverse("citizens:new"),
        {"preferred_name": "Ann", "consent_given_by": "Ann", "consent_method": "in_person",
         "consent_given_on_0": "1", "consent_given_on_1": "11", "consent_given_on_2": "2026"},
    )  # fmt: skip
    link = CarerLink.objects.get()
    assert link.carer == carer and link.profile.preferred_name == "Ann"
    assert link.consent_method == "in_person" and link.consent_given_on == datetime.date(2026, 11, 1)


def test_providers_and_council_officers_cannot_start_profiles(client):
    for role in (User.Role.PROVIDER, User.Role.COUNCIL_OFFICER):
        client.force_login(UserFactory(role=role))
        assert client.post(reverse("citizens:new"), {"preferred_name": "X"}).status_code == 403
    assert not CitizenProfile.objects.exists()


def test_linking_and_unlinking_a_carer(client, profile, social_worker):
    carer = UserFactory(role=User.Role.CARER, email="bernie@example.org")
    consent = {"consent_given_by": "Sam", "consent_method": "phone", "consent_given_on_0": "2",
               "consent_given_on_1": "11", "consent_given_on_2": "2026"}  # fmt: skip
    response = client.post(url("carers", profile), {"email": "nobody@example.org", **consent})
    assert (
        "There is no carer’s account" in response.content.decode() or "no carer" in response.content.decode()
    )
    response = client.post(url("carers", profile), {"email": "BERNIE@example.org", **consent})
    assert response.status_code == 302
    link = CarerLink.objects.get(profile=profile)
    assert link.carer == carer and link.recorded_by == social_worker
    assert CitizenProfile.objects.visible_to(carer).filter(pk=profile.pk).exists()

    # The carer can see the carers page but cannot add carers or end someone else's link.
    client.force_login(carer)
    assert client.get(url("carers", profile)).status_code == 200
    assert client.post(url("carers", profile), {"email": "x@example.org", **consent}).status_code == 403
    # …and can end their own.
    response = client.post(url("carer-end", profile, link.pk))
    assert response["Location"] == reverse("citizens:list")
    assert not CitizenProfile.objects.visible_to(carer).exists()
    assert client.get(url("profile", profile)).status_code == 404


def test_the_person_ends_a_carers_link(client, profile):
    person = UserFactory(role=User.Role.CITIZEN)
    profile.person = person
    profile.save()
    carer = UserFactory(role=User.Role.CARER)
    link = carer_link_add(profile=profile, carer=carer, by=person, consent_given_by="Sam",
                          consent_method="online", consent_given_on=datetime.date(2026, 11, 1))  # fmt: skip
    client.force_login(person)
    client.post(url("carer-end", profile, link.pk))
    link.refresh_from_db()
    assert link.ended_at is not None and link.ended_by == person
    assert ProfileAccess.objects.filter(profile=profile, action="unlinked", user=person).exists()


def test_handing_over_to_a_colleague(client, profile, social_worker):
    colleague = UserFactory(role=User.Role.SOCIAL_WORKER)
    UserFactory(role=User.Role.COUNCIL_OFFICER)  # never offered
    page = client.get(url("hand-over", profile)).content.decode()
    assert colleague.email in page
    assert "Select the colleague" in client.post(url("hand-over", profile), {}).content.decode()
    officer = User.objects.get(role="council_officer")
    assert (
        "Select a valid choice" in client.post(url("hand-over", profile), {"to": officer.pk}).content.decode()
    )
    client.post(url("hand-over", profile), {"to": colleague.pk})
    profile.refresh_from_db()
    assert profile.social_worker == colleague
    assert client.get(url("profile", profile)).status_code == 404


def test_the_social_worker_links_the_persons_own_account(client, profile, social_worker):
    person = UserFactory(role=User.Role.CITIZEN, email="sam@example.org")
    already = UserFactory(role=User.Role.CITIZEN, email="has@example.org")
    profile_create(by=already, preferred_name="Has one", for_self=True)
    carer = UserFactory(role=User.Role.CARER, email="carer@example.org")
    for email, message in [("", "Enter the email address"), ("has@example.org", "could be linked"),
                           (carer.email, "could be linked"), ("nobody@example.org", "could be linked")]:  # fmt: skip
        page = client.post(url("own-account", profile), {"email": email, "confirm": "on"}).content.decode()
        assert message in page
    assert (
        "Tick the box"
        in client.post(url("own-account", profile), {"email": "sam@example.org"}).content.decode()
    )
    profile.refresh_from_db()
    assert profile.person is None
    client.post(url("own-account", profile), {"email": "SAM@example.org", "confirm": "on"})
    profile.refresh_from_db()
    assert profile.person == person
    assert ProfileAccess.objects.filter(
        profile=profile, action="linked", detail="the person's own account"
    ).exists()
    client.force_login(person)
    assert client.get(url("profile", profile)).status_code == 200
    assert client.get(url("delete", profile)).status_code == 200


def test_only_the_allocated_social_worker_hands_over(client, profile):
    person = UserFactory(role=User.Role.CITIZEN)
    profile.person = person
    profile.save()
    client.force_login(person)
    assert client.get(url("hand-over", profile)).status_code == 403


def test_the_access_log_shows_who_looked(client, profile, social_worker):
    person = UserFactory(role=User.Role.CITIZEN)
    profile.person = person
    profile.save()
    client.get(url("profile", profile))
    client.force_login(person)
    page = client.get(url("access-log", profile)).content.decode()
    assert "Priya Sandhu (social worker)" in page
    assert "Looked at the profile" in page
    assert "Created the profile" in page


def test_the_person_downloads_everything_held(client, profile):
    profile.interests.set(Interest.objects.filter(slug="nature-gardening"))
    profile.needs.set(Feature.objects.filter(slug="step-free"))
    profile.notes = "Likes a quiet start"
    profile.save()
    response = client.get(url("your-data-json", profile))
    assert response["Content-Type"].startswith("application/json")
    assert "Sam" not in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["interests"] == [Interest.objects.get(slug="nature-gardening").name]
    assert data["profile"]["notes"] == "Likes a quiet start"
    assert data["profile"]["reference"] == str(profile.uuid)
    assert ProfileAccess.objects.filter(profile=profile, action="downloaded").exists()
    page = client.get(url("your-data", profile)).content.decode()
    assert "Likes a quiet start" in page and "Step-free" in page


def test_deleting_keeps_only_anonymous_counts(client, profile, social_worker):
    listing = OpportunityFactory()
    ShortlistItem.objects.create(profile=profile, opportunity=listing)
    enquiry = Enquiry.objects.create(
        profile=profile, opportunity=listing, provider=listing.provider, message="Sam would like to come",
        shared={"Name": "Sam"}, consent_confirmed=True,
    )  # fmt: skip
    response = client.post(url("delete", profile), {})
    assert "Tick the box to confirm" in response.content.decode()
    assert CitizenProfile.objects.filter(pk=profile.pk).exists()
    client.post(url("delete", profile), {"confirm": "on"})
    assert not CitizenProfile.objects.filter(pk=profile.pk).exists()
    assert not ShortlistItem.objects.exists() and not ProfileAccess.objects.exists()
    enquiry.refresh_from_db()
    assert enquiry.profile is None and enquiry.message == "" and enquiry.shared == {}
    counts = ProfileDeletion.objects.get()
    assert (counts.shortlisted, counts.enquiries, counts.had_social_worker) == (1, 1, True)


def test_a_carer_cannot_delete_the_profile(client, profile, social_worker):
    carer = UserFactory(role=User.Role.CARER)
    carer_link_add(profile=profile, carer=carer, by=social_worker, consent_given_by="Sam",
                   consent_method="phone", consent_given_on=datetime.date(2026, 11, 1))  # fmt: skip
    client.force_login(carer)
    assert client.post(url("delete", profile), {"confirm": "on"}).status_code == 403
    assert CitizenProfile.objects.filter(pk=profile.pk).exists()


def test_the_caseload_lists_names_and_the_team_only_counts(client, profile, social_worker):
    colleague = UserFactory(role=User.Role.SOCIAL_WORKER, full_name="Alex Jones")
    profile_create(by=colleague, preferred_name="Kim")
    page = client.get(reverse("citizens:list")).content.decode()
    assert "Sam" in page
    assert "Kim" not in page
    assert "Alex Jones" in page


def test_profile_pages_are_not_cached_and_not_indexed(client, profile):
    response = client.get(url("profile", profile))
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
