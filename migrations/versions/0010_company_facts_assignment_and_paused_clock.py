"""company facts, assignment, the paused SLA clock and once-only alerts

Applications carry the company facts the applicant confirmed (legal name, tax
code, website, partner type, phone, description); an owner (``assigned_to``)
replaces the short-lived "in review" mark; ``info_requested`` joins the active
states, with the time waited for the applicant kept apart (``paused_at``,
``paused_working_days``). Accounts remember their partner-team roles. Emails
that belong to no event (a daily digest) are made once only by a
``dedupe_key``; an event's email is once per recipient.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.platform.columns

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_ACTIVE = "state IN ('pending', 'approved')"
NEW_ACTIVE = "state IN ('pending', 'info_requested', 'approved')"
OLD_ONCE = "kind = 'terms_notice'"
NEW_ONCE = "kind IN ('terms_notice', 'info_reminder', 'overdue_alert')"


def _text(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=False, server_default="")


def _active_index(batch, where: str) -> None:
    batch.create_index(
        "uq_application_active_account",
        ["account_sub"],
        unique=True,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def upgrade() -> None:
    with op.batch_alter_table("account") as batch:
        batch.add_column(_text("staff_roles", 60))
    with op.batch_alter_table("application") as batch:
        batch.drop_index("uq_application_active_account")
        for name, length in (
            ("legal_name", 200),
            ("tax_code", 14),
            ("website", 200),
            ("partner_type", 40),
            ("business_phone", 20),
        ):
            batch.add_column(_text(name, length))
        batch.add_column(sa.Column("description", sa.Text(), nullable=True))
        batch.add_column(sa.Column("assigned_to", sa.String(length=255), nullable=True))
        batch.add_column(
            sa.Column(
                "assigned_at", core.platform.columns.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch.add_column(
            sa.Column("paused_at", core.platform.columns.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(
            sa.Column("paused_working_days", sa.Float(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("info_requests", sa.Integer(), nullable=False, server_default="0")
        )
        batch.drop_column("in_review_until")
        batch.drop_column("in_review_since")
        batch.drop_column("in_review_by")
    with op.batch_alter_table("application") as batch:
        _active_index(batch, NEW_ACTIVE)
        batch.create_index(
            "ix_application_assigned", ["assigned_to", "state", "due_at", "id"], unique=False
        )
        batch.create_index("ix_application_tax_code", ["tax_code"], unique=False)
    with op.batch_alter_table("application_event") as batch:
        batch.drop_index("uq_event_terms_notice")
        batch.create_index(
            "uq_event_once",
            ["application_id", "kind", "note"],
            unique=True,
            sqlite_where=sa.text(NEW_ONCE),
            postgresql_where=sa.text(NEW_ONCE),
        )
    with op.batch_alter_table("outbox_message") as batch:
        batch.alter_column("event_id", existing_type=sa.Integer(), nullable=True)
        batch.alter_column("application_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("dedupe_key", sa.String(length=160), nullable=True))
        batch.drop_constraint("uq_outbox_event_kind", type_="unique")
        batch.create_unique_constraint(
            "uq_outbox_event_kind", ["event_id", "kind", "recipient_sub"]
        )
        batch.create_index("uq_outbox_dedupe_key", ["dedupe_key"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_index("uq_outbox_dedupe_key")
        batch.drop_constraint("uq_outbox_event_kind", type_="unique")
        batch.create_unique_constraint("uq_outbox_event_kind", ["event_id", "kind"])
        batch.drop_column("dedupe_key")
    with op.batch_alter_table("application_event") as batch:
        batch.drop_index("uq_event_once")
        batch.create_index(
            "uq_event_terms_notice",
            ["application_id", "note"],
            unique=True,
            sqlite_where=sa.text(OLD_ONCE),
            postgresql_where=sa.text(OLD_ONCE),
        )
    with op.batch_alter_table("application") as batch:
        batch.drop_index("ix_application_tax_code")
        batch.drop_index("ix_application_assigned")
        batch.drop_index("uq_application_active_account")
        batch.add_column(sa.Column("in_review_by", sa.String(length=255), nullable=True))
        batch.add_column(
            sa.Column(
                "in_review_since", core.platform.columns.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch.add_column(
            sa.Column(
                "in_review_until", core.platform.columns.UTCDateTime(timezone=True), nullable=True
            )
        )
        for name in (
            "info_requests",
            "paused_working_days",
            "paused_at",
            "assigned_at",
            "assigned_to",
            "description",
            "business_phone",
            "partner_type",
            "website",
            "tax_code",
            "legal_name",
        ):
            batch.drop_column(name)
    with op.batch_alter_table("application") as batch:
        _active_index(batch, OLD_ACTIVE)
    with op.batch_alter_table("account") as batch:
        batch.drop_column("staff_roles")
