"""Provider checks against the council's agreed standards: the list of providers and where each
stands, a provider's checks and their history, and recording a check. For moderators.

The rules are in providers/checks.py; these views only fetch, show and record."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from providers import checks as rules
from providers.models import Provider, ProviderCheck

from .forms import ProviderCheckForm
from .permissions import moderator_required

PAGE_SIZE = 100
STATUS_ORDER = [rules.FAILED, rules.EXPIRED, rules.MISSING, rules.EXPIRING, rules.CHECKED]


def kind_from_path(text: str) -> str:
    kind = text.replace("-", "_")
    if kind not in ProviderCheck.Kind.values:
        raise Http404(gettext("There is no such standard"))
    return kind


def _what_needs_doing(provider, standing) -> list[str]:
    def names(kinds):
        return ", ".join(str(rules.standard_label(kind, provider)) for kind in kinds)

    lines = []
    failed = standing.failed
    cqc = standing.latest.get(ProviderCheck.Kind.CQC)
    if ProviderCheck.Kind.CQC in failed and cqc.outcome == ProviderCheck.Outcome.NOT_NEEDED:
        failed = [kind for kind in failed if kind != ProviderCheck.Kind.CQC]
        lines.append(gettext("CQC registration is needed: its listings say they give personal care"))
    if failed:
        lines.append(gettext("Failed: %(failed)s") % {"failed": names(failed)})
    for kind in standing.expired:
        # Translators: for example "DBS checks for staff ran out on 13 December 2026".
        lines.append(
            gettext("%(standard)s ran out on %(date)s")
            % {
                "standard": rules.standard_label(kind, provider),
                "date": date_format(standing.latest[kind].expires_on, "j F Y"),
            }
        )
    if standing.missing:
        lines.append(gettext("Not checked yet: %(missing)s") % {"missing": names(standing.missing)})
    for kind in standing.expiring:
        # Translators: for example "Public liability insurance runs out on 13 December 2026".
        lines.append(
            gettext("%(standard)s runs out on %(date)s")
            % {
                "standard": rules.standard_label(kind, provider),
                "date": date_format(standing.latest[kind].expires_on, "j F Y"),
            }
        )
    return lines


@require_safe
@moderator_required
def check_list(request):
    """Every provider and where it stands, the most urgent first; filtered by status and name.
    Every provider's status is counted in the database; only the page shown is fetched in full."""
    today = timezone.localdate()
    status = request.GET.get("status", "")
    status = status if status in rules.STATUS_LABELS else ""
    # PostgreSQL cannot hold a NUL character: a name never has one.
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    providers = Provider.objects.order_by()
    if q:
        providers = providers.filter(name__icontains=q)
    names = dict(providers.values_list("pk", "name"))
    summaries = rules.summaries(list(names) if q else None, today=today)
    missing = rules.Summary(rules.MISSING)
    rows = [(pk, summaries.get(pk, missing)) for pk in names]
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for _, summary in rows:
        counts[summary.status] += 1
    if status:
        rows = [row for row in rows if row[1].status == status]
    rows.sort(key=lambda row: (STATUS_ORDER.index(row[1].status), row[1].next_expiry or today, names[row[0]]))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [pk for pk, _ in page.object_list]
    in_full = Provider.objects.only("id", "uuid", "name", "kind").in_bulk(shown)
    standings = rules.standings(shown, today=today)
    context = {
        "page": page,
        "rows": [
            {
                "provider": in_full[pk],
                "standing": standings[pk],
                "needs": _what_needs_doing(in_full[pk], standings[pk]),
            }
            for pk in shown
        ],
        "status": status,
        "q": q,
        "total": sum(counts.values()),
        "filters": [(key, rules.STATUS_LABELS[key], counts[key]) for key in STATUS_ORDER],
        "warning_days": rules.WARNING_DAYS,
    }
    return render(request, "council/checks_list.html", context)


def _standard_rows(provider, standing):
    rows = []
    for kind in rules.STANDARDS:
        check = standing.latest.get(kind)
        if check is None:
            state, tag = gettext("Not checked"), "grey"
        elif kind in standing.failed and check.outcome == ProviderCheck.Outcome.NOT_NEEDED:
            state, tag = "Needed", "red"  # its listings say they give personal care
        elif kind in standing.failed:
            state, tag = "Failed", "red"
        elif kind in standing.expired:
            state, tag = gettext("Ran out"), "orange"
        elif kind in standing.expiring:
            state, tag = gettext("Runs out soon"), "yellow"
        elif check.outcome == ProviderCheck.Outcome.NOT_NEEDED:
            state, tag = gettext("Not needed"), "blue"
        else:
            state, tag = "Passed", "green"
        rows.append({
            "kind": kind,
            "path": kind.replace("_", "-"),
            "label": rules.standard_label(kind, provider),
            "in_a_sentence": rules.in_a_sentence(rules.standard_label(kind, provider)),
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
    # Its listings say they give personal care: CQC registration is needed ("not needed" does not count).
    says_personal_care = rules.says_personal_care(provider)
    standing = rules.standing(history, today=today, personal_care=says_personal_care)
    context = {
        "provider": provider,
        "standing": standing,
        "standards": _standard_rows(provider, standing),
        "history": history,
        "needs": _what_needs_doing(provider, standing),
        "says_personal_care": says_personal_care,
    }
    return render(request, "council/checks_provider.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@moderator_required
def check_record(request, uuid, kind):
    provider = get_object_or_404(Provider, uuid=uuid)
    kind = kind_from_path(kind)
    form = ProviderCheckForm(request.POST if request.method == "POST" else None, provider=provider, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            check = rules.provider_check_record(
                provider=provider, kind=kind, by=request.user, data=form.cleaned_data
            )
        except rules.CheckDatedTooEarly as error:  # another officer recorded a later check meanwhile
            form.add_error("checked_on", form.fields["checked_on"].error_on(str(error)))
        else:
            label = rules.standard_label(kind, provider)
            messages.success(
                request,
                gettext("%(label)s: “%(outcome)s” is recorded for %(name)s.")
                % {"label": label, "outcome": check.get_outcome_display(), "name": provider.name},
            )
            return redirect("council_checks:detail", uuid=provider.uuid)
    context = {
        "provider": provider,
        "form": form,
        "label": rules.standard_label(kind, provider),
        "latest": form.latest,
    }
    return render(request, "council/checks_record.html", context)
