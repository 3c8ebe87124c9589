from django import template

from providers.checks import provider_standing

register = template.Library()


@register.inclusion_tag("opportunities/includes/_council_checked.html")
def council_checked_badge(provider):
    """The "Council checked" badge of one provider (one query); nothing when it is not checked."""
    return {"checked_on": provider_standing(provider).checked_on}
