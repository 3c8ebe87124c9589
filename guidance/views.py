"""Information and advice: the public pages, the Easy Read switch and the council's editor."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from council.permissions import moderator_required

from . import markup, readability
from .context_processors import EASY_READ_COOKIE
from .forms import MAX_BODY, GuidancePageForm, plain
from .models import GuidancePage
from .services import REVISION_FIELDS, EditConflict, guidance_page_create, guidance_page_save

GET_POST = ["GET", "HEAD", "POST"]
STANDARD, EASY_READ = "standard", "easy-read"
EASY_READ_MAX_AGE = 365 * 24 * 60 * 60
CONFLICT_MESSAGE = gettext_lazy(
    "Someone else saved this page after you opened it, so your changes were not saved. Your text is "
    "still in the form. Compare it with their version below, then save again to replace their version."
)


# --- Public pages --------------------------------------------------------------------------------
@require_safe
def index(request):
    pages = GuidancePage.objects.published().only(
        "slug", "title", "summary", "audience", "position", "easy_read_title", "easy_read_body"
    )
    groups = [
        (value, label, [page for page in pages if page.audience == value])
        for value, label in GuidancePage.Audience.choices
    ]
    return render(request, "guidance/index.html", {"groups": [group for group in groups if group[2]]})


@require_safe
def page(request, slug):
    page = get_object_or_404(GuidancePage.objects.published(), slug=slug)
    asked = request.GET.get("version")
    if asked not in (STANDARD, EASY_READ):
        asked = EASY_READ if request.COOKIES.get(EASY_READ_COOKIE) == "1" else STANDARD
    easy_read = asked == EASY_READ and page.has_easy_read
    context = {
        "page": page,
        "easy_read": easy_read,
        "title": (page.easy_read_title or page.title) if easy_read else page.title,
        "content": page.easy_read_html() if easy_read else page.body_html(),
        # Easy Read was asked for (the switch, or the address) but the page has no Easy Read version.
        "easy_read_missing": asked == EASY_READ and not page.has_easy_read,
    }
    return render(request, "guidance/page_detail.html", context)


def _without_version(url: str) -> str:
    """The page to go back to, without a ?version= that would override the new choice."""
    parts = urlsplit(url)
    query = [
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "version"
    ]
    return urlunsplit(("", "", parts.path, urlencode(query), parts.fragment))


@require_POST
def easy_read_switch(request):
    """The Easy Read switch in every page's header: a plain form, so it works without JavaScript."""
    on = request.POST.get("on") == "1"
    following = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        following, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    following = _without_version(following) if safe and following.startswith("/") else "/"
    response = HttpResponseRedirect(following)
    if on:
        response.set_cookie(
            EASY_READ_COOKIE,
            "1",
            max_age=EASY_READ_MAX_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        response.delete_cookie(EASY_READ_COOKIE, samesite="Lax")
    return response


# --- The council's editor ------------------------------------------------------------------------
@require_safe
@moderator_required
def council_list(request):
    pages = GuidancePage.objects.select_related("updated_by").order_by("audience", "position", "title")
    return render(request, "guidance/council_list.html", {"pages": pages})


def _posted_revision(request) -> int:
    revision = request.POST.get("revision", "")
    return int(revision) if revision.isdecimal() and len(revision) < 10 else -1


def _problems(body: str, easy_read_body: str) -> list[str]:
    """What the preview warns about: text that will not show as meant, text too long to save, and
    text harder to read than the targets (guidance/readability.py)."""
    found = []
    versions = (
        (_("Plain English version"), body, readability.plain_problems),
        (_("Easy Read version"), easy_read_body, readability.easy_read_problems),
    )
    for version, text, reading_problems in versions:
        if len(text.strip()) > MAX_BODY:
            found.append(
                _(
                    "%(version)s: the text is %(length)s characters long and can be at most %(limit)s, "
                    "so it cannot be saved yet. Make it shorter, or split it into two pages."
                )
                % {"version": version, "length": f"{len(text.strip()):,}", "limit": f"{MAX_BODY:,}"}
            )
            continue  # too long to measure quickly, and it must be cut anyway
        found += [
            _("%(version)s: %(problem)s") % {"version": version, "problem": problem}
            for problem in markup.problems(text) + reading_problems(text)
        ]
    return found


def _icon_names() -> list[str]:
    from . import icons  # written separately from this module (see markup.py)

    return sorted(icons.ICONS)


@require_http_methods(GET_POST)
@moderator_required
def council_edit(request, slug=None):
    page = get_object_or_404(GuidancePage, slug=slug) if slug else None
    revision = page.content_revision if page else 0
    preview = None
    conflict_with = None
    status = 200
    restoring = _revision_to_restore(request, page)
    if request.method != "POST" and restoring is not None:
        # An earlier version's words in the form, to check and save: nothing changes until then.
        words = {name: getattr(restoring, name) for name in REVISION_FIELDS}
        form = GuidancePageForm(page=page, initial={**GuidancePageForm(page=page).initial, **words})
        body, easy_read_body = restoring.body, restoring.easy_read_body
    elif request.method != "POST":
        form = GuidancePageForm(page=page)
        body, easy_read_body = (page.body, page.easy_read_body) if page else ("", "")
    elif "preview" in request.POST:
        # Shown as typed, with nothing saved and no error messages yet.
        posted = {name: plain(request.POST.get(name, "")) for name in GuidancePageForm.base_fields}
        posted["published"] = bool(request.POST.get("published"))
        form = GuidancePageForm(initial=posted, page=page)
        revision = _posted_revision(request)
        body, easy_read_body = posted["body"], posted["easy_read_body"]
        preview = {
            "title": posted["title"],
            "easy_read_title": posted["easy_read_title"] or posted["title"],
            "body": markup.render(body),
            "easy_read_body": markup.render(easy_read_body, easy_read=True) if easy_read_body.strip() else "",
        }
    else:
        form = GuidancePageForm(request.POST, page=page)
        revision = _posted_revision(request)
        body, easy_read_body = request.POST.get("body", ""), request.POST.get("easy_read_body", "")
        if form.is_valid():
            values = form.cleaned_data
            try:
                if page is None:
                    saved = guidance_page_create(slug=values["slug"], values=values, by=request.user)
                else:
                    saved = guidance_page_save(page=page, values=values, by=request.user, revision=revision)
            except (IntegrityError, ValidationError):  # another officer made a page here a moment ago
                form.add_error("slug", _("A page with this web address already exists: choose another"))
            except EditConflict:
                # Their version is shown below the form; saving again replaces it, knowingly.
                conflict_with = GuidancePage.objects.select_related("updated_by").get(pk=page.pk)
                revision = conflict_with.content_revision
                messages.error(request, CONFLICT_MESSAGE)
                status = 409
            else:
                messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
                return redirect("council_guidance:list")
    context = {
        "page": page,
        "form": form,
        "revision": revision,
        "preview": preview,
        "problems": _problems(body, easy_read_body),
        "no_easy_read": bool(body.strip()) and not easy_read_body.strip(),
        "conflict_with": conflict_with,
        "restoring": restoring,
        "icon_names": _icon_names(),
    }
    return render(request, "guidance/council_form.html", context, status=status)


def _revision_to_restore(request, page):
    """The earlier version asked for with ?restore=<id>, if it is one of this page's."""
    wanted = request.GET.get("restore", "")
    if page is None or not wanted.isdecimal() or len(wanted) > 10:
        return None
    return page.revisions.filter(pk=int(wanted)).first()


@require_safe
@moderator_required
def council_history(request, slug):
    page = get_object_or_404(GuidancePage, slug=slug)
    revisions = page.revisions.select_related("saved_by")[:200]
    return render(request, "guidance/council_history.html", {"page": page, "revisions": revisions})
