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

import anywidget
import ipywidgets as W
import plotly.graph_objects as go
import traitlets

from widgets import fmt
from widgets.catalogue import Catalogue
from widgets.i18n import _
from widgets.scenarios.base import Outcome, Param, clamp, defaults
from widgets.show import part
from widgets.ui.page import LOG, table_html
from widgets.ui.plot_view import PlotView
from widgets.ui.url_state import UrlState, page_query, parse_query, restore_numbers


def source_words(param: Param, catalogue: Catalogue) -> str:
    """Where a slider's default comes from, in words: 'Assumption' or 'Default 1,385 tanker loads/week from C031:
    Source: AP, 12 Oct 2025 [S040]' (figure id, publisher, date, source id)."""
    if param.source == "assumption":
        return _("Assumption (no source gives this value)")
    value = fmt.number(param.default, 0 if float(param.default).is_integer() else 1)
    return _("Default {value} {unit} from figure {figure_id} · {source_line}").format(
        value=value, unit=_(param.unit), figure_id=param.source, source_line=catalogue.source_line([param.source]))


def _slider(param: Param, catalogue: Catalogue) -> tuple[W.FloatSlider, W.HTML]:
    slider = W.FloatSlider(value=param.default, min=param.low, max=param.high, step=param.step,
                           description=_(param.label), continuous_update=False,
                           readout_format=",.0f" if param.step >= 1 else ".2f",
                           style={"description_width": "260px"}, layout=W.Layout(width="640px", flex="0 0 auto"))
    slider.add_class("scenario-slider")
    # The source and the reasoning are on the page, not in a hover title: the reasoning folds under a <details>,
    # which a keyboard (Tab, Enter) and a finger open alike.
    # The model's words (label, unit, reasoning) are its module's constants, translated where shown.
    unit, why, summary = html.escape(_(param.unit)), html.escape(_(param.why)), html.escape(_("Why this default"))
    label = W.HTML(f'<div class="param-source"><span class="param-unit">{unit}</span> · '
                   f'<span class="param-origin">{html.escape(source_words(param, catalogue))}</span>'
                   f'<details class="param-why"><summary>{summary}</summary>'
                   f'{why}</details></div>', layout=W.Layout(flex="1 1 auto", min_width="0"))
    return slider, label


_NAMES_ESM = r"""
function render({ model, el }) {
  // Gives each slider handle of this panel an accessible name (its label) and description (its source line),
  // again whenever the panel draws its controls anew.
  const apply = (panel) => {
    const names = model.get("names");
    panel.querySelectorAll(".scenario-slider").forEach((slider, i) => {
      const handle = slider.querySelector(".noUi-handle, [role=slider]");
      const source = slider.parentElement && slider.parentElement.querySelector(".param-source");
      if (!handle || names[i] === undefined) return;
      if (handle.getAttribute("aria-label") !== names[i]) handle.setAttribute("aria-label", names[i]);
      if (source) {
        source.id = source.id || (model.get("prefix") + "-source-" + i);
        handle.setAttribute("aria-describedby", source.id);
      }
      const readout = slider.querySelector(".widget-readout");
      if (readout) {
        readout.setAttribute("aria-label", names[i] + ", value");
        localise(readout);
      }
    });
  };
  // ipywidgets writes the readout with d3-format, which knows English only ("18,250", "3.00"). On a French page
  // the readout shows the French number ("18 250", "3,00"); what a reader types is read back in either form.
  const french = () => (document.documentElement.lang || "").startsWith("fr");
  const english = (text) => text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  const written = new WeakMap();  // readout → the French text this code wrote (it is not English to convert)
  const localise = (readout, typed = false) => {  // typed: the reader pressed Enter, their number is in
    if (!french() || (readout === document.activeElement && !typed)) return;
    const text = readout.textContent.trim();
    if (written.get(readout) === text) return;
    if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text)) return;  // what d3-format wrote: "18,250", "3.00"
    const digits = (text.split(".")[1] || "").length;
    const shown = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits })
      .format(Number(text.replace(/,/g, "")));
    written.set(readout, shown);
    if (shown !== text) readout.textContent = shown;
  };
  const readBack = (event) => {  // before ipywidgets parses what was typed (capture phase, on the panel)
    const readout = event.target;
    if (!french() || !readout.classList || !readout.classList.contains("widget-readout")) return;
    if (event.type === "keydown" && event.key !== "Enter") return;
    readout.textContent = english(readout.textContent);
    setTimeout(() => localise(readout, true), 100);  // once ipywidgets has written the value back
  };
  let observer = null;
  const start = () => {
    const panel = el.closest(".scenario-panel");
    if (!panel) { setTimeout(start, 200); return; }
    apply(panel);
    panel.addEventListener("keydown", readBack, true);
    panel.addEventListener("blur", readBack, true);
    panel.addEventListener("focusout", () => setTimeout(() => apply(panel), 0));
    observer = new MutationObserver(() => apply(panel));
    observer.observe(panel, { childList: true, subtree: true, characterData: true });
  };
  start();
  return () => { if (observer) observer.disconnect(); };
}
export default { render };
"""


class SliderNames(anywidget.AnyWidget):
    """Invisible helper: names the panel's slider handles for screen readers (ipywidgets gives them none)."""

    _esm = _NAMES_ESM
    names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    prefix = traitlets.Unicode().tag(sync=True)


