"""Chapter 2 figures: corridor lengths, the pressure map, incidents by corridor, corridor shares, fuel flows.

Builders take DataFrames (from widgets.analysis.corridors_chapter) plus the catalogue and end with `finish()`.
"""

from __future__ import annotations

import html

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widgets import fmt
from widgets.analysis import corridors_chapter as A
from widgets.analysis.corridors_data import CorridorsData, from_loaders
from widgets.catalogue import Catalogue
from widgets.figures.common import finish, make_room
from widgets.figures.map_finish import NAMED_AROUND_MALI, finish_map, origins
from widgets.figures.maps import BACKGROUND, base_map, corridor_map, line_xy
from widgets.figures.theme import INK, MUTED, PALETTE
from widgets.i18n import N_, _, ngettext
from widgets.analysis.register import as_of_words, unit_words  # a figure's unit and basis in the page's language
from widgets.analysis.threat import WORDS  # the register's confidence values in the reader's words
from widgets.register_text import metric_label, translate  # the register's own French (gettext domain "register")

BLUE, ORANGE, GREEN, VERMILION = PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3]
UNKNOWN_GREY = "#9a9a9a"
OTHER_ROW = N_("Dakar: other estimates")
SHORT_MEASURES = {"Share of goods to Mali, 2020–25": N_("Goods to Mali, 2020–25"), "Share of Mali's trade, 2010":
                  N_("Mali's trade, 2010"), "Share of fuel (hydrocarbons), 2006": N_("Fuel (hydrocarbons), 2006")}
# Sequential shades (light → dark orange-red) for 1, 2, 3+ incidents on a link: ordered by lightness, so they read
# in greyscale and for colour-blind readers.
PRESSURE_SHADES = ["#fdb863", "#e66101", "#8c2d04"]
from widgets.vocabulary import SNAP_KM, split_ids  # noqa: E402 — the build's snapping radius, quoted in the notes


# Without a width plotly falls back to 700 px in a widget view under Voilà; the report column holds ~1,000 px.
WIDTH = 1000
TITLE_CHARS = 95  # characters per title line at WIDTH


