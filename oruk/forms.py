"""Forms of the council's open data pages: uploading a file to import, mapping a source tag."""

import json

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from opportunities.models import AudienceGroup, Feature, Interest

from .readers import json_problem_sentence

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
KINDS = {".csv": "csv", ".json": "json"}


class UploadForm(forms.Form):
    """A CSV file in Daywell's template, or an Open Referral UK or Outpost JSON file. The clean
    file is `cleaned_data["text"]` (decoded) with `kind` ("csv" or "json") and `name`."""

    # What the file must be, in whole sentences (a provider's form says "a CSV file").
    wrong_kind_message = _("The selected file must be a CSV or JSON file")
    not_text_message = _("The selected file must be a CSV or JSON file, saved as text")

    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_(
            "A CSV file in Daywell's template, or an Open Referral UK or Outpost JSON file, smaller than 5MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,text/csv,application/json"}),
        error_messages={
            "required": _("Select a CSV or JSON file"),
            "empty": _("The selected file is empty"),
            "invalid": _("Select a CSV or JSON file"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("file"), Button("upload", _("Check the file")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        extension = name[name.rfind(".") :].lower() if "." in name else ""
        if extension not in KINDS:
            raise forms.ValidationError(self.wrong_kind_message)
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The selected file must be smaller than 5MB"))
        raw = upload.read()
        if not raw.strip():
            raise forms.ValidationError(_("The selected file is empty"))
        if b"\x00" in raw:
            raise forms.ValidationError(self.not_text_message)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The selected file must be saved as UTF-8. In Excel, choose 'CSV UTF-8' when you save it")
            ) from None
        kind = KINDS[extension]
        if kind == "json":
            try:
                json.loads(text)
            except (ValueError, RecursionError) as error:
                raise forms.ValidationError(json_problem_sentence(error, selected=True)) from None
        self.cleaned_data.update(text=text, kind=kind, name=name.rsplit("/", 1)[-1][:100])
        return upload


NONE_FITS = "none"


def _mapping_choices():
    def group(prefix, model):
        return [(f"{prefix}:{slug}", name) for slug, name in model.objects.values_list("slug", "name")]

    return [
        ("", _("Choose a Daywell term")),
        (_("Kinds of activity"), group("interest", Interest)),
        (_("Who it is for"), group("audience", AudienceGroup)),
        (_("Access and support"), group("feature", Feature)),
        (_("None"), [(NONE_FITS, _("No Daywell term fits: keep it as it is"))]),
    ]


class SourceTagMapForm(forms.Form):
    term = forms.ChoiceField(
        label=_("Which Daywell term means the same?"),
        help_text=_("Every listing with this tag gets the term, now and on later imports."),
        error_messages={"required": _("Choose a Daywell term, or say that none fits")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].choices = _mapping_choices()
        self.fields["term"].error_messages["invalid_choice"] = _("Choose a Daywell term from the list")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("term"), Button("map", _("Save")))

    def mapping(self) -> dict:
        """Keyword arguments for oruk.services.source_tag_map."""
        value = self.cleaned_data["term"]
        if value == NONE_FITS:
            return {"ignore": True}
        kind, slug = value.split(":", 1)
        model = {"interest": Interest, "audience": AudienceGroup, "feature": Feature}[kind]
        return {kind: model.objects.get(slug=slug)}


class ProviderUploadForm(UploadForm):
    """A CSV file in Daywell's template (a provider cannot upload JSON feeds)."""

    wrong_kind_message = _("The selected file must be a CSV file")
    not_text_message = _("The selected file must be a CSV file, saved as text")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = _("A CSV file in Daywell's template, smaller than 5MB.")
        field.error_messages = {
            **field.error_messages,
            "required": _("Select a CSV file"),
            "invalid": _("Select a CSV file"),
        }
        field.widget.attrs["accept"] = ".csv,text/csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".csv"):
            raise forms.ValidationError(self.wrong_kind_message)
        return super().clean_file()
