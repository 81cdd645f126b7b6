"""One finishing step for every map: the frame, the labels of the countries and ports the story names, and a legend
that sits where it hides nothing.

Plotly places no label and moves no legend for us, so this module does the little geometry it takes, in the map's
own pixels (plotly's Mercator): it frames what the map must show (the whole of the focus country, the ports the
story names, every data point), sizes the plot to that frame's shape (widening the view, never cropping it), then
puts the legend in the first corner free of data and of the focus country, and each label at the spot nearest its
country's centre whose box no line, marker, other label or the legend crosses. Names and coordinates come from the
bundled geodata (countries and places layers) only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

import geopandas as gpd
import numpy as np
import plotly.graph_objects as go
import shapely
from shapely.geometry import LineString, Point, box
from shapely.ops import unary_union

from widgets import fmt
from widgets.figures.common import make_room
from widgets.figures.theme import INK, LEGEND_BG, MUTED, THEMES

LABEL_TRACE = "Country labels"
PORT_TRACE = "Ports named in the story"
CHAR_PX, LINE_PX = 6.6, 14  # width of one character and height of a line at the label's 10–11 px font
LEGEND_ROW_PX, LEGEND_CHAR_PX, LEGEND_PAD_PX = 19, 6.4, 44  # a vertical legend at font size 11
# How much larger than built the page may draw the legend's 11 px text (the projector theme's rule).
LEGEND_GROWTH = max([1.0] + [max(round(11 * t.figure_text.scale), t.figure_text.min_px) / 11
                             for t in THEMES.values() if t.figure_text])
MAX_PLOT_HEIGHT = 600  # px: the map and the page's controls fit one 768 px screen
PAD_DEG = 0.6  # around the frame (framing only, degrees never measure)


def country_names(countries: gpd.GeoDataFrame):
    """The countries' names in the page's language, as the boundary data gives them (Natural Earth's NAME_FR for
    French): place names are data, never translated in code."""
    column = "NAME_FR" if fmt.language() == "fr" and "NAME_FR" in countries else "NAME"
    return countries[column].fillna(countries["NAME"])


def origins(corridors: Iterable[str]) -> list[str]:
    """The towns corridors start from, in first-seen order: 'Dakar–Kayes–Bamako, Abidjan–…' → ['Dakar', 'Abidjan']."""
    names = [c.strip().split("–")[0] for text in corridors for c in str(text).split(",") if c.strip()]
    return list(dict.fromkeys(names))


NAMED_AROUND_MALI = ["MLI", "MRT", "SEN", "GIN", "CIV", "BFA", "NER", "DZA", "GHA"]  # the countries the story names


def _y(lat: float) -> float:
    """Mercator ordinate of a latitude in degrees (plotly geo's default projection here)."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


@dataclass(frozen=True)
class Frame:
    """The lon/lat window and the plot's size in px; converts degrees to the plot's pixels (origin top left)."""

    lon: tuple[float, float]
    lat: tuple[float, float]
    width: float
    height: float

    def px(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.lon[0]) / (self.lon[1] - self.lon[0]) * self.width
        y = (_y(self.lat[1]) - _y(lat)) / (_y(self.lat[1]) - _y(self.lat[0])) * self.height
        return x, y

    def geom_px(self, geom):
        """A shapely geometry in degrees, in the plot's pixels."""
        top, bottom = _y(self.lat[1]), _y(self.lat[0])

        def to_px(coords: np.ndarray) -> np.ndarray:
            merc = np.log(np.tan(np.pi / 4 + np.radians(coords[:, 1]) / 2))
            return np.column_stack([(coords[:, 0] - self.lon[0]) / (self.lon[1] - self.lon[0]) * self.width,
                                    (top - merc) / (top - bottom) * self.height])

        return shapely.transform(geom, to_px)


def _points(trace) -> list[tuple[float, float]]:
    lon, lat = getattr(trace, "lon", None), getattr(trace, "lat", None)
    if lon is None or lat is None:
        return []
    return [(float(a), float(b)) for a, b in zip(lon, lat) if a is not None and b is not None
            and not (isinstance(a, float) and math.isnan(a)) and not (isinstance(b, float) and math.isnan(b))]


def _is_data(trace) -> bool:
    meta = getattr(trace, "meta", None)
    return not (isinstance(meta, dict) and meta.get("csv") is False)


def _is_area(trace) -> bool:
    return getattr(trace, "fill", None) == "toself"


def fit_frame(fig: go.Figure, must_show: list, *, plot_width: float, max_height: float = MAX_PLOT_HEIGHT,
              pad: float = PAD_DEG) -> Frame:
    """The smallest window holding `must_show` (geometries) and every data point, padded, then widened to the
    plot's shape: the plot is `plot_width` wide and at most `max_height` tall."""
    boxes = [g.bounds for g in must_show if g is not None and not g.is_empty]
    for trace in fig.data:
        if trace.type == "scattergeo" and _is_data(trace) and not _is_area(trace):
            pts = _points(trace)
            if pts:
                xs, ys = zip(*pts)
                boxes.append((min(xs), min(ys), max(xs), max(ys)))
    x0, y0 = min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad
    x1, y1 = max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad
    frame = _shaped(x0, y0, x1, y1, plot_width, max_height)
    # Data labels that would run off the plot widen the frame by as much (once: the scale barely changes).
    labels = [b for t in fig.data if t.type == "scattergeo" and _is_data(t) for _, b in _trace_text_boxes(t, frame)]
    if labels:
        left, top = min(b.bounds[0] for b in labels), min(b.bounds[1] for b in labels)
        right, bottom = max(b.bounds[2] for b in labels), max(b.bounds[3] for b in labels)
        a0, b1 = _unpx(frame, min(left, 0) - 6, min(top, 0) - 6)
        a1, b0 = _unpx(frame, max(right, frame.width) + 6, max(bottom, frame.height) + 6)
        frame = _shaped(min(x0, a0), min(y0, b0), max(x1, a1), max(y1, b1), plot_width, max_height)
    return frame


def _shaped(x0: float, y0: float, x1: float, y1: float, plot_width: float, max_height: float) -> Frame:
    dx, dy = math.radians(x1 - x0), _y(y1) - _y(y0)
    height = plot_width * dy / dx
    if height > max_height:  # too tall: keep the height, show more to the east and west
        height = max_height
        half = math.degrees(dy * plot_width / max_height) / 2
        mid = (x0 + x1) / 2
        x0, x1 = mid - half, mid + half
    return Frame((x0, x1), (y0, y1), plot_width, height)


def _obstacles(fig: go.Figure, frame: Frame, *, data_only: bool) -> list:
    """What a label or the legend must not cover, in px: lines (data, roads, rivers, arrows), markers and the
    texts already drawn (as boxes). Country and region polygons are not obstacles (labels sit on them)."""
    shapes = []
    for trace in fig.data:
        if trace.type != "scattergeo" or _is_area(trace) or trace.name in (LABEL_TRACE,):
            continue
        if data_only and not _is_data(trace):
            continue
        mode = trace.mode or "markers"
        pts = [frame.px(*p) for p in _points(trace)]
        if "lines" in mode:
            lon, lat = list(trace.lon or []), list(trace.lat or [])
            run: list = []
            for a, b in [*zip(lon, lat), (None, None)]:
                if a is None or b is None:
                    if len(run) > 1:
                        shapes.append(LineString(run).buffer(2))
                    run = []
                else:
                    run.append(frame.px(a, b))
        if "markers" in mode:
            size = trace.marker.size if isinstance(trace.marker.size, (int, float)) else 10
            shapes += [Point(p).buffer(max(size, 6) / 2 + 1) for p in pts]
        if "text" in mode:
            shapes += [b for _, b in _trace_text_boxes(trace, frame)]
    return shapes


def _trace_text_boxes(trace, frame: Frame) -> list[tuple[str, object]]:
    """(text, box in px) of each label a scattergeo trace draws, placed by its textposition."""
    if trace.text is None or "text" not in (trace.mode or ""):
        return []
    pts = [frame.px(*p) for p in _points(trace)]
    texts = [trace.text] * len(pts) if isinstance(trace.text, str) else list(trace.text)
    where = trace.textposition
    positions = [where] * len(pts) if where is None or isinstance(where, str) else list(where)
    return [(str(t), _text_box(p, str(t), pos or "middle center")) for p, t, pos in zip(pts, texts, positions) if t]


def _text_box(at: tuple[float, float], text: str, position: str = "middle center"):
    """The box a text takes when plotly draws it at `at` with `position` ('top center', 'middle right', …)."""
    lines = text.split("<br>")
    w = max(len(line) for line in lines) * CHAR_PX + 4
    h = LINE_PX * len(lines)
    vertical, _space, horizontal = position.partition(" ")
    cx = at[0] + {"left": -(w / 2 + 5), "right": w / 2 + 5}.get(horizontal, 0)
    cy = at[1] + {"top": -(h / 2 + 5), "bottom": h / 2 + 5}.get(vertical, 0)
    return box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _free_spot(area, text: str, anchor: tuple[float, float], obstacles, frame: Frame, step: float = 6.0):
    """The centre nearest `anchor` where the text's box lies inside `area` and crosses no obstacle (None if none)."""
    blocked = unary_union(obstacles) if obstacles else None
    inside = area.intersection(box(2, 2, frame.width - 2, frame.height - 2))
    if inside.is_empty:
        return None
    x0, y0, x1, y1 = inside.bounds
    xs, ys = np.arange(x0, x1 + step, step), np.arange(y0, y1 + step, step)
    grid = sorted(((x, y) for x in xs for y in ys), key=lambda p: (p[0] - anchor[0]) ** 2 + (p[1] - anchor[1]) ** 2)
    for p in grid:
        b = _text_box(p, text)
        if inside.contains(b) and (blocked is None or not blocked.intersects(b)):
            return p
    return None


def _unpx(frame: Frame, x: float, y: float) -> tuple[float, float]:
    lon = frame.lon[0] + x / frame.width * (frame.lon[1] - frame.lon[0])
    top, bottom = _y(frame.lat[1]), _y(frame.lat[0])
    return lon, _lat(top - y / frame.height * (top - bottom))


def _legend_box(fig: go.Figure) -> tuple[float, float]:
    """Estimated size (px) of the vertical legend: one row per entry, group titles and a title on rows of their own."""
    entries = [t for t in fig.data if t.showlegend is not False and t.name]
    groups = {t.legendgroup for t in entries if getattr(t, "legendgrouptitle", None) and t.legendgrouptitle.text}
    title = fig.layout.legend.title.text if fig.layout.legend.title and fig.layout.legend.title.text else ""
    names = [str(t.name) for t in entries] + [title] + [t.legendgrouptitle.text for t in entries
                                                       if getattr(t, "legendgrouptitle", None) and t.legendgrouptitle.text]
    rows = len(entries) + len(groups) + (1 if title else 0)
    width = max((len(n) for n in names if n), default=10) * LEGEND_CHAR_PX + LEGEND_PAD_PX
    return width, rows * LEGEND_ROW_PX + 10


def _legend_rows_px(fig: go.Figure, plot_width: float) -> int:
    """Height (px) of a horizontal legend: entries flow in rows as wide as the plot, plus a title row. A legend with
    titled groups stacks each group's entries (plotly draws a group as a column): then as tall as the vertical one."""
    if any(getattr(t, "legendgrouptitle", None) and t.legendgrouptitle.text for t in fig.data):
        return int(_legend_box(fig)[1] + 24)
    widths = [len(str(t.name)) * LEGEND_CHAR_PX + LEGEND_PAD_PX for t in fig.data if t.showlegend is not False and t.name]
    rows, used = 1, 0.0
    for w in widths:
        if used + w > plot_width:
            rows, used = rows + 1, 0.0
        used += w
    title = bool(fig.layout.legend.title and fig.layout.legend.title.text)
    return int(LEGEND_ROW_PX * (rows + title) + 24)


def _hide_empty_legend_entries(fig: go.Figure, frame: Frame) -> None:
    """A legend names only what is drawn: a data trace with no point inside the frame leaves the legend."""
    for trace in fig.data:
        if trace.type == "scattergeo" and _is_data(trace) and trace.showlegend is not False and trace.name:
            pts = _points(trace)
            if not any(frame.lon[0] <= a <= frame.lon[1] and frame.lat[0] <= b <= frame.lat[1] for a, b in pts):
                trace.showlegend = False


def finish_map(fig: go.Figure, countries: gpd.GeoDataFrame, *, places: gpd.GeoDataFrame | None = None,
               focus: Iterable[str] = ("MLI",), label: Iterable[str] = (), ports: Iterable[str] = (),
               max_height: float = MAX_PLOT_HEIGHT) -> go.Figure:
    """Frame, label and lay out a finished map (call it after `finish`, which sets the margins).

    `focus`: ISO3 codes of the countries shown whole; `label`: ISO3 codes of the countries to name (those in the
    frame); `ports`: place names (from `places`) drawn and named, and kept inside the frame.
    """
    focus, label, ports = list(focus), list(label), list(ports)
    m = fig.layout.margin
    width = fig.layout.width or 1000
    plot_width = width - (m.l or 0) - (m.r or 0)
    port_rows = (places[places["name"].isin(ports)].drop_duplicates("name")
                 if places is not None and ports else None)
    must = list(countries[countries["ADM0_A3"].isin(focus)].geometry)
    if port_rows is not None:
        must += list(port_rows.geometry)
    frame = fit_frame(fig, must, plot_width=plot_width, max_height=max_height)
    fig.update_geos(lonaxis_range=list(frame.lon), lataxis_range=list(frame.lat), domain=dict(x=[0, 1], y=[0, 1]))
    fig.update_layout(height=int(round(frame.height + (m.t or 0) + (m.b or 0))))
    _hide_empty_legend_entries(fig, frame)
    fig.data = tuple(t for t in fig.data if t.name not in (LABEL_TRACE, PORT_TRACE))

    # The legend: the first corner that covers no data, no focus country and no port with its name (else below the
    # map, which grows). Its size is taken as the largest theme draws it (the projector enlarges figure text), so a
    # corner free in the light theme stays free on the projector.
    lw, lh = (side * LEGEND_GROWTH for side in _legend_box(fig))
    data = _obstacles(fig, frame, data_only=True)
    named_ports = ([frame_box for row in port_rows.itertuples() for frame_box in
                    (_text_box(frame.px(row.geometry.x, row.geometry.y), row.name, "middle left"),
                     _text_box(frame.px(row.geometry.x, row.geometry.y), row.name, "middle right"))]
                   if port_rows is not None else [])
    keep_clear = unary_union(data + named_ports
                             + [frame.geom_px(g) for g in countries[countries["ADM0_A3"].isin(focus)].geometry])
    corners = [("left", "bottom", 0.0, 0.0), ("left", "top", 0.0, 1.0), ("right", "top", 1.0, 1.0),
               ("right", "bottom", 1.0, 0.0)]
    legend_shape = None
    for xa, ya, x, y in corners:
        left = 4 if xa == "left" else frame.width - lw - 4
        top = frame.height - lh - 4 if ya == "bottom" else 4
        candidate = box(left, top, left + lw, top + lh)
        if not keep_clear.intersects(candidate):
            legend_shape = candidate
            fig.update_layout(legend=dict(x=x + (0.005 if x == 0 else -0.005), y=y + (0.008 if y == 0 else -0.008),
                                          xanchor=xa, yanchor=ya, orientation="v", bgcolor=LEGEND_BG,
                                          font=dict(size=11)))
            break
    if legend_shape is None:  # no free corner: a horizontal legend under the map, the figure grows to hold it
        fig.update_layout(legend=dict(x=0, y=-0.01, xanchor="left", yanchor="top", orientation="h",
                                      font=dict(size=11), title=dict(side="top")))
        make_room(fig, _legend_rows_px(fig, plot_width))

    # Ports: a dot and the name beside it, on the side its box is free.
    obstacles = _obstacles(fig, frame, data_only=False) + ([legend_shape] if legend_shape is not None else [])
    labelled = {t for trace in fig.data if trace.type == "scattergeo" for t, _ in _trace_text_boxes(trace, frame)}
    if port_rows is not None and not port_rows.empty:
        lons, lats, texts, positions = [], [], [], []
        for row in port_rows[~port_rows["name"].isin(labelled)].itertuples():
            p = frame.px(row.geometry.x, row.geometry.y)
            blocked = unary_union(obstacles)
            options = ["middle left", "middle right", "top center", "bottom center", "top left", "top right",
                       "bottom left", "bottom right"]
            # The first side that is free, else the one least covered.
            position = min(options, key=lambda o: blocked.intersection(_text_box(p, row.name, o)).area)
            obstacles += [_text_box(p, row.name, position), Point(p).buffer(4)]
            lons.append(row.geometry.x), lats.append(row.geometry.y), texts.append(row.name), positions.append(position)
        fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="markers+text", text=texts, textposition=positions,
                                    marker=dict(size=6, color=INK, symbol="circle"), textfont=dict(size=11, color=INK),
                                    hoverinfo="text", name=PORT_TRACE, showlegend=False, meta={"csv": False}))

    # Country names, each at the free spot nearest its centre inside the country.
    lons, lats, texts = [], [], []
    for iso in label:
        rows = countries[countries["ADM0_A3"] == iso]
        if rows.empty:
            continue
        name = str(country_names(rows).iloc[0]).upper()
        area = frame.geom_px(rows.geometry.iloc[0]).buffer(-2)
        if area.is_empty:
            continue
        inside = area.intersection(box(0, 0, frame.width, frame.height))
        if inside.is_empty:
            continue
        anchor = inside.representative_point()
        spot = _free_spot(inside, name, (anchor.x, anchor.y), obstacles, frame)
        if spot is None:
            continue  # no free place: better no label than one crossed by a line
        obstacles.append(_text_box(spot, name))
        lon, lat = _unpx(frame, *spot)
        lons.append(lon), lats.append(lat), texts.append(name)
    if texts:
        fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="text", text=texts, textfont=dict(size=11, color=MUTED),
                                    hoverinfo="skip", showlegend=False, name=LABEL_TRACE, meta={"csv": False}))
    return fig
