from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from core.platform.clock import LOCAL_TZ
from core.platform.sla import SlaState, assess, assess_one
from core.platform.workdays import due_at


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


def state_at(submitted: datetime, now: datetime) -> dict:
    return assess_one(submitted, due_at(submitted), now)


def test_fresh_application_is_on_track():
    result = state_at(vn(2026, 11, 26, 10), vn(2026, 11, 26, 11))
    assert result["sla_state"] == SlaState.ON_TRACK
    assert result["working_days_elapsed"] == pytest.approx(1 / 24, abs=0.01)
    assert result["working_days_left"] == pytest.approx(3 - 1 / 24, abs=0.01)


def test_less_than_one_working_day_left_is_due_soon():
    # Due Tue 1 Dec 10:00; Mon 30 Nov 10:01 leaves just under one working day.
    result = state_at(vn(2026, 11, 26, 10), vn(2026, 11, 30, 10, 1))
    assert result["sla_state"] == SlaState.DUE_SOON
    assert state_at(vn(2026, 11, 26, 10), vn(2026, 11, 30, 9, 59))["sla_state"] == "on_track"


def test_past_the_due_time_is_overdue_and_says_by_how_much():
    result = state_at(vn(2026, 11, 26, 10), vn(2026, 12, 2, 22))
    assert result["sla_state"] == SlaState.OVERDUE
    assert result["working_days_overdue"] == pytest.approx(1.5, abs=0.01)
    assert result["working_days_left"] == 0


def test_age_stands_still_over_tet_2026():
    submitted = vn(2026, 2, 13, 10)
    during = state_at(submitted, vn(2026, 2, 19, 12))
    assert during["working_days_elapsed"] == pytest.approx(14 / 24, abs=0.01)
    assert during["sla_state"] == SlaState.ON_TRACK
    assert state_at(submitted, vn(2026, 2, 25, 9))["sla_state"] == SlaState.DUE_SOON
    assert state_at(submitted, vn(2026, 2, 25, 10))["sla_state"] == SlaState.OVERDUE


def test_age_across_tet_2027_and_a_make_up_saturday():
    assert state_at(vn(2027, 2, 3, 14), vn(2027, 2, 11, 14))["working_days_elapsed"] == 1.0
    # Friday 21 Aug 2026 -> the make-up Saturday 22 Aug counts.
    assert state_at(vn(2026, 8, 21, 9), vn(2026, 8, 22, 9))["working_days_elapsed"] == 1.0


def test_vietnam_cultural_day_is_not_counted():
    # Monday 23 Nov -> Wednesday 25 Nov 2026 skips Tuesday the 24th.
    assert state_at(vn(2026, 11, 23, 9), vn(2026, 11, 25, 9))["working_days_elapsed"] == 1.0


def test_sunday_submission_ages_from_monday():
    result = state_at(vn(2026, 11, 29, 15), vn(2026, 11, 30, 12))
    assert result["working_days_elapsed"] == 0.5


def test_2330_utc_boundary():
    submitted = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # Monday 06:30 in Vietnam
    result = state_at(submitted, vn(2026, 11, 30, 18, 30))
    assert result["working_days_elapsed"] == 0.5


def test_buckets_and_vectorised_result_match_one_by_one():
    now = vn(2026, 12, 10, 12)
    starts = [now - timedelta(hours=h) for h in range(0, 24 * 14, 5)]
    frame = assess(pd.Series(starts), pd.Series([due_at(s) for s in starts]), now)
    singles = [state_at(s, now) for s in starts]
    assert list(frame["sla_state"]) == [s["sla_state"] for s in singles]
    assert np.allclose(frame["working_days_elapsed"], [s["working_days_elapsed"] for s in singles])
    assert set(frame["age_bucket"]) == {"lt1", "1to2", "2to3", "gt3"}
