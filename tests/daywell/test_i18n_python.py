"""Text that Python hands to people is marked for translation, and really is translated.

The checker reads the source of every Daywell package (the `include` list in pyproject.toml) and
fails on a *bare* string literal (a plain string, an f-string, or a string joined with + or %, in
either branch of an `x if c else y`, or inside a list or tuple) that holds letters and a space and
is passed where its text reaches a person:

- keyword arguments named label, verbose_name, verbose_name_plural, help_text, title, caption,
  note, notes, hint, heading, summary, message, description, empty or columns (insight's table
  headings), and the values of an `error_messages={...}` dict;
- positional messages: `ValidationError("…")`; `messages.success/info/warning/error(request, "…")`;
  `form.add_error(field, "…")`; a crispy-forms `Button(name, "…")` or `Submit(name, "…")`; the
  importers' error carriers `RecordError(record, field, "…")`, `problems.add(field, "…")`,
  `check.error(where, "…")` and Outpost's `_Bad(field, "…")`; the ORUK API's `BadRequest("…")` and
  `NotFound("…")`; insight's `Figure(key, "title", ["headings"], …)` and `Section("title", …)`.

A string inside gettext, gettext_lazy, ngettext, pgettext (and their lazy and noop forms),
format_lazy or format_html is marked, so it passes; so does a variable, whose text is checked where
it is made. Single words are not looked at (they are usually keys: "venue", "csv").

Left out on purpose: tests, migrations, scripts and bench; `admin.py` modules (the Django admin is
developers' text, in English); `demo*.py` modules (sample listings and people written into the
database, like a fixture, not the interface); log messages (for developers). Http404 and
PermissionDenied messages are not checked: the 403 and 404 pages never show them.

It cannot see text built in a sentence list (`sentences.append(f"…")`) or returned from a function
for later display: those modules (insight.statement, citizens.plan) are proved by the Welsh
catalogue below instead, as is one string of each module whose text was marked by hand.
"""

import ast
import re
import tomllib
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from citizens.plan import PARTS, Slot
from insight import charts, statement, supply
from insight.demand import HIDDEN, HIDDEN_NOTE
from oruk import csv_format, records
from tests.factories import CostFactory, OpportunityFactory, SessionFactory

from .test_i18n import welsh_catalogue

MARKERS = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "format_lazy",
    "format_html",
}
USER_KEYWORDS = {
    "label",
    "verbose_name",
    "verbose_name_plural",
    "help_text",
    "title",
    "caption",
    "note",
    "notes",
    "hint",
    "heading",
    "summary",
    "message",
    "description",
    "empty",
    "columns",
}
# Callable name -> the positions of its arguments that people read.
USER_POSITIONS = {
    "ValidationError": [0],
    "success": [1],
    "info": [1],
    "warning": [1],
    "error": [1],
    "add_error": [1],
    "add": [1],
    "Button": [1],
    "Submit": [1],
    "RecordError": [2],
    "_Bad": [1],
    "BadRequest": [0],
    "NotFound": [0],
    "Figure": [1, 2],
    "Section": [0],
}
MESSAGES_ONLY = {"success", "info", "warning"}  # logger.info("…") is for developers
LOGGERS = {"logger", "logging", "log"}
TEXT = re.compile(r"[A-Za-z]")
MARKUP = re.compile(r"<[^>]*>|{%.*?%}|{{.*?}}|&\w+;")


def _name(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_text(value: str) -> bool:
    return bool(TEXT.search(value)) and " " in value.strip()


def bare_text(node) -> list[str]:
    """The unmarked words in an argument: its string literals (and f-strings) with letters and a space."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if _is_text(node.value) else []
    if isinstance(node, ast.JoinedStr):
        literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
        return [literal] if _is_text(literal) else []
    if isinstance(node, ast.BinOp):
        return bare_text(node.left) + bare_text(node.right)
    if isinstance(node, ast.IfExp):
        return bare_text(node.body) + bare_text(node.orelse)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [text for element in node.elts for text in bare_text(element)]
    if isinstance(node, ast.Starred):
        return bare_text(node.value)
    return []  # a call (gettext(…) and the like), a name, an attribute: not a literal here


def unmarked_python_text(source: str) -> list[tuple[int, str, str]]:
    """(line, where, text) for each piece of text passed to a person without being marked."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        called = _name(node.func)
        if called in MARKERS:
            continue
        for keyword in node.keywords:
            if keyword.arg in USER_KEYWORDS:
                found += [(node.lineno, keyword.arg, text) for text in bare_text(keyword.value)]
            elif keyword.arg == "error_messages" and isinstance(keyword.value, ast.Dict):
                for value in keyword.value.values:
                    found += [(node.lineno, "error_messages", text) for text in bare_text(value)]
        receiver = _name(node.func.value) if isinstance(node.func, ast.Attribute) else ""
        if (called in MESSAGES_ONLY and receiver != "messages") or (
            called == "error" and receiver in LOGGERS
        ):
            continue
        for position in USER_POSITIONS.get(called, []):
            if position < len(node.args):
                found += [(node.lineno, f"{called}()", text) for text in bare_text(node.args[position])]
        if called == "HTML" and node.args:  # crispy-forms' HTML("<p>…</p>"): the words between the tags
            found += [
                (node.lineno, "HTML()", words)
                for text in bare_text(node.args[0])
                if _is_text(words := " ".join(MARKUP.sub(" ", text).split()))
            ]
    return found


def python_modules() -> list:
    config = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())
    packages = [name.rstrip("*") for name in config["tool"]["setuptools"]["packages"]["find"]["include"]]
    return sorted(
        path
        for package in packages
        for path in (settings.BASE_DIR / package).rglob("*.py")
        if "migrations" not in path.parts and path.name != "admin.py" and not path.name.startswith("demo")
    )


