"""Ownership, overdue alerts and daily digests: each once, also with two workers (both DBs)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from datetime import datetime, timedelta
from threading import Barrier

import pytest
from sqlmodel import select

from core.platform.accounts import sync_account
from core.platform.clock import LOCAL_TZ
from core.platform.db import engine_for, session_scope
from core.platform.errors import DomainError
from core.platform.models import Application, ApplicationEvent, OutboxMessage
from core.registration.assignment import assignment_load
from core.registration.decisions import decide
from core.registration.info_requests import answer_information, request_information
from core.registration.subject import APPLICATIONS, alert_overdue
from core.review import workflow
from core.review.ownership import AssignedToAnother
from core.team.alerts import send_digests
from core.team.schedule import SUBJECTS
from tests.factories import identity, submit, synthetic_identity

REVIEWERS = ("reviewer@greennode.example", "reviewer2@greennode.example")
MANAGER = "manager@greennode.example"
SUBMITTED = datetime(2026, 3, 6, 10, tzinfo=LOCAL_TZ)  # Friday; due Wednesday 11 at 10:00
DUE = datetime(2026, 3, 11, 10, tzinfo=LOCAL_TZ)


@pytest.fixture
def team(engine):
    """Two reviewers and a manager who have signed in to the staff sign-in."""
    for email in (*REVIEWERS, MANAGER):
        with session_scope(engine) as session:
            sync_account(session=session, identity=identity(email))
    return engine


def pending(engine, n: int = 0, when: datetime = SUBMITTED) -> int:
    with session_scope(engine) as session:
        return submit(session, synthetic_identity(n), now=when)[0].id


def give(engine, app_id: int, to: str | None, actor: str = REVIEWERS[0], seen=None):
    with session_scope(engine) as session:
        return workflow.assign(
            session=session,
            subject=APPLICATIONS,
            actor=identity(actor),
            row_id=app_id,
            assignee=to,
            seen=seen,
        )


def outbox(engine, kind: str) -> list[OutboxMessage]:
    with session_scope(engine) as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind)))


def at_once(database_url: str, task, workers: int = 2) -> None:
    start = Barrier(workers)

    def run(_):
        start.wait()
        # SQLite's writer lock may refuse one worker: the other wrote it.
        with session_scope(engine_for(database_url)) as session, suppress(Exception):
            task(session)

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(run, range(workers)))


def test_assign_to_me_to_another_and_unassign_are_events(team):
    app_id = pending(team)
    assert give(team, app_id, REVIEWERS[0]).assigned_to == REVIEWERS[0]
    assert give(team, app_id, REVIEWERS[1], seen=REVIEWERS[0]).assigned_to == REVIEWERS[1]
    assert give(team, app_id, None, seen=REVIEWERS[1]).assigned_to is None
    with session_scope(team) as session:
        events = session.exec(
            select(ApplicationEvent).where(ApplicationEvent.kind.in_(("assigned", "unassigned")))
        ).all()
    assert [(e.kind, e.data["from"], e.data["to"]) for e in events] == [
        ("assigned", None, REVIEWERS[0]),
        ("assigned", REVIEWERS[0], REVIEWERS[1]),
        ("unassigned", REVIEWERS[1], None),
    ]


def test_only_team_members_can_be_assigned_and_a_stale_view_is_refused(team):
    app_id = pending(team)
    with pytest.raises(DomainError, match="not_a_reviewer"):
        give(team, app_id, "eligible@acme.example")
    give(team, app_id, REVIEWERS[0])
    with pytest.raises(DomainError, match="assignment_changed"):
        give(team, app_id, REVIEWERS[1], actor=REVIEWERS[1], seen=None)  # saw it unassigned


def test_two_reviewers_pressing_assign_to_me_at_once_one_wins(team, database_url):
    app_id = pending(team)
    start = Barrier(2)

    def press(email):
        start.wait()
        try:
            give(engine_for(database_url), app_id, email, actor=email)
            return email
        except Exception:
            return None

    with ThreadPoolExecutor(2) as pool:
        winners = [w for w in pool.map(press, REVIEWERS) if w]
    with session_scope(team) as session:
        owner = session.get(Application, app_id).assigned_to
        assigned = session.exec(
            select(ApplicationEvent).where(ApplicationEvent.kind == "assigned")
        ).all()
    assert winners == [owner] and len(assigned) == 1


def test_deciding_anothers_application_needs_their_name_and_records_both(team):
    app_id = pending(team)
    give(team, app_id, REVIEWERS[0])
    second = identity(REVIEWERS[1])
    with pytest.raises(AssignedToAnother) as refused, session_scope(team) as session:
        decide(session=session, actor=second, application_id=app_id, approve=True)
    assert refused.value.assignee == REVIEWERS[0]
    with session_scope(team) as session:
        decide(
            session=session,
            actor=second,
            application_id=app_id,
            approve=True,
            instead_of=REVIEWERS[0],
        )
        event = session.exec(
            select(ApplicationEvent).where(ApplicationEvent.kind == "approved")
        ).one()
    assert event.actor_sub == REVIEWERS[1] and event.data["assigned_to"] == REVIEWERS[0]


def test_assignment_load_per_reviewer(team):
    now = DUE + timedelta(hours=1)
    overdue = pending(team, 0)
    due_soon = pending(team, 1, when=SUBMITTED + timedelta(days=3))  # due Thu 12, 13:00... soon
    pending(team, 2, when=now)  # on track, unassigned
    give(team, overdue, REVIEWERS[0])
    give(team, due_soon, REVIEWERS[0])
    with session_scope(team) as session:
        load = assignment_load(session, identity(MANAGER), now).set_index("assigned_to")
    assert load.loc[REVIEWERS[0], ["open", "overdue", "due_soon"]].tolist() == [2, 1, 1]
    assert load.loc[REVIEWERS[1], "open"] == 0  # a reviewer with room is listed too
    assert load.loc[load.index.isna(), "open"].tolist() == [1]  # the unassigned one


def test_an_overdue_application_alerts_its_assignee_once_with_two_workers(team, database_url):
    app_id = pending(team)
    give(team, app_id, REVIEWERS[1])
    with session_scope(team) as session:
        assert alert_overdue(session=session, now=DUE - timedelta(seconds=1)) == 0
    at_once(database_url, lambda s: alert_overdue(session=s, now=DUE + timedelta(minutes=1)))
    with session_scope(team) as session:
        assert alert_overdue(session=session, now=DUE + timedelta(hours=2)) == 0
    alerts = outbox(team, "overdue_alert")
    assert [m.recipient for m in alerts] == [REVIEWERS[1]]
    assert alerts[0].context["application_id"] == app_id


def test_an_unassigned_overdue_application_alerts_every_reviewer_and_again_after_an_answer(team):
    app_id = pending(team)
    with session_scope(team) as session:
        alert_overdue(session=session, now=DUE + timedelta(minutes=1))
    assert sorted(m.recipient for m in outbox(team, "overdue_alert")) == sorted(REVIEWERS)
    # Asked and answered: a new due time, which is missed again, alerts again.
    with session_scope(team) as session:
        request_information(
            session=session,
            actor=identity(REVIEWERS[0]),
            application_id=app_id,
            question="Please send your business registration.",
            now=DUE + timedelta(hours=1),
        )
    with session_scope(team) as session:
        answered = answer_information(
            session=session,
            identity=synthetic_identity(0),
            answer="Attached to our support ticket.",
            now=DUE + timedelta(days=1),
        )
    with session_scope(team) as session:
        assert alert_overdue(session=session, now=answered.due_at + timedelta(minutes=1)) == 1
    assert len(outbox(team, "overdue_alert")) == 4


def test_digests_once_per_person_and_day_on_working_days_after_the_configured_time(
    team, database_url
):
    mine = pending(team, 0)
    pending(team, 1)  # unassigned, overdue too
    give(team, mine, REVIEWERS[0])
    morning = datetime(2026, 3, 12, 8, 29, tzinfo=LOCAL_TZ)  # Thursday
    with session_scope(team) as session:
        assert send_digests(session=session, subjects=SUBJECTS, now=morning) == 0  # before 08:30
    at_once(
        database_url,
        lambda s: send_digests(session=s, subjects=SUBJECTS, now=morning + timedelta(minutes=1)),
    )
    with session_scope(team) as session:
        assert (
            send_digests(session=session, subjects=SUBJECTS, now=morning + timedelta(hours=3)) == 0
        )
    reviewer = {m.recipient: m for m in outbox(team, "digest_reviewer")}
    manager = outbox(team, "digest_manager")
    assert sorted(reviewer) == sorted(REVIEWERS) and [m.recipient for m in manager] == [MANAGER]
    assert reviewer[REVIEWERS[0]].context["total"] == 2  # theirs and the unassigned one
    assert reviewer[REVIEWERS[1]].context["total"] == 1  # the unassigned one only
    assert manager[0].context["overdue"] == 2
    assert manager[0].context["oldest"]["application_id"] == mine
    assert manager[0].context["oldest"]["assignee"] == REVIEWERS[0]
    saturday = datetime(2026, 3, 14, 9, 0, tzinfo=LOCAL_TZ)
    with session_scope(team) as session:
        assert send_digests(session=session, subjects=SUBJECTS, now=saturday) == 0
    with session_scope(team) as session:
        assert (
            send_digests(
                session=session, subjects=SUBJECTS, now=morning + timedelta(days=1, minutes=1)
            )
            == 3
        )


def test_the_workers_time_based_tasks_run_together(team):
    from core.team.schedule import periodic_tasks

    app_id = pending(team)
    with session_scope(team) as session:  # overdue a minute ago: the alert is due now
        application = session.get(Application, app_id)
        application.due_at = datetime.now(LOCAL_TZ) - timedelta(minutes=1)
        session.add(application)
        session.commit()
    done = periodic_tasks(team)
    assert set(done) == {
        "terms_notices",
        "reminded",
        "auto_withdrawn",
        "overdue_alerts",
        "invitation_reminders",
        "invitations_expired",
        "link_overdue_alerts",
        "discount_overdue_alerts",
        "usage_days_imported",
        "digests",
        "ledger_checked",
    }
    assert done["overdue_alerts"] == 1 and done["ledger_checked"] == 1
    again = periodic_tasks(team)
    assert again["overdue_alerts"] == 0 and again["ledger_checked"] == 0  # once a day
