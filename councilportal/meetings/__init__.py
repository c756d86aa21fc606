"""Meetings of a council: agenda, documents, invitations, attendance and minutes."""
