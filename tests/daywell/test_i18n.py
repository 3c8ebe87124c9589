"""The interface is ready for translation.

Every piece of text in every template is marked for Django's translation system, money and dates
are written the UK way, `<html lang>` follows the active language, and the language switcher
appears as soon as a second language is configured. A Welsh catalogue made on the fly shows that a
marked string really is translated, in a template and in Python.
"""

import contextlib
import datetime
import re
import struct
from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from daywell.money import pounds
from daywell.templatetags.language import html_lang
from opportunities.models import Opportunity

from ..factories import CostFactory

TEMPLATES = sorted(
    path
    for path in (settings.BASE_DIR / "templates").rglob("*")
    if path.is_file() and path.suffix in {".html", ".txt"}
)

# Regions whose text is not for translators: already marked, commented out, code, or not text.
UNMARKED_IGNORED = re.compile(
    r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}"
    r"|{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}"
    r"|{#.*?#}"
    r"|<!--.*?-->"
    r"|<(script|style|code)\b.*?</\1\s*>",
    re.S | re.I,
)
BLOCK_TAG = re.compile(r"{%.*?%}")
VARIABLE = re.compile(r"{{.*?}}")
SEPARATOR, PLACEHOLDER = "\x00", "\x01"
HTML_TAG = re.compile(r"<[A-Za-z/!\x00\x01][^>]*>")
TRANSLATABLE_ATTRIBUTE = re.compile(r'\s(alt|title|aria-label|placeholder)="([^"]*)"')
SUBMIT_VALUE = re.compile(r'<input\b[^>]*type="(?:submit|button)"[^>]*\svalue="([^"]*)"')
LITERAL_IN_TAG = re.compile(
    r'\|(?:default|default_if_none|yesno):"[^"]*[A-Za-z]'  # {{ x|default:"Not given" }}
    r'|{%\s*(?:include|with)\b[^%]*\w="[^"]*(?:[A-Z]|\s)[^"]*"'  # {% include ... with title="Back" %}
)
WORD = re.compile(r"[A-Za-z]")
ENTITY = re.compile(r"&#?\w+;")


def blank(match: re.Match, fill: str = " ") -> str:
    """The match replaced by `fill`, keeping line breaks so that line numbers still count."""
    return "".join("\n" if ch == "\n" else fill for ch in match.group())


def unmarked_text(source: str, *, html: bool = True) -> list[str]:
    """Visible words in a template that no {% translate %} or {% blocktranslate %} marks."""
    text = UNMARKED_IGNORED.sub(blank, source)
    text = BLOCK_TAG.sub(lambda m: blank(m, SEPARATOR), text)  # {% translate "…" %} goes too
    text = VARIABLE.sub(lambda m: blank(m, PLACEHOLDER), text)
    found = []
    if html:
        for tag in HTML_TAG.findall(text):
            found += [value for _name, value in TRANSLATABLE_ATTRIBUTE.findall(tag)]
            found += SUBMIT_VALUE.findall(tag)
        text = HTML_TAG.sub(SEPARATOR, text)
    found += [piece.strip() for piece in text.split(SEPARATOR)]
    return [piece for piece in found if WORD.search(ENTITY.sub("", piece)) and not is_address(piece)]


# Names that are the same in every language: the cookies the site sets.
NAMES = {"sessionid", "csrftoken", "daywell_easy_read", "django_language"}


def is_address(piece: str) -> bool:
    """A path, web or email address written out as such (/api/oruk/, https://…), or a cookie's name."""
    return piece in NAMES or bool(re.fullmatch(r"(?:https?://|/)\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", piece))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR / "templates")))
def test_every_piece_of_text_in_a_template_is_marked_for_translation(path):
    source = path.read_text()
    assert unmarked_text(source, html=path.suffix == ".html") == []
    assert LITERAL_IN_TAG.findall(source) == [], 'mark text in tag arguments with _("…")'


def test_the_checker_finds_text_that_is_not_marked():
    source = (
        '{% load i18n %}<h1 class="govuk-heading-l">{% translate "Your plan" %}</h1>\n'
        "<p>{% blocktranslate %}Hello {{ name }}{% endblocktranslate %} Forgotten words</p>\n"
        '<img alt="A photo"><button aria-label="{% translate "Close" %}">×</button>\n'
        "{% if x %}Left out{% endif %}{# a comment #}<code>source_id</code>"
    )
    assert unmarked_text(source) == ["A photo", "Forgotten words", "Left out"]
    assert LITERAL_IN_TAG.findall('{{ x|default:"Not given" }}')


