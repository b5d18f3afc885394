"""Import billing's daily usage of partners' customers, once per day, priced on import.

A day is imported once: its ``usage_import`` row is written with its usage
rows in one transaction, so two workers importing the same day write it once
(the second finds the day taken and stops). Only usage of an account that was
a partner's active customer that day is kept; each row carries the list
price and the customer's discount in effect that day. A row that fails
validation (a quantity that is not a finite number, a name that is not text, an
unknown service group) is held aside with its reason on the day's import row and
reported; the day's other rows are imported.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.money.billing import BillingSystem, BillingUnavailable, HeldRow, UsageRow
from core.platform.clock import LOCAL_TZ, local, utcnow
from core.platform.errors import Forbidden
from core.platform.identity import Identity
from core.platform.models import (
    CustomerDiscount,
    CustomerLink,
    LinkState,
    UsageImport,
    UsageRecord,
)
from core.platform.service_groups import SERVICE_CODES, PriceList, load_prices

log = logging.getLogger("usage")
MAX_DAYS_PER_RUN = 31
# Held-aside rows kept with their reason per day (the count is always whole).
HELD_KEPT = 100


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=LOCAL_TZ)
    return start, start + timedelta(days=1)


def links_on(session: Session, day: date) -> dict[str, CustomerLink]:
    """Each customer account's link that was active during ``day``, in one query."""
    start, end = _day_bounds(day)
    links = session.exec(
        select(CustomerLink)
        .where(
            col(CustomerLink.active_since).is_not(None),
            col(CustomerLink.active_since) < end,
            or_(col(CustomerLink.closed_at).is_(None), col(CustomerLink.closed_at) > start),
            col(CustomerLink.state).in_((LinkState.ACTIVE, LinkState.ENDED)),
        )
        .order_by(col(CustomerLink.id))
    ).all()
    found: dict[str, CustomerLink] = {}
    for link in links:
        found.setdefault(link.customer_sub, link)
    return found


def discounts_on(session: Session, day: date) -> dict[tuple[int, str], int]:
    """Every (link, service group) discount in effect on ``day``, in one query: the newest
    version starting on or before it (as ``partners.rates.discount_at`` reads one)."""
    rows = session.exec(
        select(
            CustomerDiscount.link_id, CustomerDiscount.service_group, CustomerDiscount.discount_bp
        )
        .where(col(CustomerDiscount.effective_from) <= day)
        .order_by(col(CustomerDiscount.effective_from), col(CustomerDiscount.id))
    ).all()
    return {(link_id, group): bp for link_id, group, bp in rows}  # the newest is written last


def priced(
    row: UsageRow, link: CustomerLink, discount_bp: int, prices: PriceList, now: datetime
) -> dict:
    """The ``usage_record`` row for ``row``: its price that day and the customer's discount."""
    quantity_milli = round(row.quantity * 1000)
    unit_price = prices.price(row.service_group, row.day)
    gross = quantity_milli * unit_price // 1000
    return {
        "day": row.day,
        "customer_sub": row.customer_sub,
        "partner_id": link.partner_id,
        "link_id": link.id,
        "service_group": row.service_group,
        "quantity_milli": quantity_milli,
        "unit": row.unit,
        "unit_price_vnd": unit_price,
        "discount_bp": discount_bp,
        "gross_vnd": gross,
        "discount_vnd": gross * discount_bp // 10_000,
        "imported_at": now,
    }


def import_day(
    session: Session,
    day: date,
    rows: list[UsageRow | HeldRow],
    *,
    prices: PriceList | None = None,
    now: datetime | None = None,
) -> int | None:
    """Write one day's usage; None when that day was imported already (by anyone)."""
    now = now or utcnow()
    prices = prices or load_prices()
    if session.get(UsageImport, day) is not None:
        return None
    kept, held = [], []
    links, discounts = links_on(session, day), discounts_on(session, day)
    for row in rows:
        if isinstance(row, UsageRow) and row.service_group not in SERVICE_CODES:
            row = HeldRow(day, "service_group: not a GreenNode service group", row.service_group)
        if isinstance(row, HeldRow) or row.day != day:
            held.append(row if isinstance(row, HeldRow) else HeldRow(day, "day: not this day", ""))
            continue
        link = links.get(row.customer_sub)
        if link is not None:
            discount = discounts.get((link.id, row.service_group), 0)
            kept.append(priced(row, link, discount, prices, now))
    if held:
        log.warning("usage of %s: %d rows held aside (%s)", day, len(held), held[0].reason)
    try:
        with session.begin_nested():
            session.add(
                UsageImport(
                    day=day,
                    rows=len(kept),
                    imported_at=now,
                    held=len(held),
                    held_rows=[{"reason": h.reason, "row": h.raw} for h in held[:HELD_KEPT]],
                )
            )
            session.flush()
            if kept:  # one statement for the day's rows (executemany), not an object each
                session.execute(insert(UsageRecord), kept)
    except IntegrityError:
        return None
    return len(kept)


def days_to_import(session: Session, today: date) -> list[date]:
    """Days up to yesterday not imported yet, from the first day a customer link was active."""
    first_active = session.exec(select(func.min(CustomerLink.active_since))).one()
    if first_active is None:
        return []
    last = session.exec(select(func.max(UsageImport.day))).one()
    start = (last + timedelta(days=1)) if last else local(first_active).date()
    days = []
    day = start
    while day < today and len(days) < MAX_DAYS_PER_RUN:
        days.append(day)
        day += timedelta(days=1)
    return days


def import_usage(*, session: Session, billing: BillingSystem, now: datetime | None = None) -> int:
    """The worker's daily job: import each missing day; stops quietly if billing is down."""
    now = now or utcnow()
    imported = 0
    for day in days_to_import(session, local(now).date()):
        try:
            rows = billing.daily_usage(day)
        except BillingUnavailable as error:
            log.warning("usage of %s not imported now: %s", day, error)
            break
        if import_day(session, day, rows, now=now) is not None:
            imported += 1
    return imported


def held_usage(session: Session, actor: Identity, limit: int = 60) -> list[UsageImport]:
    """Finance: the imported days with rows held aside, newest first."""
    if not actor.is_finance:
        raise Forbidden()
    return list(
        session.exec(
            select(UsageImport)
            .where(col(UsageImport.held) > 0)
            .order_by(col(UsageImport.day).desc())
            .limit(limit)
        ).all()
    )
