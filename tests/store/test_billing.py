"""Top-ups handed to the billing simulator: each applied exactly once, whatever fails."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlmodel import select
from werkzeug.serving import make_server

from core.money.billing import (
    BillingRefused,
    HttpBilling,
    deliver_due,
    deliveries_needing_attention,
    retry_delivery,
)
from core.money.ledger import Limits, grant_credit, ledger_check, top_up
from core.platform.db import session_scope
from core.platform.directory import bearer
from core.platform.errors import Forbidden
from core.platform.models import BillingDelivery
from core.platform.paths import PROJECT_ROOT
from core.platform.settings import get_settings
from local.billing_sim import BillingSimulator
from tests.answering import Answer, answering
from tests.e2e.stack import free_port
from tests.factories import identity, partner_with_customers

PARTNER = "partner@reseller.example"
FINANCE = "finance@greennode.example"
NOW_SETTINGS = get_settings().changed(outbox_backoff_seconds=0.0)
TOKEN = "billing-simulator-credential-for-tests"


@contextmanager
def simulator(store: Path, port: int, **options):
    """The billing simulator on 127.0.0.1:``port``, in this process, until the block ends."""
    simulated = BillingSimulator(store, token=TOKEN, **options)
    server = make_server("127.0.0.1", port, simulated, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def applied(url: str) -> list[dict]:
    return httpx.get(f"{url}/credits", timeout=5, headers=bearer(TOKEN)).json()


def billing_at(url: str, **options) -> HttpBilling:
    """The portal's billing client, with the credential the simulator requires."""
    return HttpBilling(url, token=TOKEN, **options)


@pytest.fixture
def topped(engine):
    """Five top-ups of 100,000 VND waiting for billing."""
    active, _ = partner_with_customers(engine, PARTNER)
    with session_scope(engine) as session:
        grant_credit(
            session=session,
            actor=identity(FINANCE),
            partner_id=1,
            amount=1_000_000,
            reference="INV-2026-0100",
            idempotency_key="billing-grant-1",
        )
    for n in range(5):
        with session_scope(engine) as session:
            top_up(
                session=session,
                identity=identity(PARTNER),
                link_id=active,
                amount=100_000,
                note="",
                idempotency_key=f"billing-topup-{n:03d}",
                limits=Limits(1_000, 10_000_000),
                again=True,  # five meant top-ups of the same amount
            )
    return engine


def deliveries(engine) -> list[BillingDelivery]:
    with session_scope(engine) as session:
        return list(session.exec(select(BillingDelivery).order_by(BillingDelivery.id)))


def test_each_top_up_is_applied_once_with_its_reference(topped, tmp_path):
    port = free_port()
    with simulator(tmp_path / "billing.db", port) as url:
        assert deliver_due(topped, "w1", billing=billing_at(url), settings=NOW_SETTINGS) == 5
        assert deliver_due(topped, "w1", billing=billing_at(url), settings=NOW_SETTINGS) == 0
        credits = applied(url)
    rows = deliveries(topped)
    assert [r.status for r in rows] == ["sent"] * 5
    assert sorted(r.billing_reference for r in rows) == sorted(c["reference"] for c in credits)
    assert len({c["key"] for c in credits}) == 5
    with session_scope(topped) as session:
        assert ledger_check(session) == []


def test_billing_down_then_up_applies_every_top_up_exactly_once(topped, tmp_path):
    port = free_port()
    down = billing_at(f"http://127.0.0.1:{port}", timeout=1)
    assert deliver_due(topped, "w1", billing=down, settings=NOW_SETTINGS) == 5
    rows = deliveries(topped)
    assert [r.status for r in rows] == ["pending"] * 5
    assert all(r.last_error and r.attempts == 1 for r in rows)
    with simulator(tmp_path / "billing.db", port) as url:
        deliver_due(topped, "w2", billing=billing_at(url), settings=NOW_SETTINGS)
        credits = applied(url)
    assert [r.status for r in deliveries(topped)] == ["sent"] * 5
    assert len(credits) == 5 and len({c["key"] for c in credits}) == 5


