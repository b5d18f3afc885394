"""top-ups handed to the billing system through an outbox

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.platform.columns

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _moment(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, core.platform.columns.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "billing_delivery",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("movement_id", sa.Integer(), sa.ForeignKey("credit_movement.id"), nullable=False),
        sa.Column("link_id", sa.Integer(), sa.ForeignKey("customer_link.id"), nullable=False),
        sa.Column("customer_sub", sa.String(length=255), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _moment("created_at", nullable=False),
        _moment("next_attempt_at", nullable=False),
        _moment("claimed_until"),
        sa.Column("claimed_by", sa.String(length=120), nullable=True),
        _moment("sent_at"),
        sa.Column("billing_reference", sa.String(length=80), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index(
        "uq_billing_delivery_movement", "billing_delivery", ["movement_id"], unique=True
    )
    op.create_index(
        "ix_billing_delivery_status_next", "billing_delivery", ["status", "next_attempt_at"]
    )


def downgrade() -> None:
    op.drop_table("billing_delivery")
