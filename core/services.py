"""GreenNode's service groups: what partners get discounts on and what usage is billed by."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceGroup:
    code: str
    unit: str
    # A customer's typical use per day, for the billing simulator's demo usage.
    typical_daily: float


SERVICE_GROUPS: tuple[ServiceGroup, ...] = (
    ServiceGroup("compute", "vCPU-hour", 96.0),
    ServiceGroup("storage", "GB-day", 500.0),
    ServiceGroup("network", "GB", 40.0),
    ServiceGroup("database", "instance-hour", 24.0),
    ServiceGroup("ai_gpu", "GPU-hour", 6.0),
)
SERVICE_CODES = tuple(group.code for group in SERVICE_GROUPS)
