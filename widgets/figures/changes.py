"""Events added since an earlier edition, ringed on a map or a timeline (drawn over the figure's own markers)."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from widgets import fmt
from widgets.i18n import _
from widgets.analysis import threat as A
from widgets.figures import map_rows as R

RING = dict(symbol="circle-open", size=22, color="#CC79A7", line=dict(width=3))  # Okabe–Ito reddish purple


def _hover(events: pd.DataFrame, since: int) -> list[str]:
    return [_("<b>New since edition {edition}</b>: {event}, {date}<br>{kind}; sources {sources}").format(
                edition=since, event=html.escape(r.event_id), date=fmt.day(r.date_start),
                kind=html.escape(A.type_label(r.event_type)), sources=html.escape(r.source_ids.replace(";", ", ")))
            for r in events.itertuples()]


def ring_new_on_map(fig: go.Figure, new_events: pd.DataFrame, since: int) -> go.Figure:
    """A ring at the map point of every located new event, with a legend entry naming the compared edition."""
    located = new_events.dropna(subset=["lon", "lat"])
    if located.empty:
        return fig
    # One ring per place (several new events can share a town), its hover listing each of them.
    hover = pd.Series(_hover(located, since), index=located.index)
    places = (located.assign(hover=hover).groupby(["lon", "lat"], sort=False)
              .agg(hover=("hover", "<br>".join), n=("event_id", "size"), ids=("event_id", list)).reset_index())
    fig.add_trace(go.Scattergeo(lon=places["lon"], lat=places["lat"], mode="markers",
                                marker={**RING, "size": 20 + 4 * (places["n"] - 1)}, hoverinfo="text",
                                hovertext=places["hover"],
                                name=_("New since edition {edition} ({n} located)").format(
                                    edition=since, n=fmt.number(len(located))),
                                meta=R.csv_events((R.events_of(located, ids) for ids in places["ids"]),
                                                  {"csv": True, "role": "new-events"})))
    return fig


def ring_new_on_timeline(fig: go.Figure, new_events: pd.DataFrame, since: int) -> go.Figure:
    """A ring round every new dated incident on the timeline (its row is its type, as the timeline draws it)."""
    dated = A.incidents(new_events)
    if dated.empty:
        return fig
    fig.add_trace(go.Scatter(x=dated["date_start"], y=dated["event_type"].map(A.type_label), mode="markers",
                             marker=RING, hoverinfo="text", hovertext=_hover(dated, since),
                             name=_("New since edition {edition} ({n})").format(edition=since,
                                                                                n=fmt.number(len(dated))),
                             meta={"csv": True, "role": "new-events"}))
    return fig
