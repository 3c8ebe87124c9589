"""Provider teams, invitations to join them, and organisations asking to list on Daywell."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from providers.models import JoinRequest, Provider, ProviderInvitation, ProviderMembership
from providers.services import invitation_send
from tests.factories import PASSWORD, ProviderFactory, ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

OWNER, EDITOR = ProviderMembership.Role.OWNER, ProviderMembership.Role.EDITOR
NEW_PASSWORD = "plum-tree-lantern-47"


# --- Helpers -------------------------------------------------------------------------------------
def team_url(provider):
    return reverse("providers:team", kwargs={"slug": provider.slug})


def invite_url(provider):
    return reverse("providers:team-invite", kwargs={"slug": provider.slug})


def remove_url(provider, membership):
    return reverse("providers:team-remove", kwargs={"slug": provider.slug, "pk": membership.pk})


def link_in(message) -> str:
    """The invitation link's path, as the person would open it from their email."""
    return re.search(r"https?://\S+(/provider/invitations/[^/\s]+/)", message.body).group(1)


def assert_summary_links_land(html):
    """Every link in the GOV.UK error summary goes to an element on the page (radios included)."""
    summary = re.search(r"govuk-error-summary__list.*?</ul>", html, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets
    for target in targets:
        assert f'id="{target}"' in html, target


def officer():
    return UserFactory(role=User.Role.COUNCIL_OFFICER)


def join_request(**fields):
    values = {
        "name": "Moseley Walking Group",
        "kind": Provider.Kind.COMMUNITY,
        "description": "Gentle walks in the park every Tuesday.",
        "contact_name": "Asha Patel",
        "email": "asha@example.org",
        "phone": "0121 496 0123",
    }
    return JoinRequest.objects.create(**(values | fields))


def sign_up(client, path, name="Sam Taylor"):
    return client.post(path, {"full_name": name, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD})


def signed_in_user_id(client):
    return int(client.session["_auth_user_id"]) if "_auth_user_id" in client.session else None


# --- Inviting someone to a team ------------------------------------------------------------------
def test_owner_invites_an_editor_who_makes_an_account_and_joins(client, mailoutbox):
    owner = ProviderMembershipFactory()
    provider = owner.provider
    client.force_login(owner.user)

    response = client.post(invite_url(provider), {"email": "Sam.Taylor@Example.org", "role": "editor"})
    assert response.status_code == 302
    assert response["Location"] == team_url(provider)
    team_page = client.get(response["Location"]).content.decode()
    assert "We have sent an invitation to sam.taylor@example.org" in team_page
    assert "Invitations waiting for an answer" in team_page
    assert "sam.taylor@example.org" in team_page.split("Invitations waiting for an answer")[1]

    [message] = mailoutbox
    assert message.to == ["sam.taylor@example.org"]
    assert provider.name in message.subject
    assert "As an editor" in message.body

    client.logout()
    path = link_in(message)
    page = client.get(path)
    assert page.status_code == 200
    assert "Create your account" in page.content.decode()

    response = sign_up(client, path)
    assert response.status_code == 302
    assert response["Location"] == reverse("providers:detail", kwargs={"slug": provider.slug})
    new_user = User.objects.get(email="sam.taylor@example.org")
    assert (new_user.full_name, new_user.role) == ("Sam Taylor", User.Role.PROVIDER)
    assert new_user.check_password(NEW_PASSWORD)
    assert ProviderMembership.objects.get(user=new_user, provider=provider).role == EDITOR
    assert signed_in_user_id(client) == new_user.pk

    # The new editor sees the team, with themselves in it and no invitation left waiting.
    team_page = client.get(team_url(provider)).content.decode()
    assert "Sam Taylor (you)" in team_page
    assert "There are no invitations waiting" in team_page


def test_the_invite_page_offers_both_roles_with_what_each_can_do(client):
    owner = ProviderMembershipFactory()
    client.force_login(owner.user)
    html = client.get(invite_url(owner.provider)).content.decode()
    assert "Can update listings" in html
    assert "Can also invite people to the team and remove them" in html


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({}, ["Enter an email address", "Select a role"]),
        (
            {"email": "not-an-email", "role": "editor"},
            ["Enter an email address in the correct format, like name@example.com"],
        ),
        ({"email": "someone@example.org", "role": "boss"}, ["Select a role"]),
    ],
)
def test_bad_invitations_are_refused_with_messages(client, mailoutbox, data, messages):
    owner = ProviderMembershipFactory()
    client.force_login(owner.user)
    response = client.post(invite_url(owner.provider), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    for message in messages:
        assert message in html
    assert_summary_links_land(html)
    assert not ProviderInvitation.objects.exists()
    assert mailoutbox == []


def test_inviting_someone_already_in_the_team_says_so(client, mailoutbox):
    owner = ProviderMembershipFactory()
    editor = ProviderMembershipFactory(provider=owner.provider, role=EDITOR)
    client.force_login(owner.user)
    for email, role in ((editor.user.email.upper(), "editor"), (owner.user.email, "owner")):
        response = client.post(invite_url(owner.provider), {"email": email, "role": role})
        assert f"{email.lower()} is already in the team" in response.content.decode()
    assert not ProviderInvitation.objects.exists()
    assert mailoutbox == []


def test_an_editor_invited_as_an_owner_becomes_one(client, mailoutbox):
    owner = ProviderMembershipFactory()
    editor = ProviderMembershipFactory(provider=owner.provider, role=EDITOR)
    client.force_login(owner.user)
    response = client.post(invite_url(owner.provider), {"email": editor.user.email, "role": "owner"})
    assert response.status_code == 302

    client.force_login(editor.user)
    client.post(link_in(mailoutbox[0]))
    editor.refresh_from_db()
    assert editor.role == OWNER
    assert "Invite someone" in client.get(team_url(owner.provider)).content.decode()


def test_a_new_invitation_replaces_the_old_link(client, mailoutbox):
    provider = ProviderFactory()
    invitation_send(provider=provider, email="sam@example.org", role=EDITOR, by=None)
    invitation_send(provider=provider, email="sam@example.org", role=OWNER, by=None)
    old, new = link_in(mailoutbox[0]), link_in(mailoutbox[1])
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200


# --- Accepting an invitation ---------------------------------------------------------------------
def test_an_invitation_link_works_only_once(client, mailoutbox):
    provider = ProviderFactory()
    invitation_send(provider=provider, email="sam@example.org", role=EDITOR, by=None)
    path = link_in(mailoutbox[0])
    assert sign_up(client, path).status_code == 302

    client.logout()
    again = client.get(path)
    assert again.status_code == 410
    assert "This invitation link no longer works" in again.content.decode()
    assert sign_up(client, path, name="Someone Else").status_code == 410
    assert User.objects.filter(email="sam@example.org").count() == 1


def test_an_expired_invitation_link_says_so_and_who_to_ask(client, mailoutbox):
    inviter = ProviderMembershipFactory(user__full_name="Priya Shah")
    invitation = invitation_send(
        provider=inviter.provider, email="sam@example.org", role=EDITOR, by=inviter.user
    )
    ProviderInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(link_in(mailoutbox[0]))
    assert response.status_code == 410
    assert "Ask Priya Shah" in response.content.decode()
    assert sign_up(client, link_in(mailoutbox[0])).status_code == 410
    assert not User.objects.filter(email="sam@example.org").exists()


def test_an_unknown_invitation_link_is_not_found(client):
    response = client.get(reverse("providers:invitation", args=["made-up-token"]))
    assert response.status_code == 404
    assert "We could not find this invitation" in response.content.decode()


def test_account_form_shows_password_problems_and_saves_nothing(client, mailoutbox):
    provider = ProviderFactory()
    invitation_send(provider=provider, email="sam@example.org", role=EDITOR, by=None)
    path = link_in(mailoutbox[0])

    response = client.post(path, {"full_name": " ", "password": "password", "password_again": "different"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "Enter your full name" in html
    assert "This password is too common." in html
    assert "The passwords do not match" in html
    assert_summary_links_land(html)

    html = client.post(path, {"full_name": "Sam", "password": "", "password_again": ""}).content.decode()
    assert "Create a password" in html
    assert "Confirm your password" in html

    assert not User.objects.filter(email="sam@example.org").exists()
    assert not provider.memberships.exists()
    assert signed_in_user_id(client) is None
    assert client.get(path).status_code == 200  # the link still works


def test_someone_with_an_account_signs_in_then_accepts(client, mailoutbox):
    person = UserFactory(email="sam@example.org")
    provider = ProviderFactory(name="Balsall Heath Arts")
    invitation_send(provider=provider, email="sam@example.org", role=EDITOR, by=None)
    path = link_in(mailoutbox[0])

    page = client.get(path).content.decode()
    assert "You already have a Daywell account" in page
    sign_in_link = reverse("accounts:sign-in") + "?next=" + path.replace("/", "%2F")
    assert sign_in_link in page
    assert "Create your account" not in page
    assert (
        client.post(
            path, {"full_name": "X", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
        ).status_code
        == 200
    )
    assert not provider.memberships.exists()

    signed_in = client.post(sign_in_link, {"username": "sam@example.org", "password": PASSWORD, "next": path})
    assert signed_in["Location"] == path
    page = client.get(path).content.decode()
    assert "Accept and join Balsall Heath Arts" in page

    response = client.post(path)
    assert response["Location"] == reverse("providers:detail", kwargs={"slug": provider.slug})
    assert ProviderMembership.objects.get(user=person, provider=provider).role == EDITOR
    person.refresh_from_db()
    assert person.role == User.Role.PROVIDER
    assert client.get(path).status_code == 410


def test_signed_in_as_someone_else_the_invitation_is_not_accepted(client, mailoutbox):
    provider = ProviderFactory()
    invitation_send(provider=provider, email="sam@example.org", role=OWNER, by=None)
    path = link_in(mailoutbox[0])
    other = UserFactory(email="alex@example.org")
    client.force_login(other)

    page = client.get(path).content.decode()
    assert "This invitation is for a different email address" in page
    assert "Sign out" in page
    assert "Accept and join" not in page

    client.post(path)
    assert not provider.memberships.exists()
    assert ProviderInvitation.objects.get().accepted_at is None


def test_accepting_an_editor_invitation_keeps_an_owner_an_owner(client, mailoutbox):
    owner = ProviderMembershipFactory()
    invitation_send(provider=owner.provider, email=owner.user.email, role=EDITOR, by=None)
    client.force_login(owner.user)
    client.post(link_in(mailoutbox[0]))
    owner.refresh_from_db()
    assert owner.role == OWNER
    assert "Invite someone" in client.get(team_url(owner.provider)).content.decode()


# --- Who may see and change a team ---------------------------------------------------------------
def test_an_editor_sees_the_team_but_cannot_invite_or_remove(client, mailoutbox):
    owner = ProviderMembershipFactory(user__full_name="Priya Shah")
    editor = ProviderMembershipFactory(provider=owner.provider, role=EDITOR)
    provider = owner.provider
    client.force_login(editor.user)

    page = client.get(team_url(provider))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Priya Shah" in html
    assert "Invite someone" not in html
    assert remove_url(provider, owner) not in html
    assert "Only an owner can invite people" in html

    assert client.get(invite_url(provider)).status_code == 404
    assert client.post(invite_url(provider), {"email": "x@example.org", "role": "owner"}).status_code == 404
    assert client.get(remove_url(provider, owner)).status_code == 404
    assert client.post(remove_url(provider, owner)).status_code == 404
    assert ProviderMembership.objects.filter(pk=owner.pk).exists()
    assert mailoutbox == []


def test_another_providers_team_is_not_found(client, mailoutbox):
    mine = ProviderMembershipFactory()
    theirs = ProviderMembershipFactory()
    client.force_login(mine.user)

    assert client.get(team_url(theirs.provider)).status_code == 404
    assert client.get(invite_url(theirs.provider)).status_code == 404
    assert (
        client.post(invite_url(theirs.provider), {"email": "x@example.org", "role": "owner"}).status_code
        == 404
    )
    assert client.get(remove_url(theirs.provider, theirs)).status_code == 404
    assert client.post(remove_url(theirs.provider, theirs)).status_code == 404
    # Their membership's id through my own provider's address.
    assert client.get(remove_url(mine.provider, theirs)).status_code == 404
    assert client.post(remove_url(mine.provider, theirs)).status_code == 404

    assert ProviderMembership.objects.filter(pk=theirs.pk).exists()
    assert mailoutbox == []


def test_team_pages_ask_people_to_sign_in(client):
    owner = ProviderMembershipFactory()
    for url in (team_url(owner.provider), invite_url(owner.provider), remove_url(owner.provider, owner)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in") + "?next=")


def test_an_owner_removes_an_editor_after_confirming(client):
    owner = ProviderMembershipFactory()
    editor = ProviderMembershipFactory(provider=owner.provider, role=EDITOR, user__full_name="Sam Taylor")
    client.force_login(owner.user)

    confirm = client.get(remove_url(owner.provider, editor)).content.decode()
    assert "Are you sure you want to remove Sam Taylor?" in confirm
    assert "govuk-button--warning" in confirm
    assert ProviderMembership.objects.filter(pk=editor.pk).exists()

    response = client.post(remove_url(owner.provider, editor))
    assert response["Location"] == team_url(owner.provider)
    assert "Sam Taylor has been removed from the team" in client.get(response["Location"]).content.decode()
    assert not ProviderMembership.objects.filter(pk=editor.pk).exists()


def test_the_last_owner_cannot_be_removed(client):
    owner = ProviderMembershipFactory()
    ProviderMembershipFactory(provider=owner.provider, role=EDITOR)
    client.force_login(owner.user)

    page = client.get(remove_url(owner.provider, owner)).content.decode()
    assert "You cannot remove the only owner" in page
    assert "govuk-button--warning" not in page

    response = client.post(remove_url(owner.provider, owner))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "You cannot remove the only owner" in html
    assert_summary_links_land(html)
    assert ProviderMembership.objects.filter(pk=owner.pk, role=OWNER).exists()


def test_an_owner_can_leave_when_there_is_another_owner(client):
    owner = ProviderMembershipFactory()
    ProviderMembershipFactory(provider=owner.provider, role=OWNER)
    client.force_login(owner.user)
    response = client.post(remove_url(owner.provider, owner))
    assert response["Location"] == reverse("providers:list")
    assert not ProviderMembership.objects.filter(pk=owner.pk).exists()
    assert client.get(team_url(owner.provider)).status_code == 404


# --- Asking to list on Daywell -------------------------------------------------------------------
JOIN = {
    "name": "Hall Green Knit and Natter",
    "kind": "personal_assistant",
    "description": "I support people to go to local craft groups.",
    "website": "www.example.org",
    "charity_number": "",
    "contact_name": "Jo Bloggs",
    "email": "Jo@Example.org",
    "phone": "07700 900 982",
}


def test_anyone_can_ask_to_list_and_the_council_is_told(client, mailoutbox):
    council = officer()
    page = client.get(reverse("providers:join")).content.decode()
    assert "I work for myself as a Personal Assistant" in page

    response = client.post(reverse("providers:join"), JOIN)
    assert response["Location"] == reverse("providers:join-sent")
    sent = client.get(response["Location"]).content.decode()
    assert "Request sent" in sent
    assert "What happens next" in sent

    saved = JoinRequest.objects.get()
    assert (saved.name, saved.kind, saved.email, saved.website, saved.status) == (
        "Hall Green Knit and Natter",
        Provider.Kind.PERSONAL_ASSISTANT,
        "jo@example.org",
        "https://www.example.org",
        JoinRequest.Status.PENDING,
    )
    [message] = mailoutbox
    assert council.email in message.to
    assert "Hall Green Knit and Natter" in message.subject
    assert reverse("council:join-request", args=[saved.pk]) in message.body


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            dict.fromkeys(JOIN, ""),
            [
                "Enter the name of your organisation",
                "Select what kind of organisation you are",
                "Tell us what you offer",
                "Enter your full name",
                "Enter an email address",
                "Enter a phone number",
            ],
        ),
        ({"email": "jo@"}, ["Enter an email address in the correct format, like name@example.com"]),
        ({"phone": "call me"}, ["Enter a phone number, like 0121 496 0000"]),
        ({"website": "not a website"}, ["Enter a website address in the correct format"]),
        ({"description": "x" * 2001}, ["What you offer must be 2,000 characters or fewer"]),
        ({"kind": "wizard"}, ["Select what kind of organisation you are"]),
    ],
)
def test_bad_requests_to_list_are_refused_and_nothing_is_saved(client, mailoutbox, changes, messages):
    officer()
    response = client.post(reverse("providers:join"), JOIN | changes)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    for message in messages:
        assert message in html
    assert_summary_links_land(html)
    assert not JoinRequest.objects.exists()
    assert mailoutbox == []


# --- The council decides -------------------------------------------------------------------------
def test_the_council_sees_waiting_requests_oldest_first(client):
    join_request(name="Older Group")
    join_request(name="Newer Group")
    join_request(name="Done Group", status=JoinRequest.Status.DECLINED, decided_at=timezone.now())
    client.force_login(officer())
    html = client.get(reverse("council:join-requests")).content.decode()
    assert "Waiting for a decision (2)" in html
    assert "Decided (1)" in html
    assert html.index("Older Group") < html.index("Newer Group") < html.index("Done Group")


def test_approving_adds_the_provider_and_invites_the_person_who_asked(client, mailoutbox):
    request_ = join_request(
        kind=Provider.Kind.CHARITY, charity_number="1123456", website="https://walk.example.org"
    )
    client.force_login(officer())
    review_url = reverse("council:join-request", args=[request_.pk])
    page = client.get(review_url).content.decode()
    assert "govuk-summary-list" in page
    assert "Approve and invite asha@example.org" in page

    response = client.post(review_url, {"approve": "1"})
    assert response["Location"] == reverse("council:join-requests")
    assert "Moseley Walking Group is approved" in client.get(response["Location"]).content.decode()

    provider = Provider.objects.get(name="Moseley Walking Group")
    assert (provider.slug, provider.kind, provider.charity_number, provider.email, provider.website) == (
        "moseley-walking-group",
        Provider.Kind.CHARITY,
        "1123456",
        "",  # the requester's own address is not made public
        "https://walk.example.org",
    )
    request_.refresh_from_db()
    assert (request_.status, request_.provider) == (JoinRequest.Status.APPROVED, provider)

    [message] = mailoutbox
    assert message.to == ["asha@example.org"]
    assert "As an owner" in message.body
    client.logout()
    sign_up(client, link_in(message), name="Asha Patel")
    assert ProviderMembership.objects.get(provider=provider, user__email="asha@example.org").role == OWNER


def test_a_request_cannot_be_decided_twice(client, mailoutbox):
    request_ = join_request()
    client.force_login(officer())
    review_url = reverse("council:join-request", args=[request_.pk])
    client.post(review_url, {"approve": "1"})

    again = client.post(review_url, {"approve": "1"})
    assert again["Location"] == review_url
    assert "already been approved" in client.get(review_url).content.decode()
    client.post(review_url, {"decline": "1", "reason": "Changed my mind"})
    assert Provider.objects.count() == 1
    assert JoinRequest.objects.get().status == JoinRequest.Status.APPROVED
    assert len(mailoutbox) == 1


def test_declining_needs_a_reason_and_emails_it(client, mailoutbox):
    request_ = join_request()
    client.force_login(officer())
    review_url = reverse("council:join-request", args=[request_.pk])

    response = client.post(review_url, {"decline": "1", "reason": "  "})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the reason" in html
    assert_summary_links_land(html)
    assert JoinRequest.objects.get().status == JoinRequest.Status.PENDING
    assert mailoutbox == []

    response = client.post(review_url, {"decline": "1", "reason": "We only list activities in Birmingham."})
    assert response["Location"] == reverse("council:join-requests")
    request_.refresh_from_db()
    assert request_.status == JoinRequest.Status.DECLINED
    [message] = mailoutbox
    assert message.to == ["asha@example.org"]
    assert "We only list activities in Birmingham." in message.body
    assert not Provider.objects.exists()


def test_the_council_invites_an_organisation(client, mailoutbox):
    client.force_login(officer())
    response = client.post(
        reverse("council:invite"), {"name": "Join", "kind": "social_enterprise", "email": "Lee@Example.org"}
    )
    assert response["Location"] == reverse("council:join-requests")
    provider = Provider.objects.get(name="Join")
    assert provider.kind == Provider.Kind.SOCIAL_ENTERPRISE
    assert provider.slug != "join"  # "provider/join/" is the page for asking to list
    invitation = ProviderInvitation.objects.get(provider=provider)
    assert (invitation.email, invitation.role) == ("lee@example.org", OWNER)
    [message] = mailoutbox
    assert message.to == ["lee@example.org"]
    assert "Birmingham City Council has invited you" in message.body


def test_council_invite_refuses_bad_input(client, mailoutbox):
    ProviderFactory(name="Kings Heath Trust")
    client.force_login(officer())
    html = client.post(reverse("council:invite"), {"name": "", "email": "nope"}).content.decode()
    for message in ["Enter the name of the organisation", "Select what kind of organisation it is",
                    "Enter an email address in the correct format"]:  # fmt: skip
        assert message in html
    assert_summary_links_land(html)
    html = client.post(
        reverse("council:invite"), {"name": "kings heath trust", "kind": "charity", "email": "a@example.org"}
    ).content.decode()
    assert "kings heath trust is already on Daywell" in html
    assert Provider.objects.count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize("name", ["council:join-requests", "council:join-request", "council:invite"])
def test_council_pages_are_only_for_council_officers(client, name):
    request_ = join_request()
    url = reverse(name, args=[request_.pk] if name == "council:join-request" else [])

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:sign-in") + "?next=")

    client.force_login(ProviderMembershipFactory().user)
    assert client.get(url).status_code == 403
    assert (
        client.post(
            url, {"approve": "1", "name": "X", "kind": "charity", "email": "x@example.org"}
        ).status_code
        == 403
    )
    assert JoinRequest.objects.get().status == JoinRequest.Status.PENDING
    assert Provider.objects.count() == 1  # only the one the provider user belongs to
