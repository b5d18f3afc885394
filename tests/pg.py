"""PostgreSQL databases the tests own: created with a random name, dropped afterwards."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, text

from core.db import engine_for

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
PG_SKIP_REASON = (
    "TEST_DATABASE_URL is not set, so the PostgreSQL variant is skipped "
    "(.ci/run sets it; locally: TEST_DATABASE_URL=postgresql+psycopg://user@host/db make test)"
)


@contextmanager
def throwaway_database(prefix: str = "portal_test") -> Iterator[str]:
    """A new, empty database on the server TEST_DATABASE_URL names; no other is touched."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        try:
            yield url
        finally:
            engine_for(url).dispose()
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
