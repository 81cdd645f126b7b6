"""Corridors on the bundled road network: graph, routing, towns passed, event snapping.

`roads.geojson` is a schematic inter-city network derived from OpenStreetMap via OSRM (flownet): each edge is a
real road route between two nodes, with a generalised line and the OSRM road distance of the whole edge. We route on
the graph with that road distance as weight and also report the geodesic length of the drawn lines (which
under-states road km, ~9% median per the geodata README).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
from shapely.geometry import MultiLineString
from shapely.ops import linemerge

from widgets.geo import METRIC_CRS, STORAGE_CRS, geodesic_km, point_distance_km, to_metric
from widgets.vocabulary import split_ids

# A waypoint farther than this from any road node is "not on the network" (no straight lines passed off as roads).
SNAP_NODE_KM = 25.0
# Town points sit on junctions of several links; links this much farther than the nearest still count as "at" it.
SHARED_ROAD_KM = 2.0
# A gazetteer town within this distance of a route's line counts as "passed".
TOWN_PASS_KM = 10.0


@dataclass(frozen=True)
class RoadGraph:
    graph: nx.Graph
    nodes: pd.DataFrame  # node id -> lon, lat


def _node_positions(roads: gpd.GeoDataFrame) -> pd.DataFrame:
    """Each node's position, voted from the ends of its edges.

    An edge may be stored as several pieces (clipping, multi-part routes) in route order, so an edge starts at its
    first piece's first vertex and ends at its last piece's last vertex. Ends are rounded to ~1 km for the vote.
    """
    votes: dict[int, Counter] = {}
    exact: dict[tuple[int, tuple[float, float]], list[tuple[float, float]]] = {}
    for (start, end), pieces in roads.groupby(["from", "to"], sort=False):
        ends = ((int(start), pieces.geometry.iloc[0].coords[0]), (int(end), pieces.geometry.iloc[-1].coords[-1]))
        for node, xy in ends:
            key = (round(xy[0], 2), round(xy[1], 2))
            votes.setdefault(node, Counter())[key] += 1
            exact.setdefault((node, key), []).append(xy)
    rows = []
    for node, counter in sorted(votes.items()):
        key = max(counter.items(), key=lambda kv: (kv[1], kv[0]))[0]
        lon, lat = np.mean(exact[(node, key)], axis=0)
        rows.append({"node": node, "lon": float(lon), "lat": float(lat)})
    return pd.DataFrame(rows).set_index("node")


def road_graph(roads: gpd.GeoDataFrame) -> RoadGraph:
    """An undirected graph of the road network; edge weight `road_km` is the OSRM road distance."""
    graph = nx.Graph()
    for (start, end), pieces in roads.groupby(["from", "to"], sort=True):
        line = linemerge(MultiLineString([g for g in pieces.geometry]))
        road_km = float(pieces["edge_road_distance_m_osrm"].iloc[0]) / 1000.0
        a, b = int(start), int(end)
        if graph.has_edge(a, b) and graph.edges[a, b]["road_km"] <= road_km:
            continue  # keep the shorter of two parallel links
        graph.add_edge(a, b, road_km=road_km, geodesic_km=geodesic_km(line), geometry=line)
    return RoadGraph(graph=graph, nodes=_node_positions(roads))


def nearest_node(road: RoadGraph, lon: float, lat: float) -> tuple[int, float]:
    """The road node nearest to a point, and its geodesic distance in km."""
    distances = [point_distance_km(lon, lat, x, y) for x, y in zip(road.nodes["lon"], road.nodes["lat"])]
    i = int(np.argmin(distances))
    return int(road.nodes.index[i]), float(distances[i])


def _waypoints(row: pd.Series) -> list[str]:
    via = row.get("via")
    return [row["origin"], *split_ids(row.get("via")), row["destination"]]


def route_corridors(
    road: RoadGraph,
    places: gpd.GeoDataFrame,
    corridors: pd.DataFrame,
    *,
    snap_km: float = SNAP_NODE_KM,
    town_km: float = TOWN_PASS_KM,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Route each corridor origin → via → destination on the road graph (shortest road km).

    Returns (segments, summary). A corridor the data cannot connect gets `connected=False` and a message saying
    which waypoint or leg failed; it contributes no segments.
    """
    by_name = places.drop_duplicates("name").set_index("name")
    segments, summary, paths = [], [], {}
    for _, row in corridors.iterrows():
        names = _waypoints(row)
        message, path = "", []
        for name in names:
            if name not in by_name.index:
                message = f"waypoint {name!r} is not in the gazetteer"
                break
        if not message:
            snapped = [nearest_node(road, by_name.at[n, "lon"], by_name.at[n, "lat"]) for n in names]
            far = [(n, d) for n, (_, d) in zip(names, snapped) if d > snap_km]
            if far:
                message = "; ".join(f"{n} is {d:.0f} km from the nearest road node (limit {snap_km:.0f} km)" for n, d in far)
            else:
                for (a, _), (b, _), na, nb in zip(snapped, snapped[1:], names, names[1:]):
                    try:
                        leg = nx.shortest_path(road.graph, a, b, weight="road_km")
                    except nx.NetworkXNoPath:
                        message = f"no road link between {na} and {nb} in the road data"
                        break
                    path.extend(leg if not path else leg[1:])
        rows = []
        if not message:
            for seq, (a, b) in enumerate(zip(path, path[1:])):
                edge = road.graph.edges[a, b]
                rows.append({"corridor_id": row["corridor_id"], "corridor": row["corridor"], "seq": seq,
                             "from_node": a, "to_node": b, "road_km": round(edge["road_km"], 3),
                             "geodesic_km": round(edge["geodesic_km"], 3),
                             "geometry": _oriented(edge["geometry"], road.nodes.loc[a])})
        same_as = [other for other, p in paths.items() if path and p == path]
        if path:
            paths[row["corridor"]] = path
        if same_as and not message:
            message = f"same roads as {same_as[0]} in the road data (no separate link)"
        seg = gpd.GeoDataFrame(rows, geometry="geometry", crs=STORAGE_CRS) if rows else None
        towns = _towns_passed(seg, places, town_km) if seg is not None else []
        if seg is not None:
            seg["towns"] = [";".join(_towns_passed(seg.iloc[[i]], places, town_km)) for i in range(len(seg))]
            segments.append(seg)
        summary.append({
            "corridor_id": row["corridor_id"], "corridor": row["corridor"], "waypoints": " → ".join(names),
            "connected": bool(path), "road_km": round(seg["road_km"].sum(), 1) if seg is not None else np.nan,
            "geodesic_km": round(seg["geodesic_km"].sum(), 1) if seg is not None else np.nan,
            "segments": 0 if seg is None else len(seg), "towns": ";".join(towns), "message": message,
        })
    columns = ["corridor_id", "corridor", "seq", "from_node", "to_node", "road_km", "geodesic_km", "towns", "geometry"]
    all_segments = (gpd.GeoDataFrame(pd.concat(segments, ignore_index=True), crs=STORAGE_CRS)
                    if segments else gpd.GeoDataFrame(columns=columns, geometry="geometry", crs=STORAGE_CRS))
    return all_segments[columns], pd.DataFrame(summary)


