"""SLA state, age and time left, in working days, for many applications at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import and_, case, false
from sqlmodel import col

from core.platform.clock import require_aware
from core.platform.models import Application
from core.platform.workdays import DUE_SOON_WORKING_DAYS, calendar


class SlaState(StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    # Waiting for the applicant: the clock stands still.
    PAUSED = "paused"


AGE_BUCKETS = ("lt1", "1to2", "2to3", "gt3")
AGE_EDGES = (1.0, 2.0, 3.0)  # working days between one bucket and the next
_BUCKET_EDGES = [-np.inf, *AGE_EDGES, np.inf]


def _seconds(values: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(values, utc=True)
    return (stamps - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds().to_numpy()


def assess(submitted_at: pd.Series, due_at: pd.Series, now: datetime) -> pd.DataFrame:
    """Per application: SLA state, working days elapsed, left and overdue by.

    Vectorised over the calendar's cumulative working-day table, so a queue
    of ten thousand costs a few array operations.
    """
    cal = calendar()
    now_clock = cal.clock(require_aware(now))
    now_seconds = now.timestamp()
    due_seconds = _seconds(due_at)
    elapsed = now_clock - cal.clocks(_seconds(submitted_at))
    left = cal.clocks(due_seconds) - now_clock
    overdue = due_seconds <= now_seconds
    state = np.where(
        overdue,
        SlaState.OVERDUE.value,
        np.where(left < DUE_SOON_WORKING_DAYS, SlaState.DUE_SOON.value, SlaState.ON_TRACK.value),
    )
    return pd.DataFrame(
        {
            "sla_state": state,
            "working_days_elapsed": np.round(elapsed, 2),
            "working_days_left": np.round(np.maximum(left, 0.0), 2),
            "working_days_overdue": np.round(np.where(overdue, np.maximum(-left, 0.0), 0.0), 2),
            "age_bucket": pd.cut(elapsed, _BUCKET_EDGES, labels=AGE_BUCKETS, right=False).astype(
                str
            ),
        },
        index=submitted_at.index,
    )


def assess_one(submitted_at: datetime, due_at: datetime, now: datetime) -> dict:
    frame = assess(pd.Series([submitted_at]), pd.Series([due_at]), now)
    return frame.iloc[0].to_dict()


@dataclass(frozen=True)
class Edges:
    """The instants the queue's working-day figures turn on, for one moment ``now``.

    SLA state and age are working-day figures; each boundary is one instant, so
    the database filters and groups by plain comparisons on indexed times.
    """

    now: datetime
    due_soon_before: datetime  # due earlier than this and not yet overdue: due soon
    age_after: tuple[datetime, ...]  # submitted later than edge k: younger than k+1 days

    @classmethod
    def at(cls, now: datetime) -> Edges:
        cal = calendar()
        clock = cal.clock(now)
        return cls(
            now=now,
            due_soon_before=cal.moment(clock + DUE_SOON_WORKING_DAYS),
            age_after=tuple(cal.moment(clock - days) for days in AGE_EDGES),
        )

    def sla_state(self, due_at: Any = None):
        """The SQL state of each row by ``due_at`` (an application's due time by default)."""
        due = col(due_at if due_at is not None else Application.due_at)
        return case(
            (due <= self.now, SlaState.OVERDUE.value),
            (due < self.due_soon_before, SlaState.DUE_SOON.value),
            else_=SlaState.ON_TRACK.value,
        )

    def age_bucket(self):
        submitted = col(Application.submitted_at)
        return case(
            *[
                (submitted > edge, bucket)
                for edge, bucket in zip(self.age_after, AGE_BUCKETS, strict=False)
            ],
            else_=AGE_BUCKETS[-1],
        )

    def sla_condition(self, state: str):
        due = col(Application.due_at)
        if state == SlaState.OVERDUE:
            return due <= self.now
        if state == SlaState.DUE_SOON:
            return and_(due > self.now, due < self.due_soon_before)
        if state == SlaState.ON_TRACK:
            return due >= self.due_soon_before
        return false()  # no pending application has a paused clock
