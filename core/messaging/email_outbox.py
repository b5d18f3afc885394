"""Emails through the outbox: rendered from their row, sent over SMTP, at most N per address an hour."""

from __future__ import annotations

import smtplib
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from core.messaging.emails import build_message, message_id
from core.messaging.outbox import Delivery, OutboxHandler, deliver_due
from core.platform.logs import mask_address
from core.platform.models import OutboxMessage

if TYPE_CHECKING:
    from core.platform.settings import Settings

EMAIL_WINDOW = timedelta(hours=1)


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


class EmailHandler(OutboxHandler):
    """One email row: held while its address had its hour's emails, else sent over SMTP."""

    name = "email"
    model = OutboxMessage

    def __init__(self, settings: Settings, send=None) -> None:
        self._settings = settings
        self._send = send or (lambda message, recipient: smtp_send(settings, message, recipient))

    def hold(self, session: Session, row: OutboxMessage, now: datetime) -> datetime | None:
        _lock_recipient(session, row.recipient)
        return hourly_limit_reached(session, row, self._settings, now)

    def started(self, row: OutboxMessage, now: datetime) -> None:
        row.send_started_at = now

    def send(self, row: OutboxMessage) -> dict:
        message = build_message(
            kind=row.kind,
            language=row.language,
            context=row.context,
            sender=self._settings.mail_from,
            recipient=row.recipient,
            msg_id=message_id(row.id, row.event_id, self._settings.mail_from),
            created_at=row.created_at,
        )
        self._send(message, row.recipient)
        return {}

    def describe(self, row: OutboxMessage) -> str:
        return f"email {row.id} to {mask_address(row.recipient)}"


def run_once(engine: Engine, settings: Settings, worker: str | None = None, send=None) -> Delivery:
    """Claim one batch of due emails and deliver it."""
    return deliver_due(engine, EmailHandler(settings, send), settings, worker)
