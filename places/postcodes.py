"""Reading UK postcodes as people type them."""

import re

# Outward code (area, district, optional sub-district letter) and inward code (sector digit + unit).
_FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_OUTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def squash(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text or "").upper()


def normalise_postcode(text: str) -> str | None:
    """'b13 8jp', 'B138JP' -> 'B13 8JP'; anything that is not a full postcode -> None."""
    match = _FULL.match(squash(text))
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"


def normalise_outcode(text: str) -> str | None:
    """'b13' -> 'B13'; a full postcode gives its outcode; anything else -> None."""
    squashed = squash(text)
    if _OUTCODE.match(squashed):
        return squashed
    full = normalise_postcode(squashed)
    return full.split(" ")[0] if full else None
