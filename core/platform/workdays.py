"""The working-day clock behind every due time, age and SLA figure.

Working time is measured on a clock that only runs on Vietnamese working days
(local Asia/Ho_Chi_Minh days): Monday to Friday plus the government's make-up
Saturdays, minus public holidays, as the ``holidays`` package lists them. One
working day on that clock is one full local working day, so "the same local
time three working days later" is simply clock + 3.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
import numpy as np

from core.platform.clock import LOCAL_TZ, local, require_aware

SLA_WORKING_DAYS = 3
DUE_SOON_WORKING_DAYS = 1.0
CALENDAR_VERSION = f"holidays-{holidays.__version__}"
FIRST_YEAR = 2015
LAST_YEAR = 2045
_EPOCH = date(FIRST_YEAR, 1, 1)
_SECONDS_PER_DAY = 86_400.0


class OutsideCalendar(ValueError):
    """A timestamp lies outside the years the working-day calendar covers."""


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days between FIRST_YEAR and LAST_YEAR as cumulative counts."""

    is_working: np.ndarray  # bool per local day since _EPOCH
    before: np.ndarray  # working days strictly before each local day
    starts: np.ndarray  # day index of the n-th working day

    @classmethod
    def build(cls) -> WorkingCalendar:
        vn = holidays.country_holidays("VN", years=range(FIRST_YEAR, LAST_YEAR + 1))
        days = (date(LAST_YEAR, 12, 31) - _EPOCH).days + 1
        flags = np.fromiter(
            (vn.is_working_day(_EPOCH + timedelta(days=i)) for i in range(days)),
            dtype=bool,
            count=days,
        )
        before = np.concatenate(([0], np.cumsum(flags)[:-1])).astype(np.int64)
        return cls(is_working=flags, before=before, starts=np.flatnonzero(flags))

    def is_working_day(self, day: date) -> bool:
        return bool(self.is_working[self._index(day)])

    def clock(self, moment: datetime) -> float:
        """Working days elapsed between the calendar's epoch and ``moment``."""
        local = require_aware(moment).astimezone(LOCAL_TZ)
        index = self._index(local.date())
        seconds = local.hour * 3600 + local.minute * 60 + local.second + local.microsecond / 1e6
        fraction = seconds / _SECONDS_PER_DAY if self.is_working[index] else 0.0
        return float(self.before[index]) + fraction

    def moment(self, clock_value: float) -> datetime:
        """The first instant at which the working clock reads ``clock_value``."""
        whole = int(np.floor(clock_value))
        if whole >= len(self.starts):
            raise OutsideCalendar("due time beyond the calendar's last year")
        day = _EPOCH + timedelta(days=int(self.starts[whole]))
        start = datetime.combine(day, time(0), tzinfo=LOCAL_TZ)
        offset = timedelta(seconds=round((clock_value - whole) * _SECONDS_PER_DAY, 6))
        return start + offset

    def clocks(self, moments_utc_seconds: np.ndarray) -> np.ndarray:
        """Vectorised ``clock`` for POSIX timestamps (seconds, UTC)."""
        local_seconds = moments_utc_seconds + _LOCAL_OFFSET_SECONDS
        epoch_local = (_EPOCH - date(1970, 1, 1)).days * _SECONDS_PER_DAY
        since = local_seconds - epoch_local
        index = np.floor(since / _SECONDS_PER_DAY).astype(np.int64)
        if index.size and (index.min() < 0 or index.max() >= len(self.is_working)):
            raise OutsideCalendar("timestamp outside the calendar's years")
        fraction = (since - index * _SECONDS_PER_DAY) / _SECONDS_PER_DAY
        return self.before[index] + np.where(self.is_working[index], fraction, 0.0)

    def instants(self, clock_values: np.ndarray) -> np.ndarray:
        """Vectorised ``moment``: POSIX seconds (UTC) at which the clock reads each value."""
        whole = np.floor(clock_values).astype(np.int64)
        if whole.size and whole.max() >= len(self.starts):
            raise OutsideCalendar("beyond the calendar's last year")
        epoch_local = (_EPOCH - date(1970, 1, 1)).days * _SECONDS_PER_DAY
        day_start_local = epoch_local + self.starts[whole] * _SECONDS_PER_DAY
        return day_start_local + (clock_values - whole) * _SECONDS_PER_DAY - _LOCAL_OFFSET_SECONDS

    def _index(self, day: date) -> int:
        index = (day - _EPOCH).days
        if index < 0 or index >= len(self.is_working):
            raise OutsideCalendar(f"{day} is outside {FIRST_YEAR}–{LAST_YEAR}")
        return index


# Vietnam has kept UTC+7 without daylight saving since 1975, which is what
# lets the vectorised clock use a fixed offset.
_LOCAL_OFFSET_SECONDS = 7 * 3600


@lru_cache(maxsize=1)
def calendar() -> WorkingCalendar:
    return WorkingCalendar.build()


def due_at(submitted_at: datetime, paused_working_days: float = 0.0) -> datetime:
    """When a decision on a submission made at ``submitted_at`` is due.

    Working time spent waiting for the applicant (``paused_working_days``)
    does not count: the due time moves later by exactly that much.
    """
    cal = calendar()
    return cal.moment(cal.clock(submitted_at) + SLA_WORKING_DAYS + paused_working_days)


def paused_working_days(
    pauses: Iterable[tuple[datetime, datetime]], since: datetime | None = None
) -> float:
    """Working days inside the pauses (from, to), overlaps counted once, none before ``since``."""
    cal = calendar()
    spans = []
    for start, end in pauses:
        if require_aware(end) < require_aware(start):
            raise ValueError("a pause ends before it starts")
        spans.append((cal.clock(start), cal.clock(end)))
    floor = cal.clock(since) if since is not None else float("-inf")
    total, reached = 0.0, floor
    for start, end in sorted(spans):
        start = max(start, reached)
        if end > start:
            total += end - start
        reached = max(reached, end)
    return total


def working_moment_after(moment: datetime, working_days: float) -> datetime:
    """The instant ``working_days`` working days after ``moment`` (before, if negative)."""
    cal = calendar()
    return cal.moment(cal.clock(moment) + working_days)


def working_days_between(start: datetime, end: datetime) -> float:
    """Working days on the clock from ``start`` to ``end`` (negative if end is earlier)."""
    cal = calendar()
    return cal.clock(end) - cal.clock(start)


def day_number(day: date) -> int:
    """Days since 1970-01-01: how local days are stored and grouped."""
    return (day - date(1970, 1, 1)).days


def local_day_number(moment: datetime) -> int:
    """The day number of the local date of ``moment``."""
    return day_number(local(moment).date())