CUSTOM = -1  # the preset menu's value once the sliders match no preset


@part
def scenario_panel(model: ModuleType, figure: Callable[..., go.Figure], *, catalogue: Catalogue,
                   prefix: str) -> W.VBox:
    """Build the panel for one model; `prefix` names its parameters in the URL (e.g. `fuel`)."""
    params: list[Param] = list(model.PARAMS)
    base_values = defaults(params)
    baseline: Outcome = model.run(base_values)
    saved, url_problems = restore_numbers(parse_query(page_query(), f"{prefix}."), base_values,
                                          {p.key: (p.low, p.high) for p in params})

    rows, more, sliders = [], [], {}
    essential = set(getattr(model, "ESSENTIAL", [p.key for p in params]))
    for p in params:
        slider, label = _slider(p, catalogue)
        slider.value = saved[p.key]
        sliders[p.key] = slider
        row = W.HBox([slider, label], layout=W.Layout(align_items="flex-start"))
        (rows if p.key in essential else more).append(row)
    more_box = None
    if more:  # the rest folded, opened when the address already moved one of them
        more_box = W.Accordion([W.VBox(more)], titles=(_("More assumptions ({n} sliders)").format(n=len(more)),),
                               selected_index=0 if any(saved[p.key] != p.default for p in params
                                                       if p.key not in essential) else None)
        more_box.add_class("scenario-more")
    reset = W.Button(description=_("Reset to baseline"), icon="undo",
                     tooltip=_("Every slider back to its cited default"),
                     layout=W.Layout(width="auto"))
    reset.add_class("scenario-reset")
    presets = list(getattr(model, "PRESETS", []))
    preset_box = W.Dropdown(options=[(_(p.label), i) for i, p in enumerate(presets)]
                            + [(_("Custom (sliders moved)"), CUSTOM)], value=CUSTOM,
                            description=_("Preset"), style={"description_width": "initial"},
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
    heading, items = html.escape(_("Assumptions and limits")), [html.escape(_(a)) for a in model.ASSUMPTIONS]
    assumptions = W.HTML(f'<div class="scenario-assumptions"><h4>{heading}</h4><ul>'
                         + "".join(f"<li>{a}</li>" for a in items) + "</ul>"
                         + "<p>" + _("Sliders marked <em>assumption</em> have no sourced default; <em>Why this "
                                     "default</em> under each slider gives the reasoning.") + "</p></div>")
    # Not `baseline`: that name holds the baseline Outcome the figure and the summary compare with.
    baseline_text = html.escape(_(model.BASELINE)) if getattr(model, "BASELINE", "") else ""
    baseline_word = html.escape(_("Baseline."))
    baseline_note = W.HTML(f'<p class="scenario-baseline"><strong>{baseline_word}</strong> {baseline_text}</p>'
                           if baseline_text else "")

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
            preset_box.value = CUSTOM if match is None else match
        finally:
            busy["preset"] = False
        preset_why.value = ("" if match is None else
                            f'<p class="preset-why"><em>{html.escape(_(presets[match].why))}</em> '
                            + html.escape(_("Preset values are assumptions chosen to illustrate, not sourced figures."))
                            + "</p>")

    def update(_change=None) -> None:
        if busy["reset"]:
            return
        try:
            values, problems = clamp({k: s.value for k, s in sliders.items()}, params)
            scenario: Outcome = model.run(values)
            new = figure(baseline, scenario, catalogue=catalogue)
            fig.show(new)
            summary.value = table_html(model.summary(baseline, scenario), _("Baseline and scenario side by side"))
            show_messages(url_problems + problems + list(scenario.messages))
            show_preset()
            url_problems.clear()
            url.state = {f"{prefix}.{k}": f"{v:g}" for k, v in values.items() if v != base_values[k]}
        except Exception:  # noqa: BLE001 — a reader sees a message, the log keeps the detail
            LOG.exception("scenario %s failed", prefix)
            show_messages([_("This scenario could not be computed; the inputs were kept. The detail is in the server "
                             "log.")])

    def set_all(values: dict[str, float]) -> None:
        busy["reset"] = True  # one recomputation for the whole change, not one per slider
        try:
            for key, slider in sliders.items():
                slider.value = values[key]
        finally:
            busy["reset"] = False
        update()

    def reset_all(_button=None) -> None:
        set_all(base_values)

    def choose_preset(change) -> None:
        if not busy["preset"] and change["new"] not in (None, CUSTOM):
            set_all(presets[change["new"]].full_values(params))

    for slider in sliders.values():
        slider.observe(update, names="value")
    reset.on_click(reset_all)
    preset_box.observe(choose_preset, names="value")
    update()
    # Controls first (full width, one row per slider with its source), then the assumptions in plain words,
    # then messages, the side-by-side numbers and the figure.
    choice = [W.HBox([preset_box, reset], layout=W.Layout(gap="16px")), preset_why] if presets else [reset]
    names = SliderNames(names=[_(p.label) for p in params if p.key in essential] + [_(p.label) for p in params
                                                                                    if p.key not in essential],
                        prefix=prefix, layout=W.Layout(display="none"))
    controls = W.VBox([baseline_note, *choice, *rows, *([more_box] if more_box else []), names])
    panel = W.VBox([controls, assumptions, messages, summary, fig, url])
    panel.add_class("scenario-panel")
    panel.add_class(f"scenario-{prefix}")
    return panel
