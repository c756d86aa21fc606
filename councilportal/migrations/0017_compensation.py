"""compensation rules, claims and payroll identities

Revision ID: 0017
Revises: 0012_content_version
Create Date: 2026-11-27 20:20:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import councilportal.extensions


# revision identifiers, used by Alembic.
revision: str = '0017_compensation'
down_revision: Union[str, Sequence[str], None] = "0016_meeting_replies"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('compensation_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('kind', sa.Enum('per_meeting', 'hourly', name='rulekind', native_enum=False, length=32), nullable=False),
    sa.Column('meeting_fee_ore', sa.BigInteger(), nullable=False),
    sa.Column('first_hour_ore', sa.BigInteger(), nullable=False),
    sa.Column('half_hour_ore', sa.BigInteger(), nullable=False),
    sa.Column('km_rate_ore', sa.BigInteger(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.CheckConstraint('meeting_fee_ore >= 0 AND first_hour_ore >= 0 AND half_hour_ore >= 0 AND km_rate_ore >= 0', name=op.f('ck_compensation_rules_amounts_not_negative')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_compensation_rules_council_id_councils'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_compensation_rules_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_compensation_rules')),
    sa.UniqueConstraint('council_id', 'valid_from', name=op.f('uq_compensation_rules_council_id'))
    )
    op.create_table('payroll_identities',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('identifier', sa.String(length=100), nullable=False),
    sa.Column('updated_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_payroll_identities_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_payroll_identities'))
    )
    op.create_table('compensation_claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('submitted', 'returned', 'approved', name='claimstate', native_enum=False, length=32), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('meeting_starts_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.Column('meeting_ends_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.Column('fee_ore', sa.BigInteger(), nullable=False),
    sa.Column('travel_kind', sa.Enum('none', 'km', 'ticket', name='travelkind', native_enum=False, length=32), nullable=False),
    sa.Column('travel_km', sa.Integer(), nullable=False),
    sa.Column('ticket_ore', sa.BigInteger(), nullable=False),
    sa.Column('travel_ore', sa.BigInteger(), nullable=False),
    sa.Column('lost_income_ore', sa.BigInteger(), nullable=False),
    sa.Column('submitted_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.Column('decided_at', councilportal.extensions.UTCDateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('travel_km >= 0 AND ticket_ore >= 0 AND lost_income_ore >= 0 AND fee_ore >= 0 AND travel_ore >= 0', name=op.f('ck_compensation_claims_amounts_not_negative')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_compensation_claims_council_id_councils')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_compensation_claims_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_compensation_claims_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_compensation_claims_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['rule_id'], ['compensation_rules.id'], name=op.f('fk_compensation_claims_rule_id_compensation_rules')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_compensation_claims_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_compensation_claims')),
    sa.UniqueConstraint('meeting_id', 'user_id', name=op.f('uq_compensation_claims_meeting_id'))
    )
    op.create_index('ix_compensation_claims_council_state_month', 'compensation_claims', ['council_id', 'state', 'month'], unique=False)
    op.create_index(op.f('ix_compensation_claims_meeting_id'), 'compensation_claims', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_compensation_claims_rule_id'), 'compensation_claims', ['rule_id'], unique=False)
    op.create_index(op.f('ix_compensation_claims_user_id'), 'compensation_claims', ['user_id'], unique=False)
    op.create_table('compensation_claim_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.Enum('receipt', 'employer_statement', name='attachmentpurpose', native_enum=False, length=32), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=100), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['compensation_claims.id'], name=op.f('fk_compensation_claim_attachments_claim_id_compensation_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_compensation_claim_attachments_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_compensation_claim_attachments')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_compensation_claim_attachments_storage_key'))
    )
    op.create_index(op.f('ix_compensation_claim_attachments_claim_id'), 'compensation_claim_attachments', ['claim_id'], unique=False)
    op.create_index(op.f('ix_compensation_claim_attachments_uploaded_by_id'), 'compensation_claim_attachments', ['uploaded_by_id'], unique=False)
    op.create_table('compensation_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=True),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('rule_added', 'submitted', 'resubmitted', 'returned', 'approved', 'payroll_id_set', name='eventkind', native_enum=False, length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', councilportal.extensions.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_compensation_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['claim_id'], ['compensation_claims.id'], name=op.f('fk_compensation_events_claim_id_compensation_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_compensation_events_council_id_councils'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_compensation_events'))
    )
    op.create_index(op.f('ix_compensation_events_actor_id'), 'compensation_events', ['actor_id'], unique=False)
    op.create_index(op.f('ix_compensation_events_claim_id'), 'compensation_events', ['claim_id'], unique=False)
    op.create_index(op.f('ix_compensation_events_council_id'), 'compensation_events', ['council_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_compensation_events_council_id'), table_name='compensation_events')
    op.drop_index(op.f('ix_compensation_events_claim_id'), table_name='compensation_events')
    op.drop_index(op.f('ix_compensation_events_actor_id'), table_name='compensation_events')
    op.drop_table('compensation_events')
    op.drop_index(op.f('ix_compensation_claim_attachments_uploaded_by_id'), table_name='compensation_claim_attachments')
    op.drop_index(op.f('ix_compensation_claim_attachments_claim_id'), table_name='compensation_claim_attachments')
    op.drop_table('compensation_claim_attachments')
    op.drop_index(op.f('ix_compensation_claims_user_id'), table_name='compensation_claims')
    op.drop_index(op.f('ix_compensation_claims_rule_id'), table_name='compensation_claims')
    op.drop_index(op.f('ix_compensation_claims_meeting_id'), table_name='compensation_claims')
    op.drop_index('ix_compensation_claims_council_state_month', table_name='compensation_claims')
    op.drop_table('compensation_claims')
    op.drop_table('payroll_identities')
    op.drop_table('compensation_rules')
