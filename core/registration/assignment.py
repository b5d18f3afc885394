"""Who owns an application: assign to me, to another reviewer, or nobody; and each reviewer's load.

Opening an application never assigns it. An assignment changes only from the
owner the actor saw, so two reviewers pressing "Assign to me" at once cannot
both believe they own it.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import case, func, update
from sqlmodel import Session, col, select

from core.platform.errors import DomainError
from core.platform.identity import Identity, Role, require_staff
from core.platform.models import OPEN_STATES, Account, Application, State
from core.platform.workdays import utcnow
from core.registration.applications import record_event
from core.registration.queue import Edges

ASSIGNABLE_ROLES = (Role.REVIEWER, Role.MANAGER)


def has_role(account: Account | None, role: Role) -> bool:
    return account is not None and role.value in account.staff_roles.split(",")


def staff_members(session: Session, role: Role | None = None) -> list[Account]:
    """Accounts that signed in to the staff sign-in with a partner-team role (``role`` if given)."""
    accounts = session.exec(
        select(Account).where(Account.staff_roles != "").order_by(col(Account.email))
    ).all()
    return [a for a in accounts if role is None or has_role(a, role)]


def owned_by(owner: str | None, model=Application):
    """The condition that a row's owner (``assigned_to``) is still ``owner`` (None: nobody)."""
    column = col(model.assigned_to)
    return column.is_(None) if owner is None else column == owner


def owner_filter(query, model, owner: str, actor: Identity):
    """``query`` narrowed to the actor's rows ("mine"), nobody's ("unassigned"), or all ("")."""
    if owner == "mine":
        return query.where(owned_by(actor.sub, model))
    if owner == "unassigned":
        return query.where(owned_by(None, model))
    return query


def check_assignee(session: Session, actor: Identity, assignee: str | None) -> None:
    """Only a reviewer or manager who has signed in can be given work (or nobody, or oneself)."""
    if assignee not in (None, actor.sub) and not any(
        has_role(session.get(Account, assignee), role) for role in ASSIGNABLE_ROLES
    ):
        raise DomainError("error.not_a_reviewer")


def change_owner(
    session: Session, model, row_id: int, still_open, assignee: str | None, seen: str | None, now
) -> None:
    """Give the row to ``assignee`` if it is still open and still owned by ``seen``."""
    changed = session.exec(
        update(model)
        .where(model.id == row_id, still_open, owned_by(seen, model))
        .values(assigned_to=assignee, assigned_at=now if assignee else None)
    )
    if changed.rowcount != 1:
        session.rollback()
        raise DomainError("error.assignment_changed")


def assignable(session: Session, actor: Identity) -> list[Account]:
    """Whom an application can be assigned to: every reviewer and manager."""
    require_staff(actor)
    return staff_members(session)


def assign(
    *,
    session: Session,
    actor: Identity,
    application_id: int,
    assignee: str | None,
    seen: str | None,
    now: datetime | None = None,
) -> Application:
    """Give the application to ``assignee`` (None: unassign), if its owner is still ``seen``."""
    require_staff(actor)
    now = now or utcnow()
    application = session.get(Application, application_id)
    if application is None:
        raise DomainError("error.not_found")
    if application.state not in OPEN_STATES:
        raise DomainError("error.not_open")
    check_assignee(session, actor, assignee)
    if application.assigned_to == assignee:
        return application
    still_open = col(Application.state).in_(OPEN_STATES)
    change_owner(session, Application, application_id, still_open, assignee, seen, now)
    session.refresh(application)
    record_event(
        session,
        application,
        kind="assigned" if assignee else "unassigned",
        actor=actor,
        at=now,
        note=assignee,
        data={"from": seen, "to": assignee},
    )
    session.commit()
    return application


def assignment_load(session: Session, actor: Identity, now: datetime) -> pd.DataFrame:
    """Per owner (None: unassigned): open applications, due soon and overdue — one query."""
    require_staff(actor)
    edges = Edges.at(now)
    pending = col(Application.state) == State.PENDING
    due = col(Application.due_at)
    rows = session.exec(
        select(
            Application.assigned_to,
            func.count(),
            func.sum(case((pending & (due > now) & (due < edges.due_soon_before), 1), else_=0)),
            func.sum(case((pending & (due <= now), 1), else_=0)),
            func.sum(case((col(Application.state) == State.INFO_REQUESTED, 1), else_=0)),
        )
        .where(col(Application.state).in_(OPEN_STATES))
        .group_by(Application.assigned_to)
    ).all()
    frame = pd.DataFrame(
        rows, columns=["assigned_to", "open", "due_soon", "overdue", "waiting"]
    ).fillna({"due_soon": 0, "overdue": 0, "waiting": 0})
    for column in ("open", "due_soon", "overdue", "waiting"):
        frame[column] = frame[column].astype(int)
    # Every reviewer appears, with nothing assigned too: a manager sees who has room.
    members = [a.sub for a in staff_members(session, Role.REVIEWER)]
    missing = [m for m in members if m not in set(frame["assigned_to"].dropna())]
    if missing:
        frame = pd.concat(
            [
                frame,
                pd.DataFrame(
                    {"assigned_to": missing, "open": 0, "due_soon": 0, "overdue": 0, "waiting": 0}
                ),
            ],
            ignore_index=True,
        )
    return frame.sort_values(["overdue", "due_soon", "open"], ascending=False).reset_index(
        drop=True
    )
