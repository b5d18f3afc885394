"""What the partner team reviews: the pending queue and one application's full record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from core.applications import applications_of, events_of
from core.identity import Identity, require_staff
from core.models import Account, Application, ApplicationEvent, State
from core.sla import SlaState, assess
from core.text import search_key
from core.workdays import LOCAL_TZ

SLA_COLUMNS = [
    "sla_state",
    "working_days_elapsed",
    "working_days_left",
    "working_days_overdue",
    "age_bucket",
]
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


def pending_queue(session: Session, actor: Identity, now: datetime) -> pd.DataFrame:
    """Every pending application with its SLA figures, most urgent first."""
    require_staff(actor)
    rows = session.exec(
        select(*[getattr(Application, c) for c in QUEUE_COLUMNS])
        .where(Application.state == State.PENDING)
        .order_by(col(Application.due_at), col(Application.id))
    ).all()
    frame = pd.DataFrame(rows, columns=QUEUE_COLUMNS)
    if frame.empty:
        return frame.reindex(columns=[*QUEUE_COLUMNS, *SLA_COLUMNS])
    frame = pd.concat([frame, assess(frame["submitted_at"], frame["due_at"], now)], axis=1)
    stale = frame["in_review_until"].isna() | (
        pd.to_datetime(frame["in_review_until"], utc=True) <= pd.Timestamp(now)
    )
    frame.loc[stale, ["in_review_by", "in_review_since"]] = None
    return frame


def filter_queue(frame: pd.DataFrame, where: QueueFilter) -> pd.DataFrame:
    """The queue narrowed by SLA state, language, submission dates and a search text."""
    keep = pd.Series(True, index=frame.index)
    if where.sla_states:
        keep &= frame["sla_state"].isin(where.sla_states)
    if where.languages:
        keep &= frame["language"].isin(where.languages)
    if where.submitted_from or where.submitted_to:
        local_dates = (
            pd.to_datetime(frame["submitted_at"], utc=True).dt.tz_convert(LOCAL_TZ).dt.date
        )
        if where.submitted_from:
            keep &= local_dates >= where.submitted_from
        if where.submitted_to:
            keep &= local_dates <= where.submitted_to
    needle = search_key(where.search.strip().removeprefix("#"))
    if needle:
        text = (frame["email"] + "\n" + frame["company"]).map(search_key)
        found = text.str.contains(needle, regex=False)
        if needle.isdigit():
            found |= frame["id"] == int(needle)  # an application number matches exactly
        keep &= found
    return frame[keep].reset_index(drop=True)


def review_marker(session: Session) -> tuple[int, int, str]:
    """Changes whenever the queue would: a new event, or someone opening an application."""
    events = session.exec(select(func.coalesce(func.max(ApplicationEvent.id), 0))).one()
    opened = session.exec(
        select(func.count(), func.max(Application.in_review_until)).where(
            Application.state == State.PENDING, col(Application.in_review_by).is_not(None)
        )
    ).one()
    return events, opened[0], str(opened[1])


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
