"""The threat chapter: counting rules, change flags, convoy/strike months and takeaways on small fixtures whose
right answers are stated in each test; then the figures' source ids and the panel's behaviour on the real data."""

from __future__ import annotations

import pandas as pd
import pytest

from widgets.analysis import threat as A

T = pd.Timestamp


def ev(event_id: str, day: str, event_type: str = "convoy_attack", admin1: str = "Kayes",
       corridor: str = "Dakar–Kayes–Bamako", precision: str = "day", summary: str = "x") -> dict:
    return dict(event_id=event_id, date_start=T(day), date_precision=precision, admin1=admin1, corridor=corridor,
                event_type=event_type, summary=summary, place="p", confidence="high", source_ids="S1;S2")


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


# --- counting rules --------------------------------------------------------------------------------------------
def test_month_aggregates_never_counted_as_incidents():
    events = frame(ev("E1", "2025-09-03"), ev("E2", "2025-09-01", precision="month"), ev("E3", "2025-09-05",
                                                                                          precision="week"))
    assert list(A.incidents(events)["event_id"]) == ["E1", "E3"]
    assert list(A.aggregates(events)["event_id"]) == ["E2"]
    assert list(A.select(events, T("2025-09-01"), T("2025-09-30"))["event_id"]) == ["E1", "E3"]
    assert list(A.select(events, T("2025-09-01"), T("2025-09-30"), aggregate=True)["event_id"]) == ["E2"]


def test_multi_region_event_counts_in_each_region_and_blank_is_not_stated():
    events = frame(ev("E1", "2025-09-03", admin1="Koulikoro;Ségou;Sikasso"), ev("E2", "2025-09-04", admin1="Ségou"),
                   ev("E3", "2025-09-05", admin1=""))
    counts = dict(A.count_by_region(events).itertuples(index=False))
    assert counts == {"Ségou": 2, "Koulikoro": 1, "Sikasso": 1, A.NOT_STATED: 1}
    assert list(A.select(events, T("2025-09-01"), T("2025-09-30"), region="Sikasso")["event_id"]) == ["E1"]
    assert list(A.select(events, T("2025-09-01"), T("2025-09-30"), region=A.NOT_STATED)["event_id"]) == ["E3"]


def test_window_includes_both_end_days_and_filters_combine():
    events = frame(ev("E1", "2025-09-01"), ev("E2", "2025-09-07", event_type="abduction"),
                   ev("E3", "2025-09-08"), ev("E4", "2025-09-02", corridor="Ségou–Bamako"))
    window = A.select(events, T("2025-09-01"), T("2025-09-07"))
    assert list(window["event_id"]) == ["E1", "E2", "E4"]
    only = A.select(events, T("2025-09-01"), T("2025-09-07"), corridor="Dakar–Kayes–Bamako",
                    event_type="convoy_attack")
    assert list(only["event_id"]) == ["E1"]


def test_count_by_type_and_selection_sentence():
    events = frame(ev("E1", "2025-09-01"), ev("E2", "2025-09-02"), ev("E3", "2025-09-03", event_type="abduction"))
    assert A.count_by_type(events).values.tolist() == [["convoy attack", 2], ["abduction", 1]]
    text = A.selection_sentence(events, T("2025-09-01"), T("2025-09-07"), 1)
    assert text.startswith("3 events in the selection (1 Sep 2025 – 7 Sep 2025). By type: convoy attack 2; "
                           "abduction 1.")
    assert "1 month-level statement matching this selection overlaps" in text
    empty = A.selection_sentence(events.iloc[0:0], T("2025-09-01"), T("2025-09-07"), 0)
    assert empty == "0 events in the selection (1 Sep 2025 – 7 Sep 2025)."


# --- change flags ----------------------------------------------------------------------------------------------
def test_baseline_window_has_equal_length_just_before():
    assert A.baseline_window(T("2025-09-08"), T("2025-09-21")) == (T("2025-08-25"), T("2025-09-07"))


