"""Concurrency on PostgreSQL at the sizes the portal must survive, with figures."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from sqlmodel import func, select

from core.messaging.email_outbox import run_once
from core.platform.db import engine_for, session_scope
from core.platform.models import Application, ApplicationEvent, OutboxMessage
from core.registration.decisions import decide
from core.review.workflow import AlreadyDecided
from local.mailcatcher import caught
from tests.factories import identity, submit, synthetic_identity
from tests.store.test_outbox import smtp_settings

pytestmark = [pytest.mark.postgres, pytest.mark.scale]
REVIEWERS = [
    "reviewer@greennode.example",
    "reviewer2@greennode.example",
    "manager@greennode.example",
]


def count(engine, model, *where) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_100_concurrent_submissions_for_one_account_make_one_application(postgres_url):
    engine = engine_for(postgres_url)
    who = identity("eligible@acme.example")
    start = Barrier(100)

    def press(_):
        start.wait()
        with session_scope(engine) as session:
            return submit(session, who)[0].id

    with ThreadPoolExecutor(max_workers=100) as pool:
        ids = set(pool.map(press, range(100)))
    assert len(ids) == 1
    assert count(engine, Application) == 1
    assert count(engine, ApplicationEvent) == 1
    assert count(engine, OutboxMessage) == 1


def test_50_concurrent_decisions_make_one_decision_one_event_one_email(postgres_url):
    engine = engine_for(postgres_url)
    with session_scope(engine) as session:
        application, _ = submit(session, identity("eligible@acme.example"))
    start = Barrier(50)

    def attempt(n):
        start.wait()
        with session_scope(engine) as session:
            try:
                decide(
                    session=session,
                    actor=identity(REVIEWERS[n % 3]),
                    application_id=application.id,
                    approve=n % 2 == 0,
                    reason_code="other",
                    note=f"Concurrent decision number {n}.",
                )
            except AlreadyDecided:
                return "lost"
        return "won"

    with ThreadPoolExecutor(max_workers=50) as pool:
        outcomes = Counter(pool.map(attempt, range(50)))
    assert outcomes == Counter({"won": 1, "lost": 49})
    assert count(engine, ApplicationEvent, ApplicationEvent.kind.in_(["approved", "rejected"])) == 1
    assert count(engine, OutboxMessage, OutboxMessage.kind.in_(["approved", "rejected"])) == 1


def test_1000_applications_from_50_workers_give_1000_applications_and_emails(
    postgres_url, mail_server
):
    engine = engine_for(postgres_url)

    def apply(n):
        with session_scope(engine) as session:
            return submit(session, synthetic_identity(n))[1]

    with ThreadPoolExecutor(max_workers=50) as pool:
        created = list(pool.map(apply, range(1000)))
    assert all(created)
    assert count(engine, Application) == 1000
    assert count(engine, OutboxMessage) == 1000

    settings = smtp_settings(mail_server.port)

    def deliver(_):
        for _ in range(200):
            if run_once(engine, settings).sent == 0 and not count(
                engine, OutboxMessage, OutboxMessage.status == "pending"
            ):
                return

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(deliver, range(2)))
    messages = caught(mail_server.directory)
    ids = Counter(m.message_id for m in messages)
    assert len(messages) == 1000, "lost or duplicated"
    assert len(ids) == 1000 and max(ids.values()) == 1
    assert len({m.recipient for m in messages}) == 1000
