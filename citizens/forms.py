"""The profile's forms: one GOV.UK form per part of a person's profile, and the forms for
carers, handing over and deleting.

Each ProfileSectionForm edits a few fields of a CitizenProfile; `SECTIONS` lists them in the
order a new profile is filled in.
"""

import datetime
from decimal import Decimal

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from opportunities.models import AudienceGroup, Feature, Interest, Weekday
from places.services import place_for_postcode
from providers.listing_forms import GdsBoundField

from .models import CarerLink, CitizenProfile

PART_NAMES = ["morning", "afternoon", "evening"]
MAX_TEXT = 2000


class BoundField(GdsBoundField):
    """GdsBoundField, and a date's error link lands on its day box (id_<name>_0)."""

    @property
    def auto_id(self):
        auto_id = super().auto_id
        if auto_id and isinstance(self.field.widget, forms.MultiWidget):
            return f"{auto_id}_0"
        return auto_id


class DateField(DateInputField):
    """A GOV.UK date input whose errors are in plain words."""

    def __init__(self, **kwargs):
        kwargs.setdefault("require_all_fields", False)
        super().__init__(**kwargs)
        for field in self.fields:
            field.validators = []

    def clean(self, value):
        if not isinstance(value, list | tuple):
            value = self.widget.decompress(value) if value else ["", "", ""]
        filled = [str(part or "").strip() for part in value]
        if not any(filled):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        if not all(part.isdecimal() for part in filled):
            raise forms.ValidationError(_("Enter a real date, like 27 3 1990"), code="invalid")
        try:
            return datetime.date(int(filled[2]), int(filled[1]), int(filled[0]))
        except (ValueError, OverflowError):
            raise forms.ValidationError(_("Enter a real date, like 27 3 1990"), code="invalid") from None


class GdsForm(forms.Form):
    bound_field_class = BoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.fields_layout())

    def setup(self):
        """Choices and wording that depend on the person."""

    def fields_layout(self):
        return [Field(name) for name in self.fields]


def _text(label, help_text="", rows=4, required=False, max_length=MAX_TEXT):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "max_length": _("%(label)s must be %(max_length)s characters or fewer")
            % {"label": label, "max_length": max_length}
        },
    )


class ProfileSectionForm(GdsForm):
    """A part of the profile. `title` heads its page; `save_to(profile)` copies the answers."""

    title = ""
    summary_fields: list[str] = []

    def __init__(self, *args, profile: CitizenProfile | None = None, name: str = "", **kwargs):
        self.profile = profile
        self.name = name or "the person"
        if profile is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(profile)
        super().__init__(*args, **kwargs)

    def initial_from(self, profile: CitizenProfile) -> dict:
        return {}

    def save_to(self, profile: CitizenProfile) -> list:
        """Copy the answers; return the many-to-many values to set as [(field, values)]."""
        return []


class AboutForm(ProfileSectionForm):
    title = _("About them")
    preferred_name = forms.CharField(
        label=_("The name they like to be called"),
        max_length=100,
        error_messages={
            "required": _("Enter the name they like to be called"),
            "max_length": _("The name must be 100 characters or fewer"),
        },
    )
    date_of_birth = DateField(
        label=_("Date of birth"),
        help_text=_("For example, 27 3 1990. Leave it empty if you would rather not say."),
        required=False,
    )
    postcode = forms.CharField(
        label=_("Home postcode"),
        help_text=_("We use it to find things nearby. It is never shown to providers or the public."),
        max_length=10,
        required=False,
    )

    def setup(self):
        if self.profile is None or self.profile.person_id is None:
            return
        self.fields["preferred_name"].label = _("The name you like to be called")

    def initial_from(self, profile):
        born = profile.date_of_birth
        return {
            "preferred_name": profile.preferred_name,
            "date_of_birth": [born.day, born.month, born.year] if born else None,
            "postcode": profile.postcode,
        }

    def fields_layout(self):
        return [
            Field.text("preferred_name", field_width=20),
            Field("date_of_birth"),
            Field.text("postcode", field_width=10),
        ]

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born is None:
            return None
        today = datetime.date.today()
        if born > today:
            raise forms.ValidationError(_("Date of birth must be in the past"))
        if born.year < today.year - 120:
            raise forms.ValidationError(_("Enter a real date of birth, like 27 3 1990"))
        if (today - born).days < 16 * 365:
            raise forms.ValidationError(_("Daywell is for adults: the person must be 16 or over"))
        return born

    def clean_postcode(self):
        text = self.cleaned_data.get("postcode", "").strip()
        if not text:
            self.place = None
            return ""
        self.place = place_for_postcode(text)
        if self.place is None or not self.place.exact:
            raise forms.ValidationError(_("Enter a full postcode in Birmingham, like B13 8JP"))
        return self.place.postcode

    def save_to(self, profile):
        profile.preferred_name = self.cleaned_data["preferred_name"].strip()
        profile.date_of_birth = self.cleaned_data["date_of_birth"]
        profile.postcode = self.cleaned_data["postcode"]
        place = getattr(self, "place", None)
        profile.ward = place.ward if place else None
        return []


