"""The obvious way: load every application into pandas. Kept as the benchmark's
comparison and as the tests' independent check of the SQL aggregations."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from core.platform.clock import LOCAL_TZ
from core.platform.models import State
from core.registration.metrics import DECIDED, Period


def load_everything(conn: Connection) -> pd.DataFrame:
    frame = pd.read_sql(
        "SELECT id, state, submitted_at, due_at, decided_at, decided_by, "
        "working_days_to_decision, info_requests FROM application",
        conn,
    )
    for column in ("submitted_at", "due_at", "decided_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True, format="mixed")
    return frame


def _local_dates(series: pd.Series) -> pd.Series:
    return series.dt.tz_convert(LOCAL_TZ).dt.date


def naive_headline(frame: pd.DataFrame, period: Period, now: datetime) -> dict:
    submitted = _local_dates(frame["submitted_at"])
    decided_on = _local_dates(frame["decided_at"].dropna()).reindex(frame.index)
    in_period = (submitted >= period.start) & (submitted <= period.end)
    decided = frame[
        frame["state"].isin(DECIDED)
        & decided_on.notna()
        & (decided_on >= period.start)
        & (decided_on <= period.end)
    ]
    wd = np.sort(np.round(decided["working_days_to_decision"].to_numpy(), 2))
    pending = frame[frame["state"] == State.PENDING.value]
    count = len(decided)
    approved = int((decided["state"] == State.APPROVED.value).sum())
    within = int((decided["decided_at"] <= decided["due_at"]).sum())

    def rank(share: float):
        return float(wd[int(np.ceil(share * count - 1e-9)) - 1]) if count else None

    return {
        "received": int(in_period.sum()),
        "decided": count,
        "approved": approved,
        "approval_rate": approved / count if count else None,
        "median_working_days": rank(0.5),
        "p90_working_days": rank(0.9),
        "within_sla_share": within / count if count else None,
        "info_request_rate": int((decided["info_requests"] > 0).sum()) / count if count else None,
        "pending_now": len(pending),
        "overdue_now": int((pending["due_at"] <= pd.Timestamp(now)).sum()),
        "waiting_now": int((frame["state"] == State.INFO_REQUESTED.value).sum()),
    }


def naive_reviewers(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    decided_on = _local_dates(frame["decided_at"].dropna()).reindex(frame.index)
    decided = frame[
        frame["state"].isin(DECIDED)
        & decided_on.notna()
        & (decided_on >= period.start)
        & (decided_on <= period.end)
    ]
    return (
        decided.groupby(["decided_by", "state"])
        .size()
        .reset_index(name="decisions")
        .rename(columns={"decided_by": "reviewer", "state": "decision"})
        .sort_values(["reviewer", "decision"])
        .reset_index(drop=True)
    )


def naive_dashboard(conn: Connection, period: Period, now: datetime) -> dict:
    """What the metrics page would compute if it loaded everything."""
    frame = load_everything(conn)
    return {
        "current": naive_headline(frame, period, now),
        "previous": naive_headline(frame, period.previous(), now),
        "reviewers": naive_reviewers(frame, period),
    }
