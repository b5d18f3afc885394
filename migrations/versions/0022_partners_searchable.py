"""partners are searched by partner ID, company and contact address

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 11:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.platform.search import partner_search_text

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("partner") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    bind = op.get_bind()
    partner = sa.table(
        "partner",
        sa.column("id", sa.Integer),
        sa.column("partner_code", sa.String),
        sa.column("company", sa.String),
        sa.column("contact_email", sa.String),
        sa.column("search_text", sa.Text),
    )
    rows = bind.execute(
        sa.select(partner.c.id, partner.c.partner_code, partner.c.company, partner.c.contact_email)
    ).all()
    for row in rows:
        bind.execute(
            partner.update()
            .where(partner.c.id == row.id)
            .values(
                search_text=partner_search_text(row.partner_code, row.company, row.contact_email)
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("partner") as batch:
        batch.drop_column("search_text")