# A sentence marked in pieces: a translator sees "Read our" or "to find out more." alone and cannot
# translate it. A piece is a marked string that does not end a sentence and runs on into a link, a
# variable, an {% if %} or another marked string; or one that starts in lower case straight after one.
TRANSLATED = r'{%\s*(?:translate|trans)\s+"([^"]*)"[^%]*%}'
RUNS_ON = re.compile(TRANSLATED + r"[ \t]*(?:<a\b|{{|{%\s*(?:if|translate|trans|url)\b)")
CARRIES_ON = re.compile(r"(?:</a>|}}|{%\s*(?:endif|else)\s*%})[ \t]*(?:</?\w+[^>]*>)?[ \t]*" + TRANSLATED)


# A link glued on after the sentence: "Review it: {{ SITE_URL }}{% endblocktranslate %}{% url … %}".
GLUED_ON = re.compile(r"{%\s*endblocktranslate\s*%}(?:{%\s*url\b[^%]*%}|{{[^}]*}})")


def sentence_pieces(source: str) -> list[str]:
    pieces = GLUED_ON.findall(source)
    for line in source.splitlines():
        pieces += [
            m.group(1) for m in RUNS_ON.finditer(line) if not re.search(r"[.?!:]$", m.group(1).strip())
        ]
        pieces += [m.group(1) for m in CARRIES_ON.finditer(line) if re.match(r"[a-z,;]", m.group(1))]
    return pieces


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR / "templates")))
def test_sentences_are_marked_whole_not_in_pieces(path):
    assert sentence_pieces(path.read_text()) == [], "mark the whole sentence with {% blocktranslate %}"


def test_the_checker_finds_sentences_marked_in_pieces():
    source = (
        '<p>{% translate "Read our" %} <a href="/privacy/">{% translate "privacy notice" %}</a> '
        '{% translate "to find out more." %}</p>\n'
        '<p>{% translate "About" %} {% if own %}you{% else %}{{ name }}{% endif %}</p>\n'
        '<p>{% translate "Easy Read:" %} {{ summary }}</p>\n'
        '<p>{% blocktranslate %}Read our <a href="{{ url }}">privacy notice</a>.{% endblocktranslate %}</p>\n'
        "{% blocktranslate %}Review it: {{ SITE_URL }}{% endblocktranslate %}{% url 'council:home' %}"
    )
    assert sentence_pieces(source) == [
        "{% endblocktranslate %}{% url 'council:home' %}",
        "Read our",
        "to find out more.",
        "About",
    ]


def test_emails_keep_the_subject_on_the_first_line():
    """{% load i18n %} shares the first line with the subject, so the message has no blank first line."""
    for path in TEMPLATES:
        if path.parent.name == "emails":
            first = path.read_text().splitlines()[0]
            assert first.startswith("{% load i18n %}"), path.name
            assert first.removeprefix("{% load i18n %}").strip(), path.name


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("5"), "£5"),
        (Decimal("5.00"), "£5"),
        (Decimal("12.5"), "£12.50"),
        (Decimal("1234.5"), "£1,234.50"),
        (1200, "£1,200"),
        ("0.99", "£0.99"),
        (Decimal("-3"), "-£3"),
        (None, ""),
        ("", ""),
        (Decimal("NaN"), ""),
        (float("inf"), ""),
        (Decimal("0.125"), "£0.13"),
        (Decimal("2.665"), "£2.67"),
    ],
)
def test_money_is_written_the_uk_way(amount, text):
    assert pounds(amount) == text
    assert Template("{% load money %}{{ amount|money }}").render(Context({"amount": amount})) == text


@pytest.mark.django_db
def test_a_listings_price_uses_the_same_money_style(client):
    cost = CostFactory(amount=Decimal("1250.00"))
    assert str(cost) == "£1,250 a session"
    cost.amount = Decimal("6.5")
    assert str(cost) == "£6.50 a session"


def test_dates_are_written_the_uk_way():
    with translation.override("en-gb"):
        rendered = Template(
            '{{ day|date:"j F Y" }} {{ day|date }} {{ day|date:"SHORT_DATE_FORMAT" }}'
        ).render(Context({"day": datetime.date(2026, 3, 5)}))
    assert rendered == "5 March 2026 5 Mar 2026 05/03/2026"


def test_html_lang_is_a_bcp47_tag():
    assert html_lang("en-gb") == "en-GB"
    assert html_lang("cy") == "cy"


def test_only_english_is_configured_for_now():
    assert settings.LANGUAGE_CODE == "en-gb"
    assert [code for code, _name in settings.LANGUAGES] == ["en-gb"]


@pytest.mark.django_db
def test_with_one_language_the_page_is_english_and_has_no_switcher(client):
    response = client.get(reverse("home"), headers={"accept-language": "cy,fr;q=0.8"})
    html = response.content.decode()
    assert '<html lang="en-GB"' in html
    assert response.headers["Content-Language"] == "en-gb"
    assert reverse("set_language") not in html
    assert "Cymraeg" not in html
    assert "django_language" not in client.get(reverse("cookies")).content.decode()


