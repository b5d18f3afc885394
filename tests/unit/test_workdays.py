from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from core.platform.clock import LOCAL_TZ
from core.platform.workdays import calendar, due_at, working_days_between


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        # Ordinary week: Thursday -> Tuesday, same local time.
        (vn(2026, 11, 26, 15, 30), vn(2026, 12, 1, 15, 30)),
        # Friday before Tết 2026 (16–20 Feb off): Mon 23, Tue 24, Wed 25.
        (vn(2026, 2, 13, 10, 0), vn(2026, 2, 25, 10, 0)),
        # Friday before the make-up Saturday 22 Aug 2026, which is a working day.
        (vn(2026, 8, 21, 9, 15), vn(2026, 8, 25, 9, 15)),
        # Saturday (not a make-up day): counts from Monday 00:00 -> Thursday 00:00.
        (vn(2026, 11, 28, 11, 0), vn(2026, 12, 3, 0, 0)),
        # Sunday: the same.
        (vn(2026, 11, 29, 23, 59), vn(2026, 12, 3, 0, 0)),
        # Monday before Vietnam Cultural Day (Tue 24 Nov 2026).
        (vn(2026, 11, 23, 8, 0), vn(2026, 11, 27, 8, 0)),
        # Across Tết 2027 (4–10 Feb off): Wed 3 Feb -> Thu 11, Fri 12, Mon 15.
        (vn(2027, 2, 3, 14, 0), vn(2027, 2, 15, 14, 0)),
        # The make-up Saturday itself is a working day: Sat 22 -> Mon, Tue, Wed... but
        # Mon 31 Aug is the day off it pays for: Mon 24, Tue 25, Wed 26.
        (vn(2026, 8, 22, 10, 0), vn(2026, 8, 26, 10, 0)),
    ],
)
def test_due_time_follows_the_vietnamese_working_calendar(submitted, expected):
    assert due_at(submitted) == expected


def test_late_evening_utc_is_already_the_next_local_day():
    # 23:30 UTC Friday 27 Nov is 06:30 Saturday 28 Nov in Vietnam: a non-working day.
    submitted = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)
    assert due_at(submitted) == vn(2026, 12, 3, 0, 0)
    # 23:30 UTC Sunday is 06:30 Monday local: counts from then.
    assert due_at(datetime(2026, 11, 29, 23, 30, tzinfo=UTC)) == vn(2026, 12, 3, 6, 30)


def test_due_time_is_timezone_aware_and_local():
    due = due_at(datetime(2026, 3, 2, 3, 0, tzinfo=UTC))
    assert due.utcoffset() == timedelta(hours=7)


def test_naive_timestamps_are_refused():
    with pytest.raises(ValueError, match="offset"):
        due_at(datetime(2026, 3, 2, 10, 0))


def test_holidays_and_make_up_days():
    cal = calendar()
    assert not cal.is_working_day(date(2026, 2, 17))  # Tết
    assert not cal.is_working_day(date(2026, 11, 24))  # Vietnam Cultural Day
    assert cal.is_working_day(date(2026, 8, 22))  # make-up Saturday
    assert not cal.is_working_day(date(2026, 8, 31))  # the day off it pays for
    assert not cal.is_working_day(date(2026, 11, 28))  # ordinary Saturday


def test_working_days_between_skips_weekends_and_holidays():
    assert working_days_between(vn(2026, 11, 27, 12, 0), vn(2026, 11, 30, 12, 0)) == 1.0
    assert working_days_between(vn(2026, 2, 13, 10, 0), vn(2026, 2, 23, 10, 0)) == 1.0
    assert working_days_between(vn(2026, 11, 23, 0, 0), vn(2026, 11, 26, 0, 0)) == 2.0


def test_vectorised_clock_matches_the_scalar_clock():
    cal = calendar()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    moments = [start + timedelta(hours=7 * i + 0.5) for i in range(3000)]
    vector = cal.clocks(np.array([m.timestamp() for m in moments]))
    scalar = np.array([cal.clock(m) for m in moments])
    assert np.allclose(vector, scalar)