@pytest.mark.parametrize("count, baseline, expected", [
    (4, 2, "rising"),      # 4 ≥ 2×2 and ≥ 3
    (3, 0, "rising"),      # from nothing to the minimum
    (2, 0, "no flag"),     # below MIN_COUNT: no flag whatever the ratio
    (3, 2, "no flag"),     # 3 < 2×2
    (1, 3, "falling"),     # 1 ≤ 3/2 and baseline ≥ 3
    (2, 3, "no flag"),     # 2 > 1.5
    (0, 2, "no flag"),     # baseline below MIN_COUNT
])
def test_flag_thresholds(count, baseline, expected):
    assert A.flag(count, baseline, min_count=3, ratio=2.0) == expected


def test_change_flags_by_region_and_corridor():
    # Window 15–28 Sep; baseline 1–14 Sep. Kayes: 4 now vs 1 before → rising. Sikasso: 0 now vs 3 → falling.
    events = frame(
        ev("A", "2025-09-02"), ev("B", "2025-09-03", admin1="Sikasso", corridor="Abidjan–Sikasso–Bamako"),
        ev("C", "2025-09-04", admin1="Sikasso", corridor="Abidjan–Sikasso–Bamako"),
        ev("D", "2025-09-05", admin1="Sikasso", corridor="Abidjan–Sikasso–Bamako"),
        ev("E", "2025-09-15"), ev("F", "2025-09-16"), ev("G", "2025-09-20"), ev("H", "2025-09-28"),
        ev("M", "2025-09-15", precision="month"),  # aggregate: must not lift Kayes to 5
        ev("Z", "2025-09-29"))  # the day after the window
    regions = A.change_flags(events, T("2025-09-15"), T("2025-09-28"), "admin1")
    got = {r.group: (r.events, r.baseline, r.flag) for r in regions.itertuples()}
    assert got == {"Kayes": (4, 1, "rising"), "Sikasso": (0, 3, "falling")}
    corridors = A.change_flags(events, T("2025-09-15"), T("2025-09-28"), "corridor", min_count=5)
    got = {r.group: (r.events, r.baseline, r.flag) for r in corridors.itertuples()}
    assert got == {"Dakar–Kayes–Bamako": (4, 1, "no flag"), "Abidjan–Sikasso–Bamako": (0, 3, "no flag")}


def test_change_flags_without_baseline_before_record_start_and_bad_key():
    events = frame(ev("A", "2025-09-02"), ev("B", "2025-09-03"), ev("C", "2025-09-04"))
    flags = A.change_flags(events, T("2025-09-01"), T("2025-09-07"), "corridor", record_start=T("2025-09-01"))
    assert flags["flag"].tolist() == ["no baseline"]
    assert A.change_flags(events, T("2025-09-01"), T("2025-09-07"), "corridor")["flag"].tolist() == ["rising"]
    with pytest.raises(ValueError):
        A.change_flags(events, T("2025-09-01"), T("2025-09-07"), "place")


def test_flag_rule_text_follows_the_thresholds():
    text = A.flag_rule_text(min_count=4, ratio=3.0)  # in words: tests/test_flags_ui.py
    assert "at least three times as many" in text and "at least 4;" in text and "a third as many" in text
    assert "2.5 times" in A.flag_rule_text(ratio=2.5)


# --- weeks, convoys against strikes, towns, tables ---------------------------------------------------------------
def test_week_starts_are_mondays_covering_the_record():
    events = frame(ev("A", "2025-09-03"), ev("B", "2025-09-22"))  # a Wednesday and a Monday
    assert A.week_starts(events) == [T("2025-09-01"), T("2025-09-08"), T("2025-09-15"), T("2025-09-22")]


