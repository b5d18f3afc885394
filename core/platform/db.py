"""Engines, sessions and the column types every table shares."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from core.platform.settings import SETTINGS, Settings, get_settings


def _make_engine(url: str) -> Engine:
    # Bound parameters hold emails, names and notes: never in logs or error text.
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,
        )
        _serialise_sqlite_writers(engine)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=5, max_overflow=10, hide_parameters=True
    )


def _serialise_sqlite_writers(engine: Engine) -> None:
    # pysqlite opens transactions lazily and upgrades read locks to write
    # locks, which fails at once under contention instead of waiting. Taking
    # the write lock at BEGIN lets the busy timeout queue concurrent writers.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    return _make_engine(url)


def get_engine() -> Engine:
    return engine_for(get_settings().database_url)


@contextmanager
def session_scope(
    engine: Engine | None = None, settings: Settings | None = None
) -> Iterator[Session]:
    """One unit of work: what the block writes is committed when it ends without an
    error, and none of it otherwise. Use cases take the session and never commit; the
    settings they work under travel with it (``settings_of``), given by whoever opens it.

    Closing (not expiring) keeps loaded objects readable after the block.
    """
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        session.info[SETTINGS] = settings or get_settings()
        yield session
        session.commit()
