"""Provider checks against the council's agreed standards: the rules, the council's pages and form,
and the "Council checked" badge on listings."""

import datetime
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import User
from opportunities.models import Opportunity
from opportunities.search_index import opportunity_index_refresh
from providers import checks as rules
from providers.models import Provider, ProviderCheck, ProviderCheckStanding
from tests.factories import OpportunityFactory, ProviderFactory, ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = ProviderCheck.Kind
Outcome = ProviderCheck.Outcome
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def check(provider, kind, outcome=Outcome.PASSED, *, on=None, expires=None, note="", save=True, **extra):
    on = on or TODAY - 10 * DAY
    if expires is None and outcome == Outcome.PASSED and kind in rules.EXPIRING_KINDS:
        expires = TODAY + 300 * DAY
    if outcome == Outcome.FAILED and not note:
        note = "Not good enough"
    made = ProviderCheck(provider=provider, kind=kind, outcome=outcome, checked_on=on, expires_on=expires,
                         note=note, **extra)  # fmt: skip
    if save:
        made.save()
    return made


def all_passed(provider, *, on=None, save=True, cqc=Outcome.NOT_NEEDED, **expires):
    made = []
    for kind in rules.STANDARDS:
        outcome = cqc if kind == Kind.CQC else Outcome.PASSED
        made.append(check(provider, kind, outcome, on=on, expires=expires.get(kind), save=save))
    return made


# --- The rules --------------------------------------------------------------------------------------
def test_every_standard_met_is_council_checked_since_the_last_of_the_checks():
    provider = ProviderFactory.build()
    made = all_passed(provider, save=False)
    made[2].checked_on = TODAY - 3 * DAY  # the last of them
    standing = rules.standing(made, today=TODAY)
    assert standing.status == rules.CHECKED and standing.is_council_checked
    assert standing.checked_on == TODAY - 3 * DAY
    assert standing.missing == standing.failed == standing.expired == []


def test_a_missing_standard_means_not_council_checked_and_is_named():
    provider = ProviderFactory.build()
    made = [c for c in all_passed(provider, save=False) if c.kind != Kind.CQC]
    standing = rules.standing(made, today=TODAY)
    assert standing.status == rules.MISSING and not standing.is_council_checked
    assert standing.missing == [Kind.CQC] and standing.checked_on is None
    assert rules.standing([], today=TODAY).missing == rules.STANDARDS


def test_cqc_registration_passes_or_is_not_needed_but_other_standards_must_pass():
    provider = ProviderFactory.build()
    registered = all_passed(provider, save=False, cqc=Outcome.PASSED)
    assert rules.standing(registered, today=TODAY).is_council_checked
    not_needed = all_passed(provider, save=False, cqc=Outcome.NOT_NEEDED)
    assert rules.standing(not_needed, today=TODAY).is_council_checked
    failed = all_passed(provider, save=False, cqc=Outcome.FAILED)
    assert rules.standing(failed, today=TODAY).failed == [Kind.CQC]


def test_the_latest_check_of_a_kind_counts():
    provider = ProviderFactory()
    all_passed(provider, on=TODAY - 20 * DAY)
    failed = check(provider, Kind.DBS, Outcome.FAILED, on=TODAY - 5 * DAY, note="Certificates out of date")
    standing = rules.provider_standing(provider)
    assert standing.status == rules.FAILED and standing.failed == [Kind.DBS]
    assert standing.latest[Kind.DBS] == failed
    check(provider, Kind.DBS, on=TODAY - 2 * DAY)
    standing = rules.provider_standing(provider)
    assert standing.status == rules.CHECKED and standing.checked_on == TODAY - 2 * DAY
    # Two checks on the same day: the one recorded later counts.
    check(provider, Kind.DBS, Outcome.FAILED, on=TODAY - 2 * DAY)
    assert rules.provider_standing(provider).status == rules.FAILED


