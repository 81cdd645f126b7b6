"""The overview's figures: one map of the situation (corridors, blockaded towns, reported attacks) and the record's
dated events by type. Builders take DataFrames and the catalogue and end with `finish`.
"""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from widgets import fmt
from widgets.analysis import overview as A
from widgets.catalogue import Catalogue
from widgets.figures import map_rows as R
from widgets.figures.common import finish
from widgets.figures.map_finish import NAMED_AROUND_MALI, finish_map, origins
from widgets.figures.maps import base_map, line_xy
from widgets.figures.theme import INK, MUTED, PALETTE
from widgets.i18n import _
from widgets.vocabulary import CAPITAL, split_ids

TYPE_STYLE = {  # colour-blind-safe colour and a distinct symbol per attack type
    "convoy_attack": (PALETTE[3], "circle"), "tanker_destroyed": (PALETTE[1], "diamond"),
    "attack_on_military": (PALETTE[0], "triangle-up"), "abduction": (PALETTE[4], "square"),
    "checkpoint_or_siege": (PALETTE[2], "x"),
}
CORRIDOR_COLOUR = "#8a99a8"
FAN_RADIUS_DEG = 0.16  # display offset for markers of several types at one town (drawing only, never measuring)
MAP_DATASETS = ["events", "corridors", "roads", "places", "countries", "regions", "rivers"]


def fan_out(points: pd.DataFrame, radius: float = FAN_RADIUS_DEG) -> pd.DataFrame:
    """One marker per (town, attack type) with its count; types sharing a town are spread on a small circle.

    Returns town, event_type, n, lon, lat (display position), hover, event_ids (';'-joined, oldest first).
    """
    rows = []
    for town, at_town in points.groupby("town", sort=True):
        types = [t for t in A.ATTACK_TYPES if t in set(at_town["event_type"])]
        for k, event_type in enumerate(types):
            group = at_town[at_town["event_type"] == event_type].sort_values("date_start")
            angle = 2 * math.pi * k / len(types) + math.pi / 2
            shift = radius if len(types) > 1 else 0.0
            lines = "<br>".join(f"{r.event_id} · {fmt.day(r.date_start)} · {r.place}" for r in group.itertuples())
            rows.append({"town": town, "event_type": event_type, "n": len(group),
                         "lon": group["lon"].iloc[0] + shift * math.cos(angle),
                         "lat": group["lat"].iloc[0] + shift * math.sin(angle),
                         "hover": _("<b>{type} × {n}</b> (drawn at {town})<br>{lines}").format(
                             type=A.label(event_type), n=fmt.number(len(group)), town=town, lines=lines),
                         "event_ids": ";".join(group["event_id"])})
    return pd.DataFrame(rows, columns=["town", "event_type", "n", "lon", "lat", "hover", "event_ids"])


def _corridors(fig: go.Figure, segments: gpd.GeoDataFrame, summary: pd.DataFrame) -> None:
    drawn = summary[summary["connected"] & ~summary["message"].str.startswith("same roads as")]
    shown = set()
    for row in drawn.itertuples():
        inland = row.origin_kind != "port"
        group = _("Inland supply routes (dashed)") if inland else _("Supply corridors from the ports")
        x, y = line_xy(segments[segments["corridor_id"] == row.corridor_id].geometry)
        fig.add_trace(go.Scattergeo(
            lon=x, lat=y, mode="lines", line=dict(color=CORRIDOR_COLOUR, width=2.2, dash="dash" if inland else "solid"),
            name=group, legendgroup=group, showlegend=group not in shown, hoverinfo="text",
            text=_("{corridor}: {km} on the road network").format(corridor=row.corridor, km=fmt.km(row.road_km))))
        shown.add(group)


