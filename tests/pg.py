"""PostgreSQL the tests own: databases with random names, and whole throwaway clusters."""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from core.platform.db import engine_for

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


def _postgres_binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


@dataclass
class ThrowawayCluster:
    """A PostgreSQL server of a test's own: its own data folder and port, stopped at will."""

    directory: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            _postgres_binary("pg_ctl") or "pg_ctl",
            "-D", str(self.directory / "data"),
            "-o", options,
            "-l", str(self.directory / "server.log"),
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run(
            _postgres_binary("pg_ctl") or "pg_ctl",
            "-D", str(self.directory / "data"),
            "-m", "fast", "-w", "stop",
        )  # fmt: skip


@contextmanager
def throwaway_cluster() -> Iterator[ThrowawayCluster]:
    """initdb + pg_ctl in a temporary folder on a free port; the machine's server is untouched."""
    initdb = _postgres_binary("initdb")
    if initdb is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    from tests.e2e.stack import free_port

    directory = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    cluster = ThrowawayCluster(directory=directory, port=free_port())
    try:
        cluster._run(
            initdb, "-D", str(directory / "data"), "-A", "trust", "-U", "postgres", "--no-sync"
        )
        cluster.start()
        yield cluster
    finally:
        with suppress(subprocess.CalledProcessError):  # already stopped
            cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)
