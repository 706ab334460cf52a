"""Errors a user can cause. Each carries one sentence a paralegal understands."""

from __future__ import annotations


class CaseError(Exception):
    """A problem with the case folder or its files, stated in one plain sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotACaseError(CaseError):
    """The folder has no case.json yet."""


class CaseFileError(CaseError):
    """case.json is corrupt, unreadable, or from a newer ParoleDesk."""


class CaseLockedError(CaseError):
    """Another writer holds the case."""

    def __init__(self, message: str, holder: "object") -> None:
        super().__init__(message)
        self.holder = holder


class CaseNotWritableError(CaseError):
    """The case folder (or its .paroledesk/) cannot be written: a read-only share or stick."""


class ReadOnlyCaseError(CaseError):
    """A write was attempted on a case opened read-only."""


class UnsafePathError(CaseError):
    """A record path would leave the case folder."""


class RecordError(CaseError):
    """A file cannot be attached or read."""


class UnknownItemError(CaseError):
    """A checklist item or record id does not exist in this case."""
