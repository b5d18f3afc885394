"""a sign-in keeps the provider's merged claims and its ID token on the server

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sign_in_session") as batch:
        batch.add_column(sa.Column("claims", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("id_token", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sign_in_session") as batch:
        batch.drop_column("id_token")
        batch.drop_column("claims")
