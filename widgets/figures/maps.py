"""Maps drawn from our own GeoJSON with plotly geo — base layers off, so nothing is fetched from a CDN."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.polygon import orient

from widgets import fmt
from widgets.i18n import _
from widgets.catalogue import Catalogue
from widgets.figures.common import finish
from widgets.figures.map_finish import NAMED_AROUND_MALI, country_names, finish_map, origins
from widgets.figures.theme import INK, LAND, LAND_FOCUS, MUTED, PALETTE, WATER
from widgets.vocabulary import split_ids, unique_ids

# West Africa around Mali (lon/lat degrees are only used to frame the view, never to measure).
VIEW = dict(lon=(-18.0, 4.5), lat=(4.0, 25.5))
# Every base layer stays off: plotly would otherwise download its world topojson from a CDN.
OFFLINE_GEO = dict(showland=False, showocean=False, showlakes=False, showrivers=False, showcountries=False,
                   showcoastlines=False, showsubunits=False, showframe=False, bgcolor="#dceaf4",
                   projection=dict(type="mercator"))
# Marks a layer that is not data (borders, rivers, labels, legend keys): no alt text, no CSV rows (figures.meta).
BACKGROUND = {"csv": False}


def line_xy(geometries) -> tuple[list, list]:
    """Coordinates of (multi)lines as one trace, parts separated by None."""
    xs: list = []
    ys: list = []
    for geom in geometries:
        parts = geom.geoms if isinstance(geom, MultiLineString) else [geom] if isinstance(geom, LineString) else []
        for part in parts:
            x, y = part.xy
            xs += [*x, None]
            ys += [*y, None]
    return xs, ys


def base_map(countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame | None = None,
             rivers: gpd.GeoDataFrame | None = None, *, focus: str = "MLI") -> go.Figure:
    """Countries (the focus country shaded), Mali's regions outlined, main rivers, fitted to West Africa."""
    fig = go.Figure()
    # Polygons as filled Scattergeo, not Choropleth: a trace with `locationmode` makes plotly fetch its topojson.
    # One trace per polygon part, because plotly geo cannot fill several rings of one trace separately.
    for iso, name, shown, geom in zip(countries["ADM0_A3"], countries["NAME"], country_names(countries),
                                      countries.geometry):
        for part in getattr(geom, "geoms", [geom]):
            if part.area < 0.01:  # skip specks (< ~100 km²; degrees only used to filter, not to measure)
                continue
            # d3-geo fills a counter-clockwise ring as "the whole globe but this": draw exteriors clockwise.
            x, y = orient(part, sign=-1.0).exterior.xy
            fig.add_trace(go.Scattergeo(lon=list(x), lat=list(y), mode="lines", fill="toself",
                                        fillcolor=LAND_FOCUS if iso == focus else LAND,
                                        line=dict(color="#9a9a9a", width=0.8), hoverinfo="text", text=shown,
                                        showlegend=False, name=name, meta=BACKGROUND))
    if regions is not None:
        x, y = line_xy(regions.boundary)
        fig.add_trace(go.Scattergeo(lon=x, lat=y, mode="lines", line=dict(color="#b5a990", width=0.7),
                                    hoverinfo="skip", name="Mali regions (pre-2023)", showlegend=False,
                                    meta=BACKGROUND))
    if rivers is not None:
        main = rivers[rivers.get("main_river", False) == True] if "main_river" in rivers else rivers  # noqa: E712
        x, y = line_xy(main.geometry)
        fig.add_trace(go.Scattergeo(lon=x, lat=y, mode="lines", line=dict(color=WATER, width=1.4),
                                    hoverinfo="skip", name="Niger and Sénégal rivers", showlegend=False,
                                    meta=BACKGROUND))
    labels = countries.assign(pt=countries.geometry.representative_point())
    keep = labels[labels["ADM0_A3"].isin(["MLI", "SEN", "MRT", "GIN", "CIV", "BFA", "NER", "DZA", "GHA"])]
    fig.add_trace(go.Scattergeo(lon=keep.pt.x, lat=keep.pt.y, mode="text", text=country_names(keep).str.upper(),
                                textfont=dict(size=10, color=MUTED), hoverinfo="skip", showlegend=False,
                                name="Country labels", meta=BACKGROUND))
    fig.update_geos(**OFFLINE_GEO, lonaxis_range=list(VIEW["lon"]), lataxis_range=list(VIEW["lat"]),
                    domain=dict(x=[0.24, 1.0], y=[0.0, 1.0]))
    return fig


