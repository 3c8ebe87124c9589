from decimal import Decimal

from django import forms
from django.utils.translation import gettext, gettext_lazy

from places.services import place_for_postcode

from .terms import search_terms

DAYS = [
    ("mon", gettext_lazy("Monday")),
    ("tue", gettext_lazy("Tuesday")),
    ("wed", gettext_lazy("Wednesday")),
    ("thu", gettext_lazy("Thursday")),
    ("fri", gettext_lazy("Friday")),
    ("sat", gettext_lazy("Saturday")),
    ("sun", gettext_lazy("Sunday")),
]
TIMES = [
    ("morning", gettext_lazy("Morning (before midday)")),
    ("afternoon", gettext_lazy("Afternoon (midday to 5pm)")),
    ("evening", gettext_lazy("Evening (after 5pm)")),
]
DELIVERY = [
    ("venue", gettext_lazy("At a venue")),
    ("community", gettext_lazy("Out in the community")),
    ("home", gettext_lazy("At home")),
    ("online", gettext_lazy("Online")),
]
DISTANCES = [
    ("", gettext_lazy("Any distance")),
    ("1", gettext_lazy("1 mile")),
    ("2", gettext_lazy("2 miles")),
    ("3", gettext_lazy("3 miles")),
    ("5", gettext_lazy("5 miles")),
    ("10", gettext_lazy("10 miles")),
]
SORTS = [
    ("relevance", gettext_lazy("Best match")),
    ("distance", gettext_lazy("Nearest first")),
    ("name", gettext_lazy("Name (A to Z)")),
    ("updated", gettext_lazy("Recently updated")),
]
# Which of the council's lists each repeatable parameter draws from.
TERM_FIELDS = {"ward": "wards", "constituency": "constituencies", "interest": "interests",
               "access": "features", "group": "groups", "payment": "payments"}  # fmt: skip
MAX_QUERY_LENGTH = 200
MIN_MILES = Decimal("0.1")
MAX_MILES = 50


class KnownValuesField(forms.MultipleChoiceField):
    """Repeatable GET parameter. Unknown values are set aside (and reported) rather than
    failing the whole search: a shared link keeps working after a term is renamed."""

    def valid_value(self, value):
        return True

    def clean(self, value):
        values = super().clean(value)
        known = {str(key) for key, _ in self.choices}
        # De-duplicate, keep order.
        return list(dict.fromkeys(v for v in values if v in known)), [v for v in values if v not in known]


