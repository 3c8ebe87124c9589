"""Enquiries in the provider workspace: read what a person's side sent, and answer it.

An enquiry is reached only through the signed-in user's own providers (`views._provider`), so
another provider's enquiry is a 404. The provider sees the message and the details the person
agreed to share, never the profile; their reply is recorded in the enquiry itself.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from citizens.enquiries import WAITING_FOR_PROVIDER, EnquiryClosed, enquiry_answer, shared_rows
from citizens.enquiry_forms import EnquiryAnswerForm
from citizens.models import Enquiry

from .views import _provider


def sender_words(enquiry: Enquiry) -> str:
    """Who sent it, as far as the provider needs to know: the person, or someone helping them."""
    sender, profile = enquiry.sent_by, enquiry.profile
    if sender is None or profile is None:
        return _("Not known")
    if sender.pk == profile.person_id:
        return _("The person themselves")
    if sender.role == "social_worker":
        return _("Their social worker, with the person’s agreement")
    return _("A carer or family member, with the person’s agreement")


@require_safe
@login_required
@never_cache
def enquiry_list(request, slug):
    provider = _provider(request, slug)
    enquiries = (
        Enquiry.objects.filter(provider=provider)
        .select_related("opportunity")
        .annotate(
            waiting=Case(
                When(WAITING_FOR_PROVIDER, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("waiting", "-sent_at", "-id")
    )
    return render(request, "providers/enquiry_list.html", {"provider": provider, "enquiries": enquiries})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@never_cache
def enquiry_detail(request, slug, enquiry_id):
    provider = _provider(request, slug)
    enquiry = get_object_or_404(
        Enquiry.objects.filter(provider=provider).select_related(
            "opportunity", "profile", "sent_by", "answered_by"
        ),
        pk=enquiry_id,
    )
    can_answer = enquiry.profile_id is not None and enquiry.answered_at is None
    form = EnquiryAnswerForm(request.POST or None) if can_answer else None
    if request.method == "POST":
        if form is None:
            messages.info(request, _("This enquiry cannot be answered now."))
            return redirect("providers:enquiry", slug=slug, enquiry_id=enquiry.pk)
        if form.is_valid():
            try:
                enquiry_answer(
                    enquiry=enquiry,
                    by=request.user,
                    reply=form.cleaned_data["reply"],
                    suitable=form.cleaned_data["suitable"] == "yes",
                )
            except EnquiryClosed as closed:
                messages.info(
                    request, _("Your reply was not sent: %(lower)s.") % {"lower": str(closed).lower()}
                )
            else:
                messages.success(request, _("Your reply is sent. They can read it when they sign in."))
            return redirect("providers:enquiry", slug=slug, enquiry_id=enquiry.pk)
    context = {
        "provider": provider,
        "enquiry": enquiry,
        "shared": shared_rows(enquiry),
        "sender": sender_words(enquiry),
        "form": form,
    }
    return render(request, "providers/enquiry_detail.html", context)
