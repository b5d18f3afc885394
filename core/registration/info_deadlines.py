"""The clock of a question to an applicant: when the answer is due, the reminder, and the withdrawal of an application left unanswered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.messaging.notifications import enqueue_email
from core.platform.clock import utcnow
from core.platform.locale import format_deadline
from core.platform.models import Account, Application, ApplicationEvent, State
from core.platform.settings import Settings, settings_of
from core.platform.workdays import (
    due_at,
    local_day_number,
    working_days_between,
    working_moment_after,
)
from core.registration.records import record_event
from core.review.events import Step

AUTO_WITHDRAWN = Step("auto_withdrawn", State.INFO_REQUESTED, State.WITHDRAWN)


def answer_due(paused_at: datetime, settings: Settings) -> datetime:
    """When an unanswered question withdraws the application."""
    return working_moment_after(paused_at, settings.info_answer_working_days)


def email_values(
    session: Session, application: Application, question: str, settings: Settings
) -> dict:
    """The question and the answer-by time, in the language the email is written in."""
    language = account_language(session, application)
    answer_by = answer_due(application.paused_at, settings)
    return {"question": question, "answer_by_local": format_deadline(answer_by, language)}


def open_question(session: Session, application: Application) -> ApplicationEvent | None:
    """The reviewer's question the applicant has yet to answer."""
    if application.state != State.INFO_REQUESTED:
        return None
    return session.exec(
        select(ApplicationEvent)
        .where(
            ApplicationEvent.application_id == application.id,
            ApplicationEvent.kind == "info_requested",
        )
        .order_by(col(ApplicationEvent.id).desc())
    ).first()


def resume_values(application: Application, now: datetime) -> dict:
    """The clock runs again: the working time waited is added to the pause total."""
    waited = max(working_days_between(application.paused_at, now), 0.0)
    total = round(application.paused_working_days + waited, 6)
    due = due_at(application.submitted_at, total)
    return {
        "paused_at": None,
        "paused_working_days": total,
        "due_at": due,
        "due_day": local_day_number(due),
        "_waited": round(waited, 4),
    }


def sweep_unanswered(
    *, session: Session, now: datetime | None = None, settings: Settings | None = None
) -> tuple[int, int]:
    """Remind applicants two working days before the limit, then withdraw: (reminded, withdrawn).

    Each is once only, however many workers run it: the withdrawal is a
    conditional update from ``info_requested``, the reminder an event the
    database allows once per question.
    """
    now = now or utcnow()
    settings = settings or settings_of(session)
    limit = settings.info_answer_working_days
    remind_from = working_moment_after(now, -(limit - settings.info_reminder_working_days))
    withdraw_from = working_moment_after(now, -limit)
    waiting = session.exec(
        select(Application).where(
            Application.state == State.INFO_REQUESTED,
            col(Application.paused_at) <= remind_from,
        )
    ).all()
    reminded = withdrawn = 0
    for application in waiting:
        question = open_question(session, application)
        text = question.note if question else ""
        if application.paused_at <= withdraw_from:
            withdrawn += _withdraw_unanswered(session, application, text, now, settings)
        else:
            reminded += _remind(session, application, question, text, now, settings)
    return reminded, withdrawn


def _remind(session, application, question, text, now, settings) -> int:
    try:
        with session.begin_nested():
            asked = str(question.id if question else application.info_requests)
            event = record_event(session, application, "info_reminder", None, now, note=asked)
            enqueue_email(
                session,
                application,
                event,
                "info_reminder",
                extra=email_values(session, application, text, settings),
            )
            session.flush()
    except IntegrityError:
        return 0  # already reminded about this question
    return 1


def _withdraw_unanswered(session, application, text, now, settings) -> int:
    resume = resume_values(application, now)
    waited = resume.pop("_waited")
    values = email_values(session, application, text, settings)
    changed = session.exec(
        update(Application)
        .where(Application.id == application.id, Application.state == State.INFO_REQUESTED)
        .values(
            state=State.WITHDRAWN,
            decided_at=now,
            decided_day=local_day_number(now),
            decided_by="system",
            paused_at=None,
            paused_working_days=resume["paused_working_days"],
        )
    )
    if changed.rowcount != 1:
        return 0
    session.refresh(application)
    waited_for = {"waited_working_days": waited}
    event = record_event(session, application, AUTO_WITHDRAWN, None, now, data=waited_for)
    enqueue_email(session, application, event, "info_expired", extra=values)
    return 1


def account_language(session: Session, application: Application) -> str:
    account = session.get(Account, application.account_sub)
    return account.language if account else application.language
