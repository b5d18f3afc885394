"""The cap rule: no customer's discount is ever above the partner's maximum in force that day.

A maximum (``DiscountCap``) and a customer's discount (``CustomerDiscount``) are both
versions with the day they take effect from; each holds until the next version. The rule
holds on every day, not only on the day something is set: whenever a maximum or a
discount is written, every day from then on where a maximum starts, or a discount
version starts, is looked at, and a discount above the maximum in force there gets a
version of its own (cause ``cap``) from that day, at the maximum. ``discount_check``
proves the rule over the whole history.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from core.partners.rates import cap_at, discount_at
from core.platform.models import CustomerDiscount, CustomerLink, DiscountCap

# Who a version written by the rule itself is set by.
RULE = "system"


def enforce_caps(
    session: Session,
    partner_id: int,
    group: str,
    since: date,
    *,
    by: str,
    now: datetime,
    link_ids: Iterable[int] | None = None,
) -> int:
    """Cap every discount of the partner's customers (or of ``link_ids``) on ``group`` that
    is above the maximum in force on some day from ``since`` on; returns how many versions
    that wrote."""
    if link_ids is None:
        link_ids = session.exec(
            select(CustomerLink.id).where(CustomerLink.partner_id == partner_id)
        ).all()
    cap_days = set(
        session.exec(
            select(DiscountCap.effective_from).where(
                DiscountCap.partner_id == partner_id,
                DiscountCap.service_group == group,
                col(DiscountCap.effective_from) > since,
            )
        ).all()
    )
    capped = 0
    for link_id in link_ids:
        version_days = session.exec(
            select(CustomerDiscount.effective_from).where(
                CustomerDiscount.link_id == link_id,
                CustomerDiscount.service_group == group,
                col(CustomerDiscount.effective_from) > since,
            )
        ).all()
        for day in sorted({since} | cap_days | set(version_days)):
            current = discount_at(session, link_id, group, day)
            maximum = cap_at(session, partner_id, group, day) or 0
            if current > maximum:
                session.add(
                    CustomerDiscount(
                        partner_id=partner_id,
                        link_id=link_id,
                        service_group=group,
                        discount_bp=maximum,
                        previous_bp=current,
                        effective_from=day,
                        cause="cap",
                        set_by=by,
                        at=now,
                    )
                )
                session.flush()
                capped += 1
    return capped


@dataclass(frozen=True)
class CapBreach:
    """A day on which a customer's discount stood above the partner's maximum."""

    link_id: int
    group: str
    day: date
    discount_bp: int
    maximum_bp: int | None


def discount_check(session: Session) -> tuple[int, list[CapBreach]]:
    """Every customer's discount on every day it holds, against the maximum in force that
    day: (how many discount versions were looked at, the breaches)."""
    caps: dict[tuple[int, str], list[tuple[date, int, int]]] = defaultdict(list)
    for partner_id, group, day, cap_id, bp in session.exec(
        select(
            DiscountCap.partner_id,
            DiscountCap.service_group,
            DiscountCap.effective_from,
            DiscountCap.id,
            DiscountCap.max_bp,
        )
    ).all():
        caps[(partner_id, group)].append((day, cap_id, bp))
    versions: dict[tuple[int, int, str], list[tuple[date, int, int]]] = defaultdict(list)
    rows = session.exec(
        select(
            CustomerDiscount.partner_id,
            CustomerDiscount.link_id,
            CustomerDiscount.service_group,
            CustomerDiscount.effective_from,
            CustomerDiscount.id,
            CustomerDiscount.discount_bp,
        )
    ).all()
    for partner_id, link_id, group, day, version_id, bp in rows:
        versions[(partner_id, link_id, group)].append((day, version_id, bp))
    breaches = []
    for (partner_id, link_id, group), own in versions.items():
        own.sort()
        maxima = sorted(caps.get((partner_id, group), []))
        days = sorted({day for day, _, _ in own} | {day for day, _, _ in maxima})
        for day in days:
            discount = _in_force(own, day)
            if discount is None or discount == 0:
                continue
            maximum = _in_force(maxima, day)
            if maximum is None or discount > maximum:
                breaches.append(CapBreach(link_id, group, day, discount, maximum))
    return len(rows), breaches


def _in_force(versions: list[tuple[date, int, int]], day: date) -> int | None:
    """The value of the newest version (by day, then by id) that starts on or before ``day``."""
    index = bisect_right(versions, (day, float("inf"), 0))
    return versions[index - 1][2] if index else None