@pytest.mark.parametrize(
    ("expires", "status", "badge"),
    [
        (TODAY + 31 * DAY, rules.CHECKED, True),
        (TODAY + 30 * DAY, rules.EXPIRING, True),
        (TODAY, rules.EXPIRING, True),  # good up to and including its date
        (TODAY - DAY, rules.EXPIRED, False),
    ],
)
def test_insurance_running_out(expires, status, badge):
    provider = ProviderFactory.build()
    made = all_passed(provider, save=False, insurance=expires, on=TODAY - 400 * DAY)
    standing = rules.standing(made, today=TODAY)
    assert (standing.status, standing.is_council_checked) == (status, badge)


def test_a_failure_is_more_urgent_than_an_expiry_or_a_gap():
    provider = ProviderFactory.build()
    made = all_passed(provider, save=False, dbs=TODAY - DAY)[:-1]  # no complaints check either
    made[0] = check(provider, Kind.SAFEGUARDING_POLICY, Outcome.FAILED, save=False)
    standing = rules.standing(made, today=TODAY)
    assert standing.status == rules.FAILED
    assert (standing.failed, standing.expired, standing.missing) == (
        [Kind.SAFEGUARDING_POLICY], [Kind.DBS], [Kind.COMPLAINTS],
    )  # fmt: skip


def test_a_personal_assistants_dbs_check_is_of_themself():
    assistant = ProviderFactory.build(kind=Provider.Kind.PERSONAL_ASSISTANT)
    assert rules.standard_label(Kind.DBS, assistant) == "DBS check of the Personal Assistant"
    assert rules.standard_label(Kind.DBS, ProviderFactory.build()) == "DBS checks for staff"


def test_the_database_refuses_checks_that_break_the_rules():
    provider = ProviderFactory()
    for bad in (
        {"kind": Kind.INSURANCE, "outcome": Outcome.PASSED, "expires_on": None},
        {"kind": Kind.DBS, "outcome": Outcome.PASSED, "expires_on": TODAY - 10 * DAY},  # not after the check
        {"kind": Kind.COMPLAINTS, "outcome": Outcome.NOT_NEEDED},
        {"kind": Kind.COMPLAINTS, "outcome": Outcome.FAILED, "note": ""},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            ProviderCheck.objects.create(provider=provider, checked_on=TODAY - 10 * DAY, **bad)


def test_the_standings_of_many_providers_take_one_query(django_assert_num_queries):
    checked = [ProviderFactory() for _ in range(5)]
    for provider in checked:
        all_passed(provider, on=TODAY - 4 * DAY)
    unchecked = ProviderFactory()
    all_passed(unchecked)
    check(unchecked, Kind.INSURANCE, Outcome.FAILED, on=TODAY - DAY)
    with django_assert_num_queries(1):
        found = rules.standings([p.pk for p in checked] + [unchecked.pk])
    assert {pk: s.checked_on for pk, s in found.items() if s.is_council_checked} == {
        p.pk: TODAY - 4 * DAY for p in checked
    }
    assert found[unchecked.pk].status == rules.FAILED


def test_expiry_counts_count_only_the_latest_passed_checks():
    soon, gone, renewed = ProviderFactory(), ProviderFactory(), ProviderFactory()
    check(soon, Kind.INSURANCE, expires=TODAY + 10 * DAY)
    check(soon, Kind.DBS, expires=TODAY + 40 * DAY)
    check(gone, Kind.DBS, on=TODAY - 900 * DAY, expires=TODAY - 3 * DAY)
    check(renewed, Kind.INSURANCE, on=TODAY - 400 * DAY, expires=TODAY - 30 * DAY)
    check(renewed, Kind.INSURANCE, on=TODAY - 31 * DAY, expires=TODAY + 200 * DAY)
    assert rules.expiry_counts() == {"expiring": 1, "expired": 1}


# --- Who may use the council's pages ----------------------------------------------------------------
@pytest.fixture
def provider():
    return ProviderFactory(name="Moseley Growers")


def urls(provider):
    return [
        reverse("council_checks:list"),
        reverse("council_checks:detail", args=[provider.uuid]),
        reverse("council_checks:record", args=[provider.uuid, "insurance"]),
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("moderator", 200),
        ("safeguarding", 403),
        ("commissioning", 403),
        ("no_role", 403),
        ("provider", 403),
        ("citizen", 403),
    ],
)
def test_only_moderators_may_open_the_check_pages(client, provider, who, status):
    if who in ("moderator", "safeguarding", "commissioning", "no_role"):
        roles = [] if who == "no_role" else [who]
        user = UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=roles)
    elif who == "provider":
        user = ProviderMembershipFactory(provider=provider).user
    else:
        user = UserFactory()
    client.force_login(user)
    for url in urls(provider):
        assert client.get(url).status_code == status, url
    response = client.post(urls(provider)[2], {"outcome": "failed", "note": "x"})
    assert response.status_code == (200 if status == 200 else 403)
    assert not ProviderCheck.objects.filter(outcome="failed").exists() or who == "moderator"