def _wrap_title(text: str, limit: int = TITLE_CHARS) -> str:
    """Break a long active title onto two lines at the last space before `limit`."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut] + "<br>" + text[cut + 1:]


def _fit(fig: go.Figure, *, below_axis: int = 0, top: int = 0) -> go.Figure:
    """Fixed report width; move the source footer `below_axis` px lower (clear the x-axis title) and add `top` px
    above the plot for a two-line title and a legend."""
    make_room(fig, below_axis, top=top)
    fig.update_layout(width=WIDTH)
    fig.update_yaxes(automargin=True)
    return fig


TOP_LEGEND = dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom", font=dict(size=11))


def _ids(text: str) -> list[str]:
    return split_ids(text, ";,")


def _event_sources(events: pd.DataFrame, event_ids: list[str]) -> list[str]:
    """Source ids of the events drawn (the first id of each row is the source of its evidence)."""
    rows = events[events["event_id"].isin(event_ids)]
    return [s for ids in rows["source_ids"] for s in _ids(ids)]


# ---------------------------------------------------------------- lengths


def lengths_chart(table: pd.DataFrame, lengths: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Computed road km per corridor (blockaded-town corridors highlighted), cited lengths as markers."""
    if table.empty:
        raise ValueError("no corridors to draw")
    data = table.sort_values("road_km_computed")
    cut = data["passes_within_10_km_of"].ne(_(A.NEITHER))
    fig = go.Figure()
    for mask, colour, name in ((cut, VERMILION, _("Passes within 10 km of Kayes or Nioro du Sahel")),
                               (~cut, BLUE, _("Other corridors"))):
        part = data[mask]
        fig.add_trace(go.Bar(
            y=part["corridor"], x=part["road_km_computed"], orientation="h", marker_color=colour, name=name,
            text=[fmt.km(v) for v in part["road_km_computed"]], textposition="inside", insidetextanchor="start",
            textfont=dict(color="white"), customdata=part[["cited_length", "route"]],
            hovertemplate=_("%{y}<br>%{customdata[1]}<br>Network: %{x:,.0f} road km<br>Cited: %{customdata[0]}")
            + "<extra></extra>"))
    symbols = ["diamond", "triangle-up", "square"]
    for i, row in enumerate(lengths.itertuples()):
        fig.add_trace(go.Scatter(
            y=[row.corridor], x=[row.cited_km], mode="markers",
            name=_("Cited: {km} ({id})").format(km=fmt.km(row.cited_km), id=row.figure_id),
            marker=dict(symbol=symbols[i % len(symbols)], size=12, color=INK, line=dict(color="white", width=1)),
            hovertemplate=_("{corridor}<br>Cited by source: {km} ({id})").format(
                corridor=row.corridor, km=fmt.km(row.cited_km), id=row.figure_id) + "<extra></extra>"))
    uncited = int(table["cited_length"].eq(_(A.NOT_FOUND)).sum())
    dakar = lengths[lengths["corridor"] == "Dakar–Kayes–Bamako"]
    computed = table.set_index("corridor").at["Dakar–Kayes–Bamako", "road_km_computed"]
    title = _wrap_title(_("Dakar–Bamako measures {km} on the network; sources give {low}–{high}. No length is cited "
                          "for {uncited} of {total} corridors").format(
        km=fmt.km(computed), low=fmt.number(dakar["cited_km"].min()), high=fmt.km(dakar["cited_km"].max()),
        uncited=fmt.number(uncited), total=fmt.number(len(table))))
    fig.update_layout(barmode="overlay", xaxis_title=_("Road distance (km)"), yaxis_title=None, legend=TOP_LEGEND)
    note = _("Bars: road km of the briefing's routing on the OpenStreetMap-derived inter-city network (a schematic "
             "network, not surveyed roads). Markers: lengths stated by sources. Abidjan–Bougouni and Abidjan–Sikasso "
             "use the same links in this network. The register notes that one cited Dakar length is likely a typo "
             "(see the table).")
    fig = finish(fig, title=title, catalogue=catalogue,
                 source_ids=["corridors", "roads", "places", *lengths["figure_id"]], note=note, height=520)
    return _fit(fig, below_axis=65, top=90)


# ---------------------------------------------------------------- pressure map


