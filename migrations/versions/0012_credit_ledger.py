"""credit movements and their double-entry ledger, append-only

Every movement of credit (a finance grant to a partner, a partner's top-up of
a customer) is one ``credit_movement`` row and two ``ledger_entry`` rows that
sum to zero; balances are sums of entries. The database refuses to update or
delete either table (triggers on SQLite and PostgreSQL), so history can only
grow.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.platform.columns

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("credit_movement", "ledger_entry")


def _append_only(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        for verb in ("update", "delete"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse_change_of_money()"
            )
        return
    for verb in ("update", "delete"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )


def upgrade() -> None:
    op.create_table(
        "credit_movement",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("idempotency_key", sa.String(length=80), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id"), nullable=False),
        sa.Column("link_id", sa.Integer(), sa.ForeignKey("customer_link.id"), nullable=True),
        sa.Column("customer_sub", sa.String(length=255), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reference", sa.String(length=80), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("actor_sub", sa.String(length=255), nullable=False),
        sa.Column("at", core.platform.columns.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index("uq_credit_movement_key", "credit_movement", ["idempotency_key"], unique=True)
    op.create_index("ix_credit_movement_partner", "credit_movement", ["partner_id", "at"])
    op.create_table(
        "ledger_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("movement_id", sa.Integer(), sa.ForeignKey("credit_movement.id"), nullable=False),
        sa.Column("account", sa.String(length=80), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("at", core.platform.columns.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_ledger_entry_movement_id", "ledger_entry", ["movement_id"])
    op.create_index("ix_ledger_entry_account", "ledger_entry", ["account", "id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION refuse_change_of_money() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
    for table in APPEND_ONLY:
        _append_only(table)


def downgrade() -> None:
    for table in APPEND_ONLY:
        for verb in ("update", "delete"):
            op.execute(
                f"DROP TRIGGER IF EXISTS {table}_no_{verb}"
                + (f" ON {table}" if op.get_bind().dialect.name == "postgresql" else "")
            )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS refuse_change_of_money()")
    op.drop_table("ledger_entry")
    op.drop_table("credit_movement")
