"""Tags for the council's guidance editor."""

from django import template

from guidance.services import EDITABLE

register = template.Library()

# Everything an officer's save writes, in the order the form shows it.
SAVED_FIELDS = EDITABLE


def _comparable(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


@register.simple_tag
def differences(page, form) -> frozenset[str]:
    """`{% differences conflict_with form as changed %}`: the names of the fields where the page as
    another officer saved it is not what this officer posted, so saving again would change them."""
    posted = getattr(form, "cleaned_data", None) or {}
    return frozenset(
        name
        for name in SAVED_FIELDS
        if name in posted and _comparable(getattr(page, name)) != _comparable(posted[name])
    )
