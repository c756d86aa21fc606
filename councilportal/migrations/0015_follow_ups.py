"""follow-up of promised actions (one row per final answer that promised a follow-up date), and the
index behind the open data API's pages of published viewpoints

Revision ID: 0015
Revises: 0012_content_version
Create Date: 2026-11-27 20:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0015_follow_ups'
down_revision: Union[str, Sequence[str], None] = "0014_annual_reports"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('viewpoint_follow_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('viewpoint_id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('asked_on', sa.Date(), nullable=True),
    sa.Column('answer', sa.Enum('yes', 'partly', 'no', 'dont_know', name='followupanswer', native_enum=False, length=32), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_viewpoint_follow_ups_answered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['response_id'], ['viewpoint_responses.id'], name=op.f('fk_viewpoint_follow_ups_response_id_viewpoint_responses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['viewpoint_id'], ['viewpoints.id'], name=op.f('fk_viewpoint_follow_ups_viewpoint_id_viewpoints'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_viewpoint_follow_ups')),
    sa.UniqueConstraint('response_id', name=op.f('uq_viewpoint_follow_ups_response_id'))
    )
    with op.batch_alter_table('viewpoint_follow_ups', schema=None) as batch_op:
        batch_op.create_index('ix_viewpoint_follow_ups_due', ['asked_on', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_viewpoint_follow_ups_answer'), ['answer'], unique=False)
        batch_op.create_index(batch_op.f('ix_viewpoint_follow_ups_answered_by_id'), ['answered_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_viewpoint_follow_ups_viewpoint_id'), ['viewpoint_id'], unique=False)


    with op.batch_alter_table('viewpoints', schema=None) as batch_op:
        batch_op.create_index('ix_viewpoints_council_published', ['council_id', 'published_at', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('viewpoints', schema=None) as batch_op:
        batch_op.drop_index('ix_viewpoints_council_published')
    op.drop_table('viewpoint_follow_ups')
