"""partners and terms notices

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 08:56:30.309001
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import core.platform.columns

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_sub", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("partner_code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column(
            "partner_since", core.platform.columns.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("company", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("contact_email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("contact_phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("terms_version", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("terms_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("terms_language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column(
            "terms_accepted_at", core.platform.columns.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("updated_at", core.platform.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_sub"],
            ["account.sub"],
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_sub"),
        sa.UniqueConstraint("partner_code"),
    )
    with op.batch_alter_table("application_event", schema=None) as batch_op:
        batch_op.create_index(
            "uq_event_terms_notice",
            ["application_id", "note"],
            unique=True,
            sqlite_where=sa.text("kind = 'terms_notice'"),
            postgresql_where=sa.text("kind = 'terms_notice'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("application_event", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_event_terms_notice",
            sqlite_where=sa.text("kind = 'terms_notice'"),
            postgresql_where=sa.text("kind = 'terms_notice'"),
        )

    op.drop_table("partner")
