"""The search's working copy of every published listing's facts, held in memory as arrays.

Counting how many listings each of some 140 filter options would give, over tens of thousands
of matches, is too slow row by row in SQL on a small machine (see README, "Performance"); as
columns in memory it takes milliseconds. The copy is rebuilt whenever `search_index` records a
new version, which each search checks with one small query, so every process (and every app
server) sees a change as soon as it is refreshed.

Free text stays in PostgreSQL (its GIN index finds the matching listings and ranks them); the
result cards are read from the database by id.
"""

import math
import threading
from dataclasses import dataclass

import numpy as np
from django.db import connection

EARTH_RADIUS_MILES = 3958.8
DELIVERY_VALUES = ["venue", "community", "home", "online"]

_LOAD_SQL = """
SELECT id, interest_ids, feature_ids, audience_ids, payment_ids, ward_ids, constituency_ids, slots,
       delivery, is_free, vacancies = 'yes', cost_per_session, min_age, max_age, latitude, longitude,
       extract(epoch FROM updated_at),
       provider_id IN (SELECT id FROM providers_provider WHERE kind = 'personal_assistant')
FROM opportunities_opportunity
WHERE status = 'published' AND hidden_as_stale_on IS NULL
ORDER BY title, id
"""

# Array facets: (name in the search, column position in _LOAD_SQL, reference table of its values)
ARRAY_FACETS = [
    ("interest", 1, "opportunities_interest"),
    ("access", 2, "opportunities_feature"),
    ("group", 3, "opportunities_audiencegroup"),
    ("payment", 4, "opportunities_paymentroute"),
    ("ward", 5, "places_ward"),
    ("constituency", 6, "places_constituency"),
]


@dataclass
class Columns:
    """Published listings in title order: position i is the i-th listing by name."""

    version: str
    ids: np.ndarray  # int64
    matrices: dict[str, np.ndarray]  # facet -> bool (n, number of values)
    weights: dict[str, np.ndarray]  # the same as float32, so counting is one matrix-vector product
    value_ids: dict[str, list[int]]  # facet -> the value id behind each matrix column
    slots: np.ndarray  # bool (n, 7, 3): weekday, part of day
    delivery: np.ndarray  # bool (n, 4)
    free: np.ndarray
    vacancies: np.ndarray
    assistant: np.ndarray  # offered by a Personal Assistant
    cost: np.ndarray  # float, NaN when unknown
    min_age: np.ndarray  # -1 when none
    max_age: np.ndarray  # 999 when none
    latitude: np.ndarray  # NaN when no venue
    longitude: np.ndarray
    updated_order: np.ndarray  # positions, most recently updated first
    all_counts: dict | None = None  # the counts with no filters, worked out once per version

    def positions(self, listing_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the given listing ids, and which of the ids were found (vectorised)."""
        order = self.id_order
        sorted_ids = self.ids[order]
        slots = np.searchsorted(sorted_ids, listing_ids)
        slots = np.minimum(slots, max(len(sorted_ids) - 1, 0))
        found = (sorted_ids[slots] == listing_ids) if len(sorted_ids) else np.zeros(len(listing_ids), bool)
        return order[slots[found]], found

    @property
    def id_order(self) -> np.ndarray:
        if self._id_order is None:
            self._id_order = np.argsort(self.ids, kind="stable")
        return self._id_order

    _id_order: np.ndarray | None = None

    @property
    def size(self) -> int:
        return len(self.ids)


_lock = threading.Lock()
_columns: Columns | None = None


def columns(version: str) -> Columns:
    """The in-memory copy for this index version, rebuilt when the version has moved on."""
    global _columns
    current = _columns
    if current is not None and current.version == version:
        return current
    with _lock:
        if _columns is None or _columns.version != version:
            _columns = _load(version)
        return _columns


def _load(version: str) -> Columns:
    selects = [f"SELECT '{name}', id FROM {table}" for name, _, table in ARRAY_FACETS]  # noqa: S608 (fixed names)
    values_sql = " UNION ALL ".join(selects)
    with connection.cursor() as cursor:
        value_ids: dict[str, list[int]] = {name: [] for name, _, _ in ARRAY_FACETS}
        cursor.execute(f"SELECT * FROM ({values_sql}) v ORDER BY 1, 2")  # noqa: S608 (fixed table names)
        for name, value_id in cursor.fetchall():
            value_ids[name].append(value_id)
        cursor.execute(_LOAD_SQL)
        rows = cursor.fetchall()
    n = len(rows)
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=n)
    matrices = {}
    for name, column, _ in ARRAY_FACETS:
        index = {value: i for i, value in enumerate(value_ids[name])}
        matrix = np.zeros((n, len(index)), dtype=bool)
        row_numbers, value_numbers = [], []
        for i, row in enumerate(rows):
            for value in row[column] or ():
                if value in index:
                    row_numbers.append(i)
                    value_numbers.append(index[value])
        matrix[row_numbers, value_numbers] = True
        matrices[name] = matrix
    slots = np.zeros((n, 21), dtype=bool)
    slot_rows = [(i, s) for i, row in enumerate(rows) for s in row[7] or () if 0 <= s < 21]
    if slot_rows:
        slots[tuple(zip(*slot_rows, strict=True))] = True
    delivery = np.zeros((n, len(DELIVERY_VALUES)), dtype=bool)
    for i, row in enumerate(rows):
        for mode in row[8] or ():
            if mode in DELIVERY_VALUES:
                delivery[i, DELIVERY_VALUES.index(mode)] = True

    def floats(column):
        return np.array(
            [math.nan if row[column] is None else float(row[column]) for row in rows], dtype=float
        )

    updated = floats(16)
    return Columns(
        version=version,
        ids=ids,
        matrices=matrices,
        weights={name: matrix.astype(np.float32) for name, matrix in matrices.items()},
        value_ids=value_ids,
        slots=slots.reshape(n, 7, 3),
        delivery=delivery,
        free=np.array([bool(row[9]) for row in rows], dtype=bool),
        vacancies=np.array([bool(row[10]) for row in rows], dtype=bool),
        assistant=np.array([bool(row[17]) for row in rows], dtype=bool),
        cost=floats(11),
        min_age=np.array([-1 if row[12] is None else row[12] for row in rows], dtype=np.int16),
        max_age=np.array([999 if row[13] is None else row[13] for row in rows], dtype=np.int16),
        latitude=floats(14),
        longitude=floats(15),
        updated_order=np.argsort(-np.nan_to_num(updated, nan=-math.inf), kind="stable"),
    )


def miles_from(cols: Columns, latitude: float, longitude: float) -> np.ndarray:
    """Great-circle distance in miles from a point to every listing (NaN where no venue)."""
    lat1, lat2 = math.radians(latitude), np.radians(cols.latitude)
    dlat = lat2 - lat1
    dlng = np.radians(cols.longitude - longitude)
    a = np.sin(dlat / 2) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def column_counts(weights: np.ndarray, rows: np.ndarray | None) -> np.ndarray:
    """How many of the given rows (all rows when None) have each column set."""
    if rows is None:
        return weights.sum(axis=0)
    return rows.astype(np.float32) @ weights  # BLAS: no copy of the selected rows
