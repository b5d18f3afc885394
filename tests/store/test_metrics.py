"""The workers' metrics endpoint: scraped over HTTP, each figure moves with what it counts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import create_engine

from core.messaging.email_outbox import EmailHandler
from core.messaging.outbox import deliver_due
from core.money.billing import BillingHandler, BillingRefused, UsageRow
from core.money.ledger import daily_ledger_check
from core.money.usage import import_day
from core.platform.clock import LOCAL_TZ, utcnow
from core.platform.db import session_scope
from core.platform.models import Application, LedgerEntry
from core.platform.settings import get_settings
from core.team.metrics import PortalCollector, WorkerMetrics
from core.team.schedule import SUBJECTS
from tests.e2e.stack import free_port
from tests.factories import applied, granted, partner_with_customers, topped_up

PARTNER = "partner@reseller.example"
SETTINGS = get_settings().changed(outbox_backoff_seconds=0.0)


class Billing:
    """Billing that applies (or refuses) every top-up."""

    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse

    def apply_credit(self, *, key: str, **_) -> str:
        if self.refuse:
            raise BillingRefused("HTTP 400")
        return f"REF-{key}"


class Endpoint:
    """A worker's metrics served on a free port; ``figures()`` scrapes it."""

    def __init__(self, engine, clock) -> None:
        self.billing = Billing()
        self.handlers = (EmailHandler(SETTINGS), BillingHandler(self.billing))
        self.metrics = WorkerMetrics(PortalCollector(engine, self.handlers, SUBJECTS, clock))
        self.port = free_port()
        self.server = self.metrics.serve(self.port)
        self.engine = engine

    def figures(self) -> dict[tuple[str, tuple], float]:
        text = httpx.get(f"http://127.0.0.1:{self.port}/metrics", timeout=5).text
        return {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
        }

    def figure(self, name: str, **labels: str) -> float:
        return self.figures()[(name, tuple(sorted(labels.items())))]

    def deliver_billing(self) -> None:
        handler = self.handlers[1]
        self.metrics.observe("billing", deliver_due(self.engine, handler, SETTINGS, "w1"))


@pytest.fixture
def endpoint(engine):
    clock = {"now": utcnow()}
    served = Endpoint(engine, lambda: clock["now"])
    served.clock = clock
    yield served
    served.server.shutdown()
    served.server.server_close()


def test_outbox_and_billing_figures_follow_top_ups_and_deliveries(engine, endpoint):
    active, _ = partner_with_customers(engine, PARTNER)
    granted(engine, 1_000_000, key="metrics-grant-1")
    assert endpoint.figure("portal_outbox_waiting", kind="billing") == 0
    assert endpoint.figure("portal_database_up") == 1

    topped_up(engine, active, "metrics-topup-1")
    endpoint.clock["now"] = utcnow() + timedelta(minutes=11)
    assert endpoint.figure("portal_outbox_waiting", kind="billing") == 1
    assert endpoint.figure("portal_outbox_oldest_waiting_seconds", kind="billing") >= 660

    endpoint.deliver_billing()
    assert endpoint.figure("portal_outbox_waiting", kind="billing") == 0
    assert endpoint.figure("portal_outbox_oldest_waiting_seconds", kind="billing") == 0
    assert endpoint.figure("portal_outbox_deliveries_total", kind="billing", result="sent") == 1

    endpoint.billing.refuse = True
    topped_up(engine, active, "metrics-topup-2")
    endpoint.deliver_billing()
    assert endpoint.figure("portal_outbox_failed", kind="billing") == 1
    assert endpoint.figure("portal_outbox_deliveries_total", kind="billing", result="failed") == 1
    # The emails the grant and the invitations queued wait for the mail worker.
    assert endpoint.figure("portal_outbox_waiting", kind="email") > 0


def test_the_promise_figures_follow_applications_as_they_age(engine, endpoint):
    def waiting(sla: str) -> float:
        return endpoint.figure("portal_decisions_waiting", subject="application", sla=sla)

    assert waiting("on_track") == waiting("overdue") == 0
    application_id = applied(engine, "eligible@acme.example").id
    assert (waiting("on_track"), waiting("due_soon"), waiting("overdue")) == (1, 0, 0)
    with session_scope(engine) as session:
        application = session.get(Application, application_id)
        application.due_at = utcnow() - timedelta(minutes=1)
        session.add(application)
        session.commit()
    assert (waiting("on_track"), waiting("overdue")) == (0, 1)
    assert endpoint.figure("portal_decisions_waiting", subject="customer_link", sla="overdue") == 0


def test_the_usage_import_and_the_daily_ledger_check_are_watched(engine, endpoint):
    assert endpoint.figure("portal_usage_last_import_timestamp_seconds") == 0
    assert endpoint.figure("portal_ledger_check_last_run_timestamp_seconds") == 0
    partner_with_customers(engine, PARTNER)
    imported_at = datetime(2026, 12, 2, 2, tzinfo=LOCAL_TZ)
    day = date(2026, 12, 1)
    with session_scope(engine) as session:
        rows = [UsageRow(day, "knowncustomer@bakery.example", "compute", 1.0, "vCPU-hour")]
        import_day(session, day, rows, now=imported_at)
    assert endpoint.figure("portal_usage_last_import_timestamp_seconds") == (
        imported_at.timestamp()
    )

    first = utcnow()
    with session_scope(engine) as session:
        assert daily_ledger_check(session, first) == 1
        session.commit()
    assert endpoint.figure("portal_ledger_check_last_run_timestamp_seconds") == pytest.approx(
        first.timestamp()
    )
    assert endpoint.figure("portal_ledger_check_passed") == 1

    granted(engine, 1_000, key="metrics-grant-2")
    with session_scope(engine) as session:  # an entry written outside any movement's pair
        session.add(LedgerEntry(movement_id=1, account="partner:1", amount=5, at=first))
        session.commit()
    with session_scope(engine) as session:
        assert daily_ledger_check(session, first + timedelta(hours=1)) == 0  # not due yet
        assert daily_ledger_check(session, first + timedelta(days=1)) == 1
        session.commit()
    assert endpoint.figure("portal_ledger_check_passed") == 0
    assert endpoint.figure("portal_ledger_check_problems") == 1


def test_a_database_out_of_reach_is_a_figure_not_a_failed_scrape(tmp_path):
    gone = create_engine(f"sqlite:///{tmp_path / 'missing' / 'none.db'}")
    metrics = WorkerMetrics(PortalCollector(gone, (), SUBJECTS))
    port = free_port()
    server = metrics.serve(port)
    try:
        answer = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert answer.status_code == 200
    assert "portal_database_up 0.0" in answer.text


def test_every_figure_an_alert_watches_is_served(engine, endpoint):
    import re

    from core.platform.paths import PROJECT_ROOT

    rules = (PROJECT_ROOT / "ops" / "alerts.yml").read_text(encoding="utf-8")
    watched = set(re.findall(r"\bportal_[a-z_]+", rules))
    served = {name for name, _ in endpoint.figures()}
    assert watched and watched <= served, watched - served
