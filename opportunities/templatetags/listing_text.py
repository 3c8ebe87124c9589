"""Text about a listing that a template cannot put together alone: the whole Easy Read sentences that
fit on a search result, and a list of names to go inside one translatable sentence."""

import re
from dataclasses import dataclass

from django import template
from django.utils.translation import gettext as _

register = template.Library()

# About as much as a result card shows: the standard summary there is at most a few lines too.
CARD_WORDS = 30

# A sentence ends at ".", "!" or "?" (perhaps followed by a closing quote or bracket) before a space,
# or at the end of a line: Easy Read often puts each idea on a line of its own, without a full stop.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’)\]])\s+|\s*\n\s*")


@dataclass(frozen=True)
class EasyReadPreview:
    text: str
    cut: bool  # True when sentences were left out, so the card links to the whole summary

    def __str__(self) -> str:
        return self.text


@register.filter
def easy_read_card(summary: str, words: int = CARD_WORDS) -> EasyReadPreview:
    """The first whole sentences of an Easy Read summary, as many as fit in `words` words.

    Easy Read gives one idea in each sentence, so a sentence is never cut in the middle: the first one
    is shown whole even when it is longer than `words`. Spaces and line breaks become single spaces,
    as they do on the card's one paragraph.
    """
    sentences = [" ".join(piece.split()) for piece in SENTENCE_END.split(summary or "")]
    sentences = [sentence for sentence in sentences if sentence]
    shown: list[str] = []
    used = 0
    for sentence in sentences:
        length = len(sentence.split())
        if shown and used + length > words:
            break
        shown.append(sentence)
        used += length
    return EasyReadPreview(" ".join(shown), cut=len(shown) < len(sentences))


@register.filter
def shortlist_names(people) -> str:
    """ "you, Sam, Alex": whose shortlist a listing is on, for the sentence "On the shortlist of …"."""
    return ", ".join(_("you") if person.is_own else person.preferred_name for person in people)
