"""The open data pages: public downloads and their guide (/open-data/), the council's export,
import and source-tag pages (/council/data/), and a provider's upload of the CSV template
(/provider/<slug>/import/)."""

import base64
import csv
import io
import json
import secrets
import zlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from council.permissions import moderator_required
from daywell.notify import council_addresses, email_send
from opportunities.models import Opportunity
from providers.models import Provider
from providers.views import _provider

from . import csv_format, outpost
from .errors import RecordError
from .forms import ProviderUploadForm, SourceTagMapForm, UploadForm
from .models import SourceTag
from .readers import json_problem_sentence
from .services import source_tag_map

UPLOAD_KEY = "oruk_upload"
ORUK_SOURCE = "oruk-upload"
# A provider's upload waits under a key of its own (one per provider), never the council's.
PROVIDER_UPLOAD_KEY = "oruk_provider_upload"
# What the template says about the provider: ignored in a provider's own upload.
PROVIDER_COLUMNS = ["provider_name", "provider_kind", "provider_email", "provider_phone", "provider_website"]


# --- Public -----------------------------------------------------------------------------------------
def open_data(request):
    return render(
        request,
        "oruk/open_data.html",
        {"listed": Opportunity.objects.listed().count(), "columns": len(csv_format.COLUMNS)},
    )


def csv_guide(request):
    return render(request, "oruk/csv_guide.html", {"columns": csv_format.column_guide()})


