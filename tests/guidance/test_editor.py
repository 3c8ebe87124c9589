"""The council's editor for information pages: moderators only, a preview that saves nothing, clear
errors, no lost words when two officers edit at once, and every version kept."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from guidance.forms import LINKED_FROM_THE_SITE
from guidance.models import GuidancePage, GuidanceRevision
from tests.factories import UserFactory
from tests.guidance.test_pages import make_page

pytestmark = pytest.mark.django_db
LIST = reverse("council_guidance:list")
NEW = reverse("council_guidance:create")


def edit_url(page):
    return reverse("council_guidance:update", kwargs={"slug": page.slug})


def history_url(page):
    return reverse("council_guidance:history", kwargs={"slug": page.slug})


@pytest.fixture
def moderator(client):
    user = UserFactory(role=User.Role.COUNCIL_OFFICER, first_name="Mo", last_name="Derator")
    client.force_login(user)
    return user


def form_data(page=None, **changes) -> dict:
    data = {
        "title": "Getting there",
        "slug": "getting-there-new",
        "summary": "Buses, trains and help to travel.",
        "audience": "people",
        "position": "3",
        "body": "## Buses\n\nYou can get a **free** bus pass.",
        "easy_read_title": "",
        "easy_read_body": "[icon:bus] You can get the bus.",
        "published": "on",
        "revision": str(page.content_revision) if page else "0",
        "save": "1",
    }
    if page:
        del data["slug"]
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- Who may use it ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "make",
    [
        lambda: UserFactory(role=User.Role.CITIZEN),
        lambda: UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.SAFEGUARDING]),
        lambda: UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=[User.OfficerRole.COMMISSIONING]),
    ],
    ids=["citizen", "safeguarding officer", "commissioning officer"],
)
def test_only_moderators_may_open_or_save(client, make):
    page = make_page()
    client.force_login(make())
    for url in (LIST, NEW, edit_url(page), history_url(page)):
        assert client.get(url).status_code == 403, url
    assert client.post(edit_url(page), form_data(page, title="Hacked")).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    page.refresh_from_db()
    assert page.title == "Getting there"
    assert not GuidancePage.objects.filter(slug="getting-there-new").exists()


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


# --- The list and the forms ----------------------------------------------------------------------
def test_the_list_shows_each_page_with_its_status_and_last_edit(client, moderator):
    make_page("getting-there", title="Getting there", updated_by=moderator)
    make_page("draft-page", title="Draft page", published=False, easy_read_body="")
    html = client.get(LIST).content.decode()
    assert "Getting there" in html and "Draft page" in html
    assert "Not published" in html and "No Easy Read version" in html
    assert "by Mo Derator" in html
    assert 'href="/council/guidance/getting-there/edit/"' in html
    assert 'href="/council/guidance/getting-there/history/"' in html
    assert 'aria-current="page">Information pages</a>' in html


def test_a_new_page_is_saved_with_its_first_revision(client, moderator):
    response = client.post(NEW, form_data())
    assert response.status_code == 302 and response["Location"] == LIST
    page = GuidancePage.objects.get(slug="getting-there-new")
    assert (page.title, page.position, page.published, page.updated_by) == (
        "Getting there",
        3,
        True,
        moderator,
    )
    assert page.revisions.get().saved_by == moderator
    assert "“Getting there” is saved." in client.get(LIST).content.decode()
    assert client.get("/guidance/getting-there-new/").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Enter a title"),
        ({"summary": ""}, "summary", "Enter a summary"),
        ({"body": " \n "}, "body", "Enter the page text"),
        ({"slug": ""}, "slug", "Enter a web address"),
        (
            {"slug": "Direct Payments"},
            "slug",
            "Web address must only include lowercase letters, numbers and hyphens",
        ),
        ({"slug": "a--b"}, "slug", "Web address must only include lowercase letters"),
        ({"slug": "easy-read"}, "slug", "This web address is used by Daywell itself"),
        ({"position": "three"}, "position", "Place in the list must be a whole number, like 3"),
        ({"position": "-1"}, "position", "Place in the list must be 0 or more"),
        ({"audience": "robots"}, "audience", "Select who the page is for"),
        ({"title": "x" * 151}, "title", "Title must be 150 characters or fewer"),
        ({"body": "x" * 30001}, "body", "Page text must be 30,000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_govuk_error_and_keeps_what_was_typed(client, moderator, changes, field, message):
    data = form_data(**changes, easy_read_body="[icon:bus] Kept words.")
    response = client.post(NEW, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and message in html
    assert "<title>Error: Add a page" in html
    assert "Kept words.</textarea>" in html
    assert not GuidancePage.objects.filter(title="Getting there", slug=data.get("slug", "")).exists()


def test_a_web_address_already_used_is_refused(client, moderator):
    make_page("getting-there-new")
    html = client.post(NEW, form_data()).content.decode()
    assert "A page with this web address already exists" in html


def test_nul_bytes_are_dropped_not_refused(client, moderator):
    response = client.post(NEW, form_data(title="Get\x00ting there", body="Hello\x00 there"))
    assert response.status_code == 302
    page = GuidancePage.objects.get(slug="getting-there-new")
    assert (page.title, page.body) == ("Getting there", "Hello there")


def test_a_page_without_easy_read_saves_with_a_recommendation(client, moderator):
    html = client.post(NEW, form_data(easy_read_body="", preview="1", save=None)).content.decode()
    assert "There is no Easy Read version yet" in html
    assert client.post(NEW, form_data(easy_read_body="")).status_code == 302


# --- Preview -------------------------------------------------------------------------------------
def test_preview_shows_both_versions_rendered_and_saves_nothing(client, moderator):
    page = make_page()
    data = form_data(
        page,
        title="Travel",
        body="## New heading\n\n<script>alert(1)</script> and [bad](javascript:alert(1))",
        easy_read_body="[icon:bus] Take the **bus**.\n\n[icon:unicorn] Magic.",
        preview="1",
        save=None,
    )
    response = client.post(edit_url(page), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview (not saved yet)" in html
    assert '<h2 class="govuk-heading-l">New heading</h2>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "Take the <strong>bus</strong>." in html and "dw-easy-read-row__icon" in html
    # The problems, as a warning beside the preview.
    assert "The link to &#x27;javascript:alert(1&#x27; is not allowed" in html
    assert "Easy Read version: There is no icon called &#x27;unicorn&#x27;" in html
    # What was typed stays in the form, with no error messages.
    assert "govuk-error-summary" not in html
    assert 'value="Travel"' in html
    assert f'name="revision" value="{page.content_revision}"' in html
    page.refresh_from_db()
    assert page.title == "Getting there" and page.revisions.count() == 0


def test_preview_measures_how_easy_the_officers_text_is_to_read(client, moderator):
    """An officer's own words are held to the same reading age as the shipped pages."""
    page = make_page()
    easy = "[icon:bus] Take the **bus**.\n\n[icon:document] **Eligibility** necessitates documentary verification."
    data = form_data(page, easy_read_body=easy, preview="1", save=None)
    html = client.post(edit_url(page), data).content.decode()
    assert (
        "Easy Read version: &#x27;Eligibility necessitates documentary verification.&#x27; is hard to read"
        in html
    )
    # Easy words raise nothing.
    data = form_data(page, easy_read_body="[icon:bus] Take the **bus**.", preview="1", save=None)
    assert "hard to read" not in client.post(edit_url(page), data).content.decode()


