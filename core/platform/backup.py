"""Backups an operator can trust: one consistent snapshot, and a restore that proves it is whole.

``backup`` writes the database (PostgreSQL: ``pg_dump`` custom format; SQLite: the
online backup API) and, next to it, a manifest: the file's SHA-256, the schema
revision and every table's row count, counted in the same snapshot the copy was
taken from. ``restore`` refuses a file whose checksum differs and a database
that is not empty, restores, then compares each table's rows with the manifest:
a copy that lost the last ledger entries fails here, not when a partner asks.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, create_engine, func, inspect, make_url, select, text
from sqlmodel import SQLModel

from core.platform import models  # noqa: F401  (every table registered for counting)

VERSION_TABLE = "alembic_version"


class BackupError(Exception):
    """What stopped a backup or a restore, in words for the operator."""


@dataclass(frozen=True)
class Manifest:
    format: str
    taken_at: str
    revision: str
    sha256: str
    counts: dict[str, int]

    @staticmethod
    def path_for(backup: Path) -> Path:
        return backup.with_name(backup.name + ".manifest.json")

    def write(self, backup: Path) -> Path:
        path = self.path_for(backup)
        path.write_text(json.dumps(self.__dict__, indent=2, sort_keys=True), encoding="utf-8")
        return path

    @classmethod
    def read(cls, backup: Path) -> Manifest:
        path = cls.path_for(backup)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            manifest = cls(**raw)
        except (OSError, ValueError, TypeError) as error:
            raise BackupError(f"{path} is missing or unreadable ({error})") from error
        if not all(isinstance(n, int) for n in manifest.counts.values()):
            raise BackupError(f"{path} has counts that are not whole numbers")
        return manifest


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    counts: dict[str, int]


def _tables() -> list[str]:
    return sorted(SQLModel.metadata.tables)


def count_rows(connection: Connection) -> dict[str, int]:
    """Every table's rows, as ``connection``'s transaction sees them."""
    present = set(inspect(connection).get_table_names())
    return {
        name: int(connection.execute(select(func.count()).select_from(text(name))).scalar_one())
        for name in _tables()
        if name in present
    }


def _revision(connection: Connection) -> str:
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar_one()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_file(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def postgres_tool(name: str) -> str:
    """``pg_dump``/``pg_restore`` of the newest installed PostgreSQL (they must not be older
    than the server)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    tool = found[-1] if found else shutil.which(name)
    if tool is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return tool


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URL without its password, and the environment that carries it."""
    parsed = make_url(url)
    env = {**os.environ}
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def backup(database_url: str, target: Path) -> Manifest:
    """Copy the database to ``target`` in one snapshot; write its manifest beside it."""
    target = target.resolve()
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file")
    target.parent.mkdir(parents=True, exist_ok=True)
    if _is_sqlite(database_url):
        fmt, revision, counts = "sqlite", *_backup_sqlite(database_url, target)
    else:
        fmt, revision, counts = "pg_dump-custom", *_backup_postgres(database_url, target)
    manifest = Manifest(
        format=fmt,
        taken_at=datetime.now(UTC).isoformat(timespec="seconds"),
        revision=revision,
        sha256=_sha256(target),
        counts=counts,
    )
    manifest.write(target)
    return manifest


def _backup_sqlite(url: str, target: Path) -> tuple[str, dict[str, int]]:
    source = sqlite3.connect(_sqlite_file(url), isolation_level=None)
    copy = sqlite3.connect(target)
    try:
        source.execute("BEGIN")  # one read snapshot: the counts and the copy agree
        present = {
            name for (name,) in source.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        counts = {
            name: source.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in _tables()
            if name in present
        }
        revision = source.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()[0]
        source.backup(copy)  # in one step, through the snapshot this connection holds
        source.execute("COMMIT")
    finally:
        copy.close()
        source.close()
    return revision, counts


def _backup_postgres(url: str, target: Path) -> tuple[str, dict[str, int]]:
    engine = create_engine(url, isolation_level="REPEATABLE READ")
    dsn, env = _libpq(url)
    try:
        with engine.connect() as connection:
            # The dump reads the very snapshot this transaction counted in.
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            counts, revision = count_rows(connection), _revision(connection)
            dumped = subprocess.run(
                [
                    postgres_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    dsn,
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
    finally:
        engine.dispose()
    if dumped.returncode != 0:
        target.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {dumped.stderr.strip()}")
    return revision, counts


def _refuse_unless_empty(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = inspect(connection).get_table_names()
    finally:
        engine.dispose()
    if tables:
        raise BackupError(
            f"the database is not empty ({len(tables)} tables, e.g. {sorted(tables)[0]}); "
            "restore only into a new, empty database"
        )


def restore(source: Path, database_url: str) -> Restored:
    """Restore ``source`` into the empty database at ``database_url`` and prove it whole."""
    source = source.resolve()
    if not source.is_file():
        raise BackupError(f"{source} does not exist")
    manifest = Manifest.read(source)
    if _sha256(source) != manifest.sha256:
        raise BackupError(f"{source} is not the file its manifest describes (checksum differs)")
    sqlite_target = _is_sqlite(database_url)
    if sqlite_target != (manifest.format == "sqlite"):
        raise BackupError(f"a {manifest.format} backup cannot be restored into this database")
    if sqlite_target:
        _sqlite_file(database_url).parent.mkdir(parents=True, exist_ok=True)
    _refuse_unless_empty(database_url)
    if sqlite_target:
        _restore_sqlite(source, database_url)
    else:
        _restore_postgres(source, database_url)
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            counts = count_rows(connection)
    finally:
        engine.dispose()
    if counts != manifest.counts:
        differ = sorted(
            name
            for name in set(counts) | set(manifest.counts)
            if counts.get(name) != manifest.counts.get(name)
        )
        raise BackupError(
            "the restored database differs from the backup's snapshot in: "
            + ", ".join(
                f"{name} ({counts.get(name)} rows, {manifest.counts.get(name)} expected)"
                for name in differ
            )
        )
    return Restored(manifest=manifest, counts=counts)


def _restore_sqlite(source: Path, url: str) -> None:
    target = _sqlite_file(url)
    backup_file = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    database = sqlite3.connect(target)
    try:
        backup_file.backup(database)
    finally:
        database.close()
        backup_file.close()


def _restore_postgres(source: Path, url: str) -> None:
    dsn, env = _libpq(url)
    restored = subprocess.run(
        [
            postgres_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={dsn}",
            str(source),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if restored.returncode != 0:
        raise BackupError(f"pg_restore failed: {restored.stderr.strip()}")
