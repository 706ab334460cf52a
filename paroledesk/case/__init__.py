"""The case folder: model, storage, records, checklists and readiness. Never imports Qt."""

from .checklist import Category, ChecklistGroup, ChecklistItem, StatementPrompt, all_categories, load_category
from .errors import (
    CaseError,
    CaseFileError,
    CaseLockedError,
    NotACaseError,
    ReadOnlyCaseError,
    RecordError,
    UnknownItemError,
    UnsafePathError,
)
from .exhibits import LetteredExhibit, exhibit_letter, lettered_exhibits
from .folder import CaseFolder
from .languages import language_name
from .model import Case, ItemProgress, ItemState, Record
from .readiness import Problem, Severity, Stage, check_readiness, is_ready, stage_of
from .signatures import Signature, signatures

__all__ = [
    "Case", "CaseError", "CaseFileError", "CaseFolder", "CaseLockedError", "Category",
    "ChecklistGroup", "ChecklistItem", "ItemProgress", "ItemState", "LetteredExhibit",
    "NotACaseError", "Problem", "ReadOnlyCaseError", "Record", "RecordError", "Severity",
    "Signature", "Stage", "StatementPrompt", "UnknownItemError", "UnsafePathError", "all_categories",
    "check_readiness", "exhibit_letter", "is_ready", "language_name", "lettered_exhibits",
    "load_category", "signatures", "stage_of",
]
