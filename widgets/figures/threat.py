"""Figures of the threat chapter: event timeline, map of events by region, convoy attacks against state strikes,
and JNIM strength estimates.

The timeline and the map have a `restyle_*` companion that updates a figure in place for a
new selection; the builders call the same functions, so the first drawing and every update look alike.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from widgets import fmt
from widgets.analysis import threat as A
from widgets.analysis.register import as_of_words
from widgets.byod.join import is_yours
from widgets.catalogue import Catalogue
from widgets.figures.common import YOURS_COLOUR, YOURS_SOURCE, finish, make_room, refresh_meta, set_extra_source
from widgets.figures.theme import INK, PALETTE
from widgets.i18n import N_, _, ngettext
from widgets.register_text import translate  # the register's own French (gettext domain "register")
from widgets.vocabulary import unique_ids

if TYPE_CHECKING:  # the explorer restyles a stored map without the geometry stack; drawing one needs it
    import geopandas as gpd

FAMILY_COLOURS = dict(zip(A.TYPE_FAMILIES, [PALETTE[3], PALETTE[0], PALETTE[1]]))
OUTSIDE = N_("Outside the selection")  # trace names are shown, so each is built and matched through _()
# Region shading bins (reported incidents); single-hue blues read in every common colour-vision deficiency.
BINS = [(0, 0, N_("none reported")), (1, 1, "1"), (2, 3, "2–3"), (4, 6, "4–6"), (7, math.inf, N_("7 or more"))]
BIN_COLOURS = ["#f4f4f4", "#c6dbef", "#9ecae1", "#4a8fc4", "#1f5f99"]
DARK_BINS = {3, 4}  # label these in white
TOWN_TRACE, LABEL_TRACE, REGION_PREFIX = N_("Towns named by the sources"), "region-labels", "region:"
# An analyst's uploaded events (widgets/byod): drawn apart, in their own trace, never mixed with the register's.
YOURS_TRACE = N_("Your data (uploaded)")


def event_source_ids(events: pd.DataFrame) -> list[str]:
    """Every source id cited by the events drawn, in first-seen order."""
    return unique_ids(events["source_ids"])


def _hover(events: pd.DataFrame) -> list[str]:
    """Hover text; every value is escaped, since uploaded rows may carry markup (shown as text, never run). Quotes
    stay as they are: plotly decodes &lt; &gt; &amp; in its labels but would show &quot; literally."""
    events = events.assign(place=events["place"].astype(str).map(translate))  # the register's French, if any
    events = events.assign(**{c: events[c].astype(str).map(lambda v: html.escape(v, quote=False))
                              for c in ("event_id", "place", "event_type", "confidence", "source_ids")})
    text = _("<b>{id}</b> · {date} ({precision})<br>{place}<br>{type} · {confidence} confidence<br>Sources: {sources}")
    return [text.format(id=r.event_id, date=fmt.day(r.date_start), precision=A._word(r.date_precision), place=r.place,
                        type=A.type_label(r.event_type), confidence=A._word(r.confidence),
                        sources=r.source_ids.replace(";", ", "))
            for r in events.itertuples()]


# --- timeline ----------------------------------------------------------------------------------------------
def restyle_timeline(fig: go.Figure, events: pd.DataFrame, selected_ids: set[str], start: pd.Timestamp,
                     end: pd.Timestamp) -> None:
    """Put the selected incidents in colour (by family), the rest in grey, and shade the window."""
    dated = A.incidents(events)
    inside = dated["event_id"].isin(selected_ids)
    yours = is_yours(dated)
    parts = {_(OUTSIDE): dated[~inside], _(YOURS_TRACE): dated[inside & yours]}
    parts.update({_(fam): dated[inside & ~yours & dated["event_type"].isin(types)]
                  for fam, types in A.TYPE_FAMILIES.items()})
    for trace in fig.data:
        part = parts.get(trace.name)
        if part is not None:
            trace.update(x=list(part["date_start"]), y=list(part["event_type"].map(A.type_label)),
                         hovertext=_hover(part))
            if trace.name == _(YOURS_TRACE):
                trace.showlegend = bool(yours.any())
    fig.layout.yaxis.categoryarray = _type_rows(dated)[::-1]
    fig.layout.shapes[0].update(x0=pd.Timestamp(start), x1=pd.Timestamp(end) + pd.Timedelta(days=1))


def _type_rows(dated: pd.DataFrame) -> list[str]:
    """The timeline's rows, top to bottom: the register's types in family order, then uploaded types."""
    present = set(dated["event_type"])
    order = [A.type_label(t) for types in A.TYPE_FAMILIES.values() for t in types if t in present]
    return order + sorted({A.type_label(t) for t in dated.loc[is_yours(dated), "event_type"]})


def timeline(events: pd.DataFrame, *, catalogue: Catalogue, start: pd.Timestamp | None = None,
             end: pd.Timestamp | None = None, selected_ids: set[str] | None = None) -> go.Figure:
    """Each dated incident as a dot on its type's row; the selection in colour, the window shaded."""
    dated = A.incidents(events)
    start = dated["date_start"].min() if start is None else start
    end = A.cutoff(events) if end is None else end
    selected_ids = set(A.select(events, start, end)["event_id"]) if selected_ids is None else selected_ids
    fig = go.Figure()
    fig.add_trace(go.Scatter(name=_(OUTSIDE), mode="markers", hoverinfo="text",
                             marker=dict(size=9, color="#c8c8c8", line=dict(width=0))))
    for family, colour in FAMILY_COLOURS.items():
        fig.add_trace(go.Scatter(name=_(family), mode="markers", hoverinfo="text",
                                 marker=dict(size=11, color=colour, line=dict(width=1, color="white"))))
    fig.add_trace(go.Scatter(name=_(YOURS_TRACE), mode="markers", hoverinfo="text", showlegend=False,
                             marker=dict(size=10, symbol="diamond", color=YOURS_COLOUR,
                                         line=dict(width=1, color=INK))))
    fig.add_vrect(x0=start, x1=end, fillcolor="#fff3c4", opacity=0.55, line_width=0, layer="below")
    order = _type_rows(dated)
    convoy = dated[dated["event_type"].isin(A.CONVOY_TYPES)]["date_start"]
    fig.update_layout(
        xaxis=dict(title=_("Date the sources give for the start of each event"), type="date"),
        yaxis=dict(title="", categoryorder="array", categoryarray=order[::-1], automargin=True),
        legend=dict(x=1.01, y=1.0, xanchor="left", yanchor="top", font=dict(size=11)), hovermode="closest")
    if fmt.language() != "en":  # plotly names months in English: the page's language names the axis's months here
        months = pd.date_range(dated["date_start"].min().to_period("M").to_timestamp(), A.cutoff(events), freq="MS")
        fig.update_xaxes(tickvals=list(months), ticktext=[_month(m) for m in months])
    restyle_timeline(fig, events, selected_ids, start, end)
    note = _("Each dot is one dated incident from a news-compiled list, which is incomplete; the shaded band is the "
             "selected window. Month-level aggregate statements overlap these rows and are not drawn. Events are "
             "placed at their start date; 'week' precision means the date is inferred within a few days.")
    title = (_("Reported attacks on fuel convoys ran from {first} to {last}").format(
        first=fmt.day(convoy.min()), last=fmt.day(convoy.max()))
        if len(convoy) else _("Reported events of the blockade"))
    return make_room(finish(fig, title=title, catalogue=catalogue, source_ids=["events", *event_source_ids(dated)],
                              note=note, height=520), 62)


