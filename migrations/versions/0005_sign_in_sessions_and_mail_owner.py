"""server-side sign-in sessions; the verified account each email is for

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import core.platform.columns

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_session",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("account_sub", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("provider", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("issued_at", core.platform.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("first_seen", core.platform.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen", core.platform.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("user_agent", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("ended_at", core.platform.columns.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ended_reason", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_sign_in_session_account", "sign_in_session", ["account_sub", "first_seen"])
    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(
            sa.Column(
                "recipient_sub",
                sqlmodel.sql.sqltypes.AutoString(length=255),
                nullable=False,
                server_default="",
            )
        )
        batch.add_column(
            sa.Column(
                "send_started_at", core.platform.columns.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch.create_index("ix_outbox_recipient_started", ["recipient", "send_started_at"])
    op.execute(
        "UPDATE outbox_message SET recipient_sub = "
        "(SELECT account_sub FROM application WHERE application.id = outbox_message.application_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_index("ix_outbox_recipient_started")
        batch.drop_column("send_started_at")
        batch.drop_column("recipient_sub")
    op.drop_index("ix_sign_in_session_account", table_name="sign_in_session")
    op.drop_table("sign_in_session")
