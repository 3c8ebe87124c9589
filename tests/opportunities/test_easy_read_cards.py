"""Easy Read on search results: a card shows whole sentences, never a sentence cut in the middle, and
links to the whole summary when it leaves some out."""

import re

import pytest
from django.urls import reverse

from guidance.context_processors import EASY_READ_COOKIE
from opportunities.search_index import opportunity_index_refresh
from opportunities.templatetags.listing_text import CARD_WORDS, easy_read_card
from tests.factories import OpportunityFactory

LONG = (
    "We meet every Tuesday at the library.\n"  # 7 words
    "We read books and talk about them.\n"  # 7
    "You can bring a friend or carer.\n"  # 7
    "There is tea and cake at half time.\n"  # 8: 29 words so far
    "Staff help you to find a book you like.\n"  # 9: over 30
    "It is free."
)


def card_for(html: str, title: str) -> str:
    """The search result card that holds `title`."""
    cards = re.findall(r'<li class="dw-result">.*?</li>\s*(?=<li class="dw-result">|</ul>)', html, re.S)
    return next(card for card in cards if title in card)


@pytest.mark.django_db
def test_a_long_easy_read_summary_shows_whole_sentences_and_links_to_the_rest(client):
    listing = OpportunityFactory(title="Book club", summary="A reading group.", easy_read_summary=LONG)
    opportunity_index_refresh()
    client.cookies[EASY_READ_COOKIE] = "1"
    card = card_for(client.get(reverse("opportunities:list")).content.decode(), "Book club")

    assert (
        "<strong>Easy Read:</strong> We meet every Tuesday at the library. We read books and talk about them. "
        "You can bring a friend or carer. There is tea and cake at half time.</p>"
    ) in card
    assert "Staff" not in card  # the next sentence is left out whole, not cut after a word or two
    assert "…" not in card
    link = re.search(r'<a class="govuk-link" href="([^"]+)">Read the whole Easy Read summary<span', card)
    assert link and link.group(1) == listing.get_absolute_url() + "#easy-read-heading"
    assert '<span class="govuk-visually-hidden"> of Book club</span></a>' in card

    # The link leads to the whole summary, under the heading it points at.
    page = client.get(listing.get_absolute_url()).content.decode()
    assert 'id="easy-read-heading"' in page
    assert "Staff help you to find a book you like." in page and "It is free." in page


@pytest.mark.django_db
def test_a_short_easy_read_summary_is_shown_whole_without_a_link(client):
    OpportunityFactory(title="Allotment club", easy_read_summary="We grow food.\nYou can take some home.")
    opportunity_index_refresh()
    client.cookies[EASY_READ_COOKIE] = "1"
    card = card_for(client.get(reverse("opportunities:list")).content.decode(), "Allotment club")
    assert "<strong>Easy Read:</strong> We grow food. You can take some home.</p>" in card
    assert "Read the whole Easy Read summary" not in card


@pytest.mark.django_db
def test_the_provider_words_on_the_card_are_escaped(client):
    OpportunityFactory(title="Choir", easy_read_summary="We sing <b>loud</b> & proud.")
    opportunity_index_refresh()
    client.cookies[EASY_READ_COOKIE] = "1"
    card = card_for(client.get(reverse("opportunities:list")).content.decode(), "Choir")
    assert "We sing &lt;b&gt;loud&lt;/b&gt; &amp; proud." in card


def test_sentences_end_at_a_full_stop_or_at_the_end_of_a_line():
    preview = easy_read_card("One idea on a line\nAnother idea!\n\nA third? " + "word " * CARD_WORDS)
    assert preview.text == "One idea on a line Another idea! A third?"
    assert preview.cut


def test_a_summary_that_fits_is_not_cut():
    preview = easy_read_card("  We meet on “Mondays.”  Bring   a coat. ")
    assert preview.text == "We meet on “Mondays.” Bring a coat."
    assert not preview.cut
    assert str(preview) == preview.text


def test_a_first_sentence_longer_than_the_card_is_still_shown_whole():
    long_sentence = " ".join(["word"] * (CARD_WORDS + 10)) + "."
    preview = easy_read_card(long_sentence + " The next sentence.")
    assert preview.text == long_sentence
    assert preview.cut


def test_an_empty_summary_gives_nothing():
    assert easy_read_card("").text == ""
    assert not easy_read_card(None).cut
