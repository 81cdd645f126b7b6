"""Numbers and dates formatted in one place (so an edition in another language changes only this file)."""

from __future__ import annotations

from datetime import date

import pandas as pd

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def partial_date(text: str) -> str:
    """'2025-09-17' → '17 Sep 2025'; '2025-09' → 'Sep 2025'; '2025' → '2025'; anything else unchanged."""
    parts = str(text).split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return str(text)
    return str(text)


def day(value: date | pd.Timestamp) -> str:
    """A date as '3 Sep 2025'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def number(value: float, digits: int = 0) -> str:
    """Thousands separators, fixed digits; NaN shows as 'unknown'."""
    if value is None or pd.isna(value):
        return "unknown"
    return f"{value:,.{digits}f}"


def km(value: float) -> str:
    return "unknown" if value is None or pd.isna(value) else f"{value:,.0f} km"


def percent(value: float, digits: int = 0, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return "unknown"
    return f"{value:+.{digits}f} %" if signed else f"{value:.{digits}f} %"
