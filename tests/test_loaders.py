import geopandas as gpd
import pandas as pd

from widgets import loaders
from widgets.geo import STORAGE_CRS


def test_geodata_loaders_return_geodataframes_in_wgs84():
    for load in [loaders.load_countries, loaders.load_regions, loaders.load_places, loaders.load_roads,
                 loaders.load_rivers, loaders.load_corridor_segments]:
        frame = load()
        assert isinstance(frame, gpd.GeoDataFrame) and len(frame) > 0, load.__name__
        assert frame.crs.to_string() == STORAGE_CRS, load.__name__


def test_events_are_typed():
    events = loaders.load_events()
    assert pd.api.types.is_datetime64_any_dtype(events["date_start"])
    assert events["snapped"].dtype == bool
    assert events["event_id"].is_unique and len(events) == 80  # 70 in edition 1, 10 added by edition 2
    located = events["location_precision"] != "unresolved"
    assert events.loc[located, "lon"].notna().all() and events.loc[~located, "lon"].isna().all()


def test_loaders_return_copies():
    first = loaders.load_events()
    first.loc[0, "place"] = "changed"
    assert loaders.load_events().loc[0, "place"] != "changed"


def test_regions_are_the_pre_2023_scheme():
    assert len(loaders.load_regions()) == 9
