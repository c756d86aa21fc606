"""annual reports: the coordinator's drafts and the published, frozen versions

Revision ID: 0014_annual_reports
Revises: 0012_content_version
Create Date: 2026-11-27 20:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import councilportal.extensions


# revision identifiers, used by Alembic.
revision: str = '0014_annual_reports'
down_revision: Union[str, Sequence[str], None] = "0013_audits"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('annual_report_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=False),
    sa.Column('closing', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_annual_report_drafts_council_id_councils'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_annual_report_drafts_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_report_drafts')),
    sa.UniqueConstraint('council_id', 'year', name='council_year')
    )
    op.create_index(op.f('ix_annual_report_drafts_updated_by_id'), 'annual_report_drafts', ['updated_by_id'], unique=False)
    op.create_table('annual_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=False),
    sa.Column('closing', sa.Text(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('published_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_annual_reports_council_id_councils'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_annual_reports_published_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_reports')),
    sa.UniqueConstraint('council_id', 'year', 'version', name='council_year_version')
    )
    op.create_index(op.f('ix_annual_reports_published_by_id'), 'annual_reports', ['published_by_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_annual_reports_published_by_id'), table_name='annual_reports')
    op.drop_table('annual_reports')
    op.drop_index(op.f('ix_annual_report_drafts_updated_by_id'), table_name='annual_report_drafts')
    op.drop_table('annual_report_drafts')
