"""Daywell's icons: simple SVG pictures shipped in static/icons/ (drawn by scripts/make_icons.py),
one for each interest, each access and support feature, and some general ones for Easy Read.

An icon is always decorative: the words beside it carry the meaning, so it is hidden from screen
readers. It is put into the page inline, so its strokes take the colour of the text beside it
(`currentColor`) and follow high-contrast modes."""

import functools
import re

from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

ICON_DIR = settings.BASE_DIR / "static/icons"

# The names of the icons present, so no name from a template or an editor ever becomes a path.
ICONS: frozenset[str] = frozenset(path.stem for path in ICON_DIR.glob("*.svg"))

_SVG_OPEN = re.compile(r"^<svg\b")


def icon_url(name: str) -> str:
    """The address of an icon's file. Raises KeyError for a name that is not an icon."""
    if name not in ICONS:
        raise KeyError(name)
    return static(f"icons/{name}.svg")


@functools.cache
def _svg(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8").strip()


def icon_svg(name: str, *, large: bool = False) -> SafeString:
    """The icon as inline SVG with the class "dw-icon" (and "dw-icon--large" for Easy Read), or an
    empty string for a name that is not an icon. The markup is our own files, never user text."""
    if not isinstance(name, str) or name not in ICONS:
        return mark_safe("")  # noqa: S308 (a constant)
    classes = "dw-icon dw-icon--large" if large else "dw-icon"
    return mark_safe(_SVG_OPEN.sub(f'<svg class="{classes}"', _svg(name), count=1))  # noqa: S308 (our own file)