MODULES = python_modules()


def test_the_scan_covers_every_app():
    apps = {path.relative_to(settings.BASE_DIR).parts[0] for path in MODULES}
    assert {"insight", "oruk", "accounts", "citizens", "opportunities", "providers", "guidance"} <= apps


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_text_python_hands_to_people_is_marked_for_translation(path):
    assert unmarked_python_text(path.read_text()) == []


def test_the_checker_finds_python_text_that_is_not_marked():
    source = """
from django.utils.translation import gettext as _, ngettext
name = models.CharField(max_length=10, verbose_name="full name", help_text=_("Marked, so fine."))
raise ValidationError("Enter a postcode")
raise ValidationError(_("Enter a postcode"))
messages.success(request, f"Saved {count} listings")
logger.info("Imported %s rows", count)
messages.info(request, ngettext("%(n)s row", "%(n)s rows", n) % {"n": n})
Figure("wards", "Opportunities in each ward", ["Ward", _("People")], rows, note="Counted on " + when)
field = forms.CharField(error_messages={"required": "Enter your name", "invalid": _("Check it")})
check.error("postcode", f"Must be a postcode (it is {value!r})" if bad else _("Too long"))
Column("title", True, "venue", "csv")
HTML('<h2 class="govuk-heading-m">Weekly sessions</h2>')
HTML('{% include "providers/includes/_easy_read_help.html" %}')
HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', _("Prices")))
"""
    assert sorted((line, text) for line, _where, text in unmarked_python_text(source)) == [
        (3, "full name"),
        (4, "Enter a postcode"),
        (6, "Saved  listings"),
        (9, "Counted on "),
        (9, "Opportunities in each ward"),
        (10, "Enter your name"),
        (11, "Must be a postcode (it is )"),
        (13, "Weekly sessions"),
    ]


# --- The Welsh catalogue ---------------------------------------------------------------------------
PART = "part of the day, inside a sentence"
WELSH = {
    # insight.statement: a section's title, and a whole sentence with plurals and its clauses
    "How things are changing": "Sut mae pethau’n newid",
    "In the last month, %(published)s and %(enquiries)s.\x00"
    "In the last %(months)s months, %(published)s and %(enquiries)s.": (
        "Yn y mis diwethaf, %(published)s a %(enquiries)s.\x00"
        "Yn y %(months)s mis diwethaf, %(published)s a %(enquiries)s."
    ),
    "%(count)s new listing was published\x00%(count)s new listings were published": (
        "cyhoeddwyd %(count)s rhestriad newydd\x00cyhoeddwyd %(count)s rhestriad newydd"
    ),
    "fewer than %(smallest)s enquiries were sent to providers": "anfonwyd llai na %(smallest)s ymholiad",
    # insight tables: a heading, a row, the hidden marker and the note that names it
    "When": "Pryd",
    "Evenings or weekends": "Gyda’r nos neu ar benwythnosau",
    "hidden": "cudd",
    # oruk.csv_format: a column's description, an error and a record's label
    "The name of the activity, up to 200 characters.": "Enw’r gweithgaredd, hyd at 200 nod.",
    "The file is empty": "Mae’r ffeil yn wag",
    "file": "ffeil",
    # citizens.plan: a part of the day, a day, and the order they go in
    f"{PART}\x04morning": "bore",
    "a day and a part of it: Tuesday morning\x04%(day)s %(part)s": "%(part)s %(day)s",
    "Monday": "dydd Llun",
    # Words the files and the ORUK feed hold, which must stay English
    "a session": "y sesiwn",
    "Charity": "Elusen",
}