def test_a_worker_killed_mid_delivery_is_redelivered_with_the_same_key(
    topped, tmp_path, database_url
):
    port = free_port()
    with simulator(tmp_path / "billing.db", port, answer_delay=3.0) as url:
        worker = subprocess.Popen(
            [sys.executable, "-m", "core", "worker", "--poll", "0.2"],
            cwd=PROJECT_ROOT,
            env={
                **os.environ,
                "DATABASE_URL": database_url,
                "BILLING_URL": url,
                "BILLING_TOKEN": TOKEN,
                "OUTBOX_LEASE_SECONDS": "1",
                "SMTP_PORT": str(free_port()),
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not applied(url) and time.monotonic() < deadline:
            time.sleep(0.1)
        worker.send_signal(signal.SIGKILL)  # billing applied it; the worker never heard
        worker.wait(10)
        first = applied(url)
        assert len(first) == 1
        time.sleep(1.2)  # its lease lapses
    # The same billing store, answering at once now (on a fresh port: the old one may linger).
    with simulator(tmp_path / "billing.db", free_port()) as url:
        deliver_due(topped, "w2", billing=billing_at(url), settings=NOW_SETTINGS)
        credits = applied(url)
    rows = deliveries(topped)
    assert [r.status for r in rows] == ["sent"] * 5
    assert len(credits) == 5  # the killed worker's top-up was not applied twice
    killed = next(r for r in rows if r.idempotency_key == first[0]["key"])
    assert killed.billing_reference == first[0]["reference"]


def test_a_refused_delivery_fails_at_once_and_finance_can_send_it_again(topped, tmp_path):
    class Refusing:
        def apply_credit(self, **_):
            raise BillingRefused("HTTP 400")

    deliver_due(topped, "w1", billing=Refusing(), settings=NOW_SETTINGS)
    failed = deliveries(topped)
    assert [r.status for r in failed] == ["failed"] * 5
    with session_scope(topped) as session, pytest.raises(Forbidden):
        retry_delivery(session=session, actor=identity(PARTNER), delivery_id=failed[0].id)
    with session_scope(topped) as session:
        retry_delivery(session=session, actor=identity(FINANCE), delivery_id=failed[0].id)
    port = free_port()
    with simulator(tmp_path / "billing.db", port) as url:
        deliver_due(topped, "w2", billing=billing_at(url), settings=NOW_SETTINGS)
    assert [r.status for r in deliveries(topped)] == ["sent"] + ["failed"] * 4


def test_the_simulator_answers_a_repeated_key_with_the_same_reference(tmp_path):
    port = free_port()
    with simulator(tmp_path / "billing.db", port) as url:
        billing = billing_at(url)
        first = billing.apply_credit(key="k-1", customer_sub="c", amount=5, link_id=1)
        again = billing.apply_credit(key="k-1", customer_sub="c", amount=5, link_id=1)
        with pytest.raises(BillingRefused):
            billing.apply_credit(key="k-1", customer_sub="c", amount=6, link_id=1)
        usage = httpx.get(
            f"{url}/usage", params={"day": "2099-01-01"}, headers=bearer(TOKEN)
        ).json()
        assert (
            usage
            == httpx.get(f"{url}/usage", params={"day": "2099-01-01"}, headers=bearer(TOKEN)).json()
        )
    assert first == again and len(applied_rows := usage) >= 1
    assert {row["customer_sub"] for row in applied_rows} == {"c"}


class Odd:
    """Billing that answers one top-up with something no code expected, the rest as usual."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def apply_credit(self, *, key: str, customer_sub: str, amount: int, link_id: int) -> str:
        self.calls.append(key)
        if key.endswith("002"):
            raise ValueError("Expecting value: line 1 column 1 (char 0)")  # 200 text/html
        return f"BILL-{key}"


def test_an_odd_answer_is_one_counted_attempt_and_blocks_no_other_delivery(topped):
    odd = Odd()
    assert deliver_due(topped, "w1", billing=odd, settings=NOW_SETTINGS) == 5
    rows = {row.idempotency_key: row for row in deliveries(topped)}
    assert len(odd.calls) == 5
    assert [k for k, r in rows.items() if r.status == "sent"] == [
        f"billing-topup-{n:03d}" for n in (0, 1, 3, 4)
    ]
    stuck = rows["billing-topup-002"]
    assert (stuck.status, stuck.attempts) == ("pending", 1)
    assert stuck.last_error.startswith("ValueError")


GARBAGE_ANSWERS = [
    (200, "text/html", b"<html>maintenance</html>", "answer is text/html"),
    (200, "application/json", b"not json {", "not JSON"),
    (200, "application/json", b"[]", "usable reference"),
    (200, "application/json", b'{"reference": 42}', "usable reference: reference"),
    (200, "application/json", b'{"reference": ""}', "usable reference: reference"),
    (200, "application/json", b'{"reference": "' + b"x" * 81 + b'"}', "usable reference"),
    (200, "application/json", b"{}", "usable reference: reference"),
    (200, "application/json", b'{"reference": NaN}', "usable reference: reference"),
    (200, "application/json", b'{"reference": "BILL\\n<script>"}', "usable reference"),
    (201, "", b"", "untyped"),
    (500, "application/json", b'{"error": "boom"}', "HTTP 500"),
    (429, "application/json", b"{}", "HTTP 429"),
    (302, "text/plain", b"", "HTTP 302"),
    (204, "application/json", b"", "HTTP 204"),
]


@pytest.mark.parametrize(("status", "content_type", "body", "reason"), GARBAGE_ANSWERS)
def test_each_kind_of_garbage_from_billing_is_a_counted_attempt_then_finance_sees_it(
    topped, status, content_type, body, reason
):
    settings = NOW_SETTINGS.changed(outbox_max_attempts=2)
    with answering(Answer(status, content_type, body)) as url:
        billing = HttpBilling(url, timeout=5)
        assert deliver_due(topped, "w1", billing=billing, settings=settings) == 5
        after_one = deliveries(topped)
        assert {(d.status, d.attempts) for d in after_one} == {("pending", 1)}
        assert all(reason in d.last_error for d in after_one), after_one[0].last_error
        assert deliver_due(topped, "w1", billing=billing, settings=settings) == 5
    with session_scope(topped) as session:
        troubled = deliveries_needing_attention(session, identity(FINANCE))
        assert len(troubled) == 5 and {d.status for d in troubled} == {"failed"}
        assert all(reason in d.last_error for d in troubled)
        assert ledger_check(session) == []


def test_a_4xx_from_billing_is_refused_at_once_with_its_reason(topped):
    with answering(Answer(422, "application/json", b'{"error": "unknown\\u0007 customer"}')) as url:
        assert deliver_due(topped, "w1", billing=HttpBilling(url), settings=NOW_SETTINGS) == 5
    rows = deliveries(topped)
    assert {(d.status, d.attempts) for d in rows} == {("failed", 1)}
    assert rows[0].last_error.startswith("BillingRefused: HTTP 422") or "HTTP 422" in (
        rows[0].last_error
    )
    assert "\u0007" not in rows[0].last_error


def test_billing_is_called_with_the_credential_and_the_simulator_refuses_without_it(
    topped, tmp_path
):
    answer = Answer(200, "application/json", b'{"reference": "BIL-1"}')
    with answering(answer) as url:
        deliver_due(topped, "w1", billing=billing_at(url), settings=NOW_SETTINGS)
    assert {headers.get("Authorization") for _, _, headers in answer.requests} == {
        f"Bearer {TOKEN}"
    }
    with simulator(tmp_path / "billing.db", free_port()) as url:
        for headers in ({}, {"Authorization": "Bearer wrong"}, bearer("x" + TOKEN)):
            refused = httpx.post(f"{url}/credits", json={}, headers=headers, timeout=5)
            assert refused.status_code == 401
            assert httpx.get(f"{url}/usage?day=2026-12-01", headers=headers).status_code == 401
        assert applied(url) == []


def test_the_simulator_will_not_start_without_a_credential(tmp_path):
    with pytest.raises(ValueError, match="BILLING_TOKEN"):
        BillingSimulator(tmp_path / "billing.db", token="")
    result = subprocess.run(
        [sys.executable, "-m", "core", "billing-sim", "--port", str(free_port())],
        cwd=PROJECT_ROOT,
        env={"PATH": "/usr/bin:/bin", "BILLING_TOKEN": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "BILLING_TOKEN" in result.stderr
