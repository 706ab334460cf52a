"""The official USCIS forms, filled from the case: the bundled blanks, the edition a blank
is of, and the filler that writes a case's values into a copy of the blank. Never imports Qt.

The mappings from form fields to case facts are data (forms/uscis/*.toml, read by
paroledesk.case.uscis_mapping); this package only reads and writes PDF forms.
"""

from .blank import Blank, BlankFormError, FormField, open_blank
from .edition import Edition, detect_edition
from .fill import FilledPdf, check_fields, fill_blank

__all__ = ["Blank", "BlankFormError", "Edition", "FilledPdf", "FormField", "check_fields", "detect_edition", "fill_blank",
           "open_blank"]
