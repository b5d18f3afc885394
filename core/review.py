"""What the partner team reviews: the pending queue and one application's full record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from core.applications import applications_of, events_of
from core.decisions import require_staff
from core.identity import Identity
from core.models import Account, Application, ApplicationEvent, State
from core.sla import SlaState, assess
from core.workdays import LOCAL_TZ

QUEUE_COLUMNS = [
    "id",
    "email",
    "company",
    "language",
    "submitted_at",
    "due_at",
    "in_review_by",
    "in_review_since",
    "in_review_until",
]


@dataclass(frozen=True)
class QueueFilter:
    sla_states: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    submitted_from: date | None = None
    submitted_to: date | None = None
    search: str = ""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def pending_queue(
    session: Session, actor: Identity, now: datetime, where: QueueFilter = QueueFilter()
) -> pd.DataFrame:
    """Pending applications with their SLA figures, most urgent first."""
    require_staff(actor)
    query = select(*[getattr(Application, c) for c in QUEUE_COLUMNS]).where(
        Application.state == State.PENDING
    )
    if where.languages:
        query = query.where(col(Application.language).in_(where.languages))
    if where.submitted_from:
        start = datetime.combine(where.submitted_from, time(0), tzinfo=LOCAL_TZ)
        query = query.where(col(Application.submitted_at) >= start)
    if where.submitted_to:
        end = datetime.combine(where.submitted_to + timedelta(days=1), time(0), tzinfo=LOCAL_TZ)
        query = query.where(col(Application.submitted_at) < end)
    if where.search.strip():
        pattern = _like(where.search.strip())
        query = query.where(
            or_(
                func.lower(Application.email).like(pattern, escape="\\"),
                func.lower(Application.company).like(pattern, escape="\\"),
            )
        )
    rows = session.exec(query.order_by(col(Application.due_at), col(Application.id))).all()
    frame = pd.DataFrame(rows, columns=QUEUE_COLUMNS)
    if frame.empty:
        return frame.assign(
            sla_state=[], working_days_elapsed=[], working_days_left=[], working_days_overdue=[]
        ).assign(age_bucket=[])
    frame = pd.concat([frame, assess(frame["submitted_at"], frame["due_at"], now)], axis=1)
    stale = frame["in_review_until"].isna() | (
        pd.to_datetime(frame["in_review_until"], utc=True) <= pd.Timestamp(now)
    )
    frame.loc[stale, ["in_review_by", "in_review_since"]] = None
    if where.sla_states:
        frame = frame[frame["sla_state"].isin(where.sla_states)]
    return frame.reset_index(drop=True)


def queue_counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["sla_state"].value_counts() if not frame.empty else {}
    return {
        "pending": len(frame),
        SlaState.DUE_SOON: int(counts.get(SlaState.DUE_SOON, 0)),
        SlaState.OVERDUE: int(counts.get(SlaState.OVERDUE, 0)),
    }


def age_chart_data(frame: pd.DataFrame) -> pd.DataFrame:
    """Pending applications per age bucket (working days) and SLA state."""
    if frame.empty:
        return pd.DataFrame(columns=["age_bucket", "sla_state", "applications"])
    return (
        frame.groupby(["age_bucket", "sla_state"], observed=True)
        .size()
        .reset_index(name="applications")
    )


@dataclass
class ApplicationRecord:
    application: Application
    account: Account | None
    earlier: list[Application] = field(default_factory=list)
    events: list[ApplicationEvent] = field(default_factory=list)


def application_record(
    session: Session, actor: Identity, application_id: int
) -> ApplicationRecord | None:
    """Everything a reviewer needs to decide, on one screen."""
    require_staff(actor)
    application = session.get(Application, application_id)
    if application is None:
        return None
    return ApplicationRecord(
        application=application,
        account=session.get(Account, application.account_sub),
        earlier=[
            a for a in applications_of(session, application.account_sub) if a.id != application.id
        ],
        events=events_of(session, application.id),
    )
