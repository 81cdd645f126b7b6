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

  // plotly.js names months and sets numbers in English unless told a locale: a French page registers French
  // (the formats of plotly.js' own locale-fr, with Babel's narrow no-break space between thousands) and makes it
  // every figure's default, so date axes read "janv. 2025" and hover dates follow the page.
  const LOCALES = {
    fr: { moduleType: "locale", name: "fr", dictionary: {},
          format: { days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
                    shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
                    months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                             "octobre", "novembre", "décembre"],
                    shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                                  "nov.", "déc."],
                    date: "%d/%m/%Y", decimal: ",", thousands: "\u202f" } },
  };

  function localise(plotly) {
    const lang = (document.documentElement.lang || "en").slice(0, 2);
    const locale = LOCALES[lang];
    if (!locale || !plotly || typeof plotly.register !== "function" || plotly.__briefingLocale === lang) return;
    try {
      plotly.register(locale);
      plotly.setPlotConfig({ locale: lang });
      plotly.__briefingLocale = lang;
    } catch (e) { /* an older plotly without locales: English names stay */ }
  }

  function guard(plotly) {
    localise(plotly);
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

  B.plotlyGuard = { isSnapshot, guard, install, localise, LOCALES };
})(window.Briefing = window.Briefing || {});