def test_convoy_vs_strikes_counts_months_claims_and_drops_aggregates():
    events = frame(
        ev("A", "2025-09-03"), ev("B", "2025-09-20", event_type="tanker_destroyed"),
        ev("C", "2025-09-21", event_type="state_air_strike", summary="struck (Malian army claim)."),
        ev("D", "2025-09-01", event_type="state_air_strike", precision="month", summary="ACLED reports"),
        ev("E", "2025-11-02", event_type="state_air_strike", summary="reported by a monitor"),
        ev("F", "2025-11-05", event_type="abduction"))
    monthly = A.convoy_vs_strikes(events)
    convoy = monthly[monthly["series"] == A.CONVOY_LABEL].set_index("month")
    strikes = monthly[monthly["series"] == A.STRIKE_LABEL].set_index("month")
    assert convoy["events"].tolist() == [2, 0, 0]  # Sep, Oct (zero kept), Nov
    assert strikes["events"].tolist() == [1, 0, 1]
    assert strikes["claims"].tolist() == [1, 0, 0]
    assert convoy.loc[T("2025-09-01"), "event_ids"] == "A, B"


def test_located_towns_groups_points_of_selected_events():
    points = pd.DataFrame(dict(event_id=["A", "A", "B", "C"], place=["Kayes", "Nioro", "Kayes", "Gao"],
                               lon=[1.0, 2.0, 1.0, 3.0], lat=[1.0, 2.0, 1.0, 3.0]))
    towns = A.located_towns(points, frame(ev("A", "2025-09-01"), ev("B", "2025-09-02")))
    assert towns[["place", "events", "event_ids"]].values.tolist() == [["Kayes", 2, "A, B"], ["Nioro", 1, "A"]]


def test_unresolved_table_marks_aggregates():
    events = frame(ev("A", "2025-09-01"), ev("B", "2025-09-01", precision="month", admin1=""))
    unresolved = pd.DataFrame(dict(event_id=["A", "B"], date_start=[T("2025-09-01")] * 2, place=["x", "y"],
                                   reason=["r1", "r2"]))
    table = A.unresolved_table(unresolved, events)
    assert table["counted as incident"].tolist() == ["yes", "no (aggregate)"]
    assert table["region (pre-2023)"].tolist() == ["Kayes", A.NOT_STATED]


# --- strength estimates and takeaways ----------------------------------------------------------------------------
def figures_fixture() -> pd.DataFrame:
    base = dict(value_low="", value_high="", unit="fighters", as_of="2025", source_id="F1", confidence="low",
                notes="")
    return pd.DataFrame([
        dict(base, figure_id="T1", metric="jnim_fighters_estimate", value="100", value_num=100.0, geography="Mali"),
        dict(base, figure_id="T2", metric="unit_fighters_estimate", value="", value_num=float("nan"),
             value_low="50", value_high="80", geography="one unit"),
        dict(base, figure_id="T3", metric="jnim_attacks", value="9", value_num=9.0, geography="Mali")])


def test_size_estimates_fill_point_values_and_keep_ranges():
    sizes = A.size_estimates(figures_fixture())
    assert sizes[["figure_id", "low", "high"]].values.tolist() == [["T1", 100.0, 100.0], ["T2", 50.0, 80.0]]


def test_takeaway_sentences_on_a_fixture():
    events = frame(
        ev("A", "2025-07-07", admin1="Kayes"), ev("B", "2025-07-08", admin1="Kayes"),
        ev("C", "2025-07-09", admin1="Sikasso", event_type="state_air_strike", summary="(Malian army claim)"),
        ev("D", "2025-07-10", admin1="", event_type="abduction"),
        ev("M", "2025-07-01", precision="month", admin1="Kayes"),
        ev("Z", "2025-07-21", admin1="Kayes"))
    out = A.takeaway_sentences(events, figures_fixture(), recent_weeks=1)
    assert out[0].startswith("The news-compiled event record holds 5 dated incidents from 7 Jul 2025 to "
                             "21 Jul 2025, plus 1 month-level statements")
    assert out[1].startswith("3 attacks on fuel convoys or tankers were reported, against 1 dated state air "
                             "strikes, 1 of which")
    assert out[2] == "By pre-2023 region, Kayes has 3 and Sikasso has 1 reported incidents; 1 incidents name no region."
    # last week (21–27 Jul): Z; the week before (14–20 Jul): nothing
    assert out[3].startswith("In the last 1 weeks of the record (from 21 Jul 2025), 1 attack was reported "
                             "against 0")
    assert out[3].endswith("more reports may reflect wider coverage as much as more attacks.")  # the direction, stated
    assert "100 fighters (Mali; T1, low confidence)" in out[4] and "50–80 fighters (one unit; T2" in out[4]


