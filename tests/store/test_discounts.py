"""Discounts: request, per-group maximums, customers' versions and caps (SQLite and PostgreSQL)."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from datetime import date, datetime, timedelta
from threading import Barrier

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import col, select

from core.partners.caps import discount_check
from core.partners.discounts import (
    REQUESTS,
    alert_overdue_requests,
    basis_points,
    change_maximum,
    decide_request,
    discount_history,
    discount_queue,
    request_discounts,
    set_customer_discount,
)
from core.partners.rates import discount_at
from core.platform.accounts import sync_account
from core.platform.clock import LOCAL_TZ
from core.platform.db import engine_for, session_scope
from core.platform.errors import DomainError, Forbidden
from core.platform.models import CustomerDiscount, OutboxMessage
from core.platform.paths import PROJECT_ROOT
from core.review import workflow
from core.review.ownership import AssignedToAnother
from core.team.alerts import send_digests
from core.team.schedule import SUBJECTS
from tests.factories import approved_partner, identity, partner_with_customers

PARTNER = "partner@reseller.example"
OTHER = "eligible@acme.example"
REVIEWER = "reviewer@greennode.example"
NOW = datetime(2026, 12, 1, 10, tzinfo=LOCAL_TZ)  # Tuesday
TODAY = NOW.date()
TOMORROW = TODAY + timedelta(days=1)  # the earliest day a discount set NOW takes effect
WHY = "Forty retail customers moving their shops to GreenNode compute in 2027."


@pytest.fixture
def shop(engine):
    active, invited = partner_with_customers(engine, PARTNER)
    approved_partner(engine, OTHER)
    return engine, active, invited


def ask(engine, groups=("compute", "storage"), who=PARTNER):
    with session_scope(engine) as session:
        return request_discounts(
            session=session, identity=identity(who), groups=groups, justification=WHY, now=NOW
        )


def decide(engine, request_id, maximums, **kwargs):
    with session_scope(engine) as session:
        return decide_request(
            session=session,
            actor=identity(kwargs.pop("who", REVIEWER)),
            request_id=request_id,
            maximums=maximums,
            now=NOW,
            **kwargs,
        )


def give(engine, link_id, group, value, day=TOMORROW, who=PARTNER):
    with session_scope(engine) as session:
        return set_customer_discount(
            session=session,
            identity=identity(who),
            link_id=link_id,
            group=group,
            discount=value,
            effective_from=day,
            now=NOW,
        )


def current(engine, link_id, group, day):
    with session_scope(engine) as session:
        return discount_at(session, link_id, group, day)


def versions(engine) -> int:
    with session_scope(engine) as session:
        return len(session.exec(select(CustomerDiscount)).all())


@pytest.mark.parametrize(
    ("typed", "bp"), [("12", 1200), ("12.5", 1250), ("12,25", 1225), ("0", 0), ("100 %", 10000)]
)
def test_percentages_become_basis_points(typed, bp):
    assert basis_points(typed) == bp


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("12.345", "format"),
        ("-1", "range"),
        ("101", "range"),
        ("abc", "format"),
        ("", "format"),
        # Digits to Python, not to a person's form: refused, never read as 5 nor a crash.
        ("٥", "format"),
        ("５", "format"),
        ("𝟓", "format"),
        ("²", "format"),
        ("①", "format"),
        ("1.²", "format"),
    ],
)
def test_bad_percentages_are_refused_saying_why(typed, reason):
    with pytest.raises(DomainError, match=rf"discounts\.percent_{reason}"):
        basis_points(typed)


def test_a_request_is_due_in_3_working_days_and_one_waits_at_a_time(shop):
    engine, _, _ = shop
    request = ask(engine)
    assert request.due_at == datetime(2026, 12, 4, 10, tzinfo=LOCAL_TZ)
    with pytest.raises(DomainError, match=r"discounts\.request_open"):
        ask(engine)
    with session_scope(engine) as session:
        queued = discount_queue(session, identity(REVIEWER))
        assert [r.id for r, _ in queued] == [request.id]
        mail = session.exec(select(OutboxMessage.recipient)).all()
    assert PARTNER in mail


def test_approval_per_group_sets_maximums_and_rejection_needs_a_reason(shop):
    engine, active, _ = shop
    request = ask(engine)
    with pytest.raises(DomainError, match=r"error\.reason_required"):
        decide(engine, request.id, {"compute": "", "storage": None})
    done = decide(engine, request.id, {"compute": "15", "storage": ""})
    assert (done.state, done.decision) == ("approved", {"compute": 1500, "storage": None})
    give(engine, active, "compute", "15")
    with pytest.raises(DomainError, match=r"discounts\.no_maximum"):
        give(engine, active, "storage", "5")
    second = ask(engine, ("network",))
    rejected = decide(engine, second.id, {}, reason_code="volume_too_low")
    assert rejected.state == "rejected"


@pytest.mark.parametrize(
    ("value", "day", "key"),
    [
        ("15.01", TOMORROW, r"discounts\.over_maximum"),
        ("5", TODAY - timedelta(days=1), r"discounts\.from_tomorrow"),
        ("5", TODAY, r"discounts\.from_tomorrow"),
        ("-3", TOMORROW, r"discounts\.percent_range"),
        ("2.555", TOMORROW, r"discounts\.percent_format"),
        # What the customer already has from that day (none: 0) is not a change.
        ("0", TOMORROW, r"discounts\.unchanged"),
    ],
)
def test_a_bad_discount_is_refused_and_nothing_is_written(shop, value, day, key):
    engine, active, _ = shop
    decide(engine, ask(engine).id, {"compute": "15", "storage": "10"})
    with pytest.raises(DomainError, match=key):
        give(engine, active, "compute", value, day)
    assert versions(engine) == 0


def test_a_customer_not_active_or_another_partners_is_refused(shop):
    engine, active, invited = shop
    decide(engine, ask(engine).id, {"compute": "15", "storage": "10"})
    with pytest.raises(DomainError, match=r"credits\.customer_not_active"):
        give(engine, invited, "compute", "5")
    with pytest.raises(DomainError, match=r"customers\.not_found"):
        give(engine, active, "compute", "5", who=OTHER)
    with pytest.raises(Forbidden):
        give(engine, active, "compute", "5", who=REVIEWER)
    assert versions(engine) == 0


def test_changes_are_versions_with_old_and_new_and_a_future_date(shop):
    engine, active, _ = shop
    decide(engine, ask(engine).id, {"compute": "20", "storage": "10"})
    give(engine, active, "compute", "10")
    give(engine, active, "compute", "12.5", TODAY + timedelta(days=10))
    assert current(engine, active, "compute", TODAY) == 0  # today keeps today's discount
    assert current(engine, active, "compute", TOMORROW) == 1000
    assert current(engine, active, "compute", TODAY + timedelta(days=10)) == 1250
    with session_scope(engine) as session:
        history = discount_history(session, identity(PARTNER))
        assert [(v.previous_bp, v.discount_bp) for v in history] == [(1000, 1250), (0, 1000)]
        assert discount_history(session, identity(OTHER)) == []
        assert len(discount_history(session, identity(REVIEWER))) == 2
    # The same discount again, from a day it already holds, writes no version.
    with pytest.raises(DomainError, match=r"discounts\.unchanged"):
        give(engine, active, "compute", "12.5", TODAY + timedelta(days=11))
    assert versions(engine) == 2


def test_lowering_a_maximum_caps_customers_from_that_date_with_a_version_each(shop):
    engine, active, _ = shop
    decide(engine, ask(engine).id, {"compute": "20", "storage": "10"})
    give(engine, active, "compute", "18")
    give(engine, active, "compute", "20", TODAY + timedelta(days=20))
    change_day = TODAY + timedelta(days=5)
    with session_scope(engine) as session:
        capped = change_maximum(
            session=session,
            actor=identity(REVIEWER),
            partner_id=1,
            group="compute",
            maximum="12",
            effective_from=change_day,
            now=NOW,
        )
    assert capped == 2  # the discount in effect then, and the later one
    assert current(engine, active, "compute", TOMORROW) == 1800  # not retroactive
    assert current(engine, active, "compute", change_day) == 1200
    assert current(engine, active, "compute", TODAY + timedelta(days=20)) == 1200
    with session_scope(engine) as session:
        causes = session.exec(
            select(CustomerDiscount.cause, CustomerDiscount.previous_bp).where(
                CustomerDiscount.cause == "cap"
            )
        ).all()
    assert sorted(causes) == [("cap", 1800), ("cap", 2000)]
    with pytest.raises(DomainError, match=r"discounts\.over_maximum"):
        give(engine, active, "compute", "13", change_day)


def lower(engine, maximum, day, group="compute"):
    with session_scope(engine) as session:
        return change_maximum(
            session=session,
            actor=identity(REVIEWER),
            partner_id=1,
            group=group,
            maximum=maximum,
            effective_from=day,
            now=NOW,
        )


def around_the_rule(engine, link_id, day, bp):
    """A compute discount version written straight to the table, past every check."""
    with session_scope(engine) as session:
        session.add(
            CustomerDiscount(
                partner_id=1,
                link_id=link_id,
                service_group="compute",
                discount_bp=bp,
                previous_bp=500,
                effective_from=day,
                cause="partner",
                set_by="partner",
                at=NOW,
            )
        )


def breaches(engine):
    with session_scope(engine) as session:
        return discount_check(session)[1]


def test_a_discount_set_after_a_future_maximum_is_capped_on_every_day_it_holds(shop):
    """A maximum lowered from 08/12, then 15 % set from 02/12: never above 5 % from 08/12."""
    engine, active, _ = shop
    decide(engine, ask(engine).id, {"compute": "20", "storage": "10"})
    cap_day = TODAY + timedelta(days=7)
    assert lower(engine, "5", cap_day) == 0  # nobody has a discount yet
    give(engine, active, "compute", "15", TOMORROW)
    assert current(engine, active, "compute", TOMORROW) == 1500  # allowed before 08/12
    assert current(engine, active, "compute", cap_day) == 500
    assert current(engine, active, "compute", date(2027, 6, 1)) == 500
    assert breaches(engine) == []
    with session_scope(engine) as session:
        cap = session.exec(select(CustomerDiscount).where(CustomerDiscount.cause == "cap")).one()
    assert (cap.effective_from, cap.previous_bp, cap.discount_bp) == (cap_day, 1500, 500)


def test_a_later_own_version_above_a_maximum_in_between_is_capped_too(shop):
    engine, active, _ = shop
    decide(engine, ask(engine).id, {"compute": "20", "storage": "10"})
    give(engine, active, "compute", "10", TODAY + timedelta(days=20))
    lower(engine, "5", TODAY + timedelta(days=7))  # caps the 10 % from its own day
    lower(engine, "30", TODAY + timedelta(days=30))
    give(engine, active, "compute", "15", TOMORROW)
    assert current(engine, active, "compute", TODAY + timedelta(days=7)) == 500
    assert current(engine, active, "compute", TODAY + timedelta(days=20)) == 500
    # The maximum rises again; a cap version stays at what it was, nothing is raised.
    assert current(engine, active, "compute", TODAY + timedelta(days=40)) == 500
    assert breaches(engine) == []


def test_discount_check_names_a_day_above_the_maximum(shop):
    engine, active, _ = shop
    decide(engine, ask(engine).id, {"compute": "20", "storage": "10"})
    give(engine, active, "compute", "15", TOMORROW)
    lower(engine, "5", TODAY + timedelta(days=7))
    assert breaches(engine) == []
    # As the rule's older code would have written it: 15 % from a day past the cap.
    around_the_rule(engine, active, TODAY + timedelta(days=9), 1500)
    found = breaches(engine)
    assert [(b.link_id, b.group, b.day, b.discount_bp, b.maximum_bp) for b in found] == [
        (active, "compute", TODAY + timedelta(days=9), 1500, 500)
    ]


def test_the_discount_check_command_exits_non_zero_naming_the_day(shop, database_url):
    engine, active, _ = shop
    decide(engine, ask(engine).id, {"compute": "20", "storage": "10"})
    give(engine, active, "compute", "15", TOMORROW)
    command = [sys.executable, "-m", "core", "discount-check"]
    env = {"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"}
    passed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stderr
    assert "1 versions" in passed.stdout and "within the maximum" in passed.stdout
    lower(engine, "5", TODAY + timedelta(days=7))
    late = TODAY + timedelta(days=9)
    around_the_rule(engine, active, late, 1500)
    failed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    assert failed.returncode == 1
    assert f"FAIL link {active} compute on {late.isoformat()}: 15 % above the maximum (5 %)" in (
        failed.stdout
    )


def test_deciding_anothers_request_needs_their_name(shop):
    engine, _, _ = shop
    request = ask(engine)
    with session_scope(engine) as session:
        workflow.assign(
            session=session,
            subject=REQUESTS,
            actor=identity(REVIEWER),
            row_id=request.id,
            assignee=REVIEWER,
            seen=None,
        )
    with pytest.raises(AssignedToAnother):
        decide(engine, request.id, {"compute": "5"}, who="reviewer2@greennode.example")
    done = decide(
        engine, request.id, {"compute": "5"}, who="reviewer2@greennode.example", instead_of=REVIEWER
    )
    assert done.decided_by == "reviewer2@greennode.example"


def test_discount_versions_cannot_be_edited_or_deleted(shop):
    engine, active, _ = shop
    decide(engine, ask(engine).id, {"compute": "20"})
    give(engine, active, "compute", "10")
    for statement in (
        "UPDATE customer_discount SET discount_bp = 5000",
        "DELETE FROM discount_cap",
    ):
        with session_scope(engine) as session, pytest.raises(DBAPIError):
            session.exec(text(statement))
    assert current(engine, active, "compute", date(2027, 1, 1)) == 1000


def test_an_overdue_request_alerts_every_reviewer_once_with_two_workers(shop, database_url):
    engine, _, _ = shop
    for email in (REVIEWER, "reviewer2@greennode.example"):
        with session_scope(engine) as session:
            sync_account(session=session, identity=identity(email))
    request = ask(engine)
    late = request.due_at + timedelta(minutes=5)
    start = Barrier(2)

    def run(_):
        start.wait()
        # SQLite's writer lock may refuse one: the other wrote it.
        with suppress(Exception), session_scope(engine_for(database_url)) as session:
            alert_overdue_requests(session=session, now=late)

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(run, range(2)))
    with session_scope(engine) as session:
        alerted = session.exec(
            select(OutboxMessage.recipient).where(OutboxMessage.kind == "discount_overdue_alert")
        ).all()
    assert sorted(alerted) == sorted([REVIEWER, "reviewer2@greennode.example"])


def test_a_request_due_soon_is_in_the_reviewers_digest_and_counted_for_managers(shop):
    engine, _, _ = shop
    for email in (REVIEWER, "manager@greennode.example"):
        with session_scope(engine) as session:
            sync_account(session=session, identity=identity(email))
    request = ask(engine)
    with session_scope(engine) as session:
        send_digests(
            session=session, subjects=SUBJECTS, now=datetime(2026, 12, 3, 11, tzinfo=LOCAL_TZ)
        )
        digests = {
            m.kind: m.context
            for m in session.exec(
                select(OutboxMessage).where(col(OutboxMessage.kind).like("digest_%"))
            )
        }
    assert [r["request_id"] for r in digests["digest_reviewer"]["discount_requests"]] == [
        request.id
    ]
    assert digests["digest_manager"]["discounts_pending"] == 1
