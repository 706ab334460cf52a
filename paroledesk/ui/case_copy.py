"""A frozen copy of the case for background work, so the user can keep editing meanwhile."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

from ..case import Case, CaseFolder, Category
from ..case.cache import InspectionCache


@dataclass(frozen=True)
class CaseCopy:
    root: Path
    case: Case
    category: Category
    cache: InspectionCache  # shared: it is thread-safe and saves hashing twice

    @classmethod
    def of(cls, folder: CaseFolder) -> "CaseCopy":
        # A pickle round trip is a deep copy at a third of copy.deepcopy's cost (UI thread).
        return cls(folder.root, pickle.loads(pickle.dumps(folder.case, pickle.HIGHEST_PROTOCOL)),
                   folder.category, folder.cache)

    def open(self) -> CaseFolder:
        """A read-only CaseFolder over the copy (call it in the worker)."""
        return CaseFolder(self.root, self.case, self.category, None, cache=self.cache)
