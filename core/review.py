"""What the partner team reviews."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session, col, select

from core.models import Application, State


def pending_queue(session: Session) -> pd.DataFrame:
    """Pending applications ordered by due time, most urgent first."""
    rows = session.exec(
        select(
            Application.id,
            Application.email,
            Application.company,
            Application.language,
            Application.submitted_at,
            Application.due_at,
        )
        .where(Application.state == State.PENDING)
        .order_by(col(Application.due_at), col(Application.id))
    ).all()
    return pd.DataFrame(
        rows, columns=["id", "email", "company", "language", "submitted_at", "due_at"]
    )
