"""Information and advice pages (placeholder until built)."""

from django.http import Http404

from council.permissions import moderator_required


def index(request):
    raise Http404("Not built yet")


@moderator_required
def council_list(request):
    raise Http404("Not built yet")
