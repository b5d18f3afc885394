"""Periodic tasks: each in its own transaction; one that fails stops none of the others."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlmodel import select

from core.messaging.periodic import PeriodicTask, run_tasks
from core.platform.models import Account
from core.team.schedule import TASKS


def account(sub: str) -> Account:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    return Account(sub=sub, email=f"{sub}@x.example", language="en", created_at=now, updated_at=now)


def add_account(sub: str):
    def run(session) -> int:
        session.add(account(sub))
        session.commit()
        return 1

    return run


def broken(session) -> int:
    session.add(account("half-written"))
    session.flush()
    raise RuntimeError("usage quantity NaN")


def test_a_failing_task_is_logged_rolled_back_and_the_rest_run(engine, caplog):
    tasks = [
        PeriodicTask("first", add_account("first")),
        PeriodicTask("broken", broken),
        PeriodicTask("pair", lambda session: (2, 3), counts=("a", "b")),
        PeriodicTask("last", add_account("last")),
    ]
    with caplog.at_level(logging.ERROR, logger="periodic"):
        done = run_tasks(engine, tasks)
    assert done == {"first": 1, "broken": None, "a": 2, "b": 3, "last": 1}
    assert "periodic task broken failed" in caplog.text
    from core.platform.db import session_scope

    with session_scope(engine) as session:
        subs = set(session.exec(select(Account.sub)))
    assert subs == {"first", "last"}


def test_every_worker_task_is_registered_once():
    names = [task.name for task in TASKS]
    assert len(names) == len(set(names))
    assert {"digests", "usage_days_imported", "overdue_alerts"} <= set(names)
