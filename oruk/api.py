"""The Open Referral UK 3.0 read API (`/api/oruk/`): published listings only, no key, no cookies.

Plain function views that answer JSON. Every response carries `Access-Control-Allow-Origin: *`
(ORUK's compliance rules ask for it), bad parameters get a 400 in plain words and unknown
identifiers a 404, both as JSON. What each endpoint and parameter means is in the OpenAPI
document (oruk.openapi), served at /api/oruk/openapi.json.
"""

import datetime
import functools
import math
import re
import uuid

from django.contrib.postgres.search import SearchQuery
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from opportunities.models import Opportunity, SearchText, Session
from opportunities.search import MAX_WORDS, tsquery_text
from opportunities.synonyms import STOP_WORDS
from places.services import place_for_postcode
from providers.models import Provider, Venue

from . import serialize
from .taxonomy import ALL_TAXONOMIES, AUDIENCES, FACTS, FEATURES, INTERESTS, PAYMENT_ROUTES, facts

VERSION = "HSDS-UK-3.0"  # what the ORUK validator's own passing example sends
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
EARTH_RADIUS_MILES = 3958.8
CACHE_SECONDS = 300
DAYS = {code: index for index, code in enumerate(serialize.BYDAY)} | {
    name: index
    for index, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}


class BadRequest(Exception):
    """A parameter we cannot use; the message says which and why, in plain words."""


class NotFound(Exception):
    pass


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(status: int, message: str) -> JsonResponse:
    # "error" is the HTTP status in its standard English words, like the status line; "message" is for
    # people, in their language.
    title = {400: "Bad request", 404: "Not found", 405: "Method not allowed"}[status]
    return _json({"status": status, "error": title, "message": message}, status=status)


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def api_view(view):
    """GET (and HEAD) only; CORS on every answer, including the OPTIONS preflight; errors as JSON."""

    @csrf_exempt  # read-only and cookie-free: nothing for a forged request to do
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "*"
            response["Access-Control-Max-Age"] = "86400"
            return _cors(response)
        if request.method not in ("GET", "HEAD"):
            response = _error(405, gettext("This API only answers GET requests."))
            response["Allow"] = "GET, HEAD, OPTIONS"
            return _cors(response)
        try:
            if any("\x00" in value for _, values in request.GET.lists() for value in values):
                raise BadRequest(gettext("Parameters cannot contain NUL characters."))
            response = view(request, *args, **kwargs)
            response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        except BadRequest as error:
            response = _error(400, str(error))
            response["Cache-Control"] = "no-cache"
        except NotFound as error:
            response = _error(404, str(error))
            response["Cache-Control"] = "no-cache"
        return _cors(response)

    return wrapper


# --- Reading parameters ---------------------------------------------------------------------------
def _whole_number(request, name: str, default: int, minimum: int) -> int:
    text = request.GET.get(name, "").strip()
    if not text:
        return default
    if not re.fullmatch(r"\+?[0-9]{1,9}", text) or int(text) < minimum:
        raise BadRequest(
            gettext("%(name)s must be a whole number, %(minimum)s or more.")
            % {"name": name, "minimum": minimum}
        )
    return int(text)


def _number(request, name: str, *, upper: float = 1000, example: str = "18") -> float | None:
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or value > upper:
        raise BadRequest(
            gettext("%(name)s must be a number from 0 to %(upper)s, like %(example)s.")
            % {"name": name, "upper": f"{upper:,.0f}", "example": example}
        )
    return value


def _uuid(text: str, name: str) -> str:
    try:
        return str(uuid.UUID(text.strip()))
    except (ValueError, AttributeError):
        raise BadRequest(
            gettext("%(name)s must be a UUID, like 3f7b145d-84af-42d7-8fae-eaca714b02b2.") % {"name": name}
        ) from None


