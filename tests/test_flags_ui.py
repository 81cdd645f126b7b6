"""Change flags as the reader sees them (widgets.flags_html, issue 13 item 6): arrow, colour class and word for each
flag, thresholds in words (no code constants), every cell escaped."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from widgets.analysis import threat as A
from widgets import flags_html as U


@pytest.mark.parametrize(("flag", "tone", "arrow", "word"), [
    ("rising", "deteriorated", "↑", "rising"), ("falling", "improved", "↓", "falling"),
    ("no flag", "unchanged", "→", "no clear change"), ("no baseline", "no-baseline", "–", "no baseline")])
def test_each_flag_is_an_arrow_a_colour_and_a_word(flag, tone, arrow, word):
    html = U.badge(flag)
    assert f'class="flag-badge {tone}"' in html
    assert f'aria-hidden="true">{arrow}</span> {word}</span>' in html  # the word is read; the arrow is decoration


def test_a_rise_that_is_not_plainly_worse_gets_no_colour_judgement():
    assert U.judged(None) and U.judged("convoy_attack") and not U.judged("negotiation_or_release")
    assert 'flag-badge neutral' in U.badge("rising", judge=False)
    assert 'flag-badge unchanged' in U.badge("no flag", judge=False)
    assert "no colour judgement" in U.legend(judge=False) and "Red: a deterioration" in U.legend()


def test_flag_table_draws_badges_and_escapes_every_other_cell():
    frame = pd.DataFrame({"Region <i>": ["<b>Kayes</b>", "Ségou"], "events": [4, 0], "change": ["rising", "falling"]})
    html = U.table_html(frame, flag_column="change")
    assert html.startswith('<table class="briefing-table">')
    assert "&lt;b&gt;Kayes&lt;/b&gt;" in html and "Region &lt;i&gt;" in html and "<b>" not in html
    assert html.count('class="flag-badge deteriorated"') == 1 and html.count('class="flag-badge improved"') == 1
    with pytest.raises(KeyError):
        U.table_html(frame, flag_column="flag")


def test_thresholds_are_stated_in_words_not_code_constants():
    text = A.flag_rule_text()
    assert "at least twice as many reported events as in the previous window of equal length, and at least 3" in text
    assert "at most half as many" in text
    assert not re.search(r"RATIO|MIN_COUNT|[≥≤]|\d×", text)
    assert "three times as many" in A.flag_rule_text(min_count=4, ratio=3.0)
    assert "at least 4" in A.flag_rule_text(min_count=4, ratio=3.0)
    assert "2.5 times as many" in A.flag_rule_text(ratio=2.5) and "0.4 times as many" in A.flag_rule_text(ratio=2.5)


def test_the_live_and_exported_flag_panels_show_badges_and_words():
    from widgets.export import views as V
    events = pd.DataFrame({"event_id": ["E1", "E2", "E3", "E4"], "event_type": ["convoy_attack"] * 4,
                           "date_start": pd.to_datetime(["2025-09-16", "2025-09-17", "2025-09-18", "2025-09-19"]),
                           "date_precision": ["day"] * 4, "admin1": ["Kayes"] * 4,
                           "corridor": ["dakar_kayes_bamako"] * 4})
    window = V.Window(pd.Timestamp("2025-09-15"), pd.Timestamp("2025-09-28"), "", 4, "")
    html = V.flags_html(events, window, pd.Timestamp("2025-07-01"))
    assert 'class="flag-badge deteriorated"' in html and "How to read the arrows" in html
    assert "twice as many" in html and "RATIO" not in html
