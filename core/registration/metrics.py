"""Manager metrics, aggregated in the database: SQL returns a few rows per chart.

Daily figures are grouped by the local day numbers stored with each
application; weekly and period figures are roll-ups of those few hundred rows.
Working days to decision are stored with each decision, so percentiles come
from a histogram the database builds (0.01 working-day bins), not from rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection

from core.platform.models import Application, ApplicationEvent, State
from core.platform.sqltime import day_from_number, floor_int, week_start
from core.platform.workdays import day_number, local_day_number

A = Application.__table__.c
DECIDED = (State.APPROVED.value, State.REJECTED.value)
SLA_DAYS = 3.0
HISTOGRAM_BIN = 0.5  # working days, for the distribution chart


@dataclass(frozen=True)
class Period:
    """Local dates, both ends included."""

    start: date
    end: date

    @property
    def first_day(self) -> int:
        return day_number(self.start)

    @property
    def last_day(self) -> int:
        return day_number(self.end)

    def previous(self) -> Period:
        length = self.end - self.start + timedelta(days=1)
        return Period(self.start - length, self.start - timedelta(days=1))


def change_marker(conn: Connection) -> int:
    """Cheap and monotonic: the newest event id changes with every state change."""
    return conn.execute(select(func.coalesce(func.max(ApplicationEvent.id), 0))).scalar_one()


def _nearest_rank(histogram: pd.DataFrame, share: float) -> float | None:
    """The smallest value at or below which ``share`` of the decisions lie."""
    total = histogram["n"].sum()
    if total == 0:
        return None
    cumulative = histogram["n"].cumsum().to_numpy()
    index = int(np.searchsorted(cumulative, share * total - 1e-9))
    return round(float(histogram["centi"].iloc[index]) / 100.0, 2)


def _decision_histogram(conn: Connection, period: Period) -> pd.DataFrame:
    centi = floor_int(A.working_days_to_decision * 100 + 0.5)
    rows = conn.execute(
        select(centi.label("centi"), func.count().label("n"))
        .where(
            A.state.in_(DECIDED),
            A.decided_day.between(period.first_day, period.last_day),
        )
        .group_by(centi)
        .order_by(centi)
    ).all()
    return pd.DataFrame(rows, columns=["centi", "n"])


def backlog_now(conn: Connection, now: datetime) -> dict[str, int]:
    """Pending now, and how many of those are past their due time."""
    pending = A.state == State.PENDING.value
    pending, overdue, waiting = conn.execute(
        select(
            func.coalesce(func.sum(case((pending, 1), else_=0)), 0),
            func.coalesce(func.sum(case((pending & (A.due_at <= now), 1), else_=0)), 0),
            func.coalesce(func.sum(case((A.state == State.INFO_REQUESTED.value, 1), else_=0)), 0),
        ).where(A.state.in_((State.PENDING.value, State.INFO_REQUESTED.value)))
    ).one()
    return {"pending_now": int(pending), "overdue_now": int(overdue), "waiting_now": int(waiting)}


def headline(conn: Connection, period: Period) -> dict[str, float | int | None]:
    """Received, decided, approval rate, median / p90 working days and SLA share in ``period``."""
    received = conn.execute(
        select(func.count()).where(A.submitted_day.between(period.first_day, period.last_day))
    ).scalar_one()
    decided, approved, within, asked = conn.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((A.state == State.APPROVED.value, 1), else_=0)), 0),
            func.coalesce(func.sum(case((A.decided_at <= A.due_at, 1), else_=0)), 0),
            func.coalesce(func.sum(case((A.info_requests > 0, 1), else_=0)), 0),
        ).where(A.state.in_(DECIDED), A.decided_day.between(period.first_day, period.last_day))
    ).one()
    histogram = _decision_histogram(conn, period)
    return {
        "received": received,
        "decided": decided,
        "approved": approved,
        "approval_rate": approved / decided if decided else None,
        "median_working_days": _nearest_rank(histogram, 0.5),
        "p90_working_days": _nearest_rank(histogram, 0.9),
        "within_sla_share": within / decided if decided else None,
        # How often the team had to ask the applicant before deciding.
        "info_request_rate": asked / decided if decided else None,
    }


def _week_of(days: pd.Series) -> pd.Series:
    return ((days + 3) // 7).map(week_start)


def weekly_flow(conn: Connection, period: Period) -> pd.DataFrame:
    """Per week (Monday): received, decided, decided within the SLA, and that share."""
    received = pd.DataFrame(
        conn.execute(
            select(A.submitted_day, func.count())
            .where(A.submitted_day.between(period.first_day, period.last_day))
            .group_by(A.submitted_day)
        ).all(),
        columns=["day", "received"],
    )
    decided = pd.DataFrame(
        conn.execute(
            select(
                A.decided_day,
                func.count(),
                func.sum(case((A.decided_at <= A.due_at, 1), else_=0)),
            )
            .where(A.state.in_(DECIDED), A.decided_day.between(period.first_day, period.last_day))
            .group_by(A.decided_day)
        ).all(),
        columns=["day", "decided", "within_sla"],
    )
    weeks = pd.DataFrame({"week": pd.Series(all_weeks(period), dtype="object")})
    for frame in (received, decided):
        frame["week"] = _week_of(frame["day"]) if not frame.empty else pd.Series(dtype="object")
    flow = (
        weeks.merge(received.groupby("week", as_index=False)["received"].sum(), "left", "week")
        .merge(
            decided.groupby("week", as_index=False)[["decided", "within_sla"]].sum(), "left", "week"
        )
        .fillna(0)
    )
    flow[["received", "decided", "within_sla"]] = flow[
        ["received", "decided", "within_sla"]
    ].astype(int)
    flow["sla_share"] = np.where(
        flow["decided"] > 0, flow["within_sla"] / flow["decided"].clip(1), np.nan
    )
    return flow


def all_weeks(period: Period) -> list[date]:
    first = week_start((period.first_day + 3) // 7)
    return [first + timedelta(weeks=i) for i in range((period.end - first).days // 7 + 1)]


def decision_time_distribution(conn: Connection, period: Period) -> pd.DataFrame:
    """Decisions per half working day of time to decision."""
    bucket = floor_int(A.working_days_to_decision / HISTOGRAM_BIN)
    rows = conn.execute(
        select(bucket.label("bucket"), func.count())
        .where(A.state.in_(DECIDED), A.decided_day.between(period.first_day, period.last_day))
        .group_by(bucket)
        .order_by(bucket)
    ).all()
    frame = pd.DataFrame(rows, columns=["bucket", "decisions"])
    frame["from_working_days"] = frame["bucket"] * HISTOGRAM_BIN
    frame["to_working_days"] = frame["from_working_days"] + HISTOGRAM_BIN
    return frame[["from_working_days", "to_working_days", "decisions"]]


def backlog_by_day(conn: Connection, period: Period, now: datetime) -> pd.DataFrame:
    """At the end of each local day: applications still open, and how many were overdue."""
    last = min(period.last_day, local_day_number(now))
    if last < period.first_day:
        return pd.DataFrame(columns=["day", "backlog", "overdue"])

    def per_day(day_column, *conditions) -> pd.Series:
        rows = conn.execute(
            select(day_column.label("d"), func.count())
            .where(day_column <= last, *conditions)
            .group_by(day_column)
        ).all()
        return pd.Series(dict(rows), dtype="int64")

    closed_after_due = case((A.decided_day > A.due_day, A.decided_day), else_=A.due_day)
    opened = per_day(A.submitted_day)
    closed = per_day(A.decided_day, A.decided_day.is_not(None))
    became_overdue = per_day(A.due_day)
    stopped_overdue = per_day(closed_after_due, A.decided_day.is_not(None))
    days = np.arange(period.first_day, last + 1)

    def running(series: pd.Series) -> np.ndarray:
        before = series[series.index < period.first_day].sum()
        daily = series.reindex(days, fill_value=0).to_numpy()
        return before + np.cumsum(daily)

    return pd.DataFrame(
        {
            "day": [day_from_number(d) for d in days],
            "backlog": running(opened) - running(closed),
            "overdue": running(became_overdue) - running(stopped_overdue),
        }
    )


def decisions_by_reviewer(conn: Connection, period: Period) -> pd.DataFrame:
    rows = conn.execute(
        select(A.decided_by, A.state, func.count())
        .where(A.state.in_(DECIDED), A.decided_day.between(period.first_day, period.last_day))
        .group_by(A.decided_by, A.state)
        .order_by(A.decided_by, A.state)
    ).all()
    return pd.DataFrame(rows, columns=["reviewer", "decision", "decisions"])


COHORT_BUCKETS = ("within_1", "within_2", "within_3", "over_3", "open")


def cohorts(conn: Connection, period: Period) -> pd.DataFrame:
    """Per submission week: share decided within 1, 2, 3 and more working days, or still open."""
    wd = A.working_days_to_decision
    bucket = case(
        (A.state.not_in(DECIDED), "open"),
        (wd <= 1.0, "within_1"),
        (wd <= 2.0, "within_2"),
        (wd <= 3.0, "within_3"),
        else_="over_3",
    )
    rows = conn.execute(
        select(A.submitted_day, bucket.label("bucket"), func.count())
        .where(A.submitted_day.between(period.first_day, period.last_day))
        .group_by(A.submitted_day, bucket)
    ).all()
    frame = pd.DataFrame(rows, columns=["day", "bucket", "applications"])
    if frame.empty:
        return pd.DataFrame(columns=["week", "bucket", "applications", "share"])
    frame["week"] = _week_of(frame["day"])
    weekly = frame.groupby(["week", "bucket"], as_index=False)["applications"].sum()
    weekly["share"] = weekly["applications"] / weekly.groupby("week")["applications"].transform(
        "sum"
    )
    return weekly


@dataclass(frozen=True)
class Dashboard:
    current: dict
    previous: dict
    weekly: pd.DataFrame
    distribution: pd.DataFrame
    backlog: pd.DataFrame
    reviewers: pd.DataFrame
    cohorts: pd.DataFrame


def overdue_list(conn: Connection, now: datetime, limit: int = 50) -> pd.DataFrame:
    rows = conn.execute(
        select(A.id, A.email, A.company, A.submitted_at, A.due_at)
        .where(A.state == State.PENDING.value, A.due_at <= now)
        .order_by(A.due_at)
        .limit(limit)
    ).all()
    return pd.DataFrame(rows, columns=["id", "email", "company", "submitted_at", "due_at"])


def dashboard(conn: Connection, period: Period, now: datetime) -> Dashboard:
    """Everything the metrics page shows for ``period``."""
    backlog = backlog_now(conn, now)  # the same "now" beside either period
    return Dashboard(
        current={**headline(conn, period), **backlog},
        previous={**headline(conn, period.previous()), **backlog},
        weekly=weekly_flow(conn, period),
        distribution=decision_time_distribution(conn, period),
        backlog=backlog_by_day(conn, period, now),
        reviewers=decisions_by_reviewer(conn, period),
        cohorts=cohorts(conn, period),
    )
