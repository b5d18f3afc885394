"""The outbox worker: claim due emails, send them over SMTP, retry with back-off."""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr

from sqlalchemy import or_, text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from core.messaging.emails import build_message, message_id
from core.platform.models import OutboxMessage, OutboxStatus
from core.platform.settings import Settings
from core.platform.workdays import utcnow

log = logging.getLogger("outbox")
MAX_BACKOFF = timedelta(hours=1)
EMAIL_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Delivery:
    sent: int = 0
    retried: int = 0
    failed: int = 0


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
    """Atomically lease up to ``limit`` due rows of ``model`` (emails, billing deliveries).

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


def smtp_send(settings: Settings, message, recipient: str) -> None:
    """Hand one message to the configured SMTP server, for exactly ``recipient``."""
    if settings.smtp_security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=20)
    else:
        client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20)
    with client:
        if settings.smtp_security == "starttls":
            client.starttls()
        if settings.smtp_user:
            client.login(settings.smtp_user, settings.smtp_password)
        # The envelope names the one verified recipient; headers never choose it.
        client.send_message(
            message, from_addr=parseaddr(settings.mail_from)[1], to_addrs=[recipient]
        )


def backoff(attempts: int, settings: Settings) -> timedelta:
    delay = timedelta(seconds=settings.outbox_backoff_seconds * (2 ** max(attempts - 1, 0)))
    return min(delay, MAX_BACKOFF)


def mask_address(address: str) -> str:
    """An address as logs may show it: enough to tell two apart, not enough to write to."""
    local, at, domain = address.rpartition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain[:1]}***"


def _lock_recipient(session: Session, recipient: str) -> None:
    # Two workers checking the same address's hourly count take turns. SQLite
    # needs nothing: every transaction here already holds the writer lock.
    if session.get_bind().dialect.name == "postgresql":
        session.exec(text("SELECT pg_advisory_xact_lock(hashtext(:r))").bindparams(r=recipient))


def hourly_limit_reached(
    session: Session, row: OutboxMessage, settings: Settings, now: datetime
) -> datetime | None:
    """When ``row`` may go out, if its address already had its emails for this hour."""
    window = now - EMAIL_WINDOW
    started = session.exec(
        select(OutboxMessage.send_started_at)
        .where(
            OutboxMessage.recipient == row.recipient,
            OutboxMessage.id != row.id,
            col(OutboxMessage.send_started_at) > window,
        )
        .order_by(col(OutboxMessage.send_started_at))
    ).all()
    if len(started) < settings.emails_per_hour:
        return None
    return started[len(started) - settings.emails_per_hour] + EMAIL_WINDOW


def deliver_one(engine: Engine, outbox_id: int, worker: str, settings: Settings, send=None) -> str:
    """Send one leased message and record the outcome; returns the new status."""
    send = send or (lambda message, recipient: smtp_send(settings, message, recipient))
    now = utcnow()
    with Session(engine, expire_on_commit=False) as session:
        # Renewing the lease is the ownership check: if it lapsed and another
        # worker took the row, this update matches nothing and we stand back.
        renewed = session.exec(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == outbox_id,
                OutboxMessage.claimed_by == worker,
                OutboxMessage.status == OutboxStatus.PENDING,
            )
            .values(claimed_until=now + timedelta(seconds=settings.outbox_lease_seconds))
        )
        if renewed.rowcount != 1:
            session.commit()
            return "skipped"
        row = session.get(OutboxMessage, outbox_id)
        _lock_recipient(session, row.recipient)
        held_until = hourly_limit_reached(session, row, settings, now)
        if held_until is not None:
            # Held, not dropped: it goes out once the address's hour has room.
            row.next_attempt_at, row.claimed_until = held_until, None
            session.add(row)
            session.commit()
            return "held"
        row.send_started_at = now
        session.add(row)
        session.commit()
    try:
        message = build_message(
            kind=row.kind,
            language=row.language,
            context=row.context,
            sender=settings.mail_from,
            recipient=row.recipient,
            msg_id=message_id(row.id, row.event_id, settings.mail_from),
            created_at=row.created_at,
        )
        send(message, row.recipient)
    except Exception as error:  # any failure is retried; the row keeps the last error
        return _record_failure(engine, row, worker, settings, error)
    with Session(engine) as session:
        session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == row.id, OutboxMessage.claimed_by == worker)
            .values(
                status=OutboxStatus.SENT,
                sent_at=utcnow(),
                attempts=row.attempts + 1,
                claimed_until=None,
                last_error=None,
            )
        )
        session.commit()
    return OutboxStatus.SENT


def _record_failure(engine, row, worker, settings, error) -> str:
    attempts = row.attempts + 1
    gave_up = attempts >= settings.outbox_max_attempts
    log.warning(
        "email %s to %s attempt %s failed: %s",
        row.id,
        mask_address(row.recipient),
        attempts,
        type(error).__name__,
    )
    with Session(engine) as session:
        session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == row.id, OutboxMessage.claimed_by == worker)
            .values(
                status=OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING,
                attempts=attempts,
                next_attempt_at=utcnow() + backoff(attempts, settings),
                claimed_until=None,
                last_error=f"{type(error).__name__}: {error}"[:2000],
            )
        )
        session.commit()
    return OutboxStatus.FAILED if gave_up else "retry"


def run_once(engine: Engine, settings: Settings, worker: str | None = None, send=None) -> Delivery:
    """Claim one batch and deliver it."""
    worker = worker or worker_name()
    outcome = {"sent": 0, "retry": 0, "failed": 0, "skipped": 0, "held": 0}
    lease = timedelta(seconds=settings.outbox_lease_seconds)
    for outbox_id in claim(engine, worker, lease=lease):
        outcome[deliver_one(engine, outbox_id, worker, settings, send)] += 1
    return Delivery(sent=outcome["sent"], retried=outcome["retry"], failed=outcome["failed"])


def run_worker(
    engine: Engine,
    settings: Settings,
    stop: threading.Event,
    poll_seconds: float = 1.0,
    periodic=None,
    period_seconds: float = 300.0,
    also=None,
) -> None:
    """Deliver until ``stop`` is set; the message in hand is finished first.

    ``periodic`` (if given) runs every ``period_seconds``: the Terms-version
    notices, which must go out when a date passes rather than on an event.
    ``also(worker)`` (if given) delivers other outboxes (top-ups to billing) and
    returns how many it handled.
    """
    worker = worker_name()
    log.info("outbox worker %s started", worker)
    next_periodic = 0.0
    while not stop.is_set():
        if periodic is not None and time.monotonic() >= next_periodic:
            next_periodic = time.monotonic() + period_seconds
            try:
                periodic()
            except Exception:
                log.exception("periodic task failed; it runs again later")
        handled = 0
        try:
            delivered = run_once(engine, settings, worker)
            handled = also(worker) if also is not None else 0
        except Exception:
            log.exception("outbox worker could not reach the database; retrying")
            delivered = Delivery()
        if delivered == Delivery() and not handled:
            stop.wait(poll_seconds)
    log.info("outbox worker %s stopped", worker)


def failing_or_waiting(session: Session, limit: int = 200) -> list[OutboxMessage]:
    """Messages staff should see: failed, or waiting to retry after an error."""
    return list(
        session.exec(
            select(OutboxMessage)
            .where(
                or_(
                    OutboxMessage.status == OutboxStatus.FAILED,
                    (OutboxMessage.status == OutboxStatus.PENDING)
                    & col(OutboxMessage.last_error).is_not(None),
                )
            )
            .order_by(col(OutboxMessage.id).desc())
            .limit(limit)
        )
    )


def outbox_ids_for(session: Session, account_sub: str) -> set[int]:
    """The emails written to one verified account (the local mailbox shows only these)."""
    return set(
        session.exec(select(OutboxMessage.id).where(OutboxMessage.recipient_sub == account_sub))
    )
