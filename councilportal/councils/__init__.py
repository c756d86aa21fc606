"""Councils, their coordinators and their memberships."""
