"""The one review workflow: what the partner team decides, configured, not copied.

Applications, customer links and discount requests each describe themselves
once as a ``Subject`` (its table, the state a decision is taken from, its event
log, whose accounts it concerns, its overdue email). Everything else is here,
once: assignment that changes only from the owner seen, separation of duties,
deciding instead of another reviewer, a decision that is a conditional update
of which exactly one of two wins (the loser is told who decided), overdue
alerts once per person and due time, and the open decision dialog remembered
in the database across a lost server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, literal, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.messaging.notifications import enqueue_staff_email
from core.platform.clock import utcnow
from core.platform.errors import DomainError
from core.platform.identity import Identity, Role, require_staff
from core.platform.models import Account, OpenDecision
from core.platform.sla import Edges
from core.review.duties import refuse_own
from core.review.ownership import (
    AssignedToAnother,
    change_owner,
    check_assignee,
    owned_by,
    staff_members,
)

# A row overdue for longer than this when alerts first run is old news: the
# digest counts it; only newly overdue ones alert.
ALERT_WINDOW = timedelta(days=1)
RESUME_WITHIN = timedelta(minutes=30)


@dataclass(frozen=True)
class Subject:
    """One kind of row the partner team decides, as the workflow needs to know it."""

    name: str
    model: Any
    # The state a decision is taken from, and the states in which the row may change hands.
    waiting: str
    open_states: tuple[str, ...]
    not_found: str
    event_model: Any
    event_key: str
    # record(session, row, step, actor, at, *, note, data) -> event (see review.events)
    record: Callable[..., Any]
    # The accounts (subs) the decision concerns: nobody who signs in with one decides it.
    concerns: Callable[[Session, Any], set[str]]
    alert_template: str
    # alert_item(session, row, language, owner) -> the email's context
    alert_item: Callable[[Session, Any, str, Account | None], dict]
    # The alert's round: a row whose due time moves (an answered question) alerts again.
    alert_round: Callable[[Any], str] = field(default=lambda row: "1")
    alert_round_sql: Callable[[], Any] = field(default=lambda: literal("1"))
    # Extra keys of the alert email (applications tie it to their event).
    alert_email_keys: Callable[[Any, Any, Account], dict] | None = None
    # Addresses the decision concerns besides its accounts' (a customer not yet signed in).
    concerned_emails: Callable[[Session, Any], set[str]] = field(default=lambda session, row: set())
    # Where the morning digests put this subject's rows ("items" is the primary list) and
    # counts (``<digest_counts>_pending``, ``<digest_counts>_overdue``).
    digest_items: str = "items"
    digest_counts: str = ""
    # The name of the worker's periodic task that sends this subject's overdue alerts.
    alert_task: str = "overdue_alerts"


class AlreadyDecided(DomainError):
    """Someone else decided first; nothing was written. Names who, how and when."""

    def __init__(self, row: Any) -> None:
        super().__init__("error.already_decided")
        self.state = row.state
        self.decided_by = row.decided_by
        self.decided_at = row.decided_at
        # How it ended, in words every subject shares (a link approved is "active").
        self.outcome = "approved" if row.state in ("approved", "active") else row.state


def load(session: Session, subject: Subject, row_id: int) -> Any:
    row = session.get(subject.model, row_id)
    if row is None:
        raise DomainError(subject.not_found)
    return row


def assign(
    *,
    session: Session,
    subject: Subject,
    actor: Identity,
    row_id: int,
    assignee: str | None,
    seen: str | None,
    now: datetime | None = None,
) -> Any:
    """Give the row to ``assignee`` (None: unassign), if its owner is still ``seen``."""
    require_staff(actor)
    now = now or utcnow()
    row = load(session, subject, row_id)
    if row.state not in subject.open_states:
        raise DomainError("error.not_open")
    check_assignee(session, actor, assignee)
    if assignee is not None:
        # Nobody takes on what concerns an account they sign in with, nor is given it.
        who = actor if assignee == actor.sub else _person(session.get(Account, assignee))
        if who is not None:
            refuse_own(
                session, who, subject.concerns(session, row), subject.concerned_emails(session, row)
            )
    if row.assigned_to == assignee:
        return row
    still_open = col(subject.model.state).in_(subject.open_states)
    change_owner(session, subject.model, row_id, still_open, assignee, seen, now)
    session.refresh(row)
    kind = "assigned" if assignee else "unassigned"
    handover = {"from": seen, "to": assignee}
    subject.record(session, row, kind, actor, now, note=assignee, data=handover)
    return row


def _person(account: Account | None) -> Identity | None:
    """A team member as the duties rule sees them: their account and its address."""
    if account is None:
        return None
    return Identity(sub=account.sub, email=account.email, name="", company="", roles=frozenset())


def check_decider(
    session: Session, subject: Subject, actor: Identity, row: Any, instead_of: str | None
) -> None:
    """Before a decision: separation of duties, then the owner's name when it is another's."""
    require_staff(actor)
    refuse_own(
        session, actor, subject.concerns(session, row), subject.concerned_emails(session, row)
    )
    others = row.state == subject.waiting and row.assigned_to not in (None, actor.sub)
    if others and instead_of != row.assigned_to:
        raise AssignedToAnother(row.assigned_to)


def take_decision(session: Session, subject: Subject, row: Any, **values: Any) -> None:
    """The decision as one conditional update from the waiting state and the owner seen.

    Of two reviewers deciding at once exactly one matches. The other's changes
    are rolled back and they learn who decided (AlreadyDecided), or that the row
    changed hands meanwhile.
    """
    model = subject.model
    changed = session.exec(
        update(model)
        .where(model.id == row.id, model.state == subject.waiting, owned_by(row.assigned_to, model))
        .values(**values)
    )
    if changed.rowcount == 1:
        session.refresh(row)
        return
    session.refresh(row)
    if row.state == subject.waiting:
        raise DomainError("error.assignment_changed")
    raise AlreadyDecided(row)


def decision_data(actor: Identity, row: Any, instead_of: str | None, **data: Any) -> dict:
    """What a decision's event records besides its note: the owner decided for, and more."""
    assignee = row.assigned_to
    return {
        **{k: v for k, v in data.items() if v is not None},
        **({"assigned_to": assignee} if assignee not in (None, actor.sub) else {}),
        **({"instead_of": instead_of} if instead_of else {}),
    }


