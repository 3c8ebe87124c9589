"""GOV.UK forms for enquiries: the person's side writes one, the provider answers it."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from providers.listing_forms import GdsBoundField

from .enquiries import enquiry_shareable

MAX_MESSAGE = 2000


class GdsFormBase(forms.Form):
    """A form whose template holds the <form> and the buttons."""

    bound_field_class = GdsBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.fields_layout())

    def fields_layout(self):
        return [Field(name) for name in self.fields]


def _text(value: str, what: str) -> str:
    text = value.strip()
    if not text:
        raise forms.ValidationError(_("Enter %(what)s") % {"what": what})
    if len(text) > MAX_MESSAGE:
        raise forms.ValidationError(
            _("%(what)s must be %(count)s characters or fewer")
            % {"what": str(what).capitalize(), "count": f"{MAX_MESSAGE:,}"}
        )
    return text


class ShareField(forms.MultipleChoiceField):
    """The details to share. Never in error: a key that is not offered (a tampered form, or a detail
    removed from the profile meanwhile) is dropped, so nothing unoffered is ever shared. Its ids stay
    Django's own (id_share), since each box's hint is id_share_<n>_hint and would clash with the
    group's hint under GdsBoundField."""

    bound_field_class = BoundField

    def validate(self, value):
        pass

    def clean(self, value):
        offered = {str(choice[0]) for choice in self.choices}
        return [key for key in super().clean(value) if key in offered]


class EnquiryForm(GdsFormBase):
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter your message")},
    )
    share = ShareField(required=False, widget=forms.CheckboxSelectMultiple)
    consent = forms.BooleanField()

    def __init__(self, *args, profile, provider, user, relation: str, **kwargs):
        self.profile, self.relation = profile, relation
        super().__init__(*args, **kwargs)
        name = profile.preferred_name
        self.fields["message"].label = _("Your message to %(name)s") % {"name": provider.name}
        self.fields["message"].help_text = _(
            "Say what you would like to know. For example, whether there is a place, "
            "what support they give, or whether you can visit first."
        )
        self.fields["share"].label = _("What can we share with %(name)s?") % {"name": provider.name}
        self.fields["share"].help_text = _(
            "Select all that apply. They will see only what you select, as it is today."
        )
        self.fields["share"].choices = [
            Choice(key, gettext(heading), hint=text)
            for key, heading, text in enquiry_shareable(profile=profile, user=user)
        ]
        consent = self.fields["consent"]
        if relation == "person":
            consent.label = _("I agree to share these details")
            consent.error_messages["required"] = _("Select that you agree to share these details")
        else:
            consent.label = f"{name} agrees to share these details"
            consent.help_text = _(
                "Only select this if %(name)s has told you they agree to this enquiry "
                "and to sharing the details you selected."
            ) % {"name": name}
            consent.error_messages["required"] = _(
                "Select to confirm that %(name)s agrees to share these details"
            ) % {"name": name}

    def fields_layout(self):
        return [
            Field.textarea("message", label_size=Size.MEDIUM, rows=6, max_characters=MAX_MESSAGE),
            Field.checkboxes("share", legend_size=Size.MEDIUM, small=True),
            Field.checkbox("consent"),
        ]

    def clean_message(self):
        return _text(self.cleaned_data["message"], "your message")


class EnquiryAnswerForm(GdsFormBase):
    suitable = forms.ChoiceField(
        label=_("Could this activity be right for them?"),
        choices=[
            ("yes", _("Yes, or it might be")),
            ("no", _("No, it is not suitable for them")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether this activity could be right for them")},
    )
    reply = forms.CharField(
        label=_("Your reply"),
        help_text=_(
            "Answer their questions. If it is not suitable, say why, and suggest something else if you can. "
            "They get an email telling them to sign in to read it."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter your reply")},
    )

    def fields_layout(self):
        return [
            Field.radios("suitable", legend_size=Size.MEDIUM),
            Field.textarea("reply", label_size=Size.MEDIUM, rows=6, max_characters=MAX_MESSAGE),
        ]

    def clean_reply(self):
        return _text(self.cleaned_data["reply"], "your reply")
