"""The GOV.UK form for recording how things are going against the four "good day" questions."""

import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Size
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from providers.listing_forms import GdsBoundField

from .models import Review

MAX_NOTES = 2000
EARLIEST = datetime.date(2000, 1, 1)
PARTS = ("day", "month", "year")

# The four questions in plain words: (field, asked of the person, asked about them, hint, error).
QUESTIONS = [
    (
        "purpose",
        gettext_lazy("Do you do things that give your day a purpose?"),
        gettext_lazy("Does {name} do things that give their day a purpose?"),
        gettext_lazy("For example, work, volunteering, learning or helping other people."),
        gettext_lazy("Select an answer about doing things that give the day a purpose"),
    ),
    (
        "ordinary_places",
        gettext_lazy("Do you spend time in ordinary places, like everyone else?"),
        gettext_lazy("Does {name} spend time in ordinary places, like everyone else?"),
        gettext_lazy("For example, a café, a library, a park or a sports centre."),
        gettext_lazy("Select an answer about spending time in ordinary places"),
    ),
    (
        "right_support",
        gettext_lazy("Do you have the right support to do what you want?"),
        gettext_lazy("Does {name} have the right support to do what they want?"),
        gettext_lazy("Support that suits them: not too much and not too little."),
        gettext_lazy("Select an answer about having the right support"),
    ),
    (
        "meeting_people",
        gettext_lazy("Do you meet people and make friends?"),
        gettext_lazy("Does {name} meet people and make friends?"),
        gettext_lazy("For example, people who live nearby, or people who like the same things."),
        gettext_lazy("Select an answer about meeting people and making friends"),
    ),
]


class DateInput(DateInputWidget):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for widget in self.widgets:
            widget.attrs["inputmode"] = "numeric"
        self.widgets[0].attrs["autocomplete"] = "off"

    def mark_errors(self, parts):
        for i, widget in enumerate(self.widgets):
            classes = widget.attrs["class"].replace(" govuk-input--error", "")
            widget.attrs["class"] = classes + (" govuk-input--error" if i in parts else "")


# The context of a date's name as the subject of its error messages (see GdsDateField).
SUBJECT = "a date as the subject of an error message"
# The GOV.UK message for the boxes left empty (by their positions: 0 day, 1 month, 2 year), each a
# whole sentence for translators rather than the parts' names joined with "and".
MISSING_PARTS = {
    # Translators: %(what)s is a date's name, for example "The date of the review".
    (0,): gettext_lazy("%(what)s must include a day"),
    (1,): gettext_lazy("%(what)s must include a month"),
    (2,): gettext_lazy("%(what)s must include a year"),
    (0, 1): gettext_lazy("%(what)s must include a day and month"),
    (0, 2): gettext_lazy("%(what)s must include a day and year"),
    (1, 2): gettext_lazy("%(what)s must include a month and year"),
}


class GdsDateField(forms.MultiValueField):
    """The GOV.UK date input: day, month and year boxes, with the GOV.UK error messages. The error is
    hung on the first box that needs fixing (crispy-forms-gds links the error summary to it).

    The messages are patterns that a handful of date fields share, each naming its date in two marked
    forms: `what` after a verb ("Enter %(what)s": "the date of the review") and `subject` as the
    subject of the other messages ("%(what)s must be a real date": "The date of the review"), so a
    translator can word each form to suit where their language puts it."""

    widget = DateInput

    def __init__(self, *, what: str, subject: str, **kwargs):
        self.what = what
        self.subject = subject
        fields = [forms.CharField(required=False) for _ in PARTS]
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        return data_list

    def _error(self, message: str, parts):
        for i, field in enumerate(self.fields):
            field.widget.errors = [message] if i == min(parts) else []
        self.widget.mark_errors(parts)
        return forms.ValidationError(message)

    def clean(self, value):
        for field in self.fields:
            field.widget.errors = []
        self.widget.mark_errors(())
        texts = [str(v or "").strip() for v in (value or [])] + [""] * 3
        texts = texts[:3]
        missing = [i for i, text in enumerate(texts) if not text]
        if len(missing) == 3:
            raise self._error(gettext("Enter %(what)s") % {"what": self.what}, (0, 1, 2))
        subject = {"what": self.subject}
        if missing:
            raise self._error(MISSING_PARTS[tuple(missing)] % subject, missing)
        if not all(text.isdecimal() and len(text) <= 4 for text in texts):
            # Translators: %(what)s is a date's name, for example "The date of the review".
            raise self._error(gettext("%(what)s must be a real date") % subject, (0, 1, 2))
        if len(texts[2]) != 4:
            raise self._error(gettext("Year must include 4 numbers"), (2,))
        day, month, year = (int(text) for text in texts)
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            raise self._error(gettext("%(what)s must be a real date") % subject, (0, 1, 2)) from None
        if date > timezone.localdate():
            raise self._error(gettext("%(what)s must be today or in the past") % subject, (0, 1, 2))
        if date < EARLIEST:
            raise self._error(
                gettext("%(what)s must be in %(year)s or later") % {**subject, "year": EARLIEST.year}, (2,)
            )
        return date


class ReviewForm(forms.Form):
    bound_field_class = GdsBoundField

    reviewed_on = GdsDateField(
        what=gettext_lazy("the date of the review"),
        subject=pgettext_lazy(SUBJECT, "The date of the review"),
        label=gettext_lazy("Date of the review"),
        help_text=gettext_lazy("For example, 27 3 2026"),
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, profile, relation: str, **kwargs):
        kwargs.setdefault("initial", {"reviewed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        for name, to_person, about_person, hint, error in QUESTIONS:
            self.fields[name] = forms.TypedChoiceField(
                label=to_person if relation == "person" else about_person.format(name=profile.preferred_name),
                help_text=hint,
                choices=Review.Score.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": error, "invalid_choice": error},
            )
        self.fields["notes"].help_text = (
            gettext(
                "What is going well, what could be better, and anything to try next. Use plain words: "
                "you can read this."
            )
            if relation == "person"
            else gettext(
                "What is going well, what could be better, and anything to try next. Use plain words: "
                "%(name)s can read this."
            )
            % {"name": profile.preferred_name}
        )
        self.order_fields(["reviewed_on", *(q[0] for q in QUESTIONS), "notes"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("reviewed_on", context={"legend_size": Size.for_legend(Size.MEDIUM)}),
            HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', gettext("How are things going?"))),
            *(Field.radios(q[0], legend_size=Size.SMALL) for q in QUESTIONS),
            Field.textarea("notes", label_size=Size.MEDIUM, rows=5, max_characters=MAX_NOTES),
        )

    def clean_notes(self):
        notes = self.cleaned_data["notes"].strip()
        if len(notes) > MAX_NOTES:
            raise forms.ValidationError(
                gettext("Notes must be %(count)s characters or fewer") % {"count": f"{MAX_NOTES:,}"}
            )
        return notes