def write_catalogue(path, messages: dict[str, str]) -> None:
    """A compiled gettext catalogue (.mo) holding `messages`, as msgfmt would write it."""
    messages = {
        "": "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n",
        **messages,
    }
    keys = sorted(messages)
    ids = b"".join(key.encode() + b"\0" for key in keys)
    strs = b"".join(messages[key].encode() + b"\0" for key in keys)
    start = 7 * 4 + 16 * len(keys)
    id_table, str_table, offset = [], [], 0
    for key in keys:
        id_table += [len(key.encode()), start + offset]
        offset += len(key.encode()) + 1
    offset = 0
    for key in keys:
        str_table += [len(messages[key].encode()), start + len(ids) + offset]
        offset += len(messages[key].encode()) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    path.parent.mkdir(parents=True)
    path.write_bytes(
        header
        + struct.pack(f"{len(id_table)}i", *id_table)
        + struct.pack(f"{len(str_table)}i", *str_table)
        + ids
        + strs
    )


@contextlib.contextmanager
def welsh_catalogue(settings, tmp_path, messages: dict[str, str]):
    """Welsh as a second language for the length of the block, with a catalogue of `messages`."""
    write_catalogue(tmp_path / "cy" / "LC_MESSAGES" / "django.mo", messages)
    settings.LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
    settings.LOCALE_PATHS = [tmp_path]
    try:
        yield
    finally:
        translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def welsh(settings, tmp_path):
    """Welsh as a second language, with a catalogue of a few of the site's own strings."""
    messages = {
        "Find things to do during the day in Birmingham": "Dod o hyd i bethau i’w gwneud yn ystod y dydd",
        "Draft": "Drafft",
    }
    with welsh_catalogue(settings, tmp_path, messages):
        yield


@pytest.mark.django_db
def test_a_second_language_brings_the_switcher_and_translates_the_page(client, welsh):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en-GB"' in html
    assert "Find things to do during the day in Birmingham" in html
    switcher = re.search(r'<nav class="dw-language".*?</nav>', html, re.S).group()
    assert f'action="{reverse("set_language")}" method="post"' in switcher
    assert 'name="csrfmiddlewaretoken"' in switcher
    assert '<span class="dw-language__current" lang="en-GB" aria-current="true">English</span>' in switcher
    assert 'name="language" value="cy" lang="cy">Cymraeg</button>' in switcher

    response = client.post(reverse("set_language"), {"language": "cy", "next": reverse("home")})
    assert response.status_code == 302 and response.url == reverse("home")

    html = client.get(reverse("home")).content.decode()
    assert '<html lang="cy"' in html
    assert "Dod o hyd i bethau i’w gwneud yn ystod y dydd" in html
    assert "Find things to do during the day in Birmingham" not in html
    assert '<span class="dw-language__current" lang="cy" aria-current="true">Cymraeg</span>' in html
    assert 'name="language" value="en-gb" lang="en-GB">English</button>' in html
    # The cookie that remembers the choice is listed with the others.
    assert "django_language" in client.get(reverse("cookies")).content.decode()


def test_python_strings_are_translated_too(welsh):
    with translation.override("cy"):
        assert str(Opportunity.Status.DRAFT.label) == "Drafft"
    assert str(Opportunity.Status.DRAFT.label) == "Draft"


@pytest.mark.django_db
def test_the_language_switch_ignores_an_address_on_another_site(client, welsh):
    response = client.post(reverse("set_language"), {"language": "cy", "next": "https://example.com/"})
    assert response.status_code == 302 and response.url == "/"


@pytest.mark.django_db
def test_the_language_switcher_is_left_off_pages_shown_in_answer_to_a_form(client, welsh):
    """Like the Easy Read switch: going back to the address would lose what was sent."""
    url = reverse("accounts:sign-in")
    assert reverse("set_language") in client.get(url).content.decode()
    answer = client.post(url, {"username": "someone@example.org", "password": "not-it"}).content.decode()
    assert "govuk-error-summary" in answer
    assert reverse("set_language") not in answer


def test_emails_are_written_in_the_sites_language_whoever_sends_them(settings, tmp_path, mailoutbox):
    """The reader of an email is someone else (a provider, an officer): not the sender's language."""
    from daywell.notify import email_send

    messages = {"A new concern about an adult": "Adroddwyd pryder newydd am oedolyn"}
    with welsh_catalogue(settings, tmp_path, messages), translation.override("cy"):
        email_send(to=["safeguarding@example.org"], template="concern_received", context={"link": "/x/"})
        assert translation.gettext("A new concern about an adult") == messages["A new concern about an adult"]
    assert mailoutbox[0].subject == "A new concern about an adult"
