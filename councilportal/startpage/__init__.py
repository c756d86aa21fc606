"""Att göra: the start page of what waits for each person, by role."""
