import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import JoinRequest, Provider, ProviderMembership

EMAIL_INVALID = _("Enter an email address in the correct format, like name@example.com")
WEBSITE_INVALID = _("Enter a website address in the correct format, like https://www.example.org")
PHONE_INVALID = _("Enter a phone number, like 0121 496 0000 or 07700 900 982")
MAX_DESCRIPTION = 2000


def kind_choices():
    from crispy_forms_gds.choices import Choice

    Kind = Provider.Kind
    hints = {
        Kind.COUNCIL: _("A day service run by Birmingham City Council"),
        Kind.CHARITY: _("Registered with the Charity Commission"),
        Kind.COMMUNITY: _("For example, a faith group, club, society or residents' group"),
        Kind.SOCIAL_ENTERPRISE: _(
            "A business that puts its profits back into its purpose, like a community interest company"
        ),
        Kind.PRIVATE: _("A company or a self-employed person running activities as a business"),
        Kind.PERSONAL_ASSISTANT: _("I work for myself as a Personal Assistant"),
    }
    return [Choice(kind.value, kind.label, hint=hints[kind]) for kind in Kind]


def role_choices():
    from crispy_forms_gds.choices import Choice

    Role = ProviderMembership.Role
    return [
        Choice(
            Role.EDITOR.value,
            _("Editor"),
            hint=_("Can update listings, venues and your organisation's details"),
        ),
        Choice(Role.OWNER.value, _("Owner"), hint=_("Can also invite people to the team and remove them")),
    ]


class GovukInputs:
    """crispy-forms-gds styles only text inputs and text areas as GOV.UK inputs with a red error
    border; email, password and web address inputs are given the same look here."""

    OTHER_INPUTS = (forms.EmailInput, forms.PasswordInput, forms.URLInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, self.OTHER_INPUTS):
                field.widget.attrs["class"] = "govuk-input"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            if isinstance(widget, self.OTHER_INPUTS):
                widget.attrs["class"] = "govuk-input govuk-input--error"


def _helper(*fields):
    from crispy_forms_gds.helper import FormHelper
    from crispy_forms_gds.layout import Layout

    helper = FormHelper()
    helper.form_tag = False  # the template has the <form>, so that it can hold more than the fields
    helper.layout = Layout(*fields)
    return helper


