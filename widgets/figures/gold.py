"""Figures of the gold chapter: output by year, who produces it, the Kayes region, what gold pays the state,
and the dated story of the mining code and the Barrick dispute. Builders take tables in and end with finish()."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from shapely.geometry.polygon import orient

from widgets import fmt
from widgets.i18n import N_, _
from widgets.analysis import gold as A
from widgets.analysis.register import as_of_words
from widgets.analysis.threat import type_label  # the event types' words, shared with the threat chapter
from widgets.catalogue import Catalogue
from widgets.figures.common import finish, grow_with_labels, make_room
from widgets.figures.map_finish import finish_map
from widgets.figures.maps import BACKGROUND, base_map
from widgets.figures.theme import INK, MUTED, PALETTE
from widgets.register_text import translate  # the register's own French (gettext domain "register")
from widgets.vocabulary import split_ids

BLUE, ORANGE, GREEN, VERMILION, PINK, SKY = PALETTE[:6]

# (series, status) → marker look. Open markers: not final (provisional, partial, estimate); crosses: forecasts.
_STYLE = {
    (A.INDUSTRIAL, "reported"): (N_("Industrial: reported"), "circle", BLUE),
    (A.INDUSTRIAL, "revised"): (N_("Industrial: revised"), "diamond", BLUE),
    (A.INDUSTRIAL, "partial"): (N_("Industrial: partial year coverage"), "circle-open", BLUE),
    (A.INDUSTRIAL, "provisional"): (N_("Industrial: provisional"), "circle-open-dot", BLUE),
    ("Total incl. artisanal", "reported"): (N_("Total incl. artisanal: reported"), "square", ORANGE),
    ("Total incl. artisanal", "estimate"): (N_("Total incl. artisanal: estimate"), "square-open", ORANGE),
    ("Total incl. artisanal", "provisional"): (N_("Total incl. artisanal: provisional"), "square-open-dot", ORANGE),
    ("Ministry forecast for the year", "forecast"): (N_("Ministry forecast for the year"), "x-thin-open", MUTED),
}


def _percents(span: str) -> str:
    """'77–80 %': a value or range of percentages, the sign written as the language writes it."""
    return _("{range} %").format(range=span)


def _offsets(prod: pd.DataFrame) -> pd.Series:
    """Spread several figures for one year and series side by side (presentation only)."""
    rank = prod.groupby(["series", "year"])["tonnes"].rank(method="first") - 1
    size = prod.groupby(["series", "year"])["tonnes"].transform("size")
    return (rank - (size - 1) / 2) * 0.4


def _label_positions(sel: pd.DataFrame, data: pd.DataFrame) -> list[str]:
    """Where each figure's value sits. Figures for one year stand side by side: the left one is labelled on its
    left, the middle one below, the right one below-right, so that no value lands on a neighbour's marker or value
    (they did at the projector's text size); a lone figure and a forecast carry theirs above."""
    size = data.groupby(["series", "year"])["tonnes"].transform("size").reindex(sel.index)
    out = []
    for (_, row), n in zip(sel.iterrows(), size):
        off = row["x"] - row["year"]
        if row["series"] == "Ministry forecast for the year" or n == 1:
            out.append("top center")
        else:
            out.append("middle left" if off < 0 else "bottom right" if off > 0 else "bottom center")
    return out


def production_chart(prod: pd.DataFrame, catalogue: Catalogue) -> go.Figure:
    """National output by year, every figure a marker; conflicting figures for a year side by side."""
    if prod.empty:
        raise ValueError("no production figures")
    data = prod.assign(x=prod["year"] + _offsets(prod))
    fig = go.Figure()
    ind = data[(data["series"] == A.INDUSTRIAL) & (data["status"] != "forecast")]
    for year, grp in ind.groupby("year"):
        if len(grp) > 1:  # a grey bar spanning the disagreeing figures
            fig.add_trace(go.Scatter(x=[year, year], y=[grp["tonnes"].min(), grp["tonnes"].max()], mode="lines",
                                     line=dict(color="#cfcfcf", width=10), hoverinfo="skip", showlegend=False))
    for (series, status), (name, symbol, colour) in _STYLE.items():
        sel = data[(data["series"] == series) & (data["status"] == status)]
        if sel.empty:
            continue
        labels = [fmt.number(t, A.decimals(v)) for t, v in zip(sel["tonnes"], sel["value_text"])]
        name = _(name)
        fig.add_trace(go.Scatter(
            x=sel["x"], y=sel["tonnes"], mode="markers+text", name=name, text=labels,
            textposition=_label_positions(sel, data),
            textfont=dict(size=10, color=colour if colour != MUTED else MUTED),
            marker=dict(symbol=symbol, size=11, color=colour, line=dict(width=2, color=colour)),
            customdata=sel[["figure_id", "as_of", "source_id", "notes"]].to_numpy(),
            hovertemplate=_("%{{text}} t · %{{customdata[1]}}<br>%{{customdata[0]}} (%{{customdata[2]}})<br>"
                            "%{{customdata[3]}}<extra>{series}</extra>").format(series=name)))
    top, last = A.values_for(prod, A.INDUSTRIAL, 2023), A.values_for(prod, A.INDUSTRIAL, 2025)
    gaps = A.missing_years(prod, A.INDUSTRIAL, int(prod["year"].min()), int(prod["year"].max()))
    title = _("Industrial gold output fell from {high} t in {high_year} to {low} t in {low_year} (provisional)").format(
        high=A.span_text(top["value_text"]), high_year=2023, low=A.span_text(last["value_text"]), low_year=2025) \
        if len(top) and len(last) else _("Mali's gold output by year, as reported")
    # Three sentences, each translated whole; the missing years are a list, joined as the language lists them.
    note = " ".join([_("Each marker is one sourced figure; grey bars span figures that disagree for the same year."),
                     *([_("No industrial figure found for {years}.").format(years=", ".join(map(str, gaps)))]
                       if gaps else []),
                     _("Artisanal output is an official rough estimate.")])
    fig.update_layout(xaxis=dict(title=_("Year"), dtick=1),
                      yaxis=dict(title=_("Gold produced (tonnes)"), rangemode="tozero", automargin=True),
                      legend=dict(x=0.01, y=0.02, xanchor="left", yanchor="bottom", font=dict(size=11)))
    fig = finish(fig, title=title, catalogue=catalogue, source_ids=list(prod["figure_id"]), note=note, height=540)
    return grow_with_labels(make_room(fig, 60))  # several figures a year, each labelled


PRODUCER_COLOURS = {"Loulo-Gounkoto (Barrick)": VERMILION, "Fekola (B2Gold)": BLUE,
                    "Sadiola (Allied Gold)": GREEN, A.OTHER_PRODUCERS: "#bdbdbd"}


def producer_share_chart(shares: pd.DataFrame, catalogue: Catalogue) -> go.Figure:
    """Each producer's share of national industrial output, H1 2024 against 2025 (computed from tonnes)."""
    if shares.empty:
        raise ValueError("no producer figures")
    fig = go.Figure()
    periods = list(dict.fromkeys(shares["period"]))
    for producer in dict.fromkeys(shares["producer"]):
        sel = shares[shares["producer"] == producer].set_index("period").reindex(periods)
        fig.add_trace(go.Bar(
            y=[_(p) for p in periods], x=sel["share_pct"], orientation="h", name=_(producer),
            marker_color=PRODUCER_COLOURS.get(producer, PINK),
            text=[f"{fmt.percent(s, 0)} · {fmt.number(t, A.decimals(str(t)))} t"
                  for s, t in zip(sel["share_pct"], sel["tonnes"])],
            textposition="inside", insidetextanchor="middle",
            hovertemplate=_(producer) + "<br>%{y}: %{text}<extra></extra>"))
    loulo = shares[shares["producer"].str.startswith("Loulo")]
    steps = [_("{share} ({period})").format(share=fmt.percent(s, 0), period=_(p))
             for p, s in zip(loulo["period"], loulo["share_pct"])]
    title = _("Loulo-Gounkoto's share of industrial output fell from {first} to {last}").format(
        first=steps[0], last=steps[-1]) if len(steps) == 2 else \
        _("Loulo-Gounkoto's share of industrial output: {shares}").format(shares=", ".join(steps))
    ids = [i for i in list(shares["figure_id"]) + list(shares["national_figure_id"]) if i != "computed"]
    note = _("Shares computed by the briefing from ministry tonnages; H1 2024 is a half-year. 'Other' is the national "
             "total minus the named mines. Loulo-Gounkoto in 2025 includes the months under the state's administrator.")
    fig.update_layout(barmode="stack", xaxis=dict(title=_("Share of national industrial output (%)"), range=[0, 100]),
                      yaxis=dict(autorange="reversed", automargin=True),
                      legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom", traceorder="normal"))
    fig = finish(fig, title=title, catalogue=catalogue, source_ids=ids, note=note, height=360)
    fig.update_layout(margin=dict(t=90))
    return make_room(fig, 60)


def _fill(fig: go.Figure, geom, colour: str, name: str, hover: str, legend: bool) -> None:
    for i, part in enumerate(getattr(geom, "geoms", [geom])):
        x, y = orient(part, sign=-1.0).exterior.xy  # clockwise, or d3 fills the rest of the globe
        fig.add_trace(go.Scattergeo(lon=list(x), lat=list(y), mode="lines", fill="toself", fillcolor=colour,
                                    line=dict(color=INK, width=1.2), name=name, hoverinfo="text", text=hover,
                                    showlegend=legend and i == 0))


def kayes_map(countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, rivers: gpd.GeoDataFrame,
              estimates: pd.DataFrame, incidents: pd.DataFrame, mine_places: gpd.GeoDataFrame,
              catalogue: Catalogue) -> go.Figure:
    """The Kayes region shaded with its estimated share of Mali's gold, and the dated incidents inside it.

    Mines are drawn only where the gazetteer has a town of the mine's name; our sources give no mine coordinates.
    """
    kayes = regions[regions["name_std"] == "Kayes"]
    if kayes.empty or estimates.empty:
        raise ValueError("no Kayes polygon or no share estimate")
    fig = base_map(countries, regions, rivers)
    shown = _(" to ").join(f"{s} ({fid})" for s, fid in zip(estimates["shown"], estimates["figure_id"]))
    _fill(fig, kayes.geometry.iloc[0], "rgba(230,159,0,0.55)",
          _("Kayes region: est. {share} of Mali's gold").format(share=_percents(A.span_text(estimates["value"]))),
          _("Kayes: {estimates}").format(estimates=shown), True)
    labels = regions.assign(pt=regions.geometry.representative_point())
    fig.add_trace(go.Scattergeo(lon=labels.pt.x, lat=labels.pt.y, mode="text", text=labels["name_std"],
                                textfont=dict(size=11, color=INK), hoverinfo="skip", showlegend=False,
                                name=_("Region names"), meta=BACKGROUND))
    pts = incidents.dropna(subset=["lon", "lat"])
    if not pts.empty:
        fig.add_trace(go.Scattergeo(
            lon=pts["lon"], lat=pts["lat"], mode="markers",
            name=_("Dated incidents in Kayes ({n}; event list, incomplete)").format(n=fmt.number(len(incidents))),
            marker=dict(size=8, color=VERMILION, line=dict(color="white", width=1)),
            text=[f"{fmt.day(d)} · {type_label(t)}<br>{translate(p)}" for d, t, p in
                  zip(pts["date_start"], pts["event_type"], pts["place"])], hoverinfo="text"))
    if not mine_places.empty:
        fig.add_trace(go.Scattergeo(lon=mine_places.geometry.x, lat=mine_places.geometry.y, mode="markers+text",
                                    text=mine_places["mine"], name=_("Mine (at the town of that name)"),
                                    marker=dict(symbol="diamond", size=10, color=INK), textposition="top center"))
    fig.update_layout(margin=dict(l=0, r=0))
    src = [s for ids in incidents["source_ids"] for s in split_ids(ids)]
    note = _("Regions are Mali's pre-2023 scheme (8 regions + Bamako). The shares are think-tank estimates, not "
             "official statistics. Mine coordinates are not in our sources, so no mine is placed on the map. "
             "Incidents sit at their first named town; monthly aggregate rows are left out.")
    fig = finish(fig, title=_("Kayes, the region under blockade, is estimated to yield {share} of Mali's gold")
                 .format(share=_percents(A.span_text(estimates["value"]))),
                  catalogue=catalogue, source_ids=[*estimates["figure_id"], "regions", "countries", "rivers",
                                                   "events", *src], note=note, height=620)
    return finish_map(fig, countries, label=["MRT", "SEN", "GIN", "CIV", "BFA", "NER", "DZA"])


_SYMBOL = {"nearly": "triangle-left", "almost": "triangle-left", "": "circle", "about": "circle-open",
           "more than": "triangle-right", "over": "triangle-right", "at least": "triangle-right"}


def weight_chart(weights: pd.DataFrame, catalogue: Catalogue) -> go.Figure:
    """Every estimate of gold's weight in exports, public revenue and GDP, on one percent scale."""
    if weights.empty:
        raise ValueError("no weight figures")
    order = ["Share of exports", "Share of public revenue or budget", "Share of GDP"]
    data = weights.copy()
    data["y"] = data["measure"].map({m: i for i, m in enumerate(order)})
    # Several estimates of one measure on rows 0.24 apart (room for their labels at the projector's size).
    data["y"] = data["y"] + (data.groupby("measure").cumcount() - data.groupby("measure")["y"].transform("size") / 2 + 0.5) * 0.24
    fig = go.Figure()
    for what, name, colour in (("gold", N_("Gold"), ORANGE), ("all extractives", N_("All extractives"), BLUE)):
        sel = data[data["what"] == what]
        fig.add_trace(go.Scatter(
            x=sel["value_num"], y=sel["y"], mode="markers+text", name=_(name),
            marker=dict(size=12, color=colour, symbol=[_SYMBOL.get(q, "circle") for q in sel["qualifier"]],
                        line=dict(width=2, color=colour)),
            text=[f"{s.split(' of ')[0]} ({as_of_words(a)}, {fid})"
                  for s, a, fid in zip(sel["shown"], sel["as_of"], sel["figure_id"])],
            # High values are labelled on their left: on the right they would run off the plot.
            textposition=["middle left" if v > 55 else "middle right" for v in sel["value_num"]],
            textfont=dict(size=10),
            customdata=sel[["publisher", "notes"]].map(translate).to_numpy(),
            hovertemplate="%{text}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>"))
    exp = A.measure_span(weights, "Share of exports")
    gdp = A.span_text(weights[weights["measure"] == "Share of GDP"]["value_text"])
    fig.update_layout(xaxis=dict(title=_("Percent, as given by each source"), range=[0, 108],
                                 tickvals=list(range(0, 101, 10))),
                      yaxis=dict(tickvals=list(range(len(order))), ticktext=[_(m) for m in order], autorange="reversed",
                                 range=[-0.6, len(order) - 0.4], automargin=True),
                      legend=dict(orientation="h", x=0, y=1.0, xanchor="left", yanchor="bottom"))
    note = _("Open circle: 'about'; left triangle: 'nearly'; right triangle: 'more than'. Years differ between "
             "sources (as given). Budget and public revenue are different denominators.")
    fig = finish(fig, title=_("Gold is {exports} of Mali's exports, but only {gdp} of GDP").format(exports=exp,
                                                                                                gdp=_percents(gdp)),
                 catalogue=catalogue,
                 source_ids=list(weights["figure_id"]), note=note, height=480)
    return make_room(fig, 60, top=24)  # the legend above the plot, under the title


def revenue_chart(revenue: pd.DataFrame, catalogue: Catalogue) -> go.Figure:
    """State revenue from gold companies by year; both conflicting 2023 figures shown."""
    if revenue.empty:
        raise ValueError("no revenue figures")
    labels = [f"{y} · {fid}" for y, fid in zip(revenue["year"], revenue["figure_id"])]
    fig = go.Figure(go.Bar(
        x=labels, y=revenue["value_num"], marker_color=[ORANGE if y == revenue["year"].max() else SKY
                                                        for y in revenue["year"]],
        text=[fmt.number(v, A.decimals(t)) for v, t in zip(revenue["value_num"], revenue["value_text"])],
        textposition="outside", customdata=revenue[["confidence", "notes"]].to_numpy(),
        hovertemplate=_("%{x}: %{text} bn FCFA<br>confidence %{customdata[0]}<br>%{customdata[1]}<extra></extra>")))
    lo, hi = A.revenue_change(revenue, 2023, 2024)
    change = fmt.percent(lo, 0) if round(lo) == round(hi) else f"{fmt.percent(lo, 0)}–{fmt.percent(hi, 0)}"
    fig.update_layout(yaxis=dict(title=_("Billion CFA francs"), rangemode="tozero", automargin=True),
                      xaxis=dict(title=_("Year · figure")), showlegend=False)
    title = _("The state collected about {change} more from gold companies in {new} than in {old}").format(
        change=change, new=2024, old=2023)
    return make_room(finish(fig, title=title,
                  catalogue=catalogue, source_ids=list(revenue["figure_id"]),
                  note=_("Two sources give slightly different 2023 totals; both are shown. Change computed by the "
                         "briefing."),
                  height=380), 60)


PRECISION = {"day": N_("day"), "week": N_("week"), "month": N_("month")}  # how finely a step is dated
LABEL_MARGIN = 300  # px for the timeline's row labels
LANES = [N_("2023 mining code"), N_("Barrick and Loulo-Gounkoto"), N_("Blockade")]
LANE_COLOURS = {"2023 mining code": BLUE, "Barrick and Loulo-Gounkoto": VERMILION, "Blockade": MUTED}


def timeline_chart(tl: pd.DataFrame, catalogue: Catalogue) -> go.Figure:
    """One row per dated step, in date order; filled markers are exact days, open ones a week or a month."""
    if tl.empty:
        raise ValueError("no dated steps")
    data = tl.sort_values("date").reset_index(drop=True)
    data["row"] = [_(lab) for lab in data["label"]]  # the briefing's words, in the page's language
    late = data["date"].min() + (data["date"].max() - data["date"].min()) * 0.6
    fig = go.Figure()
    for lane in LANES:
        sel = data[data["lane"] == lane]
        if sel.empty:
            continue
        # A legend-only marker, so the legend shows the lane colour rather than the first point's symbol.
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=_(lane), legendgroup=lane,
                                 marker=dict(size=11, color=LANE_COLOURS[lane]), meta=BACKGROUND))
        fig.add_trace(go.Scatter(
            x=sel["date"].dt.strftime("%Y-%m-%d"), y=sel["row"], mode="markers+text", name=_(lane), text=sel["value"],
            legendgroup=lane,
            showlegend=False,
            # One step a row: late steps are labelled on their left, so a long value never runs off the right edge.
            textposition=["middle left" if d > late else "middle right" for d in sel["date"]],
            textfont=dict(size=10, color=LANE_COLOURS[lane]),
            marker=dict(size=11, color=LANE_COLOURS[lane], line=dict(width=2, color=LANE_COLOURS[lane]),
                        symbol=["circle" if p == "day" else "circle-open" for p in sel["precision"]]),
            customdata=sel[["id", "as_of", "confidence", "precision"]]
            .assign(precision=[_(PRECISION.get(p, p)) for p in sel["precision"]]).to_numpy(),
            hovertemplate=_("%{y}: %{text}<br>as of %{customdata[1]} (dated to the %{customdata[3]})<br>"
                            "%{customdata[0]} · confidence %{customdata[2]}<extra></extra>")))
    src = [s for ids in data["source_ids"] for s in split_ids(ids)]
    ids = [i for i in data["id"] if catalogue.knows(i)] + src
    start, end = data["date"].min(), data["date"].max()
    # Axis types set explicitly: the legend-only traces carry no data for plotly to guess them from.
    x_range = [(start - pd.Timedelta(days=30)).strftime("%Y-%m-%d"), (end + pd.Timedelta(days=150)).strftime("%Y-%m-%d")]
    fig.update_layout(yaxis=dict(type="category", categoryorder="array", categoryarray=list(data["row"]),
                                 autorange="reversed", automargin=True, tickfont=dict(size=11)),
                      xaxis=dict(type="date", title=_("Date"), range=x_range),
                      legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"))
    note = _("Filled: dated to the day; open: dated to a week or a month only (placed at its start). Values are as "
             "each source gives them; government figures are claims. Labels are the briefing's words.")
    title = _("From the 2023 code to the Barrick settlement, {start} to {end}, as the sources date each step").format(
        start=fmt.partial_date(start.strftime("%Y-%m")), end=fmt.partial_date(end.strftime("%Y-%m")))
    fig = finish(fig, title=title,
                 catalogue=catalogue, source_ids=ids, note=note, height=24 * len(data) + 160)
    # Fixed left margin for the long row labels; the footer starts at the figure's left edge, not the plot's.
    fig.update_layout(margin=dict(t=90, l=LABEL_MARGIN), yaxis=dict(automargin=False))
    for ann in fig.layout.annotations:
        if ann.name == "source-line":
            ann.xshift = -(LABEL_MARGIN - 10)
    return make_room(fig, 60)


def examples() -> list[go.Figure]:
    """Every figure the chapter shows, built from the loaders with default parameters."""
    from widgets import loaders as L

    figures, sources, events = L.load_figures(), L.load_sources(), L.load_events()
    regions, cat = L.load_regions(), L.load_catalogue()
    incidents = A.region_incidents(events, "Kayes")
    return [
        production_chart(A.production_table(figures), cat),
        producer_share_chart(A.operator_shares(figures), cat),
        kayes_map(L.load_countries(), regions, L.load_rivers(), A.independent_estimates(A.kayes_estimates(figures)),
                  incidents, A.mines_in_gazetteer(L.load_places()), cat),
        weight_chart(A.weight_table(figures, sources), cat),
        revenue_chart(A.revenue_table(figures), cat),
        timeline_chart(A.timeline(figures, events), cat),
    ]
