"""Why an export stopped, in one sentence a paralegal understands."""

from __future__ import annotations

from ..case import CaseError, Problem


class ExportError(CaseError):
    """Bad input or a failed write: the message names the file concerned."""


class NotReadyError(ExportError):
    """Readiness found blocking problems and the export was not a draft."""

    def __init__(self, problems: list[Problem]) -> None:
        blocking = sum(1 for p in problems if p.blocking)
        noun = "problem" if blocking == 1 else "problems"
        super().__init__(
            f"The case is not ready to export ({blocking} blocking {noun}); use --draft to export anyway."
        )
        self.problems = problems


class ExportCancelled(ExportError):
    """The user cancelled; nothing was left behind."""

    def __init__(self, message: str = "The export was cancelled; nothing was written.") -> None:
        super().__init__(message)
