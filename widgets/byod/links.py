"""Put an analyst's uploaded events on the corridors chapter's road links, with the rule the chapter applies to the
bundled incidents (widgets.analysis.corridors_chapter.assign_links): a point within 30 km of the network is given
to its nearest link and to every link within 2 km of that one (junction towns touch both sides); a point at the
capital, where every corridor ends, is given to none.

Vectorised (one distance matrix per chunk of points) because an export can hold 100,000 events, where the
chapter's row-by-row loop over ~70 bundled incidents would take minutes. Pure: DataFrames in, DataFrames out.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from widgets.analysis.corridors_chapter import HUB_KM, TIE_KM
from widgets.byod.join import SNAP_KM
from widgets.geo import points_frame, to_metric
from widgets.vocabulary import split_ids

COLUMNS = ["event_id", "date_start", "snap_km", "links", "corridor_ids"]
CHUNK = 5_000  # points per distance matrix: 5,000 × ~100 links of float64 stays near 4 MB
_GEOD = Geod(ellps="WGS84")


def at_point(lon: pd.Series, lat: pd.Series, x: float, y: float, km: float = HUB_KM) -> pd.Series:
    """True where a point lies within `km` (geodesic) of (x, y): the capital's events."""
    _, _, metres = _GEOD.inv(lon.to_numpy(float), lat.to_numpy(float), np.full(len(lon), x), np.full(len(lon), y))
    return pd.Series(np.asarray(metres) / 1000.0 <= km, index=lon.index)


def assign_uploaded_links(events: pd.DataFrame, links: gpd.GeoDataFrame, hub: pd.Series,
                          max_km: float = SNAP_KM, tie_km: float = TIE_KM) -> pd.DataFrame:
    """Each event within `max_km` of a link (and not at the hub) with its nearest link(s) and their corridors.

    `events` needs event_id, date_start, lon, lat; `links` is the chapter's road_links(); `hub` marks the events
    placed at the capital. Same columns as the chapter's assign_links.
    """
    usable = events[~hub.reindex(events.index, fill_value=False)]
    if usable.empty or links.empty:
        return pd.DataFrame(columns=COLUMNS)
    lines = np.asarray(to_metric(links).geometry)
    link_ids = np.asarray(links["link"])
    corridor_ids = [split_ids(c) for c in links["corridor_ids"]]
    pts = np.asarray(to_metric(points_frame(usable[["lon", "lat"]])).geometry)
    parts = []
    for start in range(0, len(pts), CHUNK):
        km = shapely.distance(pts[start:start + CHUNK, None], lines[None, :]) / 1000.0
        best = km.min(axis=1)
        keep = np.flatnonzero(best <= max_km)
        if not len(keep):
            continue
        # Events share few patterns of nearest links: name each pattern once, then index.
        patterns, inverse = np.unique(km[keep] <= best[keep, None] + tie_km, axis=0, return_inverse=True)
        link_text = np.array([";".join(link_ids[p]) for p in patterns], dtype=object)
        corridor_text = np.array([";".join(sorted({c for j in np.flatnonzero(p) for c in corridor_ids[j]}))
                                  for p in patterns], dtype=object)
        inverse = inverse.reshape(-1)
        part = usable.iloc[start:start + CHUNK]
        parts.append(pd.DataFrame({"event_id": part["event_id"].to_numpy()[keep],
                                   "date_start": part["date_start"].to_numpy()[keep],
                                   "snap_km": np.round(best[keep], 2), "links": link_text[inverse],
                                   "corridor_ids": corridor_text[inverse]}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)


def per_corridor(assigned: pd.DataFrame, summary: pd.DataFrame) -> pd.Series:
    """Events given to each corridor (an event on a shared road counts for every corridor using it), by name."""
    counts = {c: 0 for c in summary["corridor_id"]}
    for cids in assigned["corridor_ids"]:
        for c in split_ids(cids):
            if c in counts:
                counts[c] += 1
    names = dict(zip(summary["corridor_id"], summary["corridor"]))
    return pd.Series({names[c]: n for c, n in counts.items()}, name="events", dtype=int)


def corridor_counts(register_assigned: pd.DataFrame, yours_assigned: pd.DataFrame,
                    summary: pd.DataFrame) -> pd.DataFrame:
    """Per corridor: the register's incidents and the analyst's events given to its links (an event on a road shared
    by several corridors counts for each, the chapter's rule)."""
    return pd.DataFrame({"corridor": summary["corridor"].to_numpy(),
                         "register incidents (town point)": per_corridor(register_assigned, summary).to_numpy(),
                         f"your events (within {SNAP_KM:g} km)": per_corridor(yours_assigned, summary).to_numpy()})
