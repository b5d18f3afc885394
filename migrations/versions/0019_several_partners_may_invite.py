"""several partners may invite one account; it is held by one partner at a time

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "state IN ('invited', 'confirmed', 'active')"
HELD = "state IN ('confirmed', 'active')"
INVITED = "state = 'invited'"


def _index(name: str, columns: list[str], where: str) -> None:
    op.create_index(
        name,
        "customer_link",
        columns,
        unique=True,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def upgrade() -> None:
    op.drop_index("uq_customer_link_open", table_name="customer_link")
    _index("uq_customer_link_held", ["customer_sub"], HELD)
    _index("uq_customer_link_invited", ["partner_id", "customer_sub"], INVITED)


def downgrade() -> None:
    op.drop_index("uq_customer_link_invited", table_name="customer_link")
    op.drop_index("uq_customer_link_held", table_name="customer_link")
    _index("uq_customer_link_open", ["customer_sub"], OPEN)
