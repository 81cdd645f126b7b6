"""Put an analyst's uploaded events (the loader's schema) into the event register's schema, so the threat
explorer's filters, counts, flags, timeline and map treat them like the bundled events, marked "your data".

Pure and in memory: DataFrames in, DataFrames out. Regions come from the bundled pre-2023 regions layer (a point
in polygon test, not the file's own admin1, which may use the 2023 regions); corridors from the same 30 km snapping
the build applies to bundled events, done here with vectorised distances so a 100,000-row export stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from widgets.byod.schema import ORIGIN
from widgets.csv_safe import frame_to_csv
from widgets.i18n import N_, _
from widgets.vocabulary import SNAP_KM  # the build's radius, for a reader's events too

if TYPE_CHECKING:  # the geometry stack is imported when a reader uploads, not with the page
    import geopandas as gpd

OUTSIDE_MALI = "outside Mali"
SEVERAL_ROADS = "other"  # the register's code for "other or several roads"
NO_CORRIDOR = "none"


def register_id(producer: str, event_id: str) -> str:
    """A register id that cannot clash with the bundled E-numbers: 'ACLED:MLI1234', 'UCDP GED:98765'."""
    return f"{producer}:{event_id}"


def type_of(producer: str, event_type: str) -> str:
    """The producer's own event type, named after the producer so it never merges with the register's types."""
    return f"{producer}: {str(event_type).strip() or 'type not given'}"


def regions_of_points(lon: pd.Series, lat: pd.Series, regions: gpd.GeoDataFrame) -> pd.Series:
    """The pre-2023 region each point falls in ('outside Mali' when none)."""
    import geopandas as gpd

    from widgets.geo import points_frame

    pts = points_frame(pd.DataFrame({"lon": lon.to_numpy(), "lat": lat.to_numpy()}))
    pts = pts.to_crs(regions.crs) if regions.crs is not None else pts
    hit = gpd.sjoin(pts, regions[["name_std", "geometry"]], how="left", predicate="within")
    first = hit[~hit.index.duplicated(keep="first")]["name_std"]
    return first.reindex(pts.index).fillna(OUTSIDE_MALI).set_axis(lon.index)


def corridors_of_points(lon: pd.Series, lat: pd.Series, segments: gpd.GeoDataFrame,
                        max_km: float = SNAP_KM) -> pd.DataFrame:
    """Nearest corridor within `max_km` of each point (km in a metric CRS), as the register's corridor code.

    Corridors share road near Bamako; when another corridor is within SHARED_ROAD_KM of the nearest one the event
    is on several roads at once and gets the register's 'other' code, as junction towns do in the bundled data.
    Columns: corridor, snap_km.
    """
    import shapely

    from widgets.corridors import SHARED_ROAD_KM
    from widgets.geo import points_frame, to_metric

    lines = to_metric(segments).dissolve(by="corridor")  # one (multi)line per corridor name
    pts = to_metric(points_frame(pd.DataFrame({"lon": lon.to_numpy(), "lat": lat.to_numpy()})))
    km = shapely.distance(np.asarray(pts.geometry)[:, None], np.asarray(lines.geometry)[None, :]) / 1000.0
    best = km.min(axis=1) if len(lines) else np.full(len(pts), np.inf)
    names = np.asarray(lines.index)
    near = (km <= best[:, None] + SHARED_ROAD_KM).sum(axis=1) if len(lines) else np.zeros(len(pts))
    corridor = np.where(best > max_km, NO_CORRIDOR,
                        np.where(near > 1, SEVERAL_ROADS, names[km.argmin(axis=1)] if len(lines) else NO_CORRIDOR))
    return pd.DataFrame({"corridor": corridor, "snap_km": np.round(best, 2)}, index=lon.index)


def to_register(uploaded: pd.DataFrame, regions: gpd.GeoDataFrame,
                segments: gpd.GeoDataFrame, label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The uploaded events as register rows, and their map points (one per event, at the file's coordinates).

    `label` (e.g. the file name) goes into the sources column, so every table row says where it came from.
    """
    if uploaded.empty:
        raise ValueError("no uploaded events to add")
    up = uploaded.reset_index(drop=True)
    snap = corridors_of_points(up["lon"], up["lat"], segments)
    events = pd.DataFrame({
        "event_id": [register_id(p, i) for p, i in zip(up["producer"], up["event_id"])],
        "date_start": up["date_start"], "date_end": up["date_end"],
        "date_precision": "day",  # the files' own precision codes are not used: each event is placed at its date
        "place": up["place"].where(up["place"].str.strip() != "", "place not given"),
        "admin1": regions_of_points(up["lon"], up["lat"], regions),
        "country": up["country"], "corridor": snap["corridor"],
        "event_type": [type_of(p, t) for p, t in zip(up["producer"], up["event_type"])],
        "actor": up["actor"], "target": up["target"], "summary": up["summary"],
        "source_ids": f"your data: {label}", "confidence": "not assessed (your data)",
        "lon": up["lon"], "lat": up["lat"], "fatalities": up["fatalities"], "snap_km": snap["snap_km"],
        "origin": ORIGIN, "producer": up["producer"],
    })
    points = pd.DataFrame({"event_id": events["event_id"], "place": events["place"], "lon": events["lon"],
                           "lat": events["lat"], "country_iso3": "", "point_order": 0})
    return events, points


def is_yours(events: pd.DataFrame) -> pd.Series:
    """True for rows that came from an upload (bundled rows have no origin column or another origin)."""
    if "origin" not in events.columns:
        return pd.Series(False, index=events.index)
    return events["origin"].eq(ORIGIN)


def combine(bundled: pd.DataFrame, yours: pd.DataFrame | None, which: str) -> pd.DataFrame:
    """The events a view uses: 'register' (bundled only), 'yours' (uploaded only) or 'both'."""
    if yours is None or which == "register":
        return bundled
    if which == "yours":
        return yours
    if which != "both":
        raise ValueError(f"unknown data choice {which!r}")
    return pd.concat([bundled.assign(origin="briefing register"), yours], ignore_index=True)


THREAT_EXPLORER = N_("the briefing's threat explorer")


def filtered_csv(selected: pd.DataFrame, citation: str, filename: str, where: str = THREAT_EXPLORER) -> str:
    """The user's own events in a selection as CSV text, with a header saying what they are and how to cite them
    (the header in the page's language; `where` English or already translated)."""
    mine = selected[is_yours(selected)]
    columns = ["event_id", "date_start", "event_type", "actor", "target", "place", "admin1", "corridor", "country",
               "lat", "lon", "fatalities", "summary", "producer"]
    table = mine[columns].rename(columns={"admin1": "region_pre2023", "corridor": "corridor_in_briefing"})
    table = table.assign(event_id=[i.split(":", 1)[1] for i in table["event_id"]],
                         event_date=table["date_start"].dt.strftime("%Y-%m-%d")).drop(columns="date_start")
    head = [_("Your uploaded events ({filename}) in the selection of {where}: {n} rows.").format(
                filename=filename, where=_(where), n=len(table)), citation,
            _("region_pre2023 and corridor_in_briefing were added by the briefing (point in Mali's pre-2023 regions; "
              "nearest corridor within {km} km).").format(km=f"{SNAP_KM:g}")]
    return frame_to_csv(table, comments=head)  # cells a spreadsheet would run are neutralised there
