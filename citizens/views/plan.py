"""A person's shortlist and weekly plan: the timetable, its print and Easy Read versions, and a
calendar file of it. Everything here acts for one profile, found by `profile_view`."""

from decimal import Decimal, InvalidOperation

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from opportunities.models import Opportunity
from opportunities.templatetags.daywell import clock

from ..access import profile_view, profile_viewed, relation
from ..models import CitizenProfile, PlanEntry, ProfileAccess
from ..plan import (
    DAYS,
    entries_clash,
    ics_calendar,
    listing_when_and_cost,
    part_of_day,
    shortlist_items,
    weekly_plan,
    when_words,
)
from ..services import (
    plan_entry_add,
    plan_entry_remove,
    profile_access_record,
    shortlist_add,
    shortlist_remove,
)
from ..suggestions import Voice


def voice_for(request, profile: CitizenProfile) -> Voice:
    """ "your" when the person reads their own pages; their name for anyone acting for them."""
    return Voice(profile.preferred_name, you=relation(request.user, profile) == "person")


def _safe_next(request) -> str | None:
    """The local page to go back to, when the form named one; never another site."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _published_or_404(opportunity_id) -> Opportunity:
    try:
        pk = int(opportunity_id)
    except (TypeError, ValueError):
        raise Http404(gettext("No such listing")) from None
    return get_object_or_404(Opportunity.objects.published(), pk=pk)


# --- Shortlist -----------------------------------------------------------------------------------
@profile_view("shortlist")
def shortlist(request, profile):
    items = list(shortlist_items(profile))
    planned: dict[int, list[str]] = {}
    for entry in profile.plan_entries.only("opportunity_id", "weekday", "part"):
        planned.setdefault(entry.opportunity_id, []).append(when_words(entry.weekday, entry.part))
    rows = []
    for item in items:
        when, cost = listing_when_and_cost(item.opportunity)
        rows.append(
            {
                "item": item,
                "opportunity": item.opportunity,
                "listed": item.opportunity.is_published,
                "when": when,
                "cost": cost,
                "planned": planned.get(item.opportunity_id, []),
            }
        )
    return render(
        request,
        "citizens/shortlist.html",
        {"profile": profile, "rows": rows, "voice": voice_for(request, profile)},
    )


def _shortlist_add(request, profile):
    opportunity = _published_or_404(request.POST.get("opportunity"))
    _, created = shortlist_add(profile=profile, opportunity=opportunity, by=request.user)
    voice = voice_for(request, profile)
    if created:
        messages.success(
            request,
            voice.says(
                gettext("Added %(title)s to your shortlist"),
                gettext("Added %(title)s to %(name)s’s shortlist"),
                title=opportunity.title,
            ),
        )
    else:
        messages.info(
            request,
            voice.says(
                gettext("%(title)s is already on your shortlist"),
                gettext("%(title)s is already on %(name)s’s shortlist"),
                title=opportunity.title,
            ),
        )
    return redirect(_safe_next(request) or reverse("citizens:shortlist", args=[profile.uuid]))


@require_POST
@profile_view("shortlist")
def shortlist_add_view(request, profile):
    return _shortlist_add(request, profile)


@require_POST
@login_required
def shortlist_add_chosen(request):
    """From a listing page, where the person is chosen in the form rather than in the address."""
    try:
        profile = CitizenProfile.objects.visible_to(request.user).get(uuid=request.POST.get("profile", ""))
    except (CitizenProfile.DoesNotExist, ValueError, forms.ValidationError):
        raise Http404(gettext("No such profile")) from None
    return _shortlist_add(request, profile)


@require_POST
@profile_view("shortlist")
def shortlist_remove_view(request, profile, item_id):
    item = get_object_or_404(profile.shortlist.select_related("opportunity"), pk=item_id)
    title = item.opportunity.title
    shortlist_remove(item=item, by=request.user)
    messages.success(
        request,
        voice_for(request, profile).says(
            gettext("Removed %(title)s from your shortlist"),
            gettext("Removed %(title)s from %(name)s’s shortlist"),
            title=title,
        ),
    )
    return redirect(_safe_next(request) or reverse("citizens:shortlist", args=[profile.uuid]))


# --- Weekly plan ---------------------------------------------------------------------------------
@profile_view("weekly plan")
def plan(request, profile):
    return render(
        request,
        "citizens/plan.html",
        {"profile": profile, "plan": weekly_plan(profile), "voice": voice_for(request, profile)},
    )


@profile_view("weekly plan: print version")
def plan_print(request, profile):
    return render(
        request,
        "citizens/plan_print.html",
        {"profile": profile, "plan": weekly_plan(profile), "voice": voice_for(request, profile)},
    )


@profile_view("weekly plan: Easy Read version")
def plan_easy_read(request, profile):
    social_worker = profile.social_worker if profile.social_worker_id else None
    return render(
        request,
        "citizens/plan_easy_read.html",
        {"profile": profile, "plan": weekly_plan(profile), "social_worker": social_worker},
    )


@profile_view("weekly plan: calendar file")
def plan_ics(request, profile):
    items = weekly_plan(profile).items
    text = ics_calendar(
        items,
        today=timezone.localdate(),
        now=timezone.now(),
        url_for=lambda opportunity: request.build_absolute_uri(opportunity.get_absolute_url()),
    )
    profile_access_record(
        profile=profile,
        user=request.user,
        action=ProfileAccess.Action.DOWNLOADED,
        detail="weekly plan: calendar file",
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="weekly-plan.ics"'
    return response


class PlanAddForm(forms.Form):
    """Which of the listing's weekly sessions; or, when times are agreed with each person, a day and a
    part of the day. Then what it costs a week, filled in from the listing."""

    weekly_cost = forms.CharField(
        label=gettext_lazy("Cost each week, in pounds"),
        required=False,
        max_length=20,
    )

    def __init__(self, *args, opportunity: Opportunity, profile: CitizenProfile, voice: Voice, **kwargs):
        self.opportunity = opportunity
        self.sessions = [] if opportunity.by_arrangement else list(opportunity.sessions.all())
        initial = kwargs.setdefault("initial", {})
        if opportunity.is_free:
            initial.setdefault("weekly_cost", "0")
        elif opportunity.cost_per_session is not None:
            initial.setdefault("weekly_cost", f"{opportunity.cost_per_session:.2f}")
        super().__init__(*args, **kwargs)
        # The GOV.UK form templates (templates/gds) escape labels and hints, so names and titles
        # go into them as plain text.
        if self.sessions:
            planned = list(profile.plan_entries.select_related("opportunity"))
            free = set(profile.free_slots or [])
            choices = []
            for session in self.sessions:
                part = part_of_day(session.start)
                probe = PlanEntry(weekday=session.weekday, part=part, start=session.start, end=session.end)
                clashes = [e.opportunity.title for e in planned if entries_clash(probe, e)]
                hint = ""
                if clashes:
                    hint = voice.says(
                        gettext("Your plan already has %(title)s then"),
                        gettext("%(name)s’s plan already has %(title)s then"),
                        title=clashes[0],
                    )
                elif session.weekday * 3 + part in free:
                    hint = voice.says(
                        gettext("You are usually free then"), gettext("%(name)s is usually free then")
                    )
                label = gettext("%(day)s %(start)s to %(end)s") % {
                    "day": DAYS[session.weekday],
                    "start": clock(session.start),
                    "end": clock(session.end),
                }
                choices.append(Choice(session.pk, label, hint=hint) if hint else (session.pk, label))
            select = voice.says(gettext("Select when you will go"), gettext("Select when %(name)s will go"))
            self.fields["session"] = forms.TypedChoiceField(
                label=voice.says(gettext("When will you go?"), gettext("When will %(name)s go?")),
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": select, "invalid_choice": select},
            )
        else:
            self.fields["weekday"] = forms.TypedChoiceField(
                label=gettext("Which day?"),
                choices=list(enumerate(DAYS)),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": gettext("Select a day"),
                    "invalid_choice": gettext("Select a day"),
                },
            )
            self.fields["part"] = forms.TypedChoiceField(
                label=gettext("Which part of the day?"),
                choices=[(value, label) for value, label in PlanEntry.Part.choices],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": gettext("Select a part of the day"),
                    "invalid_choice": gettext("Select a part of the day"),
                },
            )
        filled = gettext("We have filled in what one session costs, from the listing.")
        if any(cost.unit == "hour" for cost in opportunity.costs.all()) and not self.sessions:
            filled = gettext("The listing charges by the hour, so we have filled in one hour.")
        if not self.initial.get("weekly_cost"):
            filled = gettext("The listing does not say what it costs.")
        change = voice.says(
            gettext("Change it to what you will pay each week."),
            gettext("Change it to what %(name)s will pay each week."),
        )
        self.fields["weekly_cost"].help_text = " ".join(
            [filled, change, gettext("Leave it empty if you do not know yet.")]
        )
        self.order_fields(["session", "weekday", "part", "weekly_cost"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        layout = [Field.radios(name, legend_size=Size.MEDIUM) for name in ("session", "weekday", "part")]
        self.helper.layout = Layout(
            *[f for f in layout if f.fields[0] in self.fields],
            Field.text("weekly_cost", field_width=5, label_size=Size.MEDIUM, inputmode="decimal"),
        )

    def clean_weekly_cost(self) -> Decimal | None:
        text = self.cleaned_data["weekly_cost"].strip().replace("£", "").replace(",", "")
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(gettext("Enter the cost each week in pounds, like 12.50")) from None
        if not amount.is_finite():
            raise forms.ValidationError(gettext("Enter the cost each week in pounds, like 12.50"))
        if amount < 0:
            raise forms.ValidationError(gettext("The cost each week must be £0 or more"))
        if amount >= 100000:
            raise forms.ValidationError(gettext("The cost each week must be less than £100,000"))
        if amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError(gettext("Enter the cost each week in pounds and pence, like 12.50"))
        return amount.quantize(Decimal("0.01"))

    def placement(self) -> dict:
        """Where the entry goes in the timetable: weekday, part and, from a session, its times."""
        data = self.cleaned_data
        if self.sessions:
            session = next(s for s in self.sessions if s.pk == data["session"])
            return {
                "weekday": session.weekday,
                "part": part_of_day(session.start),
                "start": session.start,
                "end": session.end,
            }
        return {"weekday": data["weekday"], "part": data["part"], "start": None, "end": None}


@profile_view("weekly plan")
def plan_add(request, profile, opportunity_id):
    opportunity = get_object_or_404(
        Opportunity.objects.published().select_related("provider").prefetch_related("sessions", "costs"),
        pk=opportunity_id,
    )
    voice = voice_for(request, profile)
    form = PlanAddForm(
        request.POST if request.method == "POST" else None,
        opportunity=opportunity,
        profile=profile,
        voice=voice,
    )
    if request.method == "POST":
        if form.is_valid():
            place = form.placement()
            entry, created = plan_entry_add(
                profile=profile,
                opportunity=opportunity,
                by=request.user,
                weekly_cost=form.cleaned_data["weekly_cost"],
                **place,
            )
            said = {"title": opportunity.title, "when": when_words(entry.weekday, entry.part)}
            if created:
                messages.success(
                    request,
                    voice.says(
                        gettext("Added %(title)s on %(when)s to your weekly plan"),
                        gettext("Added %(title)s on %(when)s to %(name)s’s weekly plan"),
                        **said,
                    ),
                )
            else:
                messages.info(
                    request,
                    voice.says(
                        gettext("%(title)s on %(when)s is already in your weekly plan"),
                        gettext("%(title)s on %(when)s is already in %(name)s’s weekly plan"),
                        **said,
                    ),
                )
            return redirect("citizens:plan", profile.uuid)
        profile_viewed(request, profile, "weekly plan")
    return render(
        request,
        "citizens/plan_add.html",
        {"profile": profile, "opportunity": opportunity, "form": form, "voice": voice},
    )


@require_POST
@profile_view("weekly plan")
def plan_remove(request, profile, entry_id):
    entry = get_object_or_404(profile.plan_entries.select_related("opportunity"), pk=entry_id)
    said = {"title": entry.opportunity.title, "when": when_words(entry.weekday, entry.part)}
    plan_entry_remove(entry=entry, by=request.user)
    messages.success(
        request,
        voice_for(request, profile).says(
            gettext("Removed %(title)s on %(when)s from your weekly plan"),
            gettext("Removed %(title)s on %(when)s from %(name)s’s weekly plan"),
            **said,
        ),
    )
    return redirect("citizens:plan", profile.uuid)


urlpatterns = [
    path("<uuid:profile_uuid>/shortlist/", shortlist, name="shortlist"),
    path("<uuid:profile_uuid>/shortlist/add/", shortlist_add_view, name="shortlist-add"),
    path("shortlist/add/", shortlist_add_chosen, name="shortlist-add-chosen"),
    path(
        "<uuid:profile_uuid>/shortlist/<int:item_id>/remove/", shortlist_remove_view, name="shortlist-remove"
    ),
    path("<uuid:profile_uuid>/plan/", plan, name="plan"),
    path("<uuid:profile_uuid>/plan/add/<int:opportunity_id>/", plan_add, name="plan-add"),
    path("<uuid:profile_uuid>/plan/<int:entry_id>/remove/", plan_remove, name="plan-remove"),
    path("<uuid:profile_uuid>/plan/print/", plan_print, name="plan-print"),
    path("<uuid:profile_uuid>/plan/easy-read/", plan_easy_read, name="plan-easy-read"),
    path("<uuid:profile_uuid>/plan/calendar.ics", plan_ics, name="plan-ics"),
]
