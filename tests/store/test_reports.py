"""Usage imported once and priced on import; monthly reports summed in the database."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from threading import Barrier

import pytest
from sqlmodel import select

from core.money.billing import BillingUnavailable, HttpBilling, UsageRow
from core.money.ledger import grant_credit, top_up
from core.money.reports import month_report, month_to_open
from core.money.usage import import_day, import_usage
from core.partners.discounts import decide_request, request_discounts, set_customer_discount
from core.platform.clock import LOCAL_TZ
from core.platform.db import engine_for, session_scope
from core.platform.errors import DomainError, Forbidden
from core.platform.models import CustomerLink, UsageImport, UsageRecord
from core.platform.settings import get_settings
from tests.answering import Answer, answering
from tests.factories import approved_partner, granted, identity, partner_with_customers

PARTNER = "partner@reseller.example"
CUSTOMER = "knowncustomer@bakery.example"
STRANGER = "busycustomer@shop.example"
REVIEWER = "reviewer@greennode.example"
SETTINGS = get_settings().changed(commission_tiers="0:5,1000000:8")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


@pytest.fixture
def customer(engine):
    """The partner's customer, active since 1 October (set on its row: the history needed)."""
    active, _ = partner_with_customers(engine, PARTNER)
    approved_partner(engine, "eligible@acme.example")
    with session_scope(engine) as session:
        link = session.get(CustomerLink, active)
        link.active_since = at(2026, 10, 1)  # the history this test needs
        session.add(link)
        session.commit()
    return engine, active


def rows(day: date) -> list[UsageRow]:
    return [
        UsageRow(day, CUSTOMER, "compute", 100.0, "vCPU-hour"),  # 100 × 420 = 42,000
        UsageRow(day, CUSTOMER, "storage", 1000.5, "GB-day"),  # 1000.5 × 3 = 3,001
        UsageRow(day, STRANGER, "compute", 50.0, "vCPU-hour"),  # not a partner's customer
    ]


def imported(engine, day):
    with session_scope(engine) as session:
        return import_day(session, day, rows(day), now=at(2026, 12, 1, 2))


def test_a_day_is_imported_once_priced_with_that_days_price_and_discount(customer):
    engine, active = customer
    with session_scope(engine) as session:
        request = request_discounts(
            session=session,
            identity=identity(PARTNER),
            groups=["compute"],
            justification="Forty retail customers moving to compute next year.",
            now=at(2026, 11, 2, 9),
        )
    with session_scope(engine) as session:
        decide_request(
            session=session,
            actor=identity(REVIEWER),
            request_id=request.id,
            maximums={"compute": "20"},
            now=at(2026, 11, 2, 10),
        )
    with session_scope(engine) as session:
        set_customer_discount(
            session=session,
            identity=identity(PARTNER),
            link_id=active,
            group="compute",
            discount="10",
            effective_from=date(2026, 11, 10),
            now=at(2026, 11, 2, 11),
        )
    assert imported(engine, date(2026, 11, 9)) == 2  # the stranger's usage is not kept
    assert imported(engine, date(2026, 11, 10)) == 2
    assert imported(engine, date(2026, 11, 10)) is None  # once
    with session_scope(engine) as session:
        priced = session.exec(
            select(
                UsageRecord.day,
                UsageRecord.service_group,
                UsageRecord.gross_vnd,
                UsageRecord.discount_vnd,
            ).order_by(UsageRecord.day, UsageRecord.service_group)
        ).all()
    assert priced == [
        (date(2026, 11, 9), "compute", 42_000, 0),
        (date(2026, 11, 9), "storage", 3_001, 0),
        (date(2026, 11, 10), "compute", 42_000, 4_200),
        (date(2026, 11, 10), "storage", 3_001, 0),
    ]


def test_two_workers_importing_the_same_day_write_it_once(customer, database_url):
    engine, _ = customer
    start = Barrier(2)

    def run(_):
        start.wait()
        try:
            with session_scope(engine_for(database_url)) as session:
                return import_day(session, date(2026, 11, 9), rows(date(2026, 11, 9)))
        except Exception:
            return None  # SQLite's writer lock may refuse one outright

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(run, range(2)))
    assert sorted(results, key=str) == [2, None]
    with session_scope(engine) as session:
        assert len(session.exec(select(UsageRecord)).all()) == 2
        assert len(session.exec(select(UsageImport)).all()) == 1


def test_the_worker_job_imports_missing_days_and_waits_when_billing_is_down(customer):
    engine, _ = customer

    class Billing:
        def __init__(self, down_from: date | None = None):
            self.down_from = down_from

        def daily_usage(self, day):
            if self.down_from and day >= self.down_from:
                raise BillingUnavailable("down")
            return rows(day)

    with session_scope(engine) as session:
        done = import_usage(
            session=session, billing=Billing(date(2026, 10, 5)), now=at(2026, 10, 20, 1)
        )
    assert done == 4  # 1–4 October, then billing is down
    with session_scope(engine) as session:
        assert import_usage(session=session, billing=Billing(), now=at(2026, 10, 20, 1)) == 15


