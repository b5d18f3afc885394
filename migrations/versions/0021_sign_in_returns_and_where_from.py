"""a sign-in started from a link returns to it; a sign-in records where it came from

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 10:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sign_in_attempt") as batch:
        batch.add_column(sa.Column("return_to", sa.String(length=500), nullable=True))
    with op.batch_alter_table("sign_in_session") as batch:
        batch.add_column(
            sa.Column("address", sa.String(length=45), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("sign_in_session") as batch:
        batch.drop_column("address")
    with op.batch_alter_table("sign_in_attempt") as batch:
        batch.drop_column("return_to")