def _csv_response(filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    return response


def template_csv(request):
    response = _csv_response("daywell-template.csv")
    response.write(csv_format.template_csv())
    return response


def directory_csv(request):
    response = _csv_response(csv_format.export_filename("daywell-directory"))
    csv_format.directory_csv(Opportunity.objects.listed().order_by("title", "pk"), out=response)
    return response


# --- Council ----------------------------------------------------------------------------------------
@moderator_required
def hub(request):
    statuses = Opportunity.objects.aggregate(
        total=Count("pk"), published=Count("pk", filter=Q(status=Opportunity.Status.PUBLISHED))
    )
    return render(
        request,
        "oruk/council_hub.html",
        {"statuses": statuses, "unmapped": _unmapped().count(), "upload": request.session.get(UPLOAD_KEY)},
    )


@moderator_required
def council_directory_csv(request):
    response = _csv_response(csv_format.export_filename("daywell-all-listings"))
    csv_format.directory_csv(Opportunity.objects.order_by("title", "pk"), council=True, out=response)
    return response


def _store_upload(request, *, text: str, kind: str, name: str, key: str = UPLOAD_KEY, **extra) -> None:
    """The uploaded file waits in the officer's session (compressed) between preview and import."""
    request.session[key] = {
        "token": secrets.token_urlsafe(16),
        "kind": kind,
        "name": name,
        "data": base64.b64encode(zlib.compress(text.encode())).decode("ascii"),
        **extra,
    }


def _stored_upload(request, key: str = UPLOAD_KEY) -> dict | None:
    stored = request.session.get(key)
    if not isinstance(stored, dict) or not {"token", "kind", "name", "data"} <= stored.keys():
        return None
    try:
        text = zlib.decompress(base64.b64decode(stored["data"])).decode()
    except (ValueError, zlib.error, UnicodeDecodeError):
        return None
    return {**stored, "text": text}


def _oruk_records(data, name: str):
    """An ORUK file: a page of services ("contents"), a list of them, or one full service."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        items = data["contents"]
    elif isinstance(data, list):
        items = data
    else:
        items = [data]
    for number, item in enumerate(items, start=1):
        label = _("%(name)s item %(number)s") % {"name": name, "number": number}
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            yield (
                label,
                RecordError(
                    label, "", _("This is not an Open Referral UK service (it needs an id and a name)")
                ),
            )
        else:
            yield f"{label} ({str(item['name'])[:60]})", item


def upload_records(*, text: str, kind: str, name: str) -> tuple[str, list]:
    """The uploaded file as (source, records) for oruk.importer.import_services."""
    if kind == "csv":
        return csv_format.SOURCE, list(csv_format.read_csv(text))
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        # UploadForm refuses what json.loads cannot read, but nesting close to Python's limit
        # can pass there and fail here, deeper in the stack.
        return ORUK_SOURCE, [(name, RecordError(name, "", json_problem_sentence(error)))]
    if outpost.is_outpost(data):
        return outpost.SOURCE, list(outpost.records(data, name=name))
    return ORUK_SOURCE, list(_oruk_records(data, name))


def _format_name(kind: str, source: str) -> str:
    if kind == "csv":
        return _("CSV file in Daywell's template")
    return _("Outpost JSON file") if source == outpost.SOURCE else _("Open Referral UK JSON file")


def _problem_rows(problems: list[RecordError]) -> list[dict]:
    rows = []
    for problem in problems:
        parts = problem.reason.split("; ") if ", " in problem.field else [problem.reason]
        rows.append({"record": problem.record, "field": problem.field, "reasons": parts})
    return rows


@moderator_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        _store_upload(request, text=data["text"], kind=data["kind"], name=data["name"])
        return redirect("council_data:import-preview")
    return render(request, "oruk/import_upload.html", {"form": form, "columns": len(csv_format.COLUMNS)})


@moderator_required
@require_http_methods(["GET", "POST"])
def import_preview(request):
    from .importer import import_services

    stored = _stored_upload(request)
    if stored is None:
        messages.info(request, _("Upload the file again: it is no longer waiting to be imported."))
        return redirect("council_data:import")
    source, records = upload_records(text=stored["text"], kind=stored["kind"], name=stored["name"])
    # Only the council's own export may update the listings it names by their Daywell ids; any
    # other file makes or updates only the records it made itself.
    own_export = stored["kind"] == "csv" and csv_format.is_council_export(stored["text"])
    if request.method == "POST":
        if request.POST.get("cancel"):
            request.session.pop(UPLOAD_KEY, None)
            messages.info(request, _("Nothing was imported."))
            return redirect("council_data:hub")
        if request.POST.get("token") != stored["token"]:
            messages.info(
                request, _("That file was replaced by a newer upload. Check this one before importing it.")
            )
            return redirect("council_data:import-preview")
        report = import_services(
            records, source=source, publish=False, by=request.user, match_daywell_ids=own_export
        )
        request.session.pop(UPLOAD_KEY, None)
        return render(request, "oruk/import_done.html", _report_context(report, stored, source))
    report = import_services(
        records, source=source, publish=False, dry_run=True, by=request.user, match_daywell_ids=own_export
    )
    return render(request, "oruk/import_preview.html", _report_context(report, stored, source))


def _report_context(report, stored: dict, source: str, kinds=("listings", "providers", "venues")) -> dict:
    names = {"listings": _("Listings"), "providers": _("Providers"), "venues": _("Venues")}
    return {
        "report": report,
        "name": stored["name"],
        "token": stored["token"],
        "format_name": _format_name(stored["kind"], source),
        "counts": [
            {
                "kind": names[kind],
                "created": report.created[kind],
                "updated": report.updated[kind],
                "unchanged": report.unchanged[kind],
            }
            for kind in kinds
        ],
        "problems": _problem_rows(report.problems),
        "importable": sum(report.created[k] + report.updated[k] for k in kinds) > 0,
    }


def _unmapped():
    return SourceTag.objects.filter(
        interest__isnull=True, audience__isnull=True, feature__isnull=True, ignored=False
    ).annotate(listings=Count("opportunities"))


@moderator_required
def source_tag_list(request):
    tags = _unmapped().order_by("-listings", "name")
    mapped = (
        SourceTag.objects.exclude(
            interest__isnull=True, audience__isnull=True, feature__isnull=True, ignored=False
        )
        .select_related("interest", "audience", "feature", "mapped_by")
        .annotate(listings=Count("opportunities"))
        .order_by("-mapped_at")[:20]
    )
    return render(request, "oruk/sourcetag_list.html", {"tags": tags, "mapped": mapped})


@moderator_required
@require_http_methods(["GET", "POST"])
def source_tag_map_view(request, pk: int):
    tag = get_object_or_404(SourceTag.objects.annotate(listings=Count("opportunities")), pk=pk)
    form = SourceTagMapForm(request.POST) if request.method == "POST" else SourceTagMapForm()
    if form.is_bound and form.is_valid():
        mapping = form.mapping()
        changed = source_tag_map(tag=tag, by=request.user, **mapping)
        if mapping.get("ignore"):
            messages.success(
                request, _("‘%(name)s’ is marked as having no Daywell term.") % {"name": tag.name}
            )
        else:
            term = next(iter(mapping.values()))
            messages.success(
                request,
                ngettext(
                    "‘%(tag)s’ now means ‘%(term)s’. %(changed)s listing gained the term.",
                    "‘%(tag)s’ now means ‘%(term)s’. %(changed)s listings gained the term.",
                    changed,
                )
                % {"tag": tag.name, "term": term.name, "changed": changed},
            )
        return redirect(reverse("council_data:source-tags"))
    examples = tag.opportunities.order_by("title")[:5]
    return render(request, "oruk/sourcetag_map.html", {"tag": tag, "form": form, "examples": examples})


# --- A provider's own upload --------------------------------------------------------------------


def provider_source(provider: Provider) -> str:
    """Each provider's uploads are a source of their own: a row finds only what that provider's
    earlier uploads made, never the council's imports or another provider's."""
    return f"provider:{provider.uuid}"


def _provider_upload_key(provider: Provider) -> str:
    return f"{PROVIDER_UPLOAD_KEY}:{provider.uuid}"


def provider_csv(text: str, provider: Provider) -> str:
    """The file with what it says about the provider taken out: every row names the provider by
    its UUID (stable when the provider is renamed, so rows keep the same ids), and the other
    provider columns are emptied. Rows keep their line numbers, so problems name the rows the
    provider sees in the spreadsheet. A file the csv module cannot read is returned as it is:
    oruk.csv_format.read_csv reports the problem, and the importer ignores the provider anyway."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        return text
    if not rows:
        return text
    header = [csv_format._norm(column).replace(" ", "_") for column in rows[0]]
    if "provider_name" not in header:
        # A first column of its own, so that a row with too many cells still has them at its end.
        header.insert(0, "provider_name")
        rows = [["provider_name", *rows[0]], *(["", *row] if row else row for row in rows[1:])]
    blank = [i for i, column in enumerate(header) if column in {*PROVIDER_COLUMNS, "provider_uuid"}]
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue  # an empty row stays empty (read_csv skips it)
        row.extend([""] * (len(header) - len(row)))
        for index in blank:
            row[index] = str(provider.uuid) if header[index] == "provider_name" else ""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _provider_report_context(report, stored: dict, provider: Provider) -> dict:
    return {
        **_report_context(report, stored, provider_source(provider), kinds=("listings", "venues")),
        "provider": provider,
        "format_name": _("CSV file in Daywell's template"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def provider_import_upload(request, slug):
    provider = _provider(request, slug)
    form = (
        ProviderUploadForm(request.POST, request.FILES) if request.method == "POST" else ProviderUploadForm()
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        _store_upload(
            request,
            key=_provider_upload_key(provider),
            text=data["text"],
            kind="csv",
            name=data["name"],
            provider=str(provider.uuid),
        )
        return redirect("provider_import:check", slug=provider.slug)
    return render(
        request,
        "oruk/provider_import_upload.html",
        {"provider": provider, "form": form, "ignored_columns": PROVIDER_COLUMNS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def provider_import_check(request, slug):
    from .importer import import_services

    provider = _provider(request, slug)
    key = _provider_upload_key(provider)
    stored = _stored_upload(request, key)
    # The file is bound to the provider it was uploaded for, by its key and by what it holds.
    if stored is None or stored.get("provider") != str(provider.uuid) or stored["kind"] != "csv":
        messages.info(request, _("Upload the file again: it is no longer waiting to be checked."))
        return redirect("provider_import:upload", slug=provider.slug)
    records = list(csv_format.read_csv(provider_csv(stored["text"], provider)))
    options = {
        "source": provider_source(provider),
        "publish": False,
        "by": request.user,
        "match_daywell_ids": False,
        "provider": provider,
    }
    if request.method == "POST":
        if request.POST.get("cancel"):
            request.session.pop(key, None)
            messages.info(request, _("Nothing was sent. Your listings have not changed."))
            return redirect("providers:detail", slug=provider.slug)
        if request.POST.get("token") != stored["token"]:
            messages.info(
                request, _("That file was replaced by a newer upload. Check this one before sending it.")
            )
            return redirect("provider_import:check", slug=provider.slug)
        report = import_services(records, **options)
        request.session.pop(key, None)
        if report.created["listings"] or report.updated["listings"]:
            email_send(
                to=council_addresses(),
                template="listings_uploaded",
                context={
                    "provider": provider,
                    "created": report.created["listings"],
                    "updated": report.updated["listings"],
                },
            )
        return render(
            request, "oruk/provider_import_done.html", _provider_report_context(report, stored, provider)
        )
    report = import_services(records, dry_run=True, **options)
    return render(
        request, "oruk/provider_import_check.html", _provider_report_context(report, stored, provider)
    )
