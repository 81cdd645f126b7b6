"""Tests of the overview's analysis functions on small fixtures with known answers, and of its figures' sources."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from widgets.analysis import overview as A
from widgets.catalogue import Catalogue
from widgets.figures import overview as F
from widgets.figures.common import source_ids_of

NAN = float("nan")


def _event(event_id, date, event_type, precision="day", place_names="", location="town", lon=NAN, lat=NAN,
           corridor="none", place="", source_ids="S1", date_end=None):
    return {"event_id": event_id, "date_start": pd.Timestamp(date),
            "date_end": pd.Timestamp(date_end) if date_end else pd.NaT, "date_precision": precision,
            "event_type": event_type, "place_names": place_names, "location_precision": location, "lon": lon,
            "lat": lat, "corridor": corridor, "place": place or place_names, "source_ids": source_ids,
            "confidence": "high"}


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame([
        _event("E1", "2025-07-02", "blockade_declared", place_names="Kayes;Nioro", location="multi_town",
               lon=-11.4, lat=14.4, source_ids="S1;S2"),
        _event("E2", "2025-09-01", "other", precision="month", date_end="2025-09-30"),  # aggregate: never counted
        _event("E3", "2025-09-03", "blockade_declared", place_names="Kayes;Nioro", location="multi_town",
               lon=-11.4, lat=14.4, source_ids="S2;S3"),
        _event("E4", "2025-09-06", "checkpoint_or_siege", place_names="Bamako", location="near_town",
               lon=-8.0, lat=12.6),  # a checkpoint near Bamako does not make Bamako a blockaded town
        _event("E5", "2025-09-10", "convoy_attack", place_names="Kayes", location="near_town", lon=-11.4, lat=14.4,
               corridor="Dakar–Kayes–Bamako"),
        _event("E6", "2025-09-12", "abduction", place_names="Kayes", location="near_town", lon=-11.4, lat=14.4),
        _event("E7", "2025-10-01", "convoy_attack", precision="week", place_names="", location="unresolved",
               corridor="Abidjan–Bougouni–Bamako", place="Kolondiéba road"),
        _event("E8", "2025-10-23", "blockade_declared", place_names="", location="unresolved", place="Léré"),
        _event("E9", "2026-01-29", "convoy_attack", place_names="Kayes", location="near_town", lon=-11.4, lat=14.4,
               corridor="Dakar–Kayes–Bamako"),
    ])


@pytest.fixture
def points() -> pd.DataFrame:
    return pd.DataFrame({"event_id": ["E1", "E1"], "place": ["Kayes", "Nioro"], "lon": [-11.4, -9.6],
                         "lat": [14.4, 15.2]})


def _figures(rows) -> pd.DataFrame:
    cols = ["figure_id", "metric", "value", "value_num", "unit", "as_of", "source_id"]
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture
def figures() -> pd.DataFrame:
    return _figures([
        ("T001", "start", "2025-09-03", NAN, "date", "2025-09-03", "FS1"),
        ("T002", "start", "2025-09-04", NAN, "date", "2025-09-04", "FS2"),
        ("G074", "share", "77", 77.0, "percent", "circa 2020-2021", "FS3"),
        ("G083", "share", "80", 80.0, "percent (around)", "2025-09 (report date)", "FS4"),
        ("G002", "prod", "66.5", 66.5, "tonnes", "2023", "FS5"),
        ("G041", "prod", "66.48", 66.48, "tonnes", "2023", "FS6"),
        ("G039", "prod", "42.2", 42.2, "tonnes", "2025 (provisional)", "FS6"),
        ("G040", "prod", "54.8", 54.8, "tonnes", "2024 (revised)", "FS6"),
        ("G042", "loulo", "5.5", 5.5, "tonnes", "2025", "FS6"),
        ("G043", "loulo", "22.5", 22.5, "tonnes", "2024", "FS6"),
        ("H022", "displaced", "4", 4.0, "million persons", "2025-10", "FS7"),
        ("H048", "refugees", "300000", 300000.0, "persons (near, mainly Malian)", "2025-11", "FS8"),
        ("H050", "refugees", "300000", 300000.0, "persons (more than)", "2025-12", "FS9"),
        ("H049", "arrivals", "7300", 7300.0, "persons (about)", "2025-10-end to 2025-12-end", "FS8"),
    ])


@pytest.fixture
def summary() -> pd.DataFrame:
    return pd.DataFrame({
        "corridor_id": ["dakar", "abidjan_sikasso", "abidjan_bougouni", "nowhere"],
        "corridor": ["Dakar–Kayes–Bamako", "Abidjan–Sikasso–Bamako", "Abidjan–Bougouni–Bamako", "Nowhere–Bamako"],
        "connected": [True, True, True, False], "road_km": [1386.1, 1206.6, 1206.6, NAN],
        "message": ["", "", "same roads as Abidjan–Sikasso–Bamako in the road data", "no route"],
        "origin_kind": ["port", "port", "port", "port"]})


@pytest.fixture
def lengths() -> pd.DataFrame:
    return pd.DataFrame({"corridor": ["Dakar–Kayes–Bamako", "Dakar–Kayes–Bamako", "Niamey–Bamako"],
                         "computed_road_km": [1386.1, 1386.1, 1393.2], "figure_id": ["C041", "C090", "C080"],
                         "cited_km": [1387, 1350, 1400]})


@pytest.fixture
def catalogue(figures) -> Catalogue:
    ids = ["S1", "S2", "S3", "FS1", "FS2", "FS3", "FS4", "FS5", "FS6", "FS7", "FS8", "FS9", "FC1", "FC2"]
    sources = pd.DataFrame({"publisher": [f"Pub {i}" for i in ids], "published": "2025-09-01"}, index=ids)
    figs = pd.concat([figures, _figures([("C041", "len", "1387", 1387.0, "km", "2013", "FC1"),
                                          ("C090", "len", "1350", 1350.0, "km", "2021", "FC2")])])
    datasets = pd.DataFrame({"attribution": ["Event register", "Corridors", "Roads"],
                             "retrieved": ["2026-11-25"] * 3}, index=["events", "corridors", "roads"])
    return Catalogue(datasets=datasets, sources=sources, figures=figs.set_index("figure_id"))


# --- the event record ----------------------------------------------------------------------------------------

def test_cutoff_is_the_latest_date_anywhere(events):
    assert A.record_cutoff(events) == pd.Timestamp("2026-01-29")
    later_end = events.assign(date_end=events["date_end"].where(events["event_id"] != "E2",
                                                                pd.Timestamp("2026-03-01")))
    assert A.record_cutoff(later_end) == pd.Timestamp("2026-03-01")


def test_month_rows_are_never_counted(events):
    dated = A.dated_incidents(events)
    assert "E2" not in set(dated["event_id"]) and len(dated) == 8
    assert A.record_span(events) == (pd.Timestamp("2025-07-02"), pd.Timestamp("2026-01-29"))


def test_record_span_ends_on_the_last_day_an_incident_covers(events):
    """Edition 2: the stamp gave 12 Mar 2026 (E075 runs 10-12 Mar) and the takeaway under it '... to 10 Mar 2026'."""
    dated = A.dated_incidents(events)
    last_id = dated.sort_values("date_start")["event_id"].iloc[-1]
    spanning = events.assign(date_end=events["date_end"].where(events["event_id"] != last_id,
                                                               pd.Timestamp("2026-02-02")))
    assert A.record_span(spanning) == (pd.Timestamp("2025-07-02"), pd.Timestamp("2026-02-02"))


def test_incidents_by_type(events):
    table = A.incidents_by_type(events).set_index("event_type")
    assert table.loc["convoy_attack", "incidents"] == 3
    assert table.loc["blockade_declared", "incidents"] == 3
    assert "other" not in table.index  # its only row is a month aggregate
    assert table.loc["convoy_attack", "first"] == pd.Timestamp("2025-09-10")
    assert table.loc["convoy_attack", "last"] == pd.Timestamp("2026-01-29")
    assert bool(table.loc["abduction", "attack"]) and not bool(table.loc["blockade_declared", "attack"])
    assert list(A.incidents_table(events).columns) == ["event type", "dated events", "first", "last", "attack type"]


def test_blockaded_towns_are_computed_from_town_level_rows(events, points):
    towns = A.blockaded_towns(events, points)
    assert list(towns["town"]) == ["Kayes", "Nioro"]  # not Bamako (near_town checkpoint), not Léré (unplaced)
    kayes = towns.set_index("town").loc["Kayes"]
    assert kayes["event_ids"] == "E1;E3" and kayes["source_ids"] == "S1;S2;S3"
    assert kayes["dates"] == "2 Jul 2025, 3 Sep 2025"
    assert towns.set_index("town").loc["Nioro", "lon"] == pytest.approx(-9.6)
    assert list(A.unplaced_blockades(events)["event_id"]) == ["E8"]


def test_attack_points_and_unlocated(events):
    pts = A.attack_points(events)
    assert list(pts["event_id"]) == ["E4", "E5", "E6", "E9"]  # a checkpoint is an attack (vocabulary.ATTACK_TYPES)
    assert set(pts["town"]) == {"Bamako", "Kayes"}
    assert list(A.unlocated_attacks(events)["event_id"]) == ["E7"]
    table = A.map_table(events, points=pd.DataFrame({"place": ["Kayes"], "lon": [-11.4], "lat": [14.4]}))
    assert len(table) == 2 + 5  # two towns, five dated attacks (located or not)
    assert table.loc[table["events"] == "E7", "drawn at"].iloc[0].startswith("not drawn")


# --- figures from the register -------------------------------------------------------------------------------

def test_figure_value_reads_unit_qualifiers(figures):
    row = lambda i: A.figure_row(figures, i)  # noqa: E731
    assert A.figure_value(row("T001")) == "3 Sep 2025"
    assert A.figure_value(row("G074")) == "77 %"
    assert A.figure_value(row("G083")) == "about 80 %"
    assert A.figure_value(row("G041")) == "66.48 tonnes"
    assert A.figure_value(row("H048")) == "about 300,000 persons, mainly Malian"
    assert A.figure_value(row("H050")) == "more than 300,000 persons"
    assert A.figure_value(A.figure_row(figures, "X999")) == A.NOT_FOUND
    assert A.as_of_text(row("G083")) == "Sep 2025 (report date)"
    assert A.as_of_text(row("G074")) == "circa 2020-2021"
    assert A.as_of_text(row("H049")) == "end Oct 2025 to end Dec 2025"


def test_corridor_facts(summary, lengths):
    facts = A.corridor_facts(summary, lengths)
    assert facts["routed"] == 3 and facts["total"] == 4
    assert facts["shared"] == ["Abidjan–Bougouni–Bamako"] and facts["shared_with"] == ["Abidjan–Sikasso–Bamako"]
    assert facts["dakar_km"] == pytest.approx(1386.1)
    assert facts["dakar_cited"] == [("C090", 1350.0), ("C041", 1387.0)]  # the Niamey row is not Dakar's


def test_headline_table_shows_conflicts_side_by_side(events, figures, summary, lengths, catalogue):
    table = A.headline_table(events, figures, summary, lengths, catalogue).set_index("figure")
    assert list(table.columns) == ["chapter", "value", "as of", "ids", "source"]
    start = table.filter(like="declared", axis=0).iloc[0]
    assert start["value"] == "3 Sep 2025 (T001) / 4 Sep 2025 (T002)"
    assert "[FS1]" in start["source"] and "[FS2]" in start["source"]
    record = table.filter(like="Dated events", axis=0).iloc[0]
    assert record["value"].startswith("8, of which 3 convoy attacks") and "1 abduction" in record["value"]
    assert record["as of"] == "2 Jul 2025 – 29 Jan 2026"
    gold = table.loc["Industrial gold production"]
    assert gold["value"] == "66.5 tonnes (G002) / 66.48 tonnes (G041) → 42.2 tonnes (G039)"
    dakar = table.loc["Dakar–Kayes–Bamako: road length"]
    assert dakar["value"] == "1,386 km computed; cited 1,350 km (C090), 1,387 km (C041)"


def test_headline_table_marks_a_missing_figure(events, figures, summary, lengths, catalogue):
    table = A.headline_table(events, figures[figures["figure_id"] != "H022"], summary, lengths, catalogue)
    row = table[table["ids"] == "H022"].iloc[0]
    assert A.NOT_FOUND in row["value"]


# --- sentences -----------------------------------------------------------------------------------------------

def test_takeaways_are_computed(events, figures, summary, lengths):
    text = A.takeaway_sentences(events, figures, summary, lengths)
    assert 3 <= len(text) <= 5
    assert "from 2 Jul 2025 to 29 Jan 2026" in text[0] and "8 dated events; 5 of them are attacks" in text[0]
    assert "Kayes and Nioro" in text[1] and "3 Sep 2025 (T001) or 4 Sep 2025 (T002)" in text[1]
    assert "routes 3 supply corridors" in text[2] and "1,386 km" in text[2]
    assert "77 % (G074) to about 80 % (G083)" in text[3]


def test_silence_note_names_cutoff_and_compile_date(events, catalogue):
    note = A.silence_note(events, catalogue)
    assert "ends on 29 Jan 2026" in note and "from Feb 2026" in note and "25 Nov 2026" in note
    assert "cannot say whether the blockade ended or continued" in note


def test_judgements_cite_computed_evidence(events, figures):
    from widgets import loaders as L

    items = A.key_judgements(L.load_judgements(), events, figures)
    assert {j.confidence for j in items} <= {"high", "moderate", "low"}
    assert "(E1, E3)" in items[0].evidence
    assert "Dakar–Kayes–Bamako: 2" in items[1].evidence and "Abidjan–Bougouni–Bamako: 1" in items[1].evidence
    assert "17.0 t" in items[2].evidence and "12.6 t" in items[2].evidence  # 22.5−5.5 and 54.8−42.2
    assert "E8" in items[3].evidence


def test_chapter_list_links_every_chapter(events, summary, lengths):
    guide = A.chapter_guide(events, summary, lengths)
    assert list(guide["notebook"]) == ["01_threat.ipynb", "02_corridors.ipynb", "03_gold.ipynb",
                                       "04_spillover.ipynb", "05_methods_and_sources.ipynb"]
    html = A.chapter_list_html(guide)
    assert html.count("<a href=") == 5 and 'href="01_threat.ipynb"' in html


# --- figures -------------------------------------------------------------------------------------------------

def test_fan_out_spreads_types_at_one_town():
    pts = pd.DataFrame({"event_id": ["a", "b", "c", "d"], "town": ["K", "K", "K", "S"],
                        "event_type": ["convoy_attack", "convoy_attack", "abduction", "abduction"],
                        "date_start": pd.to_datetime(["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04"]),
                        "place": ["p"] * 4, "lon": [0.0, 0.0, 0.0, 5.0], "lat": [10.0, 10.0, 10.0, 11.0]})
    out = F.fan_out(pts, radius=1.0).set_index(["town", "event_type"])
    assert out.loc[("K", "convoy_attack"), "n"] == 2 and out.loc[("K", "abduction"), "n"] == 1
    # two types at K: opposite points of a unit circle around it; one type at S: no shift
    k1, k2 = out.loc[("K", "convoy_attack")], out.loc[("K", "abduction")]
    assert math.hypot(k1["lon"], k1["lat"] - 10) == pytest.approx(1.0)
    assert math.hypot(k1["lon"] - k2["lon"], k1["lat"] - k2["lat"]) == pytest.approx(2.0)
    assert (out.loc[("S", "abduction"), "lon"], out.loc[("S", "abduction"), "lat"]) == (5.0, 11.0)


def test_watch_items_cite_known_ids(figures):
    from widgets import loaders as L

    catalogue = L.load_catalogue()
    ids = {i for item in A.watch_items(L.load_judgements(), figures) for i in __import__("re").findall(r"\b[CGHT]\d{3}\b", item)}
    assert ids and all(catalogue.knows(i) for i in ids)


def test_example_figures_carry_known_source_ids():
    from widgets import loaders as L

    catalogue = L.load_catalogue()
    figs = F.examples()
    assert len(figs) == 2
    for fig in figs:
        ids = source_ids_of(fig)
        assert ids and all(catalogue.knows(i) for i in ids)
        assert fig.layout.title.text and fig.layout.meta["source_line"]


def test_real_headline_ids_exist_with_the_expected_metrics():
    """The ids the overview reads must be the rows the brief means (metric checked, value read from data)."""
    from widgets import loaders as L

    figures = L.load_figures()
    expected = {"T001": "blockade_start_date", "T002": "blockade_announcement_date",
                "G074": "kayes_share_mali_gold_production", "G083": "kayes_share_mali_gold_production",
                "G002": "industrial_gold_production", "G041": "industrial_gold_production",
                "G039": "industrial_gold_production", "G040": "industrial_gold_production",
                "G042": "loulo_gounkoto_production_tonnes", "G043": "loulo_gounkoto_production_tonnes",
                "H022": "central_sahel_and_neighbours_displaced", "H048": "refugees_in_mauritania_total"}
    for fid, metric in expected.items():
        row = A.figure_row(figures, fid)
        assert row is not None and row["metric"] == metric, fid
    assert np.isfinite(A.figure_row(figures, "G039")["value_num"])


def test_incidents_chart_puts_other_last():
    """Issue 13: the overview's first chart led with 'Other'."""
    from widgets import loaders as L
    from widgets.figures import overview as FO

    fig = FO.incidents_chart(L.load_events(), catalogue=L.load_catalogue())
    rows = list(fig.data[0].y)[::-1]  # top of the chart first
    assert "Other" in rows and rows[-1] == "Other", rows
