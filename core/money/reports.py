"""A partner's monthly report, aggregated in the database: revenue, discounts, credits, commission.

Revenue per customer and service group is usage × list price − discount (each
usage row was priced when imported); credits used are that revenue, charged
against the customer's credit; commission is the month's revenue at the rate
of the tier it reaches. Every figure is a SUM … GROUP BY in SQL: the page
receives a few rows per customer, never the usage rows themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlmodel import Session, col, select

from core.money.commission import commission
from core.money.ledger import TOPUP
from core.platform.clock import LOCAL_TZ
from core.platform.errors import Forbidden
from core.platform.models import CreditMovement, CustomerLink, Partner, UsageRecord
from core.platform.settings import Settings, settings_of
from core.registration.membership import require_partner

if TYPE_CHECKING:
    from core.platform.identity import Identity


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


def previous_month(first: date) -> date:
    return (first - timedelta(days=1)).replace(day=1)


@dataclass(frozen=True)
class Totals:
    gross: int = 0
    discounts: int = 0
    revenue: int = 0
    topped_up: int = 0
    commission_bp: int = 0
    commission: int = 0


@dataclass(frozen=True)
class MonthReport:
    partner: Partner
    month: date
    # (customer link id, service group, gross, discount, revenue)
    by_group: list[tuple[int, str, int, int, int]] = field(default_factory=list)
    # (customer link id, topped up, used)
    credits: list[tuple[int, int, int]] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)
    totals: Totals = Totals()
    previous: Totals = Totals()


def report_partner(session: Session, actor: Identity, partner_id: int | None) -> Partner:
    """A partner sees its own report; the partner team and finance any partner's."""
    if actor.is_team:
        partner = session.get(Partner, partner_id) if partner_id else None
        if partner is None:
            raise Forbidden()
        return partner
    partner, _ = require_partner(session, actor)
    return partner


def _usage(session: Session, partner_id: int, first: date):
    return session.exec(
        select(
            UsageRecord.link_id,
            UsageRecord.service_group,
            func.sum(UsageRecord.gross_vnd),
            func.sum(UsageRecord.discount_vnd),
        )
        .where(
            UsageRecord.partner_id == partner_id,
            col(UsageRecord.day) >= first,
            col(UsageRecord.day) < next_month(first),
        )
        .group_by(UsageRecord.link_id, UsageRecord.service_group)
        .order_by(UsageRecord.link_id, UsageRecord.service_group)
    ).all()


def _topups(session: Session, partner_id: int, first: date) -> dict[int, int]:
    start = datetime(first.year, first.month, 1, tzinfo=LOCAL_TZ)
    following = next_month(first)
    end = datetime(following.year, following.month, 1, tzinfo=LOCAL_TZ)
    rows = session.exec(
        select(CreditMovement.link_id, func.sum(CreditMovement.amount))
        .where(
            CreditMovement.partner_id == partner_id,
            CreditMovement.kind == TOPUP,
            col(CreditMovement.at) >= start,
            col(CreditMovement.at) < end,
        )
        .group_by(CreditMovement.link_id)
    ).all()
    return {link_id: int(total) for link_id, total in rows}


def _totals(usage, topups: dict[int, int], settings: Settings) -> Totals:
    gross = sum(int(g) for _, _, g, _ in usage)
    discounts = sum(int(d) for _, _, _, d in usage)
    revenue = gross - discounts
    rate, paid = commission(revenue, settings.commission_tiers)
    return Totals(gross, discounts, revenue, sum(topups.values()), rate, paid)


def month_report(
    session: Session,
    actor: Identity,
    month: date,
    *,
    partner_id: int | None = None,
    settings: Settings | None = None,
) -> MonthReport:
    settings = settings or settings_of(session)
    partner = report_partner(session, actor, partner_id)
    first = month_start(month)
    usage = _usage(session, partner.id, first)
    topups = _topups(session, partner.id, first)
    used: dict[int, int] = {}
    for link_id, _, gross, discount in usage:
        used[link_id] = used.get(link_id, 0) + int(gross) - int(discount)
    links = sorted(set(used) | set(topups))
    names = {
        link.id: link.friendly_name or link.customer_email
        for link in session.exec(
            select(CustomerLink).where(CustomerLink.partner_id == partner.id)
        ).all()
    }
    before = previous_month(first)
    return MonthReport(
        partner=partner,
        month=first,
        by_group=[
            (link_id, group, int(g), int(d), int(g) - int(d)) for link_id, group, g, d in usage
        ],
        credits=[(link_id, topups.get(link_id, 0), used.get(link_id, 0)) for link_id in links],
        names=names,
        totals=_totals(usage, topups, settings),
        previous=_totals(
            _usage(session, partner.id, before), _topups(session, partner.id, before), settings
        ),
    )


def partner_choices(session: Session, actor: Identity) -> dict[int, str]:
    """The partners whose reports the partner team (or finance) may open: those with usage
    first, the most recent usage first, then the others by partner code."""
    if not actor.is_team:
        raise Forbidden()
    latest = (
        select(UsageRecord.partner_id, func.max(UsageRecord.day).label("latest"))
        .group_by(UsageRecord.partner_id)
        .subquery()
    )
    rows = session.exec(
        select(Partner, latest.c.latest)
        .join(latest, latest.c.partner_id == Partner.id, isouter=True)
        .order_by(latest.c.latest.is_(None), latest.c.latest.desc(), col(Partner.id))
    ).all()
    return {p.id: f"{p.company} ({p.partner_code})" for p, _ in rows}


def month_to_open(session: Session, actor: Identity, partner_id: int | None, today: date) -> date:
    """The month a report opens on: the last complete month with usage; this month when
    only this month has usage or a top-up; the month before this one when there is none."""
    partner = report_partner(session, actor, partner_id)
    this_month = month_start(today)

    def latest(*where) -> date | None:
        return session.exec(
            select(func.max(UsageRecord.day)).where(UsageRecord.partner_id == partner.id, *where)
        ).one()

    if complete := latest(col(UsageRecord.day) < this_month):
        return month_start(complete)
    if latest() or _topups(session, partner.id, this_month):
        return this_month
    return previous_month(this_month)