def pressure_map(pressure: gpd.GeoDataFrame, assigned: pd.DataFrame, incidents: pd.DataFrame, hub: pd.Series,
                 countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, rivers: gpd.GeoDataFrame,
                 places: gpd.GeoDataFrame, *, catalogue: Catalogue, register_points: bool = True) -> go.Figure:
    """Corridor links coloured by the number of snapped incidents, with the towns the incidents are placed at
    (left out with `register_points=False`, when the links count an analyst's uploaded events only)."""
    if pressure.empty:
        raise ValueError("no corridor links to draw")
    fig = base_map(countries, regions, rivers)
    x, y = line_xy(pressure.geometry)
    fig.add_trace(go.Scattergeo(lon=x, lat=y, mode="lines", line=dict(color="#8a8a8a", width=1.6),
                                hoverinfo="skip", name=_("Corridor links, no incident snapped")))
    hot = pressure[pressure["incidents"] > 0]
    classes = [(1, 1, _("1 incident")), (2, 2, _("2 incidents")), (3, np.inf, _("3 or more incidents"))]
    for shade, (low, high, label) in zip(PRESSURE_SHADES, classes):
        part = hot[(hot["incidents"] >= low) & (hot["incidents"] <= high)]
        if part.empty:
            continue
        for j, row in enumerate(part.itertuples()):
            x, y = line_xy([row.geometry])
            fig.add_trace(go.Scattergeo(
                lon=x, lat=y, mode="lines", line=dict(color=shade, width=5), name=label, legendgroup=label,
                showlegend=j == 0, hoverinfo="text",
                text=(_("{n} incident(s): {ids}<br>Link {km} road{via}<br>Used by: {corridors}").format(
                    n=fmt.number(row.incidents), ids=short_ids(row.event_ids), km=fmt.km(row.road_km),
                    via=_(" via {towns}").format(towns=row.towns) if row.towns else "", corridors=row.corridors))))
    placed = incidents[incidents["event_id"].isin(assigned["event_id"])]
    at_capital = incidents[incidents["snapped"] & hub.reindex(incidents.index, fill_value=False)]
    for frame, name, symbol, colour in ((placed, _("Town an incident is placed at"), "circle", INK),
                                        (at_capital, _("Placed only at Bamako (not given to a corridor)"),
                                         "circle-open", VERMILION)):
        if frame.empty or not register_points:
            continue
        towns = frame.groupby(["lon", "lat"]).agg(ids=("event_id", lambda s: ", ".join(sorted(s))),
                                                  n=("event_id", "count")).reset_index()
        towns = towns.merge(places[["name"]].assign(lon=places.geometry.x, lat=places.geometry.y),
                            on=["lon", "lat"], how="left")
        fig.add_trace(go.Scattergeo(
            lon=towns["lon"], lat=towns["lat"], mode="markers+text", name=name,
            marker=dict(size=6 + 3 * towns["n"], color=colour, symbol=symbol, line=dict(width=2, color=colour)),
            text=towns["name"].fillna(""), textposition="middle right", textfont=dict(size=10, color=INK),
            hovertext=[_("{town}: {n} incident(s) — {ids}").format(town=nm, n=fmt.number(n), ids=ids)
                       for nm, n, ids in zip(towns["name"], towns["n"], towns["ids"])],
            hoverinfo="text"))
    counts = A.incident_location_counts(incidents, hub)
    unlocated = ", ".join(incidents.loc[incidents["lon"].isna(), "event_id"])
    title = _pressure_title(hot)
    note = _("Incidents: dated attacks, abductions, sieges and tanker burnings ({n} in our incomplete, news-compiled "
             "record; aggregate statements excluded). Points are the towns the sources name, not the exact sites; an "
             "incident is snapped to a corridor when its town is within {snap} of one, and a town at a junction "
             "counts for the links on both sides. {unlocated} incidents have no map point ({ids}); {at_capital} are "
             "placed only at Bamako, where all corridors end. Links are schematic lines of the road network, not "
             "traced roads. Region outlines: Mali's pre-2023 regions.").format(
        n=fmt.number(counts["incidents"]), snap=fmt.km(SNAP_KM), unlocated=fmt.number(counts["unlocated"]),
        ids=unlocated, at_capital=fmt.number(counts["at_capital"]))
    fig.update_layout(legend=dict(title=dict(text=_("Incidents snapped to a link"))))
    ids = _event_sources(incidents, list(placed["event_id"]) + list(at_capital["event_id"]))
    fig = finish(fig, title=title, catalogue=catalogue,
                 source_ids=["events", "corridors", "roads", "places", "countries", "regions", "rivers", *ids],
                 note=note, height=640)
    return finish_map(_fit(fig), countries, places=places, label=NAMED_AROUND_MALI,
                      ports=origins(pressure["corridors"]))


def short_ids(ids: str, shown: int = 12) -> str:
    """'E001, E002, …' cut to `shown` ids with the rest counted (an uploaded export can put thousands on a link);
    escaped, since uploaded ids are the analyst's text."""
    items = [i for i in str(ids).split(", ") if i]
    more = _(", and {n} more").format(n=fmt.number(len(items) - shown)) if len(items) > shown else ""
    return html.escape(", ".join(items[:shown]) + more)


def _pressure_title(hot: gpd.GeoDataFrame) -> str:
    """Active title: how many links and road km carry at least one snapped incident."""
    if hot.empty:
        return _("No incident in our record is placed near a corridor")
    return _("{links} corridor links, {km} of road, carry at least one incident placed at a nearby town").format(
        links=fmt.number(len(hot)), km=fmt.km(hot["road_km"].sum()))


# ---------------------------------------------------------------- incidents by corridor