# --- map ---------------------------------------------------------------------------------------------------
def bin_of(count: int) -> int:
    return next(i for i, (lo, hi, _label) in enumerate(BINS) if lo <= count <= hi)


def restyle_map(fig: go.Figure, region_counts: pd.DataFrame, towns: pd.DataFrame,
                scope: str = N_("in the selected weeks"), yours: pd.DataFrame | None = None) -> None:
    """Shade each region by its reported incidents, relabel it, redraw the named towns (and the places of uploaded
    events, `yours`: same columns as towns), and retitle the map so the title states what the shading shows."""
    counts = dict(zip(region_counts["region"], region_counts["events"]))
    fig.layout.title.text = _map_title(region_counts, scope)
    label_trace = None
    for trace in fig.data:
        if trace.name and trace.name.startswith(REGION_PREFIX):
            name = trace.name[len(REGION_PREFIX):]
            n = int(counts.get(name, 0))
            trace.update(fillcolor=BIN_COLOURS[bin_of(n)],
                         text=ngettext("{region}: {n} reported incidents", "{region}: {n} reported incidents",
                                       n).format(region=name, n=fmt.number(n)))
        elif trace.name == LABEL_TRACE:
            label_trace = trace
        elif trace.name == _(TOWN_TRACE):
            trace.update(lon=list(towns["lon"]), lat=list(towns["lat"]),
                         marker=dict(size=list(6 + 5 * np.sqrt(towns["events"])), color=PALETTE[1],
                                     line=dict(color=INK, width=0.8), opacity=0.9),
                         hovertext=_town_hover(towns))
        elif trace.name == _(YOURS_TRACE):
            mine = yours if yours is not None else towns.iloc[0:0]
            trace.update(lon=list(mine["lon"]), lat=list(mine["lat"]), showlegend=len(mine) > 0,
                         marker=dict(size=list(5 + 3 * np.sqrt(mine["events"])), color=YOURS_COLOUR,
                                     symbol="diamond", line=dict(color=INK, width=0.6), opacity=0.85),
                         hovertext=_town_hover(mine))
    if label_trace is not None:
        names = list(label_trace.customdata)
        label_trace.update(
            text=[f"{n}<br>{fmt.number(counts.get(n, 0))}" for n in names],
            textfont=dict(size=11, color=["white" if bin_of(int(counts.get(n, 0))) in DARK_BINS else INK
                                          for n in names]))


