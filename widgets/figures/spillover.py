"""Figures of the regional-spillover chapter: displacement totals, IDPs by country, Mali's IDP series,
the map of Malian refugees by host country, and small multiples on host-state pressure and appeals.

Every bar or arrow carries its own date (`as_of`) in its label, since the figures have different dates.
"""

from __future__ import annotations

import re

import textwrap

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widgets import fmt
from widgets.i18n import N_, _
from widgets.analysis import spillover as A
from widgets.catalogue import Catalogue
from widgets.figures.common import finish, make_room
from widgets.figures.map_finish import finish_map
from widgets.figures.maps import BACKGROUND, base_map
from widgets.figures.theme import INK, MUTED, PALETTE
from widgets.vocabulary import split_ids

COUNTRY_COLOURS = {"Burkina Faso": PALETTE[1], "Mali": PALETTE[0], "Niger": PALETTE[2], "Benin": PALETTE[4],
                   "Togo": PALETTE[5]}
CLAIM, LOW = PALETTE[3], "#9a9a9a"
# Country names the chapter's code writes (host and IDP rows), translated where shown.
# The units of the small multiples' figures (the register's words), shown as axis titles in the page's language.
UNITS = (N_("persons"), N_("soldiers"), N_("incidents"), N_("million USD"), N_("million persons"), N_("percent"))
COUNTRY_NAMES = (N_("Mauritania"), N_("Côte d'Ivoire"), N_("Guinea"), N_("Burkina Faso"), N_("Niger"),
                 N_("Algeria"), N_("Benin"), N_("Togo"), N_("Mali"))
# Where each host's label sits around its arrow head, so labels clear each other and the country names.
LABEL_POSITION = {"Mauritania": "middle left", "Côte d'Ivoire": "middle right", "Guinea": "bottom center",
                  "Burkina Faso": "bottom right", "Niger": "top center"}


def _wrap(text: str, width: int = 22) -> str:
    return "<br>".join(textwrap.wrap(str(text), width))


