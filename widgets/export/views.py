"""Static counterparts of the interactive panels, for the export (no kernel): every state the reader can pick is
computed here, by the same tested functions the live panels call, and shipped inside the figure as native plotly
controls — a slider whose steps restyle the threat timeline and map, buttons that switch a scenario figure between
presets.

Plotly and HTML only: no widgets. The figures still go through `finish()` (their builders call it), so each keeps its
source line.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from widgets import fmt
from widgets.i18n import _
from widgets.analysis import threat as A
from widgets.catalogue import Catalogue
from widgets.figures import threat as F
from widgets.figures.common import TITLE_LINE_PX, TITLE_PAD_PX, make_room
from widgets.figures.theme import BORDER, GRID, INK, MUTED, WINDOW_BAND
from widgets.scenarios.base import Outcome, Param, defaults
from widgets import flags_html as flags_ui

KEEP = "__briefing_keep__"  # "leave this trace's attribute as it is" in a restyle (see restyle_args)
COUNT_WRAP = 115  # characters per line of the count sentence above the timeline (plot area width)
LINE_PX = 17
SLIDER_PX = 104  # room a slider takes below a plot (current value, rail, step labels)
BUTTONS_PX = 40  # room for the row of preset buttons above a scenario figure

AXIS_TITLE_PX = 72  # the timeline's x-axis tick labels and title, which the slider goes under


# --- shared ------------------------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    """JSON-ready values, deterministic: timestamps as ISO dates, tuples as lists, numpy scalars as Python."""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return _plain(value.tolist())
    return value


def flat_paths(trace: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A trace's plotly JSON as dotted attribute paths (`marker.color`), the keys Plotly.restyle understands."""
    out = {}
    for key, value in trace.items():
        if key in ("type", "uid") and not prefix:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flat_paths(value, path + "."))
        else:
            out[path] = _plain(value)
    return out


def restyle_args(states: list[list[dict[str, Any]]]) -> list[dict[str, list[Any]]]:
    """For several states of the same traces, the restyle dict of each state, one value per trace, holding only what
    changes between states. A trace whose value of an attribute never changes gets KEEP (export.js turns it into
    `undefined`, which Plotly.restyle skips), so a region's outline is not repeated in every step; None resets an
    attribute a state does not set."""
    flats = [[flat_paths(t) for t in traces] for traces in states]
    keys = sorted({k for traces in flats for t in traces for k in t})
    out: list[dict[str, list[Any]]] = [{} for _ in flats]
    for k in keys:
        per_trace = list(zip(*[[t.get(k) for t in traces] for traces in flats]))  # trace → its value per state
        varies = [any(v != values[0] for v in values[1:]) for values in per_trace]
        if any(varies):
            for i, traces in enumerate(flats):
                out[i][k] = [traces[j].get(k) if varies[j] else KEEP for j in range(len(traces))]
    return out


# --- threat explorer: a week window that slides ------------------------------------------------------------
@dataclass(frozen=True)
class Window:
    start: pd.Timestamp
    end: pd.Timestamp
    label: str
    count: int
    sentence: str


def threat_windows(events: pd.DataFrame, width: int) -> list[Window]:
    """Every window of `width` weeks that the live slider can show at that width (filters off), oldest first."""
    weeks = A.week_starts(events)
    width = max(1, min(width, len(weeks)))
    out = []
    for lo in range(0, len(weeks) - width + 1):
        start, end = weeks[lo], weeks[lo + width - 1] + pd.Timedelta(days=6)
        selected = A.select(events, start, end)
        n_agg = len(A.select(events, start, end, aggregate=True))
        out.append(Window(start, end, fmt.day(start), len(selected),
                          A.selection_sentence(selected, start, end, n_agg)))
    return out


def _wrap(text: str) -> str:
    return "<br>".join(textwrap.wrap(text, COUNT_WRAP))


# Slider text in theme colours (widgets.figures.theme), which the page's script maps for the dark and projector
# themes. Preset buttons stay light with dark text in every theme: plotly draws the active button in a fixed pale
# colour (lighter than these buttons), so themed light text would vanish on it; these colours are outside the
# theme map on purpose.
BUTTON_COLOURS = dict(bgcolor="#dfe3e8", bordercolor=BORDER, font=dict(color="#1f2328", size=12))


def _slider(labels: list[str], steps_args: list[list[Any]], active: int, prefix: str) -> dict[str, Any]:
    return dict(active=active, currentvalue=dict(prefix=prefix, font=dict(size=13, color=INK)), pad=dict(t=10, b=0),
                bgcolor=GRID, activebgcolor=WINDOW_BAND, bordercolor=BORDER, tickcolor=MUTED,
                font=dict(color=INK, size=12), x=0, len=1.0, y=1.0, yanchor="bottom", name="time-window",
                steps=[dict(label=label, method="update", args=args) for label, args in zip(labels, steps_args)])


