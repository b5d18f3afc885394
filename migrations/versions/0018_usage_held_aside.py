"""usage rows that fail validation are held aside with their reason, the rest imported

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("usage_import") as batch:
        batch.add_column(sa.Column("held", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("held_rows", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("usage_import") as batch:
        batch.drop_column("held_rows")
        batch.drop_column("held")
