"""The profile itself: the list of people a user acts for, starting a profile, its parts, carers,
handing over, the access log, and the person's own data (read, download, delete)."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from ..access import profile_view, profile_viewed, relation, require_relation
from ..export import export_readable, free_times_text, profile_export
from ..forms import SECTIONS, CarerAddForm, DeleteForm, HandOverForm, NewProfileForm, OwnAccountForm
from ..models import CarerLink, CitizenProfile, ProfileAccess
from ..services import (
    carer_link_add,
    carer_link_end,
    profile_access_record,
    profile_create,
    profile_delete,
    profile_hand_over,
    profile_person_link,
    profile_section_save,
)

SECTION_NAMES = list(SECTIONS)


def _data(request):
    """The posted answers, or None to show an empty form (an empty POST is still a POST)."""
    return request.POST if request.method == "POST" else None


@login_required
@never_cache
def people_list(request):
    """Everyone this user acts for: their own profile, the people they care for, their caseload."""
    user = request.user
    own = CitizenProfile.objects.filter(person=user).first()
    cared_for = CitizenProfile.objects.filter(
        carer_links__carer=user, carer_links__ended_at__isnull=True
    ).select_related("ward")
    caseload = CitizenProfile.objects.filter(social_worker=user).select_related("ward")
    team = []
    if user.role == "social_worker":
        # Colleagues' caseloads as counts only: another worker's people are not theirs to see.
        team = (
            get_user_model()
            .objects.filter(role="social_worker", is_active=True)
            .annotate(people=Count("caseload"))
            .order_by("full_name", "email")
        )
    return render(
        request,
        "citizens/people_list.html",
        {
            "own": own,
            "cared_for": cared_for,
            "caseload": caseload,
            "team": team,
            "can_start_own": own is None and user.role == "citizen",
            "can_start_other": user.role in ("social_worker", "carer"),
        },
    )


@login_required
@sensitive_post_parameters()
@never_cache
def profile_new(request):
    user = request.user
    for_self = user.role == "citizen"
    if for_self and CitizenProfile.objects.filter(person=user).exists():
        messages.info(request, _("You already have a profile."))
        return redirect("citizens:list")
    if user.role not in ("citizen", "carer", "social_worker"):
        raise PermissionDenied
    as_carer = user.role == "carer"
    form = NewProfileForm(_data(request), as_carer=as_carer, for_self=for_self)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consent = (
            {key: data[key] for key in ("consent_given_by", "consent_method", "consent_given_on")}
            if as_carer
            else None
        )
        profile = profile_create(
            by=user, preferred_name=data["preferred_name"].strip(), for_self=for_self, consent=consent
        )
        return redirect(f"{_section_url(profile, 'about')}?new=1")
    return render(request, "citizens/profile_new.html", {"form": form, "for_self": for_self})


def _section_url(profile, section):
    return reverse("citizens:section", args=[profile.uuid, section])


@profile_view("profile")
def profile_detail(request, profile):
    links = profile.carer_links.filter(ended_at__isnull=True).select_related("carer")
    return render(
        request,
        "citizens/profile_detail.html",
        {
            "profile": profile,
            "relation": relation(request.user, profile),
            "interests": profile.interests.all(),
            "needs": profile.needs.all(),
            "audiences": profile.audiences.all(),
            "free": free_times_text(profile.free_slots),
            "travel": [CitizenProfile.Travel(t).label for t in profile.travel],
            "carers": links,
            "sections": SECTIONS,
        },
    )


@profile_view("profile")
def profile_section(request, profile, section):
    if section not in SECTIONS:
        raise Http404(_("No such part of the profile"))
    form_class = SECTIONS[section]
    first_pass = request.GET.get("new") == "1"
    form = form_class(_data(request), profile=profile)
    if request.method == "POST":
        if form.is_valid():
            with translation.override(settings.LANGUAGE_CODE):  # the log is kept in one language
                detail = str(form_class.title).lower()
            profile_section_save(profile=profile, by=request.user, form=form, detail=detail)
            position = SECTION_NAMES.index(section)
            if first_pass and position + 1 < len(SECTION_NAMES):
                return redirect(f"{_section_url(profile, SECTION_NAMES[position + 1])}?new=1")
            if first_pass:
                messages.success(
                    request,
                    _("%(preferred_name)s’s profile is ready.") % {"preferred_name": profile.preferred_name},
                )
            else:
                messages.success(request, _("%(title)s saved.") % {"title": form_class.title})
            return redirect("citizens:profile", profile_uuid=profile.uuid)
        profile_viewed(request, profile, "profile")
    position = SECTION_NAMES.index(section)
    return render(
        request,
        "citizens/profile_section.html",
        {
            "profile": profile,
            "form": form,
            "title": form_class.title,
            "first_pass": first_pass,
            "step": position + 1,
            "steps": len(SECTION_NAMES),
            "is_last": position + 1 == len(SECTION_NAMES),
        },
    )


@profile_view("carers")
def carers(request, profile):
    """The carers who may act for the person, with the consent behind each link. The person and
    their social worker add carers; anyone linked can see who else is."""
    can_add = relation(request.user, profile) in ("person", "social_worker")
    form = CarerAddForm(_data(request), profile=profile) if can_add else None
    if request.method == "POST":
        if form is None:
            require_relation(request.user, profile, "person", "social_worker")
        if form.is_valid():
            data = form.cleaned_data
            try:
                carer_link_add(
                    profile=profile,
                    carer=form.carer,
                    by=request.user,
                    consent_given_by=data["consent_given_by"].strip(),
                    consent_method=data["consent_method"],
                    consent_given_on=data["consent_given_on"],
                )
            except IntegrityError:  # the same carer linked a moment ago (a double submit)
                messages.info(request, _("%(carer)s is already linked.") % {"carer": form.carer})
                return redirect("citizens:carers", profile_uuid=profile.uuid)
            messages.success(
                request,
                _("%(carer)s can now act for %(preferred_name)s.")
                % {"carer": form.carer, "preferred_name": profile.preferred_name},
            )
            return redirect("citizens:carers", profile_uuid=profile.uuid)
        profile_viewed(request, profile, "carers")
    links = profile.carer_links.select_related("carer", "recorded_by", "ended_by")
    return render(
        request,
        "citizens/carers.html",
        {
            "profile": profile,
            "live": [link for link in links if link.ended_at is None],
            "ended": [link for link in links if link.ended_at is not None],
            "form": form,
            "relation": relation(request.user, profile),
        },
    )


@profile_view("carers")
def carer_end(request, profile, link_id):
    """The person (or their social worker) ends a carer's link; a carer may end their own."""
    link = get_object_or_404(CarerLink, pk=link_id, profile=profile, ended_at__isnull=True)
    if relation(request.user, profile) == "carer" and link.carer_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        carer_link_end(link=link, by=request.user)
        if link.carer_id == request.user.pk:
            messages.success(
                request,
                _("You can no longer see %(preferred_name)s’s profile.")
                % {"preferred_name": profile.preferred_name},
            )
            return redirect("citizens:list")
        messages.success(
            request,
            _("%(carer)s can no longer see %(preferred_name)s’s profile.")
            % {"carer": link.carer, "preferred_name": profile.preferred_name},
        )
        return redirect("citizens:carers", profile_uuid=profile.uuid)
    return render(request, "citizens/carer_end.html", {"profile": profile, "link": link})


