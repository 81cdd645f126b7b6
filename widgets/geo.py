"""Geodesic and metric helpers: every length, distance or buffer goes through here, never in degrees."""

from __future__ import annotations

import geopandas as gpd
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

GEOD = Geod(ellps="WGS84")
STORAGE_CRS = "EPSG:4326"
# Africa Equidistant Conic: a metric CRS whose distances hold across the whole West African box
# (used for point-to-line distances and buffers; lengths are geodesic).
METRIC_CRS = "ESRI:102023"


def geodesic_km(geometry: BaseGeometry) -> float:
    """Geodesic length of a (multi)line in km on the WGS84 ellipsoid."""
    return abs(GEOD.geometry_length(geometry)) / 1000.0


def point_distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance between two lon/lat points in km."""
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def to_metric(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> gpd.GeoDataFrame | gpd.GeoSeries:
    """Reproject to the metric CRS (metres)."""
    return frame.to_crs(METRIC_CRS)


def points_frame(table, lon: str = "lon", lat: str = "lat") -> gpd.GeoDataFrame:
    """A GeoDataFrame of points in the storage CRS from a table with lon/lat columns."""
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table[lon], table[lat]), crs=STORAGE_CRS)
