"""Credit that is never lost, doubled or negative, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier, Event

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import col, select

from core.money.ledger import (
    Limits,
    SameTopUpRecently,
    balance,
    customer_account,
    grant_credit,
    ledger_check,
    partner_account,
    partner_balances,
    top_up,
)
from core.partners.customers import end_link
from core.platform.clock import utcnow
from core.platform.db import engine_for, session_scope
from core.platform.errors import DomainError, Forbidden
from core.platform.models import CreditMovement, LedgerEntry, OutboxMessage
from core.platform.paths import PROJECT_ROOT
from tests.factories import approved_partner, identity, partner_with_customers

PARTNER = "partner@reseller.example"
OTHER = "eligible@acme.example"
FINANCE = "finance@greennode.example"
LIMITS = Limits(1_000, 100_000_000)


@pytest.fixture
def money(engine):
    """Two partners; the first has an active customer (knowncustomer) and one only invited."""
    active, invited = partner_with_customers(engine, PARTNER)
    approved_partner(engine, OTHER)
    return engine, active, invited


def grant(engine, amount, key="grant-key-0001", partner_id=1, reference="INV-2026-0001"):
    with session_scope(engine) as session:
        return grant_credit(
            session=session,
            actor=identity(FINANCE),
            partner_id=partner_id,
            amount=amount,
            reference=reference,
            idempotency_key=key,
        )


def topup(engine, link_id, amount, key, who=PARTNER, again=False, now=None):
    with session_scope(engine) as session:
        return top_up(
            session=session,
            identity=identity(who),
            link_id=link_id,
            amount=amount,
            note="Monthly credit",
            idempotency_key=key,
            limits=LIMITS,
            again=again,
            now=now,
        )


def balances(engine, link_id) -> tuple[int, int]:
    with session_scope(engine) as session:
        return balance(session, partner_account(1)), balance(session, customer_account(link_id))


def rows(engine, model) -> int:
    with session_scope(engine) as session:
        return len(session.exec(select(model)).all())


def check(engine):
    with session_scope(engine) as session:
        return ledger_check(session)


def test_a_grant_then_a_top_up_move_credit_in_balanced_entries(money):
    engine, active, _ = money
    grant(engine, "5.000.000")
    topup(engine, active, "1,500,000", "topup-key-0001")
    assert balances(engine, active) == (3_500_000, 1_500_000)
    with session_scope(engine) as session:
        entries = session.exec(select(LedgerEntry.account, LedgerEntry.amount)).all()
    assert sorted(entries) == sorted(
        [
            ("source:finance", -5_000_000),
            ("partner:1", 5_000_000),
            ("partner:1", -1_500_000),
            (customer_account(active), 1_500_000),
        ]
    )
    assert check(engine) == []


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("-5000", "credits.amount_positive"),
        (-5000, "credits.amount_positive"),
        (0, "credits.amount_positive"),
        ("1000.5", "credits.amount_whole"),
        (1000.5, "credits.amount_whole"),
        ("12,34", "credits.amount_whole"),
        ("five", "credits.amount_format"),
        (500, "credits.amount_limits"),
        (200_000_000, "credits.amount_limits"),
        (3_000_000, "credits.over_balance"),
    ],
)
def test_a_bad_amount_is_refused_with_its_reason_and_nothing_is_written(money, amount, reason):
    engine, active, _ = money
    grant(engine, 2_000_000)
    with pytest.raises(DomainError) as refused:
        topup(engine, active, amount, "topup-key-bad1")
    assert refused.value.key == reason
    assert rows(engine, CreditMovement) == 1 and rows(engine, LedgerEntry) == 2


def test_a_customer_not_active_or_another_partners_is_refused(money):
    engine, active, invited = money
    grant(engine, 2_000_000)
    with pytest.raises(DomainError, match=r"credits\.customer_not_active"):
        topup(engine, invited, 10_000, "topup-key-inv1")
    with pytest.raises(DomainError, match=r"customers\.not_found"):
        topup(engine, active, 10_000, "topup-key-oth1", who=OTHER)
    with pytest.raises(Forbidden):
        topup(engine, active, 10_000, "topup-key-fin1", who=FINANCE)
    with pytest.raises(Forbidden), session_scope(engine) as session:
        grant_credit(
            session=session,
            actor=identity(PARTNER),
            partner_id=1,
            amount=1_000_000,
            reference="INV-1",
            idempotency_key="grant-key-self",
        )
    assert rows(engine, CreditMovement) == 1


def test_a_grant_needs_a_reference(money):
    engine, _, _ = money
    with pytest.raises(DomainError, match=r"credits\.reference_required"):
        grant(engine, 1_000_000, reference=" ")
    assert rows(engine, CreditMovement) == 0


@pytest.mark.parametrize("amount", [10_000_000_001, "999,999,999,999,999,999", 10**30])
def test_a_grant_above_the_limit_is_refused_and_nothing_is_written(money, amount):
    engine, _, _ = money
    with pytest.raises(DomainError, match=r"credits\.grant_max") as refused:
        grant(engine, amount)
    assert refused.value.values == {"maximum": 10_000_000_000}
    assert rows(engine, CreditMovement) == 0
    grant(engine, 10_000_000_000)  # the limit itself is allowed
    assert rows(engine, CreditMovement) == 1


def test_the_same_attempt_twice_is_one_top_up_and_a_reused_key_is_refused(money):
    engine, active, _ = money
    grant(engine, 2_000_000)
    first = topup(engine, active, 100_000, "topup-key-same")
    again = topup(engine, active, 100_000, "topup-key-same")
    assert first.id == again.id
    with pytest.raises(DomainError, match=r"credits\.key_reused"):
        topup(engine, active, 200_000, "topup-key-same")
    assert balances(engine, active) == (1_900_000, 100_000)


def test_the_ledger_refuses_updates_and_deletes(money):
    engine, _, _ = money
    grant(engine, 1_000_000)
    for statement in (
        "UPDATE ledger_entry SET amount = amount * 2",
        "DELETE FROM ledger_entry",
        "UPDATE credit_movement SET amount = 1",
        "DELETE FROM credit_movement",
    ):
        with session_scope(engine) as session, pytest.raises(DBAPIError):
            session.exec(text(statement))
    assert check(engine) == []


def test_100_concurrent_top_ups_against_a_balance_for_37(money, database_url):
    engine, active, _ = money
    grant(engine, 37 * 10_000)
    start = Barrier(20)

    def attempt(n):
        if n < 20:
            start.wait()
        try:
            # Each is meant: the same amount again is asked about, and here said yes to.
            topup(engine_for(database_url), active, 10_000, f"topup-key-{n:04d}", again=True)
            return "ok"
        except DomainError as error:
            return error.key

    with ThreadPoolExecutor(20) as pool:
        outcomes = list(pool.map(attempt, range(100)))
    assert outcomes.count("ok") == 37
    assert outcomes.count("credits.over_balance") == 63
    assert balances(engine, active) == (0, 370_000)
    assert check(engine) == []


def test_the_same_key_sent_50_times_at_once_is_one_top_up(money, database_url):
    engine, active, _ = money
    grant(engine, 1_000_000)
    start = Barrier(25)

    def attempt(_):
        start.wait()
        return topup(engine_for(database_url), active, 10_000, "topup-key-once").id

    with ThreadPoolExecutor(25) as pool:
        ids = list(pool.map(attempt, range(50)))
    assert len(set(ids)) == 1
    assert balances(engine, active) == (990_000, 10_000)
    assert rows(engine, CreditMovement) == 2


def test_ledger_check_names_what_breaks_and_exits_non_zero(money, database_url):
    engine, active, _ = money
    grant(engine, 1_000_000)
    topup(engine, active, 10_000, "topup-key-chk1")
    command = [sys.executable, "-m", "core", "ledger-check"]
    env = {"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"}
    passed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stderr
    assert "2 movements" in passed.stdout and "holds" in passed.stdout
    # A broken ledger (written around the triggers) is named by its ids.
    with session_scope(engine) as session:
        session.add(
            LedgerEntry(movement_id=2, account=partner_account(1), amount=-5_000_000, at=utcnow())
        )
        session.commit()
    failed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    assert failed.returncode == 1
    assert "do not balance: 2" in failed.stdout
    assert "below zero" in failed.stdout


def test_a_top_up_racing_the_end_of_its_link_is_refused_not_landed(money, database_url):
    """The link's state is read again under the partner's lock, which ending a link takes."""
    engine, active, _ = money
    grant(engine, 1_000_000)
    ending = Event()

    def end_slowly():
        with session_scope(engine_for(database_url)) as session:
            end_link(
                session=session,
                actor=identity(PARTNER),
                link_id=active,
                reason="The customer moved to another partner.",
            )
            ending.set()
            time.sleep(1.5)  # the end is not committed yet while the top-up starts

    def top_up_meanwhile():
        ending.wait(10)
        try:
            topup(engine_for(database_url), active, 10_000, "topup-key-race")
            return "ok"
        except DomainError as error:
            return error.key

    with ThreadPoolExecutor(2) as pool:
        ended = pool.submit(end_slowly)
        outcome = pool.submit(top_up_meanwhile).result(30)
        ended.result(30)
    assert outcome == "credits.customer_not_active"
    assert balances(engine, active) == (1_000_000, 0)
    assert check(engine) == []


def test_the_same_top_up_again_within_ten_minutes_is_asked_about_not_made(money):
    engine, active, _ = money
    grant(engine, 1_000_000)
    first = topup(engine, active, 50_000, "topup-key-tab1", now=utcnow())
    with pytest.raises(SameTopUpRecently) as asked:  # a second tab, its own attempt
        topup(engine, active, 50_000, "topup-key-tab2")
    assert asked.value.movement.id == first.id
    assert asked.value.values == {"amount": 50_000, "at": first.at}
    assert rows(engine, CreditMovement) == 2  # the grant and one top-up
    assert topup(engine, active, 50_000, "topup-key-tab1").id == first.id  # same attempt
    topup(engine, active, 60_000, "topup-key-other")  # another amount: not the same
    topup(engine, active, 50_000, "topup-key-tab2", again=True)  # the partner said yes
    later = utcnow() + timedelta(minutes=11)
    topup(engine, active, 50_000, "topup-key-later", now=later)  # ten minutes on: no question
    assert balances(engine, active) == (1_000_000 - 210_000, 210_000)
    assert check(engine) == []


def test_a_grant_tells_the_partner_once_in_its_language(money):
    engine, _, _ = money
    grant(engine, 5_000_000)
    grant(engine, 5_000_000)  # the same attempt again: no second credit, no second email
    grant(engine, 1_000_000, key="grant-key-0002", reference="INV-2026-0002")
    with session_scope(engine) as session:
        mails = session.exec(
            select(OutboxMessage)
            .where(col(OutboxMessage.dedupe_key).startswith("grant:"))
            .order_by(col(OutboxMessage.id))
        ).all()
    assert [m.recipient for m in mails] == [PARTNER, PARTNER]
    first, second = (m.context for m in mails)
    assert "5,000,000 VND" in first["paragraphs"][0] and "INV-2026-0001" in first["paragraphs"][0]
    assert "6,000,000 VND" in second["paragraphs"][1]  # the balance after the second grant


def test_finance_sees_partners_with_credit_first(money):
    engine, _, _ = money
    grant(engine, 1_000_000, partner_id=2, key="grant-key-0003")
    with session_scope(engine) as session:
        rows = partner_balances(session, identity(FINANCE))
    assert [(p.id, amount) for p, amount in rows] == [(2, 1_000_000), (1, 0)]
