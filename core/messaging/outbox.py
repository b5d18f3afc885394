"""One outbox: rows written with the change they report, delivered later by handlers.

Every kind of delivery (an email, a top-up to billing, anything later) is a row
of its handler's table with the same columns (status, attempts, next attempt,
lease, last error). One path serves them all: claim due rows under a lease,
renew the lease as the ownership check, let the handler hold or send, and
record the outcome — sent, retried with back-off, or failed once the handler
says it is refused or the attempts run out. Each row stands alone: whatever
one delivery raises is that row's failed attempt, never the batch's.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from core.platform.clock import utcnow
from core.platform.logs import mask_address
from core.platform.models import OutboxMessage, OutboxStatus

if TYPE_CHECKING:
    from core.platform.settings import Settings

log = logging.getLogger("outbox")
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class Delivery:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    held: int = 0
    skipped: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed + self.held + self.skipped


class Refused(Exception):
    """The other side refused the delivery itself: sending it again will not help."""


class OutboxHandler:
    """What one kind of delivery does; the outbox does the rest.

    ``model`` is its table; ``send`` delivers one row and returns the columns to
    record with success (raising ``refused`` ends it at once, anything else is a
    failed attempt); ``hold`` may postpone a row before sending (returns until when).
    """

    name = "delivery"
    model: Any = None
    refused: tuple[type[BaseException], ...] = (Refused,)

    def hold(self, session: Session, row, now: datetime) -> datetime | None:
        return None

    def started(self, row, now: datetime) -> None:
        """Mark the row as handed over, in the same commit as the lease (emails: rate limit)."""

    def send(self, row) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self, row) -> str:
        return f"{self.name} {row.id}"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def claim(
    engine: Engine,
    worker: str,
    *,
    lease: timedelta = timedelta(seconds=120),
    limit: int = 20,
    now: datetime | None = None,
    model=OutboxMessage,
) -> list[int]:
    """Atomically lease up to ``limit`` due rows of ``model`` (a handler's table).

    PostgreSQL skips rows another worker has locked; SQLite's writer lock
    (taken at BEGIN) makes the select-and-lease one step.
    """
    now = now or utcnow()
    with Session(engine) as session:
        rows = session.exec(
            select(model.id)
            .where(
                model.status == OutboxStatus.PENDING,
                col(model.next_attempt_at) <= now,
                or_(col(model.claimed_until).is_(None), col(model.claimed_until) < now),
            )
            .order_by(col(model.next_attempt_at), col(model.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        ids = list(rows)
        if ids:
            session.exec(
                update(model)
                .where(col(model.id).in_(ids))
                .values(claimed_by=worker, claimed_until=now + lease)
            )
        session.commit()
    return ids


def backoff(attempts: int, settings: Settings) -> timedelta:
    delay = timedelta(seconds=settings.outbox_backoff_seconds * (2 ** max(attempts - 1, 0)))
    return min(delay, MAX_BACKOFF)


def _why(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


EMAIL_LIKE = re.compile(r"[^\s@<>\"',;:()]+@[^\s@<>\"',;:()]+")


def _loggable(error: BaseException) -> str:
    """The failure as logs may show it: what happened, every address in it masked."""
    return EMAIL_LIKE.sub(lambda m: mask_address(m.group(0)), _why(error))[:500]


def deliver_one(
    engine: Engine, handler: OutboxHandler, row_id: int, worker: str, settings: Settings
) -> str:
    """Deliver one leased row through its handler and record the outcome; returns it."""
    model = handler.model
    now = utcnow()
    with Session(engine, expire_on_commit=False) as session:
        # Renewing the lease is the ownership check: if it lapsed and another
        # worker took the row, this update matches nothing and we stand back.
        renewed = session.exec(
            update(model)
            .where(
                model.id == row_id,
                model.claimed_by == worker,
                model.status == OutboxStatus.PENDING,
            )
            .values(claimed_until=now + timedelta(seconds=settings.outbox_lease_seconds))
        )
        if renewed.rowcount != 1:
            session.commit()
            return "skipped"
        row = session.get(model, row_id)
        held_until = handler.hold(session, row, now)
        if held_until is not None:
            # Held, not dropped: it goes out once the handler's limit has room.
            row.next_attempt_at, row.claimed_until = held_until, None
            session.add(row)
            session.commit()
            return "held"
        handler.started(row, now)
        session.add(row)
        session.commit()
    try:
        values = handler.send(row)
    except Exception as error:  # whatever one delivery raises is its own failed attempt
        return _record_failure(engine, handler, row, worker, settings, error)
    _finish(
        engine,
        handler,
        row,
        worker,
        status=OutboxStatus.SENT,
        sent_at=utcnow(),
        last_error=None,
        **values,
    )
    return OutboxStatus.SENT


def _finish(engine: Engine, handler: OutboxHandler, row, worker: str, **values) -> None:
    model = handler.model
    with Session(engine) as session:
        session.exec(
            update(model)
            .where(model.id == row.id, model.claimed_by == worker)
            .values(claimed_until=None, attempts=row.attempts + 1, **values)
        )
        session.commit()


def _record_failure(engine, handler: OutboxHandler, row, worker, settings, error) -> str:
    attempts = row.attempts + 1
    gave_up = isinstance(error, handler.refused) or attempts >= settings.outbox_max_attempts
    log.warning(
        "%s attempt %s failed%s: %s",
        handler.describe(row),
        attempts,
        " for good" if gave_up else "",
        _loggable(error),
    )
    _finish(
        engine,
        handler,
        row,
        worker,
        status=OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING,
        next_attempt_at=utcnow() + backoff(attempts, settings),
        last_error=_why(error),
    )
    return OutboxStatus.FAILED if gave_up else "retry"


def deliver_due(
    engine: Engine, handler: OutboxHandler, settings: Settings, worker: str | None = None
) -> Delivery:
    """Claim one batch of the handler's due rows and deliver each on its own."""
    worker = worker or worker_name()
    outcome = {"sent": 0, "retry": 0, "failed": 0, "skipped": 0, "held": 0}
    lease = timedelta(seconds=settings.outbox_lease_seconds)
    for row_id in claim(engine, worker, lease=lease, model=handler.model):
        outcome[deliver_one(engine, handler, row_id, worker, settings)] += 1
    return Delivery(
        sent=outcome["sent"],
        retried=outcome["retry"],
        failed=outcome["failed"],
        held=outcome["held"],
        skipped=outcome["skipped"],
    )


def run_worker(
    engine: Engine,
    settings: Settings,
    stop: threading.Event,
    handlers: Sequence[OutboxHandler],
    poll_seconds: float = 1.0,
    periodic: Callable[[], object] | None = None,
    period_seconds: float = 300.0,
    observe: Callable[[str, Delivery], None] | None = None,
) -> None:
    """Deliver every handler's rows until ``stop`` is set; the row in hand is finished first.

    ``periodic`` (if given) runs every ``period_seconds``: what must happen when a
    time passes rather than on an event (core.messaging.periodic). ``observe`` (if
    given) hears each handler's outcome (the worker's metrics).
    """
    import time

    worker = worker_name()
    log.info("outbox worker %s started", worker)
    next_periodic = 0.0
    while not stop.is_set():
        if periodic is not None and time.monotonic() >= next_periodic:
            next_periodic = time.monotonic() + period_seconds
            try:
                periodic()
            except Exception:
                log.exception("periodic tasks failed; they run again later")
        handled = 0
        for handler in handlers:
            try:
                delivery = deliver_due(engine, handler, settings, worker)
            except Exception:
                log.exception(
                    "could not claim %s rows (database unreachable?); retrying", handler.name
                )
                continue
            handled += delivery.handled
            if observe is not None:
                observe(handler.name, delivery)
        if not handled:
            stop.wait(poll_seconds)
    log.info("outbox worker %s stopped", worker)


def needing_attention(session: Session, model: Any = None, limit: int = 200) -> list:
    """Deliveries staff should see: failed, or waiting to retry after an error (emails
    by default; ``model`` names another outbox's table)."""
    model = model or OutboxMessage
    return list(
        session.exec(
            select(model)
            .where(
                or_(
                    model.status == OutboxStatus.FAILED,
                    (model.status == OutboxStatus.PENDING) & col(model.last_error).is_not(None),
                )
            )
            .order_by(col(model.id).desc())
            .limit(limit)
        )
    )


def failing_or_waiting(session: Session, limit: int = 200) -> list[OutboxMessage]:
    """Emails staff should see: failed, or waiting to retry after an error."""
    return needing_attention(session, OutboxMessage, limit)


def outbox_ids_for(session: Session, account_sub: str) -> set[int]:
    """The emails written to one verified account (the local mailbox shows only these)."""
    return set(
        session.exec(select(OutboxMessage.id).where(OutboxMessage.recipient_sub == account_sub))
    )
