"""A fresh database's year of demo money: every report has data and the ledger check passes."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import func, select

from core.money.ledger import ledger_check
from core.money.reports import month_report
from core.platform.clock import LOCAL_TZ
from core.platform.db import engine_for, session_scope
from core.platform.models import (
    BillingDelivery,
    CreditMovement,
    CustomerDiscount,
    CustomerLink,
    Partner,
)
from core.platform.settings import get_settings
from core.registration.terms import load_terms
from local.seed import seed_demo_partner
from local.seed_money import seed_demo_money
from tests.factories import identity

NOW = datetime(2026, 11, 28, 10, tzinfo=LOCAL_TZ)


def test_a_year_of_demo_money_for_the_demo_partner(sqlite_url):
    engine = engine_for(sqlite_url)
    assert seed_demo_partner(engine, load_terms(get_settings().terms_dir), now=NOW)
    assert seed_demo_money(engine, now=NOW)
    assert not seed_demo_money(engine, now=NOW)  # once
    with session_scope(engine) as session:
        links = session.exec(select(CustomerLink)).all()
        assert len(links) == 4 and all(link.demo and link.state == "active" for link in links)
        kinds = dict(
            session.exec(
                select(CreditMovement.kind, func.count()).group_by(CreditMovement.kind)
            ).all()
        )
        # From its first days as a partner (January 2026, under the first Terms) to November.
        assert kinds == {"grant": 11, "topup": 44}
        assert session.exec(select(func.count()).select_from(BillingDelivery)).one() == 44
        # Seven discounts: one customer keeps no storage discount at all.
        assert session.exec(select(func.count()).select_from(CustomerDiscount)).one() == 7
        since = session.exec(select(CustomerLink.active_since)).first()
        partner_since = session.exec(select(Partner.partner_since)).one()
        assert partner_since < since
        assert ledger_check(session) == []
        partner = identity("partner@reseller.example", provider="root")
        for month in (date(2026, 2, 1), date(2026, 10, 1)):
            report = month_report(session, partner, month)
            assert len(report.by_group) >= 12 and report.totals.revenue > 0
            assert report.totals.discounts > 0 and report.totals.topped_up > 0
            assert report.previous.revenue > 0
