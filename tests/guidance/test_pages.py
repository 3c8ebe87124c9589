"""The public information pages: the list, each page in both versions, and the links to them from
search and listings."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from guidance.models import GuidancePage, GuidanceRevision
from guidance.services import EditConflict, ShippedPages, guidance_page_save, guidance_pages_ensure
from opportunities.models import PaymentRoute
from opportunities.search_index import opportunity_index_refresh
from tests.factories import OpportunityFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_page(slug="test-page", **values) -> GuidancePage:
    defaults = {
        "title": "Getting there",
        "summary": "Buses, trains and help to travel on your own.",
        "audience": GuidancePage.Audience.PEOPLE,
        "position": 1,
        "body": "## Buses\n\nYou can get a **free** bus pass.",
        "easy_read_title": "",
        "easy_read_body": "[icon:bus] You can get the **bus**.",
        "published": True,
    }
    page, _ = GuidancePage.objects.update_or_create(slug=slug, defaults=defaults | values)
    return page


def test_the_index_lists_published_pages_by_audience_with_summaries(client):
    GuidancePage.objects.all().delete()
    make_page("getting-there", title="Getting there", position=2)
    make_page("good-day", title="Having a good day", position=1, summary="The four questions.")
    make_page("for-providers-listing", title="How to list", audience="providers")
    make_page("draft", title="Not ready yet", published=False)
    response = client.get(reverse("guidance:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Information and advice –" in html
    assert '<h1 class="govuk-heading-xl">Information and advice</h1>' in html
    people, providers = html.index("For people and carers"), html.index("For providers")
    assert people < html.index("Having a good day") < html.index("Getting there") < providers
    assert providers < html.index("How to list")
    assert "The four questions." in html
    assert 'href="/guidance/good-day/"' in html
    assert "Not ready yet" not in html


def test_a_page_in_plain_english_with_a_link_to_its_easy_read_version(client):
    page = make_page()
    response = client.get(page.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Getting there –" in html
    assert '<h1 class="govuk-heading-xl">Getting there</h1>' in html
    assert '<h2 class="govuk-heading-l">Buses</h2>' in html
    assert "You can get a <strong>free</strong> bus pass." in html
    assert 'href="?version=easy-read">Read the Easy Read version' in html
    assert "dw-easy-read-row" not in html
    assert f"Last updated {page.updated_at:%-d %B %Y}" in html
    assert '<meta name="description" content="Buses, trains and help to travel on your own.">' in html


def test_the_easy_read_version_asked_for_in_the_address(client):
    page = make_page(easy_read_title="Getting to places")
    html = client.get(page.get_absolute_url() + "?version=easy-read").content.decode()
    assert "<title>Getting to places (Easy Read) –" in html
    assert '<h1 class="govuk-heading-xl">Getting to places</h1>' in html
    assert '<div class="dw-easy-read"><div class="dw-easy-read-row">' in html
    assert "You can get the <strong>bus</strong>." in html
    assert 'href="?version=standard">Read the standard version' in html
    assert "free</strong> bus pass" not in html


def test_a_page_without_easy_read_shows_the_standard_version_and_no_link(client):
    page = make_page(easy_read_body="")
    html = client.get(page.get_absolute_url() + "?version=easy-read").content.decode()
    assert "You can get a <strong>free</strong> bus pass." in html
    assert "Read the Easy Read version" not in html
    assert "Read the standard version" not in html


def test_an_unpublished_or_missing_page_is_not_found(client):
    make_page("draft", published=False)
    assert client.get("/guidance/draft/").status_code == 404
    response = client.get("/guidance/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_pages_take_only_get(client):
    page = make_page()
    assert client.post(page.get_absolute_url()).status_code == 405
    assert client.post(reverse("guidance:index")).status_code == 405


def test_every_page_links_to_information_and_advice_in_the_footer(client):
    html = client.get(reverse("home")).content.decode()
    assert '<a class="govuk-footer__link" href="/guidance/">Information and advice</a>' in html


# --- Links from search and listings --------------------------------------------------------------
def test_a_direct_payment_listing_links_to_the_direct_payments_page(client):
    make_page("direct-payments", title="Direct payments and personal budgets")
    listing = OpportunityFactory(title="Allotment club", is_free=False)
    listing.payment_routes.add(PaymentRoute.objects.get(slug="direct-payment"))
    html = client.get(listing.get_absolute_url()).content.decode()
    assert '<a class="govuk-link" href="/guidance/direct-payments/">Read about direct payments</a>' in html
    page = client.get("/guidance/direct-payments/")
    assert page.status_code == 200
    assert "Direct payments and personal budgets" in page.content.decode()


def test_a_personal_assistant_listing_links_to_the_personal_assistants_page(client):
    provider = ProviderFactory(kind="personal_assistant")
    listing = OpportunityFactory(provider=provider)
    html = client.get(listing.get_absolute_url()).content.decode()
    assert 'href="/guidance/personal-assistants/">What a Personal Assistant does' in html


def test_search_results_link_their_badges_and_the_page_links_to_help_choosing(client):
    direct = OpportunityFactory(
        title="Pottery for everyone", provider=ProviderFactory(kind="personal_assistant")
    )
    direct.payment_routes.add(PaymentRoute.objects.get(slug="direct-payment"))
    opportunity_index_refresh()
    html = client.get(reverse("opportunities:list")).content.decode()
    assert 'href="/guidance/good-day/">Help choosing' in html
    assert "Pottery for everyone" in html
    assert (
        '<a class="govuk-link dw-tag-link" href="/guidance/direct-payments/"><strong class="govuk-tag '
        'govuk-tag--green dw-tag">Direct payment accepted</strong>'
    ) in html
    assert (
        '<a class="govuk-link dw-tag-link" href="/guidance/personal-assistants/"><strong class="govuk-tag '
        'govuk-tag--purple dw-tag">Personal Assistant</strong>'
    ) in html


# --- Pages that ship with Daywell ----------------------------------------------------------------
def test_shipped_pages_are_created_once_and_an_officers_edit_is_never_overwritten():
    GuidancePage.objects.all().delete()
    shipped = [
        {"slug": "good-day", "title": "A good day", "summary": "S.", "audience": "people", "position": 1,
         "body": "Body.", "easy_read_title": "", "easy_read_body": "[icon:star] Easy."},
        {"slug": "direct-payments", "title": "Direct payments", "summary": "S.", "audience": "people",
         "position": 2, "body": "Body.", "easy_read_title": "", "easy_read_body": ""},
    ]  # fmt: skip
    assert guidance_pages_ensure(shipped) == ShippedPages(created=2, updated=0)
    page = GuidancePage.objects.get(slug="good-day")
    assert page.published and page.updated_by is None and page.as_shipped
    assert GuidanceRevision.objects.filter(page=page).count() == 1
    officer = UserFactory(role=User.Role.COUNCIL_OFFICER)
    guidance_page_save(
        page=page, values={"title": "Having a good day, as the officer wrote it"}, by=officer, revision=0
    )
    GuidancePage.objects.get(slug="direct-payments").delete()
    assert guidance_pages_ensure(shipped) == ShippedPages(created=1, updated=0)
    assert GuidancePage.objects.get(slug="good-day").title == "Having a good day, as the officer wrote it"
    # Even once the officer's account has gone, their words stay.
    officer.delete()
    shipped[0]["body"] = "Corrected body."
    assert guidance_pages_ensure(shipped) == ShippedPages(created=0, updated=0)
    assert GuidancePage.objects.get(slug="good-day").body == "Body."


def test_a_corrected_shipped_text_reaches_pages_no_officer_has_saved():
    """A fix to guidance/content.py must reach sites that loaded the pages before it."""
    GuidancePage.objects.all().delete()
    shipped = {"slug": "personal-assistants", "title": "Personal Assistants", "summary": "S.",
               "audience": "people", "position": 3, "body": "Old body.", "easy_read_title": "",
               "easy_read_body": "[icon:person] Old."}  # fmt: skip
    guidance_pages_ensure([shipped])
    corrected = {**shipped, "body": "Old body.\n\nYou usually cannot pay a relative who lives with you."}
    assert guidance_pages_ensure([corrected]) == ShippedPages(created=0, updated=1)
    page = GuidancePage.objects.get(slug="personal-assistants")
    assert "relative who lives with you" in page.body and page.as_shipped
    # The change is in the page's history, and running again changes nothing.
    assert [revision.body for revision in page.revisions.order_by("saved_at", "pk")] == [
        "Old body.",
        corrected["body"],
    ]
    assert guidance_pages_ensure([corrected]) == ShippedPages(created=0, updated=0)


def test_an_officer_who_opened_a_page_before_a_shipped_correction_gets_a_conflict_not_a_silent_undo():
    GuidancePage.objects.all().delete()
    shipped = {"slug": "good-day", "title": "A good day", "summary": "S.", "audience": "people",
               "position": 1, "body": "Body.", "easy_read_title": "", "easy_read_body": ""}  # fmt: skip
    guidance_pages_ensure([shipped])
    opened_at = GuidancePage.objects.get(slug="good-day").content_revision
    guidance_pages_ensure([{**shipped, "body": "Corrected body."}])
    officer = UserFactory(role=User.Role.COUNCIL_OFFICER)
    with pytest.raises(EditConflict):
        guidance_page_save(
            page=GuidancePage.objects.get(slug="good-day"),
            values={"title": "T"},
            by=officer,
            revision=opened_at,
        )


def test_load_reference_loads_the_shipped_pages():
    from guidance import content

    GuidancePage.objects.all().delete()
    call_command("load_reference", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    slugs = set(GuidancePage.objects.values_list("slug", flat=True))
    assert slugs == {page["slug"] for page in content.PAGES}
    assert {"good-day", "direct-payments", "personal-assistants", "getting-there"} <= slugs


def test_every_shipped_page_renders_in_both_versions(client):
    from guidance import content

    guidance_pages_ensure()
    for values in content.PAGES:
        url = f"/guidance/{values['slug']}/"
        standard = client.get(url + "?version=standard")
        assert standard.status_code == 200, url
        assert f'<h1 class="govuk-heading-xl">{escape(values["title"])}</h1>' in standard.content.decode()
        if values["easy_read_body"]:
            easy = client.get(url + "?version=easy-read").content.decode()
            assert "dw-easy-read-row" in easy, url


def test_last_updated_is_the_date_of_the_last_save(client):
    page = make_page()
    GuidancePage.objects.filter(pk=page.pk).update(
        updated_at=datetime.datetime(2025, 3, 4, 12, tzinfo=datetime.UTC)
    )
    assert "Last updated 4 March 2025" in client.get(page.get_absolute_url()).content.decode()


def test_providers_find_the_guidance_for_providers_where_they_work(client):
    from tests.factories import ProviderMembershipFactory

    membership = ProviderMembershipFactory()
    client.force_login(membership.user)
    provider = membership.provider
    html = client.get(reverse("providers:detail", args=[provider.slug])).content.decode()
    for slug in ("for-providers-listing", "for-providers-checks", "for-providers-easy-read"):
        assert f'href="/guidance/{slug}/"' in html, slug
    listing = OpportunityFactory(provider=provider)
    section = reverse("providers:listing-section", args=[provider.slug, listing.pk, "easy-read"])
    html = client.get(section).content.decode()
    assert "How to write Easy Read" in html
    assert '<a class="govuk-link" href="/guidance/for-providers-easy-read/">Read our full guide' in html