def test_preview_of_a_new_page_with_nothing_typed_does_not_fail(client, moderator):
    response = client.post(NEW, {"preview": "1"})
    assert response.status_code == 200
    assert "Preview (not saved yet)" in response.content.decode()
    assert not GuidancePage.objects.filter(title="").exists()


def test_preview_warns_when_the_text_is_too_long_to_save(client, moderator):
    """The preview says so before the officer presses save, and the text they wrote stays in the form."""
    page = make_page()
    too_long = "Take the bus. " * 2200  # 30,800 characters
    data = form_data(page, easy_read_body=too_long, preview="1", save=None)
    html = client.post(edit_url(page), data).content.decode()
    assert (
        "Easy Read version: the text is 30,799 characters long and can be at most 30,000, "
        "so it cannot be saved yet." in html
    )
    assert "Plain English version: the text is" not in html
    assert too_long.strip() in html
    # Saving it is refused with the field's own error; nothing is lost.
    response = client.post(edit_url(page), form_data(page, easy_read_body=too_long))
    assert response.status_code == 200
    assert "Easy Read text must be 30,000 characters or fewer" in response.content.decode()
    # At the limit there is no warning.
    data = form_data(page, easy_read_body="a" * 30000, preview="1", save=None)
    assert "cannot be saved yet" not in client.post(edit_url(page), data).content.decode()


