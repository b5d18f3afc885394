"""Reviewer use cases: look at an application, approve it or reject it — once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session

from core.platform.errors import DomainError
from core.platform.identity import Identity, require_staff
from core.platform.models import Application, OpenDecision, State
from core.platform.text import strip_controls
from core.platform.workdays import local_day_number, utcnow, working_days_between
from core.registration.applications import record_event
from core.registration.assignment import owned_by
from core.registration.partnership import create_partner

REASON_CODES = (
    "not_enterprise",
    "partner_customer",
    "not_root",
    "unverifiable",
    "duplicate",
    "other",
)
NOTE_MIN, NOTE_MAX = 10, 1000


class AlreadyDecided(DomainError):
    """Someone else decided first; nothing was written."""

    def __init__(self, application: Application) -> None:
        super().__init__("error.already_decided")
        self.state = application.state
        self.decided_by = application.decided_by
        self.decided_at = application.decided_at


def clean_note(
    note: str | None, *, required: bool, minimum: int = NOTE_MIN, maximum: int = NOTE_MAX
) -> str:
    """The note as it will be stored and shown: line breaks kept, hidden reordering removed."""
    if "\x00" in (note or ""):
        raise DomainError("error.note_invalid")
    text = strip_controls(note or "", keep_newlines=True).strip()
    if required and not text:
        raise DomainError("error.note_required", minimum=minimum)
    if text and not minimum <= len(text) <= maximum:
        raise DomainError("error.note_length", minimum=minimum, maximum=maximum)
    return text


class AssignedToAnother(DomainError):
    """The application belongs to another reviewer; deciding it needs their name confirmed."""

    def __init__(self, assignee: str) -> None:
        super().__init__("error.assigned_to_another", who=assignee)
        self.assignee = assignee


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
    application = session.get(Application, application_id)
    if application is None:
        raise DomainError("error.not_found")
    if application.account_sub == actor.sub:
        raise DomainError("error.own_application")
    assignee = application.assigned_to
    others = application.state == State.PENDING and assignee not in (None, actor.sub)
    if others and instead_of != assignee:
        raise AssignedToAnother(assignee)
    new_state = State.APPROVED if approve else State.REJECTED
    same_owner = owned_by(assignee)
    changed = session.exec(
        update(Application)
        .where(Application.id == application_id, Application.state == State.PENDING, same_owner)
        .values(
            state=new_state,
            decided_at=now,
            decided_day=local_day_number(now),
            decided_by=actor.sub,
            reason_code=reason_code,
            decision_note=text or None,
            working_days_to_decision=round(
                working_days_between(application.submitted_at, now)
                - application.paused_working_days,
                4,
            ),
        )
    )
    if changed.rowcount != 1:
        session.rollback()
        session.refresh(application)
        if application.state == State.PENDING:  # reassigned meanwhile: look again
            raise DomainError("error.assignment_changed")
        raise AlreadyDecided(application)
    session.refresh(application)
    if approve:
        create_partner(session, application, now)
    record_event(
        session,
        application,
        kind=new_state.value,
        actor=actor,
        at=now,
        from_state=State.PENDING,
        to_state=new_state,
        note=text or None,
        data={
            **({"reason_code": reason_code} if reason_code else {}),
            **({"assigned_to": assignee} if assignee not in (None, actor.sub) else {}),
        },
    )
    session.commit()
    return application


RESUME_WITHIN = timedelta(minutes=30)


def remember_open_decision(
    *, session: Session, actor: Identity, application_id: int, approve: bool
) -> None:
    """The reviewer opened a decision dialog; kept in the database, not in one server."""
    require_staff(actor)
    row = session.get(OpenDecision, actor.sub) or OpenDecision(actor_sub=actor.sub)
    row.application_id, row.approve, row.opened_at = application_id, approve, utcnow()
    session.add(row)
    session.commit()


def forget_open_decision(*, session: Session, actor: Identity) -> None:
    row = session.get(OpenDecision, actor.sub)
    if row is not None:
        session.delete(row)
        session.commit()


def open_decision_of(
    session: Session, actor: Identity, now: datetime | None = None
) -> OpenDecision | None:
    """The decision dialog this reviewer had open in the last 30 minutes, if any."""
    now = now or utcnow()
    row = session.get(OpenDecision, actor.sub)
    return row if row is not None and now - row.opened_at <= RESUME_WITHIN else None