def _time(request, name: str) -> datetime.time | None:
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    match = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59 or int(match[3] or 0) > 59:
        raise BadRequest(
            gettext("%(name)s must be a time of day in 24-hour HH:MM form, like 09:30.") % {"name": name}
        )
    return datetime.time(int(match[1]), int(match[2]))


def _days(request) -> list[int]:
    text = request.GET.get("day", "").strip()
    if not text:
        return []
    days = []
    for part in text.split(","):
        key = part.strip().lower()
        key = key.upper() if len(key) == 2 else key.removesuffix("s")
        if key not in DAYS:
            raise BadRequest(
                gettext(
                    "day must be MO, TU, WE, TH, FR, SA or SU, or the day's name "
                    "(several separated by commas)."
                )
            )
        days.append(DAYS[key])
    return sorted(set(days))


def _datetime(request, name: str) -> datetime.datetime | None:
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if value.tzinfo is None:
            value = timezone.make_aware(value)
        return value.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        raise BadRequest(
            gettext("%(name)s must be a date and time in ISO 8601 form, like 2026-01-31T09:00:00Z.")
            % {"name": name}
        ) from None


def _flag(request, name: str) -> bool:
    text = request.GET.get(name, "").strip().lower()
    if text in ("", "false", "0", "no"):
        return False
    if text in ("true", "1", "yes"):
        return True
    raise BadRequest(gettext("%(name)s must be true or false.") % {"name": name})


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS][:MAX_WORDS]


# --- Paging ---------------------------------------------------------------------------------------
def _paging(request) -> tuple[int, int]:
    page = _whole_number(request, "page", 1, 1)
    per_page = min(_whole_number(request, "per_page", DEFAULT_PER_PAGE, 1), MAX_PER_PAGE)
    return page, per_page


def _page(total: int, page: int, per_page: int, contents: list) -> dict:
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _slice(items, page: int, per_page: int):
    start = (page - 1) * per_page
    return items[start : start + per_page]


# --- Which listings a request asks for ---------------------------------------------------------------
def _feature_listings(feature_ids) -> Q:
    """Listings with one of these features, their own or a venue's."""
    through = Opportunity.features.through.objects.filter(feature_id__in=feature_ids)
    venues = Venue.features.through.objects.filter(feature_id__in=feature_ids).values("venue_id")
    return Q(pk__in=through.values("opportunity_id")) | _at_venues(venues)


def _at_venues(venue_ids) -> Q:
    return Q(
        pk__in=Opportunity.venues.through.objects.filter(venue_id__in=venue_ids).values("opportunity_id")
    )


def _term_listings(taxonomy, term_pks) -> Q:
    if taxonomy is FEATURES:
        return _feature_listings(term_pks)
    field = {INTERESTS: "interests", AUDIENCES: "audiences", PAYMENT_ROUTES: "payment_routes"}[taxonomy]
    through = getattr(Opportunity, field).through
    column = {INTERESTS: "interest_id", AUDIENCES: "audiencegroup_id", PAYMENT_ROUTES: "paymentroute_id"}[
        taxonomy
    ]
    return Q(pk__in=through.objects.filter(**{f"{column}__in": term_pks}).values("opportunity_id"))


def _fact_listings(slug: str) -> Q:
    """The listings a Daywell fact is true of."""
    simple = {
        "summary": ~Q(summary=""),
        "easy-read-summary": ~Q(easy_read_summary=""),
        "how-to-join": ~Q(how_to_join=""),
        "contact-phone": ~Q(contact_phone=""),
        "times-by-arrangement": Q(by_arrangement=True),
        "free": Q(is_free=True),
        "closed-until": Q(closed_until__isnull=False),
        "provider-phone": ~Q(provider__phone=""),
        "dbs-checked-on": Q(provider__dbs_checked_on__isnull=False),
        "references-available": Q(provider__references_available=True),
        "address-line-2": _at_venues(Venue.objects.exclude(address_line_2="").values("pk")),
    }
    if slug in simple:
        return simple[slug]
    choices = {
        "delivery": ("delivery__contains", Opportunity.Delivery, True),
        "vacancies": ("vacancies", Opportunity.Vacancies, False),
        "joining": ("joining", Opportunity.Joining, False),
        "listing-status": ("status", Opportunity.Status, False),
        "provider-kind": ("provider__kind", Provider.Kind, False),
        "cqc-rating": ("provider__cqc_rating", Provider.CqcRating, False),
    }
    for prefix, (lookup, enum, as_list) in choices.items():
        for value in enum.values:
            if slug == serialize._choice_slug(prefix, value):
                return Q(**{lookup: [value] if as_list else value})
    return Q(pk__in=[])


