"""Tags for the council's guidance editor."""

from django import template

register = template.Library()

# Everything an officer's save writes (guidance/services.py), in the order the form shows it.
SAVED_FIELDS = (
    "title",
    "summary",
    "audience",
    "position",
    "body",
    "easy_read_title",
    "easy_read_body",
    "published",
)


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
