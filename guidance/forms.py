import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import GuidancePage

MAX_BODY = 30000
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Paths under /guidance/ that a page must not take.
RESERVED_SLUGS = {"easy-read"}
# Pages that Daywell's own pages link to (the labels on listings and search results, the search page,
# the provider workspace): hiding one would break those links, so they stay public. A test keeps this
# list in step with the templates.
LINKED_FROM_THE_SITE = frozenset(
    {
        "good-day",
        "direct-payments",
        "personal-assistants",
        "for-providers-listing",
        "for-providers-checks",
        "for-providers-easy-read",
    }
)


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(text: str) -> str:
    """Text without control characters (NUL and the like); tabs and new lines stay."""
    return CONTROL_CHARACTERS.sub("", text)


class PlainTextField(forms.CharField):
    """Control characters are dropped, not refused with Django's own wording."""

    def to_python(self, value):
        return super().to_python(plain(value) if isinstance(value, str) else value)


class GuidancePageForm(forms.Form):
    title = PlainTextField(
        label=_("Title"),
        max_length=150,
        error_messages={
            "required": _("Enter a title"),
            "max_length": _("Title must be 150 characters or fewer"),
        },
    )
    slug = PlainTextField(
        label=_("Web address"),
        help_text=_(
            "The end of the page's address: lowercase letters, numbers and hyphens, "
            "for example direct-payments. It cannot be changed later, so that links keep working."
        ),
        max_length=80,
        error_messages={
            "required": _("Enter a web address"),
            "max_length": _("Web address must be 80 characters or fewer"),
        },
    )
    summary = PlainTextField(
        label=_("Summary"),
        help_text=_("One sentence, shown in the list of pages and by search engines."),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Enter a summary"),
            "max_length": _("Summary must be 300 characters or fewer"),
        },
    )
    audience = forms.ChoiceField(
        label=_("Who is the page for?"),
        choices=GuidancePage.Audience.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select who the page is for"),
            "invalid_choice": _("Select who the page is for"),
        },
    )
    position = forms.IntegerField(
        label=_("Place in the list"),
        help_text=_("Pages with lower numbers come first."),
        min_value=0,
        max_value=999,
        error_messages={
            "required": _("Enter the page's place in the list"),
            "invalid": _("Place in the list must be a whole number, like 3"),
            "min_value": _("Place in the list must be 0 or more"),
            "max_value": _("Place in the list must be 999 or less"),
        },
    )
    body = PlainTextField(
        label=_("Page text in plain English"),
        help_text=_("Write in Daywell text: see how to format the page above."),
        widget=forms.Textarea(attrs={"rows": 20}),
        error_messages={"required": _("Enter the page text")},
    )
    easy_read_title = PlainTextField(
        label=_("Easy Read title (optional)"),
        help_text=_("Leave it empty to use the title above."),
        max_length=150,
        required=False,
        error_messages={"max_length": _("Easy Read title must be 150 characters or fewer")},
    )
    easy_read_body = PlainTextField(
        label=_("Easy Read text (optional, but recommended)"),
        help_text=_("One idea in each sentence, with an icon at the start of each idea, like [icon:bus]."),
        widget=forms.Textarea(attrs={"rows": 20}),
        required=False,
    )
    published = forms.BooleanField(
        label=_("Show this page to the public"),
        required=False,
    )

    def __init__(self, *args, page: GuidancePage | None = None, **kwargs):
        self.page = page
        if page is not None:
            kwargs.setdefault("initial", {name: getattr(page, name) for name in self.base_fields})
        else:
            kwargs.setdefault(
                "initial", {"audience": GuidancePage.Audience.PEOPLE, "position": 0, "published": True}
            )
        super().__init__(*args, **kwargs)
        if page is not None:
            del self.fields["slug"]
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form> and its two buttons
        about = [Field.text("title")]
        if page is None:
            about.append(Field.text("slug", field_width=20, spellcheck="false"))
        about += [
            Field.textarea("summary", rows=2, max_characters=300),
            Field.radios("audience", legend_size=Size.SMALL),
            Field.text("position", field_width=3, inputmode="numeric"),
        ]
        self.helper.layout = Layout(
            Fieldset(*about, legend=_("About the page"), legend_size=Size.MEDIUM),
            Fieldset(
                Field.textarea("body", rows=20, max_characters=MAX_BODY),
                legend=_("Plain English version"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("easy_read_title"),
                Field.textarea("easy_read_body", rows=20, max_characters=MAX_BODY),
                legend=_("Easy Read version"),
                legend_size=Size.MEDIUM,
            ),
            Field.checkbox("published"),
        )

    def _required_text(self, name: str, message: str) -> str:
        value = self.cleaned_data[name].strip()
        if not value:
            raise forms.ValidationError(message)
        return value

    def clean_title(self):
        return self._required_text("title", gettext("Enter a title"))

    def clean_summary(self):
        return " ".join(self._required_text("summary", gettext("Enter a summary")).split())

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip()
        if not SLUG.fullmatch(slug):
            raise forms.ValidationError(
                gettext(
                    "Web address must only include lowercase letters, numbers and hyphens, "
                    "like direct-payments"
                )
            )
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(gettext("This web address is used by Daywell itself: choose another"))
        if GuidancePage.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                gettext("A page with this web address already exists: choose another")
            )
        return slug

    def clean_body(self):
        body = self._required_text("body", gettext("Enter the page text"))
        if len(body) > MAX_BODY:
            raise forms.ValidationError(
                gettext("Page text must be %(limit)s characters or fewer") % {"limit": f"{MAX_BODY:,}"}
            )
        return body

    def clean_published(self):
        published = self.cleaned_data["published"]
        if not published and self.page is not None and self.page.slug in LINKED_FROM_THE_SITE:
            raise forms.ValidationError(
                gettext(
                    "This page must stay public: Daywell's own pages link to it. Change its text "
                    "instead, or ask the developers to remove the links first."
                )
            )
        return published

    def clean_easy_read_title(self):
        return self.cleaned_data["easy_read_title"].strip()

    def clean_easy_read_body(self):
        text = self.cleaned_data["easy_read_body"].strip()
        if len(text) > MAX_BODY:
            raise forms.ValidationError(
                gettext("Easy Read text must be %(limit)s characters or fewer") % {"limit": f"{MAX_BODY:,}"}
            )
        return text