# --- Pages the site links to --------------------------------------------------------------------
def test_a_page_the_site_links_to_cannot_be_hidden(client, moderator):
    """Hiding "direct-payments" would turn every "Direct payment accepted" label into a broken link."""
    page = make_page(slug="direct-payments")
    response = client.post(
        edit_url(page), form_data(page, title="Paying with a direct payment", published=None)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This page must stay public: Daywell&#x27;s own pages link to it." in html
    assert 'value="Paying with a direct payment"' in html  # what was typed is kept
    page.refresh_from_db()
    assert page.published and page.title == "Getting there"
    # Other pages can be hidden.
    other = make_page(slug="a-leaflet")
    assert client.post(edit_url(other), form_data(other, published=None)).status_code == 302
    other.refresh_from_db()
    assert not other.published


def test_the_list_of_linked_pages_covers_every_link_in_the_templates():
    from django.conf import settings

    linked = set()
    for path in (settings.BASE_DIR / "templates").rglob("*.*"):
        text = path.read_text()
        linked |= set(re.findall(r"guidance:page['\"]? ['\"]([a-z0-9-]+)['\"]", text))
        linked |= set(re.findall(r"/guidance/([a-z0-9-]+)/", text))
    assert "direct-payments" in linked and "personal-assistants" in linked
    assert linked <= LINKED_FROM_THE_SITE


# --- Saving, conflicts and history ---------------------------------------------------------------
def test_saving_an_edit_keeps_a_revision_and_moves_the_revision_number_on(client, moderator):
    page = make_page()
    response = client.post(edit_url(page), form_data(page, title="Travel", published=None))
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.title, page.published, page.content_revision, page.updated_by) == (
        "Travel",
        False,
        1,
        moderator,
    )
    assert page.slug == "test-page"  # the address stays, so links keep working
    assert client.get(page.get_absolute_url()).status_code == 404  # unpublished
    revision = page.revisions.get()
    assert (revision.title, revision.published, revision.saved_by) == ("Travel", False, moderator)


def test_a_second_officer_saving_an_old_version_is_refused_and_keeps_their_words(client, moderator):
    page = make_page()
    opened_at = page.content_revision
    other = UserFactory(role=User.Role.COUNCIL_OFFICER, first_name="Ada", last_name="Other")
    client.force_login(other)
    assert client.post(edit_url(page), form_data(page, body="Ada's words.")).status_code == 302

    client.force_login(moderator)
    data = form_data(page, body="Mo's words.", revision=str(opened_at))
    response = client.post(edit_url(page), data)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this page after you opened it, so your changes were not saved." in html
    assert "Mo&#x27;s words.</textarea>" in html  # their own text, still in the form
    assert "The version saved by Ada Other" in html and "Ada&#x27;s words." in html
    page.refresh_from_db()
    assert page.body == "Ada's words."
    # Having seen Ada's version, saving again replaces it, on purpose.
    assert f'name="revision" value="{page.content_revision}"' in html
    assert client.post(edit_url(page), form_data(page, body="Mo's words.")).status_code == 302
    page.refresh_from_db()
    assert page.body == "Mo's words."
    assert list(page.revisions.values_list("body", flat=True)) == ["Mo's words.", "Ada's words."]


