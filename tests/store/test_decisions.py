"""Decisions against a real database: once only, with event and email, by staff only."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from threading import Barrier

import pytest
from sqlmodel import select

from core.platform.clock import LOCAL_TZ
from core.platform.db import session_scope
from core.platform.errors import DomainError, Forbidden
from core.platform.models import Application, ApplicationEvent, OutboxMessage, State
from core.registration.applications import recompute_due_times
from core.registration.decisions import decide
from core.registration.queue import queue_page
from core.registration.subject import APPLICATIONS
from core.review import workflow
from core.review.workflow import AlreadyDecided
from tests.factories import applied, identity

NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
REVIEWERS = [
    "reviewer@greennode.example",
    "reviewer2@greennode.example",
    "manager@greennode.example",
]


def pending(engine, email="eligible@acme.example") -> int:
    return applied(engine, email, now=NOW).id


def rows(engine, model, application_id):
    with session_scope(engine) as session:
        return session.exec(select(model).where(model.application_id == application_id)).all()


def test_approval_writes_state_decision_event_and_email_together(engine):
    app_id = pending(engine)
    later = NOW + timedelta(days=1)
    with session_scope(engine) as session:
        decide(
            session=session,
            actor=identity("reviewer@greennode.example"),
            application_id=app_id,
            approve=True,
            now=later,
        )
    with session_scope(engine) as session:
        decided = session.get(Application, app_id)
    assert decided.state == State.APPROVED
    assert decided.decided_at == later
    assert decided.decided_by == "reviewer@greennode.example"
    assert decided.working_days_to_decision == pytest.approx(1.0)
    events = rows(engine, ApplicationEvent, app_id)
    assert [(e.kind, e.from_state, e.to_state) for e in events][-1] == (
        "approved",
        "pending",
        "approved",
    )
    assert Counter(m.kind for m in rows(engine, OutboxMessage, app_id)) == Counter(
        {"submitted": 1, "approved": 1}
    )


@pytest.mark.parametrize("email", ["eligible@acme.example", "personal@home.example"])
def test_an_applicant_identity_cannot_decide(engine, email):
    app_id = pending(engine, "eligible2@globex.example")
    forged = identity(email, groups=["partner-reviewer"])  # near miss of the real group
    with session_scope(engine) as session, pytest.raises(Forbidden):
        decide(session=session, actor=forged, application_id=app_id, approve=True)
    with session_scope(engine) as session, pytest.raises(Forbidden):
        workflow.assign(
            session=session,
            subject=APPLICATIONS,
            actor=forged,
            row_id=app_id,
            assignee=forged.sub,
            seen=None,
        )
    with session_scope(engine) as session, pytest.raises(Forbidden):
        queue_page(session, forged, NOW)
    with session_scope(engine) as session:
        assert session.get(Application, app_id).state == State.PENDING


def test_a_reviewer_cannot_decide_their_own_application(engine):
    app_id = pending(engine, "reviewer@greennode.example")
    with session_scope(engine) as session, pytest.raises(DomainError, match="own_account"):
        decide(
            session=session,
            actor=identity("reviewer@greennode.example"),
            application_id=app_id,
            approve=True,
        )


@pytest.mark.parametrize(
    ("reason", "note", "error"),
    [
        (None, "A perfectly good note.", "reason_required"),
        ("made_up", "A perfectly good note.", "reason_required"),
        ("other", "", "note_required"),
        ("other", "   short   ", "note_length"),
        ("other", "x" * 1001, "note_length"),
        ("other", "nul \x00 inside the note", "note_invalid"),
    ],
)
def test_reject_needs_a_reason_code_and_a_note(engine, reason, note, error):
    app_id = pending(engine)
    with session_scope(engine) as session, pytest.raises(DomainError, match=error):
        decide(
            session=session,
            actor=identity("reviewer@greennode.example"),
            application_id=app_id,
            approve=False,
            reason_code=reason,
            note=note,
        )
    assert len(rows(engine, ApplicationEvent, app_id)) == 1


def test_twenty_reviewers_at_once_make_one_decision(engine):
    app_id = pending(engine)
    start = Barrier(20)

    def attempt(n: int) -> str:
        actor = identity(REVIEWERS[n % len(REVIEWERS)])
        start.wait()
        with session_scope(engine) as session:
            try:
                decide(
                    session=session,
                    actor=actor,
                    application_id=app_id,
                    approve=n % 2 == 0,
                    reason_code="other",
                    note=f"Decision number {n} for this application.",
                )
            except AlreadyDecided as lost:
                assert lost.decided_by in REVIEWERS
                return "lost"
        return "won"

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = Counter(pool.map(attempt, range(20)))
    assert outcomes == Counter({"won": 1, "lost": 19})
    decisions = [e for e in rows(engine, ApplicationEvent, app_id) if e.kind != "submitted"]
    emails = [m for m in rows(engine, OutboxMessage, app_id) if m.kind != "submitted"]
    assert len(decisions) == 1
    assert len(emails) == 1
    assert emails[0].kind == decisions[0].kind


def test_recompute_changes_only_what_the_calendar_moved(engine):
    app_id = pending(engine)
    with session_scope(engine) as session:
        application = session.get(Application, app_id)
        application.due_at = datetime(2026, 12, 2, 15, 30, tzinfo=LOCAL_TZ)
        application.calendar_version = "holidays-0.1"
        session.add(application)
        session.commit()
    with session_scope(engine) as session:
        assert recompute_due_times(session=session, now=NOW) == 1
    with session_scope(engine) as session:
        assert recompute_due_times(session=session, now=NOW) == 0
        fixed = session.get(Application, app_id)
    assert fixed.due_at == datetime(2026, 12, 1, 15, 30, tzinfo=LOCAL_TZ)
    assert fixed.calendar_version.startswith("holidays-0.")
    assert fixed.calendar_version != "holidays-0.1"
    kinds = [e.kind for e in rows(engine, ApplicationEvent, app_id)]
    assert kinds == ["submitted", "due_recomputed"]
