"""a partner's customers: customer links and their event log

A partner registers customer accounts; each invitation is a ``customer_link``
(invited → confirmed → active | rejected; or declined, expired, cancelled,
ended) with its own append-only ``customer_link_event`` log. A customer
account holds at most one open or active link across all partners.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.platform.columns

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_LINK = "state IN ('invited', 'confirmed', 'active')"
LINK_ONCE = "kind IN ('invitation_reminder', 'overdue_alert')"


def _moment(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, core.platform.columns.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "customer_link",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id"), nullable=False),
        sa.Column("customer_sub", sa.String(length=255), nullable=False),
        sa.Column("customer_email", sa.String(length=320), nullable=False),
        sa.Column("customer_company", sa.String(length=300), nullable=False),
        sa.Column("friendly_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("customer_language", sa.String(length=2), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("needs_approval", sa.Boolean(), nullable=False),
        sa.Column("invited_by", sa.String(length=255), nullable=False),
        _moment("invited_at", nullable=False),
        _moment("expires_at", nullable=False),
        _moment("confirmed_at"),
        _moment("due_at"),
        sa.Column("assigned_to", sa.String(length=255), nullable=True),
        _moment("assigned_at"),
        _moment("decided_at"),
        sa.Column("decided_by", sa.String(length=255), nullable=True),
        sa.Column("reason_code", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _moment("active_since"),
        _moment("closed_at"),
        sa.Column("demo", sa.Boolean(), nullable=False),
    )
    op.create_index(
        "uq_customer_link_open",
        "customer_link",
        ["customer_sub"],
        unique=True,
        sqlite_where=sa.text(OPEN_LINK),
        postgresql_where=sa.text(OPEN_LINK),
    )
    op.create_index(
        "ix_customer_link_partner", "customer_link", ["partner_id", "state", "invited_at"]
    )
    op.create_index("ix_customer_link_queue", "customer_link", ["state", "due_at", "id"])
    op.create_index(
        "ix_customer_link_assigned", "customer_link", ["assigned_to", "state", "due_at"]
    )
    op.create_index("ix_customer_link_expiry", "customer_link", ["state", "expires_at"])
    op.create_table(
        "customer_link_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("link_id", sa.Integer(), sa.ForeignKey("customer_link.id"), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=True),
        sa.Column("actor_sub", sa.String(length=255), nullable=False),
        sa.Column("actor_role", sa.String(length=16), nullable=False),
        _moment("at", nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index(
        "ix_customer_link_event_link_id", "customer_link_event", ["link_id"], unique=False
    )
    op.create_index(
        "uq_customer_link_event_once",
        "customer_link_event",
        ["link_id", "kind", "note"],
        unique=True,
        sqlite_where=sa.text(LINK_ONCE),
        postgresql_where=sa.text(LINK_ONCE),
    )


def downgrade() -> None:
    op.drop_table("customer_link_event")
    op.drop_table("customer_link")
