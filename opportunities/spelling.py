"""'Did you mean …?': nearest words from the directory's own vocabulary."""

import difflib

from django.db.models.functions import Length

from .models import SearchWord
from .synonyms import alternatives


def spelling_suggestion(words: list[str]) -> str | None:
    """Return the search words with misspellings corrected, or None if nothing to correct."""
    candidates = [w for w in words if len(w) >= 3 and not w.isdigit() and alternatives(w) == [w]]
    if not candidates:
        return None
    lengths = [len(w) for w in candidates]
    vocabulary = dict(
        SearchWord.objects.annotate(size=Length("word"))
        .filter(
            word__regex=r"^[" + "".join(sorted({w[0] for w in candidates})) + "]",  # words are [a-z0-9]
            size__gte=min(lengths) - 2,
            size__lte=max(lengths) + 2,
        )
        .values_list("word", "listings")
    )
    changed = False
    corrected = []
    for word in words:
        if word in candidates and word not in vocabulary:
            same_start = [v for v in vocabulary if v[0] == word[0]]
            matches = difflib.get_close_matches(word, same_start, n=3, cutoff=0.75)
            if matches:
                # Prefer the closest; among equally close, the most used.
                best = max(matches, key=lambda m: (round(difflib.SequenceMatcher(None, word, m).ratio(), 2),
                                                   vocabulary[m]))  # fmt: skip
                corrected.append(best)
                changed = True
                continue
        corrected.append(word)
    return " ".join(corrected) if changed else None