# --- figures and panel on the real data --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real():
    from widgets import loaders as L
    try:
        return L.load_events(), L.load_catalogue()
    except L.DataNotBuilt:
        pytest.skip("data not built")


def test_every_example_figure_carries_existing_source_ids(real):
    from widgets.figures import threat as F
    from widgets.figures.common import source_ids_of

    _, catalogue = real
    figures = F.examples()
    assert len(figures) == 4
    for fig in figures:
        ids = source_ids_of(fig)
        assert ids, fig.layout.title.text
        assert all(catalogue.knows(i) for i in ids)


def test_real_counts_exclude_aggregates(real):
    events, _ = real
    assert len(A.incidents(events)) + len(A.aggregates(events)) == len(events)
    assert (A.incidents(events)["date_precision"] != "month").all()


def test_panel_updates_in_place_and_handles_an_empty_selection(real):
    from widgets import loaders as L
    from widgets.ui.threat import ThreatPanel, opening_figures

    events, catalogue = real
    panel = ThreatPanel(events, L.load_event_points(), opening=opening_figures(
        events, L.load_event_points(), L.load_countries(), L.load_regions(), L.load_rivers(),
        catalogue=catalogue, n_unresolved=len(L.load_events_unresolved())))
    timeline, fmap = panel.timeline, panel.map
    panel.slider.index = (0, len(panel.weeks) - 1)
    assert panel.count.value.startswith(f"<p><strong>{len(A.incidents(events))} events in the selection")
    assert "no baseline" in panel.flags.value
    panel.event_type.value = "state_air_strike"
    panel.region.value = "Gao"
    assert "0 events in the selection" in panel.count.value
    assert "No event matches" in panel.message.value
    assert panel.timeline is timeline and panel.map is fmap  # same widgets, updated in place
    panel.event_type.value = ""
    panel.region.value = ""
    panel.play.value = 3  # the window spans the whole record: play cannot move it
    assert panel.slider.index == (0, len(panel.weeks) - 1)
    panel.slider.index = (0, 3)
    panel.play.value = 5
    assert panel.slider.index == (5, 8)
    for css in ("threat-time-slider", "threat-filter-corridor", "threat-filter-region", "threat-filter-type"):
        assert any(css in w._dom_classes for w in (panel.slider, panel.corridor, panel.region, panel.event_type))
    assert "threat-count" in panel.count._dom_classes


# --- reader tables and notes -------------------------------------------------------------------------------------
def test_cutoff_labels_and_families():
    events = frame(ev("A", "2025-09-03"), ev("B", "2026-01-29"))
    assert A.cutoff(events) == T("2026-01-29")
    assert A.type_label("state_air_strike") == "state air strike"
    assert A.corridor_label("none") == "no corridor named" and A.corridor_label("Ségou–Bamako") == "Ségou–Bamako"
    assert A.family_of("convoy_attack") == "JNIM and armed-group actions"
    assert A.family_of("state_air_strike") == "State actions"
    assert A.family_of("something_new") == "Effects, responses and other"


def test_events_and_monthly_tables():
    events = frame(ev("A", "2025-09-03", admin1="Kayes;Sikasso", corridor="none"),
                   ev("B", "2025-10-02", event_type="state_air_strike", summary="(Malian army claim)"))
    table = A.events_table(events)
    assert table.loc[0, "region (pre-2023)"] == "Kayes, Sikasso" and table.loc[0, "corridor"] == "no corridor named"
    assert table.loc[0, "date"] == "3 Sep 2025" and table.loc[0, "sources"] == "S1, S2"
    monthly = A.monthly_table(events)
    assert monthly["month"].tolist() == ["Sep 2025", "Oct 2025"] * 2
    assert monthly["of which army claims"].tolist() == [0, 0, 0, 1]


