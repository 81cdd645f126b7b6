/* Job: the bar's status line between Voilà's own loading message (#loading, removed once the cells ran) and the
 * first drawn figure, so the reader never faces a blank or silent page.
 */
(function (B) {
  "use strict";

  // The message for a page state (pure): what is still happening, or "" once a figure is drawn.
  function message(state) {
    if (state.mode !== "voila" || state.figure || !(state.loading || state.pending)) return "";
    return B.t(state.loading ? "loading.running" : "loading.drawing");
  }

  function update() {
    const status = document.getElementById("briefing-status");
    if (!status) return;
    const text = message({
      mode: B.config().mode,
      loading: !!document.getElementById("loading"),
      pending: !!document.querySelector('script[type="application/vnd.voila.cell-output+json"]') ||
        [...document.querySelectorAll(".jp-OutputArea-output.lm-Panel")].some((o) => o.childElementCount === 0),
      figure: !!document.querySelector(".js-plotly-plot .main-svg"),
    });
    if (status.textContent !== text) status.textContent = text;
    status.hidden = !text;
  }

  B.status = { message, update };
})(window.Briefing = window.Briefing || {});
