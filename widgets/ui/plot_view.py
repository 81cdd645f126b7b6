"""A plotly figure that a control redraws, as a tiny widget (anywidget, inline ES module, nothing fetched).

Why not plotly's FigureWidget: each one ships plotly.js (~5 MB) as its module, which anywidget must start within
2 s; a busy machine misses that ("[anywidget] Failed to initialize model") and the figure never updates. Why not
an Output widget: under nbclient (Voilà's executor) a large output captured in an Output widget stalls the cell
until the execution timeout. This view sends only the figure's JSON and draws it with the plotly.js that the
page already has: plotly's JupyterLab renderer sets window.Plotly when it draws the page's static figures.
"""

from __future__ import annotations

import json

import anywidget
import plotly.graph_objects as go
import plotly.io as pio
import traitlets

from widgets.figures.common import MODEBAR_CONFIG
from widgets.i18n import _

_ESM = """
function whenPlotly(waitMs) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    (function poll() {
      if (window.Plotly) resolve(window.Plotly);
      else if (performance.now() - start > waitMs) reject(new Error("plotly.js is not on this page"));
      else setTimeout(poll, 100);
    })();
  });
}
function render({ model, el }) {
  let gd = null;
  let pending = Promise.resolve();
  const draw = () => {
    pending = pending.then(() => whenPlotly(60000)).then((Plotly) => {
      const figure = model.get("figure");
      // No figure (a panel waiting for the reader's data, or cleared): no chart at all, not an empty one.
      if (!figure.data && !figure.layout) {
        if (gd) { Plotly.purge(gd); gd.remove(); gd = null; }
        return;
      }
      if (!gd) {
        gd = document.createElement("div");
        gd.className = "plot-view";
        el.appendChild(gd);
      }
      return Plotly.react(gd, figure.data || [], figure.layout || {}, model.get("config"));
    }).catch((error) => {
      el.textContent = model.get("failed").replace("{error}", error.message);
    });
  };
  model.on("change:figure", draw);
  draw();
  return () => { if (gd && window.Plotly) window.Plotly.purge(gd); };
}
export default { render };
"""


class PlotView(anywidget.AnyWidget):
    """Holds a figure's JSON; assign `show(fig)` to redraw it in place."""

    _esm = _ESM
    figure = traitlets.Dict().tag(sync=True)
    config = traitlets.Dict(MODEBAR_CONFIG).tag(sync=True)  # the same trimmed toolbar as the static figures
    failed = traitlets.Unicode().tag(sync=True)  # the message if the browser cannot draw, in the page's language

    def __init__(self, **kwargs) -> None:
        super().__init__(**{"failed": _("This chart could not be drawn ({error}). Reload the page."), **kwargs})

    def clear(self) -> None:
        """Remove the drawing (and the figure's data from the page)."""
        self.figure = {}

    def show(self, fig: go.Figure) -> None:
        # plotly's JSON encoder turns numpy arrays, NaN and timestamps into plain JSON values for the comm.
        self.figure = json.loads(pio.to_json(fig, validate=False))