def test_unresolved_note_counts_aggregates_and_gazetteer_gaps():
    events = frame(ev("A", "2025-09-01"), ev("B", "2025-09-01", precision="month"),
                   ev("C", "2025-09-02", event_type="abduction"), ev("D", "2025-09-03"))
    unresolved = pd.DataFrame(dict(event_id=["A", "B", "C"], date_start=[T("2025-09-01")] * 3, place=["", "", ""],
                                   reason=["X not in gazetteer", "Aggregate", "Y not in gazetteer"]))
    text = A.unresolved_note(unresolved, events)
    assert text.startswith("3 of 4 events have no map point (1 of them are month-level statements")
    assert "For 2 the sources name a small place our gazetteer does not hold, including 1 convoy attacks (A)" in text


def test_context_figures_labels_claims_and_drops_strength_estimates():
    base = dict(topic="threat", value_low="", value_high="", unit="u", as_of="2025", source_id="F1",
                confidence="low", value_num=1.0)
    figures = pd.DataFrame([
        dict(base, figure_id="T1", metric="soldiers_killed_claim", value="21", geography="Mali (x)", notes=""),
        dict(base, figure_id="T2", metric="attacks", value="", value_low="5", value_high="8", geography="Mali",
             notes="Malian army claim"),
        dict(base, figure_id="T3", metric="jnim_fighters_estimate", value="6", geography="Mali", notes=""),
        dict(base, figure_id="T4", metric="attacks", value="3", geography="Benin", notes=""),
        dict(base, figure_id="T5", metric="deaths", value="7", geography="Mali", notes="ACLED", topic="gold")])
    table = A.context_figures(figures)
    assert table["id"].tolist() == ["T1", "T2"]
    assert table["kind"].tolist() == ["party claim", "party claim"]
    assert table["value"].tolist() == ["21", "5–8"]


# --- the explorer's view in the page address (issue 13) ----------------------------------------------------------

def _panel(monkeypatch, query: str):
    from widgets import loaders as L
    from widgets.ui.threat import ThreatPanel, opening_figures

    monkeypatch.setenv("QUERY_STRING", query)
    return ThreatPanel(L.load_events(), L.load_event_points(), opening=opening_figures(
        L.load_events(), L.load_event_points(), L.load_countries(), L.load_regions(), L.load_rivers(),
        catalogue=L.load_catalogue(), n_unresolved=0))


def test_the_address_reopens_the_window_and_filters(monkeypatch):
    first = _panel(monkeypatch, "")
    weeks = first.weeks
    start, end = weeks[2].date().isoformat(), weeks[10].date().isoformat()
    region = next(v for _, v in first.region.options if v)
    panel = _panel(monkeypatch, f"threat.from={start}&threat.to={end}&threat.region={region}")
    assert panel.slider.index == (2, 10) and panel.region.value == region
    assert panel.url.state == {"threat.from": start, "threat.to": end, "threat.region": region}
    assert "<li>" not in panel.message.value  # no complaint about the address


def test_a_move_is_written_to_the_address(monkeypatch):
    panel = _panel(monkeypatch, "")
    assert panel.url.state == {}
    option = panel.event_type.options[1][1]
    panel.event_type.value = option
    assert panel.url.state == {"threat.type": option}


@pytest.mark.parametrize("query, said", [("threat.from=2099-01-01", "not the first day of a week"),
                                         ("threat.region=Atlantis", "not one of the choices"),
                                         ("threat.colour=red", "ignored unknown parameter"),
                                         ("threat.data=everything", "not one of the choices")])
def test_bad_values_in_the_address_get_a_clear_message(monkeypatch, query, said):
    panel = _panel(monkeypatch, query)
    assert said in panel.message.value and "briefing-note warning" in panel.message.value
    assert panel.url.state == {}  # the view falls back to how the page opens
