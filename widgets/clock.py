"""The one clock of the briefing: every "today" (currency badges, future-date checks, new editions) comes from here.

Tests and reproducible builds fix it with the environment variable BRIEFING_TODAY=YYYY-MM-DD; otherwise it is the
machine's date.
"""

from __future__ import annotations

import os
from datetime import date

ENV = "BRIEFING_TODAY"


def today() -> date:
    fixed = os.environ.get(ENV, "").strip()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise ValueError(f"{ENV}={fixed!r} is not a date (expected YYYY-MM-DD)") from None
    return date.today()
