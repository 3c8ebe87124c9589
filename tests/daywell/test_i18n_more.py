"""Text built in Python that the scanner in test_i18n_python cannot follow is translated, whole:
the search page's filter counts and ward map, the map's key, the council's list of checks that run
out (with the month in the reader's language), the date boxes' errors, the check form's errors and
the message for a check dated too early. English stays as it was, byte for byte."""

import datetime
from copy import deepcopy
from types import SimpleNamespace

import pytest
from django import forms
from django.utils import timezone, translation

from citizens.review_forms import SUBJECT, ReviewForm
from council.checks import _what_needs_doing
from council.forms import ProviderCheckForm
from opportunities.search_page import MapWard, Option, Section, _map_links_html
from places.maps import legend
from providers.checks import too_early_message
from tests.factories import ProviderFactory

from .test_i18n import welsh_catalogue

RESULTS = (
    '(%(count)s<span class="govuk-visually-hidden"> result</span>)\x00'
    '(%(count)s<span class="govuk-visually-hidden"> results</span>)'
)
WELSH = {
    # opportunities.search_page: a filter's count and a ward on the map, each with its plural
    RESULTS: (
        '(%(count)s<span class="govuk-visually-hidden"> canlyniad</span>)\x00'
        '(%(count)s<span class="govuk-visually-hidden"> canlyniadau</span>)'
    ),
    "%(ward)s: %(count)s thing to do\x00%(ward)s: %(count)s things to do": (
        "%(ward)s: %(count)s peth i’w wneud\x00%(ward)s: %(count)s o bethau i’w gwneud"
    ),
    # places.maps: the map's key
    "None": "Dim",
    "%(low)s to %(top)s": "%(low)s i %(top)s",
    # council.checks and providers.checks: sentences with a date in them
    "Public liability insurance": "Yswiriant atebolrwydd cyhoeddus",
    "%(standard)s runs out on %(date)s": "Daw %(standard)s i ben ar %(date)s",
    "Enter a date on or after %(date)s, the date of the last check": (
        "Rhowch ddyddiad ar neu ar ôl %(date)s, dyddiad y gwiriad diwethaf"
    ),
    # citizens.review_forms: a date's two names and its errors
    "the date of the review": "ddyddiad yr adolygiad",
    f"{SUBJECT}\x04The date of the review": "ddyddiad yr adolygiad",
    "Enter %(what)s": "Rhowch %(what)s",
    "%(what)s must be a real date": "Rhaid i %(what)s fod yn ddyddiad go iawn",
    "%(what)s must include a day and year": "Rhaid i %(what)s gynnwys diwrnod a blwyddyn",
    # council.forms: an expiry date's name and a check on it with a plural
    f"{SUBJECT}\x04The date the insurance runs out": "ddyddiad y daw’r yswiriant i ben",
    "%(what)s must be within %(count)s year of the date of the check\x00"
    "%(what)s must be within %(count)s years of the date of the check": (
        "Rhaid i %(what)s fod o fewn %(count)s flwyddyn i ddyddiad y gwiriad\x00"
        "Rhaid i %(what)s fod o fewn %(count)s mlynedd i ddyddiad y gwiriad"
    ),
}
HIDDEN = '<span class="govuk-visually-hidden">'


@pytest.fixture
def welsh(settings, tmp_path):
    with welsh_catalogue(settings, tmp_path, WELSH):
        yield


def _counts_html() -> str:
    section = Section(
        "days",
        "Days",
        [Option("monday", "Monday", 1, False), Option("tuesday", "Tuesday", 12, True)],
    )
    return section.options_html


def test_filter_counts_have_real_plurals(welsh):
    english = _counts_html()
    assert f'Monday <span class="dw-count">(1{HIDDEN} result</span>)</span></label>' in english
    assert f'Tuesday <span class="dw-count">(12{HIDDEN} results</span>)</span></label>' in english
    with translation.override("cy"):
        welsh_html = _counts_html()
    assert f"(1{HIDDEN} canlyniad</span>)" in welsh_html
    assert f"(12{HIDDEN} canlyniadau</span>)" in welsh_html
    assert "result" not in welsh_html


def _ward(name: str, count: int) -> MapWard:
    return MapWard(name, "ward", count, "#1d70b8", "M0,0Z", "/search/?ward=ward", False)


