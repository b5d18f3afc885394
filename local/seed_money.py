"""A year of the demo partner's money on a fresh database: customers, discounts, credit, usage.

Marked demo: the customers are synthetic accounts (``demo-customer-N@…``,
links marked ``demo``), grant references start with ``DEMO-``. Everything
else goes through the same use cases the portal runs, with past dates: the
discount request and its decision, customers' discounts, finance grants,
top-ups (handed to billing like any other) and the import of each day's
usage (the billing simulator's deterministic usage), so every report and the
ledger check have a year of real records to show.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.money.billing import UsageRow
from core.money.ledger import Limits, grant_credit, top_up
from core.money.usage import import_day
from core.partners.discounts import decide_request, request_discounts, set_customer_discount
from core.platform.clock import LOCAL_TZ, local, utcnow
from core.platform.db import session_scope
from core.platform.demo import demo_claims
from core.platform.identity import identity_from_claims
from core.platform.models import CustomerLink, CustomerLinkEvent, LinkState, Partner
from core.platform.settings import get_settings
from local.billing_sim import daily_usage
from local.seed import DEMO_DOMAIN, DEMO_PARTNER

CUSTOMERS = (
    ("Phố Xanh Retail", "partner"),
    ("Minh Long Logistics", "reseller"),
    ("Hạ Long Seafood JSC", "partner"),
    ("Sông Hàn Software", "managed_services"),
)
DISCOUNTS = {
    "compute": ("15", ("10", "12.5", "8", "15")),
    "storage": ("10", ("5", "10", "0", "7.5")),
}
WHY = "Four retail and logistics customers moving their workloads to GreenNode this year."


def _identity(email: str, **claims):
    return identity_from_claims({**demo_claims(email), **claims}, get_settings())


def _links(session: Session, partner: Partner, since: datetime) -> list[CustomerLink]:
    links = []
    for n, (company, role) in enumerate(CUSTOMERS, start=1):
        email = f"demo-customer-{n}@{DEMO_DOMAIN}"
        link = CustomerLink(
            partner_id=partner.id,
            customer_sub=email,
            customer_email=email,
            customer_company=company,
            friendly_name=company.split(" JSC")[0],
            role=role,
            customer_language="vi",
            state=LinkState.ACTIVE,
            needs_approval=False,
            invited_by=partner.account_sub,
            invited_at=since - timedelta(days=2),
            expires_at=since + timedelta(days=12),
            confirmed_at=since,
            active_since=since,
            demo=True,
        )
        session.add(link)
        session.flush()
        for kind, at, to_state in (
            ("invited", link.invited_at, LinkState.INVITED),
            ("activated", since, LinkState.ACTIVE),
        ):
            session.add(
                CustomerLinkEvent(
                    link_id=link.id,
                    kind=kind,
                    to_state=to_state,
                    actor_sub=partner.account_sub if kind == "invited" else email,
                    actor_role="partner" if kind == "invited" else "customer",
                    at=at,
                    note="demo",
                )
            )
        links.append(link)
    session.commit()
    return links


def _months(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def seed_demo_money(engine: Engine, now: datetime | None = None) -> bool:
    """Once, for the demo partner, when it has no customers yet; True when written."""
    now = now or utcnow()
    partner_id = None
    with session_scope(engine) as session:
        partner = session.exec(select(Partner).where(Partner.account_sub == DEMO_PARTNER)).first()
        if partner is None:
            return False
        if session.exec(select(CustomerLink).where(CustomerLink.partner_id == partner.id)).first():
            return False
        partner_id = partner.id
        # Up to a year of history, all of it after the partner became one.
        year_ago = max(now - timedelta(days=365), partner.partner_since + timedelta(days=2))
        links = _links(session, partner, year_ago)
    # Keys unique to this database: a billing store kept from another one must not see
    # a demo key again with a different amount.
    run = uuid.uuid4().hex[:8]
    me = _identity(DEMO_PARTNER, provider="root")
    reviewer = _identity("reviewer@greennode.example")
    finance = _identity("finance@greennode.example")
    start = year_ago + timedelta(days=1)
    with session_scope(engine) as session:
        request = request_discounts(
            session=session, identity=me, groups=list(DISCOUNTS), justification=WHY, now=start
        )
    with session_scope(engine) as session:
        decide_request(
            session=session,
            actor=reviewer,
            request_id=request.id,
            maximums={group: maximum for group, (maximum, _) in DISCOUNTS.items()},
            note="Approved for the demo partner's first year.",
            now=start + timedelta(hours=3),
        )
    for group, (_, given) in DISCOUNTS.items():
        for link, value in zip(links, given, strict=True):
            if value == "0":
                continue  # no discount is what the customer has already
            with session_scope(engine) as session:
                set_customer_discount(
                    session=session,
                    identity=me,
                    link_id=link.id,
                    group=group,
                    discount=value,
                    effective_from=local(start).date() + timedelta(days=1),
                    now=start + timedelta(hours=4),
                )
    for n, month in enumerate(_months(local(start).date(), local(now).date())):
        at = datetime(month.year, month.month, 1, 9, tzinfo=LOCAL_TZ) + timedelta(days=1)
        at = max(at, start + timedelta(hours=5))
        if at > now:
            break
        with session_scope(engine) as session:
            grant_credit(
                session=session,
                actor=finance,
                partner_id=partner_id,
                amount=20_000_000,
                reference=f"DEMO-INV-{month:%Y-%m}",
                idempotency_key=f"demo-{run}-grant-{month:%Y-%m}",
                now=at,
            )
        for k, link in enumerate(links):
            with session_scope(engine) as session:
                top_up(
                    session=session,
                    identity=me,
                    link_id=link.id,
                    amount=(2 + (n + k) % 4) * 1_000_000,
                    note="Tín dụng hằng tháng",
                    idempotency_key=f"demo-{run}-topup-{month:%Y-%m}-{link.id}",
                    limits=Limits(1, 10**12),
                    now=at + timedelta(hours=1 + k),
                )
    subs = [link.customer_sub for link in links]
    day = local(start).date() + timedelta(days=1)
    while day < local(now).date():
        rows = [
            UsageRow(day, r["customer_sub"], r["service_group"], r["quantity"], r["unit"])
            for r in daily_usage(subs, day)
        ]
        with session_scope(engine) as session:
            import_day(session, day, rows, now=now)
        day += timedelta(days=1)
    return True
