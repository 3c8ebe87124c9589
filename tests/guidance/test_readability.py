"""The guidance pages read well: a standard readability formula, the Easy Read rules, and sound links.

Readability is measured with textstat (https://pypi.org/project/textstat/) by guidance/readability.py,
on the text a reader sees. Its docstring states the targets; the README states the reading age. The
same rules run in the editor's preview, so officers' edits are measured too.
Run `pytest tests/guidance/test_readability.py -s` to print every page's figures.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import textstat
from django.urls import Resolver404, resolve

from guidance.content import PAGES
from guidance.readability import (
    EASY_READ_MAX_GRADE,
    EASY_READ_MAX_SENTENCE_WORDS,
    EASY_READ_MIN_EASE,
    ICON,
    LINK,
    LIST_ITEM,
    PLAIN_MAX_AVERAGE_WORDS,
    PLAIN_MAX_GRADE,
    PLAIN_MIN_EASE,
    blocks,
    easy_read_problems,
    figures,
    plain_problems,
    plain_text,
    sentence,
    sentences,
)

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


HARD_IDEA = "[icon:document] **Eligibility** necessitates comprehensive documentary verification."


def measures(page: dict) -> dict[str, float]:
    easy, plain = figures(page["easy_read_body"]), figures(page["body"])
    return {
        "easy_grade": easy.grade,
        "easy_ease": easy.ease,
        "plain_grade": plain.grade,
        "plain_ease": plain.ease,
        "plain_average_words": plain.average_words,
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


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_no_idea_is_hard_to_read_on_its_own(page):
    """The page's average cannot hide a hard idea: each is measured alone, as the editor does."""
    assert easy_read_problems(page["easy_read_body"]) == []
    assert plain_problems(page["body"]) == []


def test_one_hard_idea_in_an_easy_page_is_found():
    page = next(page for page in PAGES if page["slug"] == "assessments")
    hard = page["easy_read_body"] + "\n\n" + HARD_IDEA
    # The page as a whole still measures easy: that is why each idea is measured too.
    assert figures(hard).grade <= EASY_READ_MAX_GRADE and figures(hard).ease >= EASY_READ_MIN_EASE
    assert easy_read_problems(hard) == [
        "'Eligibility necessitates comprehensive documentary verifica…' is hard to read: use "
        "shorter, everyday words (not Eligibility, necessitates, comprehensive, documentary, verification)."
    ]
    long = "[icon:bus] You can take the bus to the shops and the park and the library and home again."
    assert easy_read_problems(long) == [
        "'You can take the bus to the shops and the park and the libr…' has more than 15 words: "
        "split it into two sentences."
    ]


def test_a_run_on_idea_of_short_words_is_told_to_split_not_to_use_other_words():
    run_on = "[icon:bus] " + " ".join(["we go to the shops and then we go to the park"] * 5)
    problems = easy_read_problems(run_on)
    assert any("has more than 15 words" in problem for problem in problems)
    assert any("split it into shorter sentences, with one idea in each" in problem for problem in problems)
    assert not any("use shorter, everyday words (not" in problem for problem in problems)


def test_a_whole_page_that_is_hard_is_found():
    hard = "\n\n".join(
        "[icon:document] Assessment considers eligibility. Documentation is necessary." for _ in range(8)
    )
    problems = easy_read_problems(hard)
    assert problems[0].startswith("It reads at school grade ")
    plain = " ".join(
        ["Commissioned organisations must demonstrate comprehensive safeguarding arrangements and "
         "appropriate indemnity insurance for all personnel undertaking regulated activity."] * 3
    )  # fmt: skip
    assert plain_problems(plain)[0].startswith("It reads at school grade ")
    assert plain_problems("You can get a bus pass.") == []  # too short to measure as a page


# Facts that keep people safe or save them money: each page says them in both versions.
FACTS = {
    "direct-payments": [r"pay(ing)? (something|towards)", r"0121 303 1234"],
    "personal-assistants": [r"(relative|family member) who lives with you", r"DBS"],
    "assessments": [r"free", r"18001", r"0121 303 1234"],
    "carers-assessments": [r"18001|0121 303 1234"],
    "staying-safe": [r"999", r"not for emergencies", r"0121 675 4806", r"18001", r"report-a-concern"],
}


@pytest.mark.parametrize("slug", sorted(FACTS))
def test_easy_read_says_the_facts_the_plain_page_says(slug):
    page = next(page for page in PAGES if page["slug"] == slug)
    for fact in FACTS[slug]:
        for version in ("body", "easy_read_body"):
            assert re.search(fact, page[version].replace("**", "")), (slug, version, fact)


# --- The Easy Read rules --------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_every_easy_read_idea_has_a_known_icon(page):
    ideas = [block for block in blocks(page["easy_read_body"]) if not block.startswith("#")]
    assert 15 <= len(ideas) <= 30, f"{len(ideas)} ideas"
    without = [block for block in ideas if not ICON.match(block)]
    assert without == [], "every Easy Read idea starts with [icon:NAME]"
    unknown = {ICON.match(block).group(1) for block in ideas} - ICON_NAMES
    assert unknown == set()
    without_bold = [block for block in ideas if "**" not in block]
    assert without_bold == [], "every idea has its key words in bold"


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
