"""One definition of the data cut-off and of the currency badge, against a fixed clock."""

from datetime import date

import pandas as pd
import pytest

from widgets import clock, currency
from widgets.editions.stamp import Stamp


def events(*days: str, ends: tuple[str, ...] = ()) -> pd.DataFrame:
    return pd.DataFrame({"event_id": [f"E{i:03d}" for i in range(len(days))],
                         "date_start": pd.to_datetime(list(days)),
                         "date_end": pd.to_datetime(list(ends) + [None] * (len(days) - len(ends)))})


def figures(*as_of: str) -> pd.DataFrame:
    return pd.DataFrame({"figure_id": [f"G{i:03d}" for i in range(len(as_of))], "as_of": list(as_of)})


@pytest.mark.parametrize("text, expected", [
    ("2026-02-09 to 2026-02-15", date(2026, 2, 15)), ("2026-03 (early; RFI 6 Mar 2026)", date(2026, 3, 1)),
    ("2025-10/11 (week before 9 Oct)", date(2025, 10, 1)), ("2026 (guidance)", None), ("circa 2020-2021", None),
    ("before blockade (2025)", None), ("2026-13", None)])
def test_as_of_dates_only_from_months_and_days(text, expected):
    assert currency.as_of_date(text) == expected


def test_cutoff_is_the_newest_dated_fact_events_and_figures_alike():
    cut = currency.data_cutoff(events("2026-01-29", "2026-03-06", ends=("2026-01-29", "2026-03-12")),
                               figures("2026-02-02 to 2026-02-08", "2026 (guidance)"))
    assert (cut.day, cut.fact_id, cut.kind) == (date(2026, 3, 12), "E001", "event")
    later_figure = currency.data_cutoff(events("2026-01-29"), figures("2026-02-02 to 2026-02-08"))
    assert (later_figure.day, later_figure.fact_id) == (date(2026, 2, 8), "G000")


def test_facts_after_today_do_not_move_the_cutoff():
    cut = currency.data_cutoff(events("2026-01-29"), figures("2026-05"), today=date(2026, 3, 1))
    assert cut.fact_id == "E000"


@pytest.mark.parametrize("today, status, words", [
    (date(2026, 3, 30), "current", "within its review cycle"),
    (date(2026, 5, 1), "ageing", "events since then may be missing"),
    (date(2026, 12, 3), "stale", "266 days ago; it may no longer describe the situation")])
def test_badge_and_sentence_against_a_fixed_clock(today, status, words):
    cut = currency.Cutoff(day=date(2026, 3, 12), fact_id="E075", kind="event")
    judged = currency.currency(cut, today, 30, "reviewed monthly")
    assert judged.status == status and words in judged.sentence()
    assert "current up to 30 days" in judged.rule() and "stale beyond" in judged.rule()


def test_the_clock_is_fixed_by_the_environment(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2026-12-03")
    assert clock.today() == date(2026, 12, 3)
    monkeypatch.setenv(clock.ENV, "3 Dec")
    with pytest.raises(ValueError, match="not a date"):
        clock.today()


def test_stamp_line_for_downloads():
    cut = currency.Cutoff(day=date(2026, 3, 12), fact_id="E075", kind="event")
    stamp = Stamp(edition=2, published=date(2026, 12, 3),
                  currency=currency.currency(cut, date(2026, 12, 3), 30, "monthly"))
    assert stamp.line() == ("Edition 2 (3 Dec 2026) · data cut-off 12 Mar 2026 (E075) · stale: 266 days old on "
                            "3 Dec 2026")
    assert "nothing on the blockade after that date" in stamp.silence()
