"""Language tags: `{{ code|html_lang }}` turns Django's "en-gb" into the "en-GB" that `lang` wants."""

from django import template
from django.conf import settings
from django.utils.translation import to_locale

register = template.Library()


@register.filter
def html_lang(code: str) -> str:
    """A BCP 47 tag for a `lang` attribute: "en-gb" -> "en-GB", "cy" -> "cy"."""
    return to_locale(code).replace("_", "-") if code else ""


@register.simple_tag
def language_choices() -> list[tuple[str, str]]:
    """settings.LANGUAGES as they are written there: each language named in itself ("Cymraeg"), so
    that someone who cannot read the page's language can still find their own."""
    return list(settings.LANGUAGES)