def _oriented(line, start: pd.Series):
    """The line drawn from its start node, so that positions along a route grow from origin to destination."""
    parts = list(line.geoms) if isinstance(line, MultiLineString) else [line]
    d_first = point_distance_km(start["lon"], start["lat"], *parts[0].coords[0])
    d_last = point_distance_km(start["lon"], start["lat"], *parts[-1].coords[-1])
    if d_last >= d_first:
        return line
    flipped = [part.reverse() for part in reversed(parts)]
    return MultiLineString(flipped) if len(flipped) > 1 else flipped[0]


def _towns_passed(segments: gpd.GeoDataFrame, places: gpd.GeoDataFrame, town_km: float) -> list[str]:
    """Gazetteer towns (brief list) within `town_km` of the segments' lines, ordered along the route."""
    brief = places[places["brief_list"]] if "brief_list" in places else places
    lines = to_metric(segments)
    pts = to_metric(brief)
    near = []
    for name, pt in zip(brief["name"], pts.geometry):
        d = lines.distance(pt)
        if d.min() <= town_km * 1000:
            i = int(np.argmin(d.to_numpy()))
            line = lines.geometry.iloc[i]
            near.append((i, line.project(pt), name))
    return [name for _, _, name in sorted(near)]


def compare_lengths(summary: pd.DataFrame, corridors: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Computed road km next to each cited corridor length, with the difference (km and %)."""
    rows = []
    cited = corridors.set_index("corridor_id")["cited_length_figure_ids"].fillna("")
    for _, row in summary.iterrows():
        for fid in split_ids(cited.get(row["corridor_id"], "")):
            fig = figures.set_index("figure_id").loc[fid]
            value = float(fig["value"])
            diff = row["road_km"] - value if row["connected"] else np.nan
            rows.append({"corridor": row["corridor"], "computed_road_km": row["road_km"], "figure_id": fid,
                         "cited_km": value, "source_id": fig["source_id"], "diff_km": round(diff, 1),
                         "diff_pct": round(100 * diff / value, 1)})
    return pd.DataFrame(rows, columns=["corridor", "computed_road_km", "figure_id", "cited_km", "source_id",
                                       "diff_km", "diff_pct"])


def snap_events(events: gpd.GeoDataFrame, segments: gpd.GeoDataFrame, max_km: float) -> pd.DataFrame:
    """Snap located events to the nearest corridor segment within `max_km`; farther events stay unsnapped.

    Corridors share road (Kayes–Bamako carries both the Dakar and the Nouakchott routes), so every corridor whose
    segment is about as near as the nearest one (within SHARED_ROAD_KM) is listed: a town at a junction (Ségou) counts
    for the links on both sides.
    """
    columns = ["event_id", "snap_km", "snapped", "snap_corridor_ids", "snap_segment"]
    located = events[events.geometry.notna() & ~events.geometry.is_empty] if len(events) else events
    if len(located) == 0 or len(segments) == 0:
        return pd.DataFrame({"event_id": events.get("event_id", []), "snap_km": np.nan, "snapped": False,
                             "snap_corridor_ids": "", "snap_segment": np.nan}, columns=columns)
    lines, pts = to_metric(segments), to_metric(located)
    rows = []
    for event_id, pt in zip(located["event_id"], pts.geometry):
        d = lines.distance(pt).to_numpy() / 1000.0
        best = float(d.min())
        snapped = best <= max_km
        ids = sorted(set(segments.loc[d <= best + SHARED_ROAD_KM, "corridor_id"])) if snapped else []
        rows.append({"event_id": event_id, "snap_km": round(best, 2), "snapped": snapped,
                     "snap_corridor_ids": ";".join(ids),
                     "snap_segment": int(segments["seq"].iloc[int(np.argmin(d))]) if snapped else np.nan})
    out = pd.DataFrame(rows, columns=columns)
    missing = events.loc[~events["event_id"].isin(out["event_id"]), ["event_id"]]
    return pd.concat([out, missing.assign(snap_km=np.nan, snapped=False, snap_corridor_ids="")], ignore_index=True)


__all__ = ["RoadGraph", "road_graph", "nearest_node", "route_corridors", "compare_lengths", "snap_events",
           "METRIC_CRS"]
