"""Ask the applicant: a reviewer's question pauses the SLA clock until the answer.

While an application waits for the applicant (``info_requested``) its due time
stands still: on the answer it moves later by exactly the working time spent
waiting, from the same working-day clock as every other due time. No answer
within the configured working days withdraws it, after one reminder.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session

from core.messaging.notifications import enqueue_email
from core.platform.clock import utcnow
from core.platform.errors import DomainError
from core.platform.identity import Identity, require_staff
from core.platform.models import Application, State
from core.platform.notes import clean_note
from core.platform.search import application_search_text
from core.platform.settings import settings_of
from core.registration.company import FIELDS, CompanyFacts, validate_company, with_changes
from core.registration.info_deadlines import answer_due, email_values, resume_values
from core.registration.records import latest_application, record_event
from core.registration.subject import APPLICATIONS
from core.review import workflow
from core.review.duties import refuse_own
from core.review.events import Step

ASKED = Step("info_requested", State.PENDING, State.INFO_REQUESTED)
ANSWERED = Step("info_answered", State.INFO_REQUESTED, State.PENDING)

QUESTION_MIN, QUESTION_MAX = 10, 1000
ANSWER_MIN, ANSWER_MAX = 10, 2000


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
    text = clean_note(
        question, required=True, minimum=QUESTION_MIN, maximum=QUESTION_MAX, what="question"
    )
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
        raise DomainError("error.not_pending")
    session.refresh(application)
    settings = settings_of(session)
    asked = {
        "due_at": application.due_at.isoformat(),
        "answer_by": answer_due(now, settings_of(session)).isoformat(),
    }
    event = record_event(session, application, ASKED, actor, now, note=text, data=asked)
    enqueue_email(
        session,
        application,
        event,
        "info_requested",
        extra=email_values(session, application, text, settings),
    )
    return application


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
    text = clean_note(answer, required=True, minimum=ANSWER_MIN, maximum=ANSWER_MAX, what="answer")
    application = latest_application(session, identity.sub)
    if application is None or application.state != State.INFO_REQUESTED:
        raise DomainError("error.no_question")
    before = current_facts(application)
    after = before
    if changes:
        after = validate_company(with_changes(before, changes), settings_of(session).partner_types)
    changed_facts = {
        name: [old, new]
        for name, old, new in zip(
            before.as_dict(), before.as_dict().values(), after.as_dict().values(), strict=True
        )
        if old != new
    }
    resume = resume_values(application, now)
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
        raise DomainError("error.no_question")
    session.refresh(application)
    answered = {
        "waited_working_days": waited,
        "due_at": application.due_at.isoformat(),
        "changed": changed_facts,
    }
    record_event(session, application, ANSWERED, identity, now, note=text, data=answered)
    return application


def current_facts(application: Application) -> CompanyFacts:
    return CompanyFacts(**{name: getattr(application, name) or "" for name in FIELDS})
