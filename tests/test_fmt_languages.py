"""Number and date formats in both languages (issue 17 item 3): English keeps the house style byte for byte; French
follows CLDR through Babel (narrow no-break space between thousands, decimal comma, no-break space before a unit,
abbreviated French months)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from widgets import fmt

NNBSP, NBSP = "\u202f", "\u00a0"

CASES = [  # (call, English, French)
    (lambda: fmt.number(1386), "1,386", f"1{NNBSP}386"),
    (lambda: fmt.number(1234567.891, 2), "1,234,567.89", f"1{NNBSP}234{NNBSP}567,89"),
    (lambda: fmt.number(54.8, 1), "54.8", "54,8"),
    (lambda: fmt.number(float("nan")), "unknown", "inconnu"),
    (lambda: fmt.km(1386.4), "1,386 km", f"1{NNBSP}386{NBSP}km"),
    (lambda: fmt.km(None), "unknown", "inconnu"),
    (lambda: fmt.percent(28), "28 %", f"28{NBSP}%"),
    (lambda: fmt.percent(-3.5, 1, signed=True), "-3.5 %", f"-3,5{NBSP}%"),
    (lambda: fmt.percent(4, signed=True), "+4 %", f"+4{NBSP}%"),
    (lambda: fmt.day(date(2026, 1, 29)), "29 Jan 2026", "29 janv. 2026"),
    (lambda: fmt.day(pd.Timestamp("2025-09-03")), "3 Sep 2025", "3 sept. 2025"),
    (lambda: fmt.partial_date("2025-09-17"), "17 Sep 2025", "17 sept. 2025"),
    (lambda: fmt.partial_date("2025-09"), "Sep 2025", "sept. 2025"),
    (lambda: fmt.partial_date("2025-08"), "Aug 2025", "août 2025"),
    (lambda: fmt.partial_date("2025"), "2025", "2025"),
    (lambda: fmt.partial_date("circa 2021"), "circa 2021", "circa 2021"),
    (lambda: fmt.partial_date("2025-13"), "2025-13", "2025-13"),
]


@pytest.mark.parametrize("call, english, french", CASES, ids=[c[1] for c in CASES])
def test_each_format_in_both_languages(call, english, french) -> None:
    assert fmt.language() == "en"  # the default, and what every other test relies on
    assert call() == english
    with fmt.using("fr"):
        assert call() == french
    assert call() == english  # the block gave the page's language back


def test_an_unknown_language_is_refused_and_changes_nothing() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        fmt.set_language("de")
    assert fmt.language() == "en"


def test_the_language_comes_back_after_an_error_inside_the_block() -> None:
    with pytest.raises(RuntimeError):
        with fmt.using("fr"):
            raise RuntimeError("a figure failed")
    assert fmt.language() == "en"


def test_french_writes_the_first_of_the_month_as_an_ordinal() -> None:
    with fmt.using("fr"):
        assert fmt.day(date(2025, 7, 1)) == "1er juil. 2025"
        assert fmt.day(date(2025, 7, 11)) == "11 juil. 2025"
        assert fmt.partial_date("2025-07-01") == "1er juil. 2025"
    assert fmt.day(date(2025, 7, 1)) == "1 Jul 2025"
