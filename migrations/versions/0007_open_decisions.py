"""decision dialogs a reviewer has open, so that another app server can reopen them

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 14:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import core.platform.columns

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "open_decision",
        sa.Column("actor_sub", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("approve", sa.Boolean(), nullable=False),
        sa.Column("opened_at", core.platform.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["application.id"]),
        sa.PrimaryKeyConstraint("actor_sub"),
    )


def downgrade() -> None:
    op.drop_table("open_decision")
