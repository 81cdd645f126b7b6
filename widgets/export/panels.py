"""What the interactive panels display in export mode (widgets.ui.mode): the static views of widgets.export.views,
displayed in the panel's order, with a line saying what the live app adds.

Each function displays its parts and returns the last one, so `page.guarded` shows it like any other output.
"""

from __future__ import annotations

from types import ModuleType
from typing import Callable

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML, display

from widgets.analysis import threat as A
from widgets.catalogue import Catalogue
from widgets.export import views as V
from widgets.ui import page

LIVE_ONLY = "In the live app ({what}); this static copy keeps {kept}."


def threat(events: pd.DataFrame, points: pd.DataFrame, countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame,
           rivers: gpd.GeoDataFrame, unresolved: pd.DataFrame, *, catalogue: Catalogue, width: int) -> HTML:
    """Timeline and map, each with a slider over every window of `width` weeks; the count rides with the slider;
    the events table and change flags for the latest window, as the live panel opens."""
    windows = V.threat_windows(events, width)
    latest = windows[-1]
    display(page.note(LIVE_ONLY.format(
        what="the window's width can be changed, Play walks it forward, and filters narrow it by corridor, region "
             "and event type",
        kept=f"a window of {width} weeks that the slider under each chart moves one week at a time, with no filter"
    )))
    display(page.figure(V.threat_timeline(events, windows, catalogue=catalogue)))
    selected = A.select(events, latest.start, latest.end)
    display(page.table_view(A.events_table(selected), title="Show the events in the latest window"))
    display(page.figure(V.threat_map(events, points, countries, regions, rivers, windows, catalogue=catalogue,
                                     n_unresolved=len(unresolved))))
    record_start = events["date_start"].min()
    return HTML(V.flags_html(events, latest, record_start))


def scenario(model: ModuleType, figure: Callable[..., go.Figure], *, catalogue: Catalogue, prefix: str) -> HTML:
    """The preset buttons on the figure, the presets in words with one table each, and the assumptions."""
    display(page.note(LIVE_ONLY.format(what="every parameter has a slider and the scenario is kept in the address",
                                       kept="the presets below, computed with the same model")))
    display(HTML(V.assumptions_html(model)))
    display(page.figure(V.scenario_figure(model, figure, catalogue=catalogue, group=prefix)))
    return HTML(V.presets_html(model, group=prefix, table=page.table_html))
