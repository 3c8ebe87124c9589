"""How easy a page is to read, measured with a standard formula (textstat: Flesch–Kincaid grade and
Flesch reading ease) on the text a reader sees: the "Daywell text" markup is stripped, and each
heading, list item and Easy Read idea counts as a sentence of its own.

The targets (UK reading age is about the US school grade plus 5):
- Easy Read: the page at grade EASY_READ_MAX_GRADE or below (4, a reading age of about 9) with reading
  ease at least EASY_READ_MIN_EASE (80, "easy"); and each idea on its own, so that one hard idea cannot
  hide in an easy page: no sentence over EASY_READ_MAX_SENTENCE_WORDS words, no idea above grade
  EASY_READ_IDEA_MAX_GRADE, and at most one long word (four syllables or more, like "activities").
- Plain English: grade PLAIN_MAX_GRADE or below (6, about 11), reading ease at least PLAIN_MIN_EASE (70,
  "fairly easy"), sentences of PLAIN_MAX_AVERAGE_WORDS words or fewer on average.

The shipped pages meet them (tests/guidance/test_readability.py); the editor's preview measures an
officer's text with the same rules and says where it falls short.
"""

import re
from dataclasses import dataclass

import textstat
from django.utils.translation import gettext as _

from .markup import LINK  # links read exactly as the page shows them

EASY_READ_MAX_GRADE = 4.0
EASY_READ_MIN_EASE = 80.0
EASY_READ_MAX_SENTENCE_WORDS = 15
EASY_READ_IDEA_MAX_GRADE = 12.0
EASY_READ_IDEA_MAX_LONG_WORDS = 1
LONG_WORD_SYLLABLES = 4
PLAIN_MAX_GRADE = 6.0
PLAIN_MIN_EASE = 70.0
PLAIN_MAX_AVERAGE_WORDS = 15
# Below this many words the formulas say little: a short page is not measured as a whole.
MIN_WORDS_TO_MEASURE = 30

ICON = re.compile(r"^\[icon:([^\]\s]*)\]\s*")
LIST_ITEM = re.compile(r"^(?:- |\d+\. )")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORDS = re.compile(r"[^\W\d_][\w'’]*")


def blocks(text: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def inline_text(text: str) -> str:
    return LINK.sub(r"\1", text).replace("**", "")


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
    return [part for part in SENTENCE_END.split(text.replace("\n", " ")) if part.strip()]


def ideas(markup: str) -> list[str]:
    """Each block that is not a heading, as a reader sees it."""
    return [plain_text(block) for block in blocks(markup) if not block.startswith("#")]


def long_words(text: str) -> list[str]:
    return [word for word in WORDS.findall(text) if textstat.syllable_count(word) >= LONG_WORD_SYLLABLES]


@dataclass(frozen=True)
class Figures:
    grade: float
    ease: float
    words: int
    average_words: float


def figures(markup: str) -> Figures:
    text = plain_text(markup)
    words = textstat.lexicon_count(text)
    return Figures(
        grade=textstat.flesch_kincaid_grade(text),
        ease=textstat.flesch_reading_ease(text),
        words=words,
        average_words=words / max(len(sentences(text)), 1),
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def easy_read_problems(markup: str) -> list[str]:
    """Where an Easy Read text falls short of the targets, in words an editor can act on."""
    found = []
    measured = figures(markup)
    if measured.words >= MIN_WORDS_TO_MEASURE and (
        measured.grade > EASY_READ_MAX_GRADE or measured.ease < EASY_READ_MIN_EASE
    ):
        found.append(
            _(
                "It reads at school grade %(grade).1f (reading ease %(ease).0f). Easy Read should be at "
                "grade %(max_grade).0f or below: use shorter sentences and everyday words."
            )
            % {"grade": measured.grade, "ease": measured.ease, "max_grade": EASY_READ_MAX_GRADE}
        )
    for idea in ideas(markup):
        for part in sentences(idea):
            if textstat.lexicon_count(part) > EASY_READ_MAX_SENTENCE_WORDS:
                found.append(
                    _("'%(sentence)s' has more than %(limit)s words: split it into two sentences.")
                    % {"sentence": _short(part), "limit": EASY_READ_MAX_SENTENCE_WORDS}
                )
        hard = long_words(idea)
        if len(hard) > EASY_READ_IDEA_MAX_LONG_WORDS:
            found.append(
                _("'%(idea)s' is hard to read: use shorter, everyday words (not %(words)s).")
                % {"idea": _short(idea), "words": ", ".join(dict.fromkeys(hard))}
            )
        elif (
            textstat.lexicon_count(idea) >= 3
            and textstat.flesch_kincaid_grade(idea) > EASY_READ_IDEA_MAX_GRADE
        ):
            found.append(
                _("'%(idea)s' is hard to read: split it into shorter sentences, with one idea in each.")
                % {"idea": _short(idea)}
            )
    return found


def plain_problems(markup: str) -> list[str]:
    measured = figures(markup)
    if measured.words < MIN_WORDS_TO_MEASURE:
        return []
    if (
        measured.grade > PLAIN_MAX_GRADE
        or measured.ease < PLAIN_MIN_EASE
        or measured.average_words > PLAIN_MAX_AVERAGE_WORDS
    ):
        return [
            _(
                "It reads at school grade %(grade).1f (reading ease %(ease).0f, %(average).0f words a "
                "sentence). Aim for grade %(max_grade).0f or below: shorter sentences, everyday words."
            )
            % {
                "grade": measured.grade,
                "ease": measured.ease,
                "average": measured.average_words,
                "max_grade": PLAIN_MAX_GRADE,
            }
        ]
    return []