def corridor_map(segments: gpd.GeoDataFrame, summary: pd.DataFrame, countries: gpd.GeoDataFrame,
                 regions: gpd.GeoDataFrame, rivers: gpd.GeoDataFrame, roads: gpd.GeoDataFrame,
                 places: gpd.GeoDataFrame, *, catalogue: Catalogue) -> go.Figure:
    """Every corridor routed on the road network, coloured, with its computed road length in the legend."""
    if segments.empty:
        raise ValueError("no corridor segments to draw")
    fig = base_map(countries, regions, rivers)
    x, y = line_xy(roads.geometry)
    fig.add_trace(go.Scattergeo(lon=x, lat=y, mode="lines", line=dict(color="#c9c9c9", width=0.6),
                                hoverinfo="skip", name=_("Other inter-city links (schematic)"), meta=BACKGROUND))
    drawn = summary[summary["connected"]]
    shared = drawn["message"].str.startswith("same roads as")
    for i, row in enumerate(drawn[~shared].itertuples()):
        seg = segments[segments["corridor_id"] == row.corridor_id]
        x, y = line_xy(seg.geometry)
        dash = "solid" if row.origin_kind == "port" else "dash"
        fig.add_trace(go.Scattergeo(
            lon=x, lat=y, mode="lines", line=dict(color=PALETTE[i % len(PALETTE)], width=2.6, dash=dash),
            name=_("{corridor}: {km}").format(corridor=row.corridor, km=fmt.km(row.road_km)), hoverinfo="text",
            text=_("{corridor}<br>{km} road km (network)<br>via {towns}").format(
                corridor=row.corridor, km=fmt.number(row.road_km), towns=row.towns.replace(";", ", "))))
    towns = places[places["brief_list"] & places["country_iso3"].isin(["MLI", "SEN", "MRT", "GIN", "CIV", "BFA",
                                                                     "NER", "GHA", "TGO", "BEN"])]
    towns = towns[towns["name"].isin(set(unique_ids(drawn["towns"])))]
    # Label the waypoints only; other towns on the routes show their name on hover.
    waypoints = set(" → ".join(drawn["waypoints"]).split(" → "))
    fig.add_trace(go.Scattergeo(lon=towns.geometry.x, lat=towns.geometry.y, mode="markers+text",
                                text=[n if n in waypoints else "" for n in towns["name"]], hovertext=towns["name"],
                                textposition="top center", textfont=dict(size=10, color=INK),
                                marker=dict(size=5, color=INK), hoverinfo="text",
                                name=_("Towns on the corridors")))
    cited = [f for ids in summary["cited_length_figure_ids"] for f in split_ids(ids)]
    note = _("Lines are schematic links of an OpenStreetMap-derived inter-city network, not traced roads; lengths "
             "are the network's road distances, computed by the briefing.") + " " + (
        _("Abidjan–Bougouni–Bamako runs on the same links as the Sikasso route in this network.")
        if shared.any() else "")
    fig.update_layout(legend=dict(title=dict(text=_("Road km on the network (dashed: inland)"))))
    title = _("{n} routes on the road network converge on a landlocked capital").format(n=fmt.number(len(drawn)))
    fig = finish(fig, title=title,
                  catalogue=catalogue, source_ids=["corridors", "roads", "countries", "regions", "rivers", "places",
                                                   *cited], note=note, height=640)
    return finish_map(fig, countries, places=places, label=NAMED_AROUND_MALI, ports=origins(drawn["corridor"]))
