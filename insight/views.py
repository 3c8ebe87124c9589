"""Commissioning insight (placeholder until built)."""

from django.http import Http404

from council.permissions import commissioning_required


@commissioning_required
def home(request):
    raise Http404("Not built yet")