def threat_timeline(events: pd.DataFrame, windows: list[Window], *, catalogue: Catalogue,
                    active: int | None = None) -> go.Figure:
    """The timeline with a native slider: one step per window, restyling the dots and the band and rewriting the
    count annotation; the count is computed by widgets.analysis.threat for each window."""
    active = len(windows) - 1 if active is None else active
    states, shapes = [], []
    fig = F.timeline(events, catalogue=catalogue, start=windows[active].start, end=windows[active].end)
    for w in windows:
        F.restyle_timeline(fig, events, set(A.select(events, w.start, w.end)["event_id"]), w.start, w.end)
        states.append([t.to_plotly_json() for t in fig.data])
        shapes.append((_plain(fig.layout.shapes[0].x0), _plain(fig.layout.shapes[0].x1)))
    w = windows[active]
    F.restyle_timeline(fig, events, set(A.select(events, w.start, w.end)["event_id"]), w.start, w.end)
    lines = max(_wrap(x.sentence).count("<br>") + 1 for x in windows)
    fig.add_annotation(text=_wrap(w.sentence), name="window-count", showarrow=False, xref="paper", yref="paper",
                       x=0, y=1, xanchor="left", yanchor="bottom", yshift=8, align="left", font=dict(size=13))
    index = [a.name for a in fig.layout.annotations].index("window-count")
    steps = [[data, {"shapes[0].x0": x0, "shapes[0].x1": x1, f"annotations[{index}].text": _wrap(x.sentence)}]
             for data, (x0, x1), x in zip(restyle_args(states), shapes, windows)]
    # The count above the plot, the slider below the x-axis title, the source footer below the slider.
    fig = make_room(fig, below=SLIDER_PX, top=LINE_PX * lines + 8)
    slider = _slider([x.label for x in windows], steps, active, _("Weeks starting "))
    slider.update(y=0, yanchor="top", pad=dict(t=AXIS_TITLE_PX))
    fig.update_layout(sliders=[slider])
    fig.layout.meta = {**fig.layout.meta, "control": "time-window"}
    return fig


def threat_map(events: pd.DataFrame, points: pd.DataFrame, countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame,
               rivers: gpd.GeoDataFrame, windows: list[Window], *, catalogue: Catalogue, n_unresolved: int,
               active: int | None = None) -> go.Figure:
    """The region map with the same window slider: shading, labels, towns and title per window."""
    active = len(windows) - 1 if active is None else active
    w = windows[active]
    fig = F.threat_map(events, points, countries, regions, rivers, catalogue=catalogue,
                       selected=A.select(events, w.start, w.end), n_unresolved=n_unresolved)
    moving = [i for i, t in enumerate(fig.data)
              if t.name and (t.name.startswith(F.REGION_PREFIX) or t.name in (F.LABEL_TRACE, F.TOWN_TRACE))]
    states, titles = [], []
    for x in windows:
        selected = A.select(events, x.start, x.end)
        F.restyle_map(fig, A.count_by_region(selected), A.located_towns(points, selected))
        states.append([fig.data[i].to_plotly_json() for i in moving])
        titles.append(fig.layout.title.text)
    selected = A.select(events, w.start, w.end)
    F.restyle_map(fig, A.count_by_region(selected), A.located_towns(points, selected))
    steps = [[data, {"title.text": title}, moving] for data, title in zip(restyle_args(states), titles)]
    fig = make_room(fig, below=SLIDER_PX)
    slider = _slider([x.label for x in windows], steps, active, _("Weeks starting "))
    slider.update(y=0, yanchor="top", pad=dict(t=10))
    fig.update_layout(sliders=[slider])
    fig.layout.meta = {**fig.layout.meta, "control": "time-window"}
    return fig


def flags_html(events: pd.DataFrame, window: Window, record_start: pd.Timestamp) -> str:
    """Change flags per region and corridor for one window (all event types), as in the live panel."""
    base_start, base_end = A.baseline_window(window.start, window.end)
    compared = _("Reported incidents from {start} to {end} against {base_start} to {base_end} (all event "
                 "types).").format(start=fmt.day(window.start), end=fmt.day(window.end), base_start=fmt.day(base_start),
                                   base_end=fmt.day(base_end))
    head = (f"<h4>{html.escape(_('Change against the preceding window'))}</h4><p>{html.escape(compared, quote=False)} "
            f"{flags_ui.rule_html()}</p>{flags_ui.legend()}")
    return flags_ui.panel(head, flags_ui.tables(events, window.start, window.end, record_start))


# --- scenario presets --------------------------------------------------------------------------------------
def preset_values(model: ModuleType, preset: Any) -> dict[str, float]:
    """The full parameter set of a preset: the cited defaults, overridden by the preset's values (clamped)."""
    return preset.full_values(model.PARAMS)


def preset_outcomes(model: ModuleType) -> list[Outcome]:
    return [model.run(preset_values(model, p)) for p in model.PRESETS]


