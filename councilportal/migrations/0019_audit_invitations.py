"""invitations to an audit's interview sessions and feedback meeting: place, SEQUENCE and when they were sent

Revision ID: 0019_audit_invitations
Revises: 0018_site_settings
Create Date: 2026-12-01 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import councilportal.extensions


# revision identifiers, used by Alembic.
revision: str = '0019_audit_invitations'
down_revision: Union[str, Sequence[str], None] = "0018_site_settings"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('audits') as batch_op:
        batch_op.add_column(sa.Column('feedback_meeting_location', sa.String(length=200), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('feedback_meeting_sequence', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('feedback_meeting_invited_at', councilportal.extensions.UTCDateTime(),
                                      nullable=True))
    with op.batch_alter_table('audit_interviews') as batch_op:
        batch_op.add_column(sa.Column('location', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('sequence', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('invited_at', councilportal.extensions.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('updated_at', councilportal.extensions.UTCDateTime(), nullable=True))
    # A session recorded before this migration last changed when it was recorded.
    interviews = sa.table('audit_interviews', sa.column('created_at'), sa.column('updated_at'))
    op.execute(interviews.update().values(updated_at=interviews.c.created_at))
    with op.batch_alter_table('audit_interviews') as batch_op:
        batch_op.alter_column('updated_at', existing_type=councilportal.extensions.UTCDateTime(), nullable=False)
    # The defaults served the rows already there; from now on the application gives every value.
    with op.batch_alter_table('audits') as batch_op:
        batch_op.alter_column('feedback_meeting_location', existing_type=sa.String(length=200), server_default=None)
        batch_op.alter_column('feedback_meeting_sequence', existing_type=sa.Integer(), server_default=None)
    with op.batch_alter_table('audit_interviews') as batch_op:
        batch_op.alter_column('location', existing_type=sa.String(length=200), server_default=None)
        batch_op.alter_column('sequence', existing_type=sa.Integer(), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('audit_interviews') as batch_op:
        batch_op.drop_column('updated_at')
        batch_op.drop_column('invited_at')
        batch_op.drop_column('sequence')
        batch_op.drop_column('location')
    with op.batch_alter_table('audits') as batch_op:
        batch_op.drop_column('feedback_meeting_invited_at')
        batch_op.drop_column('feedback_meeting_sequence')
        batch_op.drop_column('feedback_meeting_location')
