"""`python -m benchmarks.usage_import [--customers 1000,10000,100000]`: one day of usage.

For each size, a fresh SQLite database gets one approved partner
with that many active customers, each with a discount on one service group,
and one day of billing's usage: every customer on every service group. Prints
the seconds ``import_day`` takes to validate, match, price and write it, and
the rows written.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from core.money.billing import UsageRow
from core.money.usage import import_day
from core.platform.clock import LOCAL_TZ
from core.platform.db import engine_for, session_scope
from core.platform.migrate import upgrade
from core.platform.models import CustomerDiscount, CustomerLink, LinkState
from core.platform.service_groups import SERVICE_GROUPS
from tests.factories import approved_partner

DAY = date(2026, 11, 30)
PARTNER = "partner@reseller.example"


def build(url: str, customers: int) -> None:
    upgrade(url)
    engine = engine_for(url)
    partner = approved_partner(engine, PARTNER)
    since = datetime(2026, 10, 1, tzinfo=LOCAL_TZ)
    links = [
        {
            "partner_id": 1,
            "customer_sub": f"bench-customer-{n}@scale.example",
            "customer_email": f"bench-customer-{n}@scale.example",
            "state": LinkState.ACTIVE,
            "needs_approval": False,
            "invited_by": partner.account_sub,
            "invited_at": since,
            "expires_at": since + timedelta(days=14),
            "active_since": since,
        }
        for n in range(customers)
    ]
    with engine.begin() as connection:
        connection.execute(insert(CustomerLink), links)
        connection.execute(
            insert(CustomerDiscount),
            [
                {
                    "partner_id": 1,
                    "link_id": n + 1,
                    "service_group": "compute",
                    "discount_bp": 500,
                    "effective_from": date(2026, 10, 1),
                    "set_by": partner.account_sub,
                    "at": since,
                }
                for n in range(customers)
            ],
        )


def usage(customers: int) -> list[UsageRow]:
    return [
        UsageRow(DAY, f"bench-customer-{n}@scale.example", group.code, 10.5, group.unit)
        for n in range(customers)
        for group in SERVICE_GROUPS
    ]


def measure(customers: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as workdir:
        url = f"sqlite:///{Path(workdir) / 'usage.db'}"
        build(url, customers)
        rows = usage(customers)
        started = time.perf_counter()
        with session_scope(engine_for(url)) as session:
            written = import_day(session, DAY, rows)
            session.commit()
        seconds = time.perf_counter() - started
        engine_for(url).dispose()
    return seconds, written or 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", default="1000,10000,100000")
    sizes = [int(n) for n in parser.parse_args().customers.split(",")]
    print("| customers | usage rows | import_day s |")
    print("| --- | --- | --- |")
    for customers in sizes:
        seconds, written = measure(customers)
        print(f"| {customers:,} | {written:,} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
