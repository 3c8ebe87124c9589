"""Words that other packages show people and look up in Daywell's own catalogue (crispy-forms-gds's
date input labels), listed here so that `makemessages` puts them in front of translators."""

from django.utils.translation import gettext_noop

THIRD_PARTY_TEXT = [gettext_noop("Day"), gettext_noop("Month"), gettext_noop("Year")]
