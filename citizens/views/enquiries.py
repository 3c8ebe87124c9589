"""Enquiries from a person's profile: send one about a listing, read the reply, say how it turned out."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from opportunities.models import Opportunity

from ..access import profile_view, profile_viewed, relation
from ..enquiries import PERSON_STATUSES, enquiry_send, enquiry_status_set, shared_rows
from ..enquiry_forms import EnquiryForm
from ..models import Enquiry

GET_POST = ["GET", "HEAD", "POST"]


@require_safe
@profile_view("enquiries")
def enquiry_list(request, profile):
    enquiries = profile.enquiries.select_related("opportunity", "provider")
    context = {"profile": profile, "enquiries": enquiries, "relation": relation(request.user, profile)}
    return render(request, "citizens/enquiry_list.html", context)


@require_http_methods(GET_POST)
@profile_view("new enquiry")
def enquiry_new(request, profile, opportunity_id):
    opportunity = get_object_or_404(
        Opportunity.objects.listed().select_related("provider"), pk=opportunity_id
    )
    how = relation(request.user, profile)
    form = EnquiryForm(
        request.POST or None, profile=profile, provider=opportunity.provider, user=request.user, relation=how
    )
    if request.method == "POST":
        if form.is_valid():
            enquiry = enquiry_send(
                profile=profile,
                opportunity=opportunity,
                by=request.user,
                message=form.cleaned_data["message"],
                share=form.cleaned_data["share"],
                consent=form.cleaned_data["consent"],
            )
            messages.success(
                request, _("Your enquiry is sent to %(name)s.") % {"name": opportunity.provider.name}
            )
            return redirect("citizens:enquiry", profile_uuid=profile.uuid, enquiry_id=enquiry.pk)
        profile_viewed(request, profile, "new enquiry")
    earlier = profile.enquiries.filter(opportunity=opportunity).first()
    context = {
        "profile": profile,
        "opportunity": opportunity,
        "form": form,
        "relation": how,
        "earlier": earlier,
    }
    return render(request, "citizens/enquiry_form.html", context)


@require_http_methods(GET_POST)
@profile_view("enquiry")
def enquiry_detail(request, profile, enquiry_id):
    enquiry = get_object_or_404(
        profile.enquiries.select_related("opportunity", "provider", "sent_by", "answered_by"), pk=enquiry_id
    )
    status_error = ""
    if request.method == "POST":
        status = request.POST.get("status", "")
        if status in PERSON_STATUSES:
            enquiry_status_set(enquiry=enquiry, by=request.user, status=status)
            messages.success(request, _status_saved(enquiry, relation(request.user, profile)))
            return redirect("citizens:enquiry", profile_uuid=profile.uuid, enquiry_id=enquiry.pk)
        status_error = _("Select whether they are starting or it is not suitable")
        profile_viewed(request, profile, "enquiry")
    context = {
        "profile": profile,
        "enquiry": enquiry,
        "shared": shared_rows(enquiry),
        "relation": relation(request.user, profile),
        "listed": Opportunity.objects.listed().filter(pk=enquiry.opportunity_id).exists(),
        "status_error": status_error,
    }
    return render(request, "citizens/enquiry_detail.html", context)


def _status_saved(enquiry: Enquiry, how: str) -> str:
    title = enquiry.opportunity.title
    if enquiry.status == Enquiry.Status.STARTING:
        if how == "person":
            return _("Saved: You are starting %(title)s.") % {"title": title}
        return _("Saved: %(name)s is starting %(title)s.") % {
            "name": enquiry.profile.preferred_name,
            "title": title,
        }
    return _("Saved: %(title)s is not suitable.") % {"title": title}


urlpatterns = [
    path("<uuid:profile_uuid>/enquiries/", enquiry_list, name="enquiries"),
    path("<uuid:profile_uuid>/enquiries/new/<int:opportunity_id>/", enquiry_new, name="enquiry-new"),
    path("<uuid:profile_uuid>/enquiries/<int:enquiry_id>/", enquiry_detail, name="enquiry"),
]
