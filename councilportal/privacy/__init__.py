"""A person's rights under GDPR: a copy of their data, and erasure by an administrator."""
