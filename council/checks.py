"""Provider checks against the council's agreed standards (placeholder until built)."""

from django.http import Http404

from .permissions import moderator_required


@moderator_required
def check_list(request):
    raise Http404("Not built yet")
