"""Organisations (user organisations, municipalities, regions) and their units."""