def _already_alerted(subject: Subject):
    events, model = subject.event_model, subject.model
    return exists().where(
        getattr(events, subject.event_key) == model.id,
        events.kind == "overdue_alert",
        events.note == subject.alert_round_sql(),
    )


def alert_overdue(*, session: Session, subject: Subject, now: datetime | None = None) -> int:
    """Alert the owner (or every reviewer, when nobody owns it) of each newly overdue row, once."""
    now = now or utcnow()
    model = subject.model
    due = col(model.due_at)
    newly = session.exec(
        select(model)
        .where(
            model.state == subject.waiting,
            due <= now,
            due > now - ALERT_WINDOW,
            ~_already_alerted(subject),
        )
        .order_by(due, col(model.id))
    ).all()
    reviewers = staff_members(session, Role.REVIEWER)
    alerted = 0
    for row in newly:
        owner = session.get(Account, row.assigned_to) if row.assigned_to else None
        recipients = [owner] if owner is not None else reviewers
        try:
            with session.begin_nested():
                # The database allows this event once per row and round, however many
                # workers run: the loser's savepoint rolls back with its emails.
                told = {"to": [r.sub for r in recipients]}
                alert_round = subject.alert_round(row)
                event = subject.record(
                    session, row, "overdue_alert", None, now, note=alert_round, data=told
                )
                for account in recipients:
                    keys = (
                        subject.alert_email_keys(row, event, account)
                        if subject.alert_email_keys
                        else {"dedupe_key": f"{subject.name}-alert:{event.id}:{account.sub}"}
                    )
                    enqueue_staff_email(
                        session,
                        account,
                        subject.alert_template,
                        subject.alert_item(session, row, account.language, owner),
                        at=now,
                        **keys,
                    )
                session.flush()
        except IntegrityError:
            continue  # another worker alerted first
        alerted += 1
    return alerted


def remember_open_decision(
    *, session: Session, subject: Subject, actor: Identity, row_id: int, approve: bool
) -> None:
    """The reviewer opened a decision dialog; kept in the database, not in one server."""
    require_staff(actor)
    row = session.get(OpenDecision, actor.sub) or OpenDecision(
        actor_sub=actor.sub, subject_id=row_id, approve=approve
    )
    row.subject, row.subject_id, row.approve, row.opened_at = (
        subject.name,
        row_id,
        approve,
        utcnow(),
    )
    session.add(row)


def forget_open_decision(*, session: Session, actor: Identity) -> None:
    row = session.get(OpenDecision, actor.sub)
    if row is not None:
        session.delete(row)
        session.flush()


def open_decision_of(
    session: Session, subject: Subject, actor: Identity, now: datetime | None = None
) -> OpenDecision | None:
    """The ``subject`` decision dialog this reviewer had open in the last 30 minutes, if any."""
    now = now or utcnow()
    row = session.get(OpenDecision, actor.sub)
    if row is None or row.subject != subject.name or now - row.opened_at > RESUME_WITHIN:
        return None
    return row


def urgent(
    session: Session, subject: Subject, *, account: Account, now: datetime, limit: int
) -> tuple[list[dict], int]:
    """Rows due soon or overdue that are ``account``'s or nobody's, as digest lines, and
    how many there are in all."""
    model = subject.model
    query = select(model).where(
        col(model.state) == subject.waiting,
        col(model.due_at) < Edges.at(now).due_soon_before,
        (col(model.assigned_to) == account.sub) | col(model.assigned_to).is_(None),
    )
    rows = session.exec(query.order_by(col(model.due_at), col(model.id)).limit(limit)).all()
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    items = [
        {
            **subject.alert_item(session, row, account.language, None),
            "overdue": row.due_at <= now,
            "mine": bool(row.assigned_to),
        }
        for row in rows
    ]
    return items, int(total)


def waiting_counts(session: Session, subject: Subject, now: datetime) -> tuple[int, int]:
    """How many rows wait for a decision, and how many of those are overdue."""
    model = subject.model
    waiting = col(model.state) == subject.waiting
    count = session.exec(select(func.count()).where(waiting)).one()
    overdue = session.exec(select(func.count()).where(waiting, col(model.due_at) <= now)).one()
    return int(count), int(overdue)
