"""Reviews: how things are going against the four "good day" questions, recorded and seen over time."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.models import User
from citizens.models import ProfileAccess, Review
from citizens.review_forms import QUESTIONS
from citizens.reviews import review_record, review_trends
from citizens.services import carer_link_add, profile_create
from tests.factories import ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SCORES = {"purpose": 3, "ordinary_places": 1, "right_support": 4, "meeting_people": 2}


@pytest.fixture
def people():
    social_worker = UserFactory(role=User.Role.SOCIAL_WORKER, full_name="Priya Sandhu")
    profile = profile_create(by=social_worker, preferred_name="Sam")
    profile.person = UserFactory(role=User.Role.CITIZEN, full_name="Sam Khan")
    profile.save()
    carer = UserFactory(role=User.Role.CARER, full_name="Bernadette O'Neill")
    carer_link_add(
        profile=profile,
        carer=carer,
        by=social_worker,
        consent_given_by="Sam",
        consent_method="in_person",
        consent_given_on=datetime.date(2026, 1, 5),
    )
    return {"profile": profile, "person": profile.person, "carer": carer, "social_worker": social_worker}


def new_url(people):
    return reverse("citizens:review-new", args=[people["profile"].uuid])


def form_data(day: datetime.date | None = None, **changes):
    day = day or datetime.date.today()
    data = {"reviewed_on_0": day.day, "reviewed_on_1": day.month, "reviewed_on_2": day.year,
            "notes": "Enjoying the allotment. Wants to try the café on Fridays.", **SCORES}  # fmt: skip
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_four_questions_are_the_models_four(people):
    assert [q[0] for q in QUESTIONS] == [name for name, _ in Review.QUESTIONS]


@pytest.mark.parametrize("who", ["person", "carer", "social_worker"])
def test_a_review_is_recorded_with_its_scores_and_logged(client, people, who):
    client.force_login(people[who])
    day = datetime.date.today() - datetime.timedelta(days=3)
    response = client.post(new_url(people), form_data(day))
    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:reviews", args=[people["profile"].uuid])
    review = Review.objects.get()
    assert (review.profile, review.reviewed_on, review.recorded_by) == (people["profile"], day, people[who])
    assert {name: getattr(review, name) for name in SCORES} == SCORES
    assert review.notes.startswith("Enjoying the allotment")
    entry = people["profile"].accesses.first()
    assert (entry.user, entry.action, entry.detail) == (people[who], ProfileAccess.Action.CHANGED, "review")


def test_the_form_starts_with_today_and_asks_in_plain_words(client, people):
    client.force_login(people["social_worker"])
    page = client.get(new_url(people)).content.decode()
    today = datetime.date.today()
    assert f'name="reviewed_on_0" value="{today.day}"' in page
    assert f'name="reviewed_on_2" value="{today.year}"' in page
    assert "Does Sam do things that give their day a purpose?" in page
    assert "Yes, a lot" in page and "Not yet" in page
    client.force_login(people["person"])
    assert "Do you meet people and make friends?" in client.get(new_url(people)).content.decode()


TODAY = datetime.date.today()


@pytest.mark.parametrize(
    ("changes", "error", "target"),
    [
        ({"reviewed_on_0": "", "reviewed_on_1": "", "reviewed_on_2": ""}, "Enter the date of the review",
         "id_reviewed_on_0"),
        ({"reviewed_on_1": ""}, "The date of the review must include a month", "id_reviewed_on_1"),
        ({"reviewed_on_0": "", "reviewed_on_2": ""}, "The date of the review must include a day and year",
         "id_reviewed_on_0"),
        ({"reviewed_on_0": "31", "reviewed_on_1": "2", "reviewed_on_2": "2025"},
         "The date of the review must be a real date", "id_reviewed_on_0"),
        ({"reviewed_on_0": "tomorrow"}, "The date of the review must be a real date", "id_reviewed_on_0"),
        ({"reviewed_on_2": "26"}, "Year must include 4 numbers", "id_reviewed_on_2"),
        ({"reviewed_on_2": str(TODAY.year + 1)}, "The date of the review must be today or in the past",
         "id_reviewed_on_0"),
        ({"reviewed_on_2": "1999"}, "The date of the review must be in 2000 or later", "id_reviewed_on_2"),
        ({"purpose": None}, "Select an answer about doing things that give the day a purpose", "id_purpose"),
        ({"meeting_people": "5"}, "Select an answer about meeting people and making friends",
         "id_meeting_people"),
        ({"notes": "x" * 2001}, "Notes must be 2,000 characters or fewer", "id_notes"),
    ],
)  # fmt: skip
def test_bad_input_shows_errors_linked_to_the_field_and_saves_nothing(client, people, changes, error, target):
    client.force_login(people["social_worker"])
    before = people["profile"].accesses.count()
    page = client.post(new_url(people), form_data(**changes)).content.decode()
    assert "There is a problem" in page and "<title>Error:" in page
    assert f'<li><a href="#{target}">{error}</a></li>' in page
    for link in re.findall(r'<li><a href="#([^"]+)"', page):
        assert f'id="{link}"' in page, link
    assert not Review.objects.exists()
    entries = list(people["profile"].accesses.all()[: people["profile"].accesses.count() - before])
    assert [(e.action, e.detail) for e in entries] == [(ProfileAccess.Action.VIEWED, "new review")]


def test_a_future_date_is_refused_by_one_day(client, people):
    client.force_login(people["person"])
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    page = client.post(new_url(people), form_data(tomorrow)).content.decode()
    assert "must be today or in the past" in page
    assert not Review.objects.exists()


def test_missing_scores_are_each_named(client, people):
    client.force_login(people["social_worker"])
    data = form_data(purpose=None, ordinary_places=None, right_support=None, meeting_people=None)
    page = client.post(new_url(people), data).content.decode()
    for field in SCORES:
        assert f'<li><a href="#id_{field}">' in page
        assert f'id="id_{field}"' in page  # the first radio of the group


def test_the_reviews_page_shows_them_over_time_newest_first(client, people):
    profile = people["profile"]
    review_record(profile=profile, by=people["social_worker"], reviewed_on=datetime.date(2026, 1, 10),
                  scores={"purpose": 1, "ordinary_places": 1, "right_support": 2, "meeting_people": 1},
                  notes="First chat.")  # fmt: skip
    review_record(profile=profile, by=people["person"], reviewed_on=datetime.date(2026, 3, 2), scores=SCORES,
                  notes="Loves the allotment.")  # fmt: skip
    client.force_login(people["carer"])
    page = client.get(reverse("citizens:reviews", args=[profile.uuid])).content.decode()
    assert page.index("2 Mar 2026") < page.index("10 Jan 2026")
    assert "Priya Sandhu (social worker)" in page
    assert "Sam Khan (Sam’s own review)" in page
    assert "Loves the allotment." in page and "First chat." in page
    # The charts have words for what they show, and the latest answer with how it changed is written out.
    assert 'aria-label="Purpose, oldest first. 10 January 2026: Not yet; 2 March 2026: Mostly."' in page
    assert "Latest: <strong>Mostly</strong>, better than last time" in page
    assert "Latest: <strong>Not yet</strong>, the same as last time" in page
    entry = profile.accesses.first()
    assert (entry.user, entry.action, entry.detail) == (
        people["carer"],
        ProfileAccess.Action.VIEWED,
        "reviews",
    )


def test_trends_are_drawn_higher_for_better_answers(people):
    profile = people["profile"]
    low = review_record(profile=profile, by=people["person"], reviewed_on=datetime.date(2026, 1, 1),
                        scores=dict.fromkeys(SCORES, 1))  # fmt: skip
    high = review_record(profile=profile, by=people["person"], reviewed_on=datetime.date(2026, 2, 1),
                         scores=dict.fromkeys(SCORES, 4))  # fmt: skip
    (purpose, *_) = review_trends([high, low])
    first, second = purpose["points"]
    assert first["word"] == "Not yet" and second["word"] == "Yes, a lot"
    assert second["y"] < first["y"] and second["x"] > first["x"]  # up and to the right on the chart


@pytest.mark.parametrize(
    "role", [User.Role.CARER, User.Role.SOCIAL_WORKER, User.Role.COUNCIL_OFFICER, "member"]
)
def test_nobody_else_can_see_or_record_reviews(client, people, role):
    review_record(profile=people["profile"], by=people["person"], reviewed_on=datetime.date(2026, 1, 1),
                  scores=SCORES, notes="Private notes")  # fmt: skip
    client.force_login(ProviderMembershipFactory().user if role == "member" else UserFactory(role=role))
    for url in (reverse("citizens:reviews", args=[people["profile"].uuid]), new_url(people)):
        assert client.get(url).status_code == 404
        assert client.post(url, form_data()).status_code in (404, 405)
    assert Review.objects.count() == 1


def test_signed_out_visitors_are_asked_to_sign_in(client, people):
    response = client.get(reverse("citizens:reviews", args=[people["profile"].uuid]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))