def _taxonomy_term_listings(term_id: str) -> Q:
    for taxonomy in ALL_TAXONOMIES:
        if taxonomy is FACTS:
            for fact in facts().values():
                if fact.id == term_id:
                    return _fact_listings(fact.slug)
            continue
        for pk, slug in taxonomy.model.objects.values_list("pk", "slug"):
            if taxonomy.term_id(slug) == term_id:
                return _term_listings(taxonomy, [pk])
    return Q(pk__in=[])


def _taxonomy_listings(taxonomy_id: str) -> Q:
    for taxonomy in ALL_TAXONOMIES:
        if taxonomy.id == taxonomy_id:
            if taxonomy is FACTS:
                return Q()  # every listing has facts (its places and how to join, at least)
            return _term_listings(taxonomy, taxonomy.model.objects.values("pk"))
    return Q(pk__in=[])


def _distance(place, latitude: str, longitude: str):
    """Miles from the place to a row's coordinates (haversine), in the database."""
    lat = math.radians(place.latitude)
    lon = math.radians(place.longitude)
    half_chord = Power(Sin((Radians(F(latitude)) - Value(lat)) / 2), 2) + Value(math.cos(lat)) * Cos(
        Radians(F(latitude))
    ) * Power(Sin((Radians(F(longitude)) - Value(lon)) / 2), 2)
    return Value(2 * EARTH_RADIUS_MILES) * ASin(
        Sqrt(Least(half_chord, Value(1.0), output_field=FloatField()))
    )


METRES_PER_MILE = 1609.344


def _place(request):
    """The postcode's place and the proximity in miles (None for no limit), or (None, None).
    ORUK gives `proximity` in metres; distances here are worked out in miles."""
    postcode = request.GET.get("postcode", "").strip()
    proximity = _number(request, "proximity", upper=1_000_000, example="3000")
    if not postcode:
        if proximity is not None:
            raise BadRequest(gettext("proximity needs a postcode to measure from."))
        return None, None
    if len(postcode) > 10:
        raise BadRequest(gettext("postcode must be a UK postcode, like B13 8JP."))
    place = place_for_postcode(postcode)
    if place is None:
        raise BadRequest(
            gettext("We do not know the postcode %(postcode)s. Enter a postcode like B13 8JP.")
            % {"postcode": postcode}
        )
    return place, (None if proximity is None else proximity / METRES_PER_MILE)