def test_the_ward_maps_labels_have_real_plurals_and_escape_the_name(welsh):
    wards = [_ward("Ladywood", 1), _ward("Bordesley & Highgate", 7)]
    english = _map_links_html(wards)
    assert (
        '<a href="/search/?ward=ward" aria-label="Ladywood: 1 thing to do">'
        '<path d="M0,0Z" fill="#1d70b8"><title>Ladywood: 1</title></path></a>'
    ) in english
    assert 'aria-label="Bordesley &amp; Highgate: 7 things to do"' in english
    with translation.override("cy"):
        welsh_html = _map_links_html(wards)
    assert 'aria-label="Ladywood: 1 peth i’w wneud"' in welsh_html
    assert 'aria-label="Bordesley &amp; Highgate: 7 o bethau i’w gwneud"' in welsh_html


def test_the_maps_key_is_translated(welsh):
    assert [words for _, words in legend(10)] == ["None", "1 to 2", "3 to 4", "5 to 6", "7 to 8", "9 to 10"]
    assert [words for _, words in legend(2)] == ["None", "1", "2"]
    with translation.override("cy"):
        assert [words for _, words in legend(10)][:2] == ["Dim", "1 i 2"]
        assert [words for _, words in legend(0)] == ["Dim"]


def test_a_check_that_runs_out_is_a_whole_sentence_with_the_month_in_the_readers_language(welsh):
    latest = {"insurance": SimpleNamespace(expires_on=datetime.date(2026, 12, 13))}
    standing = SimpleNamespace(failed=[], latest=latest, expired=[], missing=[], expiring=["insurance"])
    provider = SimpleNamespace(is_personal_assistant=False)
    assert _what_needs_doing(provider, standing) == [
        "Public liability insurance runs out on 13 December 2026"
    ]
    with translation.override("cy"):
        lines = _what_needs_doing(provider, standing)
    assert lines == ["Daw Yswiriant atebolrwydd cyhoeddus i ben ar 13 Rhagfyr 2026"]


def test_a_check_dated_too_early_names_the_date_in_the_readers_language(welsh):
    day = datetime.date(2026, 3, 5)
    assert too_early_message(day) == "Enter a date on or after 5 March 2026, the date of the last check"
    with translation.override("cy"):
        message = too_early_message(day)
    assert message == "Rhowch ddyddiad ar neu ar ôl 5 Mawrth 2026, dyddiad y gwiriad diwethaf"


def _review_date_error(boxes: list[str]) -> str:
    field = deepcopy(ReviewForm.base_fields["reviewed_on"])
    with pytest.raises(forms.ValidationError) as error:
        field.clean(boxes)
    return error.value.messages[0]


def test_the_review_dates_errors_are_translated_with_the_dates_own_names(welsh):
    assert _review_date_error(["31", "2", "2024"]) == "The date of the review must be a real date"
    assert _review_date_error(["", "2", ""]) == "The date of the review must include a day and year"
    assert _review_date_error(["", "", ""]) == "Enter the date of the review"
    with translation.override("cy"):
        assert (
            _review_date_error(["31", "2", "2024"]) == "Rhaid i ddyddiad yr adolygiad fod yn ddyddiad go iawn"
        )
        assert _review_date_error(["", "2", ""]) == "Rhaid i ddyddiad yr adolygiad gynnwys diwrnod a blwyddyn"
        assert _review_date_error(["", "", ""]) == "Rhowch ddyddiad yr adolygiad"


def _check_form(kind: str, expires_on: datetime.date) -> ProviderCheckForm:
    today = timezone.localdate()
    data = {
        "outcome": "passed",
        **{f"checked_on_{i}": str(part) for i, part in enumerate((today.day, today.month, today.year))},
        **{f"expires_on_{i}": str(part) for i, part in enumerate((expires_on.day, expires_on.month, expires_on.year))},
    }  # fmt: skip
    return ProviderCheckForm(data, provider=ProviderFactory(), kind=kind)


@pytest.mark.django_db
def test_the_check_forms_expiry_errors_are_translated_with_real_plurals(welsh):
    too_late = timezone.localdate() + datetime.timedelta(days=11 * 366)
    form = _check_form("insurance", too_late)
    assert form.errors["expires_on"] == [
        "The date the insurance runs out must be within 10 years of the date of the check"
    ]
    with translation.override("cy"):
        form = _check_form("insurance", too_late)
        errors = form.errors["expires_on"]
    assert errors == ["Rhaid i ddyddiad y daw’r yswiriant i ben fod o fewn 10 mlynedd i ddyddiad y gwiriad"]


@pytest.mark.django_db
def test_the_dbs_expiry_date_keeps_its_capitals_in_errors():
    """It used str.capitalize(), which wrote "the dbs"; its name is now written out as a subject."""
    form = _check_form("dbs", timezone.localdate() - datetime.timedelta(days=1))
    assert form.errors["expires_on"] == [
        "The date to check the DBS again must be after the date of the check"
    ]
