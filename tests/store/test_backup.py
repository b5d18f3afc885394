"""The backup drill: a backup taken while applicants submit and partners top up restores
into a fresh database whole — the rows of its snapshot, the schema, a passing ledger check."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import select

from core.money.ledger import ledger_check
from core.platform.backup import BackupError, Manifest, backup, count_rows, restore
from core.platform.db import engine_for, session_scope
from core.platform.migrate import current_revision, head_revision
from core.platform.models import LedgerEntry
from tests.factories import granted, partner_with_customers, submit, topped_up
from tests.pg import throwaway_database

PARTNER = "partner@reseller.example"


@contextmanager
def empty_database(database_url: str, tmp_path):
    """A new, empty database on the same kind of server as ``database_url``."""
    if database_url.startswith("sqlite"):
        (tmp_path / "restored").mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{tmp_path / 'restored' / 'partner.db'}"
    else:
        with throwaway_database("portal_restore") as url:
            yield url


def applicant(n: int):
    from core.platform.demo import demo_claims
    from core.platform.identity import identity_from_claims
    from core.platform.settings import get_settings

    email = f"applicant{n}@drill.example"
    claims = {**demo_claims("eligible@acme.example"), "sub": email, "email": email}
    return identity_from_claims(claims, get_settings())


@contextmanager
def busy(engine):
    """Applicants submitting and a partner topping up, in two threads, until the block ends."""
    active, _ = partner_with_customers(engine, PARTNER)
    granted(engine, 1_000_000_000, key="drill-grant")
    stop = threading.Event()
    done = {"applications": 0, "top-ups": 0}

    def applicants():
        while not stop.is_set():
            with session_scope(engine) as session:
                submit(session, applicant(done["applications"]))
            done["applications"] += 1

    def top_ups():
        while not stop.is_set():
            topped_up(engine, active, f"drill-topup-{done['top-ups']}")
            done["top-ups"] += 1

    threads = [threading.Thread(target=run) for run in (applicants, top_ups)]
    for thread in threads:
        thread.start()
    try:
        yield done
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)


def wait_until(done: dict, **at_least: int) -> None:
    import time

    deadline = time.monotonic() + 60
    while any(done[k.replace("_", "-")] < n for k, n in at_least.items()):
        assert time.monotonic() < deadline, done
        time.sleep(0.05)


def test_a_backup_taken_under_writes_restores_whole(engine, database_url, tmp_path):
    target = tmp_path / "partner.backup"
    with busy(engine) as done:
        wait_until(done, applications=5, top_ups=5)
        manifest = backup(database_url, target)
        wait_until(done, applications=done["applications"] + 3, top_ups=done["top-ups"] + 3)
    with engine.connect() as connection:
        after = count_rows(connection)
    # The writers went on after the snapshot: the source has moved past the backup.
    assert after["application"] > manifest.counts["application"] >= 5
    assert after["ledger_entry"] > manifest.counts["ledger_entry"] >= 2 + 2 * 5

    with empty_database(database_url, tmp_path) as fresh:
        restored = restore(target, fresh)
        assert restored.counts == manifest.counts
        with create_engine(fresh).connect() as connection:
            assert count_rows(connection) == manifest.counts  # counted again, independently
        assert current_revision(fresh) == head_revision()
        with session_scope(engine_for(fresh)) as session:
            assert ledger_check(session) == []
            copied = session.exec(select(LedgerEntry).order_by(LedgerEntry.id)).all()
        with session_scope(engine) as session:
            source = session.exec(select(LedgerEntry).order_by(LedgerEntry.id)).all()
        # The copy is the source as it was: its entries, in order, unchanged.
        assert [e.model_dump() for e in copied] == [e.model_dump() for e in source[: len(copied)]]
        engine_for(fresh).dispose()


def test_a_restore_refuses_a_changed_file_and_a_database_in_use(engine, database_url, tmp_path):
    partner_with_customers(engine, PARTNER)
    target = tmp_path / "partner.backup"
    backup(database_url, target)
    with pytest.raises(BackupError, match="exists already"):
        backup(database_url, target)
    with pytest.raises(BackupError, match="not empty"):
        restore(target, database_url)

    manifest = Manifest.read(target)
    short = Manifest(**{**manifest.__dict__, "counts": {**manifest.counts, "account": 99}})
    short.write(target)
    with (
        empty_database(database_url, tmp_path) as fresh,
        pytest.raises(BackupError, match=r"account \(\d+ rows, 99 expected\)"),
    ):
        restore(target, fresh)  # a copy that does not hold its snapshot's rows fails

    manifest.write(target)
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    with empty_database(database_url, tmp_path / "second") as fresh:
        with pytest.raises(BackupError, match="checksum differs"):
            restore(target, fresh)
        with create_engine(fresh).connect() as connection:
            tables = connection.execute(
                text("SELECT name FROM sqlite_master WHERE type='table'")
                if fresh.startswith("sqlite")
                else text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).all()
        assert tables == []  # refused before anything was written


def test_the_operator_commands_back_up_restore_and_report(engine, database_url, tmp_path):
    import os
    import subprocess
    import sys

    from core.platform.paths import PROJECT_ROOT

    partner_with_customers(engine, PARTNER)
    engine.dispose()

    def core(*args: str, url: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "DATABASE_URL": url}
        return subprocess.run(
            [sys.executable, "-m", "core", *args],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    target = tmp_path / "nightly.backup"
    taken = core("backup", str(target), url=database_url)
    assert taken.returncode == 0, taken.stderr
    assert "Backed up" in taken.stdout and "(schema " in taken.stdout
    with empty_database(database_url, tmp_path) as fresh:
        restored = core("restore", str(target), url=fresh)
        assert restored.returncode == 0, restored.stderr
        assert "every table has the rows of the backup's snapshot" in restored.stdout
        assert "Schema at the latest revision" in restored.stdout
        assert "Ledger check passed." in restored.stdout
        again = core("restore", str(target), url=fresh)
        assert again.returncode == 1 and "not empty" in again.stderr
        engine_for(fresh).dispose()