def _listings(request) -> QuerySet:
    """Listed (published, not hidden) listings matching every filter but the postcode."""
    listings = Opportunity.objects.listed()
    text = request.GET.get("search") or request.GET.get("text") or ""
    words = _words(text)
    if words:
        matches = SearchText.objects.filter(
            search_vector=SearchQuery(tsquery_text(words), search_type="raw", config="english")
        )
        listings = listings.filter(pk__in=matches.values("opportunity_id"))
    if request.GET.get("taxonomy_term_id", "").strip():
        listings = listings.filter(
            _taxonomy_term_listings(_uuid(request.GET["taxonomy_term_id"], "taxonomy_term_id"))
        )
    if request.GET.get("taxonomy_id", "").strip():
        listings = listings.filter(_taxonomy_listings(_uuid(request.GET["taxonomy_id"], "taxonomy_id")))
    if request.GET.get("organization_id", "").strip():
        listings = listings.filter(provider__uuid=_uuid(request.GET["organization_id"], "organization_id"))
    minimum_age = _number(request, "minimum_age")
    if minimum_age is not None:
        listings = listings.filter(min_age__gte=minimum_age)
    maximum_age = _number(request, "maximum_age")
    if maximum_age is not None:
        listings = listings.filter(max_age__lte=maximum_age)
    modified_after = _datetime(request, "modified_after")
    if modified_after is not None:
        listings = listings.filter(updated_at__gte=modified_after)
    days, start, end = _days(request), _time(request, "start_time"), _time(request, "end_time")
    if days or start or end:
        sessions = Session.objects.all()
        if days:
            sessions = sessions.filter(weekday__in=days)
        if start:
            sessions = sessions.filter(start__gte=start)
        if end:
            sessions = sessions.filter(end__lte=end)
        # Times agreed with each person can be any day and time, as in Daywell's own search.
        listings = listings.filter(Q(pk__in=sessions.values("opportunity_id")) | Q(by_arrangement=True))
    return listings


# --- Views ------------------------------------------------------------------------------------------
@api_view
def index(request):
    return _json(
        {
            "version": VERSION,
            "profile": PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("oruk_api:openapi")),
        }
    )


@api_view
def openapi(request):
    from .openapi import document

    return _json(document())


@api_view
def service_list(request):
    page, per_page = _paging(request)
    full = _flag(request, "full")
    listings = _listings(request)
    place, proximity = _place(request)
    order = ["title", "pk"]
    if place:
        listings = listings.annotate(distance=_distance(place, "latitude", "longitude"))
        if proximity is not None:
            listings = listings.filter(distance__lte=proximity)
        order = [F("distance").asc(nulls_last=True), *order]
    total = listings.count()
    if full:
        rows = serialize.services_queryset(listings.order_by(*order))
    else:
        rows = listings.order_by(*order).select_related("provider").prefetch_related("costs")
    contents = [
        serialize.service_full(row) if full else serialize.service_brief(row)
        for row in _slice(rows, page, per_page)
    ]
    return _json(_page(total, page, per_page, contents))


def _listed(queryset: QuerySet, pk_name: str, text: str, what: str):
    found = queryset.filter(**{pk_name: _uuid(text, "id")}).first()
    if found is None:
        missing = {
            "service": gettext("There is no published service with the id %(id)s."),
            "organization": gettext("There is no published organization with the id %(id)s."),
        }[what]
        raise NotFound(missing % {"id": text})
    return found


@api_view
def service_detail(request, id):
    listing = _listed(serialize.services_queryset(Opportunity.objects.listed()), "uuid", id, "service")
    return _json(serialize.service_full(listing))


def _providers():
    return Provider.objects.filter(pk__in=Opportunity.objects.listed().values("provider_id"))


@api_view
def organization_list(request):
    page, per_page = _paging(request)
    providers = _providers().order_by("name", "pk")
    text = request.GET.get("search", "").strip()
    if text:
        providers = providers.filter(name__icontains=text)
    total = providers.count()
    contents = [serialize.organization_brief(p) for p in _slice(providers, page, per_page)]
    return _json(_page(total, page, per_page, contents))


@api_view
def organization_detail(request, id):
    provider = _listed(_providers(), "uuid", id, "organization")
    listings = Opportunity.objects.listed().filter(provider=provider).order_by("title", "pk")
    if _flag(request, "full_service"):
        services = [serialize.service_full(o) for o in serialize.services_queryset(listings)]
    else:
        services = [
            serialize.service_brief(o) for o in listings.select_related("provider").prefetch_related("costs")
        ]
    return _json(serialize.organization_full(provider, services=services))


