"""Keep each opportunity's search facts on its own row.

Search filters, facet counts and result cards read only the opportunity table, so a search
costs the same few queries however many venues, sessions and tags there are. Every write that
changes what a listing shows calls `opportunity_index_refresh` for the listings it touched.
"""

# ruff: noqa: E501 (the SQL below is laid out for reading)

from collections.abc import Iterable

from django.db import connection

# One statement. Each fact is a subquery on the row's own id, answered from the foreign-key
# indexes, so the plan stays the same however large or small the tables (a set-based version
# chose ruinous plans from the statistics of nearly empty tables).
_REFRESH_SQL = """
UPDATE opportunities_opportunity o SET
    search_vector =
       setweight(to_tsvector('english', o.title), 'A')
        || setweight(to_tsvector('english', o.summary || ' ' || coalesce(
            (SELECT string_agg(i.name, ' ') FROM opportunities_opportunity_interests oi
             JOIN opportunities_interest i ON i.id = oi.interest_id WHERE oi.opportunity_id = o.id), '')), 'B')
        || setweight(to_tsvector('english', o.description || ' ' || coalesce(
            (SELECT p.name FROM providers_provider p WHERE p.id = o.provider_id), '')), 'C'),
    interest_ids = ARRAY(SELECT interest_id FROM opportunities_opportunity_interests
                         WHERE opportunity_id = o.id ORDER BY 1),
    feature_ids = ARRAY(SELECT feature_id FROM opportunities_opportunity_features WHERE opportunity_id = o.id
                        UNION
                        SELECT vf.feature_id FROM opportunities_opportunity_venues ov
                        JOIN providers_venue_features vf ON vf.venue_id = ov.venue_id
                        WHERE ov.opportunity_id = o.id ORDER BY 1),
    audience_ids = ARRAY(SELECT audiencegroup_id FROM opportunities_opportunity_audiences
                         WHERE opportunity_id = o.id ORDER BY 1),
    payment_ids = ARRAY(SELECT paymentroute_id FROM opportunities_opportunity_payment_routes
                        WHERE opportunity_id = o.id ORDER BY 1),
    -- the wards of its venues, and the areas it covers when it comes to people
    ward_ids = ARRAY(SELECT v.ward_id FROM opportunities_opportunity_venues ov
                     JOIN providers_venue v ON v.id = ov.venue_id
                     WHERE ov.opportunity_id = o.id AND v.ward_id IS NOT NULL
                     UNION SELECT a.ward_id FROM opportunities_opportunity_areas a WHERE a.opportunity_id = o.id
                     ORDER BY 1),
    constituency_ids = ARRAY(SELECT w.constituency_id FROM opportunities_opportunity_venues ov
                             JOIN providers_venue v ON v.id = ov.venue_id JOIN places_ward w ON w.id = v.ward_id
                             WHERE ov.opportunity_id = o.id
                             UNION SELECT w.constituency_id FROM opportunities_opportunity_areas a
                             JOIN places_ward w ON w.id = a.ward_id WHERE a.opportunity_id = o.id ORDER BY 1),
    -- weekday * 3 + part of day (0 morning, 1 afternoon, 2 evening); every slot when by arrangement
    slots = CASE WHEN o.by_arrangement THEN ARRAY(SELECT generate_series(0, 20)::smallint)
                 ELSE ARRAY(SELECT DISTINCT (s.weekday * 3 + CASE WHEN s.start < '12:00' THEN 0
                                                             WHEN s.start < '17:00' THEN 1 ELSE 2 END)::smallint
                            FROM opportunities_session s WHERE s.opportunity_id = o.id ORDER BY 1) END,
    -- What one visit costs the person: an hourly price counts for the shortest session (or an
    -- hour); a free place for a carer or supporter alongside a paid price does not make it free.
    cost_per_session = CASE WHEN o.is_free THEN 0 ELSE (
        SELECT coalesce(min(CASE c.unit WHEN 'hour' THEN c.amount * greatest(coalesce(
                   (SELECT min(EXTRACT(EPOCH FROM (s."end" - s.start)) / 3600.0) FROM opportunities_session s
                    WHERE s.opportunity_id = o.id), 1), 1)
               ELSE c.amount END) FILTER (WHERE c.amount > 0), 0)
        FROM opportunities_cost c WHERE c.opportunity_id = o.id
        HAVING count(*) > 0) END,
    latitude = (SELECT v.latitude FROM opportunities_opportunity_venues ov JOIN providers_venue v ON v.id = ov.venue_id
                WHERE ov.opportunity_id = o.id AND v.latitude IS NOT NULL ORDER BY ov.id LIMIT 1),
    longitude = (SELECT v.longitude FROM opportunities_opportunity_venues ov JOIN providers_venue v ON v.id = ov.venue_id
                 WHERE ov.opportunity_id = o.id AND v.latitude IS NOT NULL ORDER BY ov.id LIMIT 1),
    card = json_build_object(
        'provider', (SELECT p.name FROM providers_provider p WHERE p.id = o.provider_id),
        'personal_assistant', (SELECT p.kind = 'personal_assistant' FROM providers_provider p WHERE p.id = o.provider_id),
        'closed_until', o.closed_until,
        'council_checked', (SELECT json_build_array(s.checked_on, s.valid_until) FROM providers_providercheckstanding s
                            WHERE s.provider_id = o.provider_id AND s.checked_on IS NOT NULL),
        'areas', (SELECT count(*) FROM opportunities_opportunity_areas a WHERE a.opportunity_id = o.id),
        'ward', (SELECT w.name FROM opportunities_opportunity_venues ov JOIN providers_venue v ON v.id = ov.venue_id
                 JOIN places_ward w ON w.id = v.ward_id WHERE ov.opportunity_id = o.id ORDER BY ov.id LIMIT 1),
        'sessions', coalesce((SELECT json_agg(json_build_array(s.weekday, to_char(s.start, 'HH24:MI'),
                                                               to_char(s."end", 'HH24:MI')) ORDER BY s.weekday, s.start)
                              FROM opportunities_session s WHERE s.opportunity_id = o.id), '[]'::json),
        'costs', coalesce((SELECT json_agg(json_build_array(c.amount::text, c.unit, c.label) ORDER BY c.amount)
                           FROM opportunities_cost c WHERE c.opportunity_id = o.id), '[]'::json),
        'features', coalesce((SELECT json_agg(t.name ORDER BY t.support DESC, t.position)
                              FROM (SELECT DISTINCT t.name, t.category = 'support' AS support, t.position
                                    FROM opportunities_feature t
                                    WHERE t.slug IN (%(key_features)s) AND t.id IN (
                                        SELECT feature_id FROM opportunities_opportunity_features
                                        WHERE opportunity_id = o.id
                                        UNION SELECT vf.feature_id FROM opportunities_opportunity_venues ov
                                        JOIN providers_venue_features vf ON vf.venue_id = ov.venue_id
                                        WHERE ov.opportunity_id = o.id)
                                    ORDER BY support DESC, t.position LIMIT 4) t), '[]'::json)
    ),
    indexed_at = now()
WHERE %(all)s OR o.id = ANY(%(ids)s::bigint[])
"""

