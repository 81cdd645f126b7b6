"""What the page's interactive parts draw in the static export (`widgets.show` decides): for each live ui function
marked `@part`, its counterpart here, registered under the live function's name in COUNTERPARTS, called with the
same arguments. The panels display the static views of widgets.export.views in the live panel's order, with a line
saying what the live app adds; each returns its last part, which the cell shows like any other value.
"""

from __future__ import annotations

from types import ModuleType
from typing import Callable

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML, display

from widgets import fmt
from widgets import html_parts as page
from widgets.i18n import N_, _
from widgets.analysis import threat as A
from widgets.catalogue import Catalogue
from widgets.export import views as V
from widgets.html_parts import changes_title, sources_html
from widgets.register_text import translate_table

LIVE_ONLY = N_("In the live app ({what}); this static copy keeps {kept}.")


def threat(events: pd.DataFrame, points: pd.DataFrame, countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame,
           rivers: gpd.GeoDataFrame, unresolved: pd.DataFrame, *, catalogue: Catalogue, width: int) -> HTML:
    """Timeline and map, each with a slider over every window of `width` weeks; the count rides with the slider;
    the events table and change flags for the latest window, as the live panel opens."""
    windows = V.threat_windows(events, width)
    latest = windows[-1]
    display(page.note(_(LIVE_ONLY).format(
        what=_("the window's width can be changed, Play walks it forward, and filters narrow it by corridor, region "
               "and event type"),
        kept=_("a window of {width} weeks that the slider under each chart moves one week at a time, with no "
               "filter").format(width=fmt.number(width)))))
    display(page.figure(V.threat_timeline(events, windows, catalogue=catalogue)))
    selected = A.select(events, latest.start, latest.end)
    display(table_view(A.events_table(selected), title=_("Show the events in the latest window")))
    display(page.figure(V.threat_map(events, points, countries, regions, rivers, windows, catalogue=catalogue,
                                     n_unresolved=len(unresolved))))
    record_start = events["date_start"].min()
    return HTML(V.flags_html(events, latest, record_start))


def scenario(model: ModuleType, figure: Callable[..., go.Figure], *, catalogue: Catalogue, prefix: str) -> HTML:
    """The preset buttons on the figure, the presets in words with one table each, and the assumptions."""
    display(page.note(_(LIVE_ONLY).format(what=_("every parameter has a slider and the scenario is kept in the address"),
                                          kept=_("the presets below, computed with the same model"))))
    display(HTML(V.assumptions_html(model)))
    display(page.figure(V.scenario_figure(model, figure, catalogue=catalogue, group=prefix)))
    return HTML(V.presets_html(model, group=prefix, table=page.table_html))


def table_view(frame: pd.DataFrame, title: str = N_("Show the numbers"), caption: str = "") -> HTML:
    """No kernel: a native <details> folds the table (title translated here, as the live view does)."""
    return HTML(f'<details class="table-view"><summary>{page.esc(_(title))}</summary>'
                f'{page.table_html(frame, caption)}</details>')


def links(html_text: str) -> HTML:
    """Links as plain HTML (the export rewrites the .ipynb links to its own files)."""
    return HTML(html_text)


def sources(table: pd.DataFrame) -> HTML:
    """Every source in one table, addresses as text (no search box without a kernel)."""
    count = _("{n} sources.").format(n=fmt.number(len(table)))
    return HTML(f"<p>{page.esc(count)}</p>" + sources_html(translate_table(table, "sources_events"), links=False))


def corridor_upload_note(data: Callable[[], dict]) -> HTML:
    return page.note(_("In the live app you can add your own ACLED or UCDP GED export here and see it on the "
                       "corridor links; this static copy shows the briefing's register only."))


def changes(render: Callable[[int], str], choices: list[int], default: int) -> HTML:
    """The comparison with the default edition, no menu."""
    return HTML(f'<section class="what-changed">{changes_title()}{render(default)}</section>')


def explorer(events: pd.DataFrame, points: pd.DataFrame, unresolved: pd.DataFrame, *, catalogue: Catalogue,
             opening: tuple[go.Figure, go.Figure]) -> HTML:
    """The threat explorer over windows of the live panel's opening width (a map per window: the export draws
    them from the geodata, where the live panel restyles its one stored map)."""
    from widgets import loaders as L

    return threat(events, points, L.load_countries(), L.load_regions(), L.load_rivers(), unresolved,
                  catalogue=catalogue, width=A.DEFAULT_WEEKS)


# Keyed by the live function's name (widgets.show.name_of), so that the export never imports the ui layer; a test
# checks every live part has its counterpart here, with the same arguments.
COUNTERPARTS: dict[str, Callable[..., object]] = {
    "widgets.ui.page.table_view": table_view,
    "widgets.ui.page.links": links,
    "widgets.ui.catalogue_table.sources_browser": sources,
    "widgets.ui.corridor_upload.corridor_upload_panel": corridor_upload_note,
    "widgets.ui.edition.changes_panel": changes,
    "widgets.ui.scenario_panel.scenario_panel": scenario,
    "widgets.ui.threat.threat_panel": explorer,
}
