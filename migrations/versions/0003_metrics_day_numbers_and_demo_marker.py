"""metrics day numbers and demo marker

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 08:45:43.628742
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.platform.columns import UTCDateTime
from core.platform.sqltime import local_day

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (not batch mode): SQLite supports it for these columns,
    # and recreating tables would trip the foreign keys that point at them.
    op.add_column(
        "account", sa.Column("demo", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column(
        "application",
        sa.Column("submitted_day", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column(
        "application", sa.Column("due_day", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("application", sa.Column("decided_day", sa.Integer(), nullable=True))
    op.add_column(
        "application", sa.Column("demo", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.create_index("ix_application_decided_at", "application", ["decided_at"])
    op.create_index("ix_application_submitted_at", "application", ["submitted_at"])
    op.create_index(
        "ix_application_submitted_metrics",
        "application",
        ["submitted_day", "state", "working_days_to_decision"],
    )
    op.create_index(
        "ix_application_decided_metrics",
        "application",
        [
            "decided_day",
            "state",
            "decided_by",
            "working_days_to_decision",
            "decided_at",
            "due_at",
            "due_day",
        ],
    )
    op.create_index("ix_application_due_day", "application", ["due_day"])

    # Existing rows get their local day numbers from their timestamps.
    application = sa.table(
        "application",
        sa.column("submitted_at", UTCDateTime()),
        sa.column("due_at", UTCDateTime()),
        sa.column("decided_at", UTCDateTime()),
        sa.column("submitted_day", sa.Integer()),
        sa.column("due_day", sa.Integer()),
        sa.column("decided_day", sa.Integer()),
    )
    op.execute(
        application.update().values(
            submitted_day=local_day(application.c.submitted_at),
            due_day=local_day(application.c.due_at),
            decided_day=sa.case(
                (application.c.decided_at.is_(None), None),
                else_=local_day(application.c.decided_at),
            ),
        )
    )


def downgrade() -> None:
    for index in (
        "ix_application_due_day",
        "ix_application_decided_metrics",
        "ix_application_submitted_metrics",
        "ix_application_submitted_at",
        "ix_application_decided_at",
    ):
        op.drop_index(index, table_name="application")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_column("demo")
        batch_op.drop_column("decided_day")
        batch_op.drop_column("due_day")
        batch_op.drop_column("submitted_day")
    op.drop_column("account", "demo")
