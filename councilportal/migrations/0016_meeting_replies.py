"""meeting replies, deputies called in, the start page's visit marks and indexes

Revision ID: 0016
Revises: 0012_content_version
Create Date: 2026-11-27 20:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import councilportal.extensions


# revision identifiers, used by Alembic.
revision: str = '0016_meeting_replies'
down_revision: Union[str, Sequence[str], None] = "0015_follow_ups"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('meeting_replies',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('coming', sa.Boolean(), nullable=False),
    sa.Column('replied_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_replies_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_meeting_replies_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'user_id', name=op.f('pk_meeting_replies'))
    )
    op.create_index(op.f('ix_meeting_replies_user_id'), 'meeting_replies', ['user_id'], unique=False)
    op.create_table('deputy_call_ins',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('deputy_membership_id', sa.Integer(), nullable=False),
    sa.Column('called_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['deputy_membership_id'], ['memberships.id'], name=op.f('fk_deputy_call_ins_deputy_membership_id_memberships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_deputy_call_ins_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'deputy_membership_id', name=op.f('pk_deputy_call_ins'))
    )
    op.create_index(op.f('ix_deputy_call_ins_deputy_membership_id'), 'deputy_call_ins', ['deputy_membership_id'], unique=False)
    op.create_table('visit_marks',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('seen_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.Column('new_since', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_visit_marks_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_visit_marks'))
    )
    op.create_index('ix_meetings_council_state_starts', 'meetings', ['council_id', 'state', 'starts_at'], unique=False)
    op.create_index('ix_meeting_documents_uploaded', 'meeting_documents', ['uploaded_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_meeting_documents_uploaded', table_name='meeting_documents')
    op.drop_index('ix_meetings_council_state_starts', table_name='meetings')
    op.drop_table('visit_marks')
    op.drop_index(op.f('ix_deputy_call_ins_deputy_membership_id'), table_name='deputy_call_ins')
    op.drop_table('deputy_call_ins')
    op.drop_index(op.f('ix_meeting_replies_user_id'), table_name='meeting_replies')
    op.drop_table('meeting_replies')
