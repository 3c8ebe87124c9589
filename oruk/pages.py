"""The open data pages: public downloads and their guide (/open-data/), and the council's export,
import and source-tag pages (/council/data/)."""

import base64
import json
import secrets
import zlib

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from council.permissions import council_officer_required
from opportunities.models import Opportunity

from . import csv_format, outpost
from .errors import RecordError
from .forms import SourceTagMapForm, UploadForm
from .models import SourceTag
from .readers import json_problem
from .services import source_tag_map

UPLOAD_KEY = "oruk_upload"
ORUK_SOURCE = "oruk-upload"


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
@council_officer_required
def hub(request):
    statuses = Opportunity.objects.aggregate(
        total=Count("pk"), published=Count("pk", filter=Q(status=Opportunity.Status.PUBLISHED))
    )
    return render(
        request,
        "oruk/council_hub.html",
        {"statuses": statuses, "unmapped": _unmapped().count(), "upload": request.session.get(UPLOAD_KEY)},
    )


@council_officer_required
def council_directory_csv(request):
    response = _csv_response(csv_format.export_filename("daywell-all-listings"))
    csv_format.directory_csv(Opportunity.objects.order_by("title", "pk"), council=True, out=response)
    return response


def _store_upload(request, *, text: str, kind: str, name: str) -> None:
    """The uploaded file waits in the officer's session (compressed) between preview and import."""
    request.session[UPLOAD_KEY] = {
        "token": secrets.token_urlsafe(16),
        "kind": kind,
        "name": name,
        "data": base64.b64encode(zlib.compress(text.encode())).decode("ascii"),
    }


def _stored_upload(request) -> dict | None:
    stored = request.session.get(UPLOAD_KEY)
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
        label = f"{name} item {number}"
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            yield (
                label,
                RecordError(label, "", "This is not an Open Referral UK service (it needs an id and a name)"),
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
        return ORUK_SOURCE, [(name, RecordError(name, "", f"The file {json_problem(error)}"))]
    if outpost.is_outpost(data):
        return outpost.SOURCE, list(outpost.records(data, name=name))
    return ORUK_SOURCE, list(_oruk_records(data, name))


def _format_name(kind: str, source: str) -> str:
    if kind == "csv":
        return "CSV file in Daywell's template"
    return "Outpost JSON file" if source == outpost.SOURCE else "Open Referral UK JSON file"


def _problem_rows(problems: list[RecordError]) -> list[dict]:
    rows = []
    for problem in problems:
        parts = problem.reason.split("; ") if ", " in problem.field else [problem.reason]
        rows.append({"record": problem.record, "field": problem.field, "reasons": parts})
    return rows


@council_officer_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        _store_upload(request, text=data["text"], kind=data["kind"], name=data["name"])
        return redirect("council_data:import-preview")
    return render(request, "oruk/import_upload.html", {"form": form, "columns": len(csv_format.COLUMNS)})


@council_officer_required
@require_http_methods(["GET", "POST"])
def import_preview(request):
    from .importer import import_services

    stored = _stored_upload(request)
    if stored is None:
        messages.info(request, "Upload the file again: it is no longer waiting to be imported.")
        return redirect("council_data:import")
    source, records = upload_records(text=stored["text"], kind=stored["kind"], name=stored["name"])
    # Only the council's own export may update the listings it names by their Daywell ids; any
    # other file makes or updates only the records it made itself.
    own_export = stored["kind"] == "csv" and csv_format.is_council_export(stored["text"])
    if request.method == "POST":
        if request.POST.get("cancel"):
            request.session.pop(UPLOAD_KEY, None)
            messages.info(request, "Nothing was imported.")
            return redirect("council_data:hub")
        if request.POST.get("token") != stored["token"]:
            messages.info(
                request, "That file was replaced by a newer upload. Check this one before importing it."
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


def _report_context(report, stored: dict, source: str) -> dict:
    kinds = ("listings", "providers", "venues")
    return {
        "report": report,
        "name": stored["name"],
        "token": stored["token"],
        "format_name": _format_name(stored["kind"], source),
        "counts": [
            {
                "kind": kind,
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


@council_officer_required
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


@council_officer_required
@require_http_methods(["GET", "POST"])
def source_tag_map_view(request, pk: int):
    tag = get_object_or_404(SourceTag.objects.annotate(listings=Count("opportunities")), pk=pk)
    form = SourceTagMapForm(request.POST) if request.method == "POST" else SourceTagMapForm()
    if form.is_bound and form.is_valid():
        mapping = form.mapping()
        changed = source_tag_map(tag=tag, by=request.user, **mapping)
        if mapping.get("ignore"):
            messages.success(request, f"‘{tag.name}’ is marked as having no Daywell term.")
        else:
            term = next(iter(mapping.values()))
            messages.success(
                request,
                f"‘{tag.name}’ now means ‘{term.name}’. "
                f"{changed} listing{'s' if changed != 1 else ''} gained the term.",
            )
        return redirect(reverse("council_data:source-tags"))
    examples = tag.opportunities.order_by("title")[:5]
    return render(request, "oruk/sourcetag_map.html", {"tag": tag, "form": form, "examples": examples})