@profile_view("hand over")
def hand_over(request, profile):
    require_relation(request.user, profile, "social_worker")
    form = HandOverForm(_data(request), by=request.user)
    if request.method == "POST":
        if form.is_valid():
            colleague = form.cleaned_data["to"]
            profile_hand_over(profile=profile, by=request.user, to=colleague)
            messages.success(
                request,
                _("%(preferred_name)s’s profile is now with %(colleague)s.")
                % {"preferred_name": profile.preferred_name, "colleague": colleague},
            )
            return redirect("citizens:list")
        profile_viewed(request, profile, "hand over")
    return render(request, "citizens/hand_over.html", {"profile": profile, "form": form})


@profile_view("own account")
def own_account(request, profile):
    """The allocated social worker links the person's own account to the profile."""
    require_relation(request.user, profile, "social_worker")
    if profile.person_id is not None:
        messages.info(
            request,
            _("%(preferred_name)s can already see their profile.")
            % {"preferred_name": profile.preferred_name},
        )
        return redirect("citizens:profile", profile_uuid=profile.uuid)
    form = OwnAccountForm(_data(request))
    if request.method == "POST":
        if form.is_valid():
            try:
                profile_person_link(profile=profile, by=request.user, person=form.person)
            except IntegrityError:  # that account got a profile a moment ago
                form.add_error("email", _("This account already has a profile"))
            else:
                messages.success(
                    request,
                    _("%(preferred_name)s can now see their profile.")
                    % {"preferred_name": profile.preferred_name},
                )
                return redirect("citizens:profile", profile_uuid=profile.uuid)
        profile_viewed(request, profile, "own account")
    return render(request, "citizens/own_account.html", {"profile": profile, "form": form})