def headline_figure(totals: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Two regional totals side by side, each with its own date and scope (never summed or merged)."""
    t = totals.set_index("figure_id")
    un, total = t.loc["H022"], t.loc["H010"]
    y_un = _("UNHCR<br>{date}").format(date=un.date_label)
    y_dtm = _("IOM DTM<br>{date}").format(date=total.date_label)
    fig = go.Figure()
    fig.add_trace(go.Bar(y=[y_un], x=[un.number], orientation="h", marker_color=PALETTE[0], name=_("All displaced"),
                         text=[f"{un.shown} (H022)"], textposition="inside", insidetextanchor="end",
                         hovertemplate="%{x:,.0f}<extra>H022</extra>"))
    for part, words, colour in (("internally displaced", _("internally displaced"), PALETTE[5]),
                                ("refugees", _("refugees"), PALETTE[1])):
        r = totals[totals["part"] == part].iloc[0]
        # The refugee segment is too thin for its label at narrow widths: it is labelled beside the bar.
        fig.add_trace(go.Bar(y=[y_dtm], x=[r.number], orientation="h", marker_color=colour,
                             name=words.capitalize(),
                             text=[_("{part}: {n} ({id})").format(part=words, n=r.shown, id=r.figure_id)
                                   if part != "refugees" else ""],
                             textposition="inside", insidetextanchor="middle", textangle=0,
                             hovertemplate=_("{part}: %{{x:,.0f}}<extra>{id}</extra>").format(part=words,
                                                                                           id=r.figure_id)))
    refugees = totals[totals["part"] == "refugees"].iloc[0]
    fig.add_annotation(x=total.number, y=y_dtm, showarrow=False,
                       text=_(" refugees: {refugees} ({refugees_id})<br> total: {total} (H010)").format(
                           refugees=refugees.shown, refugees_id=refugees.figure_id, total=total.shown),
                       xanchor="left", font=dict(color=INK))
    fig.update_layout(barmode="stack", xaxis_title=_("people displaced"), yaxis=dict(autorange="reversed"),
                      xaxis=dict(range=[0, un.number * 1.25]))
    fig.update_layout(legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0))
    fig = finish(fig, title=_("{n} people displaced across the Central Sahel and its neighbours by {date}").format(
                     n=un.shown, date=un.date_label), catalogue=catalogue, source_ids=list(totals["figure_id"]),
                 note=_("Two counts of different dates and scope, shown side by side, not added: UNHCR "
                        "({unhcr_date}) includes neighbouring countries; IOM DTM ({dtm_date}) covers "
                        "Burkina Faso, Mali, Niger and Mauritania. Burkina Faso's part of the DTM total is an older "
                        "government count (H013; see next chart).").format(unhcr_date=un.date_label,
                                                                            dtm_date=total.date_label), height=330)
    return make_room(fig, left=90, below=70)


def country_idps_figure(rows: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    """IDPs by country: one bar per cited figure, labelled with its date; two bars where sources differ."""
    labels = [f"{_(c)} · {d}" for c, d in zip(rows["country"], rows["date_label"])]
    fig = go.Figure(go.Bar(
        y=labels, x=rows["number"], orientation="h",
        marker_color=[COUNTRY_COLOURS.get(c, MUTED) for c in rows["country"]],
        text=[f"{s} ({i})" for s, i in zip(rows["shown"], rows["figure_id"])], textposition="outside",
        customdata=rows[["basis", "figure_id"]].values,
        hovertemplate="%{y}<br>%{x:,.0f}<br>%{customdata[0]}<extra>%{customdata[1]}</extra>"))
    fig.update_layout(yaxis=dict(autorange="reversed"), xaxis=dict(title=_("internally displaced people"),
                      range=[0, rows["number"].max() * 1.3]), showlegend=False)
    bf = rows[rows["country"] == "Burkina Faso"].iloc[0]
    fig = finish(fig, title=_("Burkina Faso's count is by far the largest — and dates from {date}").format(
                     date=bf.date_label),
                 catalogue=catalogue, source_ids=list(rows["figure_id"]) + ["H013"],
                 note=_("Each bar is one cited figure with its own date; bars of different dates are not comparable "
                        "one-to-one. Niger: IOM DTM counts the Central Sahel regions only, UNHCR the whole country. "
                        "Mali's Feb 2026 figure is 'more than' (another report of the same launch says 'nearly')."),
                  height=420)
    return make_room(fig, left=175, below=70)


def mali_idp_figure(series: pd.DataFrame, blockade: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Mali's IDP counts in date order; a republished count is drawn hollow; the blockade start is marked."""
    first = series[series["same_as"] == ""]
    repeat = series[series["same_as"] != ""]
    fig = go.Figure(go.Scatter(
        x=first["date_start"], y=first["number"], mode="lines+markers+text", line=dict(color=PALETTE[0], width=2),
        marker=dict(size=9, symbol=["triangle-up" if q == "more than" else "circle" for q in first["qualifier"]]),
        text=[f"{s}<br>{i}" for s, i in zip(first["shown"], first["figure_id"])], textposition="top center",
        name=_("IDP count"), hovertemplate="%{text}<extra></extra>"))
    if not repeat.empty:
        fig.add_trace(go.Scatter(
            x=repeat["date_start"], y=repeat["number"], mode="markers+text",
            marker=dict(size=10, color="white", line=dict(color=PALETTE[0], width=2)),
            text=[_("{id}: same count as {same}").format(id=i, same=s)
                  for i, s in zip(repeat["figure_id"], repeat["same_as"])],
            textposition="bottom center", name=_("Same count republished"), hoverinfo="text"))
    start = blockade.sort_values("date_end").iloc[0]
    fig.add_vline(x=start["date_end"], line=dict(color=CLAIM, dash="dot", width=1.5))
    fig.add_annotation(x=start["date_end"], y=1.0, yref="paper", showarrow=False, xanchor="right",
                       text=_("Blockade declared ({dates}) ").format(dates=" / ".join(blockade["date_label"])),
                       font=dict(color=CLAIM, size=11))
    lo, hi = series["number"].min(), series["number"].max()
    # Room on the right for the last count's label (centred on its point), and the legend clear of the top tick.
    days = pd.Timedelta(days=120)
    fig.update_layout(yaxis=dict(title=_("internally displaced people in Mali"), range=[lo * 0.85, hi * 1.12]),
                      xaxis=dict(title=_("date of the count (month)"),
                                 range=[series["date_start"].min() - days, series["date_start"].max() + days]),
                      legend=dict(orientation="h", y=1.04, yanchor="bottom", x=0))
    last, before = first.iloc[-1], first.iloc[-2]
    title = (_("Mali's displaced: {n} in {date} — the highest in our sources") if last.number >= hi
             else _("Mali's displaced: {n} in {date}")).format(n=last.shown, date=last.date_label)
    fig = finish(fig, title=title,
                 catalogue=catalogue, source_ids=list(series["figure_id"]) + list(blockade["figure_id"]),
                 note=_("No count between {before} and {last} in our sources, so the rise cannot be placed before "
                        "or after the blockade. Part of the 2024 rise comes from registration extended to Gao, "
                        "Timbuktu and Kidal (H070). Triangle: the source says 'more than'.").format(
                            before=before.date_label, last=last.date_label),
                  height=440)
    return make_room(fig, left=80, below=70, top=16)


def flow_map(flows: pd.DataFrame, countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame,
             rivers: gpd.GeoDataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Arrows from Bamako to each host country; width ∝ √(cited count); dashed and unsized where none is cited."""
    fig = base_map(countries, regions, rivers)
    drawn = flows[flows["drawn"]]
    for row in drawn.itertuples():
        counted = row.status == "counted"
        colour = PALETTE[3] if counted else MUTED
        host = _(row.host)
        label = (f"<b>{host}</b>: {row.shown}<br>{_wrap(row.what, 30)}<br>({row.date_label}, {row.figure_id})"
                 if counted else _("<b>{host}</b>:<br>no count found").format(host=host))
        hover = _("{label}<br>also: {other}").format(label=label, other=_wrap(row.other, 50)) if row.other else label
        fig.add_trace(go.Scattergeo(
            lon=[row.origin_lon, row.lon], lat=[row.origin_lat, row.lat], mode="lines",
            line=dict(color=colour, width=row.width if counted else 1.6, dash="solid" if counted else "dash"),
            opacity=0.85, hoverinfo="text", text=hover, showlegend=False, name=row.host))
        fig.add_trace(go.Scattergeo(
            lon=[row.origin_lon, row.lon], lat=[row.origin_lat, row.lat], mode="markers+text",
            marker=dict(symbol=["circle", "arrow"], size=[0, 14 if counted else 10], color=colour,
                        angleref="previous"),
            text=["", label], textposition=LABEL_POSITION.get(row.host, "top center"),
            textfont=dict(size=11, color=INK), hoverinfo="text", hovertext=["", hover], showlegend=False,
            name=f"{row.host} label"))
    origin = flows.iloc[0]
    fig.add_trace(go.Scattergeo(lon=[origin.origin_lon], lat=[origin.origin_lat], mode="markers+text",
                                marker=dict(size=8, color=INK), text=[origin.origin], textposition="bottom left",
                                name=_("Bamako (stands for Mali)"), hoverinfo="text"))
    # Legend keys only (no data): what a solid and a dashed arrow mean.
    fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="lines", line=dict(color=PALETTE[3], width=6),
                                name=_("Cited count (width ∝ √ count)"), meta=BACKGROUND))
    fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="lines", line=dict(color=MUTED, width=1.6, dash="dash"),
                                name=_("No count in our sources"), meta=BACKGROUND))
    counted = flows[flows["status"] == "counted"]
    dates = "; ".join(f"{_(h)} {d}" for h, d in zip(counted["host"], counted["date_label"]))
    also = "; ".join(f"{_(h)}: {o}" for h, o in zip(counted["host"], counted["other"]) if o)
    ids = [i for ids in flows["other_ids"] for i in split_ids(ids)] + [i for i in flows["figure_id"] if i]
    fig = finish(fig, title=_("Mauritania hosts by far the most Malian refugees our sources count"),
                 catalogue=catalogue, source_ids=ids + ["countries", "regions", "rivers", "places"],
                 note=_("Schematic arrows: each joins Bamako, standing for Mali, to a gazetteer point in the host "
                        "country; they show where Malians are hosted, not routes or places of origin. The sized "
                        "figures have different dates ({dates}) and count different things (refugees vs asylum "
                        "seekers). Also cited: {also}. Mali regions: pre-2023 scheme.").format(dates=dates, also=also),
                 height=640)
    return finish_map(fig, countries, label=["MLI", "MRT", "SEN", "GIN", "CIV", "BFA", "NER", "DZA"])


def small_multiples(rows: pd.DataFrame, *, title: str, note: str, catalogue: Catalogue,
                    height: int | None = None) -> go.Figure:
    """One horizontal-bar panel per `panel` value, stacked (each panel has its own unit, on its x axis).
    Bar labels carry the date; values carry the figure id. Party claims (JNIM) are vermillion, low-confidence
    figures grey. Stacked panels stay legible on a narrow page."""
    names = list(dict.fromkeys(rows["panel"]))
    rows = rows.assign(bar_label=[f"{lab}<br>{_wrap(d, 34)}" for lab, d in zip(rows["label"], rows["date_label"])])
    # Each bar's room grows with its label's lines (22 px a line holds the projector's 18 px text): a three-line
    # French label ran into its neighbours in a 40 px row.
    rows = rows.assign(slot=[max(40, 22 * (label.count("<br>") + 1)) for label in rows["bar_label"]])
    slots = [int(rows.loc[rows["panel"] == n, "slot"].sum()) for n in names]
    fig = make_subplots(rows=len(names), cols=1, subplot_titles=names, row_heights=slots,
                        vertical_spacing=0.42 / len(names))
    for i, name in enumerate(names, start=1):
        p = rows[rows["panel"] == name]
        # A party's claim is marked in its metric name (e.g. "..._jnim_claim").
        colours = [CLAIM if "claim" in metric else LOW if conf == "low" else PALETTE[i - 1]
                   for metric, conf in zip(p["metric"], p["confidence"])]
        fig.add_trace(go.Bar(
            y=list(p["bar_label"]), x=p["in_unit"],
            orientation="h",
            marker_color=colours, text=[f"{s} ({i_})" for s, i_ in zip(p["shown"], p["figure_id"])],
            textposition="outside", cliponaxis=False, textfont=dict(size=11), showlegend=False, name=name,
            hovertemplate="%{y}<br>%{x:,}<extra></extra>"), row=i, col=1)
        # The unit goes on the x axis unless the panel's title already ends with it, "(million USD)": said twice,
        # the axis title ran into the next panel's title on the projector.
        unit = "" if re.search(r"\([^)]*\)\s*$", name) else p["unit"].iloc[0].split("(")[0].strip()
        fig.update_xaxes(title_text=_(unit) if unit else "", title_standoff=8,
                         range=[0, p["in_unit"].max() * 1.6], row=i, col=1)
        fig.update_yaxes(type="category", autorange="reversed", tickfont=dict(size=11), row=i, col=1)
    fig.update_annotations(font=dict(size=12))
    fig = finish(fig, title=title, catalogue=catalogue, source_ids=list(rows["figure_id"]), note=note,
                 height=height or 120 + int(rows["slot"].sum()) + 70 * len(names))
    longest = max(len(line) for t in fig.data for y in t.y for line in str(y).split("<br>"))
    return make_room(fig, left=12 + 6 * longest, below=50)


def mauritania_figure(rows: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    r = rows.set_index("figure_id")
    ratio = r.at["H003", "number"] / r.at["H004", "number"]
    return small_multiples(
        rows, catalogue=catalogue,
        title=_("Mbera camp was at {ratio}× capacity ({date}); more came in late 2025").format(
            ratio=fmt.number(ratio, 1), date=r.at["H003", "date_label"]),
        note=_("Counts differ in scope (Hodh Chargui region, whole country, all refugees or Malians only) and date; "
              "they are not a time series. Grey: low confidence (H007: date of the article uncertain). Arrival "
              "counts since late Oct 2025 overlap: they are running totals, not additions. Ratio computed from "
              "H003 and H004."))


def coastal_figure(rows: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    return small_multiples(
        rows, catalogue=catalogue, title=_("Violence has spread to northern Benin and Togo"),
        note=_("Vermillion: JNIM's own claim. Grey: low confidence (Togo 2024: no official figure, a Security Council "
              "Report estimate). Togo's 2025 figure covers only part of the year. These attacks occur near the "
              "borders with Burkina Faso and Niger, per the sources' geography."))


def funding_figure(rows: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    r = rows.set_index("figure_id")
    return small_multiples(
        rows, catalogue=catalogue,
        title=_("Mali's 2026 aid plan asks for less, after a 2025 appeal only {funded} funded").format(
            funded=r.at["H062", "shown"]),
        note=_("OCHA says the fall in people in need from 2025 to 2026 reflects method and funding cuts, not an "
              "improvement (H072). The 2025 funded share was reported at the 2026 plan launch (H062)."))


def examples() -> list[go.Figure]:
    """Every figure of the chapter with default parameters (the central test checks their source ids)."""
    from widgets import loaders as L

    figures, cat = L.load_figures(), L.load_catalogue()
    return [
        headline_figure(A.headline_totals(figures), catalogue=cat),
        country_idps_figure(A.country_idps(figures), catalogue=cat),
        mali_idp_figure(A.mali_idp_series(figures), A.figure_rows(figures, A.BLOCKADE_IDS), catalogue=cat),
        flow_map(A.host_flows(figures, L.load_places()), L.load_countries(), L.load_regions(), L.load_rivers(),
                 catalogue=cat),
        mauritania_figure(A.panels(figures, A.MAURITANIA_PANELS), catalogue=cat),
        coastal_figure(A.panels(figures, A.COASTAL_PANELS), catalogue=cat),
        funding_figure(A.panels(figures, A.FUNDING_PANELS), catalogue=cat),
    ]
