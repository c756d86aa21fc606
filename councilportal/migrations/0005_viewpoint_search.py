"""viewpoint full-text search index and overdue reminders

Revision ID: 0005_viewpoint_search
Revises: 0003_viewpoints
Create Date: 2026-11-24 19:45:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0005_viewpoint_search'
down_revision: Union[str, Sequence[str], None] = '0003_viewpoints'
branch_labels: Union[str, Sequence[str], None] = ()
depends_on: Union[str, Sequence[str], None] = None

# The same expression as queries.SEARCH_DOCUMENT, so that searches use the index.
SEARCH_DOCUMENT = "to_tsvector('swedish'::regconfig, (title::text || ' '::text) || body)"


def upgrade() -> None:
    op.create_table('viewpoint_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('viewpoint_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_viewpoint_reminders_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['viewpoint_id'], ['viewpoints.id'], name=op.f('fk_viewpoint_reminders_viewpoint_id_viewpoints'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_viewpoint_reminders')),
    sa.UniqueConstraint('viewpoint_id', 'user_id', 'sent_on', name='once_a_day')
    )
    op.create_index(op.f('ix_viewpoint_reminders_user_id'), 'viewpoint_reminders', ['user_id'], unique=False)
    op.create_index(op.f('ix_viewpoint_reminders_viewpoint_id'), 'viewpoint_reminders', ['viewpoint_id'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.create_index('ix_viewpoints_search', 'viewpoints', [sa.text(SEARCH_DOCUMENT)], unique=False,
                        postgresql_using='gin')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_index('ix_viewpoints_search', table_name='viewpoints', postgresql_using='gin')
    op.drop_index(op.f('ix_viewpoint_reminders_viewpoint_id'), table_name='viewpoint_reminders')
    op.drop_index(op.f('ix_viewpoint_reminders_user_id'), table_name='viewpoint_reminders')
    op.drop_table('viewpoint_reminders')
