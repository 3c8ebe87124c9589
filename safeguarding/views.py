"""Concerns about adults (placeholder until built)."""

from django.http import Http404

from council.permissions import safeguarding_required


def report(request):
    raise Http404("Not built yet")


@safeguarding_required
def queue(request):
    raise Http404("Not built yet")
