"""`{% load icons %}{% icon interest.slug %}`: an interest's, a feature's or a general icon, inline
and hidden from screen readers, with the words always beside it. Nothing for an unknown name."""

import re

from django import template

from guidance.icons import ICONS, icon_svg

register = template.Library()

# An Easy Read row's picture: `[icon:NAME]` at the start of a line (guidance/markup.py).
_ROW_ICON = re.compile(r"^\[icon:([a-z0-9-]{1,40})\]", re.M)


@register.simple_tag
def icon(name, large=False):
    return icon_svg(name, large=bool(large))


@register.filter
def first_icon(text) -> str:
    """`{{ page.easy_read_body|first_icon }}`: the name of the first picture in Easy Read text that is
    an icon, or "" when there is none: the picture that stands for the whole page in a list."""
    for match in _ROW_ICON.finditer(text or ""):
        if match.group(1) in ICONS:
            return match.group(1)
    return ""
