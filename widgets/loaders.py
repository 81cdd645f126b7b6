"""Typed loaders for every processed dataset (the only code besides the build that opens data files).

Each loader reads once per process (cached) and returns a fresh copy, so a caller cannot alter another's data.
If data/processed is missing, the message says to run `make data`.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from widgets import paths
from widgets.catalogue import Catalogue
from widgets.editions.diff import Register
from widgets.editions.register import Editions

if TYPE_CHECKING:  # a page that shows stored parts (widgets.page_parts) never loads geodata, so never imports it
    import geopandas as gpd

BOOL_COLUMNS = {"snapped", "connected"}


class DataNotBuilt(FileNotFoundError):
    """data/processed is missing a file: run `make data`."""

    shown_on_page = True  # the page shows this message instead of its generic one (widgets.ui.guard)


def _path(key: str, edition: int | None = None):
    path = paths.PROCESSED_FILES[key] if edition is None else paths.edition_processed(edition)[key]
    if not path.exists():
        raise DataNotBuilt(f"{path.relative_to(paths.ROOT)} is missing: run `make data` first")
    return path


# Columns read as text (never as numbers), so "12" stays "12" and a missing value is "".
TEXT_COLUMNS = {
    "events": ["place", "admin1", "corridor", "summary", "source_ids", "place_names", "snap_corridor_ids", "reason",
               "date_precision", "actor", "target"],
    "figures": ["value", "value_low", "value_high", "unit", "as_of", "notes", "notes_register", "geography"],
    "sources": ["published", "author", "notes", "url", "title", "publisher"],
    "seed_claims": ["source_ids", "event_ids"],
    "judgements": ["estimative_term", "confidence", "text", "evidence", "cited_ids"],
    "corridor_summary": ["message", "towns", "cited_length_figure_ids", "note", "waypoints"],
}


@lru_cache(maxsize=None)
def _table(key: str, edition: int | None = None) -> pd.DataFrame:
    text = TEXT_COLUMNS.get(key, [])
    frame = pd.read_csv(_path(key, edition), dtype={c: str for c in text}, low_memory=False)
    present = [c for c in text if c in frame.columns]
    frame[present] = frame[present].fillna("")
    for column in BOOL_COLUMNS & set(frame.columns):
        frame[column] = frame[column].astype(str).str.lower().eq("true")
    for column in ("date_start", "date_end"):
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame


@lru_cache(maxsize=None)
def _geo(key: str) -> gpd.GeoDataFrame:
    import geopandas as gpd

    return gpd.read_file(_path(key), engine="pyogrio")


def load_events() -> pd.DataFrame:
    """Events (one row per event): dates as datetimes, map point lon/lat (NaN when unresolved), snapping."""
    return _table("events").copy()


def load_event_points() -> pd.DataFrame:
    """Every gazetteer point of every located event (an event naming three towns has three rows)."""
    return _table("event_points").copy()


def load_events_unresolved() -> pd.DataFrame:
    return _table("events_unresolved").copy()


def load_figures() -> pd.DataFrame:
    """Figures with `value` as text and `value_num` as a number where the value is numeric."""
    return _table("figures").copy()


def load_sources() -> pd.DataFrame:
    return _table("sources").copy()


def load_seed_claims() -> pd.DataFrame:
    """The seed analysis's claims with our verdict and the ids each verdict rests on."""
    return _table("seed_claims").copy()


def load_gaps() -> pd.DataFrame:
    """Known gaps in the evidence and what the briefing does about each."""
    return _table("gaps").copy()


def load_judgements() -> pd.DataFrame:
    """The chapters' key judgements and watch items, as written, with the ids each cites (see analysis.editorial)."""
    return _table("judgements").copy()


def load_corridor_summary() -> pd.DataFrame:
    return _table("corridor_summary").copy()


def load_corridor_lengths() -> pd.DataFrame:
    return _table("corridor_lengths").copy()


def load_corridor_segments() -> gpd.GeoDataFrame:
    return _geo("corridor_segments").copy()


def load_countries() -> gpd.GeoDataFrame:
    return _geo("countries").copy()


def load_regions() -> gpd.GeoDataFrame:
    """Mali's pre-2023 first-level units (8 regions + Bamako district)."""
    return _geo("regions").copy()


def load_places() -> gpd.GeoDataFrame:
    return _geo("places").copy()


def load_roads() -> gpd.GeoDataFrame:
    return _geo("roads").copy()


def load_rivers() -> gpd.GeoDataFrame:
    return _geo("rivers").copy()


@lru_cache(maxsize=None)
def _catalogue() -> Catalogue:
    entries = tomllib.loads(paths.CATALOGUE.read_text(encoding="utf-8"))["datasets"]
    datasets = pd.DataFrame.from_dict(entries, orient="index").fillna("")
    return Catalogue(datasets=datasets, sources=load_sources().set_index("source_id"),
                     figures=load_figures().set_index("figure_id"))


def load_catalogue() -> Catalogue:
    """The catalogue of datasets (data/catalogue.toml), sources and figures."""
    return _catalogue()


@lru_cache(maxsize=None)
def _editions() -> Editions:
    table = pd.read_csv(_path("editions"), dtype=str, keep_default_na=False)
    changelog = pd.read_csv(_path("changelog"), dtype=str, keep_default_na=False)
    return Editions(table=table.assign(edition=table["edition"].astype(int)),
                    changelog=changelog.assign(edition=changelog["edition"].astype(int)))


def load_editions() -> Editions:
    """Every published edition (number, date, cut-off, summary) and the changelog."""
    editions = _editions()
    return Editions(table=editions.table.copy(), changelog=editions.changelog.copy())


def load_register(edition: int | None = None) -> Register:
    """The register of one edition (None or the latest: the current one), as built by `make data`."""
    latest = _editions().latest
    number = latest if edition is None else int(edition)
    if number not in _editions().numbers():
        raise ValueError(f"there is no edition {number} (editions: {', '.join(map(str, _editions().numbers()))})")
    which = None if number == latest else number
    return Register(number=number, events=_table("events", which).copy(), figures=_table("figures", which).copy(),
                    sources=_table("sources", which).copy(), seed_claims=_table("seed_claims", which).copy(),
                    gaps=_table("gaps", which).copy(), judgements=_table("judgements", which).copy())
