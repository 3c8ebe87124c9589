from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe

from opportunities.models import Interest, Opportunity


@require_safe
def home(request):
    interests = Interest.objects.all()
    published = Opportunity.objects.published().count()
    return render(request, "home.html", {"interests": interests, "published_count": published})


@require_safe
def page(request, template):
    return render(request, template)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without its security token (a page open too long, cookies blocked): a plain page
    that says what to do, instead of Django's technical one."""
    return render(request, "403_csrf.html", status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors or database here: whatever broke may break again.
    return HttpResponseServerError(loader.get_template("500.html").render())