@profile_view("access log")
def access_log(request, profile):
    accesses = profile.accesses.select_related("user")
    page = Paginator(accesses, 50).get_page(request.GET.get("page"))
    return render(request, "citizens/access_log.html", {"profile": profile, "page": page})


@profile_view("your data")
def your_data(request, profile):
    return render(
        request,
        "citizens/your_data.html",
        {"profile": profile, "groups": export_readable(profile_export(profile))},
    )


@profile_view("your data download")
def your_data_json(request, profile):
    profile_access_record(
        profile=profile, user=request.user, action=ProfileAccess.Action.DOWNLOADED, detail="your data"
    )
    # default=str: the names of choices are translatable text, written out in the active language
    body = json.dumps(profile_export(profile), indent=2, ensure_ascii=False, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="daywell-profile.json"'
    return response


@profile_view("delete profile")
def profile_delete_view(request, profile):
    """The person, or their social worker on the person's request, deletes the profile."""
    require_relation(request.user, profile, "person", "social_worker")
    form = DeleteForm(_data(request))
    if request.method == "POST":
        if form.is_valid():
            name = profile.preferred_name
            profile_delete(profile=profile, by=request.user)
            # The deleting user's search for the person goes too (see person_search).
            searches = request.session.get("person_search", {})
            if searches.pop(str(profile.uuid), None) is not None:
                request.session["person_search"] = searches
            messages.success(request, _("%(name)s’s profile is deleted.") % {"name": name})
            return redirect("citizens:list")
        profile_viewed(request, profile, "delete profile")
    return render(request, "citizens/profile_delete.html", {"profile": profile, "form": form})


urlpatterns = [
    path("", people_list, name="list"),
    path("new/", profile_new, name="new"),
    path("<uuid:profile_uuid>/", profile_detail, name="profile"),
    path("<uuid:profile_uuid>/change/<slug:section>/", profile_section, name="section"),
    path("<uuid:profile_uuid>/carers/", carers, name="carers"),
    path("<uuid:profile_uuid>/carers/<int:link_id>/end/", carer_end, name="carer-end"),
    path("<uuid:profile_uuid>/hand-over/", hand_over, name="hand-over"),
    path("<uuid:profile_uuid>/own-account/", own_account, name="own-account"),
    path("<uuid:profile_uuid>/access-log/", access_log, name="access-log"),
    path("<uuid:profile_uuid>/your-data/", your_data, name="your-data"),
    path("<uuid:profile_uuid>/your-data.json", your_data_json, name="your-data-json"),
    path("<uuid:profile_uuid>/delete/", profile_delete_view, name="delete"),
]
