import datetime

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from citizens.review_forms import SUBJECT, GdsDateField
from opportunities.models import AudienceGroup, Feature, Interest
from providers import checks as rules
from providers.listing_forms import GdsBoundField
from providers.models import Provider, ProviderCheck


class TaggingForm(forms.Form):
    """The council owns the tagging: an officer may change a provider's proposed tags."""

    interests = forms.MultipleChoiceField(
        label=_("Kinds of activity"), required=False, widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.MultipleChoiceField(
        label=_("Who it is for"), required=False, widget=forms.CheckboxSelectMultiple
    )
    features = forms.MultipleChoiceField(
        label=_("Access and support"), required=False, widget=forms.CheckboxSelectMultiple
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
            self.fields[name].error_messages["invalid_choice"] = _("Select tags from the list")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *(
                Field.checkboxes(name, small=True, legend_size=Size.SMALL)
                for name in ("interests", "audiences", "features")
            ),
            Button("approve", _("Approve and publish")),
        )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What does the provider need to change?"),
        help_text=_("The provider sees this in an email and on their listing. Be specific and kind."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": _("Enter what the provider needs to change")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("reason", rows=5), Button.secondary("return", _("Return to the provider"))
        )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Enter what the provider needs to change"))
        return reason


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("What was done?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Enter what was done")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form>
        self.helper.layout = Layout(
            Field.textarea("resolution", rows=4), Button("submit", _("Mark as resolved"))
        )


# --- Provider checks -----------------------------------------------------------------------------
MAX_CHECK_NOTE = 2000
MAX_REFERENCE = 200
MAX_EXPIRY_YEARS = 10  # a later expiry date is a mistyped year


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class CheckDateField(GdsDateField):
    """The GOV.UK date input for a check: the check's date is today or earlier; an expiry date may be
    in the future (the rules on both dates together are in ProviderCheckForm.clean). Three empty boxes
    are None when the field is not required."""

    def __init__(self, *, future: bool, **kwargs):
        self.future = future
        super().__init__(**kwargs)

    def clean(self, value):
        texts = [str(v or "").strip() for v in (value or [])][:3]
        if not self.required and not any(texts):
            for field in self.fields:
                field.widget.errors = []
            self.widget.mark_errors(())
            return None
        # GdsDateField refuses future dates; check the parts as it does, and let a future date through.
        numbers = len(texts) == 3 and all(t.isdecimal() and len(t) <= 4 for t in texts) and len(texts[2]) == 4
        if self.future and numbers:
            try:
                date = datetime.date(int(texts[2]), int(texts[1]), int(texts[0]))
            except (ValueError, OverflowError):
                date = None
            if date is not None and date > timezone.localdate():
                for field in self.fields:
                    field.widget.errors = []
                self.widget.mark_errors(())
                return date
        return super().clean(value)

    def error_on(self, message: str) -> forms.ValidationError:
        """An error found with the other fields, hung on the day box like the field's own errors."""
        return self._error(message, (0, 1, 2))


def _outcome_choices(kind: str) -> list:
    Kind, Outcome = ProviderCheck.Kind, ProviderCheck.Outcome
    passed_hints = {
        Kind.SAFEGUARDING_POLICY: _("It has a safeguarding policy, with a named lead, that staff follow"),
        Kind.INSURANCE: _("It has public liability insurance in date, for what it offers"),
        Kind.DBS: _("Enhanced DBS checks are in place for everyone who works with people"),
        Kind.CQC: _("It gives personal care and is registered with the Care Quality Commission"),
        Kind.COMPLAINTS: _("It has a complaints procedure that people can find and use"),
    }
    choices = [
        Choice(Outcome.PASSED.value, _("Passed"), hint=passed_hints[kind]),
        Choice(
            Outcome.FAILED.value,
            _("Failed"),
            hint=_("Say in the note what is wrong and what the provider must do"),
        ),
    ]
    if kind == Kind.CQC:
        choices.append(
            Choice(
                Outcome.NOT_NEEDED.value,
                _("Not needed"),
                hint=_("It gives no personal care, so it does not need to register"),
            )
        )
    return choices


class ProviderCheckForm(forms.Form):
    """Record one check of a provider against one standard. The fields asked depend on the standard."""

    bound_field_class = GdsBoundField

    outcome = forms.ChoiceField(label=_("Result"), widget=forms.RadioSelect)
    checked_on = CheckDateField(
        future=False,
        what=_("the date of the check"),
        subject=pgettext_lazy(SUBJECT, "The date of the check"),
        label=_("Date of the check"),
        help_text=_("For example, 27 3 2026"),
    )
    expires_on = CheckDateField(
        future=True,
        what=_("the date it runs out"),
        subject=pgettext_lazy(SUBJECT, "The date it runs out"),
        label=_("Date it runs out"),
        required=False,
    )
    reference = forms.CharField(label=_("Reference (optional)"), required=False, max_length=MAX_REFERENCE)
    cqc_rating = forms.ChoiceField(label=_("CQC rating"), required=False, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, provider, kind: str, **kwargs):
        Kind = ProviderCheck.Kind
        self.provider = provider
        self.kind = kind
        # The latest check of this kind: a new one may not be dated before it (it would not count).
        self.latest = provider.checks.filter(kind=kind).select_related("checked_by").first()
        self.says_personal_care = kind == Kind.CQC and rules.says_personal_care(provider)
        initial = {"checked_on": timezone.localdate()}
        if kind == Kind.CQC:
            initial |= {"reference": provider.cqc_location_id, "cqc_rating": provider.cqc_rating}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = _outcome_choices(kind)
        self.fields["outcome"].error_messages |= {
            "required": _("Select the result of the check"),
            "invalid_choice": _("Select the result of the check"),
        }
        self.fields["expires_on"].required = False  # required only when passed (see clean)
        if kind == Kind.INSURANCE:
            self.fields["expires_on"].label = _("Date the insurance runs out")
            self.fields["expires_on"].what = _("the date the insurance runs out")
            self.fields["expires_on"].subject = pgettext_lazy(SUBJECT, "The date the insurance runs out")
            self.fields["expires_on"].help_text = _("Needed when it passed. For example, 31 3 2027")
            self.fields["reference"].label = _("Insurer and policy number (optional)")
        elif kind == Kind.DBS:
            self.fields["expires_on"].label = _("Date to check the DBS again")
            self.fields["expires_on"].what = _("the date to check the DBS again")
            self.fields["expires_on"].subject = pgettext_lazy(SUBJECT, "The date to check the DBS again")
            self.fields["expires_on"].help_text = _(
                "Needed when it passed: usually three years after the certificate, or the date of the "
                "next Update Service check. For example, 31 3 2027"
            )
            self.fields["reference"].label = _("Where the evidence is (optional)")
            self.fields["reference"].help_text = _(
                "For example, the DBS Update Service reference. Do not write what a certificate says."
            )
        else:
            del self.fields["expires_on"]
        if kind == Kind.CQC:
            self.fields["reference"].label = _("CQC location ID")
            self.fields["reference"].help_text = _("Needed when it passed. For example, 1-123456789")
            self.fields["cqc_rating"].choices = Provider.CqcRating.choices
            self.fields["cqc_rating"].help_text = _("Needed when it passed. From the CQC's website")
            self.fields["cqc_rating"].error_messages["invalid_choice"] = _("Select the CQC rating")
        else:
            del self.fields["cqc_rating"]
        if kind in (Kind.SAFEGUARDING_POLICY, Kind.COMPLAINTS):
            del self.fields["reference"]
        else:
            what = {
                Kind.INSURANCE: _("The insurer and policy number"),
                Kind.CQC: _("The CQC location ID"),
            }.get(kind, _("The reference"))
            self.fields["reference"].error_messages["max_length"] = _(
                "%(what)s must be %(count)s characters or fewer"
            ) % {"what": what, "count": MAX_REFERENCE}
        self.fields["note"].help_text = _(
            "Needed when it failed: what is wrong and what the provider must do."
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        layout = [
            Field.radios("outcome", legend_size=Size.MEDIUM),
            Field("checked_on", context={"legend_size": Size.for_legend(Size.MEDIUM)}),
        ]
        if "expires_on" in self.fields:
            layout.append(Field("expires_on", context={"legend_size": Size.for_legend(Size.MEDIUM)}))
        if "reference" in self.fields:
            layout.append(Field.text("reference", label_size=Size.MEDIUM, field_width=20))
        if "cqc_rating" in self.fields:
            layout.append(Field.radios("cqc_rating", legend_size=Size.MEDIUM, small=True))
        layout.append(Field.textarea("note", label_size=Size.MEDIUM, rows=4, max_characters=MAX_CHECK_NOTE))
        self.helper.layout = Layout(*layout)

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if len(note) > MAX_CHECK_NOTE:
            raise forms.ValidationError(
                _("The note must be %(count)s characters or fewer") % {"count": f"{MAX_CHECK_NOTE:,}"}
            )
        return note

    def clean_reference(self):
        return self.cleaned_data["reference"].strip()

    def clean(self):
        data = super().clean()
        Outcome = ProviderCheck.Outcome
        outcome = data.get("outcome")
        checked_on = data.get("checked_on")
        if checked_on is not None and self.latest is not None and checked_on < self.latest.checked_on:
            self.add_error(
                "checked_on",
                self.fields["checked_on"].error_on(rules.too_early_message(self.latest.checked_on)),
            )
        if outcome == Outcome.NOT_NEEDED and self.says_personal_care:
            self.add_error(
                "outcome",
                _(
                    "Select passed or failed: this provider's listings say they give personal care, "
                    "so it must be registered with the CQC"
                ),
            )
        # The expiry date is kept only when the check passed (a failed check's is not saved).
        if "expires_on" in self.fields and "expires_on" not in self.errors and outcome == Outcome.PASSED:
            expires_on = data.get("expires_on")
            field = self.fields["expires_on"]
            subject = {"what": field.subject}  # for example "The date the insurance runs out"
            if expires_on is None:
                self.add_error("expires_on", field.error_on(_("Enter %(what)s") % {"what": field.what}))
            elif checked_on is not None and expires_on <= checked_on:
                self.add_error(
                    "expires_on", field.error_on(_("%(what)s must be after the date of the check") % subject)
                )
            elif checked_on is not None and expires_on > _years_after(checked_on, MAX_EXPIRY_YEARS):
                message = ngettext(
                    "%(what)s must be within %(count)s year of the date of the check",
                    "%(what)s must be within %(count)s years of the date of the check",
                    MAX_EXPIRY_YEARS,
                ) % {**subject, "count": MAX_EXPIRY_YEARS}
                self.add_error("expires_on", field.error_on(message))
            elif expires_on < timezone.localdate():
                message = (
                    _(
                        "%(what)s must be today or in the future. "
                        "If it has run out, record the check as failed"
                    )
                    % subject
                )
                self.add_error("expires_on", field.error_on(message))
        if "cqc_rating" in self.fields and outcome == Outcome.PASSED:
            if not data.get("reference"):
                self.add_error("reference", _("Enter the CQC location ID"))
            if not data.get("cqc_rating") and "cqc_rating" not in self.errors:
                self.add_error("cqc_rating", _("Select the CQC rating"))
        if outcome == Outcome.FAILED and not data.get("note") and "note" not in self.errors:
            self.add_error("note", _("Enter what is wrong and what the provider must do"))
        return data
