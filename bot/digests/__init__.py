"""Scheduled digests: what one says, when it is due, where it goes, and the ledger that makes
each slot post exactly once across instances."""