class SearchForm(forms.Form):
    """The public search URL contract: every filter is a GET parameter (see README)."""

    q = forms.CharField(required=False, label=gettext_lazy("Search words"), strip=True)
    postcode = forms.CharField(required=False, label=gettext_lazy("Postcode"), max_length=40)
    distance = forms.CharField(required=False, label=gettext_lazy("Distance"))
    ward = KnownValuesField(required=False, label=gettext_lazy("Ward"))
    constituency = KnownValuesField(required=False, label=gettext_lazy("Area (constituency)"))
    interest = KnownValuesField(required=False, label=gettext_lazy("What you enjoy"))
    access = KnownValuesField(required=False, label=gettext_lazy("Access and support you need"))
    group = KnownValuesField(required=False, label=gettext_lazy("Who it is for"))
    payment = KnownValuesField(required=False, label=gettext_lazy("Ways to pay"))
    free = forms.BooleanField(required=False, label=gettext_lazy("Free only"))
    max_cost = forms.CharField(
        required=False, label=gettext_lazy("Most you want to pay for a session, in pounds")
    )
    day = KnownValuesField(required=False, label=gettext_lazy("Days"), choices=DAYS)
    time = KnownValuesField(required=False, label=gettext_lazy("Time of day"), choices=TIMES)
    age = forms.CharField(required=False, label=gettext_lazy("Age of the person"))
    delivery = KnownValuesField(required=False, label=gettext_lazy("Where it happens"), choices=DELIVERY)
    vacancies = forms.BooleanField(required=False, label=gettext_lazy("Only places taking new people"))
    pa = forms.BooleanField(required=False, label=gettext_lazy("Only Personal Assistants"))
    sort = forms.CharField(required=False, label=gettext_lazy("Sort by"))

    UNKNOWN_MESSAGES = {
        "ward": gettext_lazy("We could not find the ward"),
        "constituency": gettext_lazy("We could not find the area"),
        "interest": gettext_lazy("We could not find the interest"),
        "access": gettext_lazy("We could not find the access need"),
        "group": gettext_lazy("We could not find the group"),
        "payment": gettext_lazy("We could not find the way to pay"),
        "day": gettext_lazy("We did not recognise the day"),
        "time": gettext_lazy("We did not recognise the time of day"),
        "delivery": gettext_lazy("We did not recognise where it happens"),
    }

    def __init__(self, data=None, terms=None, **kwargs):
        super().__init__(data, **kwargs)
        terms = terms or search_terms()
        for field, kind in TERM_FIELDS.items():
            self.fields[field].choices = [(t.slug, t.name) for t in getattr(terms, kind)]
        self.place = None

    # Each clean_x either returns a value or raises a GOV.UK-worded error for that field; a
    # field with an error is left out of the search, and the rest of the search still runs.
    def clean_q(self):
        q = self.cleaned_data["q"]
        if len(q) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                gettext("Search words must be %(MAX_QUERY_LENGTH)s characters or fewer")
                % {"MAX_QUERY_LENGTH": MAX_QUERY_LENGTH}
            )
        return q

    def clean_postcode(self):
        text = self.cleaned_data["postcode"].strip()
        if not text:
            return ""
        place = place_for_postcode(text)
        if place is None:
            raise forms.ValidationError(
                gettext("Enter a real postcode, like B13 8JP, or the first part, like B13")
            )
        self.place = place
        return place.postcode

    def clean_distance(self):
        text = self.cleaned_data["distance"].strip()
        if not text:
            return None
        try:
            miles = Decimal(text)
        except ArithmeticError:
            raise forms.ValidationError(gettext("Distance must be a number of miles, like 3")) from None
        if not miles.is_finite() or miles < MIN_MILES or miles > MAX_MILES:
            raise forms.ValidationError(
                gettext("Distance must be between %(MIN_MILES)s and %(MAX_MILES)s miles")
                % {"MIN_MILES": MIN_MILES, "MAX_MILES": MAX_MILES}
            )
        return float(miles)

    def clean_sort(self):
        # An unknown order is not worth an error: the page simply uses its usual order.
        sort = self.cleaned_data["sort"]
        return sort if sort in dict(SORTS) else ""

    def clean_max_cost(self):
        text = self.cleaned_data["max_cost"].strip().lstrip("£")
        if not text:
            return None
        try:
            pounds = Decimal(text)
        except ArithmeticError:
            raise forms.ValidationError(
                gettext("The most you want to pay must be an amount in pounds, like 10")
            ) from None
        if not pounds.is_finite() or pounds < 0 or pounds > 10_000:
            raise forms.ValidationError(gettext("The most you want to pay must be between £0 and £10,000"))
        return pounds.quantize(Decimal("0.01"))

    def clean_age(self):
        text = self.cleaned_data["age"].strip()
        if not text:
            return None
        if not text.isdecimal() or len(text) > 3 or not 0 < int(text) <= 120:
            raise forms.ValidationError(gettext("Age must be a whole number of years, like 34"))
        return int(text)

    def clean(self):
        cleaned = super().clean()
        self.unknown_values = {}
        for name in self.UNKNOWN_MESSAGES:
            if name in cleaned:
                cleaned[name], unknown = cleaned[name]
                if unknown:
                    self.unknown_values[name] = unknown
        if cleaned.get("distance") and not cleaned.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", gettext("Enter a postcode to search by distance"))
        return cleaned

    def messages(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary: errors, then values set aside."""
        found = [(name, str(error)) for name, errors in self.errors.items() for error in errors]
        for name, values in self.unknown_values.items():
            shown = ", ".join(gettext("‘%(v)s’") % {"v": v[:40]} for v in values[:3])
            found.append((name, f"{self.UNKNOWN_MESSAGES[name]} {shown}. We have searched without it."))
        return found


class ListingReportForm(forms.ModelForm):
    """'Report a problem with this listing', from the public detail page."""

    MAX_DETAILS = 2000

    class Meta:
        from .models import ListingReport

        model = ListingReport
        fields = ["problem", "details", "email"]
        widgets = {"problem": forms.RadioSelect}
        labels = {
            "problem": gettext_lazy("What is wrong?"),
            "details": gettext_lazy("Tell us more"),
            "email": gettext_lazy("Your email address (optional)"),
        }
        help_texts = {
            "details": gettext_lazy(
                "For example, the new day or time, or what happened when you phoned. "
                "Do not include anyone's personal or medical details."
            ),
            "email": gettext_lazy("Only if you would like us to tell you what we did. We will not share it."),
        }
        error_messages = {
            "problem": {"required": gettext_lazy("Select what is wrong")},
            "details": {"required": gettext_lazy("Tell us what is wrong")},
            "email": {
                "invalid": gettext_lazy("Enter an email address in the correct format, like name@example.com")
            },
        }

    def __init__(self, *args, **kwargs):
        from crispy_forms_gds.helper import FormHelper
        from crispy_forms_gds.layout import Button, Field, Fieldset, Layout, Size

        super().__init__(*args, **kwargs)
        self.fields["problem"].choices = [c for c in self.fields["problem"].choices if c[0]]
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form>
        self.helper.layout = Layout(
            Fieldset(Field.radios("problem", legend_size=Size.MEDIUM)),
            Field.textarea("details", rows=6, max_characters=self.MAX_DETAILS),
            Field.text("email", field_width=20),
            Button("submit", gettext("Send report")),
        )

    def clean_details(self):
        details = self.cleaned_data["details"].strip()
        if not details:
            raise forms.ValidationError(gettext("Tell us what is wrong"))
        if len(details) > self.MAX_DETAILS:
            raise forms.ValidationError(
                gettext("What is wrong must be %(count)s characters or fewer")
                % {"count": f"{self.MAX_DETAILS:,}"}
            )
        return details
