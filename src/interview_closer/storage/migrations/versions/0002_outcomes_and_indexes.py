"""Follow-up outcome and completion time; indexes for the due follow-ups query.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add followups.outcome and followups.completed_at, and the lookup indexes."""
    with op.batch_alter_table("followups") as batch:
        batch.add_column(sa.Column("outcome", sa.String(40)))
        batch.add_column(sa.Column("completed_at", sa.DateTime()))
    # Follow-ups already done before this revision keep their status; their completion
    # time is taken from the last update so the history stays ordered.
    op.execute(
        "UPDATE followups SET completed_at = updated_at WHERE status IN ('done', 'skipped')"
    )
    op.create_index("ix_followups_status_due", "followups", ["status", "due_at"])
    op.create_index("ix_followups_application", "followups", ["application_id"])
    op.create_index("ix_interviews_application", "interviews", ["application_id"])
    op.create_index("ix_applications_status", "applications", ["status"])


def downgrade() -> None:
    """Remove what upgrade added."""
    op.drop_index("ix_applications_status", "applications")
    op.drop_index("ix_interviews_application", "interviews")
    op.drop_index("ix_followups_application", "followups")
    op.drop_index("ix_followups_status_due", "followups")
    with op.batch_alter_table("followups") as batch:
        batch.drop_column("completed_at")
        batch.drop_column("outcome")
