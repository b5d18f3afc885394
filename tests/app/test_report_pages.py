"""The monthly report page for a partner and for the partner team, with AppTest."""

from __future__ import annotations

from core.money.billing import UsageRow
from core.money.ledger import grant_credit, top_up
from core.money.usage import import_day
from core.platform.clock import local, utcnow
from core.platform.db import engine_for, session_scope
from core.platform.models import CustomerLink
from tests.app.helpers import app_as, texts
from tests.factories import identity, partner_with_customers

PARTNER = "partner@reseller.example"
CUSTOMER = "knowncustomer@bakery.example"


def with_a_month(app_env):
    """Usage of one customer on the first day of this month, and a top-up."""
    engine = engine_for(app_env)
    active, _ = partner_with_customers(engine, PARTNER)
    first = local(utcnow()).date().replace(day=1)
    with session_scope(engine) as session:
        link = session.get(CustomerLink, active)
        link.active_since = utcnow().replace(year=first.year - 1)
        session.add(link)
        session.commit()
    with session_scope(engine) as session:
        import_day(session, first, [UsageRow(first, CUSTOMER, "compute", 100.0, "vCPU-hour")])
    with session_scope(engine) as session:
        grant_credit(
            session=session,
            actor=identity("finance@greennode.example"),
            partner_id=1,
            amount=1_000_000,
            reference="INV-REPORT-1",
            idempotency_key="report-page-grant",
        )
    with session_scope(engine) as session:
        top_up(
            session=session,
            identity=identity(PARTNER),
            link_id=active,
            amount=300_000,
            note="",
            idempotency_key="report-page-topup",
        )
    return engine


def test_the_partner_sees_this_months_revenue_credits_and_commission(app_env):
    with_a_month(app_env)
    at = app_as(PARTNER)
    at.session_state["lang"] = "en"
    at.switch_page("pages/reports.py").run()
    assert not at.exception
    values = {metric.label: metric.value for metric in at.metric}
    assert values["Revenue"] == "42,000 VND"  # 100 vCPU-hours at the list price of 420
    assert values["Credit topped up"] == "300,000 VND"
    assert values["Commission"] == "2,100 VND"  # 5 % below the first tier
    assert list(at.dataframe[1].value["Used (VND)"]) == ["42,000"]


def test_the_report_in_vietnamese_and_for_the_partner_team(app_env):
    with_a_month(app_env)
    at = app_as(PARTNER)
    at.session_state["lang"] = "vi"
    at.switch_page("pages/reports.py").run()
    assert "Doanh thu theo khách hàng và nhóm dịch vụ" in texts(at)
    assert {metric.value for metric in at.metric} >= {"42.000 VND", "300.000 VND"}
    staff = app_as("manager@greennode.example").switch_page("pages/reports.py").run()
    assert not staff.exception
    assert staff.selectbox(key="reports_partner").value == 1
    assert {metric.value for metric in staff.metric} >= {"42,000 VND"}
