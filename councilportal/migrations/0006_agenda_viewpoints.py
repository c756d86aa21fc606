"""viewpoints on meeting agendas

Revision ID: 0006_agenda_viewpoints
Revises: 0002_meetings, 0005_viewpoint_search
Create Date: 2026-11-24 20:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import councilportal.extensions


# revision identifiers, used by Alembic.
revision: str = '0006_agenda_viewpoints'
down_revision: Union[str, Sequence[str], None] = ('0002_meetings', '0005_viewpoint_search')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('agenda_viewpoints',
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('viewpoint_id', sa.Integer(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_agenda_viewpoints_added_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_agenda_viewpoints_agenda_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['viewpoint_id'], ['viewpoints.id'], name=op.f('fk_agenda_viewpoints_viewpoint_id_viewpoints'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('agenda_item_id', 'viewpoint_id', name=op.f('pk_agenda_viewpoints'))
    )
    op.create_index(op.f('ix_agenda_viewpoints_viewpoint_id'), 'agenda_viewpoints', ['viewpoint_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_agenda_viewpoints_viewpoint_id'), table_name='agenda_viewpoints')
    op.drop_table('agenda_viewpoints')
