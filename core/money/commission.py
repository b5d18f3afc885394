"""Partner commission: the rate a month's revenue reaches, in tiers configured by COMMISSION_TIERS."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CommissionTier:
    from_vnd: int
    rate_bp: int


def commission_tiers(text: str) -> tuple[CommissionTier, ...]:
    """ "0:5,50000000:8" -> from 0 VND of monthly revenue 5 %, from 50,000,000 VND 8 %."""
    tiers = []
    for part in text.split(","):
        start, _, rate = part.strip().partition(":")
        tiers.append(CommissionTier(int(start), round(float(rate) * 100)))
    return tuple(sorted(tiers, key=lambda tier: tier.from_vnd))


def commission(revenue_vnd: int, tiers: tuple[CommissionTier, ...]) -> tuple[int, int]:
    """(rate in basis points, commission in VND): the tier the month's revenue reaches."""
    rate = 0
    for tier in tiers:
        if revenue_vnd >= tier.from_vnd:
            rate = tier.rate_bp
    return rate, revenue_vnd * rate // 10_000
