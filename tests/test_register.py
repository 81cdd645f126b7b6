"""Properties of the figures-register helpers (widgets/analysis/register.py), searched by Hypothesis: each states one
rule that holds for every input, where a grid of examples would state it case by case."""

from __future__ import annotations

from datetime import date

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from widgets.analysis import register as R

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
COMMENTS = st.text(alphabet=st.characters(categories=["L", "Zs"]), max_size=20)  # words without digits


@given(DAYS, COMMENTS)
def test_an_iso_day_is_read_as_that_day(day, comment):
    parsed = R.parse_as_of(f"{day.isoformat()} ({comment})" if comment.strip() else day.isoformat())
    assert parsed == R.AsOf(pd.Timestamp(day), "day", pd.Timestamp(day), "day")


@given(DAYS)
def test_a_month_is_read_as_its_first_day(day):
    first = pd.Timestamp(day.year, day.month, 1)
    assert R.parse_as_of(f"{day.year}-{day.month:02d}") == R.AsOf(first, "month", first, "month")
    assert R.period_end(first, "month") == first + pd.offsets.MonthEnd(0)


# as_of texts as the register writes them: dates, months and years among words ("2024-11 to 2025-11 (est.)").
AS_OF_PARTS = st.one_of(DAYS.map(date.isoformat), DAYS.map(lambda d: f"{d.year}-{d.month:02d}"),
                        DAYS.map(lambda d: str(d.year)), st.sampled_from(["to", "circa", "(est.)", "H1", "end of"]))


@given(st.lists(AS_OF_PARTS, max_size=5).map(" ".join))
def test_whatever_the_text_the_first_date_never_follows_the_last(text):
    parsed = R.parse_as_of(text)
    if parsed is not None:
        assert parsed.first <= parsed.last
        assert {parsed.first_precision, parsed.last_precision} <= {"day", "month", "year"}


@given(st.integers(min_value=0, max_value=10**9), st.text(alphabet="0123456789", max_size=6))
def test_decimals_counts_the_digits_written_after_the_point(whole, fraction):
    text = f"{whole}.{fraction}" if fraction else str(whole)
    assert R.decimals(text) == len(fraction)  # as written: "51.0" has one decimal


@given(st.floats(min_value=0.01, max_value=1e9), st.floats(min_value=-99, max_value=1000))
def test_pct_change_undoes_a_percentage_change(old, pct):
    assert abs(R.pct_change(old * (1 + pct / 100), old) - pct) < 1e-6 * max(1.0, abs(pct))


def test_rows_by_id_keeps_order_and_refuses_a_missing_or_renumbered_id():
    import pytest

    figures = pd.DataFrame({"figure_id": ["G001", "G002"], "metric": ["gold_t", "gold_share"], "value": ["1", "2"]})
    assert list(R.rows_by_id(figures, ["G002", "G001"]).index) == ["G002", "G001"]
    assert R.figure_row(figures, "G009") is None and R.row(figures, "G001")["value"] == "1"
    with pytest.raises(KeyError, match="G009"):
        R.rows_by_id(figures, ["G001", "G009"])
    with pytest.raises(ValueError, match="G002"):
        R.rows_by_id(figures, ["G002"], metrics={"G002": "gold_t"})
