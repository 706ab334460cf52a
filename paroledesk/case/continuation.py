"""What a re-parole case carries from the case it continues: the previous grant, as facts.

`paroledesk reparole` fills these from the granted case's history; the I-131 mapping and the
cover letter read them as the case facts `previous.*`, and the desk links the two cases.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PreviousParole:
    case: str = ""            # the folder of the case this one continues, as given to reparole
    category: str = ""        # the category the previous parole was granted under
    receipt_number: str = ""  # of the previous I-131
    decided: str = ""         # the date of the grant (YYYY-MM-DD)
    valid_from: str = ""      # the previous parole, from and until (YYYY-MM-DD)
    valid_until: str = ""
    i94_number: str = ""
