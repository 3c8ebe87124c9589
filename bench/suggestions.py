"""`python -m bench.suggestions`: how fast are a person's suggestions with 10,000 and 100,000
opportunities, and do they take the same few queries at both sizes?

It uses the search benchmark's databases (bench/run.py: one per size, filled once with the demo
generator and reused), adds a fixed, seeded set of invented profiles to each, times
`citizens.suggestions.profile_suggestions()` and the whole page (/people/<uuid>/suggestions/,
through django.test.Client with every middleware, DEBUG off, signed in as the profiles' social
worker), counts the queries of each, and removes the profiles again. It prints a table and
writes bench/suggestions.json.

    python -m bench.suggestions                      # both sizes
    BENCH_SIZES=10000 python -m bench.suggestions    # one size
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from .run import BASE_DIR, BENCH_DIR, SEED, SIZES, database_env, label, percentile, summary

PROFILES = 60  # timed profiles per size
WARMUP = 5  # untimed first
NAME_PREFIX = "Bench person"
WORKER_EMAIL = "bench-social-worker@bench.invalid"
# Needs people often must have; most profiles have none or one, some two.
COMMON_NEEDS = [
    "step-free",
    "accessible-toilet",
    "quiet-space",
    "hearing-loop",
    "autism-friendly",
    "changing-places",
]
TRAVEL = [None, "1", "2", "3", "5"]
BUDGETS = [None, "20", "40", "80"]
TARGET_MAX_QUERIES = 4  # the engine: index version, profile facts, postcode, top rows


# --- The parent: one child per size ------------------------------------------------------------
def parent(args) -> int:
    started = time.monotonic()
    runs = []
    for size in [int(s) for s in args.sizes.split(",")]:
        env, where = database_env(size)
        print(f"\n=== {size:,} opportunities: {where} ===", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = Path(handle.name)
        command = [sys.executable, "-m", "bench.suggestions", "--worker", str(size), "--out", str(out),
                   "--profiles", str(args.profiles), "--warmup", str(args.warmup),
                   "--seed", str(args.seed)]  # fmt: skip
        child = subprocess.run(command, env=env, cwd=BASE_DIR, check=False)  # noqa: S603
        if child.returncode != 0:
            print(f"The benchmark at {size:,} failed (exit status {child.returncode}).", file=sys.stderr)
            return child.returncode
        run = json.loads(out.read_text())
        out.unlink()
        run["database"]["where"] = where
        runs.append(run)
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "settings": {"profiles": args.profiles, "warmup": args.warmup, "seed": args.seed, "debug": False},
        "sizes": {str(run["size"]): run for run in runs},
        "total_seconds": round(time.monotonic() - started, 1),
    }
    # Each kind's queries: the same for every profile and at every size.
    per_kind: dict[str, set] = {}
    for run in runs:
        for kind, found in run["kinds"].items():
            per_kind.setdefault(kind, set()).update({found["queries_min"], found["queries_max"]})
    results["queries_fixed"] = all(len(counts) == 1 for counts in per_kind.values())
    results["engine_queries_at_most_4"] = max(per_kind["engine"]) <= TARGET_MAX_QUERIES
    print_report(results)
    (BENCH_DIR / "suggestions.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWrote bench/suggestions.json ({results['total_seconds']:.0f} s in all).")
    return 0


def print_report(results: dict) -> None:
    print(
        f"\nSuggestions benchmark, {results['date']}: {results['cpu_count']} CPUs; "
        f"{results['settings']['profiles']} profiles timed per size after {results['settings']['warmup']} "
        "warm-up, DEBUG off. Times in ms; db = the time of the engine's own queries."
    )
    header = (
        f"{'size':>5}  {'what':<34}{'n':>4}{'p50':>8}{'p95':>8}{'max':>8}  "
        f"{'queries':<8}{'db p50':>8}{'db p95':>8}"
    )
    for size, run in sorted(results["sizes"].items(), key=lambda item: int(item[0])):
        print(f"\n{int(size):,} opportunities ({run['published']:,} published)")
        print(header)
        print("-" * len(header))
        for kind in run["kinds"].values():
            queries = (
                str(kind["queries_min"])
                if kind["queries_min"] == kind["queries_max"]
                else f"{kind['queries_min']}-{kind['queries_max']}"
            )
            db = kind.get("db") or {}
            db_text = f"{db['p50_ms']:8.1f}{db['p95_ms']:8.1f}" if db else ""
            print(
                f"{label(int(size)):>5}  {kind['name']:<34}{kind['requests']:>4}{kind['p50_ms']:8.1f}"
                f"{kind['p95_ms']:8.1f}{kind['max_ms']:8.1f}  {queries:<8}{db_text}"
            )
        fitting = run["fitting"]
        print(f"       listings meeting every must-have: {fitting['min']:,} to {fitting['max']:,} "
              f"(median {fitting['median']:,}); empty lists: {run['empty']}")  # fmt: skip
    print(
        f"\nQueries the same at every size: {'yes' if results['queries_fixed'] else 'NO'}; engine at most "
        f"{TARGET_MAX_QUERIES} queries: {'yes' if results['engine_queries_at_most_4'] else 'NO'}"
    )


# --- The child: one size, one database ---------------------------------------------------------
def worker(args) -> int:
    import django

    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    from .run import prepare_database

    database = prepare_database(args.worker)
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    host = hosts[0] if hosts else "localhost"
    allowed = settings.ALLOWED_HOSTS if hosts else [*settings.ALLOWED_HOSTS, host]
    with override_settings(DEBUG=False, ALLOWED_HOSTS=allowed):
        run = measure(args, host)
    run["database"] = database
    Path(args.out).write_text(json.dumps(run))
    return 0


def make_profiles(rng: random.Random, count: int, worker_user) -> list:
    """Invented people: a Birmingham postcode, 1 to 3 interests, 0 to 2 must-have needs, 2 to 6
    free slots, how far they go, a budget or none, an age, sometimes who they are."""
    from citizens.services import profile_create
    from opportunities.models import AudienceGroup, Feature, Interest
    from places.models import Postcode

    postcodes = list(
        Postcode.objects.filter(ward__isnull=False).order_by("postcode").values_list("postcode", "ward_id")
    )
    interests = list(Interest.objects.order_by("slug").values_list("id", flat=True))
    needs = dict(Feature.objects.filter(slug__in=COMMON_NEEDS).values_list("slug", "id"))
    audiences = list(AudienceGroup.objects.order_by("slug").values_list("id", flat=True))
    profiles = []
    for number in range(count):
        profile = profile_create(by=worker_user, preferred_name=f"{NAME_PREFIX} {number}")
        postcode, ward_id = rng.choice(postcodes)
        profile.postcode, profile.ward_id = postcode, ward_id
        profile.date_of_birth = date(2026 - rng.randint(18, 85), rng.randint(1, 12), rng.randint(1, 28))
        travel, budget = rng.choice(TRAVEL), rng.choice(BUDGETS)
        profile.travel_miles = Decimal(travel) if travel else None
        profile.weekly_budget = Decimal(budget) if budget else None
        profile.free_slots = sorted(rng.sample(range(21), rng.randint(2, 6)))
        profile.save()
        profile.interests.set(rng.sample(interests, rng.randint(1, 3)))
        profile.needs.set([needs[s] for s in rng.sample(COMMON_NEEDS, rng.choice([0, 0, 1, 1, 2]))])
        if rng.random() < 0.5:
            profile.audiences.set([rng.choice(audiences)])
        profiles.append(profile)
    return profiles


def remove_profiles() -> None:
    from accounts.models import User
    from citizens.models import CitizenProfile

    CitizenProfile.objects.filter(
        preferred_name__startswith=NAME_PREFIX, social_worker__email=WORKER_EMAIL
    ).delete()
    User.objects.filter(email=WORKER_EMAIL).delete()


def measure(args, host: str) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from citizens.suggestions import profile_suggestions
    from opportunities.models import Opportunity

    remove_profiles()  # left by a run that stopped part-way
    worker_user = User.objects.create_user(
        email=WORKER_EMAIL, password=None, role=User.Role.SOCIAL_WORKER, full_name="Bench Social Worker"
    )
    rng = random.Random(args.seed)
    try:
        profiles = make_profiles(rng, args.warmup + args.profiles, worker_user)
        client = Client(HTTP_HOST=host)
        client.force_login(worker_user)
        warmup, timed = profiles[: args.warmup], profiles[args.warmup :]

        def engine(profile):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                found = profile_suggestions(profile=profile)
                elapsed = (time.perf_counter() - started) * 1000
            db = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            return elapsed, len(queries.captured_queries), db, found

        def page(profile):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(f"/people/{profile.uuid}/suggestions/")
                elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"The suggestions page answered {response.status_code}")
            return elapsed, len(queries.captured_queries)

        for profile in warmup:
            engine(profile)
            page(profile)
        gc.collect()
        times, counts, db_times, fitting, empty = [], [], [], [], 0
        for profile in timed:
            elapsed, count, db, found = engine(profile)
            times.append(elapsed)
            counts.append(count)
            db_times.append(db)
            fitting.append(found.fitting)
            empty += not found.items
        page_times, page_counts = [], []
        for profile in timed:
            elapsed, count = page(profile)
            page_times.append(elapsed)
            page_counts.append(count)
        print(
            f"{label(args.worker)}: engine p95 {percentile(times, 0.95):.1f} ms, "
            f"page p95 {percentile(page_times, 0.95):.1f} ms",
            flush=True,
        )
        return {
            "size": args.worker,
            "published": Opportunity.objects.listed().count(),
            "kinds": {
                "engine": {
                    "name": "profile_suggestions()",
                    "requests": len(times),
                    **summary(times),
                    "queries_min": min(counts),
                    "queries_max": max(counts),
                    "db": summary(db_times),
                },
                "page": {
                    "name": "Suggestions page (whole request)",
                    "requests": len(page_times),
                    **summary(page_times),
                    "queries_min": min(page_counts),
                    "queries_max": max(page_counts),
                },
            },
            "fitting": {"min": min(fitting), "median": int(statistics.median(fitting)), "max": max(fitting)},
            "empty": empty,
        }
    finally:
        remove_profiles()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", ",".join(map(str, SIZES))))
    parser.add_argument("--profiles", type=int, default=int(os.environ.get("BENCH_PROFILES", PROFILES)))
    parser.add_argument("--warmup", type=int, default=WARMUP)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.profiles < 1 or args.warmup < 0:
        parser.error("--profiles must be at least 1 and --warmup at least 0")
    return worker(args) if args.worker else parent(args)


if __name__ == "__main__":
    sys.exit(main())
