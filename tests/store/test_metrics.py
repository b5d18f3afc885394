"""Every metric on a small hand-built dataset whose answers are worked out here."""

from datetime import UTC, date, datetime

import pandas as pd
import pytest
from sqlalchemy import insert

from benchmarks.metrics_naive import naive_dashboard
from core.platform.clock import LOCAL_TZ
from core.platform.db import session_scope
from core.platform.models import Account, Application
from core.platform.settings import get_settings
from core.platform.workdays import due_at, local_day_number, working_days_between
from core.registration.metrics import Period, dashboard, overdue_list
from core.registration.terms import load_terms
from local.seed import seed_history

R1, R2 = "reviewer@greennode.example", "reviewer2@greennode.example"
PERIOD = Period(date(2026, 11, 2), date(2026, 11, 15))  # two weeks, Monday to Sunday
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=LOCAL_TZ)


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


# name: (submitted, state, decided, reviewer)
DATASET = {
    "A": (vn(2026, 11, 2, 10), "approved", vn(2026, 11, 3, 10), R1),  # 1.0 wd
    "B": (vn(2026, 11, 2, 10), "rejected", vn(2026, 11, 5, 16), R2),  # 3.25 wd, late
    "C": (vn(2026, 11, 4, 9), "approved", vn(2026, 11, 4, 15), R1),  # 0.25 wd
    "D": (vn(2026, 10, 30, 10), "approved", vn(2026, 11, 2, 10), R2),  # earlier period, 1.0 wd
    "J": (vn(2026, 10, 26, 10), "rejected", vn(2026, 11, 9, 10), R1),  # 10 wd, late
    "E": (vn(2026, 11, 12, 10), "pending", None, None),  # overdue now
    "F": (vn(2026, 11, 13, 10), "approved", vn(2026, 11, 20, 10), R2),  # decided after period
    "G": (vn(2026, 11, 15, 23, 30), "pending", None, None),  # last minutes of the period
    "H": (vn(2026, 11, 16, 0, 30), "pending", None, None),  # first minutes after it
    "I": (vn(2026, 11, 24, 9), "pending", None, None),  # not yet due
}


@pytest.fixture
def hand_built(engine):
    accounts, applications = [], []
    for number, (name, (submitted, state, decided, reviewer)) in enumerate(DATASET.items(), 1):
        sub = f"{name.lower()}@hand.example"
        due = due_at(submitted)
        accounts.append(
            {"sub": sub, "email": sub, "created_at": submitted, "updated_at": submitted}
        )
        applications.append(
            {
                "id": number,
                "account_sub": sub,
                "state": state,
                "email": sub,
                "language": "en",
                "eligibility": {},
                "terms_version": "2026-01",
                "terms_sha256": "0" * 64,
                "terms_language": "en",
                "terms_accepted_at": submitted,
                "submitted_at": submitted,
                "due_at": due,
                "calendar_version": "test",
                "submitted_day": local_day_number(submitted),
                "due_day": local_day_number(due),
                "decided_at": decided,
                "decided_day": local_day_number(decided) if decided else None,
                "decided_by": reviewer,
                "working_days_to_decision": round(working_days_between(submitted, decided), 4)
                if decided
                else None,
            }
        )
    with session_scope(engine) as session:
        session.exec(insert(Account), params=accounts)
        session.exec(insert(Application), params=applications)
        session.commit()
    with engine.connect() as conn:
        return dashboard(conn, PERIOD, NOW)


def test_headline_numbers(hand_built):
    assert hand_built.current == {
        "received": 6,  # A B C E F G; not D or J (earlier), not H (after)
        "decided": 5,  # A B C D J, decided inside the period whenever submitted
        "approved": 3,
        "approval_rate": 0.6,
        "median_working_days": 1.0,  # 0.25 1.0 [1.0] 3.25 10
        "p90_working_days": 10.0,
        "within_sla_share": 0.6,  # A C D on time; B and J late
        "info_request_rate": 0.0,
        "pending_now": 4,  # E G H I
        "overdue_now": 3,  # E G H
        "waiting_now": 0,
    }
    assert hand_built.previous["received"] == 2  # D and J
    assert hand_built.previous["decided"] == 0
    assert hand_built.previous["median_working_days"] is None


def test_weekly_flow(hand_built):
    weekly = hand_built.weekly.set_index("week")
    assert list(weekly.index) == [date(2026, 11, 2), date(2026, 11, 9)]
    assert weekly.loc[date(2026, 11, 2), ["received", "decided", "within_sla"]].tolist() == [
        3,
        4,
        3,
    ]
    assert weekly.loc[date(2026, 11, 9), ["received", "decided", "within_sla"]].tolist() == [
        3,
        1,
        0,
    ]
    assert weekly.loc[date(2026, 11, 2), "sla_share"] == 0.75


def test_backlog_and_overdue_per_day(hand_built):
    backlog = hand_built.backlog.set_index("day")
    expected_open = [3, 2, 2, 1, 1, 1, 1, 0, 0, 0, 1, 2, 2, 3]
    expected_overdue = [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    assert list(backlog.index) == [date(2026, 11, d) for d in range(2, 16)]
    assert backlog["backlog"].tolist() == expected_open
    assert backlog["overdue"].tolist() == expected_overdue


def test_decisions_per_reviewer(hand_built):
    reviewers = hand_built.reviewers
    counts = {(r.reviewer, r.decision): r.decisions for r in reviewers.itertuples()}
    assert counts == {
        (R1, "approved"): 2,
        (R1, "rejected"): 1,
        (R2, "approved"): 1,
        (R2, "rejected"): 1,
    }


def test_distribution_of_time_to_decision(hand_built):
    distribution = hand_built.distribution.set_index("from_working_days")["decisions"]
    assert distribution.to_dict() == {0.0: 1, 1.0: 2, 3.0: 1, 10.0: 1}


def test_cohorts_by_submission_week(hand_built):
    cohorts = hand_built.cohorts
    shares = {(r.week, r.bucket): round(r.share, 4) for r in cohorts.itertuples()}
    assert shares == {
        (date(2026, 11, 2), "within_1"): round(2 / 3, 4),
        (date(2026, 11, 2), "over_3"): round(1 / 3, 4),
        (date(2026, 11, 9), "open"): round(2 / 3, 4),
        (date(2026, 11, 9), "over_3"): round(1 / 3, 4),
    }


def test_overdue_list(hand_built, engine):
    with engine.connect() as conn:
        overdue = overdue_list(conn, NOW)
    assert overdue["email"].tolist() == [
        "e@hand.example",
        "g@hand.example",
        "h@hand.example",
    ]


def test_sql_equals_the_naive_pandas_computation(engine):
    now = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
    seed_history(
        engine, applications=3000, seed=7, terms=load_terms(get_settings().terms_dir), now=now
    )
    for period in (
        Period(date(2026, 10, 29), date(2026, 11, 26)),
        Period(date(2026, 6, 1), date(2026, 8, 31)),
    ):
        with engine.connect() as conn:
            sql = dashboard(conn, period, now)
            naive = naive_dashboard(conn, period, now)
        for key, value in naive["current"].items():
            assert sql.current[key] == pytest.approx(value), key
        assert sql.previous == pytest.approx(naive["previous"])
        pd.testing.assert_frame_equal(
            sql.reviewers.reset_index(drop=True), naive["reviewers"], check_dtype=False
        )
