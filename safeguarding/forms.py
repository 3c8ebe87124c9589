import re
import secrets

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Layout, Size
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Concern

CONTACT = "contact"
ANONYMOUS = "anonymous"
PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")
PHONE_MESSAGE = _("Enter a phone number, like 0121 496 0000 or 07700 900 982")


CONTACT_HINT_ID = "contact-details-hint"
FORM_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _heading(text: str) -> HTML:
    return HTML(format_html('<h2 class="govuk-heading-m govuk-!-margin-top-8">{}</h2>', text))


class Text(forms.CharField):
    """A text field with GOV.UK wording for its own checks. `what` names it in a sentence ("Your
    name"). Browsers send a line break as "\r\n", but GOV.UK's character count shows it as one
    character, so it is stored and counted as "\n"."""

    def __init__(self, *, what: str, limit: int, **kwargs):
        self.limit = limit
        messages = {
            "max_length": format_lazy(
                _("{what} must be {count} characters or fewer"), what=what, count=f"{limit:,}"
            ),
            "null_characters_not_allowed": format_lazy(
                _("{what} has a hidden character we cannot save: type it again instead of pasting it"),
                what=what,
            ),
        }
        messages.update(kwargs.pop("error_messages", {}))
        super().__init__(max_length=limit, error_messages=messages, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")

    def widget_attrs(self, widget):
        # No maxlength in the page: the browser would cut off what was pasted in without saying so.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class TextInput(forms.TextInput):
    """A text box also described by the paragraph about contact details above it. It keeps
    Django's class name: crispy-forms-gds styles the errors of widgets by their class name, and
    replaces aria-describedby, so the paragraph's id is added as the widget is drawn."""

    def __init__(self, *, described_by: str, input_type: str | None = None, attrs=None):
        super().__init__(attrs)
        self.described_by = described_by
        if input_type:
            self.input_type = input_type

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        ids = [self.described_by, *widget_attrs.get("aria-describedby", "").split()]
        widget_attrs["aria-describedby"] = " ".join(dict.fromkeys(ids))
        return context


class ConcernForm(forms.Form):
    """The public 'Report a concern about an adult' form: one page, four short sections."""

    MAX_TEXT = 5000

    adult_name = Text(
        what=_("The person’s name"), limit=200, label=_("Their name, if you know it"), required=False
    )
    adult_description = Text(
        what=_("What you tell us about the person"),
        limit=2000,
        label=_("If you do not know their name, tell us something that will help us find them"),
        help_text=_("For example, their age, what they look like, or where they live."),
        required=False,
        widget=forms.Textarea,
    )
    place = Text(
        what=_("Where it happened"),
        limit=2000,
        label=_("Where did it happen?"),
        help_text=_("For example, an address, or the name of a day centre, group or club."),
        required=False,
        widget=forms.Textarea,
    )
    when_happened = Text(
        what=_("When it happened"),
        limit=200,
        label=_("When did it happen? (optional)"),
        help_text=_("For example, ‘last Tuesday afternoon’ or ‘it has been happening for months’."),
        required=False,
    )
    what_happened = Text(
        what=_("What happened"),
        limit=MAX_TEXT,
        label=_("What happened?"),
        help_text=_("Tell us what you saw or heard, or what the person told you, in your own words."),
        widget=forms.Textarea,
        error_messages={"required": _("Tell us what happened")},
    )
    person_knows = forms.ChoiceField(
        label=_("Does the person know you are telling us?"),
        choices=Concern.PersonKnows.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the person knows you are telling us")},
    )
    reporter_relationship = Text(
        what=_("How you know the person"),
        limit=200,
        label=_("How do you know the person? (optional)"),
        help_text=_("For example, a friend, a neighbour, family, or someone who works with them."),
        required=False,
    )
    contact = forms.ChoiceField(
        label=_("Can we contact you about this?"),
        help_text=_("If you stay anonymous, we cannot tell you what happens next or ask you anything more."),
        choices=[(CONTACT, _("Yes, you can contact me")), (ANONYMOUS, _("No, I want to stay anonymous"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether we can contact you")},
    )
    reporter_name = Text(
        what=_("Your name"),
        limit=200,
        label=_("Your name"),
        required=False,
        widget=TextInput(described_by=CONTACT_HINT_ID, attrs={"autocomplete": "name"}),
    )
    reporter_phone = Text(
        what=_("Your phone number"),
        limit=40,
        label=_("Phone number"),
        required=False,
        widget=TextInput(described_by=CONTACT_HINT_ID, input_type="tel", attrs={"autocomplete": "tel"}),
        error_messages={"max_length": PHONE_MESSAGE},
    )
    reporter_email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        widget=TextInput(
            described_by=CONTACT_HINT_ID,
            input_type="email",
            attrs={"autocomplete": "email", "spellcheck": "false"},
        ),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your email address must be 254 characters or fewer"),
            "null_characters_not_allowed": (
                _(
                    "Your email address has a hidden character we cannot save: type it again instead of "
                    "pasting it"
                )
            ),
        },
    )
    # A field people never see: only a program filling in every box fills this in.
    website = forms.CharField(required=False)

    def __init__(self, *args, opportunity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.opportunity = opportunity
        # As for the Text fields: no maxlength, which would cut off a pasted address without a word.
        self.fields["reporter_email"].widget.attrs.pop("maxlength", None)
        # A random one-time token in the page (see ConcernSubmission.form_token); a form shown
        # again with its errors keeps the token it was sent with.
        sent_token = self.data.get("form_token", "") if self.is_bound else ""
        self.token = sent_token if FORM_TOKEN.match(sent_token) else secrets.token_urlsafe(24)
        if opportunity is not None:
            self.fields["place"].label = _("Where did it happen? (optional)")
            self.fields["place"].help_text = _(
                "We know it is about the activity named above. Add anything that helps, "
                "such as which room, trip or day."
            )
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form> and the hidden field
        self.helper.layout = Layout(
            _heading(_("About the person")),
            Field.text("adult_name"),
            Field.textarea("adult_description", rows=3),
            _heading(_("Where and when")),
            Field.textarea("place", rows=3),
            Field.text("when_happened"),
            _heading(_("What happened")),
            Field.textarea("what_happened", rows=8, max_characters=self.MAX_TEXT),
            Field.radios("person_knows", legend_size=Size.SMALL),
            _heading(_("About you")),
            Field.text("reporter_relationship"),
            Field.radios("contact", legend_size=Size.SMALL),
            HTML(
                format_html(
                    '<p class="govuk-body" id="{}">{}</p>',
                    CONTACT_HINT_ID,
                    _(
                        "If we can contact you, give your name and a phone number or an email address. "
                        "If you want to stay anonymous, leave these empty: we will not keep anything "
                        "typed here."
                    ),
                )
            ),
            Field.text("reporter_name", field_width=20),
            Field.text("reporter_phone", field_width=20),
            Field.text("reporter_email", field_width=20),
            Button("submit", _("Send your concern"), data_prevent_double_click="true"),
        )

    @property
    def is_trap_filled(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean_reporter_phone(self):
        phone = self.cleaned_data.get("reporter_phone", "")
        if phone and (not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 10):
            raise forms.ValidationError(PHONE_MESSAGE)
        return phone

    def clean(self):
        # Text fields arrive stripped. A field that failed its own check is not also "missing".
        cleaned = super().clean()
        if (
            not cleaned.get("adult_name")
            and not cleaned.get("adult_description")
            and not (self.has_error("adult_name") or self.has_error("adult_description"))
        ):
            self.add_error(
                "adult_name", _("Enter the person’s name, or tell us something that will help us find them")
            )
        if self.opportunity is None and not cleaned.get("place") and not self.has_error("place"):
            self.add_error("place", _("Tell us where it happened"))
        if cleaned.get("contact") == CONTACT:
            if not cleaned.get("reporter_name") and not self.has_error("reporter_name"):
                self.add_error("reporter_name", _("Enter your name, or choose to stay anonymous"))
            if (
                not cleaned.get("reporter_phone")
                and not cleaned.get("reporter_email")
                and not (self.has_error("reporter_phone") or self.has_error("reporter_email"))
            ):
                self.add_error(
                    "reporter_phone",
                    _("Enter a phone number or an email address, so that we can contact you"),
                )
        return cleaned

    def concern_fields(self) -> dict:
        """What the service saves. An anonymous report keeps no contact details."""
        data = self.cleaned_data
        anonymous = data["contact"] == ANONYMOUS
        return {
            "adult_name": data["adult_name"],
            "adult_description": data["adult_description"],
            "place": data["place"],
            "when_happened": data["when_happened"],
            "what_happened": data["what_happened"],
            "person_knows": data["person_knows"],
            "reporter_relationship": data["reporter_relationship"],
            "anonymous": anonymous,
            "reporter_name": "" if anonymous else data["reporter_name"],
            "reporter_phone": "" if anonymous else data["reporter_phone"],
            "reporter_email": "" if anonymous else data["reporter_email"].lower(),
        }


def safeguarding_officers(*, including=None):
    """Active safeguarding officers, and the officer `including` names (the one dealing with a
    concern) even if they have left or changed job, so that a form does not quietly drop them."""
    User = get_user_model()
    officers = Q(
        role=User.Role.COUNCIL_OFFICER,
        is_active=True,
        officer_roles__contains=[User.OfficerRole.SAFEGUARDING],
    )
    if including is not None:
        officers |= Q(pk=including)
    return User.objects.filter(officers).order_by("full_name", "email")


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.full_name or obj.email
        if not obj.is_active:
            return f"{name} (no longer active)"
        if obj.role != obj.Role.COUNCIL_OFFICER or obj.OfficerRole.SAFEGUARDING not in obj.officer_roles:
            return f"{name} (no longer a safeguarding officer)"
        return name


class ConcernUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Concern.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a status"), "invalid_choice": _("Select a status")},
    )
    assigned_to = OfficerChoiceField(
        label=_("Officer dealing with it"),
        queryset=None,
        required=False,
        empty_label=_("Nobody yet"),
        error_messages={"invalid_choice": _("Select an officer from the list")},
    )

    def __init__(self, *args, concern: Concern, **kwargs):
        kwargs.setdefault("initial", {"status": concern.status, "assigned_to": concern.assigned_to_id})
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = safeguarding_officers(including=concern.assigned_to_id)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.MEDIUM, legend_tag="h2", small=True),
            Field.select("assigned_to"),
            Button("update", _("Save status")),
        )


class ConcernNoteForm(forms.Form):
    MAX_TEXT = 5000

    text = Text(
        what=_("A note"),
        limit=MAX_TEXT,
        label=_("Add a note"),
        help_text=_("What you did or decided, and why. Other safeguarding officers will read it."),
        widget=forms.Textarea,
        error_messages={"required": _("Enter a note")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("text", rows=5, max_characters=self.MAX_TEXT),
            Button.secondary("note", _("Add note"), data_prevent_double_click="true"),
        )
