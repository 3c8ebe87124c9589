from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def clock(value) -> str:
    """Times in GOV.UK style: 10am, 2:30pm, midday, midnight."""
    if value is None:
        return ""
    if value.hour == 12 and value.minute == 0:
        return _("midday")
    if value.hour == 0 and value.minute == 0:
        return _("midnight")
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"
