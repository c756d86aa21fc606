"""the site's own settings, and each meeting's calendar UID stored

Revision ID: 0018_site_settings
Revises: 0012_content_version
Create Date: 2026-11-27 20:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import councilportal.extensions


# revision identifiers, used by Alembic.
revision: str = '0018_site_settings'
down_revision: Union[str, Sequence[str], None] = "0017_compensation"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('site_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_name', sa.String(length=200), nullable=False),
    sa.Column('accent_colour', sa.String(length=7), nullable=False),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('logo_mimetype', sa.String(length=40), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('contact_address', sa.String(length=300), nullable=False),
    sa.Column('feedback_url', sa.String(length=500), nullable=False),
    sa.Column('statement_reviewed_on', sa.Date(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_settings'))
    )
    # Meetings already sent to calendars keep the UID those calendars know them by.
    with op.batch_alter_table('meetings') as batch_op:
        batch_op.add_column(sa.Column('calendar_uid', sa.String(length=255), nullable=True))
    meetings = sa.table('meetings', sa.column('id', sa.Integer), sa.column('calendar_uid', sa.String))
    op.execute(meetings.update().values(
        calendar_uid=sa.literal('meeting-') + sa.cast(meetings.c.id, sa.String) + sa.literal('@councilportal')))
    with op.batch_alter_table('meetings') as batch_op:
        batch_op.alter_column('calendar_uid', existing_type=sa.String(length=255), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_meetings_calendar_uid'), ['calendar_uid'])


def downgrade() -> None:
    with op.batch_alter_table('meetings') as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_meetings_calendar_uid'), type_='unique')
        batch_op.drop_column('calendar_uid')
    op.drop_table('site_settings')