def _town_hover(towns: pd.DataFrame, max_ids: int = 12) -> list[str]:
    """'<b>Place</b>: n events<br>ids' with every value escaped (uploaded places may carry markup)."""
    out = []
    for p, n, ids in towns[["place", "events", "event_ids"]].itertuples(index=False):
        listed = ids.split(", ")
        hidden = len(listed) - max_ids
        more = ngettext(" and {n} more", " and {n} more", hidden).format(n=fmt.number(hidden)) if hidden > 0 else ""
        shown = ", ".join(listed[:max_ids]) + more
        out.append(ngettext("<b>{place}</b>: {n} event<br>{ids}", "<b>{place}</b>: {n} events<br>{ids}", n).format(
            place=html.escape(str(p), quote=False), n=fmt.number(n), ids=html.escape(shown, quote=False)))
    return out


NEIGHBOURS = ["MRT", "SEN", "GIN", "CIV", "BFA", "NER", "DZA"]  # named around Mali (its regions carry their own names)


def threat_map(events: pd.DataFrame, points: pd.DataFrame, countries: gpd.GeoDataFrame,
               regions: gpd.GeoDataFrame, rivers: gpd.GeoDataFrame, *, catalogue: Catalogue,
               selected: pd.DataFrame | None = None, n_unresolved: int | None = None) -> go.Figure:
    """Mali's pre-2023 regions shaded by reported incidents, with the towns the sources name as points."""
    from shapely.geometry.polygon import orient

    from widgets.figures.map_finish import finish_map
    from widgets.figures.maps import BACKGROUND, base_map

    fig = base_map(countries, None, rivers)
    for name, geom in zip(regions["name_std"], regions.geometry):
        for part in getattr(geom, "geoms", [geom]):
            x, y = orient(part, sign=-1.0).exterior.xy  # clockwise exterior, as base_map explains
            fig.add_trace(go.Scattergeo(lon=list(x), lat=list(y), mode="lines", fill="toself",
                                        line=dict(color="#7d7d7d", width=0.8), hoverinfo="text",
                                        name=f"{REGION_PREFIX}{name}", showlegend=False,
                                        meta=BACKGROUND))  # the label trace carries the counts
    pts = regions.geometry.representative_point()
    fig.add_trace(go.Scattergeo(lon=list(pts.x), lat=list(pts.y), mode="text", name=LABEL_TRACE,
                                customdata=list(regions["name_std"]), hoverinfo="skip", showlegend=False))
    for (_low, _high, label), colour in zip(BINS, BIN_COLOURS):
        fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", name=_(label), legendgroup="bins",
                                    legendgrouptitle_text=_("Reported incidents in the region"),
                                    marker=dict(symbol="square", size=14, color=colour,
                                                line=dict(color="#7d7d7d", width=0.8)), meta=BACKGROUND))
    fig.add_trace(go.Scattergeo(name=_(TOWN_TRACE), mode="markers", hoverinfo="text", legendgroup="towns",
                                legendgrouptitle_text=_("Located events (size: number)")))
    fig.add_trace(go.Scattergeo(name=_(YOURS_TRACE), mode="markers", hoverinfo="text", legendgroup="towns",
                                showlegend=False))
    scope = N_("in the whole record") if selected is None else N_("in the selected weeks")
    selected = A.incidents(events) if selected is None else selected
    unresolved = "" if n_unresolved is None else " " + _(
        "{n} events could not be placed on a town and have no point (listed below).").format(n=fmt.number(n_unresolved))
    note = (_("Regions: Mali's pre-2023 scheme (8 regions and Bamako district); an event naming several regions "
              "counts in each. Points are the towns the sources name, not the exact sites of the events.")
            + unresolved + " " + _("Counts are of a news-compiled list, which is incomplete."))
    fig = make_room(finish(fig, title="", catalogue=catalogue,
                              source_ids=["events", "event_places", "regions", "countries", "rivers",
                                          *event_source_ids(A.incidents(events))], note=note, height=640), 0)
    fig = finish_map(fig, countries, label=NEIGHBOURS)
    restyle_map(fig, A.count_by_region(selected), A.located_towns(points, selected), scope)
    refresh_meta(fig)  # the title and the alt text come from the restyled map
    return fig


