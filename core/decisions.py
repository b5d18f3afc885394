"""Reviewer use cases: look at an application, approve it or reject it — once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, col

from core.applications import record_event
from core.errors import DomainError
from core.identity import Identity, require_staff
from core.models import Application, OpenDecision, State
from core.partners import create_partner
from core.text import strip_controls
from core.workdays import local_day_number, utcnow, working_days_between

REASON_CODES = (
    "not_enterprise",
    "partner_customer",
    "not_root",
    "unverifiable",
    "duplicate",
    "other",
)
NOTE_MIN, NOTE_MAX = 10, 1000
IN_REVIEW_FOR = timedelta(minutes=30)


class AlreadyDecided(DomainError):
    """Someone else decided first; nothing was written."""

    def __init__(self, application: Application) -> None:
        super().__init__("error.already_decided")
        self.state = application.state
        self.decided_by = application.decided_by
        self.decided_at = application.decided_at


def clean_note(note: str | None, *, required: bool) -> str:
    """The note as it will be stored and shown: line breaks kept, hidden reordering removed."""
    if "\x00" in (note or ""):
        raise DomainError("error.note_invalid")
    text = strip_controls(note or "", keep_newlines=True).strip()
    if required and not text:
        raise DomainError("error.note_required", minimum=NOTE_MIN)
    if text and not NOTE_MIN <= len(text) <= NOTE_MAX:
        raise DomainError("error.note_length", minimum=NOTE_MIN, maximum=NOTE_MAX)
    return text


def decide(
    *,
    session: Session,
    actor: Identity,
    application_id: int,
    approve: bool,
    reason_code: str | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> Application:
    """Approve or reject a pending application: state, decision, event and email in one go.

    The state change is a conditional update from ``pending``: of two
    reviewers deciding at once exactly one matches; the other gets
    AlreadyDecided naming the first, and nothing of theirs is written.
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
    new_state = State.APPROVED if approve else State.REJECTED
    changed = session.exec(
        update(Application)
        .where(Application.id == application_id, Application.state == State.PENDING)
        .values(
            state=new_state,
            decided_at=now,
            decided_day=local_day_number(now),
            decided_by=actor.sub,
            reason_code=reason_code,
            decision_note=text or None,
            working_days_to_decision=round(working_days_between(application.submitted_at, now), 4),
            in_review_by=None,
            in_review_since=None,
            in_review_until=None,
        )
    )
    if changed.rowcount != 1:
        session.rollback()
        session.refresh(application)
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
        data={"reason_code": reason_code} if reason_code else {},
    )
    session.commit()
    return application


@dataclass(frozen=True)
class InReview:
    """Another reviewer's mark on an application: who, and since when."""

    by: str
    since: datetime


def mark_in_review(
    *, session: Session, actor: Identity, application_id: int, now: datetime | None = None
) -> InReview | None:
    """Tell other reviewers, for the next 30 minutes, that ``actor`` is deciding this application.

    Never takes over: if another reviewer's mark is still fresh it stays, and
    their name is returned so the actor can be told. None when the mark is the
    actor's (or the application is no longer pending).
    """
    require_staff(actor)
    now = now or utcnow()
    application = session.get(Application, application_id)
    if application is None or application.state != State.PENDING:
        return None
    mine = application.in_review_by == actor.sub and application.in_review_until
    if mine and application.in_review_until - now > IN_REVIEW_FOR / 2:
        return None  # fresh enough; do not write on every rerun
    since = application.in_review_since if mine else now
    claimed = session.exec(
        update(Application)
        .where(
            Application.id == application_id,
            Application.state == State.PENDING,
            or_(
                col(Application.in_review_by).is_(None),
                Application.in_review_by == actor.sub,
                col(Application.in_review_until) <= now,
            ),
        )
        .values(in_review_by=actor.sub, in_review_since=since, in_review_until=now + IN_REVIEW_FOR)
    ).rowcount
    session.commit()
    if claimed:
        return None
    session.refresh(application)
    return held_by_another(application, actor, now)


def held_by_another(application: Application, actor: Identity, now: datetime) -> InReview | None:
    """The fresh in-review mark of a reviewer other than ``actor`` on a pending application."""
    by, until = application.in_review_by, application.in_review_until
    if application.state != State.PENDING or by in (None, actor.sub) or not until or until <= now:
        return None
    return InReview(by, application.in_review_since or now)


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
