"""Ask the applicant: a reviewer's question pauses the SLA clock until the answer.

While an application waits for the applicant (``info_requested``) its due time
stands still: on the answer it moves later by exactly the working time spent
waiting, from the same working-day clock as every other due time. No answer
within the configured working days withdraws it, after one reminder.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.messaging.notifications import enqueue_email
from core.platform.errors import DomainError
from core.platform.i18n import format_deadline
from core.platform.identity import Identity, require_staff
from core.platform.models import Account, Application, ApplicationEvent, State
from core.platform.settings import Settings, get_settings
from core.platform.text import application_search_text, clean_note
from core.platform.workdays import (
    due_at,
    local_day_number,
    utcnow,
    working_days_between,
    working_moment_after,
)
from core.registration.applications import latest_application, record_event
from core.registration.company import CompanyFacts, validate_company, with_changes
from core.registration.subject import APPLICATIONS
from core.review import workflow
from core.review.duties import refuse_own

QUESTION_MIN, QUESTION_MAX = 10, 1000
ANSWER_MIN, ANSWER_MAX = 10, 2000


def answer_due(paused_at: datetime, settings: Settings | None = None) -> datetime:
    """When an unanswered question withdraws the application."""
    settings = settings or get_settings()
    return working_moment_after(paused_at, settings.info_answer_working_days)


def _email_values(
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


def request_information(
    *,
    session: Session,
    actor: Identity,
    application_id: int,
    question: str,
    now: datetime | None = None,
) -> Application:
    """Ask the applicant a question: the application waits for them, its clock paused."""
    require_staff(actor)
    now = now or utcnow()
    text = clean_note(question, required=True, minimum=QUESTION_MIN, maximum=QUESTION_MAX)
    application = workflow.load(session, APPLICATIONS, application_id)
    refuse_own(session, actor, APPLICATIONS.concerns(session, application))
    changed = session.exec(
        update(Application)
        .where(Application.id == application_id, Application.state == State.PENDING)
        .values(
            state=State.INFO_REQUESTED,
            paused_at=now,
            info_requests=Application.info_requests + 1,
        )
    )
    if changed.rowcount != 1:
        session.rollback()
        raise DomainError("error.not_pending")
    session.refresh(application)
    settings = get_settings()
    event = record_event(
        session,
        application,
        kind="info_requested",
        actor=actor,
        at=now,
        from_state=State.PENDING,
        to_state=State.INFO_REQUESTED,
        note=text,
        data={"due_at": application.due_at.isoformat(), "answer_by": answer_due(now).isoformat()},
    )
    enqueue_email(
        session,
        application,
        event,
        "info_requested",
        extra=_email_values(session, application, text, settings),
    )
    session.commit()
    return application


def _resume_values(application: Application, now: datetime) -> dict:
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


def answer_information(
    *,
    session: Session,
    identity: Identity,
    answer: str,
    changes: dict[str, str] | None = None,
    now: datetime | None = None,
) -> Application:
    """The applicant answers; any company fact may be replaced. Back to the team's queue."""
    now = now or utcnow()
    text = clean_note(answer, required=True, minimum=ANSWER_MIN, maximum=ANSWER_MAX)
    application = latest_application(session, identity.sub)
    if application is None or application.state != State.INFO_REQUESTED:
        raise DomainError("error.no_question")
    before = current_facts(application)
    after = before
    if changes:
        after = validate_company(with_changes(before, changes), get_settings().partner_types)
    changed_facts = {
        name: [old, new]
        for name, old, new in zip(
            before.as_dict(), before.as_dict().values(), after.as_dict().values(), strict=True
        )
        if old != new
    }
    resume = _resume_values(application, now)
    waited = resume.pop("_waited")
    values = {**resume, "state": State.PENDING}
    if changed_facts:
        values |= {
            **after.as_dict(),
            "company": after.legal_name,
            "search_text": application_search_text(application.email, after.legal_name),
        }
    changed = session.exec(
        update(Application)
        .where(Application.id == application.id, Application.state == State.INFO_REQUESTED)
        .values(**values)
    )
    if changed.rowcount != 1:
        session.rollback()
        raise DomainError("error.no_question")
    session.refresh(application)
    record_event(
        session,
        application,
        kind="info_answered",
        actor=identity,
        at=now,
        from_state=State.INFO_REQUESTED,
        to_state=State.PENDING,
        note=text,
        data={
            "waited_working_days": waited,
            "due_at": application.due_at.isoformat(),
            "changed": changed_facts,
        },
    )
    session.commit()
    return application


def current_facts(application: Application) -> CompanyFacts:
    return CompanyFacts(
        legal_name=application.legal_name,
        tax_code=application.tax_code,
        website=application.website,
        partner_type=application.partner_type,
        business_phone=application.business_phone,
        description=application.description or "",
    )


def sweep_unanswered(
    *, session: Session, now: datetime | None = None, settings: Settings | None = None
) -> tuple[int, int]:
    """Remind applicants two working days before the limit, then withdraw: (reminded, withdrawn).

    Each is once only, however many workers run it: the withdrawal is a
    conditional update from ``info_requested``, the reminder an event the
    database allows once per question.
    """
    now = now or utcnow()
    settings = settings or get_settings()
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
            event = record_event(
                session,
                application,
                kind="info_reminder",
                actor=None,
                at=now,
                note=str(question.id if question else application.info_requests),
            )
            enqueue_email(
                session,
                application,
                event,
                "info_reminder",
                extra=_email_values(session, application, text, settings),
            )
            session.flush()
    except IntegrityError:
        return 0  # already reminded about this question
    session.commit()
    return 1


def _withdraw_unanswered(session, application, text, now, settings) -> int:
    resume = _resume_values(application, now)
    waited = resume.pop("_waited")
    values = _email_values(session, application, text, settings)
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
        session.rollback()
        return 0
    session.refresh(application)
    event = record_event(
        session,
        application,
        kind="auto_withdrawn",
        actor=None,
        at=now,
        from_state=State.INFO_REQUESTED,
        to_state=State.WITHDRAWN,
        data={"waited_working_days": waited},
    )
    enqueue_email(session, application, event, "info_expired", extra=values)
    session.commit()
    return 1


def account_language(session: Session, application: Application) -> str:
    account = session.get(Account, application.account_sub)
    return account.language if account else application.language
