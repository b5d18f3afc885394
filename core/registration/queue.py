"""What the partner team reviews: the pending queue and one application's full record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

import pandas as pd
from sqlalchemy import and_, case, func, literal, or_, tuple_
from sqlmodel import Session, col, select

from core.platform.columns import UTCDateTime
from core.platform.identity import Identity, require_staff
from core.platform.models import Account, Application, ApplicationEvent, State
from core.platform.search import search_key
from core.platform.sla import AGE_BUCKETS, Edges, SlaState, assess
from core.platform.text import strip_controls
from core.platform.workdays import day_number
from core.registration.records import applications_of, events_of

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
    "state",
    "assigned_to",
    "paused_at",
]
PAGE_SIZE = 50
# An application number is at most this many digits; longer digit runs are only text.
ID_DIGITS = 12


class Owner(StrEnum):
    """Whose applications the queue shows (empty: everyone's)."""

    MINE = "mine"
    UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class QueueFilter:
    sla_states: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    submitted_from: date | None = None
    submitted_to: date | None = None
    search: str = ""
    owner: str = ""
    # Applications waiting for the applicant's answer instead of those in the team's hands.
    waiting: bool = False


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: the queue continues after this (due time, id)."""

    due_at: datetime
    id: int


@dataclass(frozen=True)
class QueuePage:
    rows: pd.DataFrame
    matching: int
    next: Cursor | None


def _search_condition(text: str):
    # Control characters (NUL among them, which PostgreSQL refuses in text) never match.
    needle = search_key(strip_controls(text).strip().removeprefix("#"))
    if not needle:
        return None
    found = col(Application.search_text).contains(needle, autoescape=True)
    if needle.isdigit() and len(needle) <= ID_DIGITS:
        found = or_(found, col(Application.id) == int(needle))  # an application number, exactly
    return found


def _conditions(where: QueueFilter, edges: Edges, actor: Identity) -> list:
    state = State.INFO_REQUESTED if where.waiting else State.PENDING
    conditions = [col(Application.state) == state]
    if where.sla_states and not where.waiting:
        conditions.append(or_(*[edges.sla_condition(s) for s in where.sla_states]))
    if where.languages:
        conditions.append(col(Application.language).in_(where.languages))
    if where.submitted_from:
        conditions.append(col(Application.submitted_day) >= day_number(where.submitted_from))
    if where.submitted_to:
        conditions.append(col(Application.submitted_day) <= day_number(where.submitted_to))
    if (found := _search_condition(where.search)) is not None:
        conditions.append(found)
    if where.owner == Owner.MINE:
        conditions.append(col(Application.assigned_to) == actor.sub)
    elif where.owner == Owner.UNASSIGNED:
        conditions.append(col(Application.assigned_to).is_(None))
    return conditions


def _with_sla(frame: pd.DataFrame, now: datetime) -> pd.DataFrame:
    if frame.empty:
        return frame.reindex(columns=[*QUEUE_COLUMNS, *SLA_COLUMNS])
    frame = pd.concat([frame, assess(frame["submitted_at"], frame["due_at"], now)], axis=1)
    # Waiting for the applicant: the clock is paused, so no SLA figure applies.
    waiting = frame["state"] == State.INFO_REQUESTED
    frame.loc[waiting, "sla_state"] = SlaState.PAUSED.value
    frame.loc[waiting, ["working_days_left", "working_days_overdue"]] = 0.0
    return frame


def queue_page(
    session: Session,
    actor: Identity,
    now: datetime,
    where: QueueFilter = QueueFilter(),
    after: Cursor | None = None,
    size: int = PAGE_SIZE,
) -> QueuePage:
    """One page of the pending queue, most urgent first (due time, then id).

    Keyset paging: the next page starts after the last row's (due time, id), so
    every page costs the same however deep, and a decision on an earlier page
    never shifts or repeats a row.
    """
    require_staff(actor)
    edges = Edges.at(now)
    conditions = _conditions(where, edges, actor)
    query = select(*[getattr(Application, c) for c in QUEUE_COLUMNS]).where(*conditions)
    if after is not None:
        query = query.where(
            tuple_(col(Application.due_at), col(Application.id))
            > tuple_(literal(after.due_at, UTCDateTime()), literal(after.id))
        )
    rows = session.exec(
        query.order_by(col(Application.due_at), col(Application.id)).limit(size + 1)
    ).all()
    more = len(rows) > size
    rows = rows[:size]
    matching = session.exec(select(func.count()).select_from(Application).where(*conditions)).one()
    frame = _with_sla(pd.DataFrame(rows, columns=QUEUE_COLUMNS), now)
    last = rows[-1] if more else None
    return QueuePage(
        rows=frame,
        matching=int(matching),
        next=Cursor(due_at=last.due_at, id=last.id) if last is not None else None,
    )


def queue_counts(session: Session, actor: Identity, now: datetime) -> dict[str, int]:
    """Pending, due soon, overdue and waiting for the applicant: one pass over the queue index."""
    require_staff(actor)
    edges = Edges.at(now)
    pending = col(Application.state) == State.PENDING
    due = col(Application.due_at)

    def count(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    counts = session.exec(
        select(
            count(pending),
            count(and_(pending, edges.sla_condition(SlaState.DUE_SOON))),
            count(and_(pending, due <= now)),
            count(col(Application.state) == State.INFO_REQUESTED),
        ).where(col(Application.state).in_((State.PENDING, State.INFO_REQUESTED)))
    ).one()
    return dict(
        zip(
            ("pending", SlaState.DUE_SOON, SlaState.OVERDUE, "waiting"),
            (int(n) for n in counts),
            strict=True,
        )
    )


def age_chart_data(
    session: Session, actor: Identity, now: datetime, where: QueueFilter = QueueFilter()
) -> pd.DataFrame:
    """Applications the filter matches, per age bucket (working days) and SLA state:
    one aggregate query."""
    require_staff(actor)
    edges = Edges.at(now)
    labelled = (
        select(
            edges.age_bucket().label("age_bucket"),
            edges.sla_state().label("sla_state"),
        )
        .where(*_conditions(where, edges, actor))
        .subquery()
    )
    rows = session.exec(
        select(labelled.c.age_bucket, labelled.c.sla_state, func.count()).group_by(
            labelled.c.age_bucket, labelled.c.sla_state
        )
    ).all()
    frame = pd.DataFrame(rows, columns=["age_bucket", "sla_state", "applications"])
    order = {bucket: i for i, bucket in enumerate(AGE_BUCKETS)}
    return frame.sort_values(
        ["age_bucket", "sla_state"], key=lambda c: c.map(order) if c.name == "age_bucket" else c
    ).reset_index(drop=True)


def review_marker(session: Session) -> int:
    """Changes whenever the queue's counts or chart could: a new event."""
    return int(session.exec(select(func.coalesce(func.max(ApplicationEvent.id), 0))).one())


@dataclass
class ApplicationRecord:
    application: Application
    account: Account | None
    earlier: list[Application] = field(default_factory=list)
    events: list[ApplicationEvent] = field(default_factory=list)
    # Applications of other accounts with the same tax code (a branch's counts as its company's).
    same_tax_code: list[Application] = field(default_factory=list)


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
        same_tax_code=same_tax_code(session, application),
    )


SAME_TAX_CODE_LIMIT = 20


def same_tax_code(session: Session, application: Application) -> list[Application]:
    """Other accounts' applications for the same company: the ten-digit head of the tax code.

    A range on the indexed column, so a branch (0312687878-001) and its head
    office (0312687878) find each other without a scan.
    """
    head = application.tax_code[:10]
    if len(head) != 10 or not head.isdigit():
        return []
    upper = str(int(head) + 1).zfill(10)
    return list(
        session.exec(
            select(Application)
            .where(
                col(Application.tax_code) >= head,
                col(Application.tax_code) < upper,
                Application.account_sub != application.account_sub,
            )
            .order_by(col(Application.submitted_at).desc())
            .limit(SAME_TAX_CODE_LIMIT)
        )
    )
