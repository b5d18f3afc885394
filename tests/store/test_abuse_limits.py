"""Abuse limits: applications per account per day, emails per address per hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from core.messaging.email_outbox import run_once
from core.platform.clock import utcnow
from core.platform.db import session_scope
from core.platform.errors import NotYet
from core.platform.models import Application, OutboxMessage, OutboxStatus
from core.platform.settings import get_settings
from core.registration.partnership import withdraw
from core.registration.records import record_event
from local.mailcatcher import caught
from tests.factories import identity, submit

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def test_a_fourth_application_within_24_hours_is_refused_until_the_first_ages_out(engine):
    who = identity("eligible@acme.example")
    for n in range(3):
        with session_scope(engine) as session:
            submit(session, who, now=NOW + timedelta(minutes=10 * n))
            withdraw(session=session, identity=who, now=NOW + timedelta(minutes=10 * n + 1))
    with session_scope(engine) as session, pytest.raises(NotYet) as refused:
        submit(session, who, now=NOW + timedelta(hours=1))
    assert refused.value.key == "error.too_many_applications"
    assert refused.value.available_at == NOW + timedelta(hours=24)
    with session_scope(engine) as session:
        assert len(session.exec(select(Application)).all()) == 3
        assert len(session.exec(select(OutboxMessage)).all()) == 6  # 3 submitted + 3 withdrawn
    with session_scope(engine) as session:
        application, created = submit(session, who, now=NOW + timedelta(hours=24, seconds=1))
    assert created and application.state == "pending"


def test_the_limit_is_per_account(engine):
    for n in range(3):
        with session_scope(engine) as session:
            who = identity("eligible@acme.example")
            submit(session, who, now=NOW + timedelta(minutes=n))
            withdraw(session=session, identity=who, now=NOW + timedelta(minutes=n, seconds=30))
    with session_scope(engine) as session:
        _, created = submit(session, identity("eligible2@globex.example"), now=NOW)
    assert created


def queue_emails(engine, count: int) -> None:
    """``count`` emails to one address, all due now."""
    with session_scope(engine) as session:
        application, _ = submit(session, identity("eligible@acme.example"), now=utcnow())
        for _ in range(count - 1):
            record_event(session, application, "submitted", None, utcnow())
        session.commit()


def test_an_address_gets_at_most_10_emails_an_hour_and_the_rest_later(engine, mail_server):
    settings = get_settings().changed(smtp_port=mail_server.port, outbox_backoff_seconds=0.0)
    queue_emails(engine, 13)
    for _ in range(3):
        run_once(engine, settings)
    assert len(caught(mail_server.directory)) == 10
    with session_scope(engine) as session:
        held = session.exec(
            select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
        ).all()
    assert len(held) == 3
    assert all(m.attempts == 0 and m.last_error is None for m in held)
    assert all(m.next_attempt_at > utcnow() + timedelta(minutes=55) for m in held)

    # An hour later the held ones go out; none was dropped or sent twice.
    with session_scope(engine) as session:
        session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.SENT)
            .values(send_started_at=utcnow() - timedelta(minutes=61))
        )
        session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.PENDING)
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )
        session.commit()
    run_once(engine, settings)
    ids = [m.message_id for m in caught(mail_server.directory)]
    assert len(ids) == 13 == len(set(ids))
