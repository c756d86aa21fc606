"""a coordinator confirms a public viewpoint's wording before the public reads it; personal-data flags

Revision ID: 0010_public_wording
Revises: 0008_sign_in_security
Create Date: 2026-11-27 17:45:00

Public viewpoints that a coordinator had already received count as confirmed, in the wording they
were sent with: they were public under the old rule after a coordinator had handled them, and
"Ni sa – vi gjorde" and links people keep point at them. Those still waiting to be received (and
any withdrawn before anyone received them) were never looked at: they wait for a confirmation.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import councilportal.extensions


# revision identifiers, used by Alembic.
revision: str = '0010_public_wording'
down_revision: Union[str, Sequence[str], None] = '0008_sign_in_security'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('viewpoints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_at', councilportal.extensions.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('public_title', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('public_body', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('personal_data_flagged', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('viewpoint_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal_data_flagged', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('viewpoint_responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal_data_flagged', sa.Boolean(), server_default=sa.false(), nullable=False))

    viewpoints = sa.table(
        'viewpoints',
        sa.column('visibility', sa.String), sa.column('received_at', councilportal.extensions.UTCDateTime()),
        sa.column('published_at', councilportal.extensions.UTCDateTime()),
        sa.column('title', sa.String), sa.column('body', sa.Text),
        sa.column('public_title', sa.String), sa.column('public_body', sa.Text),
    )
    op.execute(
        viewpoints.update()
        .where(viewpoints.c.visibility == 'public', viewpoints.c.received_at.is_not(None))
        .values(published_at=viewpoints.c.received_at, public_title=viewpoints.c.title,
                public_body=viewpoints.c.body)
    )


def downgrade() -> None:
    with op.batch_alter_table('viewpoint_responses', schema=None) as batch_op:
        batch_op.drop_column('personal_data_flagged')
    with op.batch_alter_table('viewpoint_events', schema=None) as batch_op:
        batch_op.drop_column('personal_data_flagged')
    with op.batch_alter_table('viewpoints', schema=None) as batch_op:
        batch_op.drop_column('personal_data_flagged')
        batch_op.drop_column('public_body')
        batch_op.drop_column('public_title')
        batch_op.drop_column('published_at')