def _email_field(label, **kwargs):
    return forms.EmailField(
        label=label,
        max_length=254,
        error_messages={
            "required": _("Enter an email address"),
            "invalid": EMAIL_INVALID,
            "max_length": _("Email address must be 254 characters or fewer"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        **kwargs,
    )


def _text_errors(what: str, max_length: int, required: str = "") -> dict:
    errors = {
        "max_length": format_lazy(
            _("{what} must be {count} characters or fewer"), what=what, count=f"{max_length:,}"
        )
    }
    if required:
        errors["required"] = required
    return errors


class InvitationForm(GovukInputs, forms.Form):
    """An owner invites someone to their provider's team."""

    email = _email_field(_("Email address"))
    role = forms.ChoiceField(
        label=_("What can they do?"),
        choices=role_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a role"), "invalid_choice": _("Select a role")},
    )

    def __init__(self, *args, provider: Provider, **kwargs):
        from crispy_forms_gds.layout import Button, Field, Size

        super().__init__(*args, **kwargs)
        self.provider = provider
        self.fields["email"].help_text = _(
            "We will email them a link to join. It works once, for %(INVITATION_DAYS)s days."
        ) % {"INVITATION_DAYS": settings.INVITATION_DAYS}
        self.helper = _helper(
            Field.text("email", field_width=20),
            Field.radios("role", legend_size=Size.MEDIUM),
            Button("submit", _("Send invitation")),
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        email, role = cleaned.get("email"), cleaned.get("role")
        member = self.provider.memberships.filter(user__email__iexact=email).first() if email else None
        # An editor may be invited again as an owner: accepting makes them one.
        if member and not (role == ProviderMembership.Role.OWNER and member.role != role):
            self.add_error("email", _("%(email)s is already in the team") % {"email": email})
        return cleaned


class InvitationAccountForm(GovukInputs, forms.Form):
    """Someone invited who has no account yet creates one."""

    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        error_messages=_text_errors(_("Your full name"), 150, _("Enter your full name")),
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Create a password"),
        help_text=_("Use at least 8 characters. Do not use a common password, or one that is only numbers."),
        strip=False,
        error_messages={"required": _("Create a password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Confirm your password"),
        strip=False,
        error_messages={"required": _("Confirm your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        from crispy_forms_gds.layout import Button, Field

        super().__init__(*args, **kwargs)
        self.email = email
        self.helper = _helper(
            Field.text("full_name", field_width=20),
            Field.text("password", field_width=20),
            Field.text("password_again", field_width=20),
            Button("submit", _("Create account and join")),
        )

    def clean_full_name(self):
        return _one_line(self.cleaned_data["full_name"], _("Enter your full name"))

    def clean(self):
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password:
            user = get_user_model()(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error("password", error)
        if password and again and password != again:
            self.add_error("password_again", _("The passwords do not match"))
        return cleaned


class JoinRequestForm(GovukInputs, forms.ModelForm):
    """An organisation, or a Personal Assistant, asks to list on Daywell."""

    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": WEBSITE_INVALID,
            "max_length": _("Website address must be 200 characters or fewer"),
        },
    )
    email = _email_field(
        _("Your email address"), help_text=_("We will tell you what the council decides at this address.")
    )

    class Meta:
        model = JoinRequest
        fields = [
            "name",
            "kind",
            "description",
            "website",
            "charity_number",
            "contact_name",
            "email",
            "phone",
        ]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea}
        labels = {
            "name": _("Name of your organisation"),
            "kind": _("What kind of organisation are you?"),
            "description": _("What do you offer?"),
            "charity_number": _("Registered charity number (optional)"),
            "contact_name": _("Your full name"),
            "phone": _("Phone number"),
        }
        help_texts = {
            "name": _("If you are a Personal Assistant, enter your own name or the name you work under."),
            "description": _("For example, the activities you run, who they are for and where they happen."),
            "charity_number": _("Only if you are a registered charity."),
        }
        error_messages = {
            "name": _text_errors(_("Name of your organisation"), 200, _("Enter the name of your organisation")),  # noqa: E501
            "kind": {"required": _("Select what kind of organisation you are"),
                     "invalid_choice": _("Select what kind of organisation you are")},
            "description": {"required": _("Tell us what you offer")},
            "charity_number": _text_errors(_("Charity number"), 20),
            "contact_name": _text_errors(_("Your full name"), 150, _("Enter your full name")),
            "phone": _text_errors(_("Phone number"), 40, _("Enter a phone number")),
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        from crispy_forms.layout import HTML
        from crispy_forms_gds.layout import Button, Field, Size

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()
        self.helper = _helper(
            HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', _("About your organisation"))),
            Field.text("name"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.textarea("description", rows=6, max_characters=MAX_DESCRIPTION),
            Field.text("website", field_width=20),
            Field.text("charity_number", field_width=10),
            HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', _("About you"))),
            Field.text("contact_name", field_width=20),
            Field.text("email", field_width=20),
            Field.text("phone", field_width=20),
            Button("submit", _("Send request")),
        )

    def clean_name(self):
        return _one_line(self.cleaned_data["name"], _("Enter the name of your organisation"))

    def clean_contact_name(self):
        return _one_line(self.cleaned_data["contact_name"], _("Enter your full name"))

    def clean_description(self):
        description = _required_text(self.cleaned_data["description"], _("Tell us what you offer"))
        if len(description) > MAX_DESCRIPTION:
            raise ValidationError(
                _("What you offer must be %(count)s characters or fewer") % {"count": f"{MAX_DESCRIPTION:,}"}
            )
        return description

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self):
        return _phone(self.cleaned_data["phone"])

    def clean_charity_number(self):
        return self.cleaned_data["charity_number"].strip()


def _required_text(value: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError(message)
    return value


def _one_line(value: str, message: str) -> str:
    """A name goes into email subjects and headings: keep it to one line."""
    value = " ".join(value.split())
    if not value:
        raise ValidationError(message)
    return value


def _phone(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError(_("Enter a phone number"))
    digits = re.sub(r"[\s()+\-.]", "", value)
    if not digits.isdecimal() or not 10 <= len(digits) <= 15 or not value.isascii():
        raise ValidationError(PHONE_INVALID)
    return value


class JoinRequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you declining it?"),
        help_text=_("We will email this to the person who asked, so write it for them."),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea,
        error_messages=_text_errors(_("The reason"), MAX_DESCRIPTION, _("Enter the reason")),
    )

    def __init__(self, *args, **kwargs):
        from crispy_forms_gds.layout import Button, Field, Size

        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("reason", rows=4, label_size=Size.SMALL, max_characters=MAX_DESCRIPTION),
            Button.warning("decline", "Decline"),
        )

    def clean_reason(self):
        return _required_text(self.cleaned_data["reason"], _("Enter the reason"))


class ProviderInviteForm(GovukInputs, forms.Form):
    """The council adds an organisation and invites the person who will run it."""

    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        error_messages=_text_errors(
            _("Name of the organisation"), 200, _("Enter the name of the organisation")
        ),
    )
    kind = forms.ChoiceField(
        label=_("What kind of organisation is it?"),
        choices=kind_choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what kind of organisation it is"),
            "invalid_choice": _("Select what kind of organisation it is"),
        },
    )
    email = _email_field(
        _("Email address of the person who will run it on Daywell"),
        help_text=_("We will email them a link to create an account and join as its owner."),
    )

    def __init__(self, *args, **kwargs):
        from crispy_forms_gds.layout import Button, Field, Size

        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("name"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("email", field_width=20),
            Button("submit", _("Add organisation and send invitation")),
        )

    def clean_name(self):
        name = _one_line(self.cleaned_data["name"], _("Enter the name of the organisation"))
        if Provider.objects.filter(name__iexact=name).exists():
            raise ValidationError(_("%(name)s is already on Daywell") % {"name": name})
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
