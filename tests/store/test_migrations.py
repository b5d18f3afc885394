"""The migrations build exactly the tables the models describe, and step back cleanly."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from core.platform.db import engine_for
from core.platform.migrate import alembic_config, upgrade
from tests.pg import PG_SKIP_REASON, PG_URL, throwaway_database


def _differences(url: str) -> list:
    engine = engine_for(url)
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)


def _round_trip(url: str) -> None:
    upgrade(url)
    assert _differences(url) == []
    command.downgrade(alembic_config(url), "0014")
    upgrade(url)
    assert _differences(url) == []


def test_sqlite_schema_matches_the_models_and_the_last_step_goes_back(tmp_path):
    _round_trip(f"sqlite:///{tmp_path / 'm.db'}")


@pytest.mark.postgres
def test_postgresql_schema_matches_the_models_and_the_last_step_goes_back():
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    with throwaway_database() as url:
        _round_trip(url)
