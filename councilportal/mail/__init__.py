"""The outbox: mail is written in the same transaction as its cause, delivered afterwards."""