def _map_title(region_counts: pd.DataFrame, scope: str) -> str:
    """The map's claim for what it shades: the regions with most reported incidents in that scope (`scope` is
    marked with N_ and translated here)."""
    scope = _(scope)
    top = region_counts[(region_counts["region"] != A.NOT_STATED) & (region_counts["events"] > 0)]
    top = top.sort_values("events", ascending=False, kind="stable").head(2)
    if top.empty:
        return _("No reported incident with a named region {scope}").format(scope=scope)
    if len(top) == 1:
        (r1, n1), = top[["region", "events"]].itertuples(index=False)
        return _("Reported incidents with a named region {scope}: {region} ({n})").format(
            scope=scope, region=r1, n=fmt.number(n1))
    (r1, n1), (r2, n2) = top[["region", "events"]].itertuples(index=False)
    return _("Most reported incidents with a named region {scope} are in {first} ({n1}) and {second} ({n2})").format(
        scope=scope, first=r1, n1=fmt.number(n1), second=r2, n2=fmt.number(n2))


# --- convoy attacks against state strikes ------------------------------------------------------------------
def convoy_strike_bars(events: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Monthly reported convoy/tanker attacks next to state air strikes (army claims, hatched)."""
    monthly = A.convoy_vs_strikes(events)
    fig = go.Figure()
    for label, colour, pattern in ((A.CONVOY_LABEL, PALETTE[3], ""), (A.STRIKE_LABEL, PALETTE[0], "/")):
        part = monthly[monthly["series"] == label]
        fig.add_trace(go.Bar(x=part["month"], y=part["events"], name=_(label), marker_color=colour,
                             marker_pattern_shape=pattern, text=part["events"].where(part["events"] > 0, ""),
                             textposition="outside", customdata=part["event_ids"],
                             hovertemplate=_("%{x|%b %Y}: %{y}<br>%{customdata}") + "<extra>" + _(label) + "</extra>"))
    agg = A.aggregates(events)
    left_out = agg[agg["event_type"].isin(A.CONVOY_TYPES + A.STRIKE_TYPES)]
    convoy = monthly.loc[monthly["series"] == A.CONVOY_LABEL, "events"].sum()
    strikes = monthly.loc[monthly["series"] == A.STRIKE_LABEL, "events"].sum()
    if fmt.language() != "en":  # plotly writes month names in English: the page's language names them here
        months = sorted(monthly["month"].unique())
        fig.update_xaxes(tickvals=months, ticktext=[_month(pd.Timestamp(m)) for m in months])
    fig.update_layout(barmode="group", xaxis=dict(title=_("Month"), dtick="M1", tickformat="%b %Y"),
                      yaxis=dict(title=_("Reported events per month"), rangemode="tozero", dtick=1, automargin=True),
                      legend=dict(x=0.99, y=0.99, xanchor="right", yanchor="top"))
    note = (_("State air strikes are Malian army claims (hatched): we found no independent confirmation.") + " "
            + (_("Not counted: {ids} (month-level statement overlapping the dated rows).").format(
                ids=", ".join(left_out["event_id"])) + " " if len(left_out) else "")
            + _("Counts are of a news-compiled list, which is incomplete; the record ends on {last}.").format(
                last=fmt.day(A.cutoff(events))))
    title = _("{convoy} reported attacks on fuel convoys against {strikes} army-claimed air strikes, "
              "{first} – {last}").format(convoy=fmt.number(convoy), strikes=fmt.number(strikes),
                                         first=_month(monthly["month"].min()), last=_month(monthly["month"].max()))
    rows = A.incidents(events)
    drawn = rows[rows["event_type"].isin(A.CONVOY_TYPES + A.STRIKE_TYPES)]
    return make_room(finish(fig, title=title, catalogue=catalogue, source_ids=["events", *event_source_ids(drawn)],
                              note=note, height=440), 62)


def _month(value: pd.Timestamp) -> str:
    """'Sep 2025' (French: 'sept. 2025')."""
    return fmt.partial_date(f"{value:%Y-%m}")


# --- JNIM strength -----------------------------------------------------------------------------------------
def size_chart(figures: pd.DataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Each strength estimate as a point or a low–high range, labelled with its scope and confidence."""
    sizes = A.size_estimates(figures)
    if sizes.empty:
        raise ValueError("no JNIM strength estimate in the figures")
    fig = go.Figure()
    labels = [f"{r.figure_id}, {as_of_words(r.as_of)}<br>{translate(r.geography)}" for r in sizes.itertuples()]
    words = [_("{confidence} confidence").format(confidence=A._word(r.confidence)) for r in sizes.itertuples()]
    for label, word, r in zip(labels, words, sizes.itertuples()):
        ranged = r.high != r.low
        fig.add_trace(go.Scatter(
            x=[r.low, r.high] if ranged else [r.low], y=[label, label] if ranged else [label],
            mode="lines+markers", line=dict(color=PALETTE[3], width=6), marker=dict(size=12, color=PALETTE[3]),
            showlegend=False, hoverinfo="text",
            hovertext=f"{r.figure_id}: {r.value or fmt.number(r.low) + '–' + fmt.number(r.high)} {A._unit(r.unit)}<br>"
                      f"{translate(r.notes)}<br>{word}"))
        text = (f"{fmt.number(r.low)}–{fmt.number(r.high)}" if ranged else
                _("about {n}").format(n=fmt.number(r.low)))
        fig.add_annotation(x=r.high, y=label, text=f"{text}<br>{word}", showarrow=False,
                           xanchor="left", xshift=10, font=dict(size=12, color=INK))
    fig.update_layout(xaxis=dict(title=_("Fighters (estimates)"), rangemode="tozero",
                                 range=[0, sizes["high"].max() * 1.45]),
                      yaxis=dict(autorange="reversed", automargin=True))
    note = _("The estimates cover different scopes ({scopes}) and conflict; we show all of them and pick "
             "none.").format(scopes=_("; ").join(translate(g) for g in sizes["geography"]))
    return make_room(finish(fig, title=_("JNIM's size is known only from conflicting, low-confidence estimates"),
                              catalogue=catalogue, source_ids=list(sizes["figure_id"]), note=note, height=330), 62)


def examples() -> list[go.Figure]:
    """Every figure of the chapter with default parameters (for the central source-id test)."""
    from widgets import loaders as L

    events, cat = L.load_events(), L.load_catalogue()
    return [
        size_chart(L.load_figures(), catalogue=cat),
        timeline(events, catalogue=cat),
        threat_map(events, L.load_event_points(), L.load_countries(), L.load_regions(), L.load_rivers(),
                   catalogue=cat, n_unresolved=len(L.load_events_unresolved())),
        convoy_strike_bars(events, catalogue=cat),
    ]