def _service_at_locations():
    return Opportunity.venues.through.objects.filter(opportunity__in=Opportunity.objects.listed())


@api_view
def service_at_location_list(request):
    page, per_page = _paging(request)
    pairs = _service_at_locations().filter(opportunity__in=_listings(request))
    place, proximity = _place(request)
    order = ["opportunity__title", "opportunity__pk", "venue__name", "venue__pk"]
    if place:
        pairs = pairs.annotate(distance=_distance(place, "venue__latitude", "venue__longitude"))
        if proximity is not None:
            pairs = pairs.filter(distance__lte=proximity)
        order = [F("distance").asc(nulls_last=True), *order]
    total = pairs.count()
    rows = pairs.order_by(*order).select_related("opportunity__provider", "venue")
    rows = rows.prefetch_related("opportunity__costs")
    contents = [
        serialize.service_at_location_brief(row.opportunity, row.venue)
        for row in _slice(rows, page, per_page)
    ]
    return _json(_page(total, page, per_page, contents))


@api_view
def service_at_location_detail(request, id):
    wanted = _uuid(id, "id")
    # The id is derived from the listing's and the venue's, so look for the pair that makes it.
    for pk, listing_uuid, venue_uuid in _service_at_locations().values_list(
        "pk", "opportunity__uuid", "venue__uuid"
    ):
        if serialize.service_at_location_id(listing_uuid, venue_uuid) == wanted:
            pair = Opportunity.venues.through.objects.get(pk=pk)
            listing = serialize.services_queryset(Opportunity.objects.all()).get(pk=pair.opportunity_id)
            venue = next(v for v in listing.venues.all() if v.pk == pair.venue_id)
            return _json(serialize.service_at_location_full(listing, venue))
    raise NotFound(gettext("There is no published service at location with the id %(id)s.") % {"id": id})


@api_view
def taxonomy_list(request):
    page, per_page = _paging(request)
    contents = [serialize.taxonomy(t) for t in ALL_TAXONOMIES]
    text = request.GET.get("search", "").strip().lower()
    if text:
        contents = [t for t in contents if text in t["name"].lower() or text in t["description"].lower()]
    return _json(_page(len(contents), page, per_page, _slice(contents, page, per_page)))


@api_view
def taxonomy_detail(request, id):
    wanted = _uuid(id, "id")
    for t in ALL_TAXONOMIES:
        if t.id == wanted:
            return _json(serialize.taxonomy(t, with_terms=True))
    raise NotFound(gettext("There is no taxonomy with the id %(id)s.") % {"id": id})


@api_view
def taxonomy_term_list(request):
    page, per_page = _paging(request)
    taxonomies = ALL_TAXONOMIES
    if request.GET.get("taxonomy_id", "").strip():
        wanted = _uuid(request.GET["taxonomy_id"], "taxonomy_id")
        taxonomies = [t for t in ALL_TAXONOMIES if t.id == wanted]
    if request.GET.get("parent_id", "").strip():
        _uuid(request.GET["parent_id"], "parent_id")
        taxonomies = []  # Daywell's taxonomies are flat: no term has a parent
    _flag(request, "top_only")  # every term is a top-level term
    terms = [term for t in taxonomies for term in serialize.taxonomy_terms(t)]
    text = request.GET.get("search", "").strip().lower()
    if text:
        terms = [t for t in terms if text in t["name"].lower() or text in t["description"].lower()]
    return _json(_page(len(terms), page, per_page, _slice(terms, page, per_page)))


@api_view
def taxonomy_term_detail(request, id):
    wanted = _uuid(id, "id")
    for term in serialize.all_taxonomy_terms():
        if term["id"] == wanted:
            return _json(term)
    raise NotFound(gettext("There is no taxonomy term with the id %(id)s.") % {"id": id})


@api_view
def not_found(request, path=""):
    raise NotFound(gettext("There is no such endpoint. The endpoints are listed in /api/oruk/openapi.json."))
