"""The safeguarding officers' queue and concern page: who may open them, and the access log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from safeguarding.models import Concern, ConcernNote, ConcernView
from tests.factories import OpportunityFactory, ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("council_concerns:queue")
WHAT = "Mr Patel told me someone takes his pension every week"


def make_concern(**values) -> Concern:
    fields = {
        "adult_name": "Mr Patel",
        "place": "Sparkhill",
        "what_happened": WHAT,
        "person_knows": Concern.PersonKnows.YES,
        "anonymous": True,
    }
    fields.update(values)
    return Concern.objects.create(**fields)


def officer(*roles, **values):
    return UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=list(roles), **values)


@pytest.fixture
def safeguarding_officer():
    return officer(User.OfficerRole.SAFEGUARDING, full_name="Dana Officer")


ACCOUNTS = {
    "moderator": lambda: officer(User.OfficerRole.MODERATOR),
    "commissioning officer": lambda: officer(User.OfficerRole.COMMISSIONING),
    "officer with no role": lambda: officer(),
    "moderator and commissioning": lambda: officer(
        User.OfficerRole.MODERATOR, User.OfficerRole.COMMISSIONING
    ),
    "provider": lambda: ProviderMembershipFactory().user,
    "citizen": lambda: UserFactory(role=User.Role.CITIZEN),
    "carer": lambda: UserFactory(role=User.Role.CARER),
    "social worker": lambda: UserFactory(role=User.Role.SOCIAL_WORKER),
    "citizen who kept a safeguarding role": lambda: UserFactory(
        role=User.Role.CITIZEN, officer_roles=[User.OfficerRole.SAFEGUARDING]
    ),
    "deactivated safeguarding officer": lambda: officer(User.OfficerRole.SAFEGUARDING, is_active=False),
}


def officer_urls(concern):
    detail = reverse("council_concerns:detail", args=[concern.uuid])
    return [("get", QUEUE, {}), ("get", detail, {}), ("post", detail, {"update": "", "status": "closed"}),
            ("post", detail, {"note": "", "text": "A note"})]  # fmt: skip


@pytest.mark.parametrize("account", ACCOUNTS)
def test_only_safeguarding_officers_may_open_any_concern_page(client, account):
    concern = make_concern()
    user = ACCOUNTS[account]()
    if user.is_active:
        client.force_login(user)
    for method, url, data in officer_urls(concern):
        response = getattr(client, method)(url, data)
        if user.is_active:
            assert response.status_code == 403, (account, method, url)
            assert WHAT not in response.content.decode()
        else:  # force_login refuses inactive users: they are signed out
            assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == Concern.Status.NEW
    assert not ConcernNote.objects.exists()
    assert not ConcernView.objects.exists()


def test_signed_out_people_are_asked_to_sign_in(client):
    concern = make_concern()
    for method, url, data in officer_urls(concern):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not ConcernView.objects.exists()


def test_a_safeguarding_officer_may_open_every_page(client, safeguarding_officer):
    concern = make_concern()
    client.force_login(safeguarding_officer)
    assert client.get(QUEUE).status_code == 200
    page = client.get(concern.get_absolute_url())
    assert page.status_code == 200
    assert WHAT in page.content.decode()


def test_an_unknown_concern_is_a_404(client, safeguarding_officer):
    client.force_login(safeguarding_officer)
    assert (
        client.get(
            reverse("council_concerns:detail", args=["2b1f0d1e-8f77-4c7e-9d9e-000000000000"])
        ).status_code
        == 404
    )


def test_officer_pages_are_never_cached(client, safeguarding_officer):
    concern = make_concern()
    client.force_login(safeguarding_officer)
    assert "no-store" in client.get(QUEUE)["Cache-Control"]
    assert "no-store" in client.get(concern.get_absolute_url())["Cache-Control"]


def test_the_queue_shows_new_concerns_first_oldest_first_and_logs_each_one_shown(
    client, safeguarding_officer
):
    now = timezone.now()
    newer = make_concern(created_at=now - datetime.timedelta(days=1))
    older = make_concern(created_at=now - datetime.timedelta(days=5))
    triage = make_concern(created_at=now - datetime.timedelta(days=9), status=Concern.Status.IN_TRIAGE)
    closed = make_concern(created_at=now - datetime.timedelta(days=20), status=Concern.Status.CLOSED)
    client.force_login(safeguarding_officer)
    html = client.get(QUEUE).content.decode()
    assert html.index(older.reference) < html.index(newer.reference) < html.index(triage.reference)
    assert closed.reference not in html  # only open concerns by default
    assert "New (2)" in html and "In triage (1)" in html and "Closed: no further action (1)" in html
    assert WHAT not in html  # the queue shows no concern's words
    listed = ConcernView.objects.filter(action=ConcernView.Action.LISTED, user=safeguarding_officer)
    assert set(listed.values_list("concern", flat=True)) == {newer.pk, older.pk, triage.pk}

    html = client.get(QUEUE, {"status": "closed"}).content.decode()
    assert closed.reference in html and older.reference not in html
    assert ConcernView.objects.filter(action=ConcernView.Action.LISTED, concern=closed).count() == 1

    html = client.get(QUEUE, {"status": "nonsense"}).content.decode()  # ignored: open concerns
    assert older.reference in html and closed.reference not in html


def test_opening_a_concern_is_logged_and_the_log_is_on_the_page(client, safeguarding_officer):
    concern = make_concern()
    client.force_login(safeguarding_officer)
    client.get(concern.get_absolute_url())
    html = client.get(concern.get_absolute_url()).content.decode()
    views = ConcernView.objects.filter(concern=concern, action=ConcernView.Action.VIEWED)
    assert views.count() == 2
    assert views.filter(user=safeguarding_officer).count() == 2
    log = html.split("Access log", 1)[1]
    assert log.count("Opened it") == 2 and "Dana Officer" in log


def test_changing_the_status_and_officer_is_logged(client, safeguarding_officer):
    colleague = officer(User.OfficerRole.SAFEGUARDING, full_name="Lee Colleague")
    concern = make_concern()
    client.force_login(safeguarding_officer)
    response = client.post(
        concern.get_absolute_url(),
        {"update": "", "status": "referred", "assigned_to": colleague.pk, "revision": concern.revision},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == Concern.Status.REFERRED and concern.assigned_to == colleague
    changed = ConcernView.objects.get(concern=concern, action=ConcernView.Action.STATUS_CHANGED)
    assert changed.user == safeguarding_officer
    assert changed.detail == "New → Referred to the adult safeguarding team"
    assigned = ConcernView.objects.get(concern=concern, action=ConcernView.Action.ASSIGNED)
    assert assigned.detail == "Now with Lee Colleague"
    html = client.get(concern.get_absolute_url()).content.decode()
    assert "Changed the status: New → Referred to the adult safeguarding team" in html


def test_only_safeguarding_officers_can_be_given_a_concern(client, safeguarding_officer):
    moderator = officer(User.OfficerRole.MODERATOR)
    concern = make_concern()
    client.force_login(safeguarding_officer)
    response = client.post(
        concern.get_absolute_url(), {"update": "", "status": "new", "assigned_to": moderator.pk}
    )
    assert response.status_code == 400
    assert "Select an officer from the list" in response.content.decode()
    concern.refresh_from_db()
    assert concern.assigned_to is None


def test_a_bad_status_is_an_error_not_a_change(client, safeguarding_officer):
    concern = make_concern()
    client.force_login(safeguarding_officer)
    response = client.post(concern.get_absolute_url(), {"update": "", "status": "deleted"})
    assert response.status_code == 400
    assert 'href="#id_status"' in response.content.decode()
    concern.refresh_from_db()
    assert concern.status == Concern.Status.NEW
    assert not ConcernView.objects.filter(action=ConcernView.Action.STATUS_CHANGED).exists()


def test_adding_a_note_is_logged_and_shown(client, safeguarding_officer):
    concern = make_concern()
    client.force_login(safeguarding_officer)
    response = client.post(concern.get_absolute_url(), {"note": "", "text": "Phoned the day centre manager."})
    assert response.status_code == 302
    note = ConcernNote.objects.get(concern=concern)
    assert note.author == safeguarding_officer and note.text == "Phoned the day centre manager."
    logged = ConcernView.objects.get(concern=concern, action=ConcernView.Action.NOTE_ADDED)
    assert logged.user == safeguarding_officer
    assert logged.detail == ""  # the log never holds the note's words
    assert "Phoned the day centre manager." in client.get(concern.get_absolute_url()).content.decode()


def test_an_empty_note_is_an_error(client, safeguarding_officer):
    concern = make_concern()
    client.force_login(safeguarding_officer)
    response = client.post(concern.get_absolute_url(), {"note": "", "text": "  "})
    assert response.status_code == 400
    assert 'href="#id_text">Enter a note' in response.content.decode()
    assert not ConcernNote.objects.exists()
    # The page showed the concern again, so that is logged as a view.
    assert ConcernView.objects.filter(concern=concern, action=ConcernView.Action.VIEWED).count() == 1


def test_the_concern_page_links_the_listing_it_came_from(client, safeguarding_officer):
    listing = OpportunityFactory(title="Chess in the park")
    concern = make_concern(opportunity=listing)
    client.force_login(safeguarding_officer)
    assert "Chess in the park" in client.get(concern.get_absolute_url()).content.decode()


def test_the_workspace_shows_safeguarding_officers_counts_only(client, safeguarding_officer):
    make_concern()
    make_concern()
    make_concern(status=Concern.Status.IN_TRIAGE)
    client.force_login(safeguarding_officer)
    html = client.get(reverse("council:home")).content.decode()
    assert "Safeguarding concerns" in html
    assert "New concerns</a>: 2" in html and "In triage</a>: 1" in html
    assert WHAT not in html and "Mr Patel" not in html
    assert not ConcernView.objects.exists()  # counts show no concern, so nothing to log


def test_the_workspace_shows_no_concerns_to_other_officers(client):
    make_concern()
    client.force_login(officer(User.OfficerRole.MODERATOR, User.OfficerRole.COMMISSIONING))
    html = client.get(reverse("council:home")).content.decode()
    assert "New concerns" not in html
    assert reverse("council_concerns:queue") not in html
