"""One panel for every scenario model: sliders with their sources, reset, messages, baseline vs scenario side by
side, one figure updated in place, and the parameters mirrored in the page URL.

A model module provides PARAMS, ASSUMPTIONS, run(values) -> Outcome, summary(baseline, scenario) and optionally
PRESETS (named scenarios, offered in a menu that sets the sliders); its figure
builder provides figure(baseline, scenario, catalogue=...) with a fixed number of traces.
"""

from __future__ import annotations

import html
from types import ModuleType
from typing import Callable

import ipywidgets as W
import plotly.graph_objects as go

from widgets.catalogue import Catalogue
from widgets.scenarios.base import Outcome, Param, clamp, defaults
from widgets.ui import mode
from widgets.ui.page import LOG, table_html
from widgets.ui.plot_view import PlotView
from widgets.ui.url_state import UrlState, page_query, parse_query, restore_numbers


def _source_label(param: Param, catalogue: Catalogue) -> str:
    if param.source == "assumption":
        return f"Assumption: {param.why}"
    return f"Default {param.default:g} {param.unit} from {param.source} — {catalogue.source_line([param.source])}. {param.why}"


def _slider(param: Param, catalogue: Catalogue) -> tuple[W.FloatSlider, W.HTML]:
    slider = W.FloatSlider(value=param.default, min=param.low, max=param.high, step=param.step,
                           description=param.label, continuous_update=False, readout_format=",.0f" if param.step >= 1 else ".2f",
                           style={"description_width": "260px"}, layout=W.Layout(width="640px", flex="0 0 auto"),
                           tooltip=_source_label(param, catalogue))
    slider.add_class("scenario-slider")
    tag = "assumption" if param.source == "assumption" else f"source: {param.source}"
    label = W.HTML(f'<span class="param-source" title="{html.escape(_source_label(param, catalogue), quote=True)}">'
                   f"{html.escape(param.unit)} · {html.escape(tag)}</span>")
    return slider, label


def scenario_panel(model: ModuleType, figure: Callable[..., go.Figure], *, catalogue: Catalogue,
                   prefix: str) -> W.VBox:
    """Build the panel for one model; `prefix` names its parameters in the URL (e.g. `fuel`)."""
    if mode.is_export():  # no kernel: the presets, pre-computed, as buttons on the figure
        from widgets.export import panels
        return panels.scenario(model, figure, catalogue=catalogue, prefix=prefix)
    params: list[Param] = list(model.PARAMS)
    base_values = defaults(params)
    baseline: Outcome = model.run(base_values)
    saved, url_problems = restore_numbers(parse_query(page_query(), f"{prefix}."), base_values,
                                          {p.key: (p.low, p.high) for p in params})

    rows, sliders = [], {}
    for p in params:
        slider, label = _slider(p, catalogue)
        slider.value = saved[p.key]
        sliders[p.key] = slider
        rows.append(W.HBox([slider, label], layout=W.Layout(align_items="center")))
    reset = W.Button(description="Reset to baseline", icon="undo", tooltip="Every slider back to its cited default",
                     layout=W.Layout(width="auto"))
    reset.add_class("scenario-reset")
    presets = list(getattr(model, "PRESETS", []))
    preset_box = W.Dropdown(options=[(p.label, i) for i, p in enumerate(presets)], value=None,
                            description="Preset", style={"description_width": "initial"},
                            layout=W.Layout(width="auto"))
    preset_box.add_class("scenario-preset")
    preset_why = W.HTML()
    preset_why.add_class("scenario-preset-why")
    messages = W.HTML()
    messages.add_class("scenario-messages")
    summary = W.HTML()
    summary.add_class("scenario-summary")
    url = UrlState(prefix=f"{prefix}.")
    fig = PlotView()  # redrawn whole on each change: see widgets/ui/plot_view.py for why not a FigureWidget
    assumptions = W.HTML('<div class="scenario-assumptions"><h4>Assumptions and limits</h4><ul>'
                         + "".join(f"<li>{html.escape(a)}</li>" for a in model.ASSUMPTIONS) + "</ul>"
                         + "<p>Sliders marked <em>assumption</em> have no sourced default; hover a slider's label "
                           "for the reasoning or the source.</p></div>")

    def show_messages(items: list[str]) -> None:
        messages.value = ("" if not items else '<div class="briefing-note warning"><ul>'
                          + "".join(f"<li>{html.escape(m)}</li>" for m in items) + "</ul></div>")

    busy = {"reset": False, "preset": False}

    def show_preset() -> None:
        """Name the preset the sliders match (none once a slider leaves it) and say why it is worth a look."""
        current = {k: s.value for k, s in sliders.items()}
        match = next((i for i, p in enumerate(presets) if p.full_values(params) == current), None)
        busy["preset"] = True
        try:
            preset_box.value = match
        finally:
            busy["preset"] = False
        preset_why.value = ("" if match is None else
                            f'<p class="preset-why"><em>{html.escape(presets[match].why)}</em> Preset values are '
                            f"assumptions chosen to illustrate, not sourced figures.</p>")

    def update(_=None) -> None:
        if busy["reset"]:
            return
        try:
            values, problems = clamp({k: s.value for k, s in sliders.items()}, params)
            scenario: Outcome = model.run(values)
            new = figure(baseline, scenario, catalogue=catalogue)
            fig.show(new)
            summary.value = table_html(model.summary(baseline, scenario), "Baseline and scenario side by side")
            show_messages(url_problems + problems + list(scenario.messages))
            show_preset()
            url_problems.clear()
            url.state = {f"{prefix}.{k}": f"{v:g}" for k, v in values.items() if v != base_values[k]}
        except Exception:  # noqa: BLE001 — a reader sees a message, the log keeps the detail
            LOG.exception("scenario %s failed", prefix)
            show_messages(["This scenario could not be computed; the inputs were kept. The detail is in the server log."])

    def set_all(values: dict[str, float]) -> None:
        busy["reset"] = True  # one recomputation for the whole change, not one per slider
        try:
            for key, slider in sliders.items():
                slider.value = values[key]
        finally:
            busy["reset"] = False
        update()

    def reset_all(_=None) -> None:
        set_all(base_values)

    def choose_preset(change) -> None:
        if not busy["preset"] and change["new"] is not None:
            set_all(presets[change["new"]].full_values(params))

    for slider in sliders.values():
        slider.observe(update, names="value")
    reset.on_click(reset_all)
    preset_box.observe(choose_preset, names="value")
    update()
    # Controls first (full width, one row per slider with its source), then the assumptions in plain words,
    # then messages, the side-by-side numbers and the figure.
    choice = [W.HBox([preset_box, reset], layout=W.Layout(gap="16px")), preset_why] if presets else [reset]
    panel = W.VBox([W.VBox([*choice, *rows]), assumptions, messages, summary, fig, url])
    panel.add_class("scenario-panel")
    panel.add_class(f"scenario-{prefix}")
    return panel
