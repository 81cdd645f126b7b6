/* Job: stop plotly's JupyterLab renderer from failing after every static figure. Once a figure is drawn, the
 * renderer draws it a second time as a PNG (Plotly.toImage) to store the snapshot in the notebook model with
 * model.setData(); Voilà hands it a plain object with no setData, so every figure cost a PNG render and an
 * uncaught "setData is not a function". A page has no notebook to save into: the renderer's snapshot request
 * (a PNG of exactly the figure's on-screen size, no scale) is answered with an empty result, which the renderer
 * takes as "unchanged" and stores nothing. Every other call to Plotly.toImage is passed through untouched.
 */
(function (B) {
  "use strict";
  const NO_SNAPSHOT = "snapshot-skipped"; // no comma: the renderer's `result.split(",")[1]` is undefined

  // Whether a Plotly.toImage call is the renderer's snapshot request (pure on its arguments).
  function isSnapshot(gd, options) {
    if (!gd || typeof gd !== "object" || !gd.classList || !options || typeof options !== "object") return false;
    const keys = Object.keys(options).sort().join(",");
    return keys === "format,height,width" && options.format === "png" && options.width === gd.offsetWidth &&
      options.height === gd.offsetHeight && !!gd.closest && !!gd.closest(".jp-OutputArea-output");
  }

  function guard(plotly) {
    if (!plotly || typeof plotly.toImage !== "function" || plotly.toImage.__briefingGuard) return plotly;
    const original = plotly.toImage;
    const toImage = function (gd, options) {
      if (isSnapshot(gd, options)) return Promise.resolve(NO_SNAPSHOT);
      return original.apply(this, arguments);
    };
    toImage.__briefingGuard = true;
    try { plotly.toImage = toImage; } catch (e) { /* a frozen module: nothing to do */ }
    return plotly;
  }

  // window.Plotly appears when a renderer first loads plotly.js: guard it as it is set (before its first figure).
  function install() {
    if (window.Plotly) { guard(window.Plotly); return; }
    let value;
    try {
      Object.defineProperty(window, "Plotly", {
        configurable: true, enumerable: true,
        get: () => value,
        set: (v) => { value = guard(v); },
      });
    } catch (e) { /* defined elsewhere as not configurable: leave it */ }
  }

  B.plotlyGuard = { isSnapshot, guard, install };
})(window.Briefing = window.Briefing || {});
