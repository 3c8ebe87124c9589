"""The listing editor: one GOV.UK form per section of a listing.

Each form starts from a snapshot (opportunities.snapshots) and gives back, from `section()`,
the snapshot keys it edits. Choices come from the council's lists and from the provider's own
venues only, so another provider's venue can never be offered or accepted.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fieldset, Layout, Size
from django import forms
from django.forms.boundfield import BoundField
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

from opportunities.models import AudienceGroup, Cost, Feature, Interest, Opportunity, PaymentRoute, Weekday
from places.models import Ward

from .models import Venue

MAX_SUMMARY = 300
MAX_DESCRIPTION = 5000
MAX_EASY_READ = 1500


def _slugs(model) -> list[tuple[str, str]]:
    return list(model.objects.values_list("slug", "name"))


class GdsBoundField(BoundField):
    """crispy-forms-gds ids a group's checkboxes id_<name>_1, id_<name>_2… but links the error summary
    to id_<name>, which is on no element. Naming the group after its first box puts the link on it,
    as the GOV.UK pattern expects (templates/gds/layout/radio_item.html does the same for radios)."""

    @property
    def auto_id(self):
        auto_id = super().auto_id
        if auto_id and isinstance(self.field.widget, forms.CheckboxSelectMultiple):
            return f"{auto_id}_1"
        return auto_id


class SectionForm(forms.Form):
    """A section of the listing editor. Subclasses list their layout in `fields_layout()`."""

    bound_field_class = GdsBoundField

    def __init__(self, *args, provider, snapshot: dict, **kwargs):
        self.provider = provider
        self.snapshot = snapshot
        kwargs.setdefault("initial", self.initial_from(snapshot))
        super().__init__(*args, **kwargs)
        self.setup()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.fields_layout())

    def setup(self):
        """Set choices and wording that depend on the provider."""

    def initial_from(self, snapshot: dict) -> dict:
        return {name: snapshot.get(name) for name in self.base_fields if name in snapshot}

    def fields_layout(self):
        return [Field(name) for name in self.fields]

    def section(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class AboutForm(SectionForm):
    title = forms.CharField(
        label=gettext_lazy("Name of the activity"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the name of the activity")},
    )
    summary = forms.CharField(
        label=gettext_lazy("Short summary"),
        help_text=gettext_lazy(
            "One or two sentences shown in search results. Say what people do, in everyday words."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Enter a short summary")},
    )
    description = forms.CharField(
        label=gettext_lazy("What happens"),
        help_text=gettext_lazy(
            "What a session is like, what people do and who they meet. Use short sentences."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("Enter what happens")},
    )
    interests = forms.MultipleChoiceField(
        label=gettext_lazy("What kind of activity is it?"),
        help_text=gettext_lazy(
            "Select all that apply. The council checks these so that people find your listing."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def setup(self):
        self.fields["interests"].choices = _slugs(Interest)
        if self.provider.is_personal_assistant:
            self.fields["title"].label = gettext("Name of your service")
            self.fields["title"].help_text = gettext(
                "For example, 'Personal Assistant in Hall Green: Sam Patel'."
            )
            self.fields["description"].label = gettext("Your skills and experience")
            self.fields["description"].help_text = gettext(
                "What you can help with, the people you have supported, any training you have had."
            )
            self.fields["interests"].label = gettext("What can you support people to do?")

    def fields_layout(self):
        return [
            Field.text("title"),
            Field.textarea("summary", rows=3, max_characters=MAX_SUMMARY),
            Field.textarea("description", rows=8, max_characters=MAX_DESCRIPTION),
            Field.checkboxes("interests", small=True, legend_size=Size.MEDIUM),
        ]

    def clean_summary(self):
        summary = self.cleaned_data["summary"].strip()
        if len(summary) > MAX_SUMMARY:
            raise forms.ValidationError(
                gettext("Short summary must be %(MAX_SUMMARY)s characters or fewer")
                % {"MAX_SUMMARY": MAX_SUMMARY}
            )
        return summary

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if len(description) > MAX_DESCRIPTION:
            raise forms.ValidationError(
                gettext("What happens must be %(count)s characters or fewer")
                % {"count": f"{MAX_DESCRIPTION:,}"}
            )
        return description

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(gettext("Enter the name of the activity"))
        return title


class WhoForm(SectionForm):
    audiences = forms.MultipleChoiceField(
        label=gettext_lazy("Who is it for?"),
        help_text=gettext_lazy("Select all that apply. Leave them all empty if it is for anyone."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_age = forms.IntegerField(
        label=gettext_lazy("Youngest age (optional)"),
        required=False,
        min_value=16,
        max_value=120,
        error_messages={
            "invalid": gettext_lazy("Youngest age must be a number, like 18"),
            "min_value": gettext_lazy("Youngest age must be 16 or older"),
            "max_value": gettext_lazy("Youngest age must be 120 or younger"),
        },
    )
    max_age = forms.IntegerField(
        label=gettext_lazy("Oldest age (optional)"),
        required=False,
        min_value=16,
        max_value=120,
        error_messages={
            "invalid": gettext_lazy("Oldest age must be a number, like 65"),
            "min_value": gettext_lazy("Oldest age must be 16 or older"),
            "max_value": gettext_lazy("Oldest age must be 120 or younger"),
        },
    )

    def setup(self):
        self.fields["audiences"].choices = _slugs(AudienceGroup)

    def fields_layout(self):
        return [
            Field.checkboxes("audiences", small=True, legend_size=Size.MEDIUM),
            Field.text("min_age", field_width=3),
            Field.text("max_age", field_width=3),
        ]

    def clean(self):
        data = super().clean()
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("max_age", gettext("Oldest age must be the same as or more than the youngest age"))
        return data


class WhereForm(SectionForm):
    delivery = forms.MultipleChoiceField(
        label=gettext_lazy("Where does it happen?"),
        choices=Opportunity.Delivery.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Select where it happens")},
    )
    venues = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Which of your venues?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Select a venue from the list")},
    )
    areas = forms.MultipleChoiceField(
        label=gettext_lazy("Which areas do you cover?"),
        help_text=gettext_lazy("For support that comes to people's homes or meets them in the community."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Select areas from the list")},
    )

    def setup(self):
        self.fields["venues"].choices = [
            (v.pk, f"{v.name}, {v.postcode}") for v in Venue.objects.filter(provider=self.provider)
        ]
        self.fields["areas"].choices = list(Ward.objects.order_by("name").values_list("slug", "name"))

    def fields_layout(self):
        return [
            Field.checkboxes("delivery", legend_size=Size.MEDIUM),
            Field.checkboxes("venues", small=True, legend_size=Size.MEDIUM)
            if self.fields["venues"].choices
            else HTML(
                format_html(
                    '<p class="govuk-body">{}</p>',
                    gettext("You have no venues yet. Add one from your organisation's page."),
                )
            ),
            Field.checkboxes("areas", small=True, legend_size=Size.MEDIUM),
        ]

    def clean(self):
        data = super().clean()
        delivery = data.get("delivery") or []
        if "venue" in delivery and not data.get("venues"):
            # With no venues there is no venue field to point at: the message goes on "where".
            field = "venues" if self.fields["venues"].choices else "delivery"
            self.add_error(field, gettext("Select at least one venue, or add a venue first"))
        if {"home", "community"} & set(delivery) and not data.get("venues") and not data.get("areas"):
            self.add_error("areas", gettext("Select the areas you cover"))
        return data


_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$", re.IGNORECASE)


def parse_time(text: str) -> datetime.time | None:
    """'10:00', '9.30', '2pm', '2:30pm', '14:30' -> a time; anything else -> None."""
    match = _TIME.match(text or "")
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


class RowsForm(SectionForm):
    """A section with a few repeated rows (sessions, prices): blank rows are left out."""

    ROW_FIELDS: tuple[str, ...] = ()
    snapshot_key = ""

    def rows_count(self) -> int:
        return max(len(self.snapshot.get(self.snapshot_key) or []) + 2, 4)

    def row_values(self, index: int) -> list[str]:
        return [
            (self.data.get(f"{self.snapshot_key}_{index}_{name}") or "").strip() for name in self.ROW_FIELDS
        ]


class WhenForm(RowsForm):
    ROW_FIELDS = ("day", "start", "end")
    snapshot_key = "sessions"
    by_arrangement = forms.TypedChoiceField(
        label=gettext_lazy("When does it happen?"),
        choices=[
            ("no", gettext_lazy("On the same days and times each week")),
            ("yes", gettext_lazy("At times agreed with each person")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select when it happens")},
    )

    def initial_from(self, snapshot):
        initial = {"by_arrangement": "yes" if snapshot.get("by_arrangement") else "no"}
        for index, (day, start, end) in enumerate(snapshot.get("sessions") or []):
            initial.update(
                {
                    f"sessions_{index}_day": str(day),
                    f"sessions_{index}_start": start,
                    f"sessions_{index}_end": end,
                }
            )
        return initial

    def setup(self):
        days = [("", gettext("Choose a day")), *((str(d.value), d.label) for d in Weekday)]
        for index in range(self.rows_count()):
            self.fields[f"sessions_{index}_day"] = forms.ChoiceField(
                label=gettext("Day"), choices=days, required=False
            )
            self.fields[f"sessions_{index}_start"] = forms.CharField(
                label=gettext("Starts"), help_text=gettext("For example, 10:00 or 2:30pm"), required=False
            )
            self.fields[f"sessions_{index}_end"] = forms.CharField(label=gettext("Ends"), required=False)

    def fields_layout(self):
        rows = [
            Fieldset(
                Field.select(f"sessions_{index}_day"),
                Field.text(f"sessions_{index}_start", field_width=5),
                Field.text(f"sessions_{index}_end", field_width=5),
                legend=gettext("Session %(index)s") % {"index": index + 1},
                legend_size=Size.SMALL,
            )
            for index in range(self.rows_count())
        ]
        return [
            Field.radios("by_arrangement", legend_size=Size.MEDIUM),
            HTML(
                format_html(
                    '<h2 class="govuk-heading-m">{}</h2><p class="govuk-body">{}</p>',
                    gettext("Weekly sessions"),
                    gettext(
                        "Fill in one row for each session in a week. Leave spare rows empty. "
                        "Save to get more rows."
                    ),
                )
            ),
            *rows,
        ]

    def clean(self):
        data = super().clean()
        sessions = []
        for index in range(self.rows_count()):
            day, start_text, end_text = self.row_values(index)
            if not (day or start_text or end_text):
                continue
            number = index + 1
            start, end = parse_time(start_text), parse_time(end_text)
            if not day:
                self.add_error(
                    f"sessions_{index}_day",
                    gettext("Select the day of session %(number)s") % {"number": number},
                )
            if start is None:
                self.add_error(
                    f"sessions_{index}_start",
                    gettext("Enter the start time of session %(number)s, like 10:00 or 2:30pm")
                    % {"number": number},
                )
            if end is None:
                self.add_error(
                    f"sessions_{index}_end",
                    gettext("Enter the end time of session %(number)s, like 12:00 or 4pm")
                    % {"number": number},
                )
            elif start is not None and end <= start:
                self.add_error(
                    f"sessions_{index}_end",
                    gettext("Session %(number)s must end after it starts") % {"number": number},
                )
            if day.isdecimal() and start is not None and end is not None and end > start:
                sessions.append([int(day), f"{start:%H:%M}", f"{end:%H:%M}"])
        if data.get("by_arrangement") is False and not sessions and not self.errors:
            self.add_error(
                "sessions_0_day",
                gettext("Add at least one session, or select 'At times agreed with each person'"),
            )
        data["sessions"] = sorted(sessions)
        return data

    def section(self):
        return {
            "by_arrangement": self.cleaned_data["by_arrangement"],
            "sessions": self.cleaned_data["sessions"],
        }


class CostForm(RowsForm):
    ROW_FIELDS = ("amount", "unit", "label")
    snapshot_key = "costs"
    is_free = forms.TypedChoiceField(
        label=gettext_lazy("Is it free?"),
        choices=[("yes", gettext_lazy("Yes, it is free")), ("no", gettext_lazy("No, people pay"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select whether it is free")},
    )
    payment_routes = forms.MultipleChoiceField(
        label=gettext_lazy("How can people pay?"),
        help_text=gettext_lazy("Select all that apply."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def initial_from(self, snapshot):
        initial = {
            "is_free": "yes" if snapshot.get("is_free") else "no",
            "payment_routes": snapshot.get("payment_routes") or [],
        }
        for index, (amount, unit, label) in enumerate(snapshot.get("costs") or []):
            initial.update(
                {f"costs_{index}_amount": amount, f"costs_{index}_unit": unit, f"costs_{index}_label": label}
            )
        return initial

    def setup(self):
        self.fields["payment_routes"].choices = _slugs(PaymentRoute)
        units = [("", "Choose"), *((value, label) for value, label in Cost.Unit.choices)]
        for index in range(self.rows_count()):
            self.fields[f"costs_{index}_amount"] = forms.CharField(
                label=gettext("Price, in pounds"), required=False
            )
            self.fields[f"costs_{index}_unit"] = forms.ChoiceField(
                label=gettext("Per"), choices=units, required=False
            )
            self.fields[f"costs_{index}_label"] = forms.CharField(
                label=gettext("Who this price is for (optional)"),
                help_text=gettext("For example, 'With 1:1 support'"),
                required=False,
                max_length=100,
            )
        if self.provider.is_personal_assistant:
            self.fields["costs_0_amount"].label = gettext("Your hourly rate, in pounds")

    def fields_layout(self):
        rows = [
            Fieldset(
                Field.text(f"costs_{index}_amount", field_width=5),
                Field.select(f"costs_{index}_unit"),
                Field.text(f"costs_{index}_label", field_width=20),
                legend=gettext("Price %(index)s") % {"index": index + 1},
                legend_size=Size.SMALL,
            )
            for index in range(self.rows_count())
        ]
        return [
            Field.radios("is_free", inline=True, legend_size=Size.MEDIUM),
            HTML(
                format_html(
                    '<h2 class="govuk-heading-m">{}</h2><p class="govuk-body">{}</p>',
                    gettext("Prices"),
                    gettext("If people pay, give each price. Leave spare rows empty."),
                )
            ),
            *rows,
            Field.checkboxes("payment_routes", small=True, legend_size=Size.MEDIUM),
        ]

    def clean(self):
        data = super().clean()
        costs = []
        for index in range(self.rows_count()):
            amount_text, unit, label = self.row_values(index)
            if not (amount_text or label):
                continue
            number = index + 1
            try:
                amount = Decimal(amount_text.replace("£", "").replace(",", ""))
                if not amount.is_finite() or amount < 0 or amount > 10000:
                    raise InvalidOperation
            except InvalidOperation:
                self.add_error(
                    f"costs_{index}_amount",
                    gettext("Enter price %(number)s in pounds, like 12.50") % {"number": number},
                )
                continue
            if not unit:
                self.add_error(
                    f"costs_{index}_unit",
                    gettext("Select what price %(number)s is for, like 'a session'") % {"number": number},
                )
                continue
            costs.append([f"{amount:.2f}", unit, label])
        data["costs"] = [] if data.get("is_free") else costs
        return data

    def section(self):
        return {key: self.cleaned_data[key] for key in ("is_free", "costs", "payment_routes")}


class AccessForm(SectionForm):
    features = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def setup(self):
        self.by_category = {}
        for category, label in Feature.Category.choices:
            name = f"features_{category}"
            choices = list(Feature.objects.filter(category=category).values_list("slug", "name"))
            self.by_category[name] = label
            self.fields[name] = forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
            self.initial[name] = [
                slug for slug, _ in choices if slug in (self.snapshot.get("features") or [])
            ]
        del self.fields["features"]

    def fields_layout(self):
        return [
            HTML(
                format_html(
                    '<p class="govuk-body">{}</p>',
                    gettext(
                        "Select everything this activity offers. Features of your venues, like a step-free "
                        "entrance, come from the venue: you do not need to select them again. "
                        "The council checks these."
                    ),
                )
            ),
            *(
                Field.checkboxes(name, small=True, legend_size=Size.MEDIUM)
                for name, label in self.by_category.items()
            ),
        ]

    def section(self):
        return {"features": sorted(slug for name in self.by_category for slug in self.cleaned_data[name])}


class JoiningForm(SectionForm):
    joining = forms.ChoiceField(
        label=gettext_lazy("How do people join?"),
        choices=Opportunity.Joining.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select how people join")},
    )
    how_to_join = forms.CharField(
        label=gettext_lazy("What should people do to join? (optional)"),
        help_text=gettext_lazy("For example, 'Phone Sam to arrange a free taster session'."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
    contact_name = forms.CharField(
        label=gettext_lazy("Contact name (optional)"), required=False, max_length=150
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("Contact email address"),
        required=False,
        error_messages={
            "invalid": gettext_lazy("Enter an email address in the correct format, like name@example.com")
        },
    )
    contact_phone = forms.CharField(label=gettext_lazy("Contact phone number"), required=False, max_length=40)
    website = forms.URLField(
        label=gettext_lazy("Web page (optional)"),
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": gettext_lazy("Enter a web address in the correct format, like https://www.example.org")
        },
    )

    def fields_layout(self):
        return [
            Field.radios("joining", legend_size=Size.MEDIUM),
            Field.textarea("how_to_join", rows=3),
            Field.text("contact_name", field_width=20),
            Field.text("contact_email", field_width=20),
            Field.text("contact_phone", field_width=10),
            Field.text("website", field_width=20),
        ]

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not re.fullmatch(r"\+?[0-9 ()-]{10,20}", phone):
            raise forms.ValidationError(gettext("Enter a phone number, like 0121 496 0000"))
        return phone

    def clean(self):
        data = super().clean()
        no_way_to_contact = not data.get("contact_email") and not data.get("contact_phone")
        if no_way_to_contact and not self.has_error("contact_email") and not self.has_error("contact_phone"):
            self.add_error(
                "contact_email",
                gettext("Enter an email address or a phone number so people can get in touch"),
            )
        return data


class EasyReadForm(SectionForm):
    easy_read_summary = forms.CharField(
        label=gettext_lazy("Easy Read summary (optional, but it helps many people)"),
        help_text=gettext_lazy("A few short sentences in plain words."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def fields_layout(self):
        return [
            HTML('{% include "providers/includes/_easy_read_help.html" %}'),
            Field.textarea("easy_read_summary", rows=8, max_characters=MAX_EASY_READ),
        ]

    def clean_easy_read_summary(self):
        text = self.cleaned_data["easy_read_summary"].strip()
        if len(text) > MAX_EASY_READ:
            raise forms.ValidationError(
                gettext("Easy Read summary must be %(count)s characters or fewer")
                % {"count": f"{MAX_EASY_READ:,}"}
            )
        return text


SECTION_FORMS = {
    "about": AboutForm,
    "who": WhoForm,
    "where": WhereForm,
    "when": WhenForm,
    "cost": CostForm,
    "access": AccessForm,
    "joining": JoiningForm,
    "easy-read": EasyReadForm,
}


# --- Updates published at once -------------------------------------------------------------------
class GdsForm(forms.Form):
    submit_label = gettext_lazy("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form>
        self.helper.layout = Layout(*self.fields_layout(), Button("submit", self.submit_label))

    def fields_layout(self):
        return [Field(name) for name in self.fields]


class VacanciesForm(GdsForm):
    submit_label = gettext_lazy("Update places")
    vacancies = forms.ChoiceField(
        label=gettext_lazy("Are you taking new people?"),
        choices=Opportunity.Vacancies.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select whether you are taking new people")},
    )

    def fields_layout(self):
        return [Field.radios("vacancies", legend_size=Size.LARGE, legend_tag="h1")]


class ClosureForm(GdsForm):
    submit_label = gettext_lazy("Save")
    closed = forms.ChoiceField(
        label=gettext_lazy("Is it temporarily closed?"),
        choices=[
            ("no", gettext_lazy("No, it is running as usual")),
            ("yes", gettext_lazy("Yes, it is closed for a while")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select whether it is temporarily closed")},
    )
    reopens = forms.CharField(
        label=gettext_lazy("Date it opens again"),
        help_text=gettext_lazy("For example, 6 1 2027 (day, month, year)"),
        required=False,
    )

    def fields_layout(self):
        return [
            Field.radios("closed", legend_size=Size.LARGE, legend_tag="h1"),
            Field.text("reopens", field_width=10),
        ]

    def clean(self):
        data = super().clean()
        if data.get("closed") != "yes":
            data["closed_until"] = None
            return data
        text = (data.get("reopens") or "").strip()
        if not text:
            self.add_error("reopens", gettext("Enter the date it opens again"))
            return data
        parts = re.split(r"[\s/.-]+", text)
        try:
            day = datetime.date(int(parts[2]), int(parts[1]), int(parts[0])) if len(parts) == 3 else None
        except (ValueError, OverflowError):
            day = None
        if day is None:
            self.add_error("reopens", gettext("Enter a real date, like 6 1 2027"))
        elif day <= datetime.date.today():
            self.add_error("reopens", gettext("The date it opens again must be in the future"))
        elif day > datetime.date.today() + datetime.timedelta(days=366):
            self.add_error("reopens", gettext("The date it opens again must be within a year"))
        else:
            data["closed_until"] = day
        return data


class ReportResolveForm(GdsForm):
    submit_label = gettext_lazy("Mark as resolved")
    resolution = forms.CharField(
        label=gettext_lazy("What did you do?"),
        help_text=gettext_lazy("For example, 'Updated the phone number'. The council can read this."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Enter what you did")},
    )


# --- The organisation and its venues -------------------------------------------------------------
class ProviderDetailsForm(forms.ModelForm):
    class Meta:
        from .models import Provider

        model = Provider
        fields = [
            "description",
            "email",
            "phone",
            "website",
            "charity_number",
            "dbs_checked_on",
            "references_available",
        ]
        labels = {
            "description": gettext_lazy("About your organisation"),
            "email": gettext_lazy("Email address for the public"),
            "phone": gettext_lazy("Phone number for the public"),
            "website": gettext_lazy("Website (optional)"),
            "charity_number": gettext_lazy("Registered charity number (optional)"),
            "dbs_checked_on": gettext_lazy("Date of your latest DBS check"),
            "references_available": gettext_lazy("I can give references"),
        }
        error_messages = {
            "email": {
                "invalid": gettext_lazy("Enter an email address in the correct format, like name@example.com")
            },
            "website": {
                "invalid": gettext_lazy(
                    "Enter a web address in the correct format, like https://www.example.org"
                )
            },
            "dbs_checked_on": {"invalid": gettext_lazy("Enter a real date, like 27 3 2026")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].assume_scheme = "https"
        self.fields["dbs_checked_on"].input_formats = ["%d %m %Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
        self.fields["dbs_checked_on"].help_text = gettext(
            "For example, 27 3 2026. The council may ask to see it."
        )
        if not self.instance.is_personal_assistant:
            del self.fields["dbs_checked_on"]
            del self.fields["references_available"]
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form>
        layout = [
            Field.textarea("description", rows=6),
            Field.text("email", field_width=20),
            Field.text("phone", field_width=10),
            Field.text("website", field_width=20),
            Field.text("charity_number", field_width=10),
        ]
        if self.instance.is_personal_assistant:
            layout += [Field.text("dbs_checked_on", field_width=10), Field.checkbox("references_available")]
        self.helper.layout = Layout(*layout, Button("submit", gettext("Save details")))

    def clean_dbs_checked_on(self):
        day = self.cleaned_data.get("dbs_checked_on")
        if day and day > datetime.date.today():
            raise forms.ValidationError(gettext("The date of your DBS check must be today or in the past"))
        return day


class VenueForm(forms.ModelForm):
    features = forms.MultipleChoiceField(
        label=gettext_lazy("Access at this venue"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Venue
        fields = ["name", "address_line_1", "address_line_2", "town", "postcode"]
        labels = {
            "name": gettext_lazy("Name of the venue"),
            "address_line_1": gettext_lazy("Address line 1"),
            "address_line_2": gettext_lazy("Address line 2 (optional)"),
            "town": gettext_lazy("Town or city"),
            "postcode": gettext_lazy("Postcode"),
        }
        error_messages = {
            "name": {"required": gettext_lazy("Enter the name of the venue")},
            "address_line_1": {"required": gettext_lazy("Enter the first line of the address")},
            "town": {"required": gettext_lazy("Enter the town or city")},
            "postcode": {"required": gettext_lazy("Enter the postcode")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["features"].choices = list(
            Feature.objects.filter(category__in=["access", "travel"]).values_list("slug", "name")
        )
        if self.instance.pk:
            self.initial["features"] = list(self.instance.features.values_list("slug", flat=True))
        self.place = None
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form>
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("address_line_1"),
            Field.text("address_line_2"),
            Field.text("town", field_width=20),
            Field.text("postcode", field_width=10),
            Field.checkboxes("features", small=True, legend_size=Size.MEDIUM),
            Button("submit", gettext("Save venue")),
        )

    def clean_postcode(self):
        from places.postcodes import normalise_postcode
        from places.services import place_for_postcode

        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode is None:
            raise forms.ValidationError(gettext("Enter a full postcode, like B13 8JP"))
        self.place = place_for_postcode(postcode)
        if self.place is None:
            raise forms.ValidationError(gettext("We could not find that postcode. Check it and try again"))
        return postcode
