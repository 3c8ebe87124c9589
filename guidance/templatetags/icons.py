"""`{% load icons %}{% icon interest.slug %}`: an interest's, a feature's or a general icon, inline
and hidden from screen readers, with the words always beside it. Nothing for an unknown name."""

from django import template

from guidance.icons import icon_svg

register = template.Library()


@register.simple_tag
def icon(name, large=False):
    return icon_svg(name, large=bool(large))
