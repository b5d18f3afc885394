"""Who owns an application (the review workflow's assignment) and each reviewer's load."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import case, func
from sqlmodel import Session, col, select

from core.platform.identity import Identity, Role, require_staff
from core.platform.models import OPEN_STATES, Account, Application, State
from core.platform.sla import Edges
from core.review.ownership import staff_members


def assignable(session: Session, actor: Identity) -> list[Account]:
    """Whom an application can be assigned to: every reviewer and manager."""
    require_staff(actor)
    return staff_members(session)


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
