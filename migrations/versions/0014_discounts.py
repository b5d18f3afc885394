"""discounts: partners' requests, approved maximums and customers' discounts, as versions

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.platform.columns

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("discount_cap", "customer_discount")


def _moment(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, core.platform.columns.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "discount_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id"), nullable=False),
        sa.Column("service_groups", sa.JSON(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("submitted_by", sa.String(length=255), nullable=False),
        _moment("submitted_at", nullable=False),
        _moment("due_at", nullable=False),
        sa.Column("assigned_to", sa.String(length=255), nullable=True),
        _moment("assigned_at"),
        _moment("decided_at"),
        sa.Column("decided_by", sa.String(length=255), nullable=True),
        sa.Column("decision", sa.JSON(), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_discount_request_queue", "discount_request", ["state", "due_at", "id"])
    op.create_index(
        "ix_discount_request_partner", "discount_request", ["partner_id", "submitted_at"]
    )
    op.create_index(
        "uq_discount_request_open",
        "discount_request",
        ["partner_id"],
        unique=True,
        sqlite_where=sa.text("state = 'pending'"),
        postgresql_where=sa.text("state = 'pending'"),
    )
    op.create_table(
        "discount_cap",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id"), nullable=False),
        sa.Column("service_group", sa.String(length=40), nullable=False),
        sa.Column("max_bp", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("discount_request.id"), nullable=True),
        sa.Column("set_by", sa.String(length=255), nullable=False),
        _moment("at", nullable=False),
    )
    op.create_index(
        "ix_discount_cap_partner", "discount_cap", ["partner_id", "service_group", "id"]
    )
    op.create_table(
        "customer_discount",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id"), nullable=False),
        sa.Column("link_id", sa.Integer(), sa.ForeignKey("customer_link.id"), nullable=False),
        sa.Column("service_group", sa.String(length=40), nullable=False),
        sa.Column("discount_bp", sa.Integer(), nullable=False),
        sa.Column("previous_bp", sa.Integer(), nullable=True),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("cause", sa.String(length=16), nullable=False),
        sa.Column("set_by", sa.String(length=255), nullable=False),
        _moment("at", nullable=False),
    )
    op.create_index(
        "ix_customer_discount_link",
        "customer_discount",
        ["link_id", "service_group", "effective_from", "id"],
    )
    op.create_index("ix_customer_discount_partner", "customer_discount", ["partner_id", "id"])
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        for verb in ("update", "delete"):
            if dialect == "postgresql":
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_change_of_money()"
                )
            else:
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )


def downgrade() -> None:
    op.drop_table("customer_discount")
    op.drop_table("discount_cap")
    op.drop_table("discount_request")
