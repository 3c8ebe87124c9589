"""Every marked string reaches a translator's catalogue, and the catalogue compiles.

The other i18n tests build small catalogues by hand; this one makes the real thing the way a
translator would start (`manage.py makemessages -l cy`, which runs GNU xgettext over the project)
and checks that text marked in templates, in Python and with each kind of marker is in it: text
marked under a name xgettext does not know would silently be missing. Then it fills every entry
with a pseudo-translation that keeps the placeholders and compiles it with `msgfmt --check-format`,
which refuses an entry whose placeholders do not match.
"""

import os
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command

IGNORED = [
    ".venv",
    "venv",
    "frontend",
    "tests",
    "static",
    "staticfiles",
    "bench",
    "scripts",
    "docs",
    "*.egg-info",
]


def _missing(what: str):
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing, and CI must run this test (see scripts/ensure-test-tools).")
    pytest.skip(f"{what} is missing: run 'make test' to install it.")


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    if not (shutil.which("xgettext") and shutil.which("msgfmt")):
        _missing("GNU gettext (xgettext, msgfmt)")
    out = tmp_path_factory.mktemp("locale")
    here = os.getcwd()
    os.chdir(settings.BASE_DIR)
    saved = settings.LOCALE_PATHS
    try:
        settings.LOCALE_PATHS = [out]
        call_command("makemessages", locale=["cy"], ignore_patterns=IGNORED, verbosity=0, no_obsolete=True)
    finally:
        settings.LOCALE_PATHS = saved
        os.chdir(here)
    return out / "cy" / "LC_MESSAGES" / "django.po"


def entries(po_text: str) -> list[str]:
    return [block for block in po_text.split("\n\n") if "msgid" in block]


def msgid(block: str) -> str:
    match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
    return "".join(re.findall(r'"(.*)"', match.group(1))) if match else ""


@pytest.mark.parametrize(
    "text",
    [
        "Switch Easy Read on",  # a template, {% translate %}
        "This web address is used by Daywell itself: choose another",  # Python, gettext
        "who has looked at the profile",  # Python, gettext_noop
        "%(day)s %(part)s",  # Python, pgettext with a context
        "There is no Easy Read summary of this activity yet. You can ask the provider to explain it.",
        "Your form could not be sent",  # the CSRF failure page
        "Only for council officers. Each role opens its own part of the council workspace.",  # a model
        "Year",  # crispy-forms-gds's date input looks it up in our catalogue (daywell/third_party_text.py)
        "Error:",  # the hidden word before each field's error (templates/gds/layout/field_errors.html)
    ],
)
def test_marked_text_reaches_the_catalogue(catalogue, text):
    ids = {msgid(block) for block in entries(catalogue.read_text())}
    assert len(ids) > 1000
    assert text in ids


def test_a_plural_and_a_context_are_kept_as_such(catalogue):
    po = catalogue.read_text()
    assert re.search(r'msgctxt "a day and a part of it: Tuesday morning"\nmsgid "%\(day\)s %\(part\)s"', po)
    assert re.search(
        r'msgid "%\(count\)s listing would fit but is for people of other ages\."\nmsgid_plural', po
    )


def test_a_translation_that_keeps_the_placeholders_compiles(catalogue, tmp_path):
    """Every entry filled with a pseudo-translation: msgfmt checks each entry's placeholders."""
    po = catalogue.read_text()
    po = po.replace(
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    )
    filled = []
    for block in po.split("\n\n"):
        if "msgid_plural" in block:
            singular = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M).group(1).rstrip("\n")
            plural = re.search(r'^msgid_plural ((?:".*"\n?)+)', block, re.M).group(1).rstrip("\n")
            block = re.sub(r'^msgstr\[0\] ""', f"msgstr[0] {singular}", block, flags=re.M)
            block = re.sub(r'^msgstr\[1\] ""', f"msgstr[1] {plural}", block, flags=re.M)
        elif 'msgid ""\nmsgstr ""\n"Project' not in block and block.rstrip().endswith('msgstr ""'):
            text = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M).group(1).rstrip("\n")
            block = block.rstrip()[: -len('msgstr ""')] + f"msgstr {text}"
        filled.append(block)
    source = tmp_path / "django.po"
    source.write_text("\n\n".join(filled))
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(tmp_path / "django.mo"), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[:2000]
    assert (tmp_path / "django.mo").stat().st_size > 10_000
