from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from opportunities.models import AudienceGroup, Feature, Interest


class TaggingForm(forms.Form):
    """The council owns the tagging: an officer may change a provider's proposed tags."""

    interests = forms.MultipleChoiceField(
        label="Kinds of activity", required=False, widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.MultipleChoiceField(
        label="Who it is for", required=False, widget=forms.CheckboxSelectMultiple
    )
    features = forms.MultipleChoiceField(
        label="Access and support", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, proposed: dict, **kwargs):
        kwargs.setdefault(
            "initial", {key: proposed.get(key) or [] for key in ("interests", "audiences", "features")}
        )
        super().__init__(*args, **kwargs)
        self.fields["interests"].choices = list(Interest.objects.values_list("slug", "name"))
        self.fields["audiences"].choices = list(AudienceGroup.objects.values_list("slug", "name"))
        self.fields["features"].choices = list(Feature.objects.values_list("slug", "name"))
        for name in ("interests", "audiences", "features"):
            self.fields[name].error_messages["invalid_choice"] = "Select tags from the list"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *(
                Field.checkboxes(name, small=True, legend_size=Size.SMALL)
                for name in ("interests", "audiences", "features")
            ),
            Button("approve", "Approve and publish"),
        )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="What does the provider need to change?",
        help_text="The provider sees this in an email and on their listing. Be specific and kind.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": "Enter what the provider needs to change"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("reason", rows=5), Button.secondary("return", "Return to the provider")
        )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter what the provider needs to change")
        return reason


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label="What was done?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter what was done"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form>
        self.helper.layout = Layout(
            Field.textarea("resolution", rows=4), Button("submit", "Mark as resolved")
        )
