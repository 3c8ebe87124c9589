"""Provider checks against the council's agreed standards: the list of providers and where each
stands, a provider's checks and their history, and recording a check. For moderators.

The rules are in providers/checks.py; these views only fetch, show and record."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from opportunities.models import Opportunity
from providers import checks as rules
from providers.models import Provider, ProviderCheck

from .forms import ProviderCheckForm
from .permissions import moderator_required

PAGE_SIZE = 100
STATUS_ORDER = [rules.FAILED, rules.EXPIRED, rules.MISSING, rules.EXPIRING, rules.CHECKED]


def kind_from_path(text: str) -> str:
    kind = text.replace("-", "_")
    if kind not in ProviderCheck.Kind.values:
        raise Http404("There is no such standard")
    return kind


def _what_needs_doing(provider, standing) -> list[str]:
    def names(kinds):
        return ", ".join(rules.standard_label(kind, provider) for kind in kinds)

    lines = []
    if standing.failed:
        lines.append(f"Failed: {names(standing.failed)}")
    for kind in standing.expired:
        lines.append(
            f"{rules.standard_label(kind, provider)} ran out on {standing.latest[kind].expires_on:%-d %B %Y}"
        )
    if standing.missing:
        lines.append(f"Not checked yet: {names(standing.missing)}")
    for kind in standing.expiring:
        lines.append(
            f"{rules.standard_label(kind, provider)} runs out on {standing.latest[kind].expires_on:%-d %B %Y}"
        )
    return lines


@require_safe
@moderator_required
def check_list(request):
    """Every provider and where it stands, the most urgent first; filtered by status and name."""
    today = timezone.localdate()
    status = request.GET.get("status", "")
    status = status if status in rules.STATUS_LABELS else ""
    q = request.GET.get("q", "").strip()[:100]
    providers = Provider.objects.only("id", "uuid", "name", "kind")
    if q:
        providers = providers.filter(name__icontains=q)
    providers = list(providers)
    # One query for the latest checks of every provider shown (of all of them when not searching).
    latest = rules.latest_checks([p.pk for p in providers] if q else None)
    rows = [(provider, rules.standing(latest.get(provider.pk, []), today=today)) for provider in providers]
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for _, standing in rows:
        counts[standing.status] += 1
    if status:
        rows = [row for row in rows if row[1].status == status]
    rows.sort(key=lambda row: (STATUS_ORDER.index(row[1].status), row[1].next_expiry or today, row[0].name))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [
            {"provider": provider, "standing": standing, "needs": _what_needs_doing(provider, standing)}
            for provider, standing in page.object_list
        ],
        "status": status,
        "q": q,
        "total": sum(counts.values()),
        "filters": [(key, rules.STATUS_LABELS[key], counts[key]) for key in STATUS_ORDER],
        "warning_days": rules.WARNING_DAYS,
    }
    return render(request, "council/checks_list.html", context)


def _standard_rows(provider, standing, today):
    rows = []
    for kind in rules.STANDARDS:
        check = standing.latest.get(kind)
        if check is None:
            state, tag = "Not checked", "grey"
        elif not rules.check_met(check):
            state, tag = "Failed", "red"
        elif rules.check_lapsed(check, today):
            state, tag = "Ran out", "orange"
        elif rules.check_expiring(check, today):
            state, tag = "Runs out soon", "yellow"
        elif check.outcome == ProviderCheck.Outcome.NOT_NEEDED:
            state, tag = "Not needed", "blue"
        else:
            state, tag = "Passed", "green"
        rows.append({
            "kind": kind,
            "path": kind.replace("_", "-"),
            "label": rules.standard_label(kind, provider),
            "check": check,
            "state": state,
            "tag": tag,
        })  # fmt: skip
    return rows


@require_safe
@moderator_required
def provider_checks(request, uuid):
    provider = get_object_or_404(Provider, uuid=uuid)
    today = timezone.localdate()
    history = list(provider.checks.select_related("checked_by"))
    standing = rules.standing(history, today=today)
    context = {
        "provider": provider,
        "standing": standing,
        "standards": _standard_rows(provider, standing, today),
        "history": history,
        "needs": _what_needs_doing(provider, standing),
        # A hint for the CQC question: its listings say they give personal care.
        "says_personal_care": Opportunity.objects.filter(
            provider=provider, features__slug="personal-care"
        ).exists(),
    }
    return render(request, "council/checks_provider.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@moderator_required
def check_record(request, uuid, kind):
    provider = get_object_or_404(Provider, uuid=uuid)
    kind = kind_from_path(kind)
    form = ProviderCheckForm(request.POST if request.method == "POST" else None, provider=provider, kind=kind)
    if request.method == "POST" and form.is_valid():
        check = rules.provider_check_record(
            provider=provider, kind=kind, by=request.user, data=form.cleaned_data
        )
        label = rules.standard_label(kind, provider)
        messages.success(
            request, f"{label}: “{check.get_outcome_display()}” is recorded for {provider.name}."
        )
        return redirect("council_checks:detail", uuid=provider.uuid)
    context = {
        "provider": provider,
        "form": form,
        "label": rules.standard_label(kind, provider),
        "latest": provider.checks.filter(kind=kind).select_related("checked_by").first(),
    }
    return render(request, "council/checks_record.html", context)
