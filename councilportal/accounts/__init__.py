"""People, their sign-in, invitations, password resets and the audit log."""
