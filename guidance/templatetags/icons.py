"""`{% load icons %}{% icon interest.slug %}`: an interest's, a feature's or a general icon, inline
and hidden from screen readers, with the words always beside it. Nothing for an unknown name."""

from django import template

from guidance.icons import ICONS, icon_svg
from guidance.markup import ICON

register = template.Library()


@register.simple_tag
def icon(name, large=False):
    return icon_svg(name, large=bool(large))


@register.filter
def first_icon(text) -> str:
    """`{{ page.easy_read_body|first_icon }}`: the name of the first picture in Easy Read text that is
    an icon, or "" when there is none: the picture that stands for the whole page in a list."""
    for line in (text or "").splitlines():
        match = ICON.match(line)  # an Easy Read row's picture starts its line (guidance/markup.py)
        if match and match.group(1) in ICONS:
            return match.group(1)
    return ""
