"""Chapter 2 (corridors): analysis functions on small fixtures with known answers, plus the chapter's figures."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from widgets.analysis import corridors_chapter as A
from widgets.figures import corridors_chapter as F
from widgets.figures.common import source_ids_of

CRS = "EPSG:4326"


# ---------------------------------------------------------------- fixtures


def _segments() -> gpd.GeoDataFrame:
    """Corridor a: nodes 1→2→3 along the equator; corridor b: 3→2 (shares link 2-3 reversed) then 2→4 north."""
    rows = [
        ("a", "A road", 0, 1, 2, 111.0, "", LineString([(0, 0), (1, 0)])),
        ("a", "A road", 1, 2, 3, 111.0, "", LineString([(1, 0), (2, 0)])),
        ("b", "B road", 0, 3, 2, 111.0, "", LineString([(2, 0), (1, 0)])),
        ("b", "B road", 1, 2, 4, 111.0, "", LineString([(1, 0), (1, 1)])),
    ]
    cols = ["corridor_id", "corridor", "seq", "from_node", "to_node", "road_km", "towns", "geometry"]
    return gpd.GeoDataFrame(rows, columns=cols, geometry="geometry", crs=CRS)


def _summary() -> pd.DataFrame:
    return pd.DataFrame({"corridor_id": ["a", "b"], "corridor": ["A road", "B road"], "road_km": [222.0, 222.0],
                         "geodesic_km": [222.0, 222.0], "waypoints": ["P → Q", "R → Q"], "origin_kind": ["port", "inland"],
                         "message": ["", ""]})


def _places() -> gpd.GeoDataFrame:
    names = ["Near", "Far", "Bamako"]
    pts = [Point(0.5, 0.05), Point(0.5, 0.6), Point(0, 0)]
    return gpd.GeoDataFrame({"name": names, "brief_list": [True] * 3}, geometry=pts, crs=CRS)


def _events(rows: list[dict]) -> pd.DataFrame:
    base = {"date_precision": "day", "summary": "", "corridor": "none", "event_type": "convoy_attack",
            "snapped": True, "lon": np.nan, "lat": np.nan, "date_start": pd.Timestamp("2025-10-01"),
            "date_end": pd.NaT, "source_ids": "S1"}
    return pd.DataFrame([{**base, **r} for r in rows])


def _figures() -> pd.DataFrame:
    values = {"C012": 70, "C018": 70, "C067": 70, "C068": 40, "C069": 30, "C070": 30, "C094": 28, "C062": 2.5,
              "C063": 835216, "C046": 80, "C019": 50, "C034": 30, "C031": 6000, "C025": 6000, "C002": 100,
              "C020": 1192, "C021": 54, "C022": 40, "C023": 14.4, "C026": 2000, "C100": 757, "C101": 843, "C102": 73,
              "U001": 622}
    units = {"C062": "million tonnes (nearly)", "C063": "tonnes", "C031": "tanker trucks/month",
             "C025": "tanker trucks/month", "C002": "trucks/day", "C020": "tanker trucks", "C026": "tanker trucks",
             "C100": "tanker trucks (x litres)", "C101": "tanker trucks (y litres)", "U001": "tanker trucks (z litres)",
             "C021": "million litres",
             "C022": "million litres", "C023": "million litres", "C102": "million litres"}
    as_of = {"C020": "2026-01 (12-21 January)", "C021": "2026-01-12 to 2026-01-21",
             "C100": "2026-01-26 to 2026-02-01", "C101": "2026-02-02 to 2026-02-08",
             "C102": "2026-01-26 to 2026-02-08", "C094": "2006", "U001": "2026-02-09 to 2026-02-15"}
    rows = [{"figure_id": i, "metric": A.FIGURE_METRICS[i], "value": str(v), "value_num": float(v),
             "unit": units.get(i, "percent"), "as_of": as_of.get(i, "2025"), "confidence": "medium", "notes": "",
             "source_id": "F-S1"} for i, v in values.items()]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("text, expected", [
    ("2026-01-12 to 2026-01-21", ("2026-01-12", "2026-01-21")),
    ("2026-01 (12-21 January)", ("2026-01-12", "2026-01-21")),
    ("2026-01 (after 18 January)", None),
    ("2025", None),
    ("before blockade (2025)", None),
])
def test_parse_period(text, expected):
    got = A.parse_period(text)
    assert (got if got is None else (str(got[0].date()), str(got[1].date()))) == expected


def test_cutoff_takes_latest_of_events_and_figure_periods():
    events = _events([{"date_start": pd.Timestamp("2026-01-29")}])
    figures = pd.DataFrame({"as_of": ["2026-02-02 to 2026-02-08", "2006", "circa 2012-2013"]})
    assert A.cutoff(events, figures) == pd.Timestamp("2026-02-08")
    assert A.cutoff(events, figures.iloc[1:]) == pd.Timestamp("2026-01-29")


# ---------------------------------------------------------------- corridors


def test_corridors_near_towns_uses_distance_not_names():
    near = A.corridors_near_towns(_segments(), _summary(), _places(), towns=("Near", "Far"), km=10)
    # "Near" is ~5.5 km north of link 1-2 (corridor a only; b starts at 1°E); "Far" is ~55 km from every line.
    assert set(near["town"]) == {"Near"}
    assert set(near["corridor_id"]) == {"a"}
    assert near["distance_km"].between(5, 6).all()
    assert A.corridors_near_towns(_segments(), _summary(), _places(), towns=("Far",), km=10).empty
    with pytest.raises(KeyError):
        A.corridors_near_towns(_segments(), _summary(), _places(), towns=("Nowhere",))


def test_cited_lengths_text_says_not_found():
    lengths = pd.DataFrame({"corridor": ["A road"], "figure_id": ["C090"], "cited_km": [1350.0]})
    figures = pd.DataFrame({"figure_id": ["C090"], "as_of": ["2021"], "notes": [""]})
    assert A.cited_lengths_text("a", lengths, _summary(), figures) == "1,350 km (C090, 2021)"
    assert A.cited_lengths_text("b", lengths, _summary(), figures) == "not found in our sources"


def test_road_links_merge_shared_reversed_links():
    links = A.road_links(_segments())
    assert len(links) == 3
    shared = links[links["link"] == "2-3"].iloc[0]
    assert shared["corridor_ids"] == "a;b"


# ---------------------------------------------------------------- events


def test_aggregates_and_non_incident_types_are_excluded():
    events = _events([
        {"event_id": "E1"},
        {"event_id": "E2", "date_precision": "month"},
        {"event_id": "E3", "date_precision": "week", "summary": "some 100 trucks burned (aggregate claim)"},
        {"event_id": "E4", "event_type": "state_air_strike"},
        {"event_id": "E5", "event_type": "abduction", "date_precision": "week"},
    ])
    assert list(A.is_aggregate(events)) == [False, True, True, False, False]
    assert list(A.road_incidents(events)["event_id"]) == ["E1", "E5"]


def test_at_hub():
    events = _events([{"event_id": "E1", "lon": 0.0, "lat": 0.0}, {"event_id": "E2", "lon": 0.01, "lat": 0.0},
                      {"event_id": "E3", "lon": 1.0, "lat": 0.0}, {"event_id": "E4"}])
    assert list(A.at_hub(events, _places())) == [True, True, False, False]


def test_assign_links_junction_touches_both_sides_and_skips_hub_and_unsnapped():
    links = A.road_links(_segments())
    incidents = _events([
        {"event_id": "J", "lon": 1.0, "lat": 0.001},  # at node 2: links 1-2, 2-3 and 2-4 all meet there
        {"event_id": "N", "lon": 1.005, "lat": 0.7},  # on link 2-4 only
        {"event_id": "H", "lon": 0.0, "lat": 0.0},  # at the hub
        {"event_id": "U", "lon": 1.5, "lat": 0.0, "snapped": False},
    ])
    hub = pd.Series([False, False, True, False])
    assigned = A.assign_links(incidents, links, hub).set_index("event_id")
    assert set(assigned.index) == {"J", "N"}
    assert set(assigned.at["J", "links"].split(";")) == {"1-2", "2-3", "2-4"}
    assert assigned.at["N", "links"] == "2-4" and assigned.at["N", "corridor_ids"] == "b"
    pressure = A.link_pressure(links, assigned.reset_index()).set_index("link")
    assert pressure.at["2-4", "incidents"] == 2 and pressure.at["1-2", "incidents"] == 1
    assert pressure.at["2-4", "event_ids"] == "J, N"


def test_events_by_corridor_separates_label_and_snapping():
    incidents = _events([{"event_id": "E1", "corridor": "A road"}, {"event_id": "E2", "corridor": "other"},
                         {"event_id": "E3", "corridor": "none"}])
    assigned = pd.DataFrame({"event_id": ["E1", "E2"], "corridor_ids": ["b", "a;b"]})
    table = A.events_by_corridor(incidents, assigned, _summary()).set_index("corridor")
    assert table.at["A road", "named_by_sources"] == 1 and table.at["A road", "snapped_by_town_point"] == 1
    assert table.at["A road", "both"] == 0
    assert table.at["B road", "snapped_by_town_point"] == 2 and table.at["B road", "named_by_sources"] == 0
    assert table.at["Another road (sources: 'other')", "named_by_sources"] == 1
    assert pd.isna(table.at["No corridor named ('none')", "snapped_by_town_point"])


def test_incident_location_counts():
    incidents = _events([{"event_id": "E1", "lon": 0.0, "lat": 0.0}, {"event_id": "E2", "lon": 1.0, "lat": 0.0},
                         {"event_id": "E3", "snapped": False}])
    counts = A.incident_location_counts(incidents, pd.Series([True, False, False]))
    assert counts == {"incidents": 3, "located": 2, "snapped": 2, "at_capital": 1, "unlocated": 1}


# ---------------------------------------------------------------- shares and flows


def test_share_table_marks_unknown_not_zero():
    shares = A.share_table(_figures())
    goods = shares[shares["measure"].str.startswith("Share of goods")].set_index("port")
    assert goods.at["Dakar", "share_pct"] == 70 and goods.at["Dakar", "figure_ids"] == "C012, C018, C067"
    assert pd.isna(goods.at["Abidjan", "share_pct"]) and goods.at["Abidjan", "status"] == "unknown"
    trade = shares[shares["measure"].str.contains("2010")].set_index("port")
    assert trade.at["Lomé", "status"] == "inside the combined figure"
    assert trade.at["Nouakchott", "status"] == "unknown"
    assert (shares["share_pct"].fillna(-1) != 0).all()


def test_share_table_conflicting_sources_are_not_silently_picked():
    figures = _figures()
    figures.loc[figures["figure_id"] == "C018", "value_num"] = 65.0
    goods = A.share_table(figures).set_index(["measure", "port"]).loc[("Share of goods to Mali, 2020–25", "Dakar")]
    assert pd.isna(goods["share_pct"]) and goods["status"] == "sources differ"


def test_checked_figures_fails_when_an_id_changes_meaning():
    figures = _figures()
    figures.loc[figures["figure_id"] == "C094", "metric"] = "something_else"
    with pytest.raises(ValueError):
        A.checked_figures(figures, ["C094"])
    with pytest.raises(KeyError):
        A.checked_figures(figures, ["C999"])


def test_tonnage_table_scales_millions():
    tons = A.tonnage_table(_figures()).set_index("port")
    assert tons.at["Dakar", "tonnes"] == 2_500_000 and tons.at["Abidjan", "tonnes"] == 835216
    assert pd.isna(tons.at["Conakry", "tonnes"])


def test_fuel_flow_rates():
    flows = A.fuel_flow_table(_figures()).set_index("figure_id")
    assert flows.at["C031", "tankers_per_day"] == pytest.approx(6000 / (365.25 / 12), abs=0.1)
    assert flows.at["C002", "tankers_per_day"] == 100
    assert flows.at["C020", "days"] == 10 and flows.at["C020", "tankers_per_day"] == pytest.approx(119.2)
    assert flows.at["C100", "tankers_per_day"] == pytest.approx(108.1)
    assert flows.at["U001", "tankers_per_day"] == pytest.approx(622 / 7, abs=0.1)  # edition 2's week
    assert pd.isna(flows.at["C021", "tankers_per_day"])  # litres: no per-day tanker rate
    assert pd.isna(flows.at["C026", "tankers_per_day"])  # open period: no rate


# ---------------------------------------------------------------- real data and figures


@pytest.fixture(scope="module")
def chapter():
    return F.chapter_data()


def test_real_data_blockade_corridors_and_cutoff(chapter):
    assert set(chapter.near["corridor_id"]) == {"dakar", "nouakchott"}
    assert chapter.cutoff >= chapter.events["date_start"].max()
    counts = chapter.counts
    assert counts["incidents"] == counts["located"] + counts["unlocated"]


def test_takeaways_are_computed_sentences(chapter):
    d = chapter
    sentences = A.takeaway_sentences(d.table, d.near, d.by_corridor, d.counts, d.flows, d.shares)
    assert 3 <= len(sentences) <= 5
    assert all(any(ch.isdigit() for ch in s) for s in sentences)
    assert "not found" not in sentences[0] or "1,3" in sentences[0]


def test_every_figure_has_known_source_ids(chapter):
    cat = chapter.catalogue
    figures = F.all_figures(chapter)
    assert len(figures) == len(F.BUILDERS)
    for name, fig in figures.items():
        ids = source_ids_of(fig)
        assert ids, name
        assert all(cat.knows(i) for i in ids), name


def test_examples_returns_every_figure():
    assert len(F.examples()) == len(F.BUILDERS)


def test_tables_exist_for_every_view(chapter):
    for name in ["corridor_map", "lengths", "blockade", "pressure", "incidents", "shares", "fuel"]:
        assert not F.table(name, chapter).empty, name


def test_leaders_reports_ties():
    rows = pd.DataFrame({"corridor": ["A", "B", "C"], "n": [6, 6, 2]})
    assert F._leaders(rows, "n") == "A and B (6 each)"
    assert F._leaders(rows.iloc[1:], "n") == "B (6)"


def test_incidents_placed_only_at_bamako_are_counted(chapter):
    """Edition 2 correction: E014, E025 and E032 sit at Bamako only; the count once saw only snapped events (0)."""
    assert chapter["counts"]["at_capital"] == 3


def test_chapter_data_is_typed_and_names_an_unknown_table(chapter):
    assert chapter["table"] is chapter.table  # the figure builders read fields by name
    with pytest.raises(KeyError, match="no 'tabel'"):
        chapter["tabel"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        chapter.table = None
