"""The corridors chapter's pressure map with an analyst's uploaded events (widgets/byod): links recounted with the
register's incidents, the analyst's events or both, and the analyst's events drawn as diamonds with their own
source line. Data in, figure out; the panel in widgets/ui/corridor_upload.py decides what to pass.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from widgets import fmt
from widgets.analysis import corridors_chapter as A
from widgets.byod.join import SNAP_KM
from widgets.figures.common import YOURS_COLOUR, refresh_meta, set_extra_source
from widgets.figures.corridors_chapter import pressure_map
from widgets.figures.theme import INK
from widgets.i18n import N_, _, ngettext

YOURS_TRACE = N_("Your data: events within 30 km of a link")


def _title(pressure: pd.DataFrame, register: int, mine: int, which: str) -> str:
    hot = pressure[pressure["incidents"] > 0]
    if hot.empty:
        return _("No event shown lies within 30 km of a corridor link")
    counted = {"both": _("{register} register incidents and {mine} of your events"),
               "register": _("{register} register incidents"),
               "yours": _("{mine} of your events")}[which].format(register=fmt.number(register), mine=fmt.number(mine))
    return _("{links} corridor links, {km} of road, carry at least one event: {counted}").format(
        links=fmt.number(len(hot)), km=fmt.km(hot["road_km"].sum()), counted=counted)


def _places(yours: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct point of the analyst's events: lon, lat, place names, count."""
    return (yours.groupby(["lon", "lat"])
            .agg(events=("event_id", "count"), place=("place", lambda s: ", ".join(sorted(set(s))[:3])))
            .reset_index())


def pressure_with_your_data(d: dict, yours: pd.DataFrame, yours_assigned: pd.DataFrame, which: str,
                            source_line: str) -> go.Figure:
    """The chapter's pressure map (d: widgets.analysis.corridors_data.CorridorsData) counting the register's
    incidents, the analyst's events (`yours`, register schema; `yours_assigned` from
    widgets.byod.links.assign_uploaded_links) or both, as `which` says: 'both', 'register' or 'yours'."""
    if which not in ("both", "register", "yours"):
        raise ValueError(f"unknown data choice {which!r}")
    register = d["assigned"] if which != "yours" else d["assigned"].iloc[0:0]
    mine = yours_assigned if which != "register" else yours_assigned.iloc[0:0]
    pressure = A.link_pressure(d["links"], pd.concat([register, mine], ignore_index=True))
    fig = pressure_map(pressure, register, d["incidents"], d["hub"], d["countries"], d["regions"], d["rivers"],
                       d["places"], catalogue=d["catalogue"], register_points=which != "yours")
    shown = _places(yours[yours["event_id"].isin(mine["event_id"])])
    fig.add_trace(go.Scattergeo(
        lon=shown["lon"], lat=shown["lat"], mode="markers", name=_(YOURS_TRACE), hoverinfo="text",
        marker=dict(size=list(5 + 3 * np.sqrt(shown["events"])), color=YOURS_COLOUR, symbol="diamond",
                    line=dict(color=INK, width=0.6), opacity=0.85),
        hovertext=[ngettext("<b>{place}</b>: {n} of your event", "<b>{place}</b>: {n} of your events", n).format(
                       place=html.escape(str(p), quote=False), n=fmt.number(n))
                   for p, n in zip(shown["place"], shown["events"])],
        showlegend=len(shown) > 0))
    fig.update_layout(title=dict(text=_title(pressure, len(register), len(mine), which)))
    set_extra_source(fig, source_line if which != "register" else "")
    refresh_meta(fig)
    return fig

