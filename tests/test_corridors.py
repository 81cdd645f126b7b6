import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from widgets import corridors, loaders
from widgets.geo import METRIC_CRS, points_frame


@pytest.fixture(scope="module")
def real():
    roads = loaders.load_roads()
    places = loaders.load_places()
    defs = pd.DataFrame([{"corridor_id": "dakar", "corridor": "Dakar–Kayes–Bamako", "origin": "Dakar",
                          "via": "Kayes", "destination": "Bamako"}])
    return roads, places, defs


def toy_network() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """A straight toy road A(0,0) – B(1,0) – C(2,0) with 100 km links, and three towns."""
    roads = gpd.GeoDataFrame({"from": [1, 2], "to": [2, 3], "edge_road_distance_m_osrm": [100_000.0, 100_000.0]},
                             geometry=[LineString([(0, 0), (1, 0)]), LineString([(1, 0), (2, 0)])], crs="EPSG:4326")
    places = points_frame(pd.DataFrame({"name": ["A", "B", "C", "Far"], "lon": [0, 1, 2, 1], "lat": [0, 0, 0, 3],
                                        "brief_list": [True] * 4}))
    return roads, places


def test_dakar_route_passes_within_10_km_of_kayes(real):
    roads, places, defs = real
    segments, summary = corridors.route_corridors(corridors.road_graph(roads), places, defs)
    assert summary.loc[0, "connected"]
    kayes = places[places["name"] == "Kayes"].to_crs(METRIC_CRS).geometry.iloc[0]
    assert segments.to_crs(METRIC_CRS).distance(kayes).min() <= 10_000
    assert "Kayes" in summary.loc[0, "towns"].split(";")


def test_dakar_route_length_is_close_to_cited_lengths(real):
    roads, places, defs = real
    _, summary = corridors.route_corridors(corridors.road_graph(roads), places, defs)
    # Cited: 1,350 km (C090) and 1,387 km (C041); a network route should land within 10 % of both.
    assert 1_215 <= summary.loc[0, "road_km"] <= 1_485


def test_length_changes_when_road_data_changes(real):
    roads, places, defs = real
    _, before = corridors.route_corridors(corridors.road_graph(roads), places, defs)
    longer = roads.copy()
    longer["edge_road_distance_m_osrm"] *= 1.1
    _, after = corridors.route_corridors(corridors.road_graph(longer), places, defs)
    assert after.loc[0, "road_km"] == pytest.approx(before.loc[0, "road_km"] * 1.1, rel=0.01)


def test_toy_route_sums_road_km_and_lists_towns_in_order():
    roads, places = toy_network()
    defs = pd.DataFrame([{"corridor_id": "t", "corridor": "A–C", "origin": "A", "via": "", "destination": "C"}])
    segments, summary = corridors.route_corridors(corridors.road_graph(roads), places, defs)
    assert summary.loc[0, "road_km"] == 200.0
    assert summary.loc[0, "towns"] == "A;B;C"
    assert list(segments["seq"]) == [0, 1]
    # Geodesic length of 2° of longitude on the equator ≈ 222.6 km.
    assert summary.loc[0, "geodesic_km"] == pytest.approx(222.6, abs=0.5)


def test_unconnectable_corridors_say_why_and_draw_nothing():
    roads, places = toy_network()
    defs = pd.DataFrame([
        {"corridor_id": "far", "corridor": "A–Far", "origin": "A", "via": "", "destination": "Far"},
        {"corridor_id": "gap", "corridor": "A–C", "origin": "A", "via": "", "destination": "C"},
        {"corridor_id": "ghost", "corridor": "A–Ghost", "origin": "A", "via": "", "destination": "Ghost"},
    ])
    broken = roads.iloc[[0]]  # the B–C link is gone
    broken = pd.concat([broken, gpd.GeoDataFrame({"from": [4], "to": [3], "edge_road_distance_m_osrm": [1.0]},
                                                 geometry=[LineString([(2.001, 0), (2, 0)])], crs="EPSG:4326")])
    segments, summary = corridors.route_corridors(corridors.road_graph(broken), places, defs)
    assert not summary["connected"].any()
    assert "km from the nearest road node" in summary.loc[0, "message"]
    assert "no road link between A and C" in summary.loc[1, "message"]
    assert "not in the gazetteer" in summary.loc[2, "message"]
    assert segments.empty


def test_snap_events_within_distance_only():
    roads, places = toy_network()
    defs = pd.DataFrame([{"corridor_id": "t", "corridor": "A–C", "origin": "A", "via": "", "destination": "C"}])
    segments, _ = corridors.route_corridors(corridors.road_graph(roads), places, defs)
    # 0.1° of latitude ≈ 11 km off the road; 1° ≈ 111 km.
    events = gpd.GeoDataFrame({"event_id": ["near", "far"]}, geometry=[Point(0.5, 0.1), Point(0.5, 1.0)],
                              crs="EPSG:4326")
    snapped = corridors.snap_events(events, segments, max_km=20).set_index("event_id")
    assert snapped.loc["near", "snapped"] and snapped.loc["near", "snap_corridor_ids"] == "t"
    assert snapped.loc["near", "snap_km"] == pytest.approx(11.1, abs=0.3)
    assert not snapped.loc["far", "snapped"] and snapped.loc["far", "snap_corridor_ids"] == ""


def test_compare_lengths_reports_difference():
    summary = pd.DataFrame([{"corridor_id": "d", "corridor": "D", "connected": True, "road_km": 1386.0}])
    defs = pd.DataFrame([{"corridor_id": "d", "cited_length_figure_ids": "C1"}])
    figures = pd.DataFrame([{"figure_id": "C1", "value": "1350", "source_id": "F-S1"}])
    row = corridors.compare_lengths(summary, defs, figures).iloc[0]
    assert (row["diff_km"], row["diff_pct"]) == (36.0, 2.7)
