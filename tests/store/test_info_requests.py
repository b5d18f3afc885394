"""Ask the applicant: the paused clock, the answer, the reminder and the withdrawal (both DBs)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from core.platform.clock import LOCAL_TZ
from core.platform.db import engine_for, session_scope
from core.platform.errors import DomainError
from core.platform.models import Application, ApplicationEvent, OutboxMessage, State
from core.platform.paths import PROJECT_ROOT
from core.platform.workdays import working_moment_after
from core.registration.company import CompanyInvalid
from core.registration.decisions import decide
from core.registration.info_deadlines import sweep_unanswered
from core.registration.info_requests import answer_information, request_information
from core.registration.metrics import Period, headline
from core.registration.partnership import withdraw
from tests.factories import identity, submit

REVIEWER = identity("reviewer@greennode.example")
APPLICANT = identity("eligible@acme.example")
QUESTION = "Which GreenNode services will you resell first?"
ANSWER = "Compute and object storage, for retail customers in Hà Nội."


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


def submitted(engine, when: datetime) -> int:
    with session_scope(engine) as session:
        return submit(session, APPLICANT, now=when)[0].id


def ask(engine, app_id: int, when: datetime, question: str = QUESTION) -> Application:
    with session_scope(engine) as session:
        return request_information(
            session=session, actor=REVIEWER, application_id=app_id, question=question, now=when
        )


def answer(engine, when: datetime, text: str = ANSWER, changes=None) -> Application:
    with session_scope(engine) as session:
        return answer_information(
            session=session, identity=APPLICANT, answer=text, changes=changes, now=when
        )


def kinds(engine, app_id: int) -> list[str]:
    with session_scope(engine) as session:
        return list(
            session.exec(
                select(ApplicationEvent.kind)
                .where(ApplicationEvent.application_id == app_id)
                .order_by(ApplicationEvent.id)
            )
        )


def emails(engine, app_id: int) -> list[str]:
    with session_scope(engine) as session:
        return list(
            session.exec(
                select(OutboxMessage.kind)
                .where(OutboxMessage.application_id == app_id)
                .order_by(OutboxMessage.id)
            )
        )


def test_a_weekend_pause_moves_the_due_time_by_the_working_time_waited(engine):
    app_id = submitted(engine, at(2026, 3, 6, 10))  # Friday
    with session_scope(engine) as session:
        assert session.get(Application, app_id).due_at == at(2026, 3, 11, 10)  # Wednesday
    asked = ask(engine, app_id, at(2026, 3, 6, 16))
    assert asked.state == State.INFO_REQUESTED and asked.paused_at == at(2026, 3, 6, 16)
    # Friday 16:00 to Monday 16:00: 8 h of Friday and 16 h of Monday, one working day.
    answered = answer(engine, at(2026, 3, 9, 16))
    assert answered.state == State.PENDING and answered.paused_at is None
    assert answered.paused_working_days == pytest.approx(1.0)
    assert answered.due_at == at(2026, 3, 12, 10)  # Thursday: one working day later
    assert kinds(engine, app_id) == ["submitted", "info_requested", "info_answered"]
    assert emails(engine, app_id) == ["submitted", "info_requested"]
    with session_scope(engine) as session:
        resumed = session.exec(
            select(ApplicationEvent).where(ApplicationEvent.kind == "info_answered")
        ).one()
    assert resumed.data["waited_working_days"] == pytest.approx(1.0)
    assert resumed.note == ANSWER


def test_the_tet_holidays_do_not_count_as_waiting(engine):
    app_id = submitted(engine, at(2026, 2, 12, 10))  # Thursday before Tết
    ask(engine, app_id, at(2026, 2, 13, 10))  # Friday; 14–22 Feb are days off
    answered = answer(engine, at(2026, 2, 24, 10))  # Tuesday after
    # Waited: 14 h of Friday 13, Monday 23, 10 h of Tuesday 24 = two working days.
    assert answered.paused_working_days == pytest.approx(2.0)
    assert answered.due_at == at(2026, 2, 26, 10)  # Tue 24 10:00 (unpaused due) + 2


def test_the_operator_command_gives_the_portal_s_due_time(engine):
    app_id = submitted(engine, at(2026, 3, 6, 10))
    ask(engine, app_id, at(2026, 3, 6, 16))
    portal = answer(engine, at(2026, 3, 9, 16)).due_at
    printed = subprocess.run(
        [
            sys.executable,
            "-m",
            "core",
            "sla-due",
            "2026-03-06T10:00:00+07:00",
            "--pause",
            "2026-03-06T09:00:00Z/2026-03-09T16:00:00+07:00",
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=True,
    ).stdout.strip()
    assert datetime.fromisoformat(printed) == portal


def test_the_time_to_decision_leaves_out_the_wait_and_the_rate_is_reported(engine):
    app_id = submitted(engine, at(2026, 3, 6, 10))
    ask(engine, app_id, at(2026, 3, 6, 16))
    answer(engine, at(2026, 3, 9, 16))
    with session_scope(engine) as session:
        decided = decide(
            session=session,
            actor=REVIEWER,
            application_id=app_id,
            approve=True,
            now=at(2026, 3, 10, 10),
        )
    # Friday 10:00 to Tuesday 10:00 is 2 working days on the clock; 1 of them was waiting.
    assert decided.working_days_to_decision == pytest.approx(1.0)
    with engine.connect() as conn:
        figures = headline(conn, Period(at(2026, 3, 1).date(), at(2026, 3, 31).date()))
    assert figures["info_request_rate"] == 1.0


def test_an_answer_may_correct_company_facts_and_bad_ones_change_nothing(engine):
    app_id = submitted(engine, at(2026, 3, 6, 10))
    ask(engine, app_id, at(2026, 3, 6, 16))
    with pytest.raises(CompanyInvalid):
        answer(engine, at(2026, 3, 9, 9), changes={"tax_code": "0312687879"})
    with pytest.raises(DomainError):
        answer(engine, at(2026, 3, 9, 9), text="too short")
    with session_scope(engine) as session:
        assert session.get(Application, app_id).state == State.INFO_REQUESTED
    fixed = answer(
        engine,
        at(2026, 3, 9, 10),
        changes={"legal_name": "Acme Việt Nam Joint Stock Company", "tax_code": "0105973126"},
    )
    assert fixed.legal_name == fixed.company == "Acme Việt Nam Joint Stock Company"
    assert fixed.tax_code == "0105973126"
    assert "joint stock company" in fixed.search_text
    with session_scope(engine) as session:
        event = session.exec(
            select(ApplicationEvent).where(ApplicationEvent.kind == "info_answered")
        ).one()
    assert event.data["changed"]["tax_code"] == ["0312687878", "0105973126"]


def test_questions_are_for_pending_applications_of_others_within_limits(engine):
    app_id = submitted(engine, at(2026, 3, 6, 10))
    with pytest.raises(DomainError, match=r"error\.question_length"):
        ask(engine, app_id, at(2026, 3, 6, 11), question="Why?")
    with pytest.raises(DomainError, match=r"error\.question_length"):
        ask(engine, app_id, at(2026, 3, 6, 11), question="x" * 1001)
    ask(engine, app_id, at(2026, 3, 6, 11))
    with pytest.raises(DomainError, match="not_pending"):
        ask(engine, app_id, at(2026, 3, 6, 12))
    # Nothing to decide while the applicant is asked.
    with pytest.raises(DomainError), session_scope(engine) as session:
        decide(session=session, actor=REVIEWER, application_id=app_id, approve=True)
    with session_scope(engine) as session:  # the applicant may still withdraw
        assert withdraw(session=session, identity=APPLICANT).state == State.WITHDRAWN


def test_one_reminder_then_withdrawal_at_the_configured_working_days(engine):
    asked_at = at(2026, 3, 6, 16)
    app_id = submitted(engine, at(2026, 3, 6, 10))
    ask(engine, app_id, asked_at)
    remind_at = working_moment_after(asked_at, 8)  # 10 working days, reminder 2 before
    limit = working_moment_after(asked_at, 10)
    assert remind_at == at(2026, 3, 18, 16) and limit == at(2026, 3, 20, 16)

    def sweep(when):
        with session_scope(engine) as session:
            return sweep_unanswered(session=session, now=when)

    assert sweep(remind_at - timedelta(seconds=1)) == (0, 0)
    assert sweep(remind_at) == (1, 0)
    assert sweep(remind_at + timedelta(hours=1)) == (0, 0)  # once per question
    assert sweep(limit - timedelta(seconds=1)) == (0, 0)
    assert sweep(limit) == (0, 1)
    assert sweep(limit + timedelta(hours=1)) == (0, 0)
    with session_scope(engine) as session:
        gone = session.get(Application, app_id)
    assert gone.state == State.WITHDRAWN and gone.decided_by == "system"
    assert kinds(engine, app_id)[-2:] == ["info_reminder", "auto_withdrawn"]
    assert emails(engine, app_id) == [
        "submitted",
        "info_requested",
        "info_reminder",
        "info_expired",
    ]


def test_two_workers_sweeping_at_once_remind_and_withdraw_once(engine, database_url):
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    asked_at = at(2026, 3, 6, 16)
    app_id = submitted(engine, at(2026, 3, 6, 10))
    ask(engine, app_id, asked_at)
    for when in (working_moment_after(asked_at, 8), working_moment_after(asked_at, 10)):
        start = Barrier(2)

        def run(_, when=when, start=start):
            start.wait()
            with session_scope(engine_for(database_url)) as session:
                try:
                    return sweep_unanswered(session=session, now=when)
                except Exception:  # SQLite's writer lock: the other worker did it
                    return (0, 0)

        with ThreadPoolExecutor(2) as pool:
            list(pool.map(run, range(2)))
    assert kinds(engine, app_id).count("info_reminder") == 1
    assert kinds(engine, app_id).count("auto_withdrawn") == 1
    assert emails(engine, app_id).count("info_expired") == 1
