"""Partner commission: the rate a month's revenue reaches, in tiers configured by COMMISSION_TIERS
(parsed and checked once, at start, by core.platform.settings.parse_tiers)."""

from __future__ import annotations

from core.platform.settings import CommissionTier


def commission(revenue_vnd: int, tiers: tuple[CommissionTier, ...]) -> tuple[int, int]:
    """(rate in basis points, commission in VND): the tier the month's revenue reaches."""
    rate = 0
    for tier in tiers:
        if revenue_vnd >= tier.from_vnd:
            rate = tier.rate_bp
    return rate, revenue_vnd * rate // 10_000
