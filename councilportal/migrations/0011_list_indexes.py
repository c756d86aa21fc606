"""indexes behind the long lists

Revision ID: 0011_list_indexes
Revises: 0010_public_wording
Create Date: 2026-11-27 18:00:00

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0011_list_indexes'
down_revision: Union[str, Sequence[str], None] = '0010_public_wording'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index('ix_viewpoints_created', 'viewpoints', ['created_at', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_viewpoints_created', table_name='viewpoints')
