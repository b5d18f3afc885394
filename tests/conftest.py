"""Shared fixtures: a migrated database on SQLite always, on PostgreSQL when configured."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import core.platform.models  # noqa: F401  (registers every table on SQLModel.metadata)
from core.platform.db import engine_for
from core.platform.migrate import upgrade
from core.platform.settings import get_settings
from tests.pg import PG_SKIP_REASON, PG_URL, throwaway_database

# Every table the migrations create, emptied between PostgreSQL tests.
TABLES = tuple(table.name for table in SQLModel.metadata.sorted_tables)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "partner.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def postgres_ready() -> Iterator[str]:
    """A database of the test run's own on TEST_DATABASE_URL's server, dropped at the end."""
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    with throwaway_database() as url:
        upgrade(url)
        yield url


def _postgres_url(request: pytest.FixtureRequest) -> str:
    url = request.getfixturevalue("postgres_ready")
    with engine_for(url).begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs on SQLite, and on PostgreSQL when configured."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return _postgres_url(request)


@pytest.fixture
def engine(database_url: str) -> Engine:
    return engine_for(database_url)


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> Iterator[str]:
    """Environment for AppTest runs: a fresh SQLite database, local defaults."""
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    get_settings.cache_clear()
    yield sqlite_url
    get_settings.cache_clear()


@pytest.fixture
def mail_server(tmp_path: Path):
    """A real aiosmtpd mail catcher on 127.0.0.1, stopped after the test."""
    from local.mailcatcher import start
    from tests.e2e.stack import free_port

    directory = tmp_path / "mail"
    port = free_port()
    controller = start(directory, port=port)
    controller.directory = directory
    controller.port = port
    yield controller
    controller.stop()


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> str:
    """PostgreSQL only (skipped, saying why, when TEST_DATABASE_URL is not set)."""
    return _postgres_url(request)
