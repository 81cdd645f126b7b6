"""Numbers and dates formatted in one place (so an edition in another language changes only this file).

English keeps the briefing's house style (1,386 km, 54.8, 3 Sep 2025, 28 %); French goes through Babel's CLDR data
(1 386 km, 54,8, 29 janv. 2026, 28 %: a narrow no-break space between thousands, a no-break space before a unit).
The page's language is set once per kernel (`set_language`) or for a block (`using`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LANGUAGES = ("en", "fr")
LOCALES = {"fr": "fr_FR"}
UNKNOWN = {"en": "unknown", "fr": "inconnu"}
NBSP = "\u00a0"  # French sets a unit (km, %) apart with a no-break space
_language = "en"


def set_language(language: str) -> None:
    """The language every later call formats in: 'en' or 'fr' (anything else is refused)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}")
    _language = language


def language() -> str:
    return _language


@contextmanager
def using(language: str) -> Iterator[None]:
    """Format in `language` inside the block, then go back to the page's language."""
    before = _language
    set_language(language)
    try:
        yield
    finally:
        set_language(before)


def _unit_space() -> str:
    return NBSP if _language == "fr" else " "


def partial_date(text: str) -> str:
    """'2025-09-17' → '17 Sep 2025'; '2025-09' → 'Sep 2025'; '2025' → '2025'; anything else unchanged.
    French: '17 sept. 2025', 'sept. 2025'."""
    parts = str(text).split("-")
    try:
        if _language == "fr" and len(parts) in (2, 3):
            when = date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) == 3 else 1)
            return day(when) if len(parts) == 3 else format_date(when, format="MMM y", locale=LOCALES["fr"])
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return str(text)
    return str(text)


def day(value: date | pd.Timestamp) -> str:
    """A date as '3 Sep 2025' (French: '3 sept. 2025', and '1er juil. 2025': French writes the first of the month
    as an ordinal, which CLDR's patterns do not)."""
    if _language == "fr":
        text = format_date(date(value.year, value.month, value.day), format="d MMM y", locale=LOCALES["fr"])
        return "1er" + text[1:] if value.day == 1 else text
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _decimal(value: float, digits: int, signed: bool = False) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=LOCALES["fr"], decimal_quantization=True)


def number(value: float, digits: int = 0) -> str:
    """Thousands separators, fixed digits; NaN shows as 'unknown' ('inconnu')."""
    if value is None or pd.isna(value):
        return UNKNOWN[_language]
    return _decimal(value, digits) if _language == "fr" else f"{value:,.{digits}f}"


def km(value: float, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return UNKNOWN[_language]
    if signed:
        text = _decimal(value, 0, signed=True) if _language == "fr" else f"{value:+,.0f}"
        return f"{text}{_unit_space()}km"
    return f"{number(value)}{_unit_space()}km"


def percent(value: float, digits: int = 0, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return UNKNOWN[_language]
    if _language == "fr":
        return f"{_decimal(value, digits, signed)}{NBSP}%"
    return f"{value:+.{digits}f} %" if signed else f"{value:.{digits}f} %"