class InterestsForm(ProfileSectionForm):
    title = _("What they enjoy")
    interests = forms.MultipleChoiceField(
        label=_("What do they like doing, or want to try?"),
        help_text=_("Select all that apply."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    strengths = _text(
        _("Things they are good at and want to do more of"),
        help_text=_("For example, 'good with animals', 'makes people laugh', 'knows all the bus routes'."),
    )
    good_day = _text(
        _("What does a good day look like?"),
        help_text=_(
            "In their own words, if you can. For example, 'Being outside, seeing my friends, "
            "a cup of tea at the end'."
        ),
        rows=5,
    )

    def setup(self):
        self.fields["interests"].choices = list(Interest.objects.values_list("slug", "name"))

    def initial_from(self, profile):
        return {
            "interests": [i.slug for i in profile.interests.all()],
            "strengths": profile.strengths,
            "good_day": profile.good_day,
        }

    def fields_layout(self):
        return [
            Field.checkboxes("interests", small=True, legend_size=Size.MEDIUM),
            Field.textarea("strengths", rows=4, max_characters=MAX_TEXT),
            Field.textarea("good_day", rows=5, max_characters=MAX_TEXT),
        ]

    def save_to(self, profile):
        profile.strengths = self.cleaned_data["strengths"].strip()
        profile.good_day = self.cleaned_data["good_day"].strip()
        return [("interests", Interest.objects.filter(slug__in=self.cleaned_data["interests"]))]


class NeedsForm(ProfileSectionForm):
    title = _("Access and support needs")
    needs = forms.MultipleChoiceField(
        label=_("What must a place or activity have?"),
        help_text=_(
            "Only tick what they cannot do without. Suggestions will never include anything "
            "that is missing one of these."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audiences = forms.MultipleChoiceField(
        label=_("Which of these describe them?"),
        help_text=_("Some activities are for particular groups of people. Select all that apply."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def setup(self):
        self.fields["needs"].choices = list(Feature.objects.values_list("slug", "name"))
        self.fields["audiences"].choices = list(AudienceGroup.objects.values_list("slug", "name"))

    def initial_from(self, profile):
        return {
            "needs": [f.slug for f in profile.needs.all()],
            "audiences": [a.slug for a in profile.audiences.all()],
        }

    def fields_layout(self):
        return [
            Field.checkboxes("needs", small=True, legend_size=Size.MEDIUM),
            Field.checkboxes("audiences", small=True, legend_size=Size.MEDIUM),
        ]

    def save_to(self, profile):
        return [
            ("needs", Feature.objects.filter(slug__in=self.cleaned_data["needs"])),
            ("audiences", AudienceGroup.objects.filter(slug__in=self.cleaned_data["audiences"])),
        ]


class WhenForm(ProfileSectionForm):
    title = _("When they are free")
    morning = forms.MultipleChoiceField(
        label=_("Mornings"), required=False, widget=forms.CheckboxSelectMultiple
    )
    afternoon = forms.MultipleChoiceField(
        label=_("Afternoons"), required=False, widget=forms.CheckboxSelectMultiple
    )
    evening = forms.MultipleChoiceField(
        label=_("Evenings"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def setup(self):
        for part in PART_NAMES:
            self.fields[part].choices = [(str(day), label) for day, label in Weekday.choices]

    def initial_from(self, profile):
        slots = set(profile.free_slots)
        return {
            part: [str(day) for day in range(7) if day * 3 + number in slots]
            for number, part in enumerate(PART_NAMES)
        }

    def fields_layout(self):
        return [
            Field.checkboxes(part, small=True, inline=True, legend_size=Size.SMALL) for part in PART_NAMES
        ]

    def save_to(self, profile):
        profile.free_slots = sorted(
            int(day) * 3 + number for number, part in enumerate(PART_NAMES) for day in self.cleaned_data[part]
        )
        return []


class TravelForm(ProfileSectionForm):
    title = _("Getting there")
    travel = forms.MultipleChoiceField(
        label=_("How do they get about?"),
        help_text=_("Select all that apply."),
        required=False,
        choices=CitizenProfile.Travel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    travel_miles = forms.DecimalField(
        label=_("How far will they travel, in miles?"),
        help_text=_("For example, 3 or 1.5. Leave it empty if distance does not matter."),
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal("50"),
        max_digits=4,
        decimal_places=1,
        localize=False,
        error_messages={
            "invalid": _("Enter the distance as a number of miles, like 3 or 1.5"),
            "min_value": _("The distance must be more than 0 miles"),
            "max_value": _("The distance must be 50 miles or less"),
            "max_decimal_places": _("Enter the distance to one decimal place, like 1.5"),
            "max_digits": _("Enter the distance as a number of miles, like 3 or 1.5"),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )

    def initial_from(self, profile):
        return {"travel": profile.travel, "travel_miles": profile.travel_miles}

    def fields_layout(self):
        return [
            Field.checkboxes("travel", small=True, legend_size=Size.MEDIUM),
            Field.text("travel_miles", field_width=4),
        ]

    def save_to(self, profile):
        profile.travel = list(self.cleaned_data["travel"])
        profile.travel_miles = self.cleaned_data["travel_miles"]
        return []


class MoneyForm(ProfileSectionForm):
    title = _("Money")
    weekly_budget = forms.DecimalField(
        label=_("Weekly direct payment or personal budget, in pounds"),
        help_text=_(
            "For day activities, if they have one. For example, 120 or 85.50. "
            "Leave it empty if they do not have one."
        ),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("99999"),
        max_digits=8,
        decimal_places=2,
        localize=False,
        error_messages={
            "invalid": _("Enter the amount in pounds, like 120 or 85.50"),
            "min_value": _("The amount cannot be less than £0"),
            "max_value": _("The amount must be less than £100,000 a week"),
            "max_decimal_places": _("Enter the amount in pounds and pence, like 85.50"),
            "max_digits": _("Enter the amount in pounds, like 120 or 85.50"),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )

    def clean_weekly_budget(self):
        return self.cleaned_data.get("weekly_budget")

    def initial_from(self, profile):
        return {"weekly_budget": profile.weekly_budget}

    def fields_layout(self):
        return [Field.text("weekly_budget", field_width=5, prefix="£")]

    def save_to(self, profile):
        profile.weekly_budget = self.cleaned_data["weekly_budget"]
        return []


class NotesForm(ProfileSectionForm):
    title = _("Notes")
    notes = _text(
        _("Anything else that helps"),
        help_text=_(
            "For example, what helps them feel calm, or what to avoid. Everyone who can see this "
            "profile can read it, including the person."
        ),
        rows=6,
    )

    def initial_from(self, profile):
        return {"notes": profile.notes}

    def fields_layout(self):
        return [Field.textarea("notes", rows=6, max_characters=MAX_TEXT)]

    def save_to(self, profile):
        profile.notes = self.cleaned_data["notes"].strip()
        return []


SECTIONS: dict[str, type[ProfileSectionForm]] = {
    "about": AboutForm,
    "interests": InterestsForm,
    "needs": NeedsForm,
    "when": WhenForm,
    "travel": TravelForm,
    "money": MoneyForm,
    "notes": NotesForm,
}


class NewProfileForm(GdsForm):
    """Starting a profile: for a social worker or carer, whose profile it is (and a carer records
    the person's consent to act for them)."""

    preferred_name = AboutForm.base_fields["preferred_name"]
    consent_given_by = forms.CharField(
        label=_("Who agreed that you can act for them?"),
        help_text=_(
            "Usually the person themself. If they cannot decide, the person who made a "
            "best-interest decision."
        ),
        max_length=150,
        required=False,
    )
    consent_method = forms.ChoiceField(
        label=_("How did they agree?"),
        choices=CarerLink.ConsentMethod.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    consent_given_on = DateField(label=_("When did they agree?"), required=False)

    def __init__(self, *args, as_carer: bool, for_self: bool, **kwargs):
        self.as_carer = as_carer
        self.for_self = for_self
        super().__init__(*args, **kwargs)
        if for_self:
            self.fields["preferred_name"].label = _("The name you like to be called")
        if not as_carer:
            for name in ("consent_given_by", "consent_method", "consent_given_on"):
                del self.fields[name]

    def fields_layout(self):
        layout = [Field.text("preferred_name", field_width=20)]
        if self.as_carer:
            layout.append(
                Fieldset(
                    Field.text("consent_given_by", field_width=20),
                    Field.radios("consent_method", legend_size=Size.SMALL),
                    Field("consent_given_on"),
                    legend=_("Their consent"),
                    legend_size=Size.MEDIUM,
                )
            )
        return layout

    def clean(self):
        data = super().clean()
        if self.as_carer:
            _consent_clean(self, data)
        return data


def _consent_clean(form, data):
    if not (data.get("consent_given_by") or "").strip() and "consent_given_by" not in form.errors:
        form.add_error("consent_given_by", _("Enter who agreed"))
    if not data.get("consent_method") and "consent_method" not in form.errors:
        form.add_error("consent_method", _("Select how they agreed"))
    given_on = data.get("consent_given_on")
    if "consent_given_on" not in form.errors:
        if given_on is None:
            form.add_error("consent_given_on", _("Enter the date they agreed"))
        elif given_on > datetime.date.today():
            form.add_error("consent_given_on", _("The date they agreed must be today or in the past"))


class CarerAddForm(GdsForm):
    email = forms.EmailField(
        label=_("The carer's email address"),
        help_text=_("The email address they use to sign in to Daywell."),
        error_messages={
            "required": _("Enter the carer's email address"),
            "invalid": _("Enter an email address in the right format, like name@example.com"),
        },
    )
    consent_given_by = NewProfileForm.base_fields["consent_given_by"]
    consent_method = NewProfileForm.base_fields["consent_method"]
    consent_given_on = DateField(label=_("When did they agree?"), required=False)

    def __init__(self, *args, profile: CitizenProfile, **kwargs):
        self.profile = profile
        super().__init__(*args, **kwargs)
        self.fields["consent_given_by"].label = _("Who agreed that this carer can act for %(profile)s?") % {
            "profile": profile
        }

    def fields_layout(self):
        return [
            Field.text("email", field_width=20),
            Field.text("consent_given_by", field_width=20),
            Field.radios("consent_method", legend_size=Size.SMALL),
            Field("consent_given_on"),
        ]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.carer = (
            get_user_model().objects.filter(email__iexact=email, is_active=True, role="carer").first()
        )
        if self.carer is None:
            raise forms.ValidationError(
                _(
                    "There is no carer's account with this email address. Ask the carer to phone "
                    "0121 303 1234 to set one up."
                )
            )
        if self.profile.carer_links.filter(carer=self.carer, ended_at__isnull=True).exists():
            raise forms.ValidationError(_("This carer is already linked to the profile"))
        return email

    def clean(self):
        data = super().clean()
        _consent_clean(self, data)
        return data


class HandOverForm(GdsForm):
    to = forms.ChoiceField(
        label=_("Which colleague is taking over?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the colleague who is taking over")},
    )

    def __init__(self, *args, by, **kwargs):
        self.by = by
        super().__init__(*args, **kwargs)

    def setup(self):
        colleagues = (
            get_user_model()
            .objects.filter(role="social_worker", is_active=True)
            .exclude(pk=self.by.pk)
            .order_by("full_name", "email")
        )
        self.colleagues = {str(c.pk): c for c in colleagues}
        self.fields["to"].choices = [(pk, f"{c} ({c.email})") for pk, c in self.colleagues.items()]

    def fields_layout(self):
        return [Field.radios("to", legend_size=Size.MEDIUM)]

    def clean_to(self):
        return self.colleagues[self.cleaned_data["to"]]


class DeleteForm(GdsForm):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone"),
        error_messages={"required": _("Tick the box to confirm you want to delete the profile")},
    )

    def fields_layout(self):
        return [Field.checkbox("confirm")]


class OwnAccountForm(GdsForm):
    """The social worker links the person's own account, so the person can see their profile."""

    email = forms.EmailField(
        label=_("The email address they sign in with"),
        help_text=_("They must already have a Daywell account of their own."),
        error_messages={
            "required": _("Enter the email address they sign in with"),
            "invalid": _("Enter an email address in the right format, like name@example.com"),
        },
    )
    confirm = forms.BooleanField(
        label=_("I have checked that this is their own account and they want to see their profile"),
        error_messages={"required": _("Tick the box to confirm this is their own account")},
    )

    def fields_layout(self):
        return [Field.text("email", field_width=20), Field.checkbox("confirm")]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.person = (
            get_user_model()
            .objects.filter(email__iexact=email, is_active=True, role="citizen", own_profile__isnull=True)
            .first()
        )
        if self.person is None:
            raise forms.ValidationError(
                _(
                    "There is no account with this email address that could be linked. It must be the "
                    "person’s own account, and not already have a profile."
                )
            )
        return email
