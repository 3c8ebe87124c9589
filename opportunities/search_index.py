"""Keep each opportunity's search facts on its own row.

Search filters, facet counts and result cards read only the opportunity table, so a search
costs the same few queries however many venues, sessions and tags there are. Every write that
changes what a listing shows calls `opportunity_index_refresh` for the listings it touched.
"""

from collections.abc import Iterable

from django.db import connection

# One statement, set-based, so refreshing 100,000 listings is one pass rather than 100,000 saves.
_REFRESH_SQL = """
WITH target AS (
    SELECT id FROM opportunities_opportunity WHERE %(all)s OR id = ANY(%(ids)s)
),
interests AS (
    SELECT oi.opportunity_id,
           array_agg(oi.interest_id ORDER BY oi.interest_id) AS ids,
           string_agg(i.name, ' ') AS names
    FROM opportunities_opportunity_interests oi
    JOIN opportunities_interest i ON i.id = oi.interest_id
    WHERE oi.opportunity_id IN (SELECT id FROM target)
    GROUP BY oi.opportunity_id
),
features AS (
    SELECT f.opportunity_id,
           array_agg(DISTINCT f.feature_id) AS ids,
           (array_agg(t.name ORDER BY t.category = 'support' DESC, t.position)
               FILTER (WHERE t.slug IN (%(key_features)s)))[1:4] AS key_names
    FROM (
        SELECT opportunity_id, feature_id FROM opportunities_opportunity_features
        WHERE opportunity_id IN (SELECT id FROM target)
        UNION
        SELECT ov.opportunity_id, vf.feature_id
        FROM opportunities_opportunity_venues ov
        JOIN providers_venue_features vf ON vf.venue_id = ov.venue_id
        WHERE ov.opportunity_id IN (SELECT id FROM target)
    ) f
    JOIN opportunities_feature t ON t.id = f.feature_id
    GROUP BY f.opportunity_id
),
audiences AS (
    SELECT opportunity_id, array_agg(audiencegroup_id ORDER BY audiencegroup_id) AS ids
    FROM opportunities_opportunity_audiences
    WHERE opportunity_id IN (SELECT id FROM target)
    GROUP BY opportunity_id
),
payments AS (
    SELECT opportunity_id, array_agg(paymentroute_id ORDER BY paymentroute_id) AS ids
    FROM opportunities_opportunity_payment_routes
    WHERE opportunity_id IN (SELECT id FROM target)
    GROUP BY opportunity_id
),
places AS (
    SELECT ov.opportunity_id,
           array_agg(DISTINCT v.ward_id) FILTER (WHERE v.ward_id IS NOT NULL) AS ward_ids,
           array_agg(DISTINCT w.constituency_id) FILTER (WHERE w.constituency_id IS NOT NULL)
               AS constituency_ids,
           (array_agg(v.latitude ORDER BY ov.id) FILTER (WHERE v.latitude IS NOT NULL))[1] AS latitude,
           (array_agg(v.longitude ORDER BY ov.id) FILTER (WHERE v.latitude IS NOT NULL))[1] AS longitude,
           (array_agg(w.name ORDER BY ov.id) FILTER (WHERE w.name IS NOT NULL))[1] AS ward_name
    FROM opportunities_opportunity_venues ov
    JOIN providers_venue v ON v.id = ov.venue_id
    LEFT JOIN places_ward w ON w.id = v.ward_id
    WHERE ov.opportunity_id IN (SELECT id FROM target)
    GROUP BY ov.opportunity_id
),
times AS (
    SELECT opportunity_id,
           array_agg(DISTINCT (weekday * 3 + CASE WHEN start < '12:00' THEN 0
                                                  WHEN start < '17:00' THEN 1 ELSE 2 END)::smallint)
               AS slots,
           min(EXTRACT(EPOCH FROM ("end" - start)) / 3600.0) AS shortest_hours,
           json_agg(json_build_array(weekday, to_char(start, 'HH24:MI'), to_char("end", 'HH24:MI'))
                    ORDER BY weekday, start) AS sessions
    FROM opportunities_session
    WHERE opportunity_id IN (SELECT id FROM target)
    GROUP BY opportunity_id
),
prices AS (
    -- What one visit costs the person: an hourly price counts for the shortest session (or an
    -- hour); a free place for a carer or supporter alongside a paid price does not make it free.
    SELECT c.opportunity_id,
           coalesce(min(CASE c.unit WHEN 'hour' THEN c.amount * greatest(coalesce(t.shortest_hours, 1), 1)
                                    ELSE c.amount END) FILTER (WHERE c.amount > 0), 0) AS per_session,
           json_agg(json_build_array(c.amount::text, c.unit, c.label) ORDER BY c.amount) AS costs
    FROM opportunities_cost c
    LEFT JOIN times t ON t.opportunity_id = c.opportunity_id
    WHERE c.opportunity_id IN (SELECT id FROM target)
    GROUP BY c.opportunity_id
)
UPDATE opportunities_opportunity o SET
    search_vector =
        setweight(to_tsvector('english', o.title), 'A')
        || setweight(to_tsvector('english', o.summary || ' ' || coalesce(i.names, '')), 'B')
        || setweight(to_tsvector('english', o.description || ' ' || coalesce(p.name, '')), 'C'),
    interest_ids = coalesce(i.ids, '{}'),
    feature_ids = coalesce(f.ids, '{}'),
    audience_ids = coalesce(a.ids, '{}'),
    payment_ids = coalesce(pay.ids, '{}'),
    ward_ids = coalesce(pl.ward_ids, '{}'),
    constituency_ids = coalesce(pl.constituency_ids, '{}'),
    slots = CASE WHEN o.by_arrangement THEN (SELECT array_agg(s::smallint) FROM generate_series(0, 20) s)
                 ELSE coalesce(t.slots, '{}') END,
    cost_per_session = CASE WHEN o.is_free THEN 0 ELSE pr.per_session END,
    latitude = pl.latitude,
    longitude = pl.longitude,
    card = json_build_object(
        'provider', p.name,
        'ward', pl.ward_name,
        'sessions', coalesce(t.sessions, '[]'::json),
        'costs', coalesce(pr.costs, '[]'::json),
        'features', coalesce(to_json(f.key_names), '[]'::json)
    ),
    indexed_at = now()
FROM target tg
LEFT JOIN providers_provider p ON p.id = (SELECT provider_id FROM opportunities_opportunity
                                          WHERE id = tg.id)
LEFT JOIN interests i ON i.opportunity_id = tg.id
LEFT JOIN features f ON f.opportunity_id = tg.id
LEFT JOIN audiences a ON a.opportunity_id = tg.id
LEFT JOIN payments pay ON pay.opportunity_id = tg.id
LEFT JOIN places pl ON pl.opportunity_id = tg.id
LEFT JOIN times t ON t.opportunity_id = tg.id
LEFT JOIN prices pr ON pr.opportunity_id = tg.id
WHERE o.id = tg.id
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
    FROM opportunities_opportunity WHERE status = 'published' AND ({where})
$$)
WHERE word ~ '^[a-z]{{3,30}}$'
ON CONFLICT (word) DO UPDATE SET listings = greatest(opportunities_searchword.listings, excluded.listings)
"""


def opportunity_index_refresh(*, ids: Iterable[int] | None = None) -> int:
    """Recompute the search facts of the given opportunities (of all of them when ids is None)."""
    id_list = None if ids is None else [int(i) for i in ids]
    if id_list == []:
        return 0
    sql = _REFRESH_SQL.replace("%(key_features)s", ", ".join(f"'{slug}'" for slug in KEY_FEATURES))
    with connection.cursor() as cursor:
        cursor.execute(sql, {"all": id_list is None, "ids": id_list or []})
        refreshed = cursor.rowcount
        if id_list is None:
            cursor.execute("DELETE FROM opportunities_searchword")
            where = "true"
        else:
            where = "id IN (" + ", ".join(str(i) for i in id_list) + ")"  # integers only
        cursor.execute(_WORDS_SQL.format(where=where))
    return refreshed
