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
