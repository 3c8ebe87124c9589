"""The guidance pages read well: a standard readability formula, the Easy Read rules, and sound links.

Readability is measured with textstat (https://pypi.org/project/textstat/), on the text a reader sees:
the "Daywell text" markup is stripped, and each heading and list item counts as a sentence of its own
(a full stop is added where it has none, as a reader pauses there too).

The targets. UK reading age is about the US school grade plus 5.
- Easy Read: Flesch–Kincaid grade at most EASY_READ_MAX_GRADE (4, a reading age of about 9) and Flesch
  reading ease at least EASY_READ_MIN_EASE (80: "easy"); no sentence longer than 15 words.
- Plain English: Flesch–Kincaid grade at most PLAIN_MAX_GRADE (6, a reading age of about 11), Flesch
  reading ease at least PLAIN_MIN_EASE (70: "fairly easy") and an average sentence of at most
  PLAIN_MAX_AVERAGE_WORDS (15) words.
Run `pytest tests/guidance/test_readability.py -s` to print every page's figures.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import textstat
from django.urls import Resolver404, resolve

from guidance.content import PAGES

EASY_READ_MAX_GRADE = 4.0  # Flesch–Kincaid grade 4: a reading age of about 9
EASY_READ_MIN_EASE = 80.0  # Flesch reading ease: 80 to 90 is "easy"
EASY_READ_MAX_SENTENCE_WORDS = 15
PLAIN_MAX_GRADE = 6.0  # Flesch–Kincaid grade 6: a reading age of about 11
PLAIN_MIN_EASE = 70.0  # Flesch reading ease: 70 to 80 is "fairly easy"
PLAIN_MAX_AVERAGE_WORDS = 15  # GOV.UK: aim for sentences of 15 to 20 words at most

# The icon names in the "Daywell text" contract: interests, access features, then general pictures.
INTERESTS = ["work", "volunteering", "learning", "independent-living", "sport", "arts-crafts", "music-drama",
             "nature-gardening", "cooking-food", "socialising", "health-wellbeing", "faith-culture",
             "technology", "days-out", "animals", "games"]  # fmt: skip
FEATURES = ["step-free", "accessible-toilet", "changing-places", "hoist", "quiet-space", "sensory-room",
            "hearing-loop", "bsl", "makaton", "easy-read", "autism-friendly", "dementia-friendly",
            "personal-care", "one-to-one", "medication-support", "pbs-trained", "transport-provided", "parking",
            "public-transport"]  # fmt: skip
GENERAL = ["phone", "email", "money", "bus", "walk", "car", "person", "people", "carer", "home", "calendar",
           "clock", "question", "warning", "tick", "cross", "computer", "heart", "map", "document", "council",
           "star", "talk", "help", "shield", "search", "list", "badge", "form", "key"]  # fmt: skip
ICON_NAMES = frozenset(INTERESTS + FEATURES + GENERAL)

FIELDS = {"slug", "title", "summary", "audience", "position", "body", "easy_read_title", "easy_read_body"}
SLUGS = {page["slug"] for page in PAGES}
PAGE_IDS = [page["slug"] for page in PAGES]

ICON = re.compile(r"^\[icon:([^\]\s]*)\]\s*")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
LIST_ITEM = re.compile(r"^(?:- |\d+\. )")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def blocks(text: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def inline_text(text: str) -> str:
    text = LINK.sub(r"\1", text)
    return text.replace("**", "")


def sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", ":")) else text + "."


def plain_text(markup: str) -> str:
    """What a reader reads: markup stripped, each heading and list item a sentence of its own."""
    parts = []
    for block in blocks(markup):
        lines = block.splitlines()
        if lines[0].startswith("#"):
            parts.append(sentence(block.lstrip("#")))
        elif LIST_ITEM.match(lines[0]):
            parts.extend(sentence(LIST_ITEM.sub("", line)) for line in lines)
        else:
            block = ICON.sub("", block)
            if block[:2] in ("> ", "! "):
                block = block[2:]
            parts.append(sentence(block))
    return inline_text("\n".join(parts))


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.replace("\n", " ")) if s.strip()]


def measures(page: dict) -> dict[str, float]:
    easy, plain = plain_text(page["easy_read_body"]), plain_text(page["body"])
    return {
        "easy_grade": textstat.flesch_kincaid_grade(easy),
        "easy_ease": textstat.flesch_reading_ease(easy),
        "plain_grade": textstat.flesch_kincaid_grade(plain),
        "plain_ease": textstat.flesch_reading_ease(plain),
        "plain_average_words": textstat.lexicon_count(plain) / len(sentences(plain)),
    }


# --- The measure itself ---------------------------------------------------------------------------------
def test_the_measure_tells_easy_words_from_hard_ones():
    """The formula and the markup stripping are doing their job: a known hard text fails the targets."""
    easy = plain_text("[icon:phone] **Phone** the council.\n\n[icon:tick] It is **free**.")
    assert easy == "Phone the council.\nIt is free."
    hard = (
        "Commissioned organisations must demonstrate comprehensive safeguarding arrangements, "
        "appropriate indemnity insurance and contemporaneous documentation of Disclosure and Barring "
        "Service certification for all personnel undertaking regulated activity."
    )
    assert textstat.flesch_kincaid_grade(hard) > PLAIN_MAX_GRADE
    assert textstat.flesch_kincaid_grade(easy) <= EASY_READ_MAX_GRADE
    assert (
        plain_text("## A heading\n\n- one item\n- two: [a link](/x/)")
        == "A heading.\none item.\ntwo: a link."
    )


# --- Readability ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_easy_read_meets_its_reading_age(page):
    figures = measures(page)
    print(f"\n{page['slug']}: {figures}")
    assert figures["easy_grade"] <= EASY_READ_MAX_GRADE, figures
    assert figures["easy_ease"] >= EASY_READ_MIN_EASE, figures


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_plain_english_meets_its_reading_age(page):
    figures = measures(page)
    assert figures["plain_grade"] <= PLAIN_MAX_GRADE, figures
    assert figures["plain_ease"] >= PLAIN_MIN_EASE, figures
    assert figures["plain_average_words"] <= PLAIN_MAX_AVERAGE_WORDS, figures


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_every_easy_read_sentence_is_short(page):
    text = plain_text(page["easy_read_body"]) + "\n" + sentence(page["easy_read_title"])
    long = [s for s in sentences(text) if textstat.lexicon_count(s) > EASY_READ_MAX_SENTENCE_WORDS]
    assert long == []


# --- The Easy Read rules --------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_every_easy_read_idea_has_a_known_icon(page):
    ideas = [block for block in blocks(page["easy_read_body"]) if not block.startswith("#")]
    assert 15 <= len(ideas) <= 30, f"{len(ideas)} ideas"
    without = [block for block in ideas if not ICON.match(block)]
    assert without == [], "every Easy Read idea starts with [icon:NAME]"
    unknown = {ICON.match(block).group(1) for block in ideas} - ICON_NAMES
    assert unknown == set()
    bold = [block for block in ideas if "**" in block]
    assert len(bold) >= len(ideas) / 2, "key words are in bold"


def test_icon_names_match_the_shipped_icons():
    """The list in this test is the contract; once the icons are shipped it must match them."""
    icons = pytest.importorskip("guidance.icons")
    assert ICON_NAMES <= icons.ICONS


# --- Every page, complete and well formed ---------------------------------------------------------------
def test_every_page_has_every_field_and_a_unique_slug_and_position():
    assert [page.keys() - FIELDS for page in PAGES] == [set()] * len(PAGES)
    assert [FIELDS - page.keys() for page in PAGES] == [set()] * len(PAGES)
    for page in PAGES:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", page["slug"]), page["slug"]
        assert page["audience"] in ("people", "providers")
        assert isinstance(page["position"], int)
        for field in FIELDS - {"position"}:
            assert isinstance(page[field], str) and page[field].strip(), (page["slug"], field)
        assert "<" not in page["body"] + page["easy_read_body"], "no HTML: Daywell text only"
    assert len(SLUGS) == len(PAGES)
    assert len({page["position"] for page in PAGES}) == len(PAGES)


def test_the_pages_the_issue_asks_for_are_all_there():
    assert {
        "good-day",
        "direct-payments",
        "personal-assistants",
        "assessments",
        "carers-assessments",
        "getting-there",
        "staying-safe",
        "for-providers-listing",
        "for-providers-checks",
        "for-providers-easy-read",
    } == SLUGS
    providers = {page["slug"] for page in PAGES if page["audience"] == "providers"}
    assert providers == {"for-providers-listing", "for-providers-checks", "for-providers-easy-read"}


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_titles_are_in_sentence_case_and_lists_keep_one_item_a_line(page):
    for title in (page["title"], page["easy_read_title"]):
        words = title.split()[1:]
        # Only names keep their capitals (Personal Assistants, Easy Read, Daywell).
        assert all(
            w[0].islower() or w in {"Personal", "Assistants", "Easy", "Read", "Daywell"} for w in words
        )
    for text in (page["body"], page["easy_read_body"]):
        for block in blocks(text):
            lines = block.splitlines()
            if LIST_ITEM.match(lines[0]):
                assert all(LIST_ITEM.match(line) for line in lines), block


# --- Links ----------------------------------------------------------------------------------------------
def links(page):
    return [target for _, target in LINK.findall(page["body"] + "\n" + page["easy_read_body"])]


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_every_link_goes_somewhere_real(page):
    for target in links(page):
        if target.startswith("tel:"):
            assert re.fullmatch(r"tel:[0-9-]+", target), target
            continue
        assert target.startswith("/") and not target.startswith("//"), target
        path = urlsplit(target).path
        if path.startswith("/guidance/"):
            assert re.fullmatch(r"/guidance/[a-z0-9-]+/", path), target
            assert path.split("/")[2] in SLUGS, target
            assert path.split("/")[2] != page["slug"], "a page does not link to itself"
        else:
            try:
                resolve(path)
            except Resolver404:
                pytest.fail(f"{page['slug']} links to {target}, which is not a page")


@pytest.mark.django_db
def test_links_to_search_choose_real_filters(client):
    """A link such as /opportunities/?payment=direct-payment names filters the search understands."""
    searches = {target for page in PAGES for target in links(page) if target.startswith("/opportunities/?")}
    assert len(searches) >= 4
    for target in sorted(searches):
        response = client.get(target)
        assert response.status_code == 200, target
        form = response.context["form"]
        assert form.errors == {}, (target, form.errors)
        for name in parse_qs(urlsplit(target).query):
            assert form.cleaned_data[name], (target, name)


def test_phone_numbers_are_the_councils():
    numbers = {target for page in PAGES for target in links(page) if target.startswith("tel:")}
    assert numbers == {"tel:01213031234", "tel:18001-01213031234", "tel:01216754806"}


# --- The markup (when guidance/markup.py exists) -------------------------------------------------------
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_every_page_renders_without_problems(page):
    markup = pytest.importorskip("guidance.markup")
    for text, easy_read in ((page["body"], False), (page["easy_read_body"], True)):
        assert markup.problems(text) == []
        html = str(markup.render(text, easy_read=easy_read))
        assert "[icon:" not in html and "**" not in html and "](/" not in html
