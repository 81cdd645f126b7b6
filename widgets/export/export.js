/* Draws every figure of a static export (its JSON sits next to its div) and keeps each scenario's table in step
   with the preset button chosen on its figure. Plain browser JS; plotly.js is inlined above. */
(function () {
  "use strict";
  var config = {displaylogo: false, responsive: true};

  function showPresetTable(gd, active) {
    var group = ((gd.layout || {}).meta || {}).preset_group;
    if (!group) return;
    document.querySelectorAll('.preset-tables[data-preset-group="' + group + '"] .preset-table')
      .forEach(function (table) { table.hidden = table.dataset.preset !== String(active); });
  }

  // Slider steps and buttons restyle only what changes: KEEP marks a trace whose attribute stays as it is, which
  // Plotly.restyle spells `undefined` (JSON has no undefined). See widgets/export/views.py restyle_args.
  var KEEP = "__briefing_keep__";
  function unkeep(restyle) {
    Object.keys(restyle || {}).forEach(function (key) {
      if (Array.isArray(restyle[key])) {
        restyle[key] = restyle[key].map(function (v) { return v === KEEP ? undefined : v; });
      }
    });
  }
  function prepare(layout) {
    (layout.sliders || []).forEach(function (s) { (s.steps || []).forEach(function (st) { unkeep((st.args || [])[0]); }); });
    (layout.updatemenus || []).forEach(function (m) { (m.buttons || []).forEach(function (b) { unkeep((b.args || [])[0]); }); });
    return layout;
  }

  // The timeline and the map of a chapter share one week window: moving either slider moves the other.
  var syncing = false;
  function followWindow(gd, active) {
    if (syncing) return;
    var section = gd.closest("section") || document;
    syncing = true;
    try {
      section.querySelectorAll(".plotly-figure").forEach(function (peer) {
        var meta = ((peer.layout || {}).meta) || {};
        var slider = ((peer.layout || {}).sliders || [])[0];
        if (peer === gd || meta.control !== "time-window" || !slider || !slider.steps[active]) return;
        var args = slider.steps[active].args;
        Plotly.update(peer, args[0], Object.assign({}, args[1], {"sliders[0].active": active}), args[2]);
      });
    } finally {
      syncing = false;
    }
  }

  // Drawn once every inlined script has run: the template's scripts set plotly's locale for the page's language.
  function drawAll() {
  document.querySelectorAll("script.figure-data").forEach(function (node) {
    var gd = document.getElementById(node.dataset.for);
    if (!gd) return;
    var spec = JSON.parse(node.textContent);
    prepare(spec.layout);
    Plotly.newPlot(gd, spec.data, spec.layout, config).then(function () {
      gd.on("plotly_buttonclicked", function (event) { showPresetTable(gd, event.active); });
      gd.on("plotly_sliderchange", function (event) {
        if (((gd.layout || {}).meta || {}).control === "time-window") followWindow(gd, event.slider.active);
      });
      gd.dataset.drawn = "true";
    });
  });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
