from django import template

from daywell.templatetags.clock import clock_text

register = template.Library()


@register.filter
def clock(value) -> str:
    """Times in GOV.UK style: 10am, 2:30pm, midday, midnight (daywell/templatetags/clock.py)."""
    return clock_text(value)