def test_a_missing_or_made_up_revision_is_a_conflict_not_an_error(client, moderator):
    page = make_page()
    for revision in ("", "abc", "99999999999999"):
        response = client.post(edit_url(page), form_data(page, title="Changed", revision=revision))
        assert response.status_code == 409
    page.refresh_from_db()
    assert page.title == "Getting there"


def test_history_lists_every_saved_version_newest_first(client, moderator):
    page = make_page()
    for number in (1, 2):
        client.post(edit_url(page), form_data(page, body=f"Version {number} <b>words</b>"))
        page.refresh_from_db()
    html = client.get(history_url(page)).content.decode()
    assert html.index("Version 2") < html.index("Version 1")
    assert "(the version on the site now)" in html
    assert "Version 1 &lt;b&gt;words&lt;/b&gt;" in html
    assert "Saved by Mo Derator" in html
    assert GuidanceRevision.objects.filter(page=page).count() == 2


def test_editing_a_missing_page_is_not_found(client, moderator):
    assert client.get("/council/guidance/no-such-page/edit/").status_code == 404
    assert client.get("/council/guidance/no-such-page/history/").status_code == 404


def test_two_officers_making_a_page_at_the_same_address_get_an_error_not_a_crash(
    client, moderator, monkeypatch
):
    from guidance.forms import GuidancePageForm

    make_page("getting-there-new", title="The first one")
    # As if the other officer's page was saved between this form's check and its save.
    monkeypatch.setattr(GuidancePageForm, "clean_slug", lambda form: form.cleaned_data["slug"])
    response = client.post(NEW, form_data())
    assert response.status_code == 200
    assert "A page with this web address already exists" in response.content.decode()
    assert GuidancePage.objects.get(slug="getting-there-new").title == "The first one"


def test_the_admin_shows_pages_but_edits_happen_in_the_workspace(client):
    """An admin save would keep no history and let a shipped correction replace the officer's words."""
    page = make_page()
    client.force_login(UserFactory(role=User.Role.COUNCIL_OFFICER, is_staff=True, is_superuser=True))
    url = f"/admin/guidance/guidancepage/{page.pk}/change/"
    view = client.get(url)
    assert view.status_code == 200 and "Getting there" in view.content.decode()
    assert 'name="_save"' not in view.content.decode()
    assert client.post(url, {"title": "Changed in the admin"}).status_code == 403
    assert client.get("/admin/guidance/guidancepage/add/").status_code == 403
    page.refresh_from_db()
    assert page.title == "Getting there"


def test_an_earlier_version_can_be_brought_back_by_checking_and_saving_it(client, moderator):
    page = make_page()
    assert client.post(edit_url(page), form_data(page, body="First words.")).status_code == 302
    page.refresh_from_db()
    assert client.post(edit_url(page), form_data(page, body="Second words.")).status_code == 302
    page.refresh_from_db()
    first = page.revisions.get(body="First words.")
    history = client.get(history_url(page)).content.decode()
    assert f"{edit_url(page)}?restore={first.pk}" in history
    form = client.get(f"{edit_url(page)}?restore={first.pk}").content.decode()
    assert "First words." in form and "Nothing has changed yet" in form
    page.refresh_from_db()
    assert page.body == "Second words."  # opening it saves nothing
    assert client.post(edit_url(page), form_data(page, body="First words.")).status_code == 302
    page.refresh_from_db()
    assert page.body == "First words." and page.revisions.count() == 3
    # Another page's version, or junk, is ignored.
    other = make_page(slug="other-page")
    for junk in (str(first.pk + 1000), "x", "9" * 20):
        html = client.get(f"{edit_url(other)}?restore={junk}").content.decode()
        assert "Nothing has changed yet" not in html
    assert (
        "Nothing has changed yet" not in client.get(f"{edit_url(other)}?restore={first.pk}").content.decode()
    )
