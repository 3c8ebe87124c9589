"""Words people search with, and the words listings use for the same thing.

Each group is a set of words that should find each other. Words are matched after English
stemming, so 'swim' already finds 'swimming'; these groups add what stemming cannot.
"""

GROUPS = [
    {"swim", "swimming", "pool", "aquatic", "hydrotherapy"},
    {"art", "arts", "craft", "crafts", "painting", "drawing", "pottery", "creative"},
    {"job", "jobs", "work", "employment", "employed", "career", "paid"},
    {"friend", "friends", "social", "socialising", "company", "companionship", "lonely", "befriending"},
    {"garden", "gardening", "allotment", "allotments", "horticulture", "growing", "plants"},
    {"music", "singing", "choir", "band", "songs"},
    {"drama", "theatre", "acting", "performing"},
    {"cook", "cooking", "baking", "food", "kitchen"},
    {"computer", "computers", "digital", "internet", "tablet", "technology", "it"},
    {"exercise", "fitness", "gym", "sport", "sports", "keep fit"},
    {"walk", "walking", "rambling", "hike"},
    {"dance", "dancing", "disco"},
    {"volunteer", "volunteering", "helping"},
    {"learn", "learning", "course", "courses", "class", "classes", "college", "skills"},
    {"church", "mosque", "gurdwara", "temple", "faith", "spiritual"},
    {"older", "elderly", "seniors", "retired"},
    {"wheelchair", "accessible", "step-free"},
    {"deaf", "bsl", "signing"},
    {"lunch", "meal", "dinner"},
    {"trip", "trips", "outing", "outings", "days out"},
]

_INDEX: dict[str, set[str]] = {}
for group in GROUPS:
    for word in group:
        _INDEX.setdefault(word, set()).update(w for w in group if " " not in w)


def alternatives(word: str) -> list[str]:
    """The word and the words that mean the same to someone searching."""
    return sorted(_INDEX.get(word, set()) | {word})


# PostgreSQL's English stop words (tsearch_data/english.stop). Dropping them here keeps the text
# filter a plain, index-friendly match: a query of stop words alone is then no text filter at all.
STOP_WORDS = frozenset({
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
    "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
    "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that",
    "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had",
    "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as",
    "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through",
    "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off",
    "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how",
    "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
    "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don",
    "should", "now",
})  # fmt: skip
