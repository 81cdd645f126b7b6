/* Job: figure colours per theme. Figures are built in the light look; this file maps their neutral colours (paper,
 * ink, grid, land, sea...) to the shown theme's through the generated maps (briefing-config.js), and back to light
 * for downloads. Only the colours listed in a theme's map change, so data colours (Okabe–Ito) stay as built.
 */
(function (B) {
  "use strict";
  const COLOUR_KEY = /colou?r$/i;
  // Text drawn on top of bars and tiles keeps its colour: the marks under it do not change with the theme.
  const TEXT_ON_MARKS = new Set(["bar", "funnel", "heatmap", "histogram", "pie", "treemap", "sunburst", "waterfall"]);

  // One spelling per colour ('white', '#FFF', 'rgb(255, 255, 255)' → '#ffffff'), so the theme maps match.
  const canonicalCache = new Map();
  let probe = null;
  function canonical(colour) {
    if (typeof colour !== "string") return colour;
    let hit = canonicalCache.get(colour);
    if (hit === undefined) {
      probe = probe || document.createElement("canvas").getContext("2d");
      probe.fillStyle = "#010203"; // a sentinel: an invalid colour leaves fillStyle unchanged
      probe.fillStyle = colour;
      hit = probe.fillStyle === "#010203" && colour.trim().toLowerCase() !== "#010203" ? colour
        : probe.fillStyle.replace(/\s+/g, "").replace(/^rgba\((\d+),(\d+),(\d+),([\d.]+)\)$/, "rgba($1,$2,$3,$4)");
      canonicalCache.set(colour, hit);
    }
    return hit;
  }

  let maps = null; // {toTheme: {theme: {light: shown}}, toLight: {shown: light}}
  function colourMaps() {
    if (maps) return maps;
    maps = { toTheme: {}, toLight: {} };
    B.config().themes.forEach((t) => {
      maps.toTheme[t.name] = {};
      Object.entries(t.figure || {}).forEach(([light, shown]) => {
        maps.toTheme[t.name][canonical(light)] = canonical(shown);
        maps.toLight[canonical(shown)] = canonical(light); // the generator checks this is unambiguous
      });
    });
    return maps;
  }

  function recolour(value, theme) {
    if (typeof value !== "string") return value;
    const { toTheme, toLight } = colourMaps();
    const c = canonical(value);
    const light = toLight[c] || c;
    const shown = theme === null ? light : ((toTheme[theme] || {})[light] || light);
    return shown === c ? value : shown;
  }

  // Changes {path: colour} to bring `obj` to `theme` (null = light). Per-point arrays change too (e.g. labels chosen
  // to contrast with a fill); arrays of objects (annotations, shapes) are walked.
  function colourChanges(obj, theme, prefix, out, skip, depth) {
    if (!obj || typeof obj !== "object" || depth > 6) return out;
    for (const key of Object.keys(obj)) {
      if (key.startsWith("_") || key === "template" || key === "meta" || (skip && skip.has(key))) continue;
      const value = obj[key];
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof value === "string" && COLOUR_KEY.test(key)) {
        const shown = recolour(value, theme);
        if (shown !== value) out[path] = shown;
      } else if ((key === "colorway" || COLOUR_KEY.test(key)) && Array.isArray(value) &&
                 value.every((v) => typeof v === "string" || v === null)) {
        const shown = value.map((v) => recolour(v, theme));
        if (shown.some((v, i) => v !== value[i])) out[path] = shown;
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (item && typeof item === "object" && !Array.isArray(item)) {
            const index = item._index !== undefined ? item._index : i;
            colourChanges(item, theme, `${path}[${index}]`, out, null, depth + 1);
          }
        });
      } else if (value && typeof value === "object" && !ArrayBuffer.isView(value)) {
        colourChanges(value, theme, path, out, null, depth + 1);
      }
    }
    return out;
  }

  function traceChanges(trace, theme) {
    const skip = TEXT_ON_MARKS.has(trace.type || "scatter") ? new Set(["textfont", "insidetextfont"]) : null;
    return colourChanges(trace, theme, "", {}, skip, 0);
  }

  B.recolour = { canonical, recolour, layoutChanges: (layout, theme) => colourChanges(layout, theme, "", {}, null, 0),
                 traceChanges };
})(window.Briefing = window.Briefing || {});
