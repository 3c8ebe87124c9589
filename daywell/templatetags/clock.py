"""`{% load clock %}{{ when|clock }}`: times the GOV.UK way, "10am", "5:12am", "2:30pm", "midday",
"midnight" (not Django's "5:12 a.m." or "noon"). `{{ when|clock:"seconds" }}` gives "5:12:03am", for
logs. A date and time together: `{{ when|date:"j F Y" }}, {{ when|clock }}`.

Each pattern is a whole string for translators. A language that uses the 24-hour clock translates
the clock's name, "12", as "24", and then its own patterns ("%(hour24)s:%(minute)s") are used (a
translation must keep its msgid's placeholders, so the 12-hour patterns cannot become 24-hour ones).
`clock_text` is the same for Python code."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext, pgettext

register = template.Library()


def clock_text(value, *, seconds: bool = False) -> str:
    """A time (or a datetime, in the site's time zone) as "10am", "5:12am", "midday" or "midnight"."""
    if not isinstance(value, datetime.time | datetime.datetime):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if not seconds and (value.hour, value.minute) == (12, 0):
        return gettext("midday")
    if not seconds and (value.hour, value.minute) == (0, 0):
        return gettext("midnight")
    parts = {
        "hour": value.hour % 12 or 12,
        "hour24": f"{value.hour:02d}",
        "minute": f"{value.minute:02d}",
        "second": f"{value.second:02d}",
    }
    # Translators: write 24 if your language writes times on the 24-hour clock (17:30), else 12.
    if pgettext("the clock times are written on: 12 or 24", "12") == "24":
        if seconds:
            return pgettext("time with seconds, 24-hour clock", "%(hour24)s:%(minute)s:%(second)s") % parts
        return pgettext("time, 24-hour clock", "%(hour24)s:%(minute)s") % parts
    if value.hour < 12:
        if seconds:
            # Translators: a time before midday with seconds, as in a log: 9:05:30am
            pattern = pgettext("time with seconds, before midday", "%(hour)s:%(minute)s:%(second)sam")
        elif value.minute == 0:
            # Translators: a time on the hour before midday: 10am
            pattern = pgettext("time on the hour, before midday", "%(hour)sam")
        else:
            # Translators: a time before midday: 9:30am
            pattern = pgettext("time, before midday", "%(hour)s:%(minute)sam")
    elif seconds:
        # Translators: a time after midday with seconds, as in a log: 2:05:30pm
        pattern = pgettext("time with seconds, after midday", "%(hour)s:%(minute)s:%(second)spm")
    elif value.minute == 0:
        # Translators: a time on the hour after midday: 2pm
        pattern = pgettext("time on the hour, after midday", "%(hour)spm")
    else:
        # Translators: a time after midday: 2:30pm
        pattern = pgettext("time, after midday", "%(hour)s:%(minute)spm")
    return pattern % parts


@register.filter(expects_localtime=True)
def clock(value, arg: str = "") -> str:
    return clock_text(value, seconds=arg == "seconds")
