"""Commissioning insight: the front page, one view for every page of figures, each figure's CSV,
and the market position statement. Officer data: every answer is marked private to caches."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from council.permissions import commissioning_required

from . import statement as statements
from .figures import Figure
from .pages import PAGES

private = cache_control(private=True)


@require_safe
@private
@commissioning_required
def home(request):
    context = {
        "headlines": statements.headlines(),
        "insight_pages": list(PAGES.items()),
    }
    return render(request, "insight/home.html", context)


@require_safe
@private
@commissioning_required
def page(request, page):
    entry = PAGES.get(page)
    if entry is None:
        raise Http404(_("No such insight page"))
    context = {
        "page": page,
        "title": entry.title,
        "intro": entry.intro,
        "figures": entry(),
        "insight_pages": list(PAGES.items()),
    }
    return render(request, "insight/page.html", context)


@require_safe
@private
@commissioning_required
def figure_csv(request, page, key):
    entry = PAGES.get(page)
    if entry is None:
        raise Http404(_("No such insight page"))
    figure = entry.figure(key)
    if figure is None:
        raise Http404(_("No such table"))
    return figure.csv_response(f"daywell-{page}")


@require_safe
@private
@commissioning_required
def statement(request):
    context = {
        "statement": statements.market_position(),
        "made": timezone.localtime(),
        "insight_pages": list(PAGES.items()),
    }
    return render(request, "insight/statement.html", context)


@require_safe
@private
@commissioning_required
def statement_csv(request):
    findings = statements.market_position()
    figure = Figure(
        "findings",
        _("Market position statement"),
        [_("Section"), _("Finding")],
        [[section.title, sentence] for section in findings.sections for sentence in section.sentences],
        chart="none",
    )
    return figure.csv_response("daywell-market-position-statement")
