import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Layout, Size
from django import forms
from django.contrib.auth import get_user_model
from django.utils.html import format_html

from .models import Concern

CONTACT = "contact"
ANONYMOUS = "anonymous"
PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")


def _heading(text: str) -> HTML:
    return HTML(format_html('<h2 class="govuk-heading-m govuk-!-margin-top-8">{}</h2>', text))


class ConcernForm(forms.Form):
    """The public 'Report a concern about an adult' form: one page, four short sections."""

    MAX_TEXT = 5000

    adult_name = forms.CharField(label="Their name, if you know it", required=False, max_length=200)
    adult_description = forms.CharField(
        label="If you do not know their name, tell us something that will help us find them",
        help_text="For example, their age, what they look like, or where they live.",
        required=False,
        widget=forms.Textarea,
    )
    place = forms.CharField(
        label="Where did it happen?",
        help_text="For example, an address, or the name of a day centre, group or club.",
        required=False,
        widget=forms.Textarea,
    )
    when_happened = forms.CharField(
        label="When did it happen? (optional)",
        help_text="For example, ‘last Tuesday afternoon’ or ‘it has been happening for months’.",
        required=False,
        max_length=200,
    )
    what_happened = forms.CharField(
        label="What happened?",
        help_text="Tell us what you saw or heard, or what the person told you, in your own words.",
        widget=forms.Textarea,
        error_messages={"required": "Tell us what happened"},
    )
    person_knows = forms.ChoiceField(
        label="Does the person know you are telling us?",
        choices=Concern.PersonKnows.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person knows you are telling us"},
    )
    reporter_relationship = forms.CharField(
        label="How do you know the person? (optional)",
        help_text="For example, a friend, a neighbour, family, or someone who works with them.",
        required=False,
        max_length=200,
    )
    contact = forms.ChoiceField(
        label="Can we contact you about this?",
        help_text="If you stay anonymous, we cannot tell you what happens next or ask you anything more.",
        choices=[(CONTACT, "Yes, you can contact me"), (ANONYMOUS, "No, I want to stay anonymous")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether we can contact you"},
    )
    reporter_name = forms.CharField(label="Your name", required=False, max_length=200)
    reporter_phone = forms.CharField(label="Phone number", required=False, max_length=40)
    reporter_email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    # A field people never see: only a program filling in every box fills this in.
    website = forms.CharField(required=False)

    def __init__(self, *args, opportunity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.opportunity = opportunity
        if opportunity is not None:
            self.fields["place"].label = "Where did it happen? (optional)"
            self.fields["place"].help_text = (
                "We know it is about the activity named above. Add anything that helps, "
                "such as which room, trip or day."
            )
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form> and the hidden field
        self.helper.layout = Layout(
            _heading("About the person"),
            Field.text("adult_name"),
            Field.textarea("adult_description", rows=3),
            _heading("Where and when"),
            Field.textarea("place", rows=3),
            Field.text("when_happened"),
            _heading("What happened"),
            Field.textarea("what_happened", rows=8, max_characters=self.MAX_TEXT),
            Field.radios("person_knows", legend_size=Size.SMALL),
            _heading("About you"),
            Field.text("reporter_relationship"),
            Field.radios("contact", legend_size=Size.SMALL),
            HTML(
                '<p class="govuk-body" id="contact-details-hint">If we can contact you, give your name and '
                "a phone number or an email address. If you want to stay anonymous, leave these empty: "
                "we will not keep anything typed here.</p>"
            ),
            Field.text("reporter_name", field_width=20),
            Field.text("reporter_phone", field_width=20),
            Field.text("reporter_email", field_width=20),
            Button("submit", "Send your concern"),
        )

    @property
    def is_trap_filled(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def _text(self, name: str, limit: int, message: str) -> str:
        value = self.cleaned_data.get(name, "").strip()
        if len(value) > limit:
            raise forms.ValidationError(message)
        return value

    def clean_adult_description(self):
        return self._text(
            "adult_description", 2000, "What you tell us about the person must be 2,000 characters or fewer"
        )

    def clean_place(self):
        return self._text("place", 2000, "Where it happened must be 2,000 characters or fewer")

    def clean_what_happened(self):
        value = self._text(
            "what_happened", self.MAX_TEXT, f"What happened must be {self.MAX_TEXT:,} characters or fewer"
        )
        if not value:
            raise forms.ValidationError("Tell us what happened")
        return value

    def clean_reporter_phone(self):
        phone = self.cleaned_data.get("reporter_phone", "").strip()
        if phone and (not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 10):
            raise forms.ValidationError("Enter a phone number, like 0121 496 0000 or 07700 900 982")
        return phone

    def clean(self):
        cleaned = super().clean()
        for name in ("adult_name", "when_happened", "reporter_relationship", "reporter_name"):
            if name in cleaned:
                cleaned[name] = cleaned[name].strip()
        if (
            not cleaned.get("adult_name")
            and not cleaned.get("adult_description")
            and not self.has_error("adult_description")
        ):
            self.add_error(
                "adult_name", "Enter the person’s name, or tell us something that will help us find them"
            )
        if self.opportunity is None and not cleaned.get("place") and not self.has_error("place"):
            self.add_error("place", "Tell us where it happened")
        if cleaned.get("contact") == CONTACT:
            if not cleaned.get("reporter_name"):
                self.add_error("reporter_name", "Enter your name, or choose to stay anonymous")
            if (
                not cleaned.get("reporter_phone")
                and not cleaned.get("reporter_email")
                and not (self.has_error("reporter_phone") or self.has_error("reporter_email"))
            ):
                self.add_error(
                    "reporter_phone", "Enter a phone number or an email address, so that we can contact you"
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


def safeguarding_officers():
    User = get_user_model()
    return User.objects.filter(
        role=User.Role.COUNCIL_OFFICER,
        is_active=True,
        officer_roles__contains=[User.OfficerRole.SAFEGUARDING],
    ).order_by("full_name", "email")


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class ConcernUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=Concern.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a status", "invalid_choice": "Select a status"},
    )
    assigned_to = OfficerChoiceField(
        label="Officer dealing with it",
        queryset=None,
        required=False,
        empty_label="Nobody yet",
        error_messages={"invalid_choice": "Select an officer from the list"},
    )

    def __init__(self, *args, concern: Concern, **kwargs):
        kwargs.setdefault("initial", {"status": concern.status, "assigned_to": concern.assigned_to_id})
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = safeguarding_officers()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.MEDIUM, legend_tag="h2", small=True),
            Field.select("assigned_to"),
            Button("update", "Save status"),
        )


class ConcernNoteForm(forms.Form):
    MAX_TEXT = 5000

    text = forms.CharField(
        label="Add a note",
        help_text="What you did or decided, and why. Other safeguarding officers will read it.",
        widget=forms.Textarea,
        error_messages={"required": "Enter a note"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("text", rows=5, max_characters=self.MAX_TEXT), Button.secondary("note", "Add note")
        )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Enter a note")
        if len(text) > self.MAX_TEXT:
            raise forms.ValidationError(f"A note must be {self.MAX_TEXT:,} characters or fewer")
        return text