def incidents_chart(by_corridor: pd.DataFrame, incidents: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Per corridor: incidents the sources place on it vs incidents snapped to it by their town point."""
    if by_corridor.empty:
        raise ValueError("no corridor counts to draw")
    data = by_corridor.iloc[::-1]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=data["corridor"], x=data["named_by_sources"], orientation="h", marker_color=BLUE,
                         name=_("Corridor named by the sources"), text=data["named_by_sources"],
                         textposition="outside", textfont=dict(size=10), customdata=data["named_ids"],
                         hovertemplate=_("%{y}<br>Named by sources: %{x}<br>%{customdata}") + "<extra></extra>"))
    snapped = data["snapped_by_town_point"]
    fig.add_trace(go.Bar(y=data["corridor"], x=snapped.fillna(0), orientation="h", marker_color=ORANGE,
                         name=_("Snapped by town point (≤ {snap})").format(snap=fmt.km(SNAP_KM)),
                         text=[fmt.number(v) if pd.notna(v) else _("n/a") for v in snapped], textposition="outside",
                         textfont=dict(size=10), customdata=data["snapped_ids"],
                         hovertemplate=_("%{y}<br>Snapped: %{x}<br>%{customdata}") + "<extra></extra>"))
    rows = by_corridor.iloc[:-2]
    title = _wrap_title(_("Sources put the most incidents on {named}; town points put the most on {snapped}").format(
        named=_leaders(rows, "named_by_sources"), snapped=_leaders(rows, "snapped_by_town_point")))
    # Two value labels a row, one per bar: the bars are thick enough that the labels do not touch.
    fig.update_layout(barmode="group", bargap=0.08, xaxis_title=_("Dated incidents (count)"), yaxis_title=None,
                      legend=TOP_LEGEND)
    note = _("Blue: the corridor the sources name (register field). Orange: the corridors whose road passes within "
             "{snap} of the town the incident is placed at; an incident counts for every corridor sharing that road "
             "(see the map), so orange bars overlap. Incidents placed only at Bamako are not given to any corridor. "
             "Event lists compiled from news are incomplete; the last incident in the record is dated "
             "{last}.").format(snap=fmt.km(SNAP_KM), last=fmt.day(incidents["date_start"].max()))
    fig = finish(fig, title=title, catalogue=catalogue,
                 source_ids=["events", "corridors", *_event_sources(incidents, list(incidents["event_id"]))],
                 note=note, height=720)
    return _fit(fig, below_axis=65, top=60)


def _leaders(rows: pd.DataFrame, column: str) -> str:
    """'A and B (6 each)' or 'A (5)': every corridor tied at the top count."""
    top = rows[column].max()
    names = list(rows.loc[rows[column] == top, "corridor"])
    joined = _(" and ").join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
    if len(names) > 1:
        return _("{corridors} ({n} each)").format(corridors=joined, n=fmt.number(top))
    return f"{joined} ({fmt.number(top)})"


# ---------------------------------------------------------------- shares


# A word written at 0 hangs from an invisible marker, so that it starts clear of the row names ("Abidjanunknown").
CLEAR_OF_AXIS = dict(size=10, color="rgba(0,0,0,0)")


def _alternate(values: pd.Series) -> list[str]:
    """'top center' / 'bottom center' in turn along the values' order, for the labels of points on one row."""
    rank = values.rank(method="first").astype(int)
    return ["top center" if r % 2 else "bottom center" for r in rank]


def shares_chart(shares: pd.DataFrame, tonnage: pd.DataFrame, others: pd.DataFrame, *,
                 catalogue: Catalogue) -> go.Figure:
    """Each port's share per measure, with 'unknown' written where no source gives it (never a zero bar)."""
    measures = list(dict.fromkeys(shares["measure"]))
    titles = [_(SHORT_MEASURES[m]) if m in SHORT_MEASURES else m for m in measures] + [_("Mali cargo unloaded, 2025")]
    # Each panel's title on two lines (what, then when): four one-line titles run into each other on the projector.
    titles = [t.replace(", ", ",<br>", 1) for t in titles]
    fig = make_subplots(rows=1, cols=len(titles), shared_yaxes=True, subplot_titles=titles, horizontal_spacing=0.03)
    ports = list(dict.fromkeys(shares["port"]))
    other_row = _(OTHER_ROW)
    ports.insert(ports.index("Dakar") + 1, other_row)
    for col, measure in enumerate(measures, start=1):
        part = shares[shares["measure"] == measure].set_index("port").reindex(ports)
        known = part["share_pct"].notna()
        fig.add_trace(go.Bar(y=part.index[known], x=part.loc[known, "share_pct"], orientation="h",
                             marker_color=BLUE, showlegend=col == 1, name=_("Share given by a source"),
                             text=[fmt.percent(v) for v in part.loc[known, "share_pct"]], textposition="inside",
                             textfont=dict(color="white"),
                             customdata=part.loc[known, ["figure_ids", "as_of"]],
                             hovertemplate=_("%{y}: %{x} %<br>%{customdata[0]} (%{customdata[1]})")
                             + "<extra></extra>"),
                      row=1, col=col)
        missing = part[~known & part["status"].notna()]
        fig.add_trace(go.Scatter(y=missing.index, x=[0] * len(missing), mode="markers+text", marker=CLEAR_OF_AXIS,
                                 text=[(_("in combined row") if s.startswith("inside") else _("unknown"))
                                       for s in missing["status"]],
                                 textposition="middle right", textfont=dict(color=UNKNOWN_GREY, size=11),
                                 showlegend=False, hoverinfo="skip"), row=1, col=col)
        fig.update_xaxes(range=[0, 100], title_text=_("% (share)"), row=1, col=col)
    fig.add_trace(go.Scatter(y=[other_row] * len(others), x=others["value_num"], mode="markers+text",
                             marker=dict(symbol="x", size=10, color=VERMILION),
                             name=_("Other Dakar estimates (low confidence or another measure)"),
                             text=others["figure_id"],
                             # Close estimates (C034, C019) label above and below in turn, so their ids never touch.
                             textposition=_alternate(others["value_num"]),
                             textfont=dict(size=9, color=MUTED),
                             customdata=others.assign(metric=others["metric"].map(metric_label),
                                                      as_of=others["as_of"].map(as_of_words))[["figure_id", "metric", "as_of"]],
                             hovertemplate=_("%{customdata[0]}: %{x} % — %{customdata[1]} (%{customdata[2]})")
                             + "<extra></extra>"), row=1, col=1)
    col = len(titles)
    tons = tonnage.set_index("port").reindex(ports)
    known = tons["tonnes"].notna()
    short = tons["as_given"].str.replace("million tonnes", _("Mt")).str.replace("tonnes", "t") \
        .str.replace(r"\(([^)]*)\)", lambda m: f"({_(m[1])})", regex=True)  # the qualifier: "(nearly)"
    fig.add_trace(go.Bar(y=tons.index[known], x=tons.loc[known, "tonnes"] / 1e6, orientation="h", marker_color=GREEN,
                         name=_("Tonnage given by a source"), text=short[known], textposition="outside",
                         cliponaxis=False,
                         hovertemplate=_("%{y}: %{text}") + "<extra></extra>"), row=1, col=col)
    unknown = tons[~known & tons.index.isin(A.PORTS)]
    fig.add_trace(go.Scatter(y=unknown.index, x=[0] * len(unknown), mode="markers+text", marker=CLEAR_OF_AXIS,
                             text=[_("unknown")] * len(unknown),
                             textposition="middle right", textfont=dict(color=UNKNOWN_GREY, size=11),
                             showlegend=False, hoverinfo="skip"), row=1, col=col)
    fig.update_xaxes(range=[0, 2.6 * (tons["tonnes"].max() / 1e6)], title_text=_("million tonnes"), row=1, col=col)
    fig.update_yaxes(categoryorder="array", categoryarray=ports[::-1], row=1, col=1)
    fig.update_annotations(font=dict(size=12))
    fuel = shares[shares["measure"].str.contains("fuel") & shares["share_pct"].notna()]
    title = (_("Dakar carries most goods bound for Mali; the fuel split by port is unknown since {year}").format(
        year=fuel["as_of"].iloc[0]) if not fuel.empty else
        _("Dakar carries most goods bound for Mali; the fuel split by port is unknown"))
    title = _wrap_title(title)  # a longer translation takes two lines rather than running off the figure
    note = _("'unknown': no source in our registers gives this port's share. The 2010 split gives Tema, Lomé and "
             "Conakry together. Crosses: other Dakar estimates that conflict with the ~70 % (see table). No source "
             "splits Mali's fuel imports by port after 2006.")
    ids = [i for s in shares["figure_ids"] for i in _ids(s)] + list(others["figure_id"]) + \
        [i for i in tonnage["figure_id"] if i]
    fig.update_layout(barmode="overlay", legend=dict(TOP_LEGEND, y=1.12))
    fig = finish(fig, title=title, catalogue=catalogue, source_ids=ids, note=note, height=560)
    return _fit(fig, below_axis=65, top=90)


# ---------------------------------------------------------------- fuel flows


def _period(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """'Jan–Feb 2026' from the counts' own dates (French: 'janv.–févr. 2026')."""
    start, end = fmt.partial_date(f"{first:%Y-%m}"), fmt.partial_date(f"{last:%Y-%m}")
    if (first.year, first.month) == (last.year, last.month):
        return end
    return f"{start.rsplit(' ', 1)[0] if first.year == last.year else start}–{end}"


def fuel_flow_chart(flows: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Tankers per day in the Jan–Feb 2026 official counts against the normal flow before the attacks."""
    rec = flows[(flows["kind"] == "recovery") & flows["tankers_per_day"].notna()].sort_values("period_start")
    normal = flows[flows["kind"] == "normal"]
    if rec.empty or normal.empty:
        raise ValueError("no fuel-flow rates to draw")
    labels = [f"{fmt.day(a)} – {fmt.day(b)}" for a, b in zip(rec["period_start"], rec["period_end"])]
    fig = go.Figure(go.Bar(
        x=labels, y=rec["tankers_per_day"], marker_color=BLUE, name=_("Tankers a day, official counts (computed)"),
        showlegend=False,
        text=[_("{rate} /day<br>({n} in {days} days, {id})").format(rate=fmt.number(v), n=fmt.number(n),
                                                                     days=fmt.number(int(d)), id=f)
              for v, n, d, f in zip(rec["tankers_per_day"], rec["value"], rec["days"], rec["figure_id"])],
        textposition="outside", hovertemplate=_("%{x}: %{y:.0f} tankers a day") + "<extra></extra>"))
    month = normal[normal["unit"].str.startswith("tanker trucks/month")]
    senegal = normal[normal["unit"].str.startswith("trucks/day")]
    # Reference levels as lines with legend entries (labels on the lines would collide with the bars).
    for frame, style, label in (
            (month, dict(color=VERMILION, dash="dash"),
             N_("Before the attacks, all Mali: up to {v} tankers a month ≈ {d} a day ({ids})")),
            (senegal, dict(color=MUTED, dash="dot"),
             N_("Before the blockade, Senegal corridor alone: over {d} fuel trucks a day ({ids})"))):
        if frame.empty:
            continue
        d = frame["tankers_per_day"].iloc[0]
        fig.add_hline(y=d, line=style)
        # A legend key (the level is the shape above; its figure is in the CSV header): not a CSV series.
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=style, showlegend=True, meta=BACKGROUND,
                                 name=_(label).format(v=fmt.number(frame["value"].iloc[0]), d=fmt.number(d),
                                                   ids=", ".join(frame["figure_id"]))))
    ceiling = month["tankers_per_day"].max() if not month.empty else np.nan
    title = _wrap_title(_("Official counts in {period} work out at {low}–{high} tankers a day, at most about "
                          "{share} of the pre-attack ceiling").format(
        period=_period(rec["period_start"].min(), rec["period_end"].max()),
        low=fmt.number(rec["tankers_per_day"].min()),
        high=fmt.number(rec["tankers_per_day"].max()),
        share=fmt.percent(100 * rec["tankers_per_day"].max() / ceiling)))
    note = _("Per-day rates computed by the briefing: tankers counted ÷ days in the stated period (both ends "
             "counted); a monthly figure ÷ {days} days (the mean month). The monthly figure is a maximum ('up to') "
             "and the Senegal figure a minimum ('over'), both from before the attacks. National fuel consumption in "
             "litres was not found in our sources, so the litre figures (table) cannot be set against a normal "
             "level.").format(days=fmt.number(365.25 / 12, 1))
    fig.update_layout(yaxis_title=_("Tankers per day"), xaxis_title=_("Period of the official count"),
                      yaxis_range=[0, 1.25 * max(ceiling if pd.notna(ceiling) else 0, rec["tankers_per_day"].max())],
                      legend=dict(TOP_LEGEND, orientation="v", y=1.03))
    fig = finish(fig, title=title, catalogue=catalogue, source_ids=list(flows["figure_id"]), note=note, height=500)
    return _fit(fig, below_axis=65, top=95)


# ---------------------------------------------------------------- everything the chapter shows


def chapter_data() -> CorridorsData:
    """The chapter's data, loaded and derived once (for `examples` and the tests; the page calls the same)."""
    from widgets import loaders

    return from_loaders(loaders)


BUILDERS = {
    "corridor_map": lambda d: corridor_map(d["segments"], d["summary"], d["countries"], d["regions"], d["rivers"],
                                           d["roads"], d["places"], catalogue=d["catalogue"]).update_layout(width=WIDTH),
    "lengths": lambda d: lengths_chart(d["table"], d["lengths"], catalogue=d["catalogue"]),
    "pressure": lambda d: pressure_map(d["pressure"], d["assigned"], d["incidents"], d["hub"], d["countries"],
                                       d["regions"], d["rivers"], d["places"], catalogue=d["catalogue"]),
    "incidents": lambda d: incidents_chart(d["by_corridor"], d["incidents"], catalogue=d["catalogue"]),
    "shares": lambda d: shares_chart(d["shares"], d["tonnage"], d["others"], catalogue=d["catalogue"]),
    "fuel": lambda d: fuel_flow_chart(d["flows"], catalogue=d["catalogue"]),
}


def figure(name: str, d: dict) -> go.Figure:
    """One of the chapter's figures by name (see BUILDERS)."""
    return BUILDERS[name](d)


# Every column name the chapter's tables show, marked for the catalogue: `table` renames them through _().
TABLE_COLUMNS = (
    N_("corridor"), N_("road km (network, computed)"), N_("figure_id"), N_("cited km"), N_("source_id"),
    N_("difference (km)"), N_("difference (%)"), N_("as_of"), N_("register note"), N_("route"), N_("start"),
    N_("line km (geodesic, computed)"), N_("length cited by sources"), N_("passes within 10 km of"),
    N_("network note"), N_("blockaded town"), N_("closest approach of the route (km)"), N_("corridors using the link"),
    N_("link road km"), N_("towns on the link"), N_("incidents snapped"), N_("event ids"), N_("named by sources"),
    N_("snapped by town point"), N_("in both"), N_("ids named"), N_("ids snapped"), N_("measure"), N_("port"),
    N_("value"), N_("unit"), N_("figure_ids"), N_("confidence"), N_("status"), N_("metric"), N_("period_start"),
    N_("period_end"), N_("days"), N_("tankers per day (computed)"), N_("notes"))
MEASURE_WORDS = {w: w for w in (N_("Share of goods to Mali, 2020–25"), N_("Share of Mali's trade, 2010"),
                                N_("Share of fuel (hydrocarbons), 2006"), N_("Mali cargo unloaded, 2025"))}


def table(name: str, d: dict) -> pd.DataFrame:
    """The table view shown under a figure (or alone), with readers' column names in the page's language."""
    return _table(name, d).rename(columns=_)


def _words(values: pd.Series, words: dict[str, str]) -> pd.Series:
    """Values of a column in the reader's words where the chapter wrote them (data values stay as they are)."""
    return values.map(lambda v: _(words[v]) if isinstance(v, str) and v in words else v)


def _table(name: str, d: dict) -> pd.DataFrame:
    if name == "lengths":
        notes = d["figures"].set_index("figure_id")[["as_of", "notes"]]
        out = d["lengths"].merge(notes, left_on="figure_id", right_index=True, how="left")
        return out.rename(columns={"computed_road_km": "road km (network, computed)", "cited_km": "cited km",
                                   "diff_km": "difference (km)", "diff_pct": "difference (%)",
                                   "notes": "register note"})
    if name == "corridor_map":
        return d["table"].drop(columns="cited_length_notes").rename(columns={
            "road_km_computed": "road km (network, computed)", "line_km_geodesic": "line km (geodesic, computed)",
            "cited_length": "length cited by sources", "passes_within_10_km_of": "passes within 10 km of",
            "network_note": "network note", "cited_length_notes": "register notes on cited lengths"})
    if name == "blockade":
        return d["near"].drop(columns="corridor_id").rename(columns={
            "road_km": "road km (network, computed)", "town": "blockaded town",
            "distance_km": "closest approach of the route (km)"})
    if name == "pressure":
        hot = d["pressure"][d["pressure"]["incidents"] > 0].sort_values("incidents", ascending=False)
        return pd.DataFrame(hot.drop(columns=["geometry", "link", "corridor_ids"])).rename(columns={
            "towns": "towns on the link", "road_km": "link road km", "incidents": "incidents snapped",
            "event_ids": "event ids", "corridors": "corridors using the link"}).round({"link road km": 0}).astype({"link road km": int})
    if name == "incidents":
        return d["by_corridor"].rename(columns={
            "named_by_sources": "named by sources", "snapped_by_town_point": "snapped by town point",
            "both": "in both", "named_ids": "ids named", "snapped_ids": "ids snapped"})
    if name == "shares":
        shares = d["shares"].rename(columns={"share_pct": "value"}).assign(unit="percent")
        shares["value"] = shares["value"].astype(object).where(shares["value"].notna(), shares["status"])
        others = d["others"].rename(columns={"figure_id": "figure_ids", "value_num": "value", "metric": "measure"})
        others = others.assign(measure=others["measure"].map(metric_label), unit=others["unit"].map(unit_words))
        others = others.assign(port=_("Dakar (other estimate)"), status=_("conflicts with ~70 %"))
        tons = d["tonnage"].rename(columns={"as_given": "value", "figure_id": "figure_ids"}).assign(
            measure="Mali cargo unloaded, 2025", unit="", status="")
        cols = ["measure", "port", "value", "unit", "figure_ids", "as_of", "confidence", "status"]
        out = pd.concat([shares, others, tons], ignore_index=True).reindex(columns=cols).fillna("")
        words = {**A.STATUS_WORDS, **MEASURE_WORDS, **WORDS}
        return out.assign(**{c: _words(out[c], words) for c in ("measure", "value", "status", "confidence")})
    if name == "fuel":
        out = d["flows"].drop(columns=["kind"]).copy()
        out = out.assign(metric=out["metric"].map(metric_label), unit=out["unit"].map(unit_words),
                         as_of=out["as_of"].map(as_of_words), notes=out["notes"].map(translate),
                         confidence=_words(out["confidence"], WORDS))
        for c in ("period_start", "period_end"):
            out[c] = [fmt.day(v) if pd.notna(v) else _("not stated") for v in out[c]]
        return out.rename(columns={"tankers_per_day": "tankers per day (computed)"})
    raise KeyError(f"no table {name!r}")


def all_figures(d: dict) -> dict[str, go.Figure]:
    """Every figure of the chapter, by name, from `chapter_data()`."""
    return {name: build(d) for name, build in BUILDERS.items()}


def examples() -> list[go.Figure]:
    """Every figure the chapter shows, built from the loaders with default parameters."""
    return list(all_figures(chapter_data()).values())
