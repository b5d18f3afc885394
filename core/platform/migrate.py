"""Apply Alembic migrations to a database URL."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from core.platform.db import engine_for
from core.platform.paths import PROJECT_ROOT


def alembic_config(database_url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str) -> None:
    """Bring the schema at ``database_url`` to the latest revision."""
    if database_url.startswith("sqlite:///"):
        from pathlib import Path

        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(database_url), "head")
    # Closing SQLite's last connection folds the write-ahead log into the file.
    engine_for(database_url).dispose()


def head_revision() -> str:
    """The latest revision the code's migrations know."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("")).get_current_head() or ""


def current_revision(database_url: str) -> str | None:
    """The revision the database at ``database_url`` is at (None: not migrated)."""
    from alembic.runtime.migration import MigrationContext

    with engine_for(database_url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
