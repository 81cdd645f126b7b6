/* Job: the shared namespace and the few helpers every other briefing-*.js file uses (configuration, element
 * building, the page's own figures, plain text of HTML).
 *
 * CONTRACT (for the Voilà template and for the static exporter)
 * -------------------------------------------------------------
 * Files: briefing-config.js (generated), briefing-*.js (one job each, any order: they only define functions on
 * window.Briefing), then briefing.js, which mounts everything. The exporter inlines the files in name order, which
 * puts briefing.js last ("-" sorts before ".").
 *   window.BRIEFING_DEFAULTS   written by briefing-config.js (scripts/make_template_assets.py); never edit by hand.
 *   window.BRIEFING_CONFIG     optional, set by the page BEFORE these files load; its keys win over the defaults:
 *     mode:      "voila" (served) | "export" (static HTML file, no kernel)
 *     chapters:  [{id: "01_threat", title: "1 · The threat", href: "01_threat.html"}, ...] in reading order;
 *                href is used as is (relative links), so an export points them at its own files.
 *     current:   id of this page's chapter; default: the chapter whose href or id matches the URL's last segment.
 *     main:      CSS selector of the element holding the cells (skip link, presentation); default "#rendered_cells".
 *     themes, defaultTheme: from the generated defaults (normally not overridden).
 *
 * Exposed: window.BriefingApp = {mount, setTheme, enterPresentation, leavePresentation, config, ...} (briefing.js)
 *          window.briefingFigureCsv(gd) → CSV text of a plotly graph div as displayed (briefing-csv.js).
 *          window.Briefing: every file's functions, the pure ones testable with page.evaluate.
 *
 * Figures: plotly's JupyterLab renderer (and the widgets' bundle) set window.Plotly when they load plotly.js, and a
 * graph div only exists once one of them has, so the scripts use window.Plotly from there instead of serving a
 * second 4.6 MB copy. An exported page loads plotly.js itself, which sets window.Plotly the same way.
 */
(function (B) {
  "use strict";
  let config = null;

  // Read on first use, not at load: the exporter may inline this file before briefing-config.js.
  B.config = function () {
    if (!config) {
      config = Object.assign({ mode: "voila", chapters: [], themes: [], defaultTheme: "light", main: "#rendered_cells" },
                             window.BRIEFING_DEFAULTS || {}, window.BRIEFING_CONFIG || {});
    }
    return config;
  };

  B.root = document.documentElement;

  B.element = function (tag, attrs, ...children) {
    const el = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== null && v !== undefined) el.setAttribute(k, v); });
    children.forEach((c) => el.append(c));
    return el;
  };

  B.main = function () {
    return document.querySelector(B.config().main);
  };

  // The page's figures only: plotly's image export draws hidden copies in <body>, which must stay as they are.
  B.pageFigures = function () {
    const main = B.main();
    return main ? [...main.querySelectorAll(".js-plotly-plot")] : [];
  };

  B.plainText = function (html) {
    const div = document.createElement("div");
    div.innerHTML = String(html || "").replace(/<br\s*\/?>/gi, " ");
    return (div.textContent || "").replace(/\s+/g, " ").trim();
  };
})(window.Briefing = window.Briefing || {});
