"""The benchmark's URLs: the real site's, plus one trivial view for the framework floor.

Used only by bench/run.py (through override_settings(ROOT_URLCONF="bench.urls")), so the site
itself is unchanged."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from daywell.urls import handler404, handler500
from daywell.urls import urlpatterns as site_urlpatterns

TRIVIAL_PATH = "/__bench__/trivial/"


@require_safe
def trivial(request):
    """The least a request can cost: the same middleware and client, no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(TRIVIAL_PATH.strip("/") + "/", trivial, name="bench-trivial"), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
