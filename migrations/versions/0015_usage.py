"""usage imported from billing, priced on import, for the partners' monthly reports

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.platform.columns

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "usage_record",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("customer_sub", sa.String(length=255), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id"), nullable=False),
        sa.Column("link_id", sa.Integer(), sa.ForeignKey("customer_link.id"), nullable=False),
        sa.Column("service_group", sa.String(length=40), nullable=False),
        sa.Column("quantity_milli", sa.BigInteger(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("unit_price_vnd", sa.Integer(), nullable=False),
        sa.Column("discount_bp", sa.Integer(), nullable=False),
        sa.Column("gross_vnd", sa.BigInteger(), nullable=False),
        sa.Column("discount_vnd", sa.BigInteger(), nullable=False),
        sa.Column("imported_at", core.platform.columns.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "uq_usage_record_day", "usage_record", ["day", "customer_sub", "service_group"], unique=True
    )
    op.create_index("ix_usage_record_partner_day", "usage_record", ["partner_id", "day"])
    op.create_table(
        "usage_import",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported_at", core.platform.columns.UTCDateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("usage_import")
    op.drop_table("usage_record")
