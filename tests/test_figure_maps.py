"""The shared map finish (widgets/figures/map_finish.py) on every map: frame, names, legend (issue 13)."""

from __future__ import annotations

import pytest
from shapely.geometry import box
from shapely.ops import unary_union

from widgets import loaders
from widgets.figures import corridors_chapter, gold, maps, overview, spillover, threat
from widgets.figures import map_finish as MF


def _maps():
    out = {"overview": overview.examples()[0]}
    out["threat"] = next(f for f in threat.examples() if any(t.type == "scattergeo" for t in f.data))
    out["kayes"] = next(f for f in gold.examples() if any(t.type == "scattergeo" for t in f.data))
    out["flows"] = next(f for f in spillover.examples() if any(t.type == "scattergeo" for t in f.data))
    cc = [f for f in corridors_chapter.examples() if any(t.type == "scattergeo" for t in f.data)]
    out["corridors"], out["pressure"] = cc[0], cc[1]
    return out


MAPS = _maps()


def _frame(fig) -> MF.Frame:
    geo, m = fig.layout.geo, fig.layout.margin
    return MF.Frame(tuple(geo.lonaxis.range), tuple(geo.lataxis.range), fig.layout.width - m.l - m.r,
                    fig.layout.height - m.t - m.b)


@pytest.mark.parametrize("name", MAPS)
def test_the_frame_holds_the_whole_of_mali_and_every_data_point(name):
    """Issue 13: the overview was cropped to western Mali and its corridor lines left the frame."""
    fig = MAPS[name]
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    x0, y0, x1, y1 = loaders.load_countries().set_index("ADM0_A3").loc[["MLI"]].total_bounds
    assert lon[0] <= x0 and lon[1] >= x1 and lat[0] <= y0 and lat[1] >= y1, (name, lon, lat)
    for trace in fig.data:
        if trace.type == "scattergeo" and MF._is_data(trace) and not MF._is_area(trace):
            for a, b in MF._points(trace):
                assert lon[0] <= a <= lon[1] and lat[0] <= b <= lat[1], (name, trace.name, a, b)


@pytest.mark.parametrize("name", MAPS)
def test_no_name_is_crossed_by_a_line_or_a_marker(name):
    """Country and port names sit where no line (corridor, arrow, river, road) or marker crosses them."""
    fig = MAPS[name]
    frame = _frame(fig)
    labels = [t for t in fig.data if t.name in (MF.LABEL_TRACE, MF.PORT_TRACE)]
    assert labels, f"{name}: no country or port is named"
    others = unary_union([s for t in fig.data if t.name not in (MF.LABEL_TRACE, MF.PORT_TRACE)
                          for s in MF._obstacles(type(fig)(data=[t]), frame, data_only=False)])
    for trace in labels:
        for text, shape in MF._trace_text_boxes(trace, frame):
            assert not others.intersects(shape.buffer(-1)), f"{name}: '{text}' is crossed"
            assert box(0, 0, frame.width, frame.height).contains(shape), f"{name}: '{text}' leaves the map"


def test_the_story_s_countries_and_ports_are_named():
    fig = MAPS["overview"]
    names = [str(x) for t in fig.data if t.name in (MF.LABEL_TRACE, MF.PORT_TRACE) for x in t.text]
    assert {"MALI", "MAURITANIA", "SENEGAL", "Dakar", "Abidjan", "Nouakchott", "Conakry"} <= set(names), names


@pytest.mark.parametrize("name", MAPS)
def test_legend_names_only_what_is_drawn_and_hides_no_data(name):
    """Legend entries match a visible trace; a legend inside the map covers no data point or line."""
    fig = MAPS[name]
    frame = _frame(fig)
    for t in fig.data:
        if t.type == "scattergeo" and MF._is_data(t) and t.showlegend is not False and t.name:
            assert MF._points(t), f"{name}: legend entry '{t.name}' draws nothing"
    legend = fig.layout.legend
    if legend.orientation == "h":
        assert legend.y <= 0, f"{name}: a horizontal legend sits under the map"
        return
    w, h = MF._legend_box(fig)
    left = 4 if legend.xanchor == "left" else frame.width - w - 4
    top = 4 if legend.yanchor == "top" else frame.height - h - 4
    data = unary_union(MF._obstacles(fig, frame, data_only=True))
    assert not data.intersects(box(left, top, left + w, top + h)), f"{name}: the legend hides data"
    assert fig.layout.geo.domain.x == (0, 1), f"{name}: a band is kept beside the map"
