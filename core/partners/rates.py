"""The discount a customer has on a service group on a given day."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from core.platform.models import CustomerDiscount


def discount_at(session: Session, link_id: int, group: str, day: date) -> int:
    """The customer's discount on ``group`` in effect on ``day`` (0 when none was set)."""
    found = session.exec(
        select(CustomerDiscount.discount_bp)
        .where(
            CustomerDiscount.link_id == link_id,
            CustomerDiscount.service_group == group,
            col(CustomerDiscount.effective_from) <= day,
        )
        .order_by(col(CustomerDiscount.effective_from).desc(), col(CustomerDiscount.id).desc())
    ).first()
    return found or 0
