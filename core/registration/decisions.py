"""Reviewer use cases: look at an application, approve it or reject it — once."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from core.platform.clock import utcnow
from core.platform.errors import DomainError
from core.platform.identity import Identity, require_staff
from core.platform.models import Application, State
from core.platform.notes import clean_note
from core.platform.workdays import local_day_number, working_days_between
from core.registration.membership import create_partner
from core.registration.records import record_event
from core.registration.subject import APPLICATIONS
from core.review import workflow
from core.review.events import Step

REASON_CODES = (
    "not_enterprise",
    "partner_customer",
    "not_root",
    "unverifiable",
    "duplicate",
    "other",
)


def decide(
    *,
    session: Session,
    actor: Identity,
    application_id: int,
    approve: bool,
    reason_code: str | None = None,
    note: str | None = None,
    instead_of: str | None = None,
    now: datetime | None = None,
) -> Application:
    """Approve or reject a pending application: state, decision, event and email in one go.

    The state change is a conditional update from ``pending``: of two
    reviewers deciding at once exactly one matches; the other gets
    AlreadyDecided naming the first, and nothing of theirs is written.
    An application assigned to another reviewer is decided only when
    ``instead_of`` names that reviewer (the actor confirmed it); the event
    records both.
    """
    require_staff(actor)
    now = now or utcnow()
    if approve:
        reason_code = None
        text = clean_note(note, required=False)
    else:
        if reason_code not in REASON_CODES:
            raise DomainError("error.reason_required")
        text = clean_note(note, required=True)
    application = workflow.load(session, APPLICATIONS, application_id)
    workflow.check_decider(session, APPLICATIONS, actor, application, instead_of)
    new_state = State.APPROVED if approve else State.REJECTED
    data = workflow.decision_data(actor, application, None, reason_code=reason_code)
    workflow.take_decision(
        session,
        APPLICATIONS,
        application,
        state=new_state,
        decided_at=now,
        decided_day=local_day_number(now),
        decided_by=actor.sub,
        reason_code=reason_code,
        decision_note=text or None,
        working_days_to_decision=round(
            working_days_between(application.submitted_at, now) - application.paused_working_days,
            4,
        ),
    )
    if approve:
        create_partner(session, application, now)
    step = Step(new_state.value, State.PENDING, new_state)
    record_event(session, application, step, actor, now, note=text or None, data=data)
    return application