@pytest.fixture
def welsh(settings, tmp_path):
    """Welsh as a second language, with a catalogue of strings from the modules marked by hand."""
    with welsh_catalogue(settings, tmp_path, WELSH):
        yield


@pytest.mark.django_db
def test_the_market_position_statement_is_translated(welsh):
    with translation.override("cy"):
        changing = statement._trends()
    assert changing.title == "Sut mae pethau’n newid"
    assert changing.sentences[0] == (
        "Yn y 12 mis diwethaf, cyhoeddwyd 0 rhestriad newydd a anfonwyd llai na 5 ymholiad."
    )
    english = statement._trends()
    assert english.title == "How things are changing"
    assert english.sentences[0] == (
        "In the last 12 months, 0 new listings were published and fewer than 5 enquiries were sent to providers."
    )


def _no_supply() -> supply.Supply:
    totals = supply.Totals(*([0] * len(supply.Totals.__dataclass_fields__)))
    return supply.Supply(totals=totals, counts={}, coverage={}, freshness={}, wards=[])


def test_insight_headings_rows_and_the_hidden_marker_are_translated(welsh):
    with translation.override("cy"):
        times = supply.by_time(_no_supply())
        download = times.csv_response("daywell-supply").content.decode()
        hidden, note = charts.format_value(HIDDEN), str(HIDDEN_NOTE)
    assert times.columns[0] == "Pryd" and times.rows[2][0] == "Gyda’r nos neu ar benwythnosau"
    assert download.splitlines()[0].startswith("Pryd,")
    assert hidden == "cudd" and "“cudd”" in note
    # The marker itself is a key, the same in every language.
    assert HIDDEN == "hidden"
    assert supply.by_time(_no_supply()).columns[0] == "When" and charts.format_value(HIDDEN) == "hidden"


def test_the_csv_column_guide_and_its_errors_are_translated(welsh):
    title = next(column for column in csv_format.COLUMNS if column.name == "title")
    with translation.override("cy"):
        assert str(title.holds) == "Enw’r gweithgaredd, hyd at 200 nod."
        [(label, error)] = list(csv_format.read_csv(""))
    assert (label, error.reason) == ("ffeil", "Mae’r ffeil yn wag")
    assert title.name == "title"  # the column's name is the file's, in every language
    assert str(title.holds) == "The name of the activity, up to 200 characters."


def test_the_plans_parts_of_the_day_are_translated_and_keep_their_order(welsh):
    with translation.override("cy"):
        assert str(PARTS[0]) == "bore"
        assert Slot(weekday=0, part=0).label == "bore dydd Llun"
    assert str(PARTS[0]) == "morning"
    assert Slot(weekday=0, part=0).label == "Monday morning"


@pytest.mark.django_db
def test_files_and_feed_records_keep_their_english_words_in_welsh(welsh):
    """Exports and ORUK records are data for other systems: a file downloaded in Welsh uploads again."""
    listing = OpportunityFactory(provider__kind="charity")
    CostFactory(opportunity=listing, amount=Decimal("12.50"), unit="session")
    SessionFactory(opportunity=listing, weekday=0)
    with translation.override("cy"):
        row = csv_format.opportunity_row(listing)
        cost = records.cost_option("service-1", Decimal("5"), "session")
        schedule = records.schedule("service-1", 0, "10:00", "12:00")
        assert str(listing.costs.get().get_unit_display()) == "y sesiwn"  # the page is in Welsh
    assert row["prices"] == "12.50 a session" and row["provider_kind"] == "Charity"
    assert row["times"].startswith("Monday ")
    assert cost["amount_description"] == "a session"
    assert schedule["description"].startswith("Mondays, ")


# makemessages (xgettext) finds marked text only under these names; text marked through any other
# alias (gettext as _g, gettext_noop as N_) would never reach a translator's catalogue.
EXTRACTED_NAMES = MARKERS - {"format_lazy", "format_html"}


def translation_aliases(source: str) -> list[str]:
    return [
        f"{alias.name} as {alias.asname}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if (alias.asname or alias.name) not in EXTRACTED_NAMES and "gettext" in alias.name
    ]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_translation_functions_keep_names_makemessages_reads(path):
    assert translation_aliases(path.read_text()) == []


def test_the_alias_check_finds_a_name_makemessages_would_miss():
    source = (
        "from django.utils.translation import gettext as _g, gettext_lazy as _, gettext_noop as N_\n"
        "from django.utils.translation import ngettext, pgettext_lazy\n"
    )
    assert translation_aliases(source) == ["gettext as _g", "gettext_noop as N_"]
