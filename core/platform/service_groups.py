"""GreenNode's service groups: what partners get discounts on and what usage is billed by."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from core.platform.paths import DATA_DIR

PRICES_FILE = DATA_DIR / "prices.json"


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


@dataclass(frozen=True)
class PriceList:
    """List prices (VND per unit) per service group, in versions by effective date."""

    versions: tuple[tuple[date, dict[str, int]], ...]

    def price(self, group: str, day: date) -> int:
        """The price of ``group`` in effect on ``day`` (0 before the first version)."""
        found = 0
        for effective, prices in self.versions:
            if effective <= day and group in prices:
                found = prices[group]
        return found


def load_prices(path: Path = PRICES_FILE) -> PriceList:
    """Read and check the price list: dates ascending, every price a whole VND >= 0."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    versions = []
    for version in raw["versions"]:
        effective = date.fromisoformat(version["effective"])
        prices = version["prices"]
        if not all(
            code in SERVICE_CODES and isinstance(p, int) and not isinstance(p, bool) and p >= 0
            for code, p in prices.items()
        ):
            raise ValueError(f"{path}: a price of {effective} is not a whole VND for a group")
        versions.append((effective, dict(prices)))
    if [v[0] for v in versions] != sorted(v[0] for v in versions):
        raise ValueError(f"{path}: versions must be in date order")
    return PriceList(tuple(versions))