def overview_map(countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, rivers: gpd.GeoDataFrame,
                 segments: gpd.GeoDataFrame, summary: pd.DataFrame, places: gpd.GeoDataFrame,
                 events: pd.DataFrame, points: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Mali and its neighbours: supply corridors, towns under declared blockade, and reported attacks by type."""
    fig = base_map(countries, regions, rivers)
    _corridors(fig, segments, summary)
    towns = A.blockaded_towns(events, points).dropna(subset=["lon", "lat"])
    fig.add_trace(go.Scattergeo(
        lon=towns["lon"], lat=towns["lat"], mode="markers+text", text=towns["town"], textposition="top center",
        textfont=dict(size=12, color=INK), marker=dict(symbol="square-open", size=26, color=INK, line=dict(width=3)),
        name=_("Town named in blockade / siege rows"), hoverinfo="text",
        hovertext=[_("<b>{town}</b><br>Blockade or siege rows: {ids}<br>Dated {dates}").format(
                   town=t, ids=e.replace(";", ", "), dates=d)
                   for t, e, d in zip(towns["town"], towns["event_ids"], towns["dates"])],
        meta=R.csv_events(R.events_of(events, split_ids(e)).assign(place=t)
                          for t, e in zip(towns["town"], towns["event_ids"]))))
    attacks = A.attack_points(events)
    fanned = fan_out(attacks)
    for event_type, (colour, symbol) in TYPE_STYLE.items():
        part = fanned[fanned["event_type"] == event_type]
        if part.empty:
            continue
        fig.add_trace(go.Scattergeo(
            lon=part["lon"], lat=part["lat"], mode="markers", hoverinfo="text", hovertext=part["hover"],
            marker=dict(symbol=symbol, color=colour, size=11 + 4 * (part["n"] - 1), opacity=0.9,
                        line=dict(color="white", width=1)),
            name=_("{type} ({n} located)").format(type=A.label(event_type), n=fmt.number(int(part["n"].sum()))),
            meta=R.csv_events(R.events_of(attacks, split_ids(ids)) for ids in part["event_ids"])))
    # The capital last, so that no attack marker at Bamako hides its star.
    capital = places[places["name"] == CAPITAL]
    fig.add_trace(go.Scattergeo(lon=capital.geometry.x, lat=capital.geometry.y, mode="markers+text", text=[CAPITAL],
                                textposition="bottom right", marker=dict(symbol="star", size=14, color=INK),
                                textfont=dict(size=12, color=INK),
                                name=_("{capital} (capital)").format(capital=CAPITAL),
                                hoverinfo="text"))
    unlocated = A.unlocated_attacks(events)
    unplaced = A.unplaced_blockades(events)
    total = len(A.attack_rows(events))
    named = _(" and ").join(towns["town"]) or _("no town")
    note = _("Points sit at the town the sources name first, not at the attack site; markers of several types at "
             "one town are spread around it, and size grows with the number of incidents. {unlocated} of {total} "
             "dated attacks name no place we can locate and are not drawn ({unlocated_ids}); blockade rows not "
             "drawn: {unplaced_ids}. News-compiled record, incomplete; last event {last}. Corridor lines are "
             "schematic road links; Abidjan–Bougouni runs on the Sikasso route's links. Mali's regions: pre-2023 "
             "scheme.").format(unlocated=fmt.number(len(unlocated)), total=fmt.number(total),
                               unlocated_ids=", ".join(unlocated["event_id"]),
                               unplaced_ids=", ".join(unplaced["event_id"]) or _("none"),
                               last=fmt.day(A.record_cutoff(events)))
    ids = [*MAP_DATASETS, *(i for s in [*attacks["source_ids"], *towns["source_ids"]] for i in split_ids(s))]
    title = _("{towns} under declared blockade; {mapped} of {total} attacks mapped").format(
        towns=named, mapped=fmt.number(len(attacks)), total=fmt.number(total))
    fig = finish(fig, title=title,
                 catalogue=catalogue, source_ids=ids, note=note, height=660)
    ports = origins(summary.loc[summary["origin_kind"] == "port", "corridor"])
    return finish_map(fig, countries, places=places, label=NAMED_AROUND_MALI, ports=ports)


def incidents_chart(events: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Dated events of the record by type (aggregate rows left out), attack types highlighted."""
    # The chart leads with what matters: attack types first, the catch-all "Other" last whatever its count.
    counted = A.incidents_by_type(events)
    table = pd.concat([counted[counted["event_type"] != "other"], counted[counted["event_type"] == "other"]]).iloc[::-1]
    colours = [TYPE_STYLE[t][0] if t in TYPE_STYLE else "#b9b9b9" for t in table["event_type"]]
    fig = go.Figure(go.Bar(x=table["incidents"], y=table["type"], orientation="h", marker_color=colours,
                           text=table["incidents"], textposition="outside", cliponaxis=False,
                           hovertemplate=_("%{y}: %{x} dated events") + "<extra></extra>", showlegend=False))
    # Axis on top: the source footer sits under the plot area and would collide with a bottom axis title.
    fig.update_xaxes(title_text=_("Dated events in the record (count)"), rangemode="tozero", side="top")
    fig.update_yaxes(title_text=None, automargin=True)
    dated = A.dated_incidents(events)
    attacks = table[table["attack"]].sort_values("incidents", ascending=False)
    top = _(" and ").join(A.plural_noun(t) for t in attacks["event_type"].head(2))
    excluded = len(events) - len(dated)
    note = _("Counts rows dated to a day or a week; {n} month-level aggregate rows overlap them and are left out. A "
             "news-compiled list is incomplete: a count is a floor, not a rate. Coloured bars: attack types.").format(
        n=fmt.number(excluded))
    title = _("{attacks} of {dated} dated events are attacks, mostly {top}").format(
        attacks=fmt.number(int(attacks["incidents"].sum())), dated=fmt.number(len(dated)), top=top)
    fig = finish(fig, title=title, catalogue=catalogue,
                 source_ids=["events", *(i for s in dated["source_ids"] for i in split_ids(s))], note=note, height=480)
    # Room above the plot for the title plus the top axis (finish() sizes the top margin for a title only).
    return fig.update_layout(margin_t=115)


def examples() -> list[go.Figure]:
    """Every figure the overview shows, built from the real data with default parameters."""
    from widgets import loaders as L

    catalogue = L.load_catalogue()
    events = L.load_events()
    return [
        overview_map(L.load_countries(), L.load_regions(), L.load_rivers(), L.load_corridor_segments(),
                     L.load_corridor_summary(), L.load_places(), events, L.load_event_points(), catalogue=catalogue),
        incidents_chart(events, catalogue=catalogue),
    ]