def scenario_figure(model: ModuleType, figure: Callable[..., go.Figure], *, catalogue: Catalogue,
                    group: str) -> go.Figure:
    """The scenario figure with one native button per preset; each button holds that preset's run of the model
    (traces and title), so switching needs no kernel. The first preset is shown."""
    baseline = model.run(defaults(model.PARAMS))
    figures = [figure(baseline, outcome, catalogue=catalogue) for outcome in preset_outcomes(model)]
    states = restyle_args([[t.to_plotly_json() for t in f.data] for f in figures])
    fig = figures[0]
    buttons = [dict(label=p.label, method="update", args=[state, _layout_state(f, group)])
               for p, state, f in zip(model.PRESETS, states, figures)]
    # The title to the top edge, the buttons right under its longest version, then what sat under the title
    # (subplot titles, a top legend) moved down by the buttons' height.
    lines = max(f.layout.title.text.count("<br>") + 1 for f in figures)
    fig = make_room(fig, top=BUTTONS_PX)
    buttons_top = TITLE_PAD_PX + lines * TITLE_LINE_PX + 6
    plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    fig.update_layout(title=dict(yref="container", y=1, yanchor="top", pad=dict(t=TITLE_PAD_PX)),
                      updatemenus=[dict(type="buttons", direction="right", active=0, buttons=buttons, x=_left_edge(fig),
                                        xanchor="left", y=1 + (fig.layout.margin.t - buttons_top) / plot_height,
                                        yanchor="top", pad=dict(t=0, b=0), showactive=True,
                                        name="presets", **BUTTON_COLOURS)])
    fig.layout.meta = {**fig.layout.meta, "control": "presets", "preset_group": group}
    return fig


def _layout_state(fig: go.Figure, group: str) -> dict[str, Any]:
    """What a preset button sets besides the traces: the preset's title, its axis ranges (a one-year preset ends
    its year axis at 1) and its `meta`, so that the PNG/SVG/CSV downloads of the shown preset say what it shows."""
    state: dict[str, Any] = {"title.text": fig.layout.title.text,
                             "meta": {**fig.layout.meta, "control": "presets", "preset_group": group}}
    for name, axis in fig.layout.to_plotly_json().items():
        if name.startswith(("xaxis", "yaxis")) and axis.get("range") is not None:
            state[f"{name}.range"] = list(axis["range"])
            state[f"{name}.dtick"] = axis.get("dtick")
    return state


def _left_edge(fig: go.Figure) -> float:
    """The figure's left edge (10 px in) in plot-area coordinates, where controls start (margins can be wide)."""
    m = fig.layout.margin
    plot_width = fig.layout.width - (m.l or 0) - (m.r or 0)
    return -((m.l or 0) - 10) / plot_width if plot_width > 0 else 0


def _value_text(param: Param, value: float) -> str:
    return f"{fmt.number(value, 0 if float(value).is_integer() else 1)} {param.unit}"


def presets_html(model: ModuleType, *, group: str, table: Callable[[pd.DataFrame, str], str]) -> str:
    """The presets in words (label, rationale, the values that differ from the defaults, marked as assumptions),
    then one table of numbers per preset; the export's script shows the table of the preset chosen."""
    params = {p.key: p for p in model.PARAMS}
    base = defaults(model.PARAMS)
    baseline = model.run(base)
    items = []
    for p in model.PRESETS:
        values = preset_values(model, p)
        changed = [_("{label}: {value} (default {default})").format(
            label=html.escape(params[k].label), value=_value_text(params[k], v), default=_value_text(params[k], base[k]))
            for k, v in values.items() if v != base[k]]
        detail = (_("Values (assumptions, not sourced): {values}.").format(values=_("; ").join(changed))
                  if changed else _("Every parameter at its default."))
        items.append(f"<li><strong>{html.escape(p.label)}</strong> — {html.escape(p.why)} "
                     f"<span class='preset-values'>{detail}</span></li>")
    tables = []
    for i, (p, outcome) in enumerate(zip(model.PRESETS, preset_outcomes(model))):
        messages = "".join(f"<li>{html.escape(m)}</li>" for m in outcome.messages)
        note = f'<div class="briefing-note info"><ul>{messages}</ul></div>' if messages else ""
        hidden = "" if i == 0 else " hidden"
        tables.append(f'<div class="preset-table" data-preset="{i}"{hidden}>'
                      + table(model.summary(baseline, outcome),
                              _("Baseline and preset “{label}” side by side").format(label=p.label))
                      + note + "</div>")
    heading = html.escape(_("Scenario presets"))
    intro = html.escape(_("Each button above the chart shows one preset, computed with the model when this copy was "
                          "exported. Preset values are assumptions, chosen to illustrate; they are not forecasts."))
    return (f'<section class="scenario-presets"><h4>{heading}</h4><p>{intro}</p><ul>{"".join(items)}</ul>'
            f'<div class="preset-tables" data-preset-group="{html.escape(group)}">{"".join(tables)}</div></section>')


def assumptions_html(model: ModuleType) -> str:
    return (f'<div class="scenario-assumptions"><h4>{html.escape(_("Assumptions and limits"))}</h4><ul>'
            + "".join(f"<li>{html.escape(_(a))}</li>" for a in model.ASSUMPTIONS) + "</ul></div>")
