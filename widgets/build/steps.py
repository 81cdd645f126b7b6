"""Small pure build steps: raw tables in, processed tables out. Each asserts its contracts."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd

from widgets import contracts, corridors
from widgets.geo import points_frame
from widgets.vocabulary import CAPITAL, SNAP_KM, split_ids


def build_sources(sources_events: pd.DataFrame, sources_figures: pd.DataFrame) -> pd.DataFrame:
    """One table of sources with the register each came from."""
    merged = pd.concat([sources_events.assign(register="events"), sources_figures.assign(register="figures")],
                       ignore_index=True)
    return contracts.validate(merged, contracts.SOURCES)


def build_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures with a numeric value column where the value is a number (dates and fractions stay text)."""
    out = contracts.validate(figures, contracts.FIGURES).copy()
    out["value_num"] = pd.to_numeric(out["value"].str.replace(",", ""), errors="coerce")
    out["notes_register"] = out["notes"]
    out["notes"] = out["notes"].map(reader_note)
    return out


def reader_note(notes: str) -> str:
    """The part of a register note a page may show: its clauses that hold no number.

    Notes are the research desk's working remarks, not evidence: a number in them ("conflicts with 1,000-3,000
    blog estimate") has no source row of its own, so it never reaches a page. The full note stays in
    `notes_register` for the methods page's provenance and for the desk.
    """
    clauses = [c.strip() for c in re.split(r";\s*", str(notes))]
    return "; ".join(c for c in clauses if c and not re.search(r"\d", c))


def build_events(events: pd.DataFrame, event_places: pd.DataFrame, places: gpd.GeoDataFrame,
                 segments: gpd.GeoDataFrame, countries: gpd.GeoDataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Events with their map point (the first named town), every point per event, unresolved list, snapping.

    Returns (events, event_points, unresolved).
    """
    contracts.validate(events, contracts.EVENTS)
    contracts.validate(event_places, contracts.EVENT_PLACES)
    contracts.check_event_places(events, event_places, set(places["name"]))
    joined = events.merge(event_places[["event_id", "place_names", "location_precision", "reason"]],
                          on="event_id", how="left", validate="one_to_one")
    coords = places.drop_duplicates("name").set_index("name")[["lon", "lat", "country_iso3"]]
    points = (joined[["event_id", "place_names"]].assign(place=joined["place_names"].map(split_ids))
              .explode("place").dropna(subset=["place"]).drop(columns="place_names"))
    points = points.join(coords, on="place").reset_index(drop=True)
    points["point_order"] = points.groupby("event_id").cumcount()
    first = points[points["point_order"] == 0].set_index("event_id")[["lon", "lat"]]
    joined = joined.join(first, on="event_id")
    joined["map_points"] = joined["event_id"].map(points.groupby("event_id").size()).fillna(0).astype(int)
    # Every corridor ends at Bamako, so an event whose map point is Bamako says nothing about which road it was on.
    snappable = joined.dropna(subset=["lon"])
    snappable = snappable[snappable["place_names"].map(lambda names: split_ids(names)[:1] != [CAPITAL])]
    snap = corridors.snap_events(points_frame(snappable), segments, SNAP_KM)
    joined = joined.merge(snap[snap["event_id"].isin(snappable["event_id"])], on="event_id", how="left")
    joined["snapped"] = joined["snapped"].fillna(False).astype(bool)
    joined["snap_corridor_ids"] = joined["snap_corridor_ids"].fillna("")
    in_mali = points_frame(points.rename(columns={"place": "name"}))
    # Every event in our register happened in Mali (the one regional row is unresolved), so its points must be too.
    contracts.check_inside_countries(in_mali.assign(expected="MLI"), countries, "expected", "event point")
    unresolved = joined.loc[joined["location_precision"] == "unresolved", ["event_id", "date_start", "place", "reason"]]
    return joined, points, unresolved.reset_index(drop=True)


def build_geodata(countries: gpd.GeoDataFrame, places: pd.DataFrame) -> gpd.GeoDataFrame:
    """Gazetteer points, checked to lie in their countries."""
    gazetteer = points_frame(places)
    kept = gazetteer[gazetteer["country_iso3"].isin(set(countries["ADM0_A3"]))]
    contracts.check_inside_countries(kept, countries, "country_iso3", "gazetteer place")
    return gazetteer


def build_corridors(roads: gpd.GeoDataFrame, places: gpd.GeoDataFrame, corridor_defs: pd.DataFrame,
                    figures: pd.DataFrame) -> tuple[gpd.GeoDataFrame, pd.DataFrame, pd.DataFrame]:
    """Route every corridor on the road graph; compare with cited lengths. Returns (segments, summary, lengths)."""
    contracts.validate(corridor_defs, contracts.CORRIDORS)
    graph = corridors.road_graph(roads)
    segments, summary = corridors.route_corridors(graph, places, corridor_defs)
    lengths = corridors.compare_lengths(summary, corridor_defs, figures)
    summary = summary.merge(corridor_defs[["corridor_id", "origin_kind", "cited_length_figure_ids", "note"]],
                            on="corridor_id", how="left")
    return segments, summary, lengths.replace({np.nan: None})
