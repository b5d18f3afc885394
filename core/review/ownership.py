"""Who owns a row waiting for the partner team: assign to me, to another reviewer, or nobody.

Opening a row never assigns it. An assignment changes only from the owner the
actor saw, so two reviewers pressing "Assign to me" at once cannot both believe
they own it.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, col, select

from core.platform.errors import DomainError
from core.platform.identity import Identity, Role
from core.platform.models import Account

ASSIGNABLE_ROLES = (Role.REVIEWER, Role.MANAGER)


class AssignedToAnother(DomainError):
    """The row belongs to another reviewer; deciding it needs their name confirmed."""

    def __init__(self, assignee: str) -> None:
        super().__init__("error.assigned_to_another", who=assignee)
        self.assignee = assignee


def has_role(account: Account | None, role: Role) -> bool:
    return account is not None and role.value in account.staff_roles.split(",")


def staff_members(session: Session, role: Role | None = None) -> list[Account]:
    """Accounts that signed in to the staff sign-in with a partner-team role (``role`` if given)."""
    accounts = session.exec(
        select(Account).where(Account.staff_roles != "").order_by(col(Account.email))
    ).all()
    return [a for a in accounts if role is None or has_role(a, role)]


def owned_by(owner: str | None, model):
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
        raise DomainError("error.assignment_changed")