# The access and support features a result card names (the rest are on the detail page).
KEY_FEATURES = (
    "step-free",
    "changing-places",
    "accessible-toilet",
    "hoist",
    "quiet-space",
    "bsl",
    "makaton",
    "autism-friendly",
    "dementia-friendly",
    "personal-care",
    "one-to-one",
    "transport-provided",
)


# The words of published listings, for "Did you mean …?". A full refresh rebuilds the list; a
# refresh of some listings adds their new words.
_WORDS_SQL = """
INSERT INTO opportunities_searchword (word, listings)
SELECT word, ndoc FROM ts_stat($$
    SELECT to_tsvector('simple', title || ' ' || summary || ' ' || description)
    FROM opportunities_opportunity WHERE status = 'published' AND hidden_as_stale_on IS NULL AND ({where})
$$)
WHERE word ~ '^[a-z]{{3,30}}$'
ON CONFLICT (word) DO UPDATE SET listings = greatest(opportunities_searchword.listings, excluded.listings)
"""


def opportunity_index_refresh(*, ids: Iterable[int] | None = None) -> int:
    """Recompute the search facts of the given opportunities (of all of them when ids is None)."""
    id_list = None if ids is None else [int(i) for i in ids]
    if id_list == []:
        return 0
    _provider_standing_refresh(id_list)
    sql = _REFRESH_SQL.replace("%(key_features)s", ", ".join(f"'{slug}'" for slug in KEY_FEATURES))
    with connection.cursor() as cursor:
        cursor.execute(sql, {"all": id_list is None, "ids": id_list or []})
        refreshed = cursor.rowcount
        if id_list is None:
            cursor.execute("DELETE FROM opportunities_searchword")
            where = "true"
        else:
            where = "id IN (" + ", ".join(str(i) for i in id_list) + ")"  # integers only
        # The narrow text table holds listed ones only (published, not hidden as stale).
        cursor.execute(
            "DELETE FROM opportunities_searchtext WHERE %(all)s OR opportunity_id = ANY(%(ids)s::bigint[])",
            {"all": id_list is None, "ids": id_list or []},
        )
        cursor.execute(
            "INSERT INTO opportunities_searchtext (opportunity_id, search_vector) "
            "SELECT id, search_vector FROM opportunities_opportunity "
            "WHERE status = 'published' AND hidden_as_stale_on IS NULL "
            "AND (%(all)s OR id = ANY(%(ids)s::bigint[]))",
            {"all": id_list is None, "ids": id_list or []},
        )
        cursor.execute(_WORDS_SQL.format(where=where))
    search_index_version_bump()
    return refreshed


def _provider_standing_refresh(id_list: list[int] | None) -> None:
    """The "Council checked" badge on a card depends on the listings too (one that says it gives
    personal care needs a CQC registration), so work the providers' standing out again first.
    Providers never checked have no badge to change."""
    from providers.checks import standing_store
    from providers.models import ProviderCheck

    checked = ProviderCheck.objects.values("provider_id")
    if id_list is not None:
        checked = checked.filter(provider__opportunities__in=id_list)
    standing_store(set(checked.values_list("provider_id", flat=True)))


def search_index_version_bump() -> None:
    """Tell every process that its in-memory copy of the index (opportunities.facets) is stale."""
    import uuid

    from django.utils import timezone

    from .models import Opportunity, SearchIndexVersion

    SearchIndexVersion.objects.update_or_create(
        pk=1,
        defaults={
            "version": uuid.uuid4().hex,
            "listings": Opportunity.objects.listed().count(),
            "refreshed_at": timezone.now(),
        },
    )
