"""Checks the worker makes on a schedule, each result kept for operators to watch.

The ledger check runs once a day (whichever worker comes first after a day has
passed); its time, result and number of broken invariants stay in
``scheduled_check``, which the metrics endpoint reports and an alert watches.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlmodel import Session

from core.money.ledger import ledger_check
from core.platform.clock import utcnow
from core.platform.models import ScheduledCheck

log = logging.getLogger("checks")
LEDGER = "ledger"
DAILY = timedelta(days=1)


def record_check(session: Session, name: str, problems: int, now: datetime) -> ScheduledCheck:
    row = session.get(ScheduledCheck, name) or ScheduledCheck(name=name, passed=True)
    row.ran_at, row.passed, row.problems = now, problems == 0, problems
    session.add(row)
    return row


def daily_ledger_check(session: Session, now: datetime | None = None) -> int:
    """Run the ledger check when a day has passed since the last run: 1 ran, 0 not due."""
    now = now or utcnow()
    last = session.get(ScheduledCheck, LEDGER)
    if last is not None and now - last.ran_at < DAILY:
        return 0
    problems = ledger_check(session)
    for problem in problems:
        log.error("ledger check: %s: %s", problem.rule, ", ".join(map(str, problem.ids)))
    record_check(session, LEDGER, len(problems), now)
    return 1
