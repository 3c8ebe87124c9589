"""`{{ amount|money }}`: £5, £12.50, £1,200 (see daywell.money)."""

from django import template

from daywell.money import pounds

register = template.Library()


@register.filter
def money(amount) -> str:
    if amount is None or amount == "":
        return ""
    return pounds(amount)