def test_signed_out_people_are_asked_to_sign_in(client, provider):
    for url in urls(provider):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.fixture
def moderator(client):
    officer = UserFactory(role=User.Role.COUNCIL_OFFICER, full_name="Grace Adeyemi")
    client.force_login(officer)
    return officer


def record_url(provider, kind="insurance"):
    return reverse("council_checks:record", args=[provider.uuid, kind])


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def insurance_data(**changes):
    data = {
        "outcome": "passed",
        **date_fields("checked_on", TODAY - 2 * DAY),
        **date_fields("expires_on", TODAY + 365 * DAY),
        "reference": "Midlands Mutual PL-1234",
        "note": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- Recording a check ------------------------------------------------------------------------------
def test_a_moderator_records_a_check_and_sees_it_with_date_officer_and_expiry(client, moderator, provider):
    response = client.post(record_url(provider), insurance_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("council_checks:detail", args=[provider.uuid])
    made = ProviderCheck.objects.get()
    assert (made.provider, made.kind, made.outcome) == (provider, Kind.INSURANCE, Outcome.PASSED)
    assert (made.checked_on, made.expires_on) == (TODAY - 2 * DAY, TODAY + 365 * DAY)
    assert (made.checked_by, made.reference) == (moderator, "Midlands Mutual PL-1234")
    page = client.get(response["Location"]).content.decode()
    assert "Public liability insurance: “Passed” is recorded for Moseley Growers." in page
    assert "Grace Adeyemi" in page
    assert (TODAY + 365 * DAY).strftime("%-d %B %Y") in page
    assert "Not checked yet: Safeguarding policy, DBS checks for staff, CQC registration" in page


def test_recording_a_new_check_keeps_the_old_one_in_the_history(client, moderator, provider):
    old = check(provider, Kind.INSURANCE, on=TODAY - 400 * DAY, expires=TODAY - 35 * DAY)
    client.post(record_url(provider), insurance_data())
    assert ProviderCheck.objects.count() == 2
    page = client.get(reverse("council_checks:detail", args=[provider.uuid])).content.decode()
    assert old.checked_on.strftime("%-d %b %Y") in page
    assert rules.provider_standing(provider).latest[Kind.INSURANCE].checked_on == TODAY - 2 * DAY


def test_a_failed_check_needs_a_note_and_keeps_no_expiry(client, moderator, provider):
    data = insurance_data(outcome="failed", note="The policy ran out in March.")
    assert client.post(record_url(provider), data).status_code == 302
    made = ProviderCheck.objects.get()
    assert (made.outcome, made.note, made.expires_on) == (
        Outcome.FAILED,
        "The policy ran out in March.",
        None,
    )


def test_cqc_may_be_not_needed_but_registration_needs_the_id_and_rating(client, moderator, provider):
    url = record_url(provider, "cqc")
    page = client.get(url).content.decode()
    assert "Not needed" in page and "CQC location ID" in page
    data = {"outcome": "passed", **date_fields("checked_on", TODAY)}
    page = client.post(url, data).content.decode()
    assert "Enter the CQC location ID" in page and "Select the CQC rating" in page
    assert not ProviderCheck.objects.exists()
    client.post(url, {**data, "reference": "1-123456789", "cqc_rating": "good"})
    assert ProviderCheck.objects.get().cqc_rating == "good"
    client.post(url, {"outcome": "not_needed", **date_fields("checked_on", TODAY)})
    assert ProviderCheck.objects.filter(outcome=Outcome.NOT_NEEDED).count() == 1


def test_only_insurance_and_dbs_ask_for_an_expiry_date(client, moderator, provider):
    assert "expires_on_0" in client.get(record_url(provider, "dbs")).content.decode()
    assert "expires_on_0" not in client.get(record_url(provider, "complaints")).content.decode()
    page = client.get(record_url(provider, "safeguarding-policy")).content.decode()
    assert "expires_on_0" not in page and "Not needed" not in page


@pytest.mark.parametrize(
    ("changes", "error", "target"),
    [
        (date_fields("checked_on", TODAY) | {"checked_on_0": "31", "checked_on_1": "2"},
         "The date of the check must be a real date", "id_checked_on_0"),
        ({"checked_on_1": ""}, "The date of the check must include a month", "id_checked_on_1"),
        (date_fields("checked_on", TODAY + DAY), "The date of the check must be today or in the past",
         "id_checked_on_0"),
        ({"checked_on_0": "", "checked_on_1": "", "checked_on_2": ""}, "Enter the date of the check",
         "id_checked_on_0"),
        ({"expires_on_0": "", "expires_on_1": "", "expires_on_2": ""}, "Enter the date the insurance runs out",
         "id_expires_on_0"),
        ({"expires_on_0": "30", "expires_on_1": "2", "expires_on_2": str(TODAY.year + 1)},
         "The date the insurance runs out must be a real date", "id_expires_on_0"),
        ({"expires_on_2": "27"}, "Year must include 4 numbers", "id_expires_on_2"),
        (date_fields("expires_on", TODAY - 2 * DAY),
         "The date the insurance runs out must be after the date of the check", "id_expires_on_0"),
        ({"outcome": None}, "Select the result of the check", "id_outcome"),
        ({"outcome": "not_needed"}, "Select the result of the check", "id_outcome"),
        ({"outcome": "failed"}, "Enter what is wrong and what the provider must do", "id_note"),
        ({"note": "x" * 2001}, "The note must be 2,000 characters or fewer", "id_note"),
    ],
)  # fmt: skip
def test_bad_input_shows_errors_linked_to_the_field_and_saves_nothing(client, moderator, provider, changes, error,
                                                                      target):  # fmt: skip
    response = client.post(record_url(provider), insurance_data(**changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "<title>Error:" in page
    assert f'<li><a href="#{target}">{error}</a></li>' in page
    for link in re.findall(r'<li><a href="#([^"]+)"', page):
        assert f'id="{link}"' in page, link
    assert not ProviderCheck.objects.exists()
    assert 'value="Midlands Mutual PL-1234"' in page  # nothing typed is lost


def test_an_unknown_standard_or_provider_is_not_found(client, moderator, provider):
    assert client.get(record_url(provider, "fire-safety")).status_code == 404
    missing = reverse("council_checks:detail", args=["0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f"])
    assert client.get(missing).status_code == 404


# --- The list -----------------------------------------------------------------------------------
def test_the_list_shows_each_providers_status_with_filters_and_counts(client, moderator):
    checked = ProviderFactory(name="All Good Trust")
    all_passed(checked, on=TODAY - 3 * DAY)
    expiring = ProviderFactory(name="Soon Out Society")
    all_passed(expiring, insurance=TODAY + 12 * DAY)
    expired = ProviderFactory(name="Lapsed Ltd")
    all_passed(expired, on=TODAY - 800 * DAY, dbs=TODAY - 5 * DAY)
    ProviderFactory(name="Never Checked CIC")
    failed = ProviderFactory(name="Failing Friends")
    check(failed, Kind.COMPLAINTS, Outcome.FAILED, note="No procedure")

    page = client.get(reverse("council_checks:list")).content.decode()
    for text in ("All (5)", "Council checked (1)", "Expiring soon (1)", "Expired (1)", "Missing checks (1)",
                 "Failed a check (1)"):  # fmt: skip
        assert text in page, text
    names = re.findall(r'href="/council/checks/[0-9a-f-]+/">([^<]+)</a>', page)
    assert names == [
        "Failing Friends",
        "Lapsed Ltd",
        "Never Checked CIC",
        "Soon Out Society",
        "All Good Trust",
    ]
    assert f"DBS checks for staff ran out on {(TODAY - 5 * DAY):%-d %B %Y}" in page
    assert f"Public liability insurance runs out on {(TODAY + 12 * DAY):%-d %B %Y}" in page

    page = client.get(reverse("council_checks:list"), {"status": "expiring"}).content.decode()
    assert re.findall(r'href="/council/checks/[0-9a-f-]+/">([^<]+)</a>', page) == ["Soon Out Society"]
    page = client.get(reverse("council_checks:list"), {"q": "lapsed", "status": "nonsense"}).content.decode()
    assert re.findall(r'href="/council/checks/[0-9a-f-]+/">([^<]+)</a>', page) == ["Lapsed Ltd"]


def test_the_workspace_front_page_sums_up_expiring_and_expired_checks(client, moderator):
    check(ProviderFactory(), Kind.INSURANCE, expires=TODAY + 5 * DAY)
    check(ProviderFactory(), Kind.INSURANCE, expires=TODAY + 25 * DAY)
    check(ProviderFactory(), Kind.DBS, on=TODAY - 1000 * DAY, expires=TODAY - DAY)
    page = client.get(reverse("council:home")).content.decode()
    assert "Provider checks</a>: 2 expiring in the next 30 days, 1 expired" in page
    client.force_login(UserFactory(role=User.Role.COUNCIL_OFFICER, officer_roles=["commissioning"]))
    assert "Provider checks</a>:" not in client.get(reverse("council:home")).content.decode()


# --- The badge ----------------------------------------------------------------------------------
BADGE = "Council checked</strong> on"


def test_the_badge_shows_on_a_listing_when_every_check_passed_and_goes_when_one_fails(client):
    listing = OpportunityFactory(provider__name="Moseley Growers")
    url = listing.get_absolute_url()
    assert BADGE not in client.get(url).content.decode()
    all_passed(listing.provider, on=TODAY - 6 * DAY)
    page = client.get(url).content.decode()
    assert f"{BADGE} {(TODAY - 6 * DAY):%-d %B %Y}" in page
    assert f'href="{reverse("council-checked")}"' in page
    check(listing.provider, Kind.SAFEGUARDING_POLICY, Outcome.FAILED, on=TODAY - DAY)
    assert BADGE not in client.get(url).content.decode()


def test_the_badge_goes_the_day_after_a_check_runs_out(client):
    listing = OpportunityFactory()
    all_passed(listing.provider, on=TODAY - 500 * DAY, insurance=TODAY)
    assert BADGE in client.get(listing.get_absolute_url()).content.decode()
    ProviderCheck.objects.filter(kind=Kind.INSURANCE).update(expires_on=TODAY - DAY)
    assert BADGE not in client.get(listing.get_absolute_url()).content.decode()


def result_cards(client, q):
    page = client.get(reverse("opportunities:list"), {"q": q}).content.decode()
    return dict(re.findall(r'<a class="govuk-link" href="[^"]+">([^<]+)</a></h3>(.*?)</li>', page, re.S))


def test_search_result_cards_show_the_badge_of_checked_providers_only(client):
    checked = OpportunityFactory(title="Checked choir")
    all_passed(checked.provider, on=TODAY - 2 * DAY, insurance=TODAY + 9 * DAY)
    rules.standing_store([checked.provider_id])
    OpportunityFactory(title="Unchecked choir")
    opportunity_index_refresh()
    cards = result_cards(client, "choir")
    assert set(cards) == {"Checked choir", "Unchecked choir"}
    assert f"{BADGE} {(TODAY - 2 * DAY):%-d %B %Y}" in cards["Checked choir"]
    assert BADGE not in cards["Unchecked choir"]
    # The card keeps the first expiry date: the badge goes the day after, with no write at all.
    assert ProviderCheckStanding.objects.get(provider=checked.provider).valid_until == TODAY + 9 * DAY
    # The day after: the card as stored, with its first expiry now in the past.
    checked.refresh_from_db()
    card = checked.card | {"council_checked": [checked.card["council_checked"][0], str(TODAY - DAY)]}
    Opportunity.objects.filter(pk=checked.pk).update(card=card)
    assert BADGE not in result_cards(client, "choir")["Checked choir"]


def test_recording_a_check_updates_the_cards_of_the_providers_listings(client, moderator):
    listing = OpportunityFactory(title="Singing for the brain")
    for kind in rules.STANDARDS:
        if kind != Kind.INSURANCE:
            check(listing.provider, kind, Outcome.NOT_NEEDED if kind == Kind.CQC else Outcome.PASSED)
    opportunity_index_refresh()
    assert BADGE not in result_cards(client, "singing")["Singing for the brain"]
    client.post(record_url(listing.provider), insurance_data())
    assert (
        f"{BADGE} {(TODAY - 2 * DAY):%-d %B %Y}" in result_cards(client, "singing")["Singing for the brain"]
    )
    data = insurance_data(outcome="failed", note="Cancelled", **date_fields("checked_on", TODAY))
    client.post(record_url(listing.provider), data)
    assert BADGE not in result_cards(client, "singing")["Singing for the brain"]


def test_a_listing_that_starts_to_give_personal_care_takes_the_badge_off_its_card_without_cqc(client):
    """CQC was "not needed"; once a listing says it gives personal care, the card's badge goes
    when the listing's search facts are refreshed (as approval does), with no check recorded."""
    from opportunities.models import Feature

    listing = OpportunityFactory(title="Tuesday lunch club")
    all_passed(listing.provider, on=TODAY - 2 * DAY)
    rules.standing_store([listing.provider_id])
    opportunity_index_refresh(ids=[listing.pk])
    assert BADGE in result_cards(client, "lunch")["Tuesday lunch club"]
    listing.features.add(Feature.objects.get(slug="personal-care"))
    opportunity_index_refresh(ids=[listing.pk])
    assert BADGE not in result_cards(client, "lunch")["Tuesday lunch club"]


def test_the_public_explanation_page(client):
    page = client.get(reverse("council-checked")).content.decode()
    assert "What “Council checked” means" in page
    assert "public liability insurance" in page and "Care Quality Commission" in page
    assert "What the badge does not mean" in page
    assert f'href="{reverse("concerns:report")}"' in page


# --- Demo data ----------------------------------------------------------------------------------
def test_the_demo_gives_some_providers_the_badge_and_others_something_to_do(client):
    from providers.demo_checks import EXPIRED, FAILED, PASSING, demo_checks_ensure

    listing = OpportunityFactory(provider__name=PASSING[0])
    ProviderFactory(name=EXPIRED)
    ProviderFactory(name=FAILED)
    created = demo_checks_ensure()
    assert created == 15
    assert demo_checks_ensure() == 0  # safe to run again
    found = {p.name: s.status for p, s in ((p, rules.provider_standing(p)) for p in Provider.objects.all())}
    assert found == {PASSING[0]: rules.CHECKED, EXPIRED: rules.EXPIRED, FAILED: rules.FAILED}
    assert BADGE in client.get(listing.get_absolute_url()).content.decode()
    assert BADGE in result_cards(client, "allotment")[listing.title]


# --- Review fixes: dates, CQC and personal care, the list at scale -----------------------------------
def errors_on(page):
    return re.findall(r'<li><a href="#([^"]+)">([^<]*)</a></li>', page)


def test_a_check_dated_before_the_latest_of_its_kind_is_refused_and_the_same_day_is_not(
    client, moderator, provider
):
    check(provider, Kind.INSURANCE, on=TODAY - 5 * DAY)
    url = record_url(provider)
    assert f"Its date must be on or after {(TODAY - 5 * DAY):%-d %B %Y}" in client.get(url).content.decode()
    data = insurance_data(outcome="failed", note="Cancelled", **date_fields("checked_on", TODAY - 6 * DAY))
    page = client.post(url, data).content.decode()
    message = f"Enter a date on or after {(TODAY - 5 * DAY):%-d %B %Y}, the date of the last check"
    assert errors_on(page) == [("id_checked_on_0", message)]
    assert ProviderCheck.objects.count() == 1
    data |= date_fields("checked_on", TODAY - 5 * DAY)
    assert client.post(url, data).status_code == 302
    assert rules.provider_standing(provider).latest[Kind.INSURANCE].outcome == Outcome.FAILED


def test_the_service_refuses_a_check_dated_before_the_latest_too(moderator, provider):
    check(provider, Kind.DBS, on=TODAY - 5 * DAY)
    data = {"outcome": Outcome.FAILED, "checked_on": TODAY - 9 * DAY, "note": "Out of date"}
    with pytest.raises(rules.CheckDatedTooEarly):
        rules.provider_check_record(provider=provider, kind=Kind.DBS, by=moderator, data=data)
    assert ProviderCheck.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (date_fields("expires_on", TODAY + 11 * 365 * DAY),
         "The date the insurance runs out must be within 10 years of the date of the check"),
        (date_fields("checked_on", TODAY - 60 * DAY) | date_fields("expires_on", TODAY - DAY),
         "The date the insurance runs out must be today or in the future. If it has run out, record the "
         "check as failed"),
        ({"reference": "x" * 201}, "The insurer and policy number must be 200 characters or fewer"),
        ({"expires_on_1": "123456789012345678901234567890"}, "The date the insurance runs out must be a real date"),
    ],
)  # fmt: skip
def test_expiry_dates_that_cannot_be_right_and_long_references_are_refused(
    client, moderator, provider, changes, error
):
    page = client.post(record_url(provider), insurance_data(**changes)).content.decode()
    assert errors_on(page)[0][1] == error
    assert not ProviderCheck.objects.exists()


def test_an_expiry_date_today_is_still_taken_and_a_failed_check_ignores_a_gone_date(
    client, moderator, provider
):
    data = insurance_data(**date_fields("checked_on", TODAY - 300 * DAY), **date_fields("expires_on", TODAY))
    assert client.post(record_url(provider), data).status_code == 302
    data |= {"outcome": "failed", "note": "Ran out"} | date_fields("expires_on", TODAY - DAY)
    data |= date_fields("checked_on", TODAY)
    assert client.post(record_url(provider), data).status_code == 302
    assert ProviderCheck.objects.filter(outcome=Outcome.FAILED, expires_on=None).count() == 1


def personal_care_listing(provider):
    from opportunities.models import Feature

    listing = OpportunityFactory(provider=provider)
    listing.features.add(Feature.objects.get(slug=rules.PERSONAL_CARE))
    return listing


def test_cqc_not_needed_is_refused_when_the_listings_say_personal_care(client, moderator, provider):
    personal_care_listing(provider)
    page = client.post(
        record_url(provider, "cqc"), {"outcome": "not_needed", **date_fields("checked_on", TODAY)}
    )
    assert errors_on(page.content.decode()) == [(
        "id_outcome",
        "Select passed or failed: this provider&#x27;s listings say they give personal care, so it must be "
        "registered with the CQC",
    )]  # fmt: skip
    assert not ProviderCheck.objects.exists()


def test_cqc_not_needed_stops_counting_when_a_listing_says_personal_care(client, moderator, provider):
    all_passed(provider, on=TODAY - 3 * DAY, cqc=Outcome.NOT_NEEDED)
    assert rules.provider_standing(provider).is_council_checked
    listing = personal_care_listing(provider)
    standing = rules.provider_standing(provider)
    assert (standing.status, standing.failed) == (rules.FAILED, [Kind.CQC])
    assert BADGE not in client.get(listing.get_absolute_url()).content.decode()
    assert rules.summaries([provider.pk])[provider.pk].status == rules.FAILED
    page = client.get(reverse("council_checks:detail", args=[provider.uuid])).content.decode()
    assert "CQC registration is needed: its listings say they give personal care" in page
    page = client.get(reverse("council_checks:list")).content.decode()
    assert "Failed a check (1)" in page
    assert "CQC registration is needed: its listings say they give personal care" in page


def test_hidden_link_text_keeps_acronyms_in_capitals(client, moderator, provider):
    page = client.get(reverse("council_checks:detail", args=[provider.uuid])).content.decode()
    assert '<span class="govuk-visually-hidden"> of the DBS checks for staff</span>' in page
    assert '<span class="govuk-visually-hidden"> of the CQC registration</span>' in page
    assert '<span class="govuk-visually-hidden"> of the public liability insurance</span>' in page


def test_the_statuses_counted_in_the_database_agree_with_the_rule():
    made = {}
    for name, expires, failed_kind, skip in [
        ("checked", TODAY + 300 * DAY, None, None),
        ("expiring", TODAY + 30 * DAY, None, None),
        ("today", TODAY, None, None),
        ("expired", TODAY - DAY, None, None),
        ("missing", TODAY + 300 * DAY, None, Kind.COMPLAINTS),
        ("missing and expired", TODAY - DAY, None, Kind.COMPLAINTS),
        ("failed and expired", TODAY - DAY, Kind.SAFEGUARDING_POLICY, None),
    ]:
        provider = made[name] = ProviderFactory(name=name)
        for kind in rules.STANDARDS:
            if kind == skip:
                continue
            outcome = Outcome.NOT_NEEDED if kind == Kind.CQC else Outcome.PASSED
            check(
                provider, kind, outcome, on=TODAY - 400 * DAY, expires=expires if kind == Kind.DBS else None
            )
        if failed_kind:
            check(provider, failed_kind, Outcome.FAILED, on=TODAY - 2 * DAY)
    made["none"] = ProviderFactory(name="none")
    ids = [p.pk for p in made.values()]
    in_full, counted = rules.standings(ids), rules.summaries(ids)
    assert {pk: (s.status, s.next_expiry) for pk, s in in_full.items()} == {
        pk: (s.status, s.next_expiry) for pk, s in counted.items()
    }
    assert {name: counted[p.pk].status for name, p in made.items()} == {
        "checked": rules.CHECKED, "expiring": rules.EXPIRING, "today": rules.EXPIRING,
        "expired": rules.EXPIRED, "missing": rules.MISSING, "missing and expired": rules.EXPIRED,
        "failed and expired": rules.FAILED, "none": rules.MISSING,
    }  # fmt: skip


def test_the_list_page_queries_do_not_grow_with_the_providers(
    client, moderator, django_assert_max_num_queries
):
    for _ in range(3):
        all_passed(ProviderFactory())
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("council_checks:list"))
    for _ in range(10):
        all_passed(ProviderFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Council checked (13)" in client.get(reverse("council_checks:list")).content.decode()
