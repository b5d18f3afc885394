"""Submission against a real database: SQLite always, PostgreSQL when configured."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from threading import Barrier

import pytest
from sqlmodel import func, select

from core.platform.clock import LOCAL_TZ
from core.platform.db import session_scope
from core.platform.errors import DomainError, NotEligible
from core.platform.models import Account, Application, ApplicationEvent, State
from core.registration.records import events_of
from tests.factories import company_facts, current_terms, identity, submit

NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)


def count(engine, model) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_submission_stores_snapshot_terms_and_due_time(engine):
    with session_scope(engine) as session:
        application, created = submit(
            session, identity("eligible@acme.example"), lang="vi", now=NOW
        )
    assert created
    with session_scope(engine) as session:
        stored = session.get(Application, application.id)
        events = events_of(session, application.id)
    assert stored.state == State.PENDING
    assert stored.submitted_at == NOW
    assert stored.due_at == datetime(2026, 12, 1, 15, 30, tzinfo=LOCAL_TZ)
    assert stored.calendar_version.startswith("holidays-")
    assert stored.terms_version == "2026-01"
    assert stored.terms_sha256 == current_terms("vi").sha256
    assert stored.terms_language == "vi"
    assert stored.company == "Acme Việt Nam JSC"
    assert stored.eligibility["eligible"] is True
    assert [(e.kind, e.to_state, e.actor_sub) for e in events] == [
        ("submitted", "pending", "eligible@acme.example")
    ]


def test_second_press_returns_the_same_application(engine):
    who = identity("eligible@acme.example")
    with session_scope(engine) as session:
        first, _ = submit(session, who, now=NOW)
    with session_scope(engine) as session:
        second, created = submit(session, who, now=NOW)
    assert not created
    assert second.id == first.id
    assert count(engine, Application) == 1


def test_ineligible_account_is_refused_and_nothing_is_written(engine):
    with session_scope(engine) as session, pytest.raises(NotEligible) as refused:
        submit(session, identity("personal@home.example"), now=NOW)
    assert refused.value.failures == ("not_enterprise",)
    assert count(engine, Application) == 0
    assert count(engine, ApplicationEvent) == 0


def test_terms_text_other_than_the_current_one_is_refused(engine):
    from core.platform.settings import get_settings
    from core.registration.applications import submit_application
    from core.registration.eligibility import ClaimsFactsSource

    with session_scope(engine) as session, pytest.raises(DomainError, match="terms_changed"):
        submit_application(
            session=session,
            identity=identity("eligible@acme.example"),
            facts_source=ClaimsFactsSource(get_settings().claims),
            terms=current_terms("en"),
            accepted_sha256="0" * 64,
            language="en",
            company=company_facts(identity("eligible@acme.example")),
            now=NOW,
        )
    assert count(engine, Application) == 0


def test_twenty_concurrent_submissions_make_one_application(engine):
    who = identity("eligible2@globex.example")
    start = Barrier(20)

    def press(_: int) -> int:
        start.wait()
        with session_scope(engine) as session:
            application, _ = submit(session, who, now=NOW)
            return application.id

    with ThreadPoolExecutor(max_workers=20) as pool:
        ids = list(pool.map(press, range(20)))
    assert len(set(ids)) == 1
    assert count(engine, Application) == 1
    assert count(engine, ApplicationEvent) == 1
    assert count(engine, Account) == 1
