"""Rates that hold from a day until the next version: a customer's discount, a partner's
maximum, both per service group."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col

from core.platform.models import CustomerDiscount, DiscountCap
from core.platform.queries import latest


def in_effect(session: Session, value: Any, day: date, *where: Any) -> Any:
    """``value`` of the version in effect on ``day`` among the rows ``where`` selects (the
    latest that starts on or before it; None when none does)."""
    starts = value.class_.effective_from
    return latest(session, value, starts, *where, col(starts) <= day)


def discount_at(session: Session, link_id: int, group: str, day: date) -> int:
    """The customer's discount on ``group`` in effect on ``day`` (0 when none was set)."""
    link, in_group = CustomerDiscount.link_id == link_id, CustomerDiscount.service_group == group
    return in_effect(session, CustomerDiscount.discount_bp, day, link, in_group) or 0


def cap_at(session: Session, partner_id: int, group: str, day: date) -> int | None:
    """The partner's maximum on ``group`` in effect on ``day`` (None: none approved)."""
    partner, in_group = DiscountCap.partner_id == partner_id, DiscountCap.service_group == group
    return in_effect(session, DiscountCap.max_bp, day, partner, in_group)
