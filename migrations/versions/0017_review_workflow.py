"""one review workflow: discount requests keep an event log; an open decision names its subject

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.platform.columns

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONCE = "kind = 'overdue_alert'"


def upgrade() -> None:
    op.create_table(
        "discount_request_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("discount_request.id"), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=True),
        sa.Column("actor_sub", sa.String(length=255), nullable=False),
        sa.Column("actor_role", sa.String(length=16), nullable=False),
        sa.Column("at", core.platform.columns.UTCDateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index(
        "ix_discount_request_event_request_id", "discount_request_event", ["request_id"]
    )
    op.create_index(
        "uq_discount_request_event_once",
        "discount_request_event",
        ["request_id", "kind", "note"],
        unique=True,
        sqlite_where=sa.text(ONCE),
        postgresql_where=sa.text(ONCE),
    )
    # An open decision may be about any of the three subjects; a lost one is only a convenience.
    op.execute("DELETE FROM open_decision")
    op.drop_table("open_decision")
    op.create_table(
        "open_decision",
        sa.Column("actor_sub", sa.String(length=255), primary_key=True),
        sa.Column("subject", sa.String(length=40), nullable=False, server_default="application"),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("approve", sa.Boolean(), nullable=False),
        sa.Column("opened_at", core.platform.columns.UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("open_decision")
    op.create_table(
        "open_decision",
        sa.Column("actor_sub", sa.String(length=255), primary_key=True),
        sa.Column("application_id", sa.Integer(), sa.ForeignKey("application.id"), nullable=False),
        sa.Column("approve", sa.Boolean(), nullable=False),
        sa.Column("opened_at", core.platform.columns.UTCDateTime(), nullable=False),
    )
    op.drop_index("uq_discount_request_event_once", table_name="discount_request_event")
    op.drop_index("ix_discount_request_event_request_id", table_name="discount_request_event")
    op.drop_table("discount_request_event")
