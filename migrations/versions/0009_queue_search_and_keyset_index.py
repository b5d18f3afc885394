"""a folded search text per application and one index that serves the queue's pages

The review queue pages, counts and searches in the database: ``search_text``
holds the email and company with case and diacritics folded (kept on every
write), and ``ix_application_queue`` orders pending applications by due time
then id and carries the submission time the age chart groups by.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.platform.search import application_search_text

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 10_000


def upgrade() -> None:
    with op.batch_alter_table("application") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    table = sa.table(
        "application",
        sa.column("id", sa.Integer),
        sa.column("email", sa.String),
        sa.column("company", sa.String),
        sa.column("search_text", sa.Text),
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(table.c.id, table.c.email, table.c.company)
            .where(table.c.id > last)
            .order_by(table.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        conn.execute(
            table.update().where(table.c.id == sa.bindparam("row_id")),
            [
                {"row_id": i, "search_text": application_search_text(email, company)}
                for i, email, company in rows
            ],
        )
        last = rows[-1][0]
    op.create_index(
        "ix_application_queue", "application", ["state", "due_at", "id", "submitted_at"]
    )
    op.drop_index("ix_application_state_due", table_name="application")


def downgrade() -> None:
    op.create_index("ix_application_state_due", "application", ["state", "due_at"])
    op.drop_index("ix_application_queue", table_name="application")
    with op.batch_alter_table("application") as batch:
        batch.drop_column("search_text")