def test_the_monthly_report_sums_revenue_discounts_credits_and_commission(customer):
    engine, active = customer
    for day in (date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2)):
        imported(engine, day)
    with session_scope(engine) as session:
        grant_credit(
            session=session,
            actor=identity("finance@greennode.example"),
            partner_id=1,
            amount=5_000_000,
            reference="INV-2026-11",
            idempotency_key="report-grant-01",
            now=at(2026, 11, 3, 9),
        )
    with session_scope(engine) as session:
        top_up(
            session=session,
            identity=identity(PARTNER),
            link_id=active,
            amount=2_000_000,
            note="",
            idempotency_key="report-topup-01",
            now=at(2026, 11, 3, 10),
        )
    with session_scope(engine) as session:
        report = month_report(session, identity(PARTNER), date(2026, 11, 15), settings=SETTINGS)
    assert report.by_group == [
        (active, "compute", 84_000, 0, 84_000),
        (active, "storage", 6_002, 0, 6_002),
    ]
    assert report.credits == [(active, 2_000_000, 90_002)]
    assert report.totals.revenue == 90_002 and report.totals.topped_up == 2_000_000
    assert (report.totals.commission_bp, report.totals.commission) == (500, 4_500)
    assert report.previous.revenue == 45_001  # 31 October


def test_a_report_opens_on_the_last_month_with_something_to_show(customer):
    engine, active = customer
    partner = identity(PARTNER)

    def opens(today: date) -> date:
        with session_scope(engine) as session:
            return month_to_open(session, partner, None, today)

    assert opens(date(2026, 11, 20)) == date(2026, 10, 1)  # nothing yet: the month before
    granted(engine, 1_000_000, key="open-grant-01")
    assert opens(date(2026, 11, 20)) == date(2026, 10, 1)  # a grant is not a customer's
    with session_scope(engine) as session:
        top_up(
            session=session,
            identity=partner,
            link_id=active,
            amount=500_000,
            note="",
            idempotency_key="open-topup-01",
            now=at(2026, 11, 3, 10),
        )
    assert opens(date(2026, 11, 20)) == date(2026, 11, 1)  # only this month has a top-up
    imported(engine, date(2026, 11, 2))
    assert opens(date(2026, 11, 20)) == date(2026, 11, 1)  # only this month has usage
    assert opens(date(2026, 12, 8)) == date(2026, 11, 1)  # November is complete now
    imported(engine, date(2026, 12, 1))
    assert opens(date(2026, 12, 8)) == date(2026, 11, 1)  # the last complete month


def test_a_partner_sees_only_its_own_report_and_staff_any(customer):
    engine, _ = customer
    with session_scope(engine) as session:
        other = month_report(session, identity("eligible@acme.example"), date(2026, 11, 1))
        assert other.partner.id == 2 and other.by_group == []
        staff = month_report(session, identity(REVIEWER), date(2026, 11, 1), partner_id=1)
        assert staff.partner.id == 1
        with pytest.raises(Forbidden):
            month_report(session, identity(REVIEWER), date(2026, 11, 1))
        with pytest.raises((Forbidden, DomainError)):
            month_report(session, identity("newcustomer@retail.example"), date(2026, 11, 1))


GOOD = {"customer_sub": CUSTOMER, "service_group": "compute", "unit": "vCPU-hour"}
GARBAGE = [
    b'{"customer_sub": "%s", "service_group": "compute", "unit": "h", "quantity": NaN}',
    b'{"customer_sub": "%s", "service_group": "compute", "unit": "h", "quantity": Infinity}',
    b'{"customer_sub": "%s", "service_group": "compute", "unit": "h", "quantity": -1}',
    b'{"customer_sub": "%s", "service_group": "compute", "unit": "h", "quantity": "12"}',
    b'{"customer_sub": "%s", "service_group": "compute", "unit": "h", "quantity": true}',
    b'{"customer_sub": "%s", "service_group": "compute", "unit": "h", "quantity": 1e300}',
    b'{"customer_sub": 42, "service_group": "compute", "unit": "h", "quantity": 1}',
    b'{"customer_sub": "%s", "service_group": "teleport", "unit": "h", "quantity": 1}',
    b'{"customer_sub": "%s", "unit": "h", "quantity": 1}',
    b'"a row that is text"',
]


def test_usage_rows_that_fail_validation_are_held_aside_and_the_rest_imported(customer):
    engine, _ = customer
    day = date(2026, 10, 2)
    garbage = [row.replace(b"%s", CUSTOMER.encode()) for row in GARBAGE]
    good = json.dumps({**GOOD, "quantity": 100}).encode()
    body = b"[" + b",".join([good, *garbage]) + b"]"
    with answering(Answer(body=body)) as url, session_scope(engine) as session:
        answer = HttpBilling(url).daily_usage(day)
        assert import_day(session, day, answer, now=at(2026, 12, 1, 2)) == 1
    with session_scope(engine) as session:
        record = session.get(UsageImport, day)
        assert record.rows == 1 and record.held == len(GARBAGE)
        reasons = [held["reason"] for held in record.held_rows]
        assert all(reasons) and len(reasons) == len(GARBAGE)
        assert any("quantity" in reason for reason in reasons)
        assert any("service_group" in reason for reason in reasons)
        assert session.exec(select(UsageRecord)).one().quantity_milli == 100_000


@pytest.mark.parametrize(
    ("status", "content_type", "body"),
    [
        (200, "text/html", b"<html>maintenance</html>"),
        (200, "application/json", b'{"rows": []}'),
        (503, "application/json", b"[]"),
        (302, "text/plain", b""),
    ],
)
def test_a_usage_answer_that_is_not_a_list_waits_for_the_next_run(
    customer, status, content_type, body
):
    engine, _ = customer
    with answering(Answer(status, content_type, body)) as url, session_scope(engine) as session:
        done = import_usage(session=session, billing=HttpBilling(url), now=at(2026, 10, 5, 1))
    assert done == 0
    with session_scope(engine) as session:
        assert session.exec(select(UsageImport)).all() == []
