"""Errors the core raises for user mistakes; the shells turn them into exit codes or HTTP codes."""

from __future__ import annotations


class CloserError(Exception):
    """Base of every error meant for the user: its message is one plain line."""

    exit_code = 1


class UsageError(CloserError):
    """The command was called wrongly (bad option value, conflicting flags)."""

    exit_code = 2


class InputError(CloserError):
    """An input file cannot be read or understood."""

    exit_code = 3


class NotFoundError(CloserError):
    """A record the user named does not exist."""

    exit_code = 4


class StorageError(CloserError):
    """The database cannot be used (locked, read-only, corrupt, newer version, disk full)."""

    exit_code = 5


class DataError(CloserError):
    """A value the user gave cannot be understood (a date, an outcome, a debrief field)."""

    exit_code = 6
