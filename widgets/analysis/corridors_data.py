"""Everything the corridors chapter shows, derived once from the loaded datasets into one typed value.

Pure: the caller loads the datasets (`widgets.loaders`, as every chapter does) and passes them in; `derive` runs
the chapter's analysis (`widgets.analysis.corridors_chapter`) on them and returns a frozen `CorridorsData`.
`from_loaders(widgets.loaders)` does both for the page (the loaders module is passed in, so analysis imports no
layer that opens files).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd

from widgets.catalogue import Catalogue

if TYPE_CHECKING:  # importing this module costs no geometry stack: the page derives the data on an upload only
    import geopandas as gpd


@dataclass(frozen=True)
class CorridorsData:
    """The corridors chapter's datasets (as loaded) and derived tables (as computed by `derive`)."""

    # as loaded
    events: pd.DataFrame
    figures: pd.DataFrame
    places: gpd.GeoDataFrame
    summary: pd.DataFrame  # one row per corridor, routed on the road network
    segments: gpd.GeoDataFrame  # the corridors' road links
    lengths: pd.DataFrame  # computed against cited lengths
    countries: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    rivers: gpd.GeoDataFrame
    roads: gpd.GeoDataFrame
    catalogue: Catalogue
    # derived
    near: pd.DataFrame  # corridors passing the blockaded towns
    table: pd.DataFrame  # per corridor: computed and cited lengths
    incidents: pd.DataFrame  # the attacks counted as pressure on the roads
    hub: pd.Series  # per incident: placed at the capital itself
    links: gpd.GeoDataFrame  # each road link once, with the corridors sharing it
    assigned: pd.DataFrame  # incidents given to their nearest link(s)
    pressure: gpd.GeoDataFrame  # links with their incident counts
    by_corridor: pd.DataFrame  # incidents per corridor: named by sources and snapped
    counts: dict[str, int]  # incidents in all, located, snapped, at the capital, unlocated
    shares: pd.DataFrame  # corridor shares per measure and port
    others: pd.DataFrame  # other Dakar estimates, kept beside the ~70 %
    tonnage: pd.DataFrame  # cargo unloaded per port
    flows: pd.DataFrame  # fuel flow figures, normal and recovery
    cutoff: pd.Timestamp

    def __getitem__(self, name: str) -> object:
        """`data["table"]` reads a field by name, for the figure builders that pick their inputs by name."""
        if name not in {f.name for f in fields(self)}:
            raise KeyError(f"the corridors chapter has no {name!r}")
        return getattr(self, name)


def derive(*, events: pd.DataFrame, figures: pd.DataFrame, places: gpd.GeoDataFrame, summary: pd.DataFrame,
           segments: gpd.GeoDataFrame, lengths: pd.DataFrame, countries: gpd.GeoDataFrame,
           regions: gpd.GeoDataFrame, rivers: gpd.GeoDataFrame, roads: gpd.GeoDataFrame,
           catalogue: Catalogue) -> CorridorsData:
    """Run the chapter's analysis once on the loaded datasets."""
    from widgets.analysis import corridors_chapter as A

    near = A.corridors_near_towns(segments, summary, places)
    incidents = A.road_incidents(events)
    hub = A.at_hub(incidents, places)
    links = A.road_links(segments)
    assigned = A.assign_links(incidents, links, hub)
    used = A.checked_figures(figures, list(A.FIGURE_METRICS) + list(lengths["figure_id"])).reset_index()
    return CorridorsData(
        events=events, figures=figures, places=places, summary=summary, segments=segments, lengths=lengths,
        countries=countries, regions=regions, rivers=rivers, roads=roads, catalogue=catalogue,
        near=near, table=A.corridor_table(summary, lengths, figures, near), incidents=incidents, hub=hub,
        links=links, assigned=assigned, pressure=A.link_pressure(links, assigned),
        by_corridor=A.events_by_corridor(incidents, assigned, summary),
        counts=A.incident_location_counts(incidents, hub), shares=A.share_table(figures),
        others=A.other_dakar_estimates(figures), tonnage=A.tonnage_table(figures), flows=A.fuel_flow_table(figures),
        cutoff=A.cutoff(events, used))


def from_loaders(loaders: ModuleType) -> CorridorsData:
    """`derive` on the datasets that `loaders` (the `widgets.loaders` module, passed in by the caller) reads."""
    L = loaders
    return derive(events=L.load_events(), figures=L.load_figures(), places=L.load_places(),
                  summary=L.load_corridor_summary(), segments=L.load_corridor_segments(),
                  lengths=L.load_corridor_lengths(), countries=L.load_countries(), regions=L.load_regions(),
                  rivers=L.load_rivers(), roads=L.load_roads(), catalogue=L.load_catalogue())
