"""uploaded files in the database; one set of uploaded-file columns

Revision ID: 0007_stored_files
Revises: 0006_agenda_viewpoints
Create Date: 2026-11-27 18:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0007_stored_files'
down_revision: Union[str, Sequence[str], None] = '0006_agenda_viewpoints'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('stored_files',
    sa.Column('storage_key', sa.String(length=32), nullable=False),
    sa.Column('chunk', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('storage_key', 'chunk', name=op.f('pk_stored_files'))
    )
    # Meeting documents get what viewpoint attachments already had: one row per stored file, and
    # an index for finding what a person uploaded.
    with op.batch_alter_table('meeting_documents') as batch:
        batch.create_unique_constraint(batch.f('uq_meeting_documents_storage_key'), ['storage_key'])
        batch.create_index(batch.f('ix_meeting_documents_uploaded_by_id'), ['uploaded_by_id'], unique=False)
    # The charset of text files is added when they are sent; stored with it, it was sent twice.
    for table in ('meeting_documents', 'viewpoint_attachments'):
        op.execute(sa.text(f"UPDATE {table} SET content_type = 'text/plain' "
                           "WHERE content_type = 'text/plain; charset=utf-8'"))


def downgrade() -> None:
    for table in ('meeting_documents', 'viewpoint_attachments'):
        op.execute(sa.text(f"UPDATE {table} SET content_type = 'text/plain; charset=utf-8' "
                           "WHERE content_type = 'text/plain'"))
    with op.batch_alter_table('meeting_documents') as batch:
        batch.drop_index(batch.f('ix_meeting_documents_uploaded_by_id'))
        batch.drop_constraint(batch.f('uq_meeting_documents_storage_key'), type_='unique')
    op.drop_table('stored_files')
